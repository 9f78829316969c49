// Seeded fuzzing of the framer: streams of valid PDUs, some with a hostile command_length, cut
// into chunks at random points (single octets included). Every PDU before a fault comes out
// whole and in order, whatever the cuts; a fault is a PduError (the one documented error) naming
// where in the stream it is, raised exactly at the PDU that carries it; every push after it
// raises the same error; and nothing is emitted after it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { writeU32 } from '../../../src/smpp/bytes';
import { encode } from '../../../src/smpp/codec';
import { PduError } from '../../../src/smpp/fields';
import { DEFAULT_MAX_COMMAND_LENGTH, PduFramer } from '../../../src/smpp/framer';
import { generateCorpus } from '../../fixtures/corpus';
import { GOOD_FIXTURES, hex } from '../../fixtures/pdus';
import { toHex } from '../smpp/helpers';
import { below, inputs, random, SEED, seedText } from './support';

const STREAMS = inputs(10_000);

const PDUS: Uint8Array[] = [...GOOD_FIXTURES.map((f) => hex(f.hex)), ...generateCorpus(SEED, 200).map((p) => Uint8Array.from(encode(p)))];

/** command_length values no framer may trust, for a framer limited to `max`. */
function hostileLength(r: () => number, max: number): number {
  switch (below(r, 5)) {
    case 0:
      return below(r, 16); // shorter than a header
    case 1:
      return max + 1 + below(r, 1000); // over the limit
    case 2:
      return 0x80000000 + below(r, 0x7fffffff); // top bit set
    case 3:
      return 0xffffffff;
    default:
      return max + 1 + below(r, 0x7fffffff - max);
  }
}

interface Stream {
  bytes: Uint8Array;
  pdus: Uint8Array[];
  /** Index of the PDU with the hostile length, and where it starts in the stream. */
  fault?: { index: number; offset: number };
}

function makeStream(r: () => number, max: number): Stream {
  const count = 1 + below(r, 12);
  const pdus: Uint8Array[] = [];
  for (let i = 0; i < count; i++) {
    const p = PDUS[below(r, PDUS.length)]!;
    if (p.length <= max) pdus.push(p);
  }
  let fault: Stream['fault'];
  if (pdus.length > 0 && r() < 0.4) {
    const index = below(r, pdus.length);
    const bad = pdus[index]!.slice();
    writeU32(bad, 0, hostileLength(r, max));
    pdus[index] = bad;
    let offset = 0;
    for (let i = 0; i < index; i++) offset += pdus[i]!.length;
    fault = { index, offset };
  }
  const total = pdus.reduce((n, p) => n + p.length, 0);
  const bytes = new Uint8Array(total);
  let o = 0;
  for (const p of pdus) {
    bytes.set(p, o);
    o += p.length;
  }
  return { bytes, pdus, fault };
}

/** Random cut points: sometimes one octet at a time, sometimes a few large chunks. */
function cuts(r: () => number, length: number): number[] {
  const points = new Set<number>();
  const n = r() < 0.1 ? length : below(r, 8);
  for (let i = 0; i < n; i++) points.add(r() < 0.1 ? i + 1 : 1 + below(r, Math.max(1, length - 1)));
  return [...points].filter((p) => p > 0 && p < length).sort((a, b) => a - b);
}

describe(`fuzz: the framer over ${STREAMS} streams cut at random (${seedText})`, () => {
  it('emits every PDU before a fault whole and in order, and fails at the fault with a PduError only', () => {
    const r = random(0xf4a3);
    for (let s = 0; s < STREAMS; s++) {
      const max = r() < 0.5 ? DEFAULT_MAX_COMMAND_LENGTH : 16 + below(r, 400);
      const stream = makeStream(r, max);
      const framer = new PduFramer({ maxCommandLength: max });
      const frames: string[] = [];
      let error: unknown;
      let start = 0;
      const points = [...cuts(r, stream.bytes.length), stream.bytes.length];
      const where = () => `${seedText}, stream #${s} (max ${max}, cuts ${points.join(',')}): ${toHex(stream.bytes)}`;
      for (const end of points) {
        const chunk = stream.bytes.slice(start, end);
        start = end;
        try {
          framer.push(chunk, (frame) => {
            assert.equal(error, undefined, `a frame came after the fault; ${where()}`);
            frames.push(toHex(frame));
          });
        } catch (err) {
          if (!(err instanceof PduError)) assert.fail(`push threw ${String(err)}, not a PduError; ${where()}`);
          if (error === undefined) error = err;
          else {
            assert.equal(err.message, (error as PduError).message, `a later push gives the same error; ${where()}`);
          }
        }
      }
      const good = stream.fault === undefined ? stream.pdus : stream.pdus.slice(0, stream.fault.index);
      assert.deepEqual(frames, good.map(toHex), `the PDUs before any fault, whole and in order; ${where()}`);
      if (stream.fault === undefined) {
        assert.equal(error, undefined, `no fault in a stream of valid PDUs; ${where()}`);
      } else {
        assert.ok(error instanceof PduError, `the hostile command_length is reported; ${where()}`);
        assert.equal(error.streamOffset, stream.fault.offset, `the error names where the PDU starts; ${where()}`);
        assert.match(error.message, /command_length/, where());
      }
    }
  });
});
