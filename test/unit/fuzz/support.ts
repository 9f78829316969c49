// What the fuzz tests share. The seed and the size of every fuzz test: SMPP_FUZZ_SEED replays a run (each test prints the
// seed it used, in its name and in every failure); SMPP_FUZZ_SCALE multiplies the number of
// inputs (1 by default: together the fuzz tests try well over 100 000 inputs a run).
import { seeded } from '../../support/random';

export const SEED = Number(process.env.SMPP_FUZZ_SEED ?? 0x5eed);
const SCALE = Number(process.env.SMPP_FUZZ_SCALE ?? 1);

/** `n` inputs at the configured scale (at least 1). */
export function inputs(n: number): number {
  return Math.max(1, Math.round(n * SCALE));
}

/** The test's own generator: one per test, so that each replays alone from the seed. */
export function random(salt: number): () => number {
  return seeded((SEED ^ salt) >>> 0);
}

export const seedText = `seed 0x${SEED.toString(16)}`;

/** An integer in [0, n). */
export function below(r: () => number, n: number): number {
  return Math.floor(r() * n);
}

/** Line and column of `index` in `text`, counted independently of the code under test: lines end at \n, columns in UTF-16 units, both 1-based. */
export function lineColumn(text: string, index: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < index; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      start = i + 1;
    }
  }
  return { line, column: index - start + 1 };
}
