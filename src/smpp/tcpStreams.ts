// TCP reassembly of captured packets, per direction of each connection, and the SMPP PDUs cut
// from the streams by PduFramer:
// - retransmitted and overlapping segments are trimmed to what is new (duplicates dropped);
//   segments ahead of the next expected octet wait in a bounded buffer until the hole fills;
// - a hole is declared lost (a gap, reported as a note) when the receiver's ACK already covers it,
//   when the buffer is full, at a FIN or RST, or at the end of the file; after a gap, and after a
//   PDU with an impossible command_length, the direction looks for the next plausible SMPP header;
// - a connection is SMPP when a direction starts with a plausible header (a command_length of
//   16..maxCommandLength, a known command_id, status 0 on a request), or when it uses the port the
//   user names (then the first header is looked for, as in a capture that starts mid-connection);
// - the ESME side is the one that sends a bind (or receives an outbind), else the side away from the
//   named port, else the one that sent the SYN, else the side away from a usual SMPP port, else the
//   higher port; a response is paired with the request it answers (same sequence_number, the other
//   way).
// IPv4 and IPv6 fragments are not reassembled: they are counted and noted. Every buffer, map and
// list here is bounded. No sockets, no Buffer, no node: imports.

import { readU32 } from './bytes';
import { PduError } from './fields';
import { PduFramer, DEFAULT_MAX_COMMAND_LENGTH } from './framer';
import { ipTcpSegment, networkOffset, TCP_ACK, TCP_FIN, TCP_RST, TCP_SYN, type TcpSegmentInfo } from './linkLayer';
import { commandById, expectsResponse } from './tables/commands';

export interface StreamEndpoint {
  host: string;
  port: number;
}

export interface CapturedPdu {
  /** 1-based, in the order PDUs completed in the file. */
  index: number;
  /** The packet whose arrival completed the PDU. */
  packet: number;
  /** ms since the epoch. */
  timestamp: number;
  /** 1-based number of the SMPP connection in the file, in the order they were found. */
  stream: number;
  from: StreamEndpoint;
  to: StreamEndpoint;
  /** Seen from the ESME: 'out' goes to the SMSC, 'in' comes from it. */
  direction: 'in' | 'out';
  esme: StreamEndpoint;
  smsc: StreamEndpoint;
  /** The PDU's own copy of its octets. */
  bytes: Uint8Array;
  command: string;
  command_id: number;
  command_status: number;
  sequence_number: number;
  /** For a response: the request it answers and the time between them (ms). */
  request?: { index: number; rtt: number };
}

export interface StreamNote {
  /** The packet it concerns (0 at the end of the file). */
  packet: number;
  /** "host:port → host:port" of the direction, where it concerns one. */
  stream?: string;
  message: string;
}

export interface TcpStreamsOptions {
  /** A TCP port that carries SMPP: connections on it are read as SMPP whatever their first octets. */
  port?: number;
  /** Largest command_length taken as plausible. Default 65536. */
  maxCommandLength?: number;
  /** Out-of-order octets held per direction before the hole is given up. Default 1 MiB. */
  maxBuffered?: number;
  /** Connections followed at once; the oldest is closed to make room. Default 4096. */
  maxStreams?: number;
  /** Notes kept; the rest are counted. Default 200. */
  maxNotes?: number;
}

/** How far into a direction the first SMPP header is looked for when nothing says it is SMPP. */
const SCAN_BUDGET = 64 * 1024;
/** Requests awaiting their response, per connection. */
const MAX_PENDING = 4096;

interface Held {
  seq: number;
  data: Uint8Array;
}

interface Direction {
  from: StreamEndpoint;
  to: StreamEndpoint;
  /** The next sequence number expected; undefined until the SYN or the first segment. */
  next: number | undefined;
  /** Segments ahead of `next`, by sequence. */
  held: Held[];
  heldOctets: number;
  /** Where the FIN's sequence number lies, once one was seen. */
  finAt: number | undefined;
  closed: boolean;
  /** 'scan': looking for a header; 'frame': cutting PDUs; 'off': not SMPP. */
  mode: 'scan' | 'frame' | 'off';
  scan: Uint8Array;
  scanLength: number;
  /** Octets scanned without finding a header while the connection was not yet known as SMPP. */
  scanned: number;
  framer: PduFramer;
  /** Stream octets delivered in order so far (after gaps, counting the missing octets too). */
  delivered: number;
  /** Stream position where the current framer started. */
  framerBase: number;
}

interface Stream {
  /** 1-based number among SMPP connections; 0 until it is known as SMPP. */
  number: number;
  smpp: boolean;
  dirs: [Direction, Direction];
  /** Which side sent the SYN (0: the side that sent the first packet seen). */
  synFrom: 0 | 1 | undefined;
  /** Which side is the ESME, once decided. */
  esme: 0 | 1 | undefined;
  /** Requests awaiting their response, by side and sequence_number. */
  pending: Map<string, { index: number; timestamp: number; commandId: number }>;
  startedWithSyn: boolean;
}

const SMPP_PORTS = [2775, 3550, 8775];

function endpointText(e: StreamEndpoint): string {
  return e.host.includes(':') ? `[${e.host}]:${e.port}` : `${e.host}:${e.port}`;
}

function directionText(d: Direction): string {
  return `${endpointText(d.from)} → ${endpointText(d.to)}`;
}

/** True when b[at..] holds a plausible SMPP header (16 octets needed). */
function plausibleHeader(b: Uint8Array, at: number, max: number): boolean {
  const length = readU32(b, at);
  if (length < 16 || length > max) return false;
  const id = readU32(b, at + 4);
  if (commandById(id) === undefined) return false;
  return (id & 0x80000000) !== 0 || readU32(b, at + 8) === 0;
}

/** a - b in sequence space (wraps at 2^32), as a signed 32-bit number. */
function seqDiff(a: number, b: number): number {
  return (a - b) | 0;
}

export class TcpStreams {
  private readonly streams = new Map<string, Stream>();
  private readonly port: number | undefined;
  private readonly maxCommandLength: number;
  private readonly maxBuffered: number;
  private readonly maxStreams: number;
  private readonly maxNotes: number;
  readonly notes: StreamNote[] = [];
  notesDropped = 0;
  pduCount = 0;
  smppStreams = 0;
  fragments = 0;
  private fragmentNoted = false;
  /** Timestamp and number of the packet being read. */
  private now = 0;
  private packetNumber = 0;

  constructor(options: TcpStreamsOptions = {}) {
    const port = options.port;
    if (port !== undefined && (!Number.isInteger(port) || port < 1 || port > 0xffff)) throw new RangeError(`port ${String(port)} is not a TCP port (1..65535)`);
    this.port = port;
    this.maxCommandLength = options.maxCommandLength ?? DEFAULT_MAX_COMMAND_LENGTH;
    this.maxBuffered = options.maxBuffered ?? 1024 * 1024;
    this.maxStreams = options.maxStreams ?? 4096;
    this.maxNotes = options.maxNotes ?? 200;
  }

  private note(message: string, d?: Direction): void {
    if (this.notes.length >= this.maxNotes) {
      this.notesDropped++;
      return;
    }
    const n: StreamNote = { packet: this.packetNumber, message };
    if (d !== undefined) n.stream = directionText(d);
    this.notes.push(n);
  }

  /** Reads one captured frame of the given link type. */
  packet(number: number, timestamp: number, linkType: number, frame: Uint8Array, onPdu: (pdu: CapturedPdu) => void): void {
    this.now = timestamp;
    this.packetNumber = number;
    const l3 = networkOffset(linkType, frame);
    if (l3 === undefined) return;
    const info = ipTcpSegment(frame, l3);
    if (info === undefined || info.kind === 'other') return;
    if (info.kind === 'fragment') {
      this.fragments++;
      if (!this.fragmentNoted) {
        this.fragmentNoted = true;
        this.note(`${info.ip} fragments from ${info.src} to ${info.dst} are not reassembled: what they carry is left out (the first such packet)`);
      }
      return;
    }
    if (this.port !== undefined && info.srcPort !== this.port && info.dstPort !== this.port) return;
    this.segment(info, frame, onPdu);
  }

  /** Ends every connection: held segments are delivered after their gaps, incomplete PDUs noted. */
  finish(onPdu: (pdu: CapturedPdu) => void): void {
    this.packetNumber = 0;
    for (const s of this.streams.values()) this.closeStream(s, onPdu, 'at the end of the capture');
    this.streams.clear();
  }

  private segment(info: TcpSegmentInfo, frame: Uint8Array, onPdu: (pdu: CapturedPdu) => void): void {
    const a: StreamEndpoint = { host: info.src, port: info.srcPort };
    const b: StreamEndpoint = { host: info.dst, port: info.dstPort };
    const forward = `${endpointText(a)}>${endpointText(b)}`;
    const backward = `${endpointText(b)}>${endpointText(a)}`;
    let key = this.streams.has(forward) ? forward : this.streams.has(backward) ? backward : undefined;
    let stream = key === undefined ? undefined : this.streams.get(key)!;
    const syn = (info.flags & TCP_SYN) !== 0;
    const synOnly = syn && (info.flags & TCP_ACK) === 0;
    // A new SYN on a four-tuple whose connection ended (or never started with a SYN) opens a new connection.
    if (stream !== undefined && synOnly) {
      const side = key === forward ? 0 : 1;
      const d = stream.dirs[side];
      if (d.closed || stream.dirs[1 - side]!.closed || (d.next !== undefined && seqDiff(info.seq + 1, d.next) !== 0)) {
        this.closeStream(stream, onPdu, 'when the same ports opened a new connection');
        this.streams.delete(key!);
        stream = undefined;
      }
    }
    if (stream === undefined) {
      if (this.streams.size >= this.maxStreams) {
        const [oldestKey, oldest] = this.streams.entries().next().value as [string, Stream];
        this.closeStream(oldest, onPdu, `to follow more than ${this.maxStreams} connections at once`);
        this.streams.delete(oldestKey);
      }
      key = forward;
      stream = this.newStream(a, b, syn);
      this.streams.set(key, stream);
    }
    const side: 0 | 1 = key === forward ? 0 : 1;
    const d = stream.dirs[side];
    const peer = stream.dirs[1 - side]!;
    if (syn) {
      if (synOnly) stream.synFrom = side;
      else if (stream.synFrom === undefined) stream.synFrom = (1 - side) as 0 | 1;
      if (d.next === undefined || d.delivered === 0) d.next = (info.seq + 1) >>> 0;
    }
    // The receiver acknowledges octets this capture never saw: the hole before the held segments is lost.
    if ((info.flags & TCP_ACK) !== 0 && !syn && peer.next !== undefined && peer.held.length > 0 && seqDiff(info.ack, peer.next) > 0) {
      this.skipHole(stream, (1 - side) as 0 | 1, onPdu, 'the receiver acknowledged them');
    }
    const data = frame.subarray(info.start, info.end);
    if (!syn && (data.length > 0 || info.missing > 0)) this.data(stream, side, info.seq, data, info.missing, onPdu);
    if ((info.flags & TCP_FIN) !== 0 && !d.closed) {
      d.finAt = (info.seq + (syn ? 1 : 0) + data.length + info.missing) >>> 0;
      if (d.next !== undefined && seqDiff(d.finAt, d.next) <= 0) this.endDirection(stream, side, onPdu, '');
    }
    if ((info.flags & TCP_RST) !== 0) {
      this.endDirection(stream, side, onPdu, 'at the reset');
      this.endDirection(stream, (1 - side) as 0 | 1, onPdu, 'at the reset');
    }
  }

  private newStream(a: StreamEndpoint, b: StreamEndpoint, syn: boolean): Stream {
    const dir = (from: StreamEndpoint, to: StreamEndpoint): Direction => ({
      from,
      to,
      next: undefined,
      held: [],
      heldOctets: 0,
      finAt: undefined,
      closed: false,
      mode: 'scan',
      scan: new Uint8Array(0),
      scanLength: 0,
      scanned: 0,
      framer: new PduFramer({ maxCommandLength: this.maxCommandLength }),
      delivered: 0,
      framerBase: 0,
    });
    const smpp = this.port !== undefined;
    return { number: 0, smpp, dirs: [dir(a, b), dir(b, a)], synFrom: undefined, esme: undefined, pending: new Map(), startedWithSyn: syn };
  }

  /** A segment's payload (plus `missing` octets the capture cut off) at sequence `seq`. */
  private data(s: Stream, side: 0 | 1, seq: number, data: Uint8Array, missing: number, onPdu: (pdu: CapturedPdu) => void): void {
    const d = s.dirs[side];
    if (d.closed || d.mode === 'off') return;
    if (d.next === undefined) d.next = seq;
    const total = data.length + missing;
    const diff = seqDiff(seq, d.next);
    if (diff < 0) {
      // A retransmission: keep only what is new.
      if (-diff >= total) return;
      if (-diff >= data.length) {
        this.gap(s, side, total + diff, 'the capture cut them off (snap length)');
        return;
      }
      data = data.subarray(-diff);
      seq = d.next;
    } else if (diff > 0) {
      this.hold(s, side, seq, data, missing, onPdu);
      return;
    }
    this.deliver(s, side, data, onPdu);
    if (missing > 0) this.gap(s, side, missing, 'the capture cut them off (snap length)');
    this.drain(s, side, onPdu);
  }

  private hold(s: Stream, side: 0 | 1, seq: number, data: Uint8Array, missing: number, onPdu: (pdu: CapturedPdu) => void): void {
    const d = s.dirs[side];
    // A cut-off segment ahead of the hole: keep what it has, the rest comes back as a gap.
    if (missing > 0 && data.length === 0) return;
    let i = d.held.length;
    while (i > 0 && seqDiff(d.held[i - 1]!.seq, seq) > 0) i--;
    if (i > 0 && d.held[i - 1]!.seq === seq && d.held[i - 1]!.data.length >= data.length) return; // a duplicate of a held segment
    d.held.splice(i, 0, { seq, data: data.slice() });
    d.heldOctets += data.length;
    while (d.heldOctets > this.maxBuffered && d.held.length > 0) this.skipHole(s, side, onPdu, `more than ${this.maxBuffered} octets waited behind them`);
  }

  /** Gives up the hole before the first held segment: a gap, then what was held. */
  private skipHole(s: Stream, side: 0 | 1, onPdu: (pdu: CapturedPdu) => void, why: string): void {
    const d = s.dirs[side];
    const first = d.held[0];
    if (first === undefined || d.next === undefined) return;
    const missing = seqDiff(first.seq, d.next);
    if (missing > 0) {
      this.gap(s, side, missing, why);
      d.next = first.seq;
    }
    this.drain(s, side, onPdu);
  }

  /** Delivers held segments that now follow on. */
  private drain(s: Stream, side: 0 | 1, onPdu: (pdu: CapturedPdu) => void): void {
    const d = s.dirs[side];
    while (d.held.length > 0 && d.next !== undefined) {
      const h = d.held[0]!;
      const diff = seqDiff(h.seq, d.next);
      if (diff > 0) break;
      d.held.shift();
      d.heldOctets -= h.data.length;
      if (-diff < h.data.length) this.deliver(s, side, h.data.subarray(-diff), onPdu);
    }
    if (d.finAt !== undefined && d.next !== undefined && seqDiff(d.finAt, d.next) <= 0) this.endDirection(s, side, onPdu, '');
  }

  /** Octets missing from a direction: noted; the framer resumes at the next plausible header. */
  private gap(s: Stream, side: 0 | 1, octets: number, why: string): void {
    const d = s.dirs[side];
    d.next = ((d.next ?? 0) + octets) >>> 0;
    d.delivered += octets;
    if (d.mode === 'off') return;
    if (s.smpp || d.mode === 'frame') {
      const partial = d.mode === 'frame' && d.framer.buffered > 0 ? ` (a PDU in progress, ${d.framer.buffered} octets of it captured, is lost)` : '';
      this.note(`${octets} octet${octets === 1 ? '' : 's'} missing (${why})${partial}; reading resumes at the next SMPP header`, d);
    }
    this.toScan(d);
  }

  private toScan(d: Direction): void {
    d.mode = 'scan';
    d.scanLength = 0;
    d.framer = new PduFramer({ maxCommandLength: this.maxCommandLength });
  }

  /** In-order octets of a direction. */
  private deliver(s: Stream, side: 0 | 1, data: Uint8Array, onPdu: (pdu: CapturedPdu) => void): void {
    const d = s.dirs[side];
    const chunkStart = d.delivered;
    d.next = ((d.next ?? 0) + data.length) >>> 0;
    d.delivered += data.length;
    let rest = data;
    let restStart = chunkStart;
    for (let guard = 0; rest.length > 0 && guard < 1_000_000; guard++) {
      if (d.mode === 'off') return;
      if (d.mode === 'scan') {
        const found = this.scan(s, side, rest, restStart);
        if (found === undefined) return;
        rest = found.bytes;
        restStart = found.start;
      }
      // d.mode === 'frame'
      try {
        d.framer.push(rest, (pdu) => this.emit(s, side, pdu, onPdu));
        return;
      } catch (e) {
        if (!(e instanceof PduError)) throw e;
        const at = d.framerBase + e.streamOffset;
        this.note(`command_length ${e.found} at stream octet ${at} is not possible (expected ${e.expected}); reading resumes at the next SMPP header`, d);
        this.toScan(d);
        const skip = Math.max(0, at + 1 - restStart);
        restStart += Math.min(skip, rest.length);
        rest = rest.subarray(Math.min(skip, rest.length));
      }
    }
  }

  /**
   * Looks for a plausible header in the scanned octets plus `data`. Returns the octets from the
   * header on (switching the direction to framing), or undefined when none is there yet.
   */
  private scan(s: Stream, side: 0 | 1, data: Uint8Array, dataStart: number): { bytes: Uint8Array; start: number } | undefined {
    const d = s.dirs[side];
    // The window: up to 15 octets kept from before, then the new data.
    const kept = d.scanLength;
    let window: Uint8Array;
    if (kept === 0) window = data;
    else {
      window = new Uint8Array(kept + data.length);
      window.set(d.scan.subarray(0, kept), 0);
      window.set(data, kept);
    }
    const windowStart = dataStart - kept;
    // Known SMPP (or a named port): search all; a connection seen from its SYN must start with a header.
    const strictStart = !s.smpp && s.startedWithSyn && windowStart === 0;
    const last = strictStart ? 0 : window.length - 16;
    for (let i = 0; i <= last; i++) {
      if (window.length - i < 16) break;
      if (!plausibleHeader(window, i, this.maxCommandLength)) continue;
      this.becomeSmpp(s);
      d.mode = 'frame';
      d.framerBase = windowStart + i;
      d.scanLength = 0;
      return { bytes: window.subarray(i), start: windowStart + i };
    }
    if (strictStart && window.length >= 16) {
      this.off(s, side);
      return undefined;
    }
    if (!s.smpp) {
      d.scanned += data.length;
      if (d.scanned > SCAN_BUDGET) {
        this.off(s, side);
        return undefined;
      }
    }
    const keep = Math.min(15, window.length);
    if (d.scan.length < 15) d.scan = new Uint8Array(15);
    d.scan.set(window.subarray(window.length - keep), 0);
    d.scanLength = keep;
    return undefined;
  }

  /** A direction found not to carry SMPP; a connection with both so is forgotten about. */
  private off(s: Stream, side: 0 | 1): void {
    const d = s.dirs[side];
    d.mode = 'off';
    d.held = [];
    d.heldOctets = 0;
    d.scan = new Uint8Array(0);
    d.scanLength = 0;
  }

  private becomeSmpp(s: Stream): void {
    if (s.number !== 0) return;
    s.smpp = true;
    s.number = ++this.smppStreams;
    // The other direction may have been given up while nobody knew: look at it again.
    for (const d of s.dirs) {
      if (d.mode === 'off') this.toScan(d);
    }
  }

  /** The ESME's side, decided at the connection's first PDU. */
  private esmeSide(s: Stream, side: 0 | 1, commandId: number): 0 | 1 {
    if (s.esme !== undefined) return s.esme;
    const other = (1 - side) as 0 | 1;
    const [a, b] = [s.dirs[0].from, s.dirs[1].from];
    let esme: 0 | 1;
    if (commandId === 0x01 || commandId === 0x02 || commandId === 0x09) esme = side;
    else if (commandId === 0x0b) esme = other;
    else if (this.port !== undefined && (a.port === this.port) !== (b.port === this.port)) esme = a.port === this.port ? 1 : 0;
    else if (s.synFrom !== undefined) esme = s.synFrom;
    else if (SMPP_PORTS.includes(a.port) !== SMPP_PORTS.includes(b.port)) esme = SMPP_PORTS.includes(a.port) ? 1 : 0;
    else esme = a.port >= b.port ? 0 : 1;
    s.esme = esme;
    return esme;
  }

  private emit(s: Stream, side: 0 | 1, pdu: Uint8Array, onPdu: (pdu: CapturedPdu) => void): void {
    const d = s.dirs[side];
    const commandId = readU32(pdu, 4);
    const status = readU32(pdu, 8);
    const sequence = readU32(pdu, 12);
    const esme = this.esmeSide(s, side, commandId);
    const entry = commandById(commandId);
    const command = entry?.name ?? 'unknown';
    const out: CapturedPdu = {
      index: ++this.pduCount,
      packet: this.packetNumber,
      timestamp: this.now,
      stream: s.number,
      from: d.from,
      to: d.to,
      direction: side === esme ? 'out' : 'in',
      esme: s.dirs[esme].from,
      smsc: s.dirs[esme].to,
      bytes: pdu.slice(),
      command,
      command_id: commandId,
      command_status: status,
      sequence_number: sequence,
    };
    if ((commandId & 0x80000000) !== 0) {
      const key = `${1 - side}:${sequence}`;
      const request = s.pending.get(key);
      if (request !== undefined && (commandId === 0x80000000 || (request.commandId | 0x80000000) >>> 0 === commandId)) {
        s.pending.delete(key);
        out.request = { index: request.index, rtt: Math.max(0, this.now - request.timestamp) };
      }
    } else if (entry !== undefined && expectsResponse(command)) {
      if (s.pending.size >= MAX_PENDING) s.pending.delete(s.pending.keys().next().value as string);
      s.pending.set(`${side}:${sequence}`, { index: out.index, timestamp: this.now, commandId });
    }
    onPdu(out);
  }

  private endDirection(s: Stream, side: 0 | 1, onPdu: (pdu: CapturedPdu) => void, when: string): void {
    const d = s.dirs[side];
    if (d.closed) return;
    // Held segments past a hole: the hole is lost.
    while (d.held.length > 0) this.skipHole(s, side, onPdu, when === '' ? 'the sender closed the connection' : `never captured, ${when}`);
    d.closed = true;
    if (d.mode === 'frame' && d.framer.buffered > 0 && s.smpp) {
      this.note(`a PDU is incomplete ${when === '' ? 'at the FIN' : when}: ${d.framer.buffered} octets of it were captured`, d);
    }
    d.framer.reset();
  }

  private closeStream(s: Stream, onPdu: (pdu: CapturedPdu) => void, when: string): void {
    this.endDirection(s, 0, onPdu, when);
    this.endDirection(s, 1, onPdu, when);
  }
}
