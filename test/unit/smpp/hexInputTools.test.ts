// The hex input against the real tools people paste from: PDUs written to a file and printed by
// xxd (default, -g1, -c 32, -p, -i), hexdump -C, od -Ax -tx1 -v and base64, and frames written to
// a pcap by our writer and printed by `tshark -x`. Each output must read back as exactly the PDUs.
// The tools are never skipped: whoever runs the tests is told how to get a missing one.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { CaptureRecord } from '../../../src/smpp/capture';
import { decode, encode } from '../../../src/smpp/codec';
import { parseHexInput } from '../../../src/smpp/hexInput';
import { writePcap } from '../../../src/smpp/pcap';
import { generateCorpus } from '../../fixtures/corpus';
import { tempDir } from '../../support/tempDir';
import { toHex } from './helpers';

const PDUS = generateCorpus(0x4e11, 40).map((p) => encode(p));
const dir = tempDir('smpp-hex-tools');
const file = join(dir, 'pdus.bin');
writeFileSync(file, Buffer.concat(PDUS));

function run(tool: string, args: string[], pkg: string): string {
  const r = spawnSync(tool, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.error !== undefined) assert.fail(`${tool} is missing: apt-get install -y ${pkg}`);
  assert.equal(r.status, 0, `${tool} ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

function readsBack(text: string, format: string): void {
  const r = parseHexInput(text);
  assert.deepEqual(r.problems, []);
  assert.equal(r.format, format);
  assert.deepEqual(r.pdus.map(toHex), PDUS.map(toHex));
}

test('xxd output in its layouts reads back as the PDUs', () => {
  readsBack(run('xxd', [file], 'xxd'), 'xxd');
  readsBack(run('xxd', ['-g1', file], 'xxd'), 'xxd');
  readsBack(run('xxd', ['-c', '32', file], 'xxd'), 'xxd');
  readsBack(run('xxd', ['-p', file], 'xxd'), 'hex');
  readsBack(run('xxd', ['-i', file], 'xxd'), 'c-array');
});

test('hexdump -C, od -Ax -tx1 -v and base64 output read back as the PDUs', () => {
  readsBack(run('hexdump', ['-C', file], 'bsdextrautils'), 'hexdump');
  readsBack(run('od', ['-Ax', '-tx1', '-v', file], 'coreutils'), 'od');
  readsBack(run('base64', [file], 'coreutils'), 'base64');
});

test('tshark -x of captured frames: every frame reduced to its TCP payload, the PDUs in order', () => {
  const records: CaptureRecord[] = PDUS.map((bytes, i) => {
    const { pdu } = decode(bytes);
    const { command, command_id, command_status, sequence_number } = pdu;
    return { id: i + 1, connection: 'a', direction: i % 2 === 0 ? 'out' : 'in', timestamp: 1_700_000_000_000 + i, bytes, command, command_id, command_status, sequence_number };
  });
  const pcap = join(dir, 'frames.pcap');
  writeFileSync(pcap, writePcap(records, { maskPasswords: false }));
  const dump = run('tshark', ['-r', pcap, '-x'], 'tshark');
  const r = parseHexInput(dump);
  assert.deepEqual(r.problems, []);
  assert.deepEqual(r.pdus.map(toHex), PDUS.map(toHex));
  // The handshake's three frames carry no payload; every frame's headers are named.
  assert.match(r.notes[0]!, /^block 1: removed Ethernet\/IPv4\/TCP headers \(54 bytes\) of a captured frame; kept its 0-byte TCP payload$/);
  assert.ok(r.notes.length >= PDUS.length + 3);
});
