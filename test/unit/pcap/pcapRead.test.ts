// The capture-file reader: pcap and pcapng in both byte orders, micro- and nanosecond time, each
// link type, IPv4 (with options) and IPv6 (with extension headers), TCP reassembly (PDUs split
// over segments and many per segment, retransmissions, out-of-order segments, lost segments),
// SMPP found by its header on any port or on a named one, and files cut short or corrupt, each
// with its clear error. Files are built here byte by byte (build.ts) or written by our own pcap
// export (read back, they give the PDUs exported).

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CaptureRecord } from '../../../src/smpp/capture';
import { encode } from '../../../src/smpp/codec';
import { writePcap } from '../../../src/smpp/pcap';
import { CaptureFileError, capturePackets, readCapturePdus, type CapturedPdu, type CaptureReadSummary, type ReadCaptureOptions } from '../../../src/smpp/pcapRead';
import { GOOD_FIXTURES, hex } from '../../fixtures/pdus';
import { toHex } from '../smpp/helpers';
import { frame, ipPacket, pcapFile, pcapngFile, pcapOf, type Link, type Segment } from './build';

const T0 = Date.UTC(2026, 11, 2, 10, 0, 0);

function read(file: Uint8Array, options: Partial<ReadCaptureOptions> = {}): { pdus: CapturedPdu[]; summary: CaptureReadSummary } {
  const pdus: CapturedPdu[] = [];
  const summary = readCapturePdus(file, { ...options, onPdu: (p) => pdus.push(p) });
  return { pdus, summary };
}

const BIND = encode({ command: 'bind_transceiver', sequence_number: 1, body: { system_id: 'esme', password: 'secret', interface_version: 0x34 } });
const BIND_RESP = encode({ command: 'bind_transceiver_resp', sequence_number: 1, body: { system_id: 'SMSC' } });
const SUBMIT = encode({ command: 'submit_sm', sequence_number: 2, body: { source_addr: '12345', destination_addr: '447700900123', short_message: new TextEncoder().encode('Hello from the capture') } });
const SUBMIT_RESP = encode({ command: 'submit_sm_resp', sequence_number: 2, body: { message_id: 'abc123' } });
const ENQ = encode({ command: 'enquire_link', sequence_number: 3 });
const ENQ_RESP = encode({ command: 'enquire_link_resp', sequence_number: 3 });

const C = { ip: '192.0.2.10', port: 40001 };
const S = { ip: '198.51.100.7', port: 2775 };

/**
 * A whole session: handshake, PDUs one segment each (the client's and server's sequence numbers
 * kept), FIN both ways. `chunks` lets a PDU be cut into several segments.
 */
function conversation(
  pdus: { from: 'c' | 's'; bytes: Uint8Array; split?: number[] }[],
  o: { c?: typeof C; s?: typeof S; syn?: boolean; fin?: boolean } = {},
): Segment[] {
  const c = o.c ?? C;
  const s = o.s ?? S;
  let cs = 1000;
  let ss = 5000;
  let t = T0;
  const seg: Segment[] = [];
  const cToS = (flags: string, payload?: Uint8Array): void => {
    seg.push({ src: c.ip, dst: s.ip, sport: c.port, dport: s.port, seq: cs, ack: ss, flags, payload, time: (t += 10) });
    cs += (payload?.length ?? 0) + (flags.includes('S') || flags.includes('F') ? 1 : 0);
  };
  const sToC = (flags: string, payload?: Uint8Array): void => {
    seg.push({ src: s.ip, dst: c.ip, sport: s.port, dport: c.port, seq: ss, ack: cs, flags, payload, time: (t += 10) });
    ss += (payload?.length ?? 0) + (flags.includes('S') || flags.includes('F') ? 1 : 0);
  };
  if (o.syn !== false) {
    cToS('S');
    sToC('SA');
    cToS('A');
  }
  for (const p of pdus) {
    const send = p.from === 'c' ? cToS : sToC;
    const cuts = [0, ...(p.split ?? []), p.bytes.length];
    for (let i = 0; i + 1 < cuts.length; i++) send('PA', p.bytes.subarray(cuts[i], cuts[i + 1]));
  }
  if (o.fin !== false) {
    cToS('FA');
    sToC('FA');
    cToS('A');
  }
  return seg;
}

const SESSION = [
  { from: 'c' as const, bytes: BIND },
  { from: 's' as const, bytes: BIND_RESP },
  { from: 'c' as const, bytes: SUBMIT },
  { from: 's' as const, bytes: SUBMIT_RESP },
  { from: 's' as const, bytes: ENQ },
  { from: 'c' as const, bytes: ENQ_RESP },
];

function same(a: Uint8Array | undefined, b: Uint8Array): boolean {
  return a !== undefined && toHex(a) === toHex(b);
}

function commands(pdus: CapturedPdu[]): string[] {
  return pdus.map((p) => `${p.direction} ${p.command} ${p.sequence_number}`);
}

const SESSION_COMMANDS = ['out bind_transceiver 1', 'in bind_transceiver_resp 1', 'out submit_sm 2', 'in submit_sm_resp 2', 'in enquire_link 3', 'out enquire_link_resp 3'];

describe('capture files: our own pcap export read back', () => {
  it('gives the exported PDUs, octet for octet, with their time, direction, endpoints and pairing', () => {
    const records: CaptureRecord[] = [];
    const local = { host: '127.0.0.1', port: 50123 };
    const remote = { host: '127.0.0.1', port: 2775 };
    GOOD_FIXTURES.forEach((f, i) => {
      const bytes = hex(f.hex);
      const id = bytes[4]! >= 0x80;
      records.push({
        id: i + 1,
        connection: 'c',
        direction: id ? 'in' : 'out',
        timestamp: T0 + i * 7.25,
        bytes,
        command: f.pdu.command,
        command_id: 0,
        command_status: f.pdu.command_status,
        sequence_number: f.pdu.sequence_number,
        local,
        remote,
      });
    });
    const file = writePcap(records, { maskPasswords: false });
    const { pdus, summary } = read(file);
    assert.equal(summary.error, undefined);
    assert.equal(summary.format, 'pcap');
    assert.equal(summary.streams, 1);
    assert.deepEqual(summary.notes, []);
    assert.equal(pdus.length, records.length);
    pdus.forEach((p, i) => {
      const r = records[i]!;
      assert.equal(toHex(p.bytes), toHex(r.bytes), `PDU ${i + 1} (${r.command})`);
      assert.equal(p.direction, r.direction, `PDU ${i + 1} direction`);
      assert.equal(p.timestamp, Math.round(r.timestamp * 1000) / 1000, `PDU ${i + 1} time`);
      assert.deepEqual(p.esme, local);
      assert.deepEqual(p.smsc, remote);
    });
  });

  it('pairs each response with its request, as the capture does', () => {
    const { pdus } = read(pcapOf(conversation(SESSION)));
    const submitResp = pdus.find((p) => p.command === 'submit_sm_resp')!;
    const submit = pdus.find((p) => p.command === 'submit_sm')!;
    assert.deepEqual(submitResp.request, { index: submit.index, rtt: 10 });
    const enqResp = pdus.find((p) => p.command === 'enquire_link_resp')!;
    assert.equal(enqResp.request?.index, pdus.find((p) => p.command === 'enquire_link')!.index);
  });
});

describe('capture files: formats', () => {
  for (const le of [true, false]) {
    for (const nano of [false, true]) {
      it(`pcap, ${le ? 'little' : 'big'}-endian, ${nano ? 'nanosecond' : 'microsecond'} timestamps`, () => {
        const segs = conversation(SESSION).map((s, i) => ({ ...s, time: s.time + i * 0.000123 + 0.000456 }));
        const { pdus, summary } = read(pcapOf(segs, { le, nano }));
        assert.equal(summary.error, undefined);
        assert.deepEqual(commands(pdus), SESSION_COMMANDS);
        const bindSeg = segs.find((s) => s.payload?.length === BIND.length)!;
        const expected = nano ? bindSeg.time : Math.round(bindSeg.time * 1000) / 1000;
        assert.ok(Math.abs(pdus[0]!.timestamp - expected) < 1e-6, `${pdus[0]!.timestamp} vs ${expected}`);
        assert.deepEqual(pdus[0]!.from, { host: C.ip, port: C.port });
        assert.deepEqual(pdus[0]!.to, { host: S.ip, port: S.port });
      });
    }
  }

  for (const le of [true, false]) {
    it(`pcapng, ${le ? 'little' : 'big'}-endian: two interfaces of different link types, ns resolution, an unknown block skipped`, () => {
      const segs = conversation(SESSION);
      const packets = segs.map((s, i) => ({ iface: i % 2, time: s.time + 0.000789, data: frame(i % 2 === 0 ? 'ethernet' : 'sll2', s) }));
      const file = pcapngFile([{ link: 'ethernet' }, { link: 'sll2', tsresol: 9 }], packets, { le });
      const { pdus, summary } = read(file);
      assert.equal(summary.error, undefined);
      assert.equal(summary.format, 'pcapng');
      assert.equal(summary.packets, segs.length);
      assert.deepEqual(commands(pdus), SESSION_COMMANDS);
      const onSll2 = pdus.find((p) => p.packet % 2 === 0)!;
      assert.ok(Math.abs(onSll2.timestamp - (segs[onSll2.packet - 1]!.time + 0.000789)) < 1e-6, 'nanosecond interface keeps its precision');
    });
  }

  it('pcapng: a simple packet block (no timestamp) and a binary time resolution', () => {
    const segs = conversation(SESSION);
    const packets = segs.map((s, i) => ({ iface: 0, time: s.time, data: frame('raw', s), kind: i === 3 ? ('spb' as const) : ('epb' as const) }));
    const { pdus, summary } = read(pcapngFile([{ link: 'raw', tsresol: 0x80 | 20 }], packets));
    assert.equal(summary.error, undefined);
    assert.deepEqual(commands(pdus), SESSION_COMMANDS);
    assert.ok(Math.abs(pdus[1]!.timestamp - segs[4]!.time) < 0.01);
  });
});

describe('capture files: link types and IP', () => {
  const links: Link[] = ['ethernet', 'vlan', 'sll', 'sll2', 'null', 'null-be', 'raw'];
  for (const link of links) {
    for (const v6 of [false, true]) {
      it(`${link}, ${v6 ? 'IPv6 with extension headers' : 'IPv4 with options'}`, () => {
        const c = v6 ? { ip: '2001:db8::10', port: 40001 } : C;
        const s = v6 ? { ip: '2001:db8:0:1::7', port: 2775 } : S;
        const segs = conversation(SESSION, { c, s }).map((x) => (v6 ? { ...x, extensions: true } : { ...x, ipOptions: 8 }));
        const { pdus, summary } = read(pcapOf(segs, { link }));
        assert.equal(summary.error, undefined);
        assert.deepEqual(commands(pdus), SESSION_COMMANDS);
        assert.deepEqual(pdus[0]!.esme, { host: c.ip, port: c.port });
        assert.deepEqual(pdus[0]!.smsc, { host: s.ip, port: s.port });
      });
    }
  }

  it('IPv4 fragments are left out, and a note says they are not reassembled', () => {
    const segs = conversation(SESSION);
    segs[5] = { ...segs[5]!, fragment: 0x2000 }; // submit_sm with MF set
    const { pdus, summary } = read(pcapOf(segs));
    assert.ok(summary.notes.some((n) => /fragments .* are not reassembled/.test(n.message)), JSON.stringify(summary.notes));
    assert.ok(!pdus.some((p) => p.command === 'submit_sm'));
    assert.ok(pdus.some((p) => p.command === 'enquire_link'), 'reading resumes after the lost segment');
  });
});

describe('capture files: TCP reassembly', () => {
  it('PDUs split over several segments, and several PDUs in one segment', () => {
    const both = new Uint8Array([...SUBMIT, ...ENQ]);
    const segs = conversation([
      { from: 'c', bytes: BIND, split: [2, 9, 20] },
      { from: 's', bytes: BIND_RESP },
      { from: 'c', bytes: both, split: [SUBMIT.length - 3] },
      { from: 's', bytes: new Uint8Array([...SUBMIT_RESP, ...ENQ_RESP]) },
    ]);
    const { pdus } = read(pcapOf(segs));
    assert.deepEqual(commands(pdus), ['out bind_transceiver 1', 'in bind_transceiver_resp 1', 'out submit_sm 2', 'out enquire_link 3', 'in submit_sm_resp 2', 'in enquire_link_resp 3']);
    assert.equal(toHex(pdus[2]!.bytes), toHex(SUBMIT));
  });

  it('a retransmitted segment is dropped, and an overlapping one gives only its new octets', () => {
    const segs = conversation([{ from: 'c', bytes: BIND }, { from: 's', bytes: BIND_RESP }, { from: 'c', bytes: SUBMIT, split: [10] }]);
    const i = segs.findIndex((s) => s.payload?.length === 10);
    const first = segs[i]!;
    const second = segs[i + 1]!;
    // The same first part again, then a segment overlapping both parts.
    const again = { ...first, time: first.time + 1 };
    const overlap = { ...second, seq: second.seq - 4, payload: SUBMIT.subarray(6), time: second.time + 1 };
    segs.splice(i + 1, 0, again);
    segs.splice(i + 3, 0, overlap);
    const { pdus, summary } = read(pcapOf(segs));
    assert.deepEqual(commands(pdus), ['out bind_transceiver 1', 'in bind_transceiver_resp 1', 'out submit_sm 2']);
    assert.equal(toHex(pdus[2]!.bytes), toHex(SUBMIT));
    assert.deepEqual(summary.notes, []);
  });

  it('out-of-order segments wait for the one before them', () => {
    const segs = conversation([{ from: 'c', bytes: BIND, split: [8, 20] }, { from: 's', bytes: BIND_RESP }]);
    const i = segs.findIndex((s) => s.payload?.length === 8);
    const [a, b, c] = segs.splice(i, 3);
    segs.splice(i, 0, c!, a!, b!);
    const { pdus, summary } = read(pcapOf(segs));
    assert.deepEqual(commands(pdus), ['out bind_transceiver 1', 'in bind_transceiver_resp 1']);
    assert.equal(toHex(pdus[0]!.bytes), toHex(BIND));
    assert.equal(pdus[0]!.packet, segs.indexOf(b!) + 1, 'the PDU completes with the late segment');
    assert.deepEqual(summary.notes, []);
  });

  it('a lost segment is a gap: noted with its size, and reading resumes at the next PDU', () => {
    const segs = conversation(SESSION);
    const lost = segs.findIndex((s) => same(s.payload, SUBMIT));
    segs.splice(lost, 1);
    const { pdus, summary } = read(pcapOf(segs));
    assert.deepEqual(commands(pdus), ['out bind_transceiver 1', 'in bind_transceiver_resp 1', 'in submit_sm_resp 2', 'in enquire_link 3', 'out enquire_link_resp 3']);
    const gap = summary.notes.find((n) => /missing/.test(n.message));
    assert.ok(gap, JSON.stringify(summary.notes));
    assert.match(gap.message, new RegExp(`^${SUBMIT.length} octets missing \\(the receiver acknowledged them\\)`));
    assert.equal(gap.stream, `${C.ip}:${C.port} → ${S.ip}:${S.port}`);
  });

  it('a gap in the middle of a PDU loses that PDU only', () => {
    const segs = conversation([...SESSION.slice(0, 2), { from: 'c', bytes: new Uint8Array([...SUBMIT, ...ENQ]), split: [10, 30] }, { from: 's', bytes: SUBMIT_RESP }], { fin: false });
    const lost = segs.findIndex((s) => s.payload?.length === 20);
    segs.splice(lost, 1);
    const { pdus, summary } = read(pcapOf(segs));
    assert.deepEqual(commands(pdus), ['out bind_transceiver 1', 'in bind_transceiver_resp 1', 'out enquire_link 3', 'in submit_sm_resp 2']);
    assert.ok(summary.notes.some((n) => /20 octets missing .*a PDU in progress, 10 octets of it captured, is lost/.test(n.message)), JSON.stringify(summary.notes));
  });

  it('segments held behind a hole are bounded: past the limit the hole is given up as a gap', () => {
    // The receiver never acknowledges (no ACK flag): only the buffer's limit ends the wait.
    const pdus = Array.from({ length: 40 }, (_, i) => ({ from: 'c' as const, bytes: encode({ command: 'enquire_link', sequence_number: i + 1 }) }));
    const segs = conversation([{ from: 'c', bytes: BIND }, ...pdus], { fin: false }).map((x) => ({ ...x, flags: x.flags!.replace('A', '') }));
    const lost = segs.findIndex((x) => same(x.payload, pdus[0]!.bytes));
    segs.splice(lost, 1);
    const { pdus: read1, summary } = read(pcapOf(segs), { maxBuffered: 64 });
    assert.equal(read1.length, 40, 'the bind and 39 enquire_links');
    assert.ok(summary.notes.some((n) => /^16 octets missing \(more than 64 octets waited behind them\)/.test(n.message)), JSON.stringify(summary.notes));
    assert.equal(read1[1]!.sequence_number, 2);
  });

  it('IPv6 fragments are left out too', () => {
    const c = { ip: '2001:db8::10', port: 40001 };
    const s = { ip: '2001:db8::7', port: 2775 };
    const segs = conversation(SESSION, { c, s });
    const i = segs.findIndex((x) => same(x.payload, SUBMIT));
    const packet = ipv6Fragment(segs[i]!);
    const file = pcapFile(
      segs.map((x, k) => ({ time: x.time, data: k === i ? packet : frame('raw', x) })),
      { link: 'raw' },
    );
    const { pdus, summary } = read(file);
    assert.ok(summary.notes.some((n) => /^IPv6 fragments from 2001:db8::10 to 2001:db8::7 are not reassembled/.test(n.message)), JSON.stringify(summary.notes));
    assert.ok(!pdus.some((p) => p.command === 'submit_sm'));
  });

  it('a PDU cut off at the end of the capture is noted', () => {
    const segs = conversation([{ from: 'c', bytes: BIND }, { from: 's', bytes: BIND_RESP }, { from: 'c', bytes: SUBMIT, split: [12] }], { fin: false });
    segs.pop();
    const { pdus, summary } = read(pcapOf(segs));
    assert.equal(pdus.length, 2);
    assert.ok(summary.notes.some((n) => /a PDU is incomplete at the end of the capture: 12 octets of it were captured/.test(n.message)), JSON.stringify(summary.notes));
  });

  it('a snap length that cut a segment: the missing octets are a gap', () => {
    const segs = conversation(SESSION);
    const i = segs.findIndex((s) => same(s.payload, SUBMIT));
    segs[i] = { ...segs[i]!, snap: 14 + 20 + 20 + 16 };
    const { pdus, summary } = read(pcapOf(segs));
    assert.ok(!pdus.some((p) => p.command === 'submit_sm'));
    assert.ok(pdus.some((p) => p.command === 'enquire_link_resp'));
    assert.ok(summary.notes.some((n) => /snap length/.test(n.message)), JSON.stringify(summary.notes));
  });

  it('a reset ends the connection; a new SYN on the same ports is a new connection', () => {
    const first = conversation([{ from: 'c', bytes: BIND }], { fin: false });
    first.push({ src: S.ip, dst: C.ip, sport: S.port, dport: C.port, seq: 5001, ack: 1000 + 1 + BIND.length, flags: 'RA', time: T0 + 500 });
    const second = conversation(SESSION).map((s) => ({ ...s, seq: s.seq + 77777, ack: s.ack === undefined ? undefined : s.ack + 77777, time: s.time + 1000 }));
    const { pdus, summary } = read(pcapOf([...first, ...second]));
    assert.equal(pdus.length, 1 + SESSION.length);
    assert.equal(summary.streams, 2);
    assert.deepEqual(
      pdus.map((p) => p.stream),
      [1, 2, 2, 2, 2, 2, 2],
    );
  });
});

describe('capture files: finding SMPP', () => {
  it('on any port, by a plausible header at the start of the connection; other traffic is left out', () => {
    const smpp = conversation(SESSION, { s: { ip: S.ip, port: 9999 } });
    const http = conversation([{ from: 'c', bytes: new TextEncoder().encode('GET / HTTP/1.1\r\nHost: x\r\n\r\n') }], { c: { ip: C.ip, port: 40002 }, s: { ip: S.ip, port: 80 } });
    const { pdus, summary } = read(pcapOf([...http, ...smpp]));
    assert.deepEqual(commands(pdus), SESSION_COMMANDS);
    assert.equal(summary.streams, 1);
    assert.deepEqual(pdus[0]!.smsc, { host: S.ip, port: 9999 });
  });

  it('a capture that starts mid-connection: the first header is found in the stream', () => {
    const tail = new Uint8Array([...SUBMIT.subarray(20), ...ENQ]);
    const segs = conversation([{ from: 'c', bytes: tail }, { from: 's', bytes: SUBMIT_RESP }, { from: 's', bytes: ENQ_RESP }], { syn: false });
    const { pdus } = read(pcapOf(segs));
    assert.deepEqual(commands(pdus), ['out enquire_link 3', 'in submit_sm_resp 2', 'in enquire_link_resp 3']);
  });

  it('on a named port: only connections on it are read, and the side on it is the SMSC', () => {
    const a = conversation(SESSION, { syn: false, s: { ip: S.ip, port: 7000 } });
    const b = conversation(SESSION, { c: { ip: '203.0.113.5', port: 41000 }, s: { ip: S.ip, port: 2775 } });
    // Without a SYN or a bind, only the port says who is who: start a's data after its bind.
    const aNoBind = a.filter((s) => !same(s.payload, BIND) && !same(s.payload, BIND_RESP));
    const { pdus, summary } = read(pcapOf([...aNoBind, ...b]), { port: 7000 });
    assert.equal(summary.streams, 1);
    assert.deepEqual(commands(pdus), SESSION_COMMANDS.slice(2));
    assert.deepEqual(pdus[0]!.smsc, { host: S.ip, port: 7000 });
  });
});

describe('capture files: files cut short or corrupt', () => {
  const good = pcapOf(conversation(SESSION));
  const goodNg = pcapngFile(
    [{ link: 'ethernet' }],
    conversation(SESSION).map((s) => ({ iface: 0, time: s.time, data: frame('ethernet', s) })),
  );

  function failure(file: Uint8Array): { error: CaptureFileError; pdus: CapturedPdu[] } {
    const { pdus, summary } = read(file);
    assert.ok(summary.error instanceof CaptureFileError, 'an error is reported');
    return { error: summary.error, pdus };
  }

  it('not a capture file at all', () => {
    const { error } = failure(new TextEncoder().encode('hello world, not a capture'));
    assert.match(error.message, /^not a pcap or pcapng file: it starts 68 65 6c 6c at byte 0/);
    assert.equal(error.offset, 0);
    assert.match(failure(new Uint8Array([0xa1, 0xb2])).error.message, /the file is 2 octets long: too short/);
  });

  it('pcap cut in a record: the PDUs before it are kept, the error names the record and its byte', () => {
    const cut = good.subarray(0, good.length - 30);
    const { error, pdus } = failure(cut);
    const records = [...pcapRecordOffsets(good)];
    const last = records.length;
    assert.equal(error.record, last);
    assert.equal(error.offset, records[last - 1]);
    assert.equal(error.message, `the file is cut short in record ${last} at byte ${records[last - 1]}: its packet needs 54 octets, 24 remain`);
    assert.deepEqual(commands(pdus), SESSION_COMMANDS);
  });

  it('pcap cut in a record header, and a record that claims an impossible length', () => {
    const offsets = [...pcapRecordOffsets(good)];
    const { error } = failure(good.subarray(0, offsets[4]! + 6));
    assert.equal(error.message, `the file is cut short in the header of record 5 at byte ${offsets[4]}: it needs 16 octets, 6 remain`);
    const corrupt = good.slice();
    new DataView(corrupt.buffer).setUint32(offsets[2]! + 8, 0x7fffffff, true);
    const bad = failure(corrupt).error;
    assert.equal(bad.record, 3);
    assert.match(bad.message, new RegExp(`^record 3 at byte ${offsets[2]} claims 2147483647 captured octets, more than any packet`));
    assert.match(failure(good.subarray(0, 20)).error.message, /the pcap file header needs 24 octets; the file ends after 20/);
  });

  it('pcapng cut in a block, a block length that is not a multiple of 4, and a trailing length that differs', () => {
    const blocks = [...pcapngBlockOffsets(goodNg)];
    const cut = failure(goodNg.subarray(0, goodNg.length - 10)).error;
    assert.equal(cut.record, blocks.length);
    assert.match(cut.message, new RegExp(`^the file is cut short in block ${blocks.length} at byte ${blocks[blocks.length - 1]}: the block needs \\d+ octets, \\d+ remain$`));

    const odd = goodNg.slice();
    new DataView(odd.buffer).setUint32(blocks[4]! + 4, 33, true);
    assert.equal(failure(odd).error.message, `block 5 at byte ${blocks[4]} has a length of 33, which is not a multiple of 4 of at least 12: the file is corrupt`);

    const trailing = goodNg.slice();
    const v = new DataView(trailing.buffer);
    const length = v.getUint32(blocks[5]! + 4, true);
    v.setUint32(blocks[5]! + length - 4, length + 4, true);
    assert.equal(failure(trailing).error.message, `block 6 at byte ${blocks[5]} ends with the length ${length + 4}, not the ${length} it starts with: the file is corrupt`);
  });

  it('pcapng: a packet naming an interface the section does not describe', () => {
    const segs = conversation(SESSION);
    const file = pcapngFile([{ link: 'ethernet' }], [{ iface: 0, time: segs[0]!.time, data: frame('ethernet', segs[0]!) }, { iface: 0, time: segs[1]!.time, data: frame('ethernet', segs[1]!) }]);
    const blocks = [...pcapngBlockOffsets(file)];
    new DataView(file.buffer).setUint32(blocks[4]! + 8, 3, true);
    const { error } = failure(file);
    assert.equal(error.message, `block 5 at byte ${blocks[4]} (enhanced packet block): it names interface 3, but the section describes 1: the file is corrupt`);
  });

  it('reads a large file one record at a time', () => {
    const segs: Segment[] = [];
    const many = Array.from({ length: 3000 }, (_, i) => ({ from: (i % 2 === 0 ? 'c' : 's') as 'c' | 's', bytes: encode({ command: i % 2 === 0 ? 'enquire_link' : 'enquire_link_resp', sequence_number: Math.floor(i / 2) + 1 }) }));
    segs.push(...conversation(many));
    const file = pcapOf(segs);
    const it = capturePackets(file);
    const first = it.next();
    assert.equal(first.done, false);
    assert.equal(first.value!.number, 1);
    let count = 0;
    const summary = readCapturePdus(file, { onPdu: () => count++ });
    assert.equal(count, 3000);
    assert.equal(summary.pdus, 3000);
  });
});

function* pcapRecordOffsets(file: Uint8Array): Generator<number> {
  const v = new DataView(file.buffer, file.byteOffset, file.byteLength);
  for (let o = 24; o < file.length; o += 16 + v.getUint32(o + 8, true)) yield o;
}

function* pcapngBlockOffsets(file: Uint8Array): Generator<number> {
  const v = new DataView(file.buffer, file.byteOffset, file.byteLength);
  for (let o = 0; o < file.length; o += v.getUint32(o + 4, true)) yield o;
}


/** The segment's IPv6 packet with a fragment header (the first fragment, more to come) before TCP. */
function ipv6Fragment(seg: Segment): Uint8Array {
  const whole = ipPacket(seg);
  const header = whole.slice(0, 40);
  header[6] = 44;
  const length = ((whole[4]! << 8) | whole[5]!) + 8;
  header[4] = length >> 8;
  header[5] = length & 0xff;
  return Uint8Array.from([...header, 6, 0, 0, 1, 0, 0, 0, 7, ...whole.subarray(40)]);
}
