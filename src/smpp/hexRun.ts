// Finds the PDU written as hex under a cursor in one line of text (a log line, a JSON string, a
// comment): digits with optional single separators between bytes (space, tab or ':'), where a
// PDU starts at a group boundary, its command_length fits inside the run and its command_id is
// known. Several PDUs back to back are walked by their command_length, so the one under the
// cursor is found. Looks only at a window of the line around the cursor (8 KiB by default) and
// does a bounded amount of work, so it costs nothing noticeable on huge lines.
// Browser-safe: no Buffer, no node: imports.

import { toHex } from './bytes';
import { commandById } from './tables/commands';

export interface HexRunMatch {
  /** Character range of the PDU's hex in the line: its first digit to after its last. */
  start: number;
  end: number;
  /** The PDU's bytes. */
  bytes: Uint8Array;
  /** The PDU as compact lower-case hex. */
  hex: string;
}

export interface HexRunOptions {
  /** Characters of the line looked at, centred on the cursor. Default 8192. */
  window?: number;
}

export const DEFAULT_HEX_WINDOW = 8192;
/** A PDU is at least its 16-octet header. */
export const MIN_PDU_OCTETS = 16;
/** Upper bound on header reads per lookup, whatever the input. */
const BUDGET = 20_000;

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48; // 0-9
  if (c >= 97 && c <= 102) return c - 87; // a-f
  if (c >= 65 && c <= 70) return c - 55; // A-F
  return -1;
}

function isSep(c: number): boolean {
  return c === 32 || c === 9 || c === 58; // space, tab, ':'
}

/**
 * The PDU whose hex covers `column` (0-based) in `line`, or undefined. A separator between two
 * bytes of the PDU counts as covered.
 */
export function findPduAt(line: string, column: number, options: HexRunOptions = {}): HexRunMatch | undefined {
  const window = Math.max(64, options.window ?? DEFAULT_HEX_WINDOW);
  if (!Number.isInteger(column) || column < 0 || column >= line.length) return undefined;
  let lo = Math.max(0, column - (window >> 1));
  const hi = Math.min(line.length, lo + window);
  lo = Math.max(0, hi - window);

  const at = (i: number): number => line.charCodeAt(i);
  const hexAt = (i: number): boolean => i >= lo && i < hi && hexValue(at(i)) >= 0;
  if (!hexAt(column) && !(isSep(at(column)) && hexAt(column - 1) && hexAt(column + 1))) return undefined;

  // The run: hex digits, and single separators between digits.
  let start = column;
  while (start > lo && (hexAt(start - 1) || (isSep(at(start - 1)) && hexAt(start - 2)))) start--;
  let end = column + 1;
  while (end < hi && (hexAt(end) || (isSep(at(end)) && hexAt(end + 1)))) end++;
  if (end - start < MIN_PDU_OCTETS * 2) return undefined;

  // Digits with their positions and the group (between separators) each belongs to.
  const n = end - start;
  const value = new Uint8Array(n);
  const pos = new Int32Array(n);
  const group = new Int32Array(n);
  const groupStart: number[] = [];
  let count = 0;
  let g = -1;
  let prevSep = true;
  let cursor = -1;
  for (let i = start; i < end; i++) {
    const v = hexValue(at(i));
    if (v < 0) {
      prevSep = true;
      continue;
    }
    if (prevSep) {
      g++;
      groupStart.push(count);
      prevSep = false;
    }
    if (cursor < 0 && i >= column) cursor = count;
    value[count] = v;
    pos[count] = i;
    group[count] = g;
    count++;
  }
  if (cursor < 0) return undefined;

  /** The byte made of digits j and j+1, or -1 when they straddle a separator or run out. */
  const byteAt = (j: number): number => (j + 1 < count && group[j] === group[j + 1] ? (value[j]! << 4) | value[j + 1]! : -1);
  const word = (j: number): number => {
    const a = byteAt(j);
    const b = byteAt(j + 2);
    const c = byteAt(j + 4);
    const d = byteAt(j + 6);
    return a < 0 || b < 0 || c < 0 || d < 0 ? -1 : ((a << 24) | (b << 16) | (c << 8) | d) >>> 0;
  };
  // badFrom[j]: the first digit k >= j, k - j even, where no byte can be read (count if none).
  const badFrom = new Int32Array(count + 2);
  badFrom[count] = count;
  badFrom[count + 1] = count;
  for (let j = count - 1; j >= 0; j--) badFrom[j] = byteAt(j) < 0 ? j : badFrom[j + 2]!;
  /** The length in octets of a plausible PDU starting at digit s, or 0. */
  const pduAt = (s: number): number => {
    const len = word(s);
    if (len < MIN_PDU_OCTETS || s + 2 * len > count) return 0;
    const id = word(s + 8);
    if (id < 0 || commandById(id) === undefined) return 0;
    return badFrom[s]! >= s + 2 * len ? len : 0;
  };

  // Candidate starts: each group's first digit, and its second (for a run glued to a stray digit).
  let budget = BUDGET;
  for (const first of groupStart) {
    for (const s0 of [first, first + 1]) {
      if (s0 > cursor || s0 >= count || (s0 === first + 1 && group[s0] !== group[first])) continue;
      let s = s0;
      while (budget-- > 0) {
        const len = pduAt(s);
        if (len === 0) break;
        const stop = s + 2 * len;
        if (cursor < stop) return match(s, len);
        s = stop;
      }
      if (budget <= 0) return undefined;
    }
  }
  return undefined;

  function match(s: number, len: number): HexRunMatch {
    const bytes = new Uint8Array(len);
    for (let k = 0; k < len; k++) bytes[k] = byteAt(s + 2 * k);
    return { start: pos[s]!, end: pos[s + 2 * len - 1]! + 1, bytes, hex: toHex(bytes) };
  }
}
