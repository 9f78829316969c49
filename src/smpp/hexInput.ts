// Turns what people paste into PDU bytes: plain hex (any separators), 0x / \x prefixes, C/Java/JS
// array literals, Wireshark "Copy as Hex Dump" and tshark -x, xxd, hexdump -C, od -Ax -tx1,
// Node's <Buffer …>, Python b'…', and base64. Several PDUs back to back are split by their
// command_length. A captured frame (Ethernet/IP/TCP) is reduced to its TCP payload. Never throws:
// anything it cannot read is reported with its position (index, line, column).
// Browser-safe: no Buffer, no node: imports.

import { readU32 } from './bytes';

export interface HexInputProblem {
  /** 0-based character index into the input. */
  index: number;
  /** 1-based line. */
  line: number;
  /** 1-based column. */
  column: number;
  message: string;
}

export type HexInputFormat =
  | 'empty'
  | 'hex'
  | 'hex-prefixed'
  | 'c-array'
  | 'decimal-array'
  | 'node-buffer'
  | 'python-bytes'
  | 'wireshark'
  | 'xxd'
  | 'hexdump'
  | 'od'
  | 'base64'
  | 'unknown';

export interface HexInputResult {
  /** The PDUs, split by command_length. A trailing partial PDU is kept as the last one (and reported). */
  pdus: Uint8Array[];
  /** All bytes read (after removing any frame headers). */
  bytes: Uint8Array;
  format: HexInputFormat;
  problems: HexInputProblem[];
  /** Things done that the user may want to know (e.g. frame headers removed). */
  notes: string[];
}

const MAX_PROBLEMS = 20;

/** Bytes with, for each, the input index it came from. */
interface Sourced {
  bytes: number[];
  pos: number[];
}

class Reporter {
  readonly problems: HexInputProblem[] = [];
  private lineStarts: number[] = [0];
  dropped = 0;

  constructor(private readonly text: string) {
    for (let i = 0; i < text.length; i++) if (text[i] === '\n') this.lineStarts.push(i + 1);
  }

  at(index: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= index) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: index - this.lineStarts[lo] + 1 };
  }

  add(index: number, message: string): void {
    if (this.problems.length >= MAX_PROBLEMS) {
      this.dropped++;
      return;
    }
    const { line, column } = this.at(index);
    this.problems.push({ index, line, column, message: `line ${line}, column ${column}: ${message}` });
  }

  /** Describes the character at `index` for a message. */
  charAt(index: number): string {
    const ch = this.text.codePointAt(index);
    if (ch === undefined) return 'end of input';
    const s = String.fromCodePoint(ch);
    return ch < 0x20 || ch === 0x7f ? `U+${ch.toString(16).toUpperCase().padStart(4, '0')}` : `'${s}'`;
  }

  finish(): HexInputProblem[] {
    if (this.dropped) {
      const last = this.problems[this.problems.length - 1];
      this.problems.push({ ...last, message: `…and ${this.dropped} more problem${this.dropped === 1 ? '' : 's'}` });
      this.dropped = 0;
    }
    return this.problems;
  }
}

const isHex = (c: string) => (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
const HEX_RUN = /^[0-9A-Fa-f]+$/;
const isAlnum = (c: string) => isHex(c) || (c >= 'g' && c <= 'z') || (c >= 'G' && c <= 'Z');

/** Parses pasted text into PDU bytes. Never throws. */
export function parseHexInput(text: string): HexInputResult {
  try {
    return parseInput(text);
  } catch (err) {
    return {
      pdus: [],
      bytes: new Uint8Array(0),
      format: 'unknown',
      problems: [{ index: 0, line: 1, column: 1, message: `could not read the input: ${err instanceof Error ? err.message : String(err)}` }],
      notes: [],
    };
  }
}

function parseInput(input: string): HexInputResult {
  const text = input.charCodeAt(0) === 0xfeff ? ' ' + input.slice(1) : input;
  const rep = new Reporter(text);
  const notes: string[] = [];
  if (text.trim() === '') {
    rep.add(0, 'no input: paste hex, a hex dump or base64');
    return { pdus: [], bytes: new Uint8Array(0), format: 'empty', problems: rep.finish(), notes };
  }
  const { format, blocks } = readBlocks(text, rep);
  // Reduce captured frames to their TCP payload, block by block.
  const stream: Sourced = { bytes: [], pos: [] };
  let stripped = 0;
  blocks.forEach((block, i) => {
    const frame = stripFrame(block.bytes);
    const from = frame ? frame.start : 0;
    const to = frame ? frame.end : block.bytes.length;
    if (frame) {
      stripped++;
      notes.push(`${blocks.length > 1 ? `block ${i + 1}: ` : ''}removed ${frame.description} headers (${frame.start} bytes) of a captured frame; kept its ${frame.end - frame.start}-byte TCP payload`);
    }
    for (let k = from; k < to; k++) {
      stream.bytes.push(block.bytes[k]);
      stream.pos.push(block.pos[k]);
    }
  });
  const bytes = Uint8Array.from(stream.bytes);
  if (bytes.length === 0 && rep.problems.length === 0) rep.add(0, stripped ? 'no SMPP bytes: the TCP payload is empty' : 'no bytes found');
  const pdus = splitPdus(bytes, stream.pos, rep, text.length);
  return { pdus, bytes, format, problems: rep.finish(), notes };
}

/** Splits a byte stream into PDUs by command_length. */
function splitPdus(bytes: Uint8Array, pos: number[], rep: Reporter, end: number): Uint8Array[] {
  const pdus: Uint8Array[] = [];
  let off = 0;
  const where = (o: number) => (o < pos.length ? pos[o] : end);
  while (off < bytes.length) {
    const rem = bytes.length - off;
    const n = pdus.length + 1;
    if (rem < 4) {
      rep.add(where(off), `PDU ${n} at byte ${off}: only ${rem} byte${rem === 1 ? '' : 's'} left, too short for a command_length`);
      pdus.push(bytes.subarray(off));
      break;
    }
    const len = readU32(bytes, off);
    if (len < 16) {
      rep.add(where(off), `PDU ${n} at byte ${off}: command_length ${len} is less than 16; the remaining ${rem} bytes are kept as one PDU`);
      pdus.push(bytes.subarray(off));
      break;
    }
    if (len > rem) {
      rep.add(where(off), `PDU ${n} at byte ${off}: command_length ${len} but only ${rem} byte${rem === 1 ? '' : 's'} left (partial PDU)`);
      pdus.push(bytes.subarray(off));
      break;
    }
    pdus.push(bytes.subarray(off, off + len));
    off += len;
  }
  return pdus;
}

// ---------------------------------------------------------------------------------------------
// Format detection

interface Line {
  start: number;
  text: string;
}

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i === text.length || text[i] === '\n') {
      let t = text.slice(start, i);
      if (t.endsWith('\r')) t = t.slice(0, -1);
      lines.push({ start, text: t });
      start = i + 1;
    }
  }
  return lines;
}

function readBlocks(text: string, rep: Reporter): { format: HexInputFormat; blocks: Sourced[] } {
  const lines = splitLines(text);
  const dump = tryDump(lines, rep);
  if (dump) return dump;

  const trimmed = text.trimStart();
  const lead = text.length - trimmed.length;
  if (/^b['"]/.test(trimmed)) return { format: 'python-bytes', blocks: [parsePythonBytes(text, lead, rep)] };
  if (/^<Buffer\b/.test(trimmed)) return { format: 'node-buffer', blocks: [parseNodeBuffer(text, lead, rep)] };
  const masked = maskComments(text);
  if (masked.includes('{') || /\[[^\]]*,[^\]]*,/.test(masked)) {
    const arr = parseArrays(masked, rep);
    if (arr) return arr;
  }
  // Plain or prefixed hex; base64 when the text is clearly not hex.
  const trial = new Reporter(text);
  const hex = parseLooseHex(masked, trial);
  if (trial.problems.length || hex.result.bytes.length === 0) {
    const b64 = tryBase64(text, hex.nonHexLetters, hex.letters);
    if (b64) return { format: 'base64', blocks: [b64] };
  }
  for (const p of trial.problems) rep.add(p.index, p.message.replace(/^line \d+, column \d+: /, ''));
  rep.dropped += trial.dropped;
  return { format: hex.prefixed ? 'hex-prefixed' : 'hex', blocks: [hex.result] };
}

/** Replaces C/Java comments with spaces (positions stay the same). */
function maskComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, (m) => m.replace(/[^\n]/g, ' '));
}

// ---------------------------------------------------------------------------------------------
// Hex dumps: Wireshark / tshark -x, xxd, hexdump -C, od -Ax -tx1

const DUMP_LINE = /^(\s*)([0-9A-Fa-f]{4,8})(:?)([ \t]+)(\S.*)?$/;
const OFFSET_ONLY = /^\s*([0-9A-Fa-f]{4,8}):?\s*$/;
const LABEL_LINE = /(\(\d+ bytes?\):?\s*$)|^\s*(Frame|Reassembled|Decrypted|De-chunked|Uncompressed|Dechunked)\b/i;

interface DumpLine {
  line: Line;
  offset: number;
  offsetText: string;
  colon: boolean;
  dataStart: number; // index within line.text
}

function classifyDumpLine(line: Line): DumpLine | 'offset-only' | undefined {
  if (OFFSET_ONLY.test(line.text)) return 'offset-only';
  const m = DUMP_LINE.exec(line.text);
  if (!m || m[5] === undefined) return undefined;
  const colon = m[3] === ':';
  const firstToken = m[5].split(/\s+/)[0];
  if (!HEX_RUN.test(firstToken)) return undefined;
  // xxd has a colon; the others have 2-digit bytes after a wider offset.
  if (!colon && !(firstToken.length === 2 && m[2].length >= 4)) return undefined;
  return { line, offset: parseInt(m[2], 16), offsetText: m[2], colon, dataStart: m[1].length + m[2].length + m[3].length + m[4].length };
}

function tryDump(lines: Line[], rep: Reporter): { format: HexInputFormat; blocks: Sourced[] } | undefined {
  const classified = lines.map((l) => (l.text.trim() === '' ? ('blank' as const) : LABEL_LINE.test(l.text) && !DUMP_LINE.test(l.text) ? ('label' as const) : classifyDumpLine(l)));
  const data = classified.filter((c): c is DumpLine => typeof c === 'object');
  if (data.length === 0) return undefined;
  const other = classified.filter((c) => c === undefined).length;
  if (other > data.length) return undefined;

  const first = data[0];
  const hasBar = data.some((d) => d.line.text.includes('|'));
  const format: HexInputFormat = first.colon ? 'xxd' : hasBar || first.offsetText.length === 8 ? 'hexdump' : first.offsetText.length === 4 ? 'wireshark' : 'od';

  const blocks: Sourced[] = [];
  let block: Sourced | undefined;
  let expectedOffset = 0;
  let lineWidth: number | undefined;
  let flagged = false;
  let asciiColumn: number | undefined;
  for (let i = 0; i < lines.length; i++) {
    const c = classified[i];
    const line = lines[i];
    if (c === 'blank') continue;
    if (c === 'label') {
      block = undefined;
      continue;
    }
    if (c === undefined) {
      rep.add(line.start + (line.text.length - line.text.trimStart().length), 'this line is not part of the hex dump (expected an offset, then bytes)');
      continue;
    }
    if (c === 'offset-only') {
      // hexdump -C and od end with the total length.
      const m = OFFSET_ONLY.exec(line.text);
      if (block && m) {
        const total = parseInt(m[1], 16);
        if (total !== expectedOffset && !flagged) {
          rep.add(line.start + line.text.indexOf(m[1]), `the dump ends at offset 0x${m[1]} but the last line ends at 0x${expectedOffset.toString(16)}`);
        }
      }
      continue;
    }
    if (!block || (c.offset === 0 && block.bytes.length > 0)) {
      block = { bytes: [], pos: [] };
      blocks.push(block);
      expectedOffset = c.offset;
      asciiColumn = undefined;
      lineWidth = undefined;
      flagged = false;
    }
    if (c.offset !== expectedOffset && !flagged) {
      rep.add(line.start + line.text.indexOf(c.offsetText), `offset 0x${c.offsetText} does not follow on: 0x${expectedOffset.toString(16)} expected`);
    }
    flagged = false;
    // How many bytes this line holds, from the next data line's offset.
    let expectedCount: number | undefined;
    for (let j = i + 1; j < lines.length; j++) {
      const n = classified[j];
      if (n === 'blank' || n === undefined) continue;
      if (n === 'label') break;
      if (n === 'offset-only') {
        const m = OFFSET_ONLY.exec(lines[j].text);
        if (m) expectedCount = parseInt(m[1], 16) - c.offset;
        break;
      }
      if (n.offset > c.offset) expectedCount = n.offset - c.offset;
      break;
    }
    if (expectedCount !== undefined && (expectedCount <= 0 || expectedCount > 256)) expectedCount = undefined;
    const got = parseDumpData(c, expectedCount, asciiColumn, rep, block);
    if (got.asciiColumn !== undefined && asciiColumn === undefined) asciiColumn = got.asciiColumn;
    // A line as wide as the others with a next offset that disagrees: the offset is the fault
    // (reported on its line). Otherwise the line is short (or long) and is reported here.
    if (expectedCount !== undefined && got.count !== expectedCount && got.count !== lineWidth) {
      rep.add(line.start + line.text.length, `this line holds ${got.count} bytes but the next offset says ${expectedCount}`);
      flagged = true;
    }
    lineWidth ??= got.count;
    expectedOffset = c.offset + got.count;
  }
  return { format, blocks };
}

function asciiRendering(b: number): string {
  return b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.';
}

/** True when `rest` is the ASCII column for `bytes` (tolerating an 8|8 split and trimmed trailing spaces). */
function isAsciiColumn(rest: string, bytes: number[]): boolean {
  let r = rest.replace(/\s+$/, '');
  if (r.startsWith('|')) return true;
  if (r.length === 0) return false;
  const expected = bytes.map(asciiRendering).join('');
  const candidates = [r];
  if (bytes.length > 8) candidates.push(r.slice(0, 8) + r.slice(9)); // "........ ........"
  for (r of candidates) {
    if (r.length > expected.length) continue;
    if (expected.slice(0, r.length) !== r) continue;
    if (/^ *$/.test(expected.slice(r.length))) return true;
  }
  return false;
}

function parseDumpData(d: DumpLine, expectedCount: number | undefined, asciiColumn: number | undefined, rep: Reporter, out: Sourced): { count: number; asciiColumn?: number } {
  const t = d.line.text;
  const lineBytes: number[] = [];
  let i = d.dataStart;
  let foundAscii: number | undefined;
  while (i < t.length) {
    let gap = 0;
    while (i < t.length && (t[i] === ' ' || t[i] === '\t')) {
      gap += t[i] === '\t' ? 2 : 1;
      i++;
    }
    if (i >= t.length) break;
    if (lineBytes.length > 0) {
      const rest = t.slice(i);
      if (expectedCount !== undefined && lineBytes.length >= expectedCount) {
        foundAscii = i;
        break;
      }
      if (asciiColumn !== undefined && i >= asciiColumn) break;
      if (t[i] === '|' || (gap >= 2 && isAsciiColumn(rest, lineBytes))) {
        foundAscii = i;
        break;
      }
    }
    let j = i;
    while (j < t.length && t[j] !== ' ' && t[j] !== '\t') j++;
    const token = t.slice(i, j);
    if (HEX_RUN.test(token) && token.length % 2 === 0 && token.length <= 16) {
      for (let k = 0; k < token.length; k += 2) {
        const b = parseInt(token.slice(k, k + 2), 16);
        lineBytes.push(b);
        out.bytes.push(b);
        out.pos.push(d.line.start + i + k);
      }
    } else if (lineBytes.length > 0 && gap >= 1 && isAsciiColumn(t.slice(i), lineBytes)) {
      foundAscii = i;
      break;
    } else {
      let bad = i;
      while (bad < j && isHex(t[bad])) bad++;
      if (bad < j) rep.add(d.line.start + bad, `unexpected ${rep.charAt(d.line.start + bad)} in the hex bytes of this dump line`);
      else rep.add(d.line.start + i, `"${token}" is not a whole number of bytes (odd count of hex digits)`);
    }
    i = j;
  }
  return foundAscii === undefined ? { count: lineBytes.length } : { count: lineBytes.length, asciiColumn: foundAscii };
}

// ---------------------------------------------------------------------------------------------
// Plain hex with separators and prefixes

interface LooseHex {
  result: Sourced;
  prefixed: boolean;
  letters: number;
  nonHexLetters: number;
}

function parseLooseHex(text: string, rep: Reporter): LooseHex {
  type Token = { digits: string; start: number; prefixed: boolean; afterNewlineOnly: boolean };
  const tokens: Token[] = [];
  let prefixed = false;
  let letters = 0;
  let nonHexLetters = 0;
  let i = 0;
  let sepHasOnlyWhitespace = true;
  let sepHasNewline = false;
  let invalid = 0;
  while (i < text.length) {
    const c = text[i];
    // Prefixes: 0x / 0X at a token start, \x and % anywhere.
    if (c === '0' && (text[i + 1] === 'x' || text[i + 1] === 'X') && isHex(text[i + 2] ?? '') && (i === 0 || !isAlnum(text[i - 1]))) {
      prefixed = true;
      letters++;
      nonHexLetters++;
      i = readToken(i + 2, true);
      continue;
    }
    if ((c === '\\' && (text[i + 1] === 'x' || text[i + 1] === 'X')) || (c === '%' && isHex(text[i + 1] ?? ''))) {
      prefixed = true;
      i = readToken(i + (c === '%' ? 1 : 2), true);
      continue;
    }
    if (isAlnum(c)) {
      let j = i;
      while (j < text.length && isAlnum(text[j])) j++;
      const run = text.slice(i, j);
      for (let k = 0; k < run.length; k++) {
        const ch = run[k];
        if (ch > '9') {
          letters++;
          if (!isHex(ch)) nonHexLetters++;
        }
      }
      if (HEX_RUN.test(run)) readToken(i, false);
      else {
        let bad = i;
        while (isHex(text[bad])) bad++;
        rep.add(bad, `unexpected ${rep.charAt(bad)}${run.length > 1 ? ` in ${JSON.stringify(run.length > 24 ? run.slice(0, 24) + '…' : run)}` : ''}: expected hex digits`);
        invalid++;
      }
      i = j;
      continue;
    }
    if (/[\s:,;\-_|]/.test(c)) {
      if (!/\s/.test(c)) sepHasOnlyWhitespace = false;
      if (c === '\n') sepHasNewline = true;
      i++;
      continue;
    }
    // One problem per run of other unexpected characters, at its first character.
    let j = i + 1;
    while (j < text.length && !isAlnum(text[j]) && !/[\s:,;\-_|\\%]/.test(text[j])) j++;
    rep.add(i, `unexpected ${rep.charAt(i)}: expected hex digits`);
    invalid++;
    i = j;
  }

  function readToken(from: number, isPrefixed: boolean): number {
    let j = from;
    while (j < text.length && isHex(text[j])) j++;
    // Rust/C suffixes after a prefixed literal: 0x00u8, 0x10U.
    tokens.push({ digits: text.slice(from, j), start: from, prefixed: isPrefixed, afterNewlineOnly: tokens.length === 0 || (sepHasOnlyWhitespace && sepHasNewline) });
    sepHasOnlyWhitespace = true;
    sepHasNewline = false;
    if (isPrefixed && /[uUlL]/.test(text[j] ?? '')) {
      j++;
      while (j < text.length && /[0-9lL]/.test(text[j])) j++;
    }
    if (isPrefixed && isAlnum(text[j] ?? '')) {
      rep.add(j, `unexpected ${rep.charAt(j)} after a hex byte`);
      invalid++;
      while (j < text.length && isAlnum(text[j])) j++;
    }
    return j;
  }

  const result: Sourced = { bytes: [], pos: [] };
  const plain = tokens.filter((t) => !t.prefixed);
  const oddPlain = plain.filter((t) => t.digits.length % 2 === 1);
  // A hex stream wrapped at odd columns: pair digits across the whitespace.
  const pairAcross = invalid === 0 && oddPlain.length > 0 && plain.every((t) => t.afterNewlineOnly) && plain.length === tokens.length;
  if (pairAcross) {
    const digits: { d: string; p: number }[] = [];
    for (const t of tokens) for (let k = 0; k < t.digits.length; k++) digits.push({ d: t.digits[k], p: t.start + k });
    for (let k = 0; k + 1 < digits.length; k += 2) {
      result.bytes.push(parseInt(digits[k].d + digits[k + 1].d, 16));
      result.pos.push(digits[k].p);
    }
    if (digits.length % 2 === 1) {
      const last = digits[digits.length - 1];
      rep.add(last.p, `odd number of hex digits: the last digit ${rep.charAt(last.p)} has no partner`);
    }
    return { result, prefixed, letters, nonHexLetters };
  }
  for (const t of tokens) {
    let digits = t.digits;
    if (t.prefixed && digits.length === 1) digits = '0' + digits;
    if (digits.length % 2 === 1) {
      rep.add(t.start + t.digits.length - 1, `odd number of hex digits in "${t.digits}": the last digit has no partner`);
      digits = digits.slice(0, -1);
    }
    for (let k = 0; k < digits.length; k += 2) {
      result.bytes.push(parseInt(digits.slice(k, k + 2), 16));
      result.pos.push(t.start + Math.max(0, k - (digits.length - t.digits.length)));
    }
  }
  return { result, prefixed, letters, nonHexLetters };
}

// ---------------------------------------------------------------------------------------------
// Array literals: C, Java, JS, Go, Rust, Python lists, JSON

function parseArrays(text: string, rep: Reporter): { format: HexInputFormat; blocks: Sourced[] } | undefined {
  // Bodies: each {...}; else a single [...] list.
  const bodies: { start: number; end: number }[] = [];
  if (text.includes('{')) {
    let i = 0;
    while (i < text.length) {
      const open = text.indexOf('{', i);
      if (open < 0) break;
      const close = text.indexOf('}', open + 1);
      if (close < 0) {
        rep.add(open, "'{' is never closed by '}'");
        bodies.push({ start: open + 1, end: text.length });
        break;
      }
      bodies.push({ start: open + 1, end: close });
      i = close + 1;
    }
  } else {
    // The [...] group with the most items (skips type brackets such as [u8; 16] or byte[]).
    let best: { start: number; end: number; items: number } | undefined;
    const re = /\[([^[\]]*)\]?/g;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const items = m[1].split(',').filter((x) => x.trim() !== '').length;
      if (!best || items > best.items) best = { start: m.index + 1, end: m.index + 1 + m[1].length, items };
      if (!m[0].endsWith(']')) rep.add(m.index, "'[' is never closed by ']'");
    }
    if (!best || best.items < 2) return undefined;
    bodies.push({ start: best.start, end: best.end });
  }
  type Item = { text: string; start: number };
  const items: Item[] = [];
  for (const body of bodies) {
    const re = /[^,\s]+/g;
    const slice = text.slice(body.start, body.end);
    for (let m = re.exec(slice); m; m = re.exec(slice)) {
      // Drop casts like (byte), (char), (uint8_t), (unsigned char) and trailing suffixes.
      let t = m[0];
      let start = body.start + m.index;
      const cast = /^\((?:byte|char|uint8_t|int8_t|u8|i8|unsigned|signed)\)?/i.exec(t);
      if (cast) {
        t = t.slice(cast[0].length);
        start += cast[0].length;
      }
      if (t === '' || t === 'char)' || t === ')') continue;
      items.push({ text: t, start });
    }
  }
  if (items.length === 0) return undefined;
  const anyPrefix = items.some((it) => /^-?0[xX]/.test(it.text));
  const anyHexLetter = items.some((it) => /[a-fA-F]/.test(it.text.replace(/^-?0[xX]/, '').replace(/[uUlL]\d*$/, '')));
  const allTwoWide = items.every((it) => /^[0-9A-Fa-f]{2}$/.test(it.text));
  const decimal = !anyPrefix && !anyHexLetter && !allTwoWide;
  const out: Sourced = { bytes: [], pos: [] };
  for (const it of items) {
    const t = it.text.replace(/(?<=[0-9A-Fa-f])(?:[uU](?:8|16|32)?|[lL]{1,2})$/, '');
    let value: number | undefined;
    if (/^-?0[xX][0-9A-Fa-f]{1,2}$/.test(t)) value = parseInt(t.replace('-', ''), 16) * (t.startsWith('-') ? -1 : 1);
    else if (decimal && /^-?\d{1,3}$/.test(t)) value = Number(t);
    else if (!decimal && /^[0-9A-Fa-f]{1,2}$/.test(t)) value = parseInt(t, 16);
    if (value === undefined || value < -128 || value > 255) {
      const bad = firstBadIndex(it.text, decimal);
      rep.add(it.start + bad, `${JSON.stringify(it.text)} is not a byte value${decimal ? ' (0..255 or -128..127)' : ' (0x00..0xFF)'}`);
      continue;
    }
    out.bytes.push(value & 0xff);
    out.pos.push(it.start);
  }
  return { format: decimal ? 'decimal-array' : 'c-array', blocks: [out] };
}

function firstBadIndex(token: string, decimal: boolean): number {
  const body = token.replace(/^-?(0[xX])?/, '');
  const offset = token.length - body.length;
  for (let i = 0; i < body.length; i++) if (decimal ? !/\d/.test(body[i]) : !isHex(body[i])) return offset + i;
  return 0;
}

// ---------------------------------------------------------------------------------------------
// Node <Buffer 00 01 …> and Python b'…'

function parseNodeBuffer(text: string, lead: number, rep: Reporter): Sourced {
  const start = lead + '<Buffer'.length;
  const close = text.indexOf('>', start);
  const end = close < 0 ? text.length : close;
  if (close < 0) rep.add(text.length, "'<Buffer' is never closed by '>'");
  const out: Sourced = { bytes: [], pos: [] };
  const body = text.slice(start, end);
  const more = /\.\.\.\s*(\d+)\s+more\s+bytes?/.exec(body);
  const re = /\S+/g;
  for (let m = re.exec(body); m; m = re.exec(body)) {
    const at = start + m.index;
    if (more && m.index >= more.index) break;
    if (/^[0-9A-Fa-f]{2}$/.test(m[0])) {
      out.bytes.push(parseInt(m[0], 16));
      out.pos.push(at);
    } else rep.add(at, `"${m[0]}" is not a byte (two hex digits)`);
  }
  if (more) rep.add(start + more.index, `Node cut this Buffer short: ${more[1]} more bytes are not shown (print it with .toString('hex'))`);
  for (let k = end + 1; k < text.length; k++) if (!/\s/.test(text[k])) {
    rep.add(k, `unexpected ${rep.charAt(k)} after the Buffer`);
    break;
  }
  return out;
}

function parsePythonBytes(text: string, lead: number, rep: Reporter): Sourced {
  const out: Sourced = { bytes: [], pos: [] };
  let i = lead;
  while (i < text.length) {
    while (i < text.length && /[\s+()]/.test(text[i])) i++;
    if (i >= text.length) break;
    if (!(text[i] === 'b' || text[i] === 'B') || (text[i + 1] !== "'" && text[i + 1] !== '"')) {
      rep.add(i, `unexpected ${rep.charAt(i)}: expected a b'…' literal`);
      break;
    }
    const quote = text[i + 1];
    i += 2;
    let closed = false;
    while (i < text.length) {
      const c = text[i];
      if (c === quote) {
        closed = true;
        i++;
        break;
      }
      if (c === '\\') {
        const e = text[i + 1];
        const simple: Record<string, number> = { n: 10, r: 13, t: 9, '\\': 92, "'": 39, '"': 34, a: 7, b: 8, f: 12, v: 11 };
        if (e === 'x' && isHex(text[i + 2] ?? '') && isHex(text[i + 3] ?? '')) {
          out.bytes.push(parseInt(text.slice(i + 2, i + 4), 16));
          out.pos.push(i);
          i += 4;
        } else if (e !== undefined && /[0-7]/.test(e)) {
          const m = /^[0-7]{1,3}/.exec(text.slice(i + 1)) as RegExpExecArray;
          out.bytes.push(parseInt(m[0], 8) & 0xff);
          out.pos.push(i);
          i += 1 + m[0].length;
        } else if (e !== undefined && e in simple) {
          out.bytes.push(simple[e]);
          out.pos.push(i);
          i += 2;
        } else {
          rep.add(i, `unknown escape ${JSON.stringify('\\' + (e ?? ''))} in a bytes literal`);
          i += 2;
        }
        continue;
      }
      const code = c.charCodeAt(0);
      if (code > 0x7e || code < 0x20) rep.add(i, `${rep.charAt(i)} cannot appear in a bytes literal`);
      else {
        out.bytes.push(code);
        out.pos.push(i);
      }
      i++;
    }
    if (!closed) rep.add(text.length, `the bytes literal is never closed by ${quote}`);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Base64

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_VALUE: ReadonlyMap<string, number> = new Map([...B64].map((c, i) => [c, i] as const));

function tryBase64(text: string, nonHexLetters: number, letters: number): Sourced | undefined {
  // Base64 may be wrapped over lines, but words separated by spaces are not base64.
  if (/\S[ \t]+\S/.test(text)) return undefined;
  const pos: number[] = [];
  let marked = false;
  let end = text.length;
  while (end > 0 && /\s/.test(text[end - 1])) end--;
  let padding = 0;
  while (end > 0 && text[end - 1] === '=' && padding < 2) {
    end--;
    padding++;
  }
  if (padding) marked = true;
  const values: number[] = [];
  for (let i = 0; i < end; i++) {
    const c = text[i];
    if (c === ' ' || c === '\n' || c === '\r' || c === '\t') continue;
    let v = B64_VALUE.get(c);
    if (v === undefined) {
      if (c === '-') v = 62;
      else if (c === '_') v = 63;
      else return undefined;
    }
    if (v >= 62) marked = true;
    values.push(v);
    pos.push(i);
  }
  if (values.length % 4 === 1) return undefined;
  const out: Sourced = { bytes: [], pos: [] };
  let acc = 0;
  let bits = 0;
  for (let i = 0; i < values.length; i++) {
    acc = ((acc << 6) | values[i]) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.bytes.push((acc >> bits) & 0xff);
      out.pos.push(pos[Math.max(0, i - 1)]);
    }
  }
  // Decide: base64 when it decodes to whole PDUs, or when it is unmistakably not hex.
  const clean = splitsCleanly(out.bytes);
  const mostlyLetters = letters > 0 && nonHexLetters / Math.max(1, values.length) >= 0.2;
  return clean || (out.bytes.length >= 16 && (marked || mostlyLetters)) ? out : undefined;
}

function splitsCleanly(bytes: number[]): boolean {
  let off = 0;
  if (bytes.length < 16) return false;
  while (off < bytes.length) {
    if (bytes.length - off < 16) return false;
    const len = ((bytes[off] << 24) | (bytes[off + 1] << 16) | (bytes[off + 2] << 8) | bytes[off + 3]) >>> 0;
    if (len < 16 || len > bytes.length - off) return false;
    off += len;
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// Captured frames: Ethernet II (with 802.1Q), Linux cooked (SLL, SLL2), BSD loopback, raw IP

function looksLikeSmppStart(b: number[]): boolean {
  if (b.length < 8) return b.length > 0 && b[0] === 0;
  const len = ((b[0] << 24) | (b[1] << 16) | (b[2] << 8) | b[3]) >>> 0;
  const id = ((b[4] << 24) | (b[5] << 16) | (b[6] << 8) | b[7]) >>> 0;
  return len >= 16 && len < 0x1000000 && (id & 0x7ffe0000) === 0;
}

function stripFrame(b: number[]): { start: number; end: number; description: string } | undefined {
  if (b.length < 40 || looksLikeSmppStart(b)) return undefined;
  const u16 = (o: number) => (b[o] << 8) | b[o + 1];
  const candidates: { l3: number; link: string; proto?: number }[] = [];
  // Ethernet II, with up to two VLAN tags.
  let et = 12;
  let tags = 0;
  while (b.length > et + 2 && (u16(et) === 0x8100 || u16(et) === 0x88a8) && tags < 2) {
    et += 4;
    tags++;
  }
  candidates.push({ l3: et + 2, link: tags ? 'Ethernet/802.1Q' : 'Ethernet', proto: u16(et) });
  candidates.push({ l3: 16, link: 'Linux cooked', proto: u16(14) });
  candidates.push({ l3: 20, link: 'Linux cooked v2', proto: u16(0) });
  const af = b[0] | (b[1] << 8) | (b[2] << 16) | (b[3] << 24);
  if (af === 2 || af === 24 || af === 28 || af === 30) candidates.push({ l3: 4, link: 'loopback', proto: af === 2 ? 0x0800 : 0x86dd });
  candidates.push({ l3: 0, link: '' });
  for (const c of candidates) {
    if (c.proto !== undefined && c.proto !== 0x0800 && c.proto !== 0x86dd) continue;
    const r = ipTcpPayload(b, c.l3);
    if (r) return { start: r.start, end: r.end, description: [c.link, r.ip, 'TCP'].filter(Boolean).join('/') };
  }
  return undefined;
}

function ipTcpPayload(b: number[], l3: number): { start: number; end: number; ip: string } | undefined {
  if (l3 + 20 > b.length) return undefined;
  const u16 = (o: number) => (b[o] << 8) | b[o + 1];
  let tcp: number;
  let end: number;
  let ip: string;
  const version = b[l3] >> 4;
  if (version === 4) {
    const ihl = (b[l3] & 0x0f) * 4;
    const total = u16(l3 + 2);
    if (ihl < 20 || b[l3 + 9] !== 6 || total < ihl + 20) return undefined;
    if ((u16(l3 + 6) & 0x1fff) !== 0) return undefined; // a later fragment
    tcp = l3 + ihl;
    end = Math.min(b.length, l3 + total);
    ip = 'IPv4';
  } else if (version === 6) {
    if (l3 + 40 > b.length || b[l3 + 6] !== 6) return undefined;
    tcp = l3 + 40;
    end = Math.min(b.length, tcp + u16(l3 + 4));
    ip = 'IPv6';
  } else return undefined;
  if (tcp + 20 > end) return undefined;
  const doff = (b[tcp + 12] >> 4) * 4;
  if (doff < 20 || tcp + doff > end) return undefined;
  const start = tcp + doff;
  const payload = b.slice(start, Math.min(end, start + 8));
  // Accept an empty payload, a PDU start, or a continuation on an SMPP port.
  const ports = [u16(tcp), u16(tcp + 2)];
  const smppPort = ports.some((p) => p === 2775 || p === 3550 || p === 8775);
  if (start < end && !looksLikeSmppStart(payload) && !smppPort) return undefined;
  return { start, end, ip };
}
