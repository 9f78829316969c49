// Decode (values only, and with the field tree) and encode of one mixed corpus — submit_sm,
// deliver_sm receipts, enquire_link, the responses, TLV-heavy PDUs — with our codec and with
// node-smpp, in one run. Our codec runs from an esbuild bundle, as the product ships it (dist/*.js).
//
// Each figure is a pair measured in alternating rounds (ours, then theirs, then theirs first), so
// that load from other processes falls on both sides alike: it prints the median PDUs per second
// of each side, and the median of the per-round ratios with their range. `--quick` runs shorter
// rounds.

import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import type * as Codec from '../src/smpp/codec';
import { benchCorpus } from '../test/fixtures/corpus';
import { PDU, normalise, nsOptions } from '../test/fixtures/nodesmpp';

const quick = process.argv.includes('--quick');
const ROUND_MS = quick ? 150 : 400;
const ROUNDS = quick ? 3 : 9;

/** src/smpp/codec.ts bundled into a temporary folder (removed at exit) and loaded. */
function bundledCodec(): typeof Codec {
  const dir = mkdtempSync(join(tmpdir(), 'smpp-codec-bench-'));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  const outfile = join(dir, 'codec.js');
  buildSync({ entryPoints: [join(__dirname, '..', 'src', 'smpp', 'codec.ts')], bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile, logLevel: 'warning' });
  return createRequire(__filename)(outfile) as typeof Codec;
}

const { decode, encode } = bundledCodec();

// Normalised so that node-smpp can hold every PDU as it is (one value per TLV name, no vendor tags).
const inputs = benchCorpus(0xbe4c, 1000).map(normalise);
const buffers = inputs.map((p) => Buffer.from(encode(p)));
const nsPdus = inputs.map((p) => new PDU(p.command, nsOptions(p)));
for (let i = 0; i < inputs.length; i++) {
  if (!nsPdus[i]!.toBuffer().equals(buffers[i]!)) throw new Error('node-smpp and we encode PDU ' + i + ' differently');
}

let sink = 0;

/** PDUs/s of one round of `fn` looping over the corpus for ROUND_MS. */
function round(fn: (i: number) => void): number {
  const n = inputs.length;
  let count = 0;
  const start = process.hrtime.bigint();
  const stop = start + BigInt(ROUND_MS) * 1_000_000n;
  let now = start;
  while (now < stop) {
    for (let i = 0; i < n; i++) fn(i);
    count += n;
    now = process.hrtime.bigint();
  }
  return count / (Number(now - start) / 1e9);
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

interface Pair {
  a: number;
  b: number;
  /** Medians, lowest and highest of a/b over the rounds. */
  ratio: number;
  lo: number;
  hi: number;
}

/** `a` against `b` in alternating rounds. */
function pair(a: (i: number) => void, b: (i: number) => void): Pair {
  const n = inputs.length;
  for (let i = 0; i < n * 3; i++) {
    a(i % n);
    b(i % n);
  }
  const as: number[] = [];
  const bs: number[] = [];
  const ratios: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    let x: number;
    let y: number;
    if (r % 2 === 0) {
      x = round(a);
      y = round(b);
    } else {
      y = round(b);
      x = round(a);
    }
    as.push(x);
    bs.push(y);
    ratios.push(x / y);
  }
  return { a: median(as), b: median(bs), ratio: median(ratios), lo: Math.min(...ratios), hi: Math.max(...ratios) };
}

const ourDecode = (i: number): void => {
  sink += decode(buffers[i]!).pdu.sequence_number;
};
const nsDecode = (i: number): void => {
  sink += (new PDU(buffers[i]!) as unknown as { sequence_number: number }).sequence_number;
};
const ourEncode = (i: number): void => {
  sink += encode(inputs[i]!).length;
};
const nsEncode = (i: number): void => {
  sink += nsPdus[i]!.toBuffer().length;
};
const ourTree = (i: number): void => {
  sink += decode(buffers[i]!, { fields: true }).problems.length;
};

const decoding = pair(ourDecode, nsDecode);
const encoding = pair(ourEncode, nsEncode);
const tree = pair(ourDecode, ourTree);
const treeVsNs = pair(ourTree, nsDecode);

const fmt = (x: number): string => Math.round(x).toLocaleString('en-US').padStart(12);
const times = (p: Pair, target: string): string =>
  p.ratio.toFixed(2).padStart(12) + '×  (' + p.lo.toFixed(2) + '–' + p.hi.toFixed(2) + ' over ' + ROUNDS + ' rounds' + (target === '' ? '' : '; target ' + target) + ')';

const kinds = new Map<string, number>();
for (const p of inputs) kinds.set(p.command, (kinds.get(p.command) ?? 0) + 1);
console.log('corpus: ' + inputs.length + ' PDUs, ' + buffers.reduce((n, b) => n + b.length, 0) + ' octets: ' + [...kinds].map(([k, v]) => k + ' ' + v).join(', '));
console.log('our codec: bundled build (esbuild, as dist/ ships it)');
console.log('                                 PDUs/s');
console.log('decode, ours (values only)  ' + fmt(decoding.a));
console.log('decode, node-smpp           ' + fmt(decoding.b));
console.log('decode ratio                ' + times(decoding, '≥ 4×'));
console.log('encode, ours                ' + fmt(encoding.a));
console.log('encode, node-smpp toBuffer  ' + fmt(encoding.b));
console.log('encode ratio                ' + times(encoding, '≥ 6×'));
console.log('decode, ours, with the tree ' + fmt(tree.b));
console.log('tree decode vs node-smpp    ' + times(treeVsNs, ''));
console.log('tree decode cost vs plain   ' + times(tree, '≤ 4×'));
if (sink === 0.5) console.log(sink);
