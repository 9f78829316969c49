// Seeded fuzzing of the codec: valid PDUs (the fixtures and a generated corpus) are mutated and
// truncated. For every input, decode must not throw, every problem must carry an offset inside
// the input, and an input that decodes without problems must be canonical: encoding what was
// decoded gives back the very same bytes. So a malformed input that slipped through unreported
// would show up as a round-trip mismatch.
//
// 100 000 inputs (SMPP_FUZZ_SCALE multiplies them); SMPP_FUZZ_SEED replays a run. A failure
// prints the seed, the input's index and its hex. Every problem and every field of the tree must
// lie inside the input: offset + length never past its end.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decode, encode, type DecodeResult } from '../../../src/smpp/codec';
import { COMMANDS } from '../../../src/smpp/tables/commands';
import { generateCorpus, prng } from '../../fixtures/corpus';
import { GOOD_FIXTURES, hex } from '../../fixtures/pdus';
import { toHex } from '../smpp/helpers';
import { inputs, SEED } from './support';

const N = inputs(100_000);

/** Commands whose bodies are named but not decoded (SMPP 3.3): they cannot round-trip a body. */
const OPAQUE = new Set(Object.entries(COMMANDS).filter(([, c]) => 'opaque' in c).map(([n]) => n));
const IDS = Object.values(COMMANDS).map((c) => c.id);

function withLength(b: Uint8Array): Uint8Array {
  if (b.length >= 4) new DataView(b.buffer, b.byteOffset, b.length).setUint32(0, b.length);
  return b;
}

type Mutator = (b: Uint8Array, r: () => number) => Uint8Array;
const at = (r: () => number, n: number): number => Math.floor(r() * n);

const MUTATORS: readonly [string, Mutator][] = [
  ['truncate', (b, r) => b.slice(0, at(r, b.length))],
  ['truncate, fix command_length', (b, r) => withLength(b.slice(0, at(r, b.length)))],
  [
    'flip bits',
    (b, r) => {
      const c = b.slice();
      const n = 1 + at(r, 4);
      for (let i = 0; i < n; i++) c[16 + at(r, Math.max(1, c.length - 16))] ^= 1 << at(r, 8);
      return c;
    },
  ],
  [
    'set octets to 00 or ff',
    (b, r) => {
      const c = b.slice();
      const n = 1 + at(r, 3);
      for (let i = 0; i < n; i++) c[at(r, c.length)] = r() < 0.5 ? 0 : 0xff;
      return c;
    },
  ],
  [
    'insert octets, fix command_length',
    (b, r) => {
      const k = 16 + at(r, b.length - 15);
      const ins = new Uint8Array(1 + at(r, 6)).map(() => (r() < 0.3 ? 0 : at(r, 256)));
      const c = new Uint8Array(b.length + ins.length);
      c.set(b.subarray(0, k));
      c.set(ins, k);
      c.set(b.subarray(k), k + ins.length);
      return withLength(c);
    },
  ],
  [
    'delete octets, fix command_length',
    (b, r) => {
      if (b.length <= 16) return b.slice();
      const k = 16 + at(r, b.length - 16);
      const n = 1 + at(r, Math.min(8, b.length - k));
      const c = new Uint8Array(b.length - n);
      c.set(b.subarray(0, k));
      c.set(b.subarray(k + n), k);
      return withLength(c);
    },
  ],
  [
    'random command_length',
    (b, r) => {
      const c = b.slice();
      new DataView(c.buffer).setUint32(0, r() < 0.5 ? at(r, 64) : at(r, 2 ** 32));
      return c;
    },
  ],
  [
    'another command_id',
    (b, r) => {
      const c = b.slice();
      new DataView(c.buffer).setUint32(4, IDS[at(r, IDS.length)]!);
      return c;
    },
  ],
  [
    'another command_status',
    (b, r) => {
      const c = b.slice();
      new DataView(c.buffer).setUint32(8, r() < 0.5 ? 0 : 1 + at(r, 0x112));
      return c;
    },
  ],
  ['random octets', (_b, r) => new Uint8Array(at(r, 48)).map(() => at(r, 256))],
  [
    'random octets after a valid header',
    (b, r) => {
      const c = new Uint8Array(16 + at(r, 40)).map(() => at(r, 256));
      c.set(b.subarray(0, 16));
      return withLength(c);
    },
  ],
];

function seeds(): Uint8Array[] {
  const out = GOOD_FIXTURES.map((f) => hex(f.hex));
  for (const p of generateCorpus(SEED, 300)) out.push(Uint8Array.from(encode(p)));
  return out;
}

function check(input: Uint8Array, fields: boolean): string | undefined {
  let r: DecodeResult;
  try {
    r = decode(input, { fields });
  } catch (e) {
    return 'decode threw: ' + String(e);
  }
  for (const p of r.problems) {
    if (!Number.isInteger(p.offset) || p.offset < 0 || p.offset + (p.length ?? 0) > input.length) return 'problem outside the input: ' + JSON.stringify(p);
    if (p.message.length === 0 || p.field.length === 0) return 'problem without words: ' + JSON.stringify(p);
  }
  const stack = [...(r.fields ?? [])];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.offset < 0 || node.offset + node.length > input.length) return `field ${node.name} at ${node.offset}+${node.length} outside the input`;
    if (node.children) stack.push(...node.children);
  }
  if (r.problems.length === 0 && !OPAQUE.has(r.pdu.command)) {
    let again: Uint8Array;
    try {
      again = encode(r.pdu);
    } catch (e) {
      return 'decoded without problems but encode threw: ' + String(e);
    }
    if (toHex(again) !== toHex(input)) return 'decoded without problems but is not canonical: re-encoded as ' + toHex(again);
  }
  return undefined;
}

describe('fuzz: decode never throws and reports every fault', () => {
  it(N + ' mutated and truncated PDUs (seed 0x' + SEED.toString(16) + ')', () => {
    const base = seeds();
    const r = prng(SEED);
    let withProblems = 0;
    for (let i = 0; i < N; i++) {
      const src = base[at(r, base.length)]!;
      const [name, mutate] = MUTATORS[at(r, MUTATORS.length)]!;
      const input = mutate(src, r);
      // The tree is the slow path; exercise it on a fixed share of the inputs.
      const fault = check(input, i % 4 === 0);
      if (fault !== undefined) {
        assert.fail('fuzz seed 0x' + SEED.toString(16) + ', input #' + i + ' (' + name + '): ' + fault + '\ninput: ' + toHex(input));
      }
      if (decode(input).problems.length > 0) withProblems++;
    }
    // The mutations must actually produce malformed input most of the time.
    assert.ok(withProblems > N / 2, withProblems + ' of ' + N + ' inputs had problems');
  });

  it('the seeds themselves are canonical', () => {
    for (const b of seeds()) assert.equal(check(b, true), undefined, toHex(b));
  });
});
