// Captures made on loopback by dumpcap (Wireshark's capture engine) while our simulator and an ESME
// session talked (test/fixtures/pcap/make-fixtures.sh): the reader finds the PDUs tshark's own SMPP
// dissector finds, in the same packets, with the same command_id, sequence_number and length, and
// decodes each without a problem. Our pcap export of the PDUs read comes back the same again, and
// `smpp-panel decode --pcap` prints them.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { decodeCommand } from '../../../src/cli/decodeCommand';
import type { CaptureRecord } from '../../../src/smpp/capture';
import { decode } from '../../../src/smpp/codec';
import { writePcap } from '../../../src/smpp/pcap';
import { readCapturePdus, type CapturedPdu } from '../../../src/smpp/pcapRead';
import { toHex } from '../smpp/helpers';

const DIR = join(import.meta.dirname, '../../fixtures/pcap');
const FIXTURES = [
  { file: 'session.pcap', port: 27751, format: 'pcap', pdus: 12, streams: 1 },
  { file: 'session.pcapng', port: 27752, format: 'pcapng', pdus: 14, streams: 2 },
];

interface Dissected {
  frame: number;
  srcport: number;
  command_id: number;
  sequence_number: number;
  command_length: number;
}

/** tshark's SMPP PDUs: one row per PDU (a frame may carry several). */
function tshark(file: string, port: number): Dissected[] {
  const probe = spawnSync('tshark', ['--version'], { encoding: 'utf8' });
  if (probe.error !== undefined || probe.status !== 0) assert.fail('tshark is missing: apt-get install -y tshark');
  const fields = ['frame.number', 'tcp.srcport', 'smpp.command_id', 'smpp.sequence_number', 'smpp.command_length'];
  const args = ['-r', file, '-d', `tcp.port==${port},smpp`, '-Y', 'smpp', '-T', 'fields', '-E', 'occurrence=a', '-E', 'aggregator=,'];
  for (const f of fields) args.push('-e', f);
  const r = spawnSync('tshark', args, { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const rows: Dissected[] = [];
  for (const line of r.stdout.trim().split('\n')) {
    const [frame, srcport, ids, seqs, lengths] = line.split('\t');
    const idList = ids!.split(',');
    const seqList = seqs!.split(',');
    const lengthList = lengths!.split(',');
    idList.forEach((id, i) => rows.push({ frame: Number(frame), srcport: Number(srcport), command_id: Number(id), sequence_number: Number(seqList[i]), command_length: Number(lengthList[i]) }));
  }
  return rows;
}

function read(bytes: Uint8Array): CapturedPdu[] {
  const pdus: CapturedPdu[] = [];
  const summary = readCapturePdus(bytes, { onPdu: (p) => pdus.push(p) });
  assert.equal(summary.error, undefined);
  assert.deepEqual(summary.notes, []);
  return pdus;
}

describe('capture files made by dumpcap on loopback', () => {
  for (const f of FIXTURES) {
    const path = join(DIR, f.file);
    const bytes = new Uint8Array(readFileSync(path));

    it(`${f.file}: the PDUs tshark dissects, found on port ${f.port} by their header alone`, () => {
      const pdus = read(bytes);
      const ours = pdus.map((p) => ({ frame: p.packet, srcport: p.from.port, command_id: p.command_id, sequence_number: p.sequence_number, command_length: p.bytes.length }));
      assert.deepEqual(ours, tshark(path, f.port));
      assert.equal(pdus.length, f.pdus);
      assert.equal(new Set(pdus.map((p) => p.stream)).size, f.streams);
      for (const p of pdus) {
        assert.deepEqual(decode(p.bytes).problems, [], `${p.command} in packet ${p.packet}`);
        assert.deepEqual(p.smsc, { host: '127.0.0.1', port: f.port });
        assert.equal(p.direction, p.from.port === f.port ? 'in' : 'out');
      }
      // Every response is paired with its request.
      for (const p of pdus.filter((x) => (x.command_id & 0x80000000) !== 0)) {
        const request = pdus.find((x) => x.index === p.request?.index);
        assert.ok(request, `${p.command} seq ${p.sequence_number} has its request`);
        assert.equal(request.sequence_number, p.sequence_number);
        assert.ok(p.request!.rtt >= 0);
      }
    });

    it(`${f.file}: written again by our pcap export, read back the same`, () => {
      const pdus = read(bytes);
      const records: CaptureRecord[] = pdus.map((p) => ({
        id: p.index,
        connection: `stream ${p.stream}`,
        direction: p.direction,
        timestamp: p.timestamp,
        bytes: p.bytes,
        command: p.command,
        command_id: p.command_id,
        command_status: p.command_status,
        sequence_number: p.sequence_number,
        local: p.esme,
        remote: p.smsc,
      }));
      const again = read(writePcap(records, { maskPasswords: false }));
      assert.deepEqual(
        again.map((p) => [toHex(p.bytes), p.direction, p.timestamp, p.from, p.to]),
        pdus.map((p) => [toHex(p.bytes), p.direction, Math.round(p.timestamp * 1000) / 1000, p.from, p.to]),
      );
    });

    it(`${f.file}: smpp-panel decode --pcap prints a line per PDU, and --json the PDUs`, () => {
      const out: string[] = [];
      const err: string[] = [];
      assert.equal(decodeCommand(['--pcap', path], { out: (s) => out.push(s), err: (s) => err.push(s) }), 0, err.join(''));
      const lines = out.join('').trim().split('\n');
      assert.equal(lines.length, f.pdus);
      assert.match(lines[0]!, new RegExp(`^2026-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z  127\\.0\\.0\\.1:\\d+ → 127\\.0\\.0\\.1:${f.port}  bind_transceiver · seq 1 · system_id esme01$`));
      assert.ok(lines.some((l) => / submit_sm_resp · seq 2 · ESME_ROK · message_id [0-9a-f]+$/.test(l)));
      assert.ok(lines.some((l) => / deliver_sm · seq 1 · .*receipt id [0-9a-f]+ stat DELIVRD err 000$/.test(l)));

      const json: string[] = [];
      assert.equal(decodeCommand(['--pcap', path, '--json'], { out: (s) => json.push(s), err: () => {} }), 0);
      const parsed = JSON.parse(json.join('')) as { command: string; from: { port: number }; to: { port: number }; direction: string; body: Record<string, unknown> }[];
      assert.equal(parsed.length, f.pdus);
      assert.equal(parsed[0]!.command, 'bind_transceiver');
      assert.equal(parsed[0]!.to.port, f.port);
      assert.equal(parsed[0]!.direction, 'out');
      assert.equal(parsed[0]!.body.system_id, 'esme01');
    });
  }
});

describe('smpp-panel decode --pcap: usage and bad files', () => {
  function run(args: string[]): { code: number; out: string; err: string } {
    const out: string[] = [];
    const err: string[] = [];
    const code = decodeCommand(args, { out: (s) => out.push(s), err: (s) => err.push(s) });
    return { code, out: out.join(''), err: err.join('') };
  }

  it('a cut-short file: the PDUs before the cut are printed, then the error with its byte and record', () => {
    const dir = mkdtempSync(join(tmpdir(), 'smpp-pcap-'));
    try {
      const whole = readFileSync(join(DIR, 'session.pcap'));
      const file = join(dir, 'cut.pcap');
      writeFileSync(file, whole.subarray(0, whole.length - 10));
      const r = run(['--pcap', file]);
      assert.equal(r.code, 1);
      assert.equal(r.out.trim().split('\n').length, 12, 'the file is cut in its last packet, a bare ACK');
      assert.match(r.err, /cut\.pcap: the file is cut short in record \d+ at byte \d+: its packet needs \d+ octets, \d+ remain \(the 12 PDUs before it are printed\)/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a file that is not a capture, a missing file, --port without --pcap, and a port out of range', () => {
    const r = run(['--pcap', join(DIR, 'make-fixtures.sh')]);
    assert.equal(r.code, 1);
    assert.match(r.err, /make-fixtures\.sh: not a pcap or pcapng file: it starts 23 21 2f 62 at byte 0/);
    assert.match(run(['--pcap', join(DIR, 'nothing.pcap')]).err, /--pcap .*nothing\.pcap: cannot read: ENOENT/);
    const usage = run(['--port', '2775', '0000001000000015']);
    assert.equal(usage.code, 2);
    assert.match(usage.err, /--port goes with --pcap FILE/);
    assert.match(run(['--pcap', 'x.pcap', '--port', '70000']).err, /--port takes a TCP port 1\.\.65535, not "70000"/);
  });

  it('a capture with no SMPP on the port named says so', () => {
    const r = run(['--pcap', join(DIR, 'session.pcap'), '--port', '80']);
    assert.equal(r.code, 1);
    assert.equal(r.out, '');
    assert.match(r.err, /session\.pcap: no SMPP PDU in its \d+ packets on port 80/);
  });
});
