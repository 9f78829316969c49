// What the hex input's readers share: character classes read by char code, where an index of the
// pasted text lies (line and column, from a line index built once), the capped list of problems,
// and the bytes read so far with the text index each came from, in typed arrays that grow by
// doubling. Browser-safe: no Buffer, no node: imports.

export interface HexInputProblem {
  /** 0-based character index into the input. */
  index: number;
  /** 1-based line. */
  line: number;
  /** 1-based column. */
  column: number;
  message: string;
}

/** Problems listed before the rest are only counted. */
export const MAX_PROBLEMS = 20;

/** Hex digit values by char code (-1 for anything else). */
const HEX_VALUE = new Int8Array(128).fill(-1);
for (let c = 0; c < 10; c++) HEX_VALUE[48 + c] = c;
for (let c = 0; c < 6; c++) {
  HEX_VALUE[65 + c] = 10 + c;
  HEX_VALUE[97 + c] = 10 + c;
}

/** The value of a hex digit's char code, or -1. */
export function hexValue(code: number): number {
  return code < 128 ? HEX_VALUE[code]! : -1;
}

export function isHexCode(code: number): boolean {
  return code < 128 && HEX_VALUE[code]! >= 0;
}

export function isDigitCode(code: number): boolean {
  return code >= 48 && code <= 57;
}

function isLetterCode(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/** An ASCII letter or digit. */
export function isAlnumCode(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/** A character that `\w` matches: ASCII letter, digit or `_`. */
export function isWordCode(code: number): boolean {
  return isAlnumCode(code) || code === 95;
}

/** White space as `\s` and `String#trim` see it. */
export function isSpaceCode(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  if (code < 0xa0) return false;
  return code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff;
}

/** Space or tab: what separates the columns of a dump line. */
export function isBlankCode(code: number): boolean {
  return code === 0x20 || code === 0x09;
}

/** True when every character of text[from, to) is white space. */
export function isAllSpace(text: string, from = 0, to = text.length): boolean {
  for (let i = from; i < to; i++) if (!isSpaceCode(text.charCodeAt(i))) return false;
  return true;
}

/** The index after the last non-space character of text[from, to), or `from`. */
export function trimmedEnd(text: string, from: number, to: number): number {
  let end = to;
  while (end > from && isSpaceCode(text.charCodeAt(end - 1))) end--;
  return end;
}

/** True when text[at…] starts with `word`, ASCII letters compared without case. */
export function startsWithIgnoringCase(text: string, at: number, word: string): boolean {
  if (at + word.length > text.length) return false;
  for (let k = 0; k < word.length; k++) {
    const c = text.charCodeAt(at + k);
    const w = word.charCodeAt(k);
    if (c !== w && !(isLetterCode(w) && (c | 0x20) === (w | 0x20))) return false;
  }
  return true;
}

/** A token for a message, cut after 24 characters. */
export function clip(token: string): string {
  return token.length > 24 ? token.slice(0, 24) + '…' : token;
}

/** A token for a message: cut after 24 characters, quoted and escaped as JSON. */
export function quoteToken(token: string): string {
  return JSON.stringify(clip(token));
}

/** Line and column of any index of a text, from the line starts found once. */
export class TextPositions {
  private readonly lineStarts: number[] = [0];

  constructor(text: string) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.lineStarts.push(i + 1);
  }

  at(index: number): { line: number; column: number } {
    const starts = this.lineStarts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= index) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: index - starts[lo]! + 1 };
  }
}

/** Collects problems, each with its place in the text; past MAX_PROBLEMS only counts them. */
export class Reporter {
  readonly problems: HexInputProblem[] = [];
  private readonly raw: string[] = [];
  dropped = 0;

  constructor(
    private readonly text: string,
    private readonly positions: TextPositions,
  ) {}

  get count(): number {
    return this.problems.length + this.dropped;
  }

  add(index: number, message: string): void {
    if (this.problems.length >= MAX_PROBLEMS) {
      this.dropped++;
      return;
    }
    const { line, column } = this.positions.at(index);
    this.raw.push(message);
    this.problems.push({ index, line, column, message: `line ${line}, column ${column}: ${message}` });
  }

  /** Takes over the problems another reporter of the same text collected. */
  absorb(other: Reporter): void {
    other.problems.forEach((p, i) => this.add(p.index, other.raw[i]!));
    this.dropped += other.dropped;
  }

  /** Describes the character at `index` for a message. */
  charAt(index: number): string {
    const ch = this.text.codePointAt(index);
    if (ch === undefined) return 'end of input';
    return ch < 0x20 || ch === 0x7f ? `U+${ch.toString(16).toUpperCase().padStart(4, '0')}` : `'${String.fromCodePoint(ch)}'`;
  }

  finish(): HexInputProblem[] {
    if (this.dropped) {
      const last = this.problems[this.problems.length - 1]!;
      this.problems.push({ ...last, message: `…and ${this.dropped} more problem${this.dropped === 1 ? '' : 's'}` });
      this.dropped = 0;
    }
    return this.problems;
  }
}

/**
 * Bytes read from the text, each with the text index it came from, in blocks (a dump may hold
 * several captured frames). Typed arrays that double when full: adding a byte allocates nothing.
 */
export class SourcedBytes {
  bytes: Uint8Array;
  pos: Int32Array;
  length = 0;
  /** Where each block starts in `bytes`; the first block starts at 0. */
  readonly blockStarts: number[] = [];

  constructor(capacity = 256) {
    const cap = Math.max(16, capacity);
    this.bytes = new Uint8Array(cap);
    this.pos = new Int32Array(cap);
  }

  add(byte: number, at: number): void {
    if (this.length === this.bytes.length) this.grow();
    this.bytes[this.length] = byte;
    this.pos[this.length++] = at;
  }

  startBlock(): void {
    this.blockStarts.push(this.length);
  }

  get blockCount(): number {
    return Math.max(1, this.blockStarts.length);
  }

  /** Block `i` as [start, end) in `bytes`. */
  block(i: number): [number, number] {
    const starts = this.blockStarts;
    return [starts[i] ?? 0, i + 1 < starts.length ? starts[i + 1]! : this.length];
  }

  /** The bytes read, as a view. */
  view(): Uint8Array {
    return this.bytes.subarray(0, this.length);
  }

  private grow(): void {
    const bytes = new Uint8Array(this.bytes.length * 2);
    bytes.set(this.bytes);
    const pos = new Int32Array(this.pos.length * 2);
    pos.set(this.pos);
    this.bytes = bytes;
    this.pos = pos;
  }
}
