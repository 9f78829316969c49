// The text formats of the hex input, and which one a paste is in: hex dumps (hexDump.ts), plain hex
// with any separators, 0x / \x / % prefixes, C/Java/JS/Go/Rust array literals and decimal lists,
// Node's <Buffer …>, Python b'…', and base64. Every reader is a hand-written scanner that looks at
// each character a bounded number of times (no backtracking regular expression), and writes bytes
// into typed arrays with the text index each came from. Browser-safe: no Buffer, no node: imports.

import { readDump, type DumpFormat } from './hexDump';
import { clip, hexValue, isAlnumCode, isBlankCode, isDigitCode, isHexCode, isSpaceCode, isWordCode, quoteToken, Reporter, SourcedBytes, startsWithIgnoringCase, TextPositions } from './hexSource';
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
// Array literals: C, Java, JS, Go, Rust, Python lists, JSON

interface Item {
  start: number;
  end: number;
}

/** Casts dropped before an item: (byte), (char), (uint8_t), (unsigned char)… */
const CASTS = ['byte', 'char', 'uint8_t', 'int8_t', 'u8', 'i8', 'unsigned', 'signed'];

function readArrays(text: string, rep: Reporter): { format: HexTextFormat; out: SourcedBytes } | undefined {
  // Bodies: each {...}; else the single [...] list with the most items.
  const bodies: Item[] = [];
  if (text.includes('{')) {
    for (let open = text.indexOf('{'); open >= 0; open = text.indexOf('{', open + 1)) {
      const close = text.indexOf('}', open + 1);
      if (close < 0) {
        rep.add(open, "'{' is never closed by '}'");
        bodies.push({ start: open + 1, end: text.length });
        break;
      }
      bodies.push({ start: open + 1, end: close });
      open = close;
    }
  } else {
    // Skips type brackets such as [u8; 16] or byte[].
    let best: (Item & { items: number }) | undefined;
    for (let open = text.indexOf('['); open >= 0; ) {
      let end = open + 1;
      let items = 0;
      let filled = false;
      for (; end < text.length; end++) {
        const c = text.charCodeAt(end);
        if (c === 91 || c === 93) break;
        if (c === 44) {
          if (filled) items++;
          filled = false;
        } else if (!filled && !isSpaceCode(c)) filled = true;
      }
      if (filled) items++;
      if (!best || items > best.items) best = { start: open + 1, end, items };
      const closed = text.charCodeAt(end) === 93;
      if (!closed) rep.add(open, "'[' is never closed by ']'");
      open = text.indexOf('[', closed ? end + 1 : end);
    }
    if (!best || best.items < 2) return undefined;
    bodies.push(best);
  }
  const items: Item[] = [];
  for (const body of bodies) {
    for (let i = body.start; i < body.end; ) {
      const c = text.charCodeAt(i);
      if (c === 44 || isSpaceCode(c)) {
        i++;
        continue;
      }
      let end = i;
      while (end < body.end && text.charCodeAt(end) !== 44 && !isSpaceCode(text.charCodeAt(end))) end++;
      const start = i + castLength(text, i, end);
      i = end;
      if (start === end || (end - start === 1 && text.charCodeAt(start) === 41) || (end - start === 5 && text.startsWith('char)', start))) continue;
      items.push({ start, end });
    }
  }
  if (items.length === 0) return undefined;
  let anyPrefix = false;
  let anyHexLetter = false;
  let allTwoWide = true;
  for (const it of items) {
    const body = it.start + prefixLength(text, it.start, it.end);
    if (body > it.start && text.charCodeAt(body - 1) !== 45) anyPrefix = true;
    if (!anyHexLetter) {
      const stop = it.end - typeSuffixLength(text, body, it.end);
      for (let k = body; k < stop; k++) if (isHexCode(text.charCodeAt(k)) && !isDigitCode(text.charCodeAt(k))) anyHexLetter = true;
    }
    if (allTwoWide && !(it.end - it.start === 2 && isHexCode(text.charCodeAt(it.start)) && isHexCode(text.charCodeAt(it.start + 1)))) allTwoWide = false;
  }
  const decimal = !anyPrefix && !anyHexLetter && !allTwoWide;
  const out = new SourcedBytes(items.length);
  for (const it of items) {
    const value = byteValue(text, it.start, it.end - valueSuffixLength(text, it.start, it.end), decimal);
    if (value === undefined || value < -128 || value > 255) {
      const body = it.start + prefixLength(text, it.start, it.end);
      let bad = body;
      while (bad < it.end && (decimal ? isDigitCode(text.charCodeAt(bad)) : isHexCode(text.charCodeAt(bad)))) bad++;
      rep.add(bad < it.end ? bad : it.start, `${quoteToken(text.slice(it.start, Math.min(it.end, it.start + 25)))} is not a byte value${decimal ? ' (0..255 or -128..127)' : ' (0x00..0xFF)'}`);
      continue;
    }
    out.add(value & 0xff, it.start);
  }
  return { format: decimal ? 'decimal-array' : 'c-array', out };
}

/** Length of a cast such as "(byte)" or "(unsigned" at text[at…], or 0. */
function castLength(text: string, at: number, end: number): number {
  if (text.charCodeAt(at) !== 40) return 0;
  for (const cast of CASTS) {
    if (at + 1 + cast.length <= end && startsWithIgnoringCase(text, at + 1, cast)) {
      const after = at + 1 + cast.length;
      return after - at + (after < end && text.charCodeAt(after) === 41 ? 1 : 0);
    }
  }
  return 0;
}

/** Length of "-", "0x" or "-0x" before an item's digits. */
function prefixLength(text: string, start: number, end: number): number {
  const minus = text.charCodeAt(start) === 45 ? 1 : 0;
  const x = start + minus;
  return x + 1 < end && text.charCodeAt(x) === 48 && (text.charCodeAt(x + 1) | 0x20) === 120 ? minus + 2 : minus;
}

/** Length of a trailing type suffix: the last u/U/l/L when only digits follow it. */
function typeSuffixLength(text: string, start: number, end: number): number {
  let k = end;
  while (k > start && isDigitCode(text.charCodeAt(k - 1))) k--;
  const c = k > start ? text.charCodeAt(k - 1) | 0x20 : 0;
  return c === 117 || c === 108 ? end - k + 1 : 0;
}

/** Length of a literal suffix after a hex digit: u, u8, u16, u32, l, ll (any case), or 0. */
function valueSuffixLength(text: string, start: number, end: number): number {
  const lower = (k: number): number => text.charCodeAt(k) | 0x20;
  for (const length of [3, 2, 1]) {
    const at = end - length;
    if (at - 1 < start || !isHexCode(text.charCodeAt(at - 1))) continue;
    const rest = text.slice(at + 1, end);
    if (lower(at) === 117 && (length === 1 || rest === '8' || rest === '16' || rest === '32')) return length;
    if (lower(at) === 108 && (length === 1 || (length === 2 && lower(at + 1) === 108))) return length;
  }
  return 0;
}

/** The value of one array item: 0xNN (one or two digits, maybe negative), a decimal, or bare hex. */
function byteValue(text: string, start: number, end: number, decimal: boolean): number | undefined {
  const prefix = prefixLength(text, start, end);
  const negative = text.charCodeAt(start) === 45;
  const digits = end - start - prefix;
  if (prefix >= 2) {
    if (digits < 1 || digits > 2) return undefined;
    let v = 0;
    for (let k = start + prefix; k < end; k++) {
      const d = hexValue(text.charCodeAt(k));
      if (d < 0) return undefined;
      v = v * 16 + d;
    }
    return negative ? -v : v;
  }
  if (decimal) {
    if (digits < 1 || digits > 3) return undefined;
    let v = 0;
    for (let k = start + prefix; k < end; k++) {
      if (!isDigitCode(text.charCodeAt(k))) return undefined;
      v = v * 10 + text.charCodeAt(k) - 48;
    }
    return negative ? -v : v;
  }
  if (negative || digits < 1 || digits > 2) return undefined;
  let v = 0;
  for (let k = start; k < end; k++) {
    const d = hexValue(text.charCodeAt(k));
    if (d < 0) return undefined;
    v = v * 16 + d;
  }
  return v;
}

// ---------------------------------------------------------------------------------------------
// Node <Buffer 00 01 …> and Python b'…'

/** Finds Node's "... N more bytes" in text[from, to): where it starts and N, or undefined. */
function moreBytes(text: string, from: number, to: number): { at: number; count: string } | undefined {
  for (let at = text.indexOf('...', from); at >= 0 && at + 3 <= to; at = text.indexOf('...', at + 1)) {
    let k = at + 3;
    while (k < to && isSpaceCode(text.charCodeAt(k))) k++;
    const digits = k;
    while (k < to && isDigitCode(text.charCodeAt(k))) k++;
    if (k === digits) continue;
    const count = text.slice(digits, k);
    const words = k;
    while (k < to && isSpaceCode(text.charCodeAt(k))) k++;
    if (k === words || !text.startsWith('more', k) || k + 4 > to) continue;
    k += 4;
    const gap = k;
    while (k < to && isSpaceCode(text.charCodeAt(k))) k++;
    if (k === gap || !text.startsWith('byte', k) || k + 4 > to) continue;
    return { at, count };
  }
  return undefined;
}

function readNodeBuffer(text: string, lead: number, rep: Reporter): SourcedBytes {
  const start = lead + '<Buffer'.length;
  const close = text.indexOf('>', start);
  const end = close < 0 ? text.length : close;
  if (close < 0) rep.add(text.length, "'<Buffer' is never closed by '>'");
  const out = new SourcedBytes((end - start) >> 1);
  const more = moreBytes(text, start, end);
  const stop = more ? more.at : end;
  for (let i = start; i < stop; ) {
    if (isSpaceCode(text.charCodeAt(i))) {
      i++;
      continue;
    }
    let j = i;
    while (j < end && !isSpaceCode(text.charCodeAt(j))) j++;
    if (j - i === 2 && isHexCode(text.charCodeAt(i)) && isHexCode(text.charCodeAt(i + 1))) {
      out.add((hexValue(text.charCodeAt(i)) << 4) | hexValue(text.charCodeAt(i + 1)), i);
    } else rep.add(i, `"${clip(text.slice(i, Math.min(j, i + 25)))}" is not a byte (two hex digits)`);
    i = j;
  }
  if (more) rep.add(more.at, `Node cut this Buffer short: ${more.count} more bytes are not shown (print it with .toString('hex'))`);
  for (let k = end + 1; k < text.length; k++) {
    if (!isSpaceCode(text.charCodeAt(k))) {
      rep.add(k, `unexpected ${rep.charAt(k)} after the Buffer`);
      break;
    }
  }
  return out;
}

/** The byte of a one-letter escape in a Python bytes literal, or -1. */
function simpleEscape(c: number): number {
  switch (c) {
    case 110: return 10; // \n
    case 114: return 13; // \r
    case 116: return 9; // \t
    case 92: return 92; // \\
    case 39: return 39; // \'
    case 34: return 34; // \"
    case 97: return 7; // \a
    case 98: return 8; // \b
    case 102: return 12; // \f
    case 118: return 11; // \v
    default: return -1;
  }
}

const isOctalCode = (c: number): boolean => c >= 48 && c <= 55;

function readPythonBytes(text: string, lead: number, rep: Reporter): SourcedBytes {
  const out = new SourcedBytes(text.length >> 2);
  const n = text.length;
  let i = lead;
  while (i < n) {
    // Literals may be joined by '+' and wrapped in parentheses.
    while (i < n && (isSpaceCode(text.charCodeAt(i)) || text.charCodeAt(i) === 43 || text.charCodeAt(i) === 40 || text.charCodeAt(i) === 41)) i++;
    if (i >= n) break;
    const quote = text.charCodeAt(i + 1);
    if ((text.charCodeAt(i) | 0x20) !== 98 || (quote !== 39 && quote !== 34)) {
      rep.add(i, `unexpected ${rep.charAt(i)}: expected a b'…' literal`);
      break;
    }
    i += 2;
    let closed = false;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === quote) {
        closed = true;
        i++;
        break;
      }
      if (c === 92) {
        const e = text.charCodeAt(i + 1);
        if (e === 120 && isHexCode(text.charCodeAt(i + 2)) && isHexCode(text.charCodeAt(i + 3))) {
          out.add((hexValue(text.charCodeAt(i + 2)) << 4) | hexValue(text.charCodeAt(i + 3)), i);
          i += 4;
        } else if (isOctalCode(e)) {
          let k = i + 1;
          let v = 0;
          while (k < i + 4 && isOctalCode(text.charCodeAt(k))) v = v * 8 + text.charCodeAt(k++) - 48;
          out.add(v & 0xff, i);
          i = k;
        } else if (simpleEscape(e) >= 0) {
          out.add(simpleEscape(e), i);
          i += 2;
        } else {
          rep.add(i, `unknown escape ${JSON.stringify(text.slice(i, i + 2))} in a bytes literal`);
          i += 2;
        }
        continue;
      }
      if (c > 0x7e || c < 0x20) rep.add(i, `${rep.charAt(i)} cannot appear in a bytes literal`);
      else out.add(c, i);
      i++;
    }
    if (!closed) rep.add(n, `the bytes literal is never closed by ${String.fromCharCode(quote)}`);
  }
  return out;
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
