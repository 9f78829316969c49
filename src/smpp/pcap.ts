// Writes captured PDUs as a classic libpcap file (LINKTYPE_ETHERNET, microsecond timestamps) with
// synthetic Ethernet/IPv4/TCP framing, so Wireshark and tshark dissect the capture as SMPP:
// - one TCP stream per connection (and per leg and endpoint pair, so a reconnect is a new stream),
//   opened by a SYN / SYN-ACK / ACK handshake at the time of its first PDU;
// - one TCP segment per PDU (a PDU too big for one IPv4 packet is split), carrying the PDU's own
//   timestamp, with sequence and acknowledgement numbers kept consistent per direction;
// - a pure ACK from the receiving side whenever unacknowledged data would otherwise exceed the
//   advertised window, so the TCP analysis reports no "window full";
// - correct IPv4 header and TCP checksums;
// - no FIN: the capture does not record when a connection closed.
// 'out' records go from the local side (the ESME, 127.0.0.1:<ephemeral>) to the remote side (the
// SMSC, 127.0.0.2:<port>); the record's endpoints are used where they hold IPv4 addresses. The
// local side is taken to have opened the connection. Passwords in bind_* and outbind requests are
// masked ('*' for each octet, so every length stays valid) unless `maskPasswords: false`.
// No Buffer: plain Uint8Array and DataView.

import { copyBytes, readU32 } from './bytes';
import type { CaptureRecord } from './capture';

export interface PcapOptions {
  /** The SMSC's TCP port where a record names no remote endpoint. Default 2775. */
  port?: number;
  /** Replace the password octets of bind_* / outbind requests by '*'. Default true. */
  maskPasswords?: boolean;
}

export const DEFAULT_SMPP_PORT = 2775;

/** Link-layer header type of the file (Ethernet II). */
export const LINKTYPE_ETHERNET = 1;

const SNAPLEN = 262_144;
const ETH_HEADER = 14;
const IP_HEADER = 20;
const TCP_HEADER = 20;
/** The largest TCP payload one IPv4 packet can carry without options. */
export const MAX_SEGMENT = 0xffff - IP_HEADER - TCP_HEADER;
const WINDOW = 0xffff;
const FIRST_EPHEMERAL_PORT = 49_152;

const DEFAULT_LOCAL_IP = [127, 0, 0, 1] as const;
const DEFAULT_REMOTE_IP = [127, 0, 0, 2] as const;
/** Locally administered unicast MAC addresses for the two sides. */
const LOCAL_MAC = [0x02, 0x00, 0x00, 0x00, 0x00, 0x01] as const;
const REMOTE_MAC = [0x02, 0x00, 0x00, 0x00, 0x00, 0x02] as const;

const FLAG_SYN = 0x02;
const FLAG_PSH = 0x08;
const FLAG_ACK = 0x10;

/** The command_ids whose second C-Octet String (after system_id) is a password. */
const PASSWORD_COMMANDS: ReadonlySet<number> = new Set([0x01, 0x02, 0x09, 0x0b]);

/** One side of a TCP stream. */
interface Side {
  ip: readonly number[];
  port: number;
  mac: readonly number[];
  /** Next sequence number this side sends. */
  next: number;
  /** Highest sequence number of this side that the other side has acknowledged. */
  acked: number;
  /** IPv4 identification counter. */
  ipId: number;
}

interface Stream {
  local: Side;
  remote: Side;
}

/** Bytes of the file, grown by doubling. */
class Out {
  bytes = new Uint8Array(4096);
  view = new DataView(this.bytes.buffer);
  length = 0;

  reserve(n: number): number {
    const need = this.length + n;
    if (need > this.bytes.length) {
      let size = this.bytes.length * 2;
      while (size < need) size *= 2;
      const grown = new Uint8Array(size);
      grown.set(this.bytes.subarray(0, this.length));
      this.bytes = grown;
      this.view = new DataView(grown.buffer);
    }
    const at = this.length;
    this.length = need;
    return at;
  }

  result(): Uint8Array {
    return this.bytes.slice(0, this.length);
  }
}

/**
 * The capture as a pcap file. Records are written in the order given (oldest first, as
 * `CaptureStore.records()` returns them).
 */
export function writePcap(records: readonly CaptureRecord[], options: PcapOptions = {}): Uint8Array {
  const port = options.port ?? DEFAULT_SMPP_PORT;
  if (!Number.isInteger(port) || port < 1 || port > 0xffff) throw new RangeError(`port ${String(port)} is not a TCP port (1..65535)`);
  const mask = options.maskPasswords !== false;
  const out = new Out();
  writeGlobalHeader(out);

  const streams = new Map<string, Stream>();
  const used = new Set<string>();
  for (const record of records) {
    const key = streamKey(record);
    let stream = streams.get(key);
    if (stream === undefined) {
      stream = openStream(record, port, streams.size, used);
      streams.set(key, stream);
      handshake(out, stream, record.timestamp);
    }
    const [from, to] = record.direction === 'out' ? [stream.local, stream.remote] : [stream.remote, stream.local];
    const payload = mask ? maskPassword(record.bytes) : record.bytes;
    for (let o = 0; o < payload.length; o += MAX_SEGMENT) {
      const segment = payload.subarray(o, Math.min(payload.length, o + MAX_SEGMENT));
      // Keep the data in flight within the receiver's window: the receiver acknowledges first.
      if (from.next - from.acked + segment.length > WINDOW) {
        segmentOut(out, to, from, FLAG_ACK, new Uint8Array(0), record.timestamp);
      }
      segmentOut(out, from, to, FLAG_PSH | FLAG_ACK, segment, record.timestamp);
    }
  }
  return out.result();
}

/**
 * The PDU with the password of a bind_* / outbind request replaced by '*' octets. Never writes to
 * `bytes` (a capture record's own): the masked PDU is a copy, and a PDU with nothing to mask comes
 * back as it is, to be read only.
 */
export function maskPassword(bytes: Uint8Array): Uint8Array {
  if (bytes.length < 17) return bytes;
  const id = readU32(bytes, 4);
  if (!PASSWORD_COMMANDS.has(id)) return bytes;
  const declared = readU32(bytes, 0);
  const end = Math.min(bytes.length, Math.max(16, declared));
  let o = 16;
  while (o < end && bytes[o] !== 0) o++; // system_id
  if (o >= end) return bytes;
  const start = o + 1;
  let stop = start;
  while (stop < end && bytes[stop] !== 0) stop++; // password (to the end if it has no NUL)
  if (stop === start) return bytes;
  const copy = copyBytes(bytes);
  copy.fill(0x2a, start, stop);
  return copy;
}

function streamKey(r: CaptureRecord): string {
  const ep = (e: { host: string; port: number } | undefined): string => (e === undefined ? '' : `${e.host}|${e.port}`);
  return JSON.stringify([r.connection, r.leg ?? '', ep(r.local), ep(r.remote)]);
}

/** Dotted-quad IPv4 address as four octets, or undefined for anything else (names, IPv6). */
export function parseIpv4(host: string | undefined): number[] | undefined {
  if (host === undefined) return undefined;
  const h = host.startsWith('::ffff:') ? host.slice(7) : host === 'localhost' ? '127.0.0.1' : host;
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(h);
  if (m === null) return undefined;
  const octets = m.slice(1).map(Number);
  return octets.every((x) => x <= 255) ? octets : undefined;
}

function validPort(p: number | undefined): p is number {
  return p !== undefined && Number.isInteger(p) && p >= 1 && p <= 0xffff;
}

function openStream(r: CaptureRecord, port: number, index: number, used: Set<string>): Stream {
  const localIp = parseIpv4(r.local?.host) ?? DEFAULT_LOCAL_IP;
  const remoteIp = parseIpv4(r.remote?.host) ?? DEFAULT_REMOTE_IP;
  const remotePort = validPort(r.remote?.port) ? r.remote.port : port;
  let localPort = validPort(r.local?.port) ? r.local.port : FIRST_EPHEMERAL_PORT + (index % (0x10000 - FIRST_EPHEMERAL_PORT));
  // Two streams on the same four-tuple would merge in Wireshark: move the synthetic one along.
  const tuple = (p: number): string => `${localIp.join('.')}:${p}>${remoteIp.join('.')}:${remotePort}`;
  for (let tries = 0; used.has(tuple(localPort)) && tries < 0x10000; tries++) {
    localPort = localPort >= 0xffff ? FIRST_EPHEMERAL_PORT : localPort + 1;
  }
  used.add(tuple(localPort));
  // Deterministic, distinct initial sequence numbers (Wireshark shows them relative anyway).
  const isn = (salt: number): number => (Math.imul(index + 1, 0x9e3779b1) ^ salt) >>> 0;
  const local: Side = { ip: localIp, port: localPort, mac: LOCAL_MAC, next: isn(0x1000), acked: 0, ipId: 1 };
  const remote: Side = { ip: remoteIp, port: remotePort, mac: REMOTE_MAC, next: isn(0x2000_0000), acked: 0, ipId: 1 };
  return { local, remote };
}

/** SYN, SYN-ACK, ACK. A SYN takes one sequence number. */
function handshake(out: Out, s: Stream, timestamp: number): void {
  const empty = new Uint8Array(0);
  packet(out, s.local, s.remote, FLAG_SYN, s.local.next, 0, empty, timestamp);
  s.local.next = (s.local.next + 1) >>> 0;
  packet(out, s.remote, s.local, FLAG_SYN | FLAG_ACK, s.remote.next, s.local.next, empty, timestamp);
  s.remote.next = (s.remote.next + 1) >>> 0;
  s.local.acked = s.local.next;
  packet(out, s.local, s.remote, FLAG_ACK, s.local.next, s.remote.next, empty, timestamp);
  s.remote.acked = s.remote.next;
}

/** A segment from `from` that also acknowledges everything `to` has sent. */
function segmentOut(out: Out, from: Side, to: Side, flags: number, payload: Uint8Array, timestamp: number): void {
  packet(out, from, to, flags, from.next, to.next, payload, timestamp);
  from.next = (from.next + payload.length) >>> 0;
  to.acked = to.next;
}

function writeGlobalHeader(out: Out): void {
  const at = out.reserve(24);
  const v = out.view;
  v.setUint32(at, 0xa1b2c3d4, true); // magic: microsecond timestamps, little-endian fields
  v.setUint16(at + 4, 2, true); // version 2.4
  v.setUint16(at + 6, 4, true);
  v.setInt32(at + 8, 0, true); // thiszone: timestamps are UTC
  v.setUint32(at + 12, 0, true); // sigfigs
  v.setUint32(at + 16, SNAPLEN, true);
  v.setUint32(at + 20, LINKTYPE_ETHERNET, true);
}

/** One Ethernet/IPv4/TCP frame with its pcap record header. */
function packet(out: Out, from: Side, to: Side, flags: number, seq: number, ack: number, payload: Uint8Array, timestamp: number): void {
  const frameLength = ETH_HEADER + IP_HEADER + TCP_HEADER + payload.length;
  const at = out.reserve(16 + frameLength);
  const v = out.view;
  const b = out.bytes;
  // Record header: seconds and microseconds since the epoch, captured and original lengths.
  const micros = Math.max(0, Math.round(timestamp * 1000));
  v.setUint32(at, Math.floor(micros / 1_000_000) >>> 0, true);
  v.setUint32(at + 4, micros % 1_000_000, true);
  v.setUint32(at + 8, frameLength, true);
  v.setUint32(at + 12, frameLength, true);

  // Ethernet II.
  const eth = at + 16;
  b.set(to.mac, eth);
  b.set(from.mac, eth + 6);
  v.setUint16(eth + 12, 0x0800);

  // IPv4: no options, don't fragment, TTL 64, protocol TCP.
  const ip = eth + ETH_HEADER;
  b[ip] = 0x45;
  b[ip + 1] = 0;
  v.setUint16(ip + 2, IP_HEADER + TCP_HEADER + payload.length);
  v.setUint16(ip + 4, from.ipId);
  from.ipId = (from.ipId + 1) & 0xffff;
  v.setUint16(ip + 6, 0x4000);
  b[ip + 8] = 64;
  b[ip + 9] = 6;
  v.setUint16(ip + 10, 0);
  b.set(from.ip, ip + 12);
  b.set(to.ip, ip + 16);
  v.setUint16(ip + 10, checksum(b, ip, IP_HEADER, 0));

  // TCP: no options.
  const tcp = ip + IP_HEADER;
  v.setUint16(tcp, from.port);
  v.setUint16(tcp + 2, to.port);
  v.setUint32(tcp + 4, seq >>> 0);
  v.setUint32(tcp + 8, (flags & FLAG_ACK) !== 0 ? ack >>> 0 : 0);
  b[tcp + 12] = (TCP_HEADER / 4) << 4;
  b[tcp + 13] = flags;
  v.setUint16(tcp + 14, WINDOW);
  v.setUint16(tcp + 16, 0);
  v.setUint16(tcp + 18, 0);
  b.set(payload, tcp + TCP_HEADER);
  const tcpLength = TCP_HEADER + payload.length;
  // Pseudo-header: source, destination, zero + protocol, TCP length.
  const pseudo = sum16(b, ip + 12, 8, 0) + 6 + tcpLength;
  v.setUint16(tcp + 16, checksum(b, tcp, tcpLength, pseudo));
}

/** One's-complement sum of 16-bit big-endian words (an odd last byte is padded with zero). */
function sum16(b: Uint8Array, start: number, length: number, initial: number): number {
  let sum = initial;
  const end = start + length;
  let i = start;
  for (; i + 1 < end; i += 2) sum += (b[i]! << 8) | b[i + 1]!;
  if (i < end) sum += b[i]! << 8;
  return sum;
}

/** The Internet checksum (RFC 1071) of a byte range, plus an initial partial sum. */
function checksum(b: Uint8Array, start: number, length: number, initial: number): number {
  let sum = sum16(b, start, length, initial);
  while (sum > 0xffff) sum = (sum & 0xffff) + Math.floor(sum / 0x10000);
  return ~sum & 0xffff;
}
