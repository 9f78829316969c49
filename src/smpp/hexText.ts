// The text formats of the hex input, and which one a paste is in: hex dumps (hexDump.ts), plain hex
// with any separators, 0x / \x / % prefixes, language literals (hexLiterals.ts: C/Java/JS/Go/Rust
// arrays, decimal lists, Node's <Buffer …>, Python b'…'), and base64. Every reader is a
// hand-written scanner that looks at each character a bounded number of times (no backtracking
// regular expression), and writes bytes into typed arrays with the text index each came from.
// Browser-safe: no Buffer, no node: imports.

import { readDump, type DumpFormat } from './hexDump';
import { readArrays, readNodeBuffer, readPythonBytes } from './hexLiterals';
import { hexValue, isAlnumCode, isBlankCode, isDigitCode, isHexCode, isSpaceCode, isWordCode, quoteToken, Reporter, SourcedBytes, TextPositions } from './hexSource';
import { splitPdus } from './pduSplit';

export type HexTextFormat = DumpFormat | 'hex' | 'hex-prefixed' | 'c-array' | 'decimal-array' | 'node-buffer' | 'python-bytes' | 'base64';

/** Reads the bytes a text holds, in whichever format it is written. */
export function readHexText(text: string, positions: TextPositions, rep: Reporter): { format: HexTextFormat; out: SourcedBytes } {
  const dump = readDump(text, rep);
  if (dump) return dump;

  let lead = 0;
  while (lead < text.length && isSpaceCode(text.charCodeAt(lead))) lead++;
  const c0 = text.charCodeAt(lead);
  const c1 = text.charCodeAt(lead + 1);
  if (c0 === 98 && (c1 === 39 || c1 === 34)) return { format: 'python-bytes', out: readPythonBytes(text, lead, rep) };
  if (text.startsWith('<Buffer', lead) && !isWordCode(text.charCodeAt(lead + 7))) return { format: 'node-buffer', out: readNodeBuffer(text, lead, rep) };
  const masked = maskComments(text);
  if (masked.includes('{') || hasListOfThree(masked)) {
    const arr = readArrays(masked, rep);
    if (arr) return arr;
  }
  // Plain or prefixed hex; base64 when the text is clearly not hex.
  const trial = new Reporter(text, positions);
  const hex = readLooseHex(masked, trial);
  if (trial.count > 0 || hex.out.length === 0) {
    const b64 = readBase64(text, hex.nonHexLetters, hex.letters);
    if (b64) return { format: 'base64', out: b64 };
  }
  rep.absorb(trial);
  return { format: hex.prefixed ? 'hex-prefixed' : 'hex', out: hex.out };
}

/** Replaces C/Java comments with spaces (positions stay the same). An unclosed block comment stays. */
function maskComments(text: string): string {
  let parts: string[] | undefined;
  let copied = 0;
  /** No block comment closes at or after this index. */
  let noCloseFrom = text.length + 1;
  const blank = (from: number, to: number): void => {
    parts ??= [];
    parts.push(text.slice(copied, from));
    let run = from;
    for (let k = from; k < to; k++) {
      if (text.charCodeAt(k) !== 10) continue;
      parts.push(' '.repeat(k - run), '\n');
      run = k + 1;
    }
    parts.push(' '.repeat(to - run));
    copied = to;
  };
  for (let i = text.indexOf('/'); i >= 0 && i + 1 < text.length; i = text.indexOf('/', i)) {
    const next = text.charCodeAt(i + 1);
    if (next === 42 && i + 2 < noCloseFrom) {
      const close = text.indexOf('*/', i + 2);
      if (close >= 0) {
        blank(i, close + 2);
        i = close + 2;
        continue;
      }
      noCloseFrom = i + 2;
    } else if (next === 47) {
      const nl = text.indexOf('\n', i + 2);
      const end = nl < 0 ? text.length : nl;
      blank(i, end);
      i = end;
      continue;
    }
    i++;
  }
  if (parts === undefined) return text;
  parts.push(text.slice(copied));
  return parts.join('');
}

/** True when some '[' is followed by two commas before any ']' (a list such as [1, 2, 3]). */
function hasListOfThree(text: string): boolean {
  let open = false;
  let commas = 0;
  for (let i = text.indexOf('['); i >= 0 && i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 91) open = true;
    else if (c === 93) {
      open = false;
      commas = 0;
    } else if (c === 44 && open && ++commas === 2) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// Plain hex with separators and prefixes

interface LooseHex {
  out: SourcedBytes;
  prefixed: boolean;
  letters: number;
  nonHexLetters: number;
}

/** Separators between hex tokens: white space and : , ; - _ | */
function isSeparator(c: number): boolean {
  return isSpaceCode(c) || c === 58 || c === 44 || c === 59 || c === 45 || c === 95 || c === 124;
}

const TOKEN_PREFIXED = 1;
/** The token follows only white space holding a line break (or starts the text). */
const TOKEN_AFTER_NEWLINE = 2;

/** Tokens of hex digits, in growable typed arrays. */
class Tokens {
  start = new Int32Array(64);
  end = new Int32Array(64);
  flags = new Uint8Array(64);
  length = 0;

  add(start: number, end: number, flags: number): void {
    if (this.length === this.start.length) {
      const grow = <T extends Int32Array | Uint8Array>(a: T, make: (n: number) => T): T => {
        const b = make(a.length * 2);
        b.set(a);
        return b;
      };
      this.start = grow(this.start, (n) => new Int32Array(n));
      this.end = grow(this.end, (n) => new Int32Array(n));
      this.flags = grow(this.flags, (n) => new Uint8Array(n));
    }
    this.start[this.length] = start;
    this.end[this.length] = end;
    this.flags[this.length++] = flags;
  }
}

function readLooseHex(text: string, rep: Reporter): LooseHex {
  const n = text.length;
  const tokens = new Tokens();
  let digitCount = 0;
  let prefixed = false;
  let letters = 0;
  let nonHexLetters = 0;
  let sepHasOnlyWhitespace = true;
  let sepHasNewline = false;
  let invalid = 0;
  // What decides whether digits pair across white space: any prefixed token, any odd plain one,
  // and whether every token follows a line break.
  let oddPlain = false;
  let allAfterNewline = true;

  const addToken = (from: number, to: number, isPrefixed: boolean): void => {
    const afterNewline = tokens.length === 0 || (sepHasOnlyWhitespace && sepHasNewline);
    tokens.add(from, to, (isPrefixed ? TOKEN_PREFIXED : 0) | (afterNewline ? TOKEN_AFTER_NEWLINE : 0));
    digitCount += to - from;
    if (!isPrefixed && (to - from) % 2 === 1) oddPlain = true;
    if (!afterNewline) allAfterNewline = false;
    sepHasOnlyWhitespace = true;
    sepHasNewline = false;
  };

  /** Reads the digits after a prefix at `from`, and any suffix; returns where reading goes on. */
  const readPrefixed = (from: number): number => {
    let j = from;
    while (j < n && isHexCode(text.charCodeAt(j))) j++;
    addToken(from, j, true);
    if (j === from) {
      rep.add(from - 2, `'${text.slice(from - 2, from)}' is not followed by hex digits`);
      invalid++;
    }
    // Rust/C suffixes after a prefixed literal: 0x00u8, 0x10U.
    const s = text.charCodeAt(j);
    if (s === 117 || s === 85 || s === 108 || s === 76) {
      j++;
      while (j < n && (isDigitCode(text.charCodeAt(j)) || (text.charCodeAt(j) | 0x20) === 108)) j++;
    }
    if (isAlnumCode(text.charCodeAt(j))) {
      rep.add(j, `unexpected ${rep.charAt(j)} after a hex byte`);
      invalid++;
      while (j < n && isAlnumCode(text.charCodeAt(j))) j++;
    }
    return j;
  };

  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    const c1 = text.charCodeAt(i + 1);
    // Prefixes: 0x / 0X at a token start, \x and % anywhere.
    if (c === 48 && (c1 | 0x20) === 120 && isHexCode(text.charCodeAt(i + 2)) && (i === 0 || !isAlnumCode(text.charCodeAt(i - 1)))) {
      prefixed = true;
      letters++;
      nonHexLetters++;
      i = readPrefixed(i + 2);
      continue;
    }
    if ((c === 92 && (c1 | 0x20) === 120) || (c === 37 && isHexCode(c1))) {
      prefixed = true;
      i = readPrefixed(i + (c === 37 ? 1 : 2));
      continue;
    }
    if (isAlnumCode(c)) {
      let j = i;
      let firstBad = -1;
      for (; j < n; j++) {
        const d = text.charCodeAt(j);
        if (d <= 57) {
          if (d >= 48) continue;
          break;
        }
        if (!isAlnumCode(d)) break;
        letters++;
        if (!isHexCode(d)) {
          nonHexLetters++;
          if (firstBad < 0) firstBad = j;
        }
      }
      if (firstBad < 0) addToken(i, j, false);
      else {
        const run = j - i > 1 ? ` in ${quoteToken(text.slice(i, Math.min(j, i + 25)))}` : '';
        rep.add(firstBad, `unexpected ${rep.charAt(firstBad)}${run}: expected hex digits`);
        invalid++;
      }
      i = j;
      continue;
    }
    if (isSeparator(c)) {
      if (!isSpaceCode(c)) sepHasOnlyWhitespace = false;
      if (c === 10) sepHasNewline = true;
      i++;
      continue;
    }
    // One problem per run of other unexpected characters, at its first character.
    let j = i + 1;
    while (j < n) {
      const d = text.charCodeAt(j);
      if (isAlnumCode(d) || isSeparator(d) || d === 92 || d === 37) break;
      j++;
    }
    rep.add(i, `unexpected ${rep.charAt(i)}: expected hex digits`);
    invalid++;
    i = j;
  }

  // At most one byte per two digits, or one for a prefixed single digit.
  const out = new SourcedBytes(((digitCount + tokens.length) >> 1) + 1);
  const bytes = out.bytes;
  const pos = out.pos;
  let length = 0;
  // A hex stream wrapped at odd columns: pair digits across the whitespace.
  if (invalid === 0 && oddPlain && allAfterNewline && !prefixed) {
    let high = -1;
    let highAt = 0;
    for (let t = 0; t < tokens.length; t++) {
      for (let k = tokens.start[t]!; k < tokens.end[t]!; k++) {
        const v = hexValue(text.charCodeAt(k));
        if (high < 0) {
          high = v;
          highAt = k;
        } else {
          bytes[length] = (high << 4) | v;
          pos[length++] = highAt;
          high = -1;
        }
      }
    }
    out.length = length;
    if (high >= 0) rep.add(highAt, `odd number of hex digits: the last digit ${rep.charAt(highAt)} has no partner`);
    return { out, prefixed, letters, nonHexLetters };
  }
  for (let t = 0; t < tokens.length; t++) {
    const start = tokens.start[t]!;
    let end = tokens.end[t]!;
    const digits = end - start;
    if (tokens.flags[t]! & TOKEN_PREFIXED && digits === 1) {
      bytes[length] = hexValue(text.charCodeAt(start));
      pos[length++] = start;
      continue;
    }
    if (digits % 2 === 1) {
      rep.add(end - 1, `odd number of hex digits in ${quoteToken(text.slice(start, Math.min(end, start + 25)))}: the last digit has no partner`);
      end--;
    }
    for (let k = start; k < end; k += 2) {
      bytes[length] = (hexValue(text.charCodeAt(k)) << 4) | hexValue(text.charCodeAt(k + 1));
      pos[length++] = k;
    }
  }
  out.length = length;
  return { out, prefixed, letters, nonHexLetters };
}

// ---------------------------------------------------------------------------------------------
// Base64

const B64_VALUE = new Int8Array(128).fill(-1);
'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'.split('').forEach((c, i) => (B64_VALUE[c.charCodeAt(0)] = i));
B64_VALUE[45] = 62; // '-' (URL-safe)
B64_VALUE[95] = 63; // '_'

/** True when words stand apart on a line ("a b"): base64 may wrap over lines but holds no spaces. */
function hasSpacedWords(text: string): boolean {
  for (let i = 1; i < text.length; i++) {
    if (!isBlankCode(text.charCodeAt(i)) || isSpaceCode(text.charCodeAt(i - 1))) continue;
    let j = i;
    while (j < text.length && isBlankCode(text.charCodeAt(j))) j++;
    if (j < text.length && !isSpaceCode(text.charCodeAt(j))) return true;
    i = j;
  }
  return false;
}

function readBase64(text: string, nonHexLetters: number, letters: number): SourcedBytes | undefined {
  if (hasSpacedWords(text)) return undefined;
  let marked = false;
  let end = text.length;
  while (end > 0 && isSpaceCode(text.charCodeAt(end - 1))) end--;
  let padding = 0;
  while (end > 0 && text.charCodeAt(end - 1) === 61 && padding < 2) {
    end--;
    padding++;
  }
  if (padding) marked = true;
  const out = new SourcedBytes((end * 3) >> 2);
  let values = 0;
  let acc = 0;
  let bits = 0;
  let prevAt = -1;
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 10 || c === 13 || c === 9) continue;
    const v = c < 128 ? B64_VALUE[c]! : -1;
    if (v < 0) return undefined;
    if (v >= 62) marked = true;
    values++;
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.add((acc >> bits) & 0xff, prevAt);
    }
    prevAt = i;
  }
  if (values % 4 === 1) return undefined;
  // Decide: base64 when it decodes to whole PDUs, or when it is unmistakably not hex.
  const bytes = out.view();
  const clean = bytes.length >= 16 && splitPdus(bytes).problem === undefined;
  const mostlyLetters = letters > 0 && nonHexLetters / Math.max(1, values) >= 0.2;
  return clean || (bytes.length >= 16 && (marked || mostlyLetters)) ? out : undefined;
}
