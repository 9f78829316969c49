// The decoder's hex box: what one edit costs. 10k PDUs pasted back to back (plain hex and an xxd
// dump of the same bytes) are parsed and every PDU decoded, as the page does on each edit; node-smpp's
// decode of the same PDUs is printed beside ours. Then 1 MiB pastes of anything (random text, runs
// of one character, hex digits with no PDU structure, dumps, arrays, base64) are parsed and their
// PDUs decoded. Our code runs from an esbuild bundle, as the page loads it. Prints the median of
// several runs, in milliseconds. `--quick` runs fewer.

import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { toHex } from '../src/smpp/bytes';
import { encode } from '../src/smpp/codec';
import type * as Codec from '../src/smpp/codec';
import type * as HexInput from '../src/smpp/hexInput';
import { benchCorpus, prng } from '../test/fixtures/corpus';
import { PDU, normalise } from '../test/fixtures/nodesmpp';

/** The hex input and the decoder in one esbuild bundle, as the page loads them (dist/webview.js). */
function bundled(): Pick<typeof HexInput, 'parseHexInput'> & Pick<typeof Codec, 'decode'> {
  const dir = mkdtempSync(join(tmpdir(), 'smpp-hex-bench-'));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  const outfile = join(dir, 'hexInput.js');
  const contents = "export { parseHexInput } from './src/smpp/hexInput'; export { decode } from './src/smpp/codec';";
  buildSync({ stdin: { contents, resolveDir: join(__dirname, '..'), loader: 'ts' }, bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile, logLevel: 'warning' });
  return createRequire(__filename)(outfile) as ReturnType<typeof bundled>;
}

const { parseHexInput, decode } = bundled();

const quick = process.argv.includes('--quick');
const RUNS = quick ? 3 : 7;
const MIB = 1024 * 1024;
const TARGET_10K_MS = 100;
const TARGET_MIB_MS = 300;

let sink = 0;

/** Median wall time of `fn` in ms, after one warm-up run. */
function median(fn: () => void): number {
  fn();
  const times: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const start = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[times.length >> 1]!;
}

/** What the page does on an edit: read the text, decode the PDU shown with its tree and the others for the list. */
function edit(text: string): void {
  const r = parseHexInput(text);
  r.pdus.forEach((pdu, i) => {
    sink += decode(pdu, i === 0 ? { fields: true } : undefined).problems.length;
  });
  sink += r.problems.length;
}

function xxd(bytes: Uint8Array): string {
  const lines: string[] = [];
  for (let off = 0; off < bytes.length; off += 16) {
    const row = bytes.subarray(off, off + 16);
    let groups = '';
    for (let k = 0; k < 16; k += 2) groups += (k > 0 ? ' ' : '') + toHex(row.subarray(k, k + 2)).padEnd(4, ' ');
    let ascii = '';
    for (const b of row) ascii += b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.';
    lines.push(off.toString(16).padStart(8, '0') + ': ' + groups + '  ' + ascii);
  }
  return lines.join('\n') + '\n';
}

function hexdumpC(bytes: Uint8Array): string {
  const lines: string[] = [];
  for (let off = 0; off < bytes.length; off += 16) {
    const row = bytes.subarray(off, off + 16);
    const cells = Array.from(row, (b) => toHex(Uint8Array.of(b)));
    let ascii = '';
    for (const b of row) ascii += b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.';
    lines.push(`${off.toString(16).padStart(8, '0')}  ${cells.slice(0, 8).join(' ').padEnd(23)}  ${cells.slice(8).join(' ').padEnd(23)}  |${ascii}|`);
  }
  lines.push(bytes.length.toString(16).padStart(8, '0'));
  return lines.join('\n') + '\n';
}

function wireshark(bytes: Uint8Array): string {
  const lines: string[] = [];
  for (let off = 0; off < bytes.length; off += 16) {
    const row = bytes.subarray(off, off + 16);
    let ascii = '';
    for (const b of row) ascii += b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.';
    lines.push(`${(off & 0xffff).toString(16).padStart(4, '0')}   ${toHex(row, ' ').padEnd(47)}   ${ascii}`);
  }
  return lines.join('\n') + '\n';
}

/** `length` characters: `unit` repeated, cut to length. */
function fill(unit: string, length = MIB): string {
  return unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
}

const rnd = prng(0x4e11);
function randomText(alphabet: string, length = MIB): string {
  const parts: string[] = [];
  for (let i = 0; i < length; i++) parts.push(alphabet[Math.floor(rnd() * alphabet.length)]!);
  return parts.join('');
}
function randomBytes(n: number): Uint8Array {
  const b = new Uint8Array(n);
  for (let i = 0; i < n; i++) b[i] = Math.floor(rnd() * 256);
  return b;
}

// 10k PDUs of the codec bench's mixed corpus, back to back.
const buffers = benchCorpus(0xbe4c, 10_000)
  .map(normalise)
  .map((p) => Buffer.from(encode(p)));
const all = new Uint8Array(Buffer.concat(buffers));
const plainHex = toHex(all);
const xxdAll = xxd(all);
const check = parseHexInput(plainHex);
if (check.pdus.length !== buffers.length || check.problems.length > 0) throw new Error(`10k PDUs read as ${check.pdus.length} PDUs with ${check.problems.length} problems`);
const checkXxd = parseHexInput(xxdAll);
if (checkXxd.pdus.length !== buffers.length || checkXxd.problems.length > 0) throw new Error(`the xxd dump read as ${checkXxd.pdus.length} PDUs with ${checkXxd.problems.length} problems`);

const fmt = (ms: number): string => ms.toFixed(1).padStart(9);
console.log(`10k PDUs back to back: ${all.length} octets, ${plainHex.length} hex characters; median of ${RUNS} runs, ms`);
const parseOnly = median(() => {
  sink += parseHexInput(plainHex).pdus.length;
});
const decodeOnly = median(() => {
  for (const b of check.pdus) sink += decode(b).pdu.sequence_number;
});
const nsDecode = median(() => {
  for (const b of buffers) sink += (new PDU(b) as unknown as { sequence_number: number }).sequence_number;
});
const both = median(() => edit(plainHex));
const bothXxd = median(() => edit(xxdAll));
console.log(`parse, plain hex                    ${fmt(parseOnly)}`);
console.log(`decode, ours (values only)          ${fmt(decodeOnly)}`);
console.log(`decode, node-smpp                   ${fmt(nsDecode)}`);
console.log(`parse + decode, plain hex           ${fmt(both)}  (target < ${TARGET_10K_MS})`);
console.log(`parse + decode, xxd dump (${(xxdAll.length / MIB).toFixed(1)} MiB)  ${fmt(bothXxd)}`);

const randomPdus = randomBytes(MIB / 4);
const pastes: [string, string][] = [
  ['random printable text', randomText(' !"#$%&\'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~\n')],
  ['random hex digits, no PDU structure', randomText('0123456789abcdef')],
  ['hex digits and spaces', randomText('0123456789abcdef   \n')],
  ['00 repeated', fill('00')],
  ["'[' repeated", fill('[')],
  ["'[,' repeated", fill('[,')],
  ["'{' repeated", fill('{')],
  ["'/*' repeated", fill('/*')],
  ["'0x' repeated", fill('0x')],
  ["'\\x' repeated", fill('\\x')],
  ["'0x0' repeated", fill('0x0 ')],
  ['one odd token', fill('0', MIB - 1)],
  ["'(1 bytes)  ' repeated", fill('(1 bytes)  ')],
  ['dump lines, double spaces', fill('0000  00  00  00  00  00  00  00  00  00  00  00  00  00  00  00  00\n')],
  ['one dump line, 1 MiB', '0000  ' + fill('00  ', MIB - 6)],
  ['random base64', randomText('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/')],
  ["python b'\\x00…'", "b'" + fill('\\x00', MIB - 3) + "'"],
  ['C array of random bytes', '{' + Array.from(randomBytes(MIB / 6), (b) => '0x' + toHex(Uint8Array.of(b))).join(',') + '}'],
  ['decimal list', '[' + Array.from(randomBytes(MIB / 4), String).join(',') + ']'],
  ['xxd dump of random bytes', xxd(randomBytes(MIB / 4)).slice(0, MIB)],
  ['hexdump -C of random bytes', hexdumpC(randomBytes(MIB / 5)).slice(0, MIB)],
  ['Wireshark dump of random bytes', wireshark(randomBytes(MIB / 5)).slice(0, MIB)],
  ['random bytes as hex', toHex(randomPdus).slice(0, MIB)],
];
console.log(`\n1 MiB pastes: parse, then decode every PDU found; median of ${RUNS} runs, ms (target < ${TARGET_MIB_MS} each)`);
let worst = 0;
for (const [name, text] of pastes) {
  const r = parseHexInput(text);
  const ms = median(() => edit(text));
  worst = Math.max(worst, ms);
  console.log(`${name.padEnd(38)} ${fmt(ms)}   ${String(r.pdus.length).padStart(6)} PDUs, ${r.problems.length} problems, read as ${r.format}`);
}
console.log(`slowest 1 MiB paste                    ${fmt(worst)}`);
if (sink === 0.5) console.log(sink);
