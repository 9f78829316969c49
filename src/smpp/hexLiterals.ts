// Byte literals of programming languages, as the hex input reads them: C/Java/JS/Go/Rust array
// literals and decimal lists (each {…} body, else the [...] list with the most items), Node's
// <Buffer 00 01 …> and Python b'…'. Hand-written scanners that look at each character a bounded
// number of times. Browser-safe: no Buffer, no node: imports.

import { clip, hexValue, isDigitCode, isHexCode, isSpaceCode, quoteToken, SourcedBytes, startsWithIgnoringCase, type Reporter } from './hexSource';

// ---------------------------------------------------------------------------------------------
// Array literals: C, Java, JS, Go, Rust, Python lists, JSON

interface Item {
  start: number;
  end: number;
}

/** Casts dropped before an item: (byte), (char), (uint8_t), (unsigned char)… */
const CASTS = ['byte', 'char', 'uint8_t', 'int8_t', 'u8', 'i8', 'unsigned', 'signed'];

export function readArrays(text: string, rep: Reporter): { format: 'c-array' | 'decimal-array'; out: SourcedBytes } | undefined {
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

export function readNodeBuffer(text: string, lead: number, rep: Reporter): SourcedBytes {
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

export function readPythonBytes(text: string, lead: number, rep: Reporter): SourcedBytes {
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
