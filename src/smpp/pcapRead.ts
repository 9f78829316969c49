// Reads a capture file (libpcap or pcapng, either byte order) and finds the SMPP PDUs in it:
// - `capturePackets` walks the file record by record (a generator: one packet at a time, each a
//   view into the file's bytes, nothing gathered), and throws a CaptureFileError naming the byte
//   offset and the record or block number where the file is cut short or corrupt;
// - `readCapturePdus` sends each packet through the link, IP and TCP headers (linkLayer.ts) and
//   the per-connection TCP reassembly (tcpStreams.ts) and calls back with each PDU, its time, its
//   endpoints and, for a response, the request it answers.
// pcap: microsecond and nanosecond magic numbers. pcapng: section header, interface description
// (link type, if_tsresol, if_tsoffset), enhanced and simple packet blocks and the obsolete packet
// block; every other block is skipped; several sections and interfaces. The reader keeps one packet
// and the reassembly's bounded buffers at a time. Browser-safe: no Buffer, no node: imports.

import { isSupportedLinkType, linkTypeName } from './linkLayer';
import { TcpStreams, type CapturedPdu, type StreamNote, type TcpStreamsOptions } from './tcpStreams';

export type { CapturedPdu, StreamNote } from './tcpStreams';

/** The file is cut short or a record/block in it is impossible. */
export class CaptureFileError extends Error {
  constructor(
    message: string,
    /** Byte offset in the file where the bad record or block starts (or the file ends). */
    readonly offset: number,
    /** 1-based number of the record (pcap) or block (pcapng) at fault; 0 for the file header. */
    readonly record: number,
  ) {
    super(message);
    this.name = 'CaptureFileError';
  }
}

export type CaptureFormat = 'pcap' | 'pcapng';

/** One captured packet: a view into the file's bytes. */
export interface CapturedPacket {
  /** 1-based packet number, as Wireshark numbers frames. */
  number: number;
  /** Byte offset of its record or block in the file. */
  offset: number;
  /** Capture time, ms since the epoch (fractional). */
  timestamp: number;
  linkType: number;
  data: Uint8Array;
  /** The packet's length on the wire (data may be shorter when the snap length cut it). */
  originalLength: number;
}

/** Which format the bytes are, or undefined when they are neither pcap nor pcapng. */
export function captureFormat(bytes: Uint8Array): CaptureFormat | undefined {
  if (bytes.length < 4) return undefined;
  const m = u32(bytes, 0, false);
  if (m === 0x0a0d0d0a) return 'pcapng';
  if ([0xa1b2c3d4, 0xd4c3b2a1, 0xa1b23c4d, 0x4d3cb2a1].includes(m)) return 'pcap';
  return undefined;
}

function u32(b: Uint8Array, at: number, le: boolean): number {
  return le ? (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0 : ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;
}

function u16(b: Uint8Array, at: number, le: boolean): number {
  return le ? b[at]! | (b[at + 1]! << 8) : (b[at]! << 8) | b[at + 1]!;
}

/** The largest packet a record may hold: beyond it the record length is taken as corrupt. */
export const MAX_PACKET = 16 * 1024 * 1024;

/** The packets of a pcap or pcapng file, in file order. Throws CaptureFileError on a bad file. */
export function* capturePackets(bytes: Uint8Array): Generator<CapturedPacket, void, undefined> {
  const format = captureFormat(bytes);
  if (format === undefined) {
    const head = Array.from(bytes.subarray(0, 4), (x) => x.toString(16).padStart(2, '0')).join(' ');
    throw new CaptureFileError(
      bytes.length < 4
        ? `the file is ${bytes.length} octet${bytes.length === 1 ? '' : 's'} long: too short for a pcap or pcapng header`
        : `not a pcap or pcapng file: it starts ${head} at byte 0, where a pcap file starts a1 b2 c3 d4 (either byte order) and a pcapng file 0a 0d 0d 0a`,
      0,
      0,
    );
  }
  if (format === 'pcap') yield* pcapPackets(bytes);
  else yield* pcapngPackets(bytes);
}

function* pcapPackets(bytes: Uint8Array): Generator<CapturedPacket, void, undefined> {
  if (bytes.length < 24) throw new CaptureFileError(`the pcap file header needs 24 octets; the file ends after ${bytes.length}`, bytes.length, 0);
  const magicBe = u32(bytes, 0, false);
  const le = magicBe === 0xd4c3b2a1 || magicBe === 0x4d3cb2a1;
  const nano = magicBe === 0xa1b23c4d || magicBe === 0x4d3cb2a1;
  const major = u16(bytes, 4, le);
  if (major !== 2) throw new CaptureFileError(`pcap version ${major}.${u16(bytes, 6, le)} at byte 4 is not 2.x, the only version defined`, 4, 0);
  const linkType = u32(bytes, 20, le) & 0xffff;
  if (!isSupportedLinkType(linkType)) throw new CaptureFileError(`the file's ${linkTypeName(linkType)} (byte 20) is not read: Ethernet, Linux cooked (SLL, SLL2), loopback and raw IP are`, 20, 0);
  const unit = nano ? 1e6 : 1e3;
  let at = 24;
  for (let n = 1; at < bytes.length; n++) {
    if (at + 16 > bytes.length) throw new CaptureFileError(`the file is cut short in the header of record ${n} at byte ${at}: it needs 16 octets, ${bytes.length - at} remain`, at, n);
    const sec = u32(bytes, at, le);
    const frac = u32(bytes, at + 4, le);
    const incl = u32(bytes, at + 8, le);
    const orig = u32(bytes, at + 12, le);
    if (incl > MAX_PACKET) throw new CaptureFileError(`record ${n} at byte ${at} claims ${incl} captured octets, more than any packet (${MAX_PACKET}): the file is corrupt`, at, n);
    if (frac >= unit * 1000) throw new CaptureFileError(`record ${n} at byte ${at} has a fraction of a second of ${frac} ${nano ? 'ns' : 'µs'}, which is not below one second: the file is corrupt`, at, n);
    if (at + 16 + incl > bytes.length) throw new CaptureFileError(`the file is cut short in record ${n} at byte ${at}: its packet needs ${incl} octets, ${bytes.length - at - 16} remain`, at, n);
    yield { number: n, offset: at, timestamp: sec * 1000 + frac / unit, linkType, data: bytes.subarray(at + 16, at + 16 + incl), originalLength: Math.max(orig, incl) };
    at += 16 + incl;
  }
}

interface Interface {
  linkType: number;
  snapLength: number;
  /** Timestamp units per second. */
  unitsPerSecond: bigint;
  /** Seconds added to every timestamp (if_tsoffset). */
  offsetSeconds: bigint;
}

const BLOCK_SHB = 0x0a0d0d0a;
const BLOCK_IDB = 1;
const BLOCK_PB = 2;
const BLOCK_SPB = 3;
const BLOCK_EPB = 6;

function* pcapngPackets(bytes: Uint8Array): Generator<CapturedPacket, void, undefined> {
  let at = 0;
  let le = true;
  let interfaces: Interface[] = [];
  let packet = 0;
  for (let n = 1; at < bytes.length; n++) {
    if (at + 12 > bytes.length) throw new CaptureFileError(`the file is cut short in block ${n} at byte ${at}: a block needs at least 12 octets, ${bytes.length - at} remain`, at, n);
    let type = u32(bytes, at, le);
    if (u32(bytes, at, false) === BLOCK_SHB) {
      type = BLOCK_SHB;
      const order = u32(bytes, at + 8, false);
      if (order === 0x1a2b3c4d) le = false;
      else if (order === 0x4d3c2b1a) le = true;
      else throw new CaptureFileError(`section header block ${n} at byte ${at} has the byte-order magic ${order.toString(16).padStart(8, '0')}, not 1a2b3c4d in either order: the file is corrupt`, at, n);
      interfaces = [];
    }
    const length = u32(bytes, at + 4, le);
    if (length < 12 || length % 4 !== 0) throw new CaptureFileError(`block ${n} at byte ${at} has a length of ${length}, which is not a multiple of 4 of at least 12: the file is corrupt`, at, n);
    if (at + length > bytes.length) throw new CaptureFileError(`the file is cut short in block ${n} at byte ${at}: the block needs ${length} octets, ${bytes.length - at} remain`, at, n);
    if (u32(bytes, at + length - 4, le) !== length) {
      throw new CaptureFileError(`block ${n} at byte ${at} ends with the length ${u32(bytes, at + length - 4, le)}, not the ${length} it starts with: the file is corrupt`, at, n);
    }
    const body = bytes.subarray(at + 8, at + length - 4);
    const bad = (what: string): CaptureFileError => new CaptureFileError(`block ${n} at byte ${at} (${blockName(type)}): ${what}: the file is corrupt`, at, n);
    if (type === BLOCK_IDB) {
      if (body.length < 8) throw bad(`its body is ${body.length} octets, an interface description needs 8`);
      interfaces.push(readInterface(body, le));
    } else if (type === BLOCK_EPB || type === BLOCK_PB) {
      if (body.length < 20) throw bad(`its body is ${body.length} octets, a packet block needs 20`);
      const id = type === BLOCK_EPB ? u32(body, 0, le) : u16(body, 0, le);
      const iface = interfaces[id];
      if (iface === undefined) throw bad(`it names interface ${id}, but the section describes ${interfaces.length}`);
      const high = u32(body, 4, le);
      const low = u32(body, 8, le);
      const captured = u32(body, 12, le);
      const original = u32(body, 16, le);
      if (20 + captured > body.length) throw bad(`it claims ${captured} captured octets, but holds ${body.length - 20}`);
      if (isSupportedLinkType(iface.linkType)) {
        yield { number: ++packet, offset: at, timestamp: timestampMs(high, low, iface), linkType: iface.linkType, data: body.subarray(20, 20 + captured), originalLength: Math.max(original, captured) };
      } else packet++;
    } else if (type === BLOCK_SPB) {
      if (body.length < 4) throw bad(`its body is ${body.length} octets, a simple packet block needs 4`);
      const iface = interfaces[0];
      if (iface === undefined) throw bad('a simple packet block needs interface 0, but the section describes none');
      const original = u32(body, 0, le);
      const captured = Math.min(original, body.length - 4, iface.snapLength > 0 ? iface.snapLength : Infinity);
      // A simple packet block has no timestamp.
      if (isSupportedLinkType(iface.linkType)) {
        yield { number: ++packet, offset: at, timestamp: 0, linkType: iface.linkType, data: body.subarray(4, 4 + captured), originalLength: original };
      } else packet++;
    }
    at += length;
  }
}

function blockName(type: number): string {
  switch (type) {
    case BLOCK_IDB:
      return 'interface description';
    case BLOCK_PB:
      return 'packet block';
    case BLOCK_SPB:
      return 'simple packet block';
    case BLOCK_EPB:
      return 'enhanced packet block';
    default:
      return `block type 0x${type.toString(16)}`;
  }
}

function readInterface(body: Uint8Array, le: boolean): Interface {
  const iface: Interface = { linkType: u16(body, 0, le), snapLength: u32(body, 4, le), unitsPerSecond: 1_000_000n, offsetSeconds: 0n };
  // Options: code (2), length (2), value padded to 4; code 0 ends them.
  for (let o = 8; o + 4 <= body.length; ) {
    const code = u16(body, o, le);
    const length = u16(body, o + 2, le);
    if (code === 0 || o + 4 + length > body.length) break;
    if (code === 9 && length >= 1) {
      const r = body[o + 4]!;
      iface.unitsPerSecond = (r & 0x80) !== 0 ? 1n << BigInt(r & 0x7f) : 10n ** BigInt(r & 0x7f);
    } else if (code === 14 && length >= 8) {
      const hi = BigInt(u32(body, o + 4, le));
      const lo = BigInt(u32(body, o + 8, le));
      iface.offsetSeconds = BigInt.asIntN(64, le ? (lo << 32n) | hi : (hi << 32n) | lo);
    }
    o += 4 + Math.ceil(length / 4) * 4;
  }
  return iface;
}

function timestampMs(high: number, low: number, iface: Interface): number {
  const ts = (BigInt(high) << 32n) | BigInt(low);
  const units = iface.unitsPerSecond;
  const whole = ts / units;
  const rest = ts % units;
  return Number(whole + iface.offsetSeconds) * 1000 + (Number(rest) * 1000) / Number(units);
}

export interface ReadCaptureOptions extends TcpStreamsOptions {
  /** Called with each PDU in the order its last octet arrived. */
  onPdu: (pdu: CapturedPdu) => void;
}

export interface CaptureReadSummary {
  format: CaptureFormat | undefined;
  packets: number;
  /** TCP connections that carried SMPP. */
  streams: number;
  pdus: number;
  /** Gaps, fragments, streams that were not SMPP, framing faults: bounded, with `notesDropped` counting the rest. */
  notes: StreamNote[];
  notesDropped: number;
  /** The file's fault, where it is cut short or corrupt; the PDUs before it were still given. */
  error?: CaptureFileError;
}

/**
 * Reads the file's packets one by one and calls `onPdu` for every SMPP PDU found. Never throws for
 * a bad file: the summary carries the error, after the PDUs read up to it.
 */
export function readCapturePdus(bytes: Uint8Array, options: ReadCaptureOptions): CaptureReadSummary {
  const streams = new TcpStreams(options);
  let packets = 0;
  let error: CaptureFileError | undefined;
  try {
    for (const p of capturePackets(bytes)) {
      packets++;
      streams.packet(p.number, p.timestamp, p.linkType, p.data, options.onPdu);
    }
  } catch (e) {
    if (!(e instanceof CaptureFileError)) throw e;
    error = e;
  }
  streams.finish(options.onPdu);
  const summary: CaptureReadSummary = { format: captureFormat(bytes), packets, streams: streams.smppStreams, pdus: streams.pduCount, notes: streams.notes, notesDropped: streams.notesDropped };
  if (error !== undefined) summary.error = error;
  return summary;
}
