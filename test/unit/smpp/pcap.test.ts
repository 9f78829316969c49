// The pcap writer, read back by a small independent reader written here from the file formats
// (libpcap, Ethernet II, IPv4, TCP): headers, checksums, the handshake, sequence/ack bookkeeping,
// timestamps, directions, endpoints and password masking. tshark.test.ts checks the same files
// against Wireshark's own dissectors.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CaptureRecord } from '../../../src/smpp/capture';
import { encode } from '../../../src/smpp/codec';
import { LINKTYPE_ETHERNET, MAX_SEGMENT, maskPassword, parseIpv4, writePcap } from '../../../src/smpp/pcap';
import { FIXTURES, hex } from '../../fixtures/pdus';
import { toHex } from './helpers';

// ---- an independent reader -------------------------------------------------------------------

interface Frame {
  sec: number;
  usec: number;
  src: string;
  dst: string;
  sport: number;
  dport: number;
  seq: number;
  ack: number;
  flags: number;
  window: number;
  payload: Uint8Array;
  ipChecksumOk: boolean;
  tcpChecksumOk: boolean;
  ipId: number;
  ttl: number;
}

const SYN = 0x02;
const ACK = 0x10;
const PSH = 0x08;

function onesSum(b: Uint8Array, start: number, end: number, initial = 0): number {
  let sum = initial;
  for (let i = start; i < end; i += 2) sum += (b[i]! << 8) | (i + 1 < end ? b[i + 1]! : 0);
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return sum;
}

function readPcap(file: Uint8Array): { linktype: number; snaplen: number; frames: Frame[] } {
  const v = new DataView(file.buffer, file.byteOffset, file.byteLength);
  assert.equal(v.getUint32(0, true), 0xa1b2c3d4, 'microsecond magic, little-endian');
  assert.equal(v.getUint16(4, true), 2);
  assert.equal(v.getUint16(6, true), 4);
  const snaplen = v.getUint32(16, true);
  const linktype = v.getUint32(20, true);
  const frames: Frame[] = [];
  let o = 24;
  while (o < file.length) {
    const sec = v.getUint32(o, true);
    const usec = v.getUint32(o + 4, true);
    const incl = v.getUint32(o + 8, true);
    const orig = v.getUint32(o + 12, true);
    assert.equal(incl, orig, 'frames are never cut');
    assert.ok(incl <= snaplen);
    const f = o + 16;
    assert.equal(v.getUint16(f + 12), 0x0800, 'EtherType IPv4');
    const ip = f + 14;
    assert.equal(file[ip], 0x45, 'IPv4, 20-byte header');
    const total = v.getUint16(ip + 2);
    assert.equal(total, incl - 14, 'IPv4 total length matches the frame');
    assert.equal(file[ip + 9], 6, 'protocol TCP');
    const tcp = ip + 20;
    const dataOffset = (file[tcp + 12]! >> 4) * 4;
    const tcpLength = total - 20;
    const pseudo = onesSum(file, ip + 12, ip + 20) + 6 + tcpLength;
    const ipStr = (at: number): string => Array.from(file.subarray(at, at + 4)).join('.');
    frames.push({
      sec,
      usec,
      src: ipStr(ip + 12),
      dst: ipStr(ip + 16),
      sport: v.getUint16(tcp),
      dport: v.getUint16(tcp + 2),
      seq: v.getUint32(tcp + 4),
      ack: v.getUint32(tcp + 8),
      flags: file[tcp + 13]!,
      window: v.getUint16(tcp + 14),
      payload: file.subarray(tcp + dataOffset, ip + total),
      ipChecksumOk: onesSum(file, ip, ip + 20) === 0xffff,
      tcpChecksumOk: onesSum(file, tcp, tcp + tcpLength, pseudo) === 0xffff,
      ipId: v.getUint16(ip + 4),
      ttl: file[ip + 8]!,
    });
    o = f + incl;
  }
  assert.equal(o, file.length, 'no trailing bytes');
  return { linktype, snaplen, frames };
}

// ---- records ---------------------------------------------------------------------------------

const BASE = Date.UTC(2024, 4, 1, 12, 0, 0);
let nextId = 1;

function rec(connection: string, direction: 'in' | 'out', timestamp: number, bytes: Uint8Array, extra: Partial<CaptureRecord> = {}): CaptureRecord {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return {
    id: nextId++,
    connection,
    direction,
    timestamp,
    bytes,
    command: 'x',
    command_id: bytes.length >= 8 ? v.getUint32(4) : 0,
    command_status: bytes.length >= 12 ? v.getUint32(8) : 0,
    sequence_number: bytes.length >= 16 ? v.getUint32(12) : 0,
    ...extra,
  };
}

function fixtureBytes(name: string): Uint8Array {
  const f = FIXTURES.find((x) => x.name === name);
  assert.ok(f, name);
  return hex(f.hex);
}

const BIND = fixtureBytes('bind_transmitter test/secret/OTA');
const ENQ = fixtureBytes('enquire_link seq 1');
const ENQ_RESP = fixtureBytes('enquire_link_resp seq 7');
const SUBMIT = fixtureBytes('submit_sm 40404 → 44951361920');
const SUBMIT_RESP = fixtureBytes('submit_sm_resp');

const isData = (f: Frame): boolean => f.payload.length > 0;

/** Checks that every direction of every stream is consistent, as Wireshark's TCP analysis would. */
function checkTcpConsistency(frames: readonly Frame[]): void {
  const key = (f: Frame): string => `${f.src}:${f.sport}>${f.dst}:${f.dport}`;
  const reverse = (f: Frame): string => `${f.dst}:${f.dport}>${f.src}:${f.sport}`;
  const next = new Map<string, number>();
  const acked = new Map<string, number>();
  for (const f of frames) {
    assert.ok(f.ipChecksumOk, 'IPv4 header checksum');
    assert.ok(f.tcpChecksumOk, 'TCP checksum');
    assert.equal(f.window, 0xffff);
    const k = key(f);
    if ((f.flags & SYN) !== 0) {
      assert.ok(!next.has(k), 'one SYN per direction');
      next.set(k, (f.seq + 1) >>> 0);
      if ((f.flags & ACK) !== 0) assert.equal(f.ack, next.get(reverse(f)), 'SYN-ACK acknowledges the SYN');
      continue;
    }
    assert.equal(f.seq, next.get(k), `seq follows on in ${k}`);
    assert.ok((f.flags & ACK) !== 0, 'every segment after the SYN carries ACK');
    assert.equal(f.ack, next.get(reverse(f)), `ack covers all the peer sent in ${k}`);
    acked.set(reverse(f), f.ack);
    next.set(k, (f.seq + f.payload.length) >>> 0);
    // Bytes in flight never exceed the advertised window.
    const inFlight = (next.get(k)! - (acked.get(k) ?? next.get(k)!)) >>> 0;
    assert.ok(inFlight <= 0xffff, `in flight ${inFlight}`);
  }
}

// ---- tests -----------------------------------------------------------------------------------

describe('writePcap', () => {
  it('writes only the global header for an empty capture', () => {
    const file = writePcap([]);
    assert.equal(file.length, 24);
    const { linktype, snaplen, frames } = readPcap(file);
    assert.equal(linktype, LINKTYPE_ETHERNET);
    assert.ok(snaplen >= 65_535);
    assert.deepEqual(frames, []);
  });

  it('opens each stream with SYN, SYN-ACK, ACK and writes one segment per PDU, in order', () => {
    const records = [
      rec('a', 'out', BASE, BIND),
      rec('a', 'in', BASE + 3, encode({ command: 'bind_transmitter_resp', sequence_number: 2, body: { system_id: 'SMSC' } })),
      rec('a', 'out', BASE + 10.5, SUBMIT),
      rec('a', 'in', BASE + 12.25, SUBMIT_RESP),
      rec('a', 'out', BASE + 1000, ENQ),
      rec('a', 'in', BASE + 1001, ENQ_RESP),
    ];
    const { frames } = readPcap(writePcap(records, { maskPasswords: false }));
    assert.equal(frames.length, 3 + records.length);
    assert.deepEqual(frames.slice(0, 3).map((f) => f.flags), [SYN, SYN | ACK, ACK]);
    for (const f of frames.slice(0, 3)) assert.equal(f.payload.length, 0);
    const data = frames.slice(3);
    data.forEach((f, i) => {
      const r = records[i]!;
      assert.equal(toHex(f.payload), toHex(r.bytes), 'the PDU is the whole segment payload');
      assert.equal(f.flags, PSH | ACK);
      const micros = Math.round(r.timestamp * 1000);
      assert.equal(f.sec, Math.floor(micros / 1e6));
      assert.equal(f.usec, micros % 1e6, 'microsecond timestamps');
      if (r.direction === 'out') {
        assert.deepEqual([f.src, f.dst, f.dport], ['127.0.0.1', '127.0.0.2', 2775]);
      } else {
        assert.deepEqual([f.src, f.dst, f.sport], ['127.0.0.2', '127.0.0.1', 2775]);
      }
    });
    const ephemeral = data[0]!.sport;
    assert.ok(ephemeral >= 49_152, 'the ESME uses an ephemeral port');
    for (const f of data) assert.equal(f.src === '127.0.0.1' ? f.sport : f.dport, ephemeral, 'one stream');
    assert.equal(frames[0]!.sec, data[0]!.sec, 'the handshake carries the first PDU time');
    checkTcpConsistency(frames);
    // IPv4 identification counts per sender; TTL is sane.
    const outIds = frames.filter((f) => f.src === '127.0.0.1').map((f) => f.ipId);
    assert.deepEqual(outIds, outIds.map((_, i) => outIds[0]! + i));
    for (const f of frames) assert.equal(f.ttl, 64);
  });

  it('keeps one stream per connection, interleaved, each with its own handshake', () => {
    const records = [
      rec('a', 'out', BASE, ENQ),
      rec('b', 'out', BASE + 1, SUBMIT),
      rec('a', 'in', BASE + 2, ENQ_RESP),
      rec('b', 'in', BASE + 3, SUBMIT_RESP),
      rec('c', 'in', BASE + 4, SUBMIT, { leg: 'upstream' }),
    ];
    const { frames } = readPcap(writePcap(records));
    assert.equal(frames.length, 3 * 3 + records.length);
    const syns = frames.filter((f) => f.flags === SYN);
    assert.equal(syns.length, 3);
    assert.equal(new Set(syns.map((f) => f.sport)).size, 3, 'distinct ephemeral ports');
    checkTcpConsistency(frames);
  });

  it('uses the record endpoints when they hold IPv4 addresses, and the local side opens the connection', () => {
    const ends = { local: { host: '10.1.2.3', port: 40_001 }, remote: { host: '192.0.2.7', port: 3550 } };
    const records = [rec('x', 'out', BASE, ENQ, ends), rec('x', 'in', BASE + 1, ENQ_RESP, ends)];
    const { frames } = readPcap(writePcap(records));
    assert.deepEqual([frames[0]!.src, frames[0]!.sport, frames[0]!.dst, frames[0]!.dport, frames[0]!.flags], ['10.1.2.3', 40_001, '192.0.2.7', 3550, SYN]);
    assert.deepEqual([frames[4]!.src, frames[4]!.sport, frames[4]!.dst, frames[4]!.dport], ['192.0.2.7', 3550, '10.1.2.3', 40_001]);
    checkTcpConsistency(frames);
  });

  it('falls back to 127.0.0.1 / 127.0.0.2 for host names and IPv6, keeping the ports', () => {
    const ends = { local: { host: '::1', port: 50_000 }, remote: { host: 'smsc.example.com', port: 2776 } };
    const { frames } = readPcap(writePcap([rec('x', 'out', BASE, ENQ, ends)]));
    assert.deepEqual([frames[3]!.src, frames[3]!.sport, frames[3]!.dst, frames[3]!.dport], ['127.0.0.1', 50_000, '127.0.0.2', 2776]);
    assert.deepEqual(parseIpv4('::ffff:10.0.0.1'), [10, 0, 0, 1]);
    assert.deepEqual(parseIpv4('localhost'), [127, 0, 0, 1]);
    assert.equal(parseIpv4('300.1.1.1'), undefined);
    assert.equal(parseIpv4('fe80::1'), undefined);
  });

  it('takes the SMSC port from the options where a record names none', () => {
    const { frames } = readPcap(writePcap([rec('x', 'out', BASE, ENQ)], { port: 8775 }));
    assert.equal(frames[0]!.dport, 8775);
    assert.throws(() => writePcap([], { port: 0 }), RangeError);
    assert.throws(() => writePcap([], { port: 70_000 }), RangeError);
  });

  it('makes a reconnect (a new local port) a new stream, and never reuses a four-tuple', () => {
    const first = { local: { host: '127.0.0.1', port: 49_154 }, remote: { host: '127.0.0.2', port: 2775 } };
    const second = { local: { host: '127.0.0.1', port: 49_200 }, remote: { host: '127.0.0.2', port: 2775 } };
    const records = [
      rec('x', 'out', BASE, ENQ), // synthetic port 49152
      rec('y', 'out', BASE + 1, ENQ, first), // a real port, 49154
      rec('z', 'out', BASE + 2, ENQ), // synthetic: its turn gives 49154 too, which must move along
      rec('y', 'out', BASE + 3, ENQ, second),
    ];
    const { frames } = readPcap(writePcap(records));
    const syns = frames.filter((f) => f.flags === SYN).map((f) => f.sport);
    assert.equal(syns.length, 4);
    assert.equal(new Set(syns).size, 4);
    assert.ok(syns.includes(49_154) && syns.includes(49_200));
    checkTcpConsistency(frames);
  });

  it('acknowledges from the receiver before unacknowledged data would pass the window', () => {
    const big = encode({ command: 'data_sm', sequence_number: 1, body: {}, tlvs: [{ name: 'message_payload', value: new Uint8Array(9000).fill(0x41) }] });
    const records = Array.from({ length: 30 }, (_, i) => rec('a', 'out', BASE + i, big));
    const { frames } = readPcap(writePcap(records));
    const pureAcks = frames.slice(3).filter((f) => !isData(f));
    assert.ok(pureAcks.length >= 3, 'pure ACKs inserted: ' + pureAcks.length);
    for (const f of pureAcks) assert.equal(f.src, '127.0.0.2', 'the receiver acknowledges');
    assert.equal(frames.filter(isData).length, 30);
    checkTcpConsistency(frames);
  });

  it('splits a PDU larger than one IPv4 packet into segments that reassemble', () => {
    const huge = encode({ command: 'data_sm', sequence_number: 9, body: {}, tlvs: [{ name: 'message_payload', value: new Uint8Array(65_520).fill(0x42) }] });
    assert.ok(huge.length > MAX_SEGMENT);
    const { frames } = readPcap(writePcap([rec('a', 'out', BASE, huge), rec('a', 'in', BASE + 1, SUBMIT_RESP)]));
    const data = frames.filter(isData);
    assert.equal(data.length, 3);
    assert.ok(data[0]!.payload.length <= MAX_SEGMENT);
    const joined = new Uint8Array(data[0]!.payload.length + data[1]!.payload.length);
    joined.set(data[0]!.payload);
    joined.set(data[1]!.payload, data[0]!.payload.length);
    assert.equal(toHex(joined), toHex(huge));
    checkTcpConsistency(frames);
  });

  it('writes empty records as nothing (no zero-length data segments)', () => {
    const { frames } = readPcap(writePcap([rec('a', 'out', BASE, new Uint8Array(0)), rec('a', 'out', BASE + 1, ENQ)]));
    assert.equal(frames.filter(isData).length, 1);
    checkTcpConsistency(frames);
  });
});

describe('writePcap password masking', () => {
  const secret = Buffer.from('secret');

  function payloads(records: CaptureRecord[], maskPasswords?: boolean): Uint8Array[] {
    return readPcap(writePcap(records, maskPasswords === undefined ? {} : { maskPasswords })).frames.filter(isData).map((f) => f.payload);
  }

  it('masks bind passwords by default, octet for octet, without touching the record', () => {
    const before = toHex(BIND);
    const [p] = payloads([rec('a', 'out', BASE, BIND)]);
    assert.equal(p!.length, BIND.length, 'lengths stay valid');
    assert.equal(Buffer.from(p!).indexOf(secret), -1);
    // system_id "test\0" then six '*' then the NUL, then the rest unchanged.
    assert.equal(toHex(p!), before.replace(toHex(secret), '2a'.repeat(6)));
    assert.equal(toHex(BIND), before, 'the capture record is not modified');
  });

  it('keeps passwords with maskPasswords: false', () => {
    const [p] = payloads([rec('a', 'out', BASE, BIND)], false);
    assert.equal(toHex(p!), toHex(BIND));
  });

  it('masks every bind form and outbind, and leaves other PDUs alone', () => {
    for (const command of ['bind_receiver', 'bind_transceiver', 'bind_transmitter'] as const) {
      const b = encode({ command, sequence_number: 3, body: { system_id: 'sys', password: 'pw12', system_type: 'T' } });
      assert.equal(Buffer.from(maskPassword(b)).toString('latin1').includes('sys\0****\0T\0'), true, command);
    }
    const outbind = encode({ command: 'outbind', sequence_number: 4, body: { system_id: 'mc', password: 'hunter2' } });
    assert.equal(Buffer.from(maskPassword(outbind)).toString('latin1').slice(16), 'mc\0*******\0');
    const resp = encode({ command: 'bind_transceiver_resp', sequence_number: 3, body: { system_id: 'secretive' } });
    assert.equal(maskPassword(resp), resp, 'a response carries no password');
    assert.equal(maskPassword(SUBMIT), SUBMIT);
  });

  it('copes with empty passwords and malformed binds', () => {
    const empty = encode({ command: 'bind_transmitter', sequence_number: 1, body: { system_id: 'a', password: '' } });
    assert.equal(toHex(maskPassword(empty)), toHex(empty));
    // The password runs to the end of the PDU without a NUL: masked to the end.
    const cut = hex('0000001a' + '00000002' + '00000000' + '00000001' + '6100' + '7077647777');
    assert.equal(toHex(maskPassword(cut)), '0000001a000000020000000000000001' + '6100' + '2a2a2a2a2a');
    // No NUL after system_id: nothing to mask.
    const noNul = hex('00000014' + '00000009' + '00000000' + '00000001' + '61626364');
    assert.equal(toHex(maskPassword(noNul)), toHex(noNul));
    // Shorter than a header: left alone.
    assert.equal(toHex(maskPassword(hex('0000001000000002'))), '0000001000000002');
  });
});
