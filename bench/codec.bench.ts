// Decode (values only, and with the field tree) and encode of one mixed corpus — submit_sm,
// deliver_sm receipts, enquire_link, the responses, TLV-heavy PDUs — with our codec and with
// node-smpp, in one run. Prints PDUs per second for each (the median of several rounds) and the
// ratios. `--quick` runs shorter rounds.

import { decode, encode } from '../src/smpp/codec';
import { benchCorpus } from '../test/fixtures/corpus';
import { PDU, normalise, nsOptions } from '../test/fixtures/nodesmpp';

const quick = process.argv.includes('--quick');
const ROUND_MS = quick ? 150 : 600;
const ROUNDS = quick ? 3 : 7;

// Normalised so that node-smpp can hold every PDU as it is (one value per TLV name, no vendor tags).
const inputs = benchCorpus(0xbe4c, 1000).map(normalise);
const buffers = inputs.map((p) => Buffer.from(encode(p)));
const nsPdus = inputs.map((p) => new PDU(p.command, nsOptions(p)));
for (let i = 0; i < inputs.length; i++) {
  if (!nsPdus[i]!.toBuffer().equals(buffers[i]!)) throw new Error('node-smpp and we encode PDU ' + i + ' differently');
}

let sink = 0;

/** Median PDUs/s over several rounds of `fn` looping over the corpus. */
function measure(fn: (i: number) => void): number {
  const n = inputs.length;
  for (let i = 0; i < n * 3; i++) fn(i % n); // warm up
  const rates: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    let count = 0;
    const start = process.hrtime.bigint();
    const stop = start + BigInt(ROUND_MS) * 1_000_000n;
    let now = start;
    while (now < stop) {
      for (let i = 0; i < n; i++) fn(i);
      count += n;
      now = process.hrtime.bigint();
    }
    rates.push(count / (Number(now - start) / 1e9));
  }
  rates.sort((a, b) => a - b);
  return rates[rates.length >> 1]!;
}

const fmt = (x: number): string => Math.round(x).toLocaleString('en-US').padStart(12);

const ourDecode = measure((i) => {
  sink += decode(buffers[i]!).pdu.sequence_number;
});
const nsDecode = measure((i) => {
  sink += (new PDU(buffers[i]!) as unknown as { sequence_number: number }).sequence_number;
});
const ourEncode = measure((i) => {
  sink += encode(inputs[i]!).length;
});
const nsEncode = measure((i) => {
  sink += nsPdus[i]!.toBuffer().length;
});
const ourTree = measure((i) => {
  sink += decode(buffers[i]!, { fields: true }).problems.length;
});

const kinds = new Map<string, number>();
for (const p of inputs) kinds.set(p.command, (kinds.get(p.command) ?? 0) + 1);
console.log('corpus: ' + inputs.length + ' PDUs, ' + buffers.reduce((n, b) => n + b.length, 0) + ' octets: ' + [...kinds].map(([k, v]) => k + ' ' + v).join(', '));
console.log('                                 PDUs/s');
console.log('decode, ours (values only)  ' + fmt(ourDecode));
console.log('decode, node-smpp           ' + fmt(nsDecode));
console.log('decode ratio                ' + (ourDecode / nsDecode).toFixed(2).padStart(12) + '×  (target ≥ 4×)');
console.log('encode, ours                ' + fmt(ourEncode));
console.log('encode, node-smpp toBuffer  ' + fmt(nsEncode));
console.log('encode ratio                ' + (ourEncode / nsEncode).toFixed(2).padStart(12) + '×  (target ≥ 3×)');
console.log('decode, ours, with the tree ' + fmt(ourTree));
console.log('tree decode vs node-smpp    ' + (ourTree / nsDecode).toFixed(2).padStart(12) + '×');
console.log('tree decode cost vs plain   ' + (ourDecode / ourTree).toFixed(2).padStart(12) + '×  (target ≤ 4×)');
if (sink === 0.5) console.log(sink);
