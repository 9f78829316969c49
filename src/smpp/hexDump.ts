// Hex dumps: Wireshark "Copy as Hex Dump" and tshark -x, xxd, hexdump -C, od -Ax -tx1. Each line
// is an offset, bytes and maybe an ASCII column; a label line or an offset back at 0 starts a new
// block (one captured frame). Lines are read by hand-written scanners, once each, and the ASCII
// column is recognised by comparing it with the bytes of its line, so the work is linear in the
// text. Browser-safe: no Buffer, no node: imports.

import { clip, hexValue, isAllSpace, isBlankCode, isDigitCode, isHexCode, isSpaceCode, isWordCode, type Reporter, SourcedBytes, startsWithIgnoringCase, trimmedEnd } from './hexSource';

export type DumpFormat = 'wireshark' | 'xxd' | 'hexdump' | 'od';

/** The widest ASCII column looked for (xxd -c 256). */
const MAX_ASCII_COLUMN = 256;
/** The most bytes a dump line is taken to hold when the next offset is read as its width. */
const MAX_LINE_BYTES = 256;
/** The most hex digits in one group of a dump line (xxd -g 8). */
const MAX_GROUP_DIGITS = 16;

/** Words that start the label line of a frame or a reassembled buffer in Wireshark's dumps. */
const LABEL_WORDS = ['Frame', 'Reassembled', 'Decrypted', 'De-chunked', 'Uncompressed', 'Dechunked'];

interface Line {
  start: number;
  /** After the line's last character, without the `\n` and one `\r` before it. */
  end: number;
}

/** A line that looks like "offset bytes…": where its parts are. */
interface DumpLine {
  line: Line;
  /** Where the offset's digits start (index into the text). */
  offsetAt: number;
  offsetText: string;
  offset: number;
  colon: boolean;
  /** Where the first byte group starts (index into the text). */
  dataAt: number;
}

type Kind = DumpLine | 'blank' | 'label' | 'offset-only' | undefined;

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (;;) {
    const nl = text.indexOf('\n', start);
    const stop = nl < 0 ? text.length : nl;
    lines.push({ start, end: stop > start && text.charCodeAt(stop - 1) === 13 ? stop - 1 : stop });
    if (nl < 0) return lines;
    start = nl + 1;
  }
}

/** True when the line holds the character `code`. */
function holds(text: string, { start, end }: Line, code: number): boolean {
  for (let i = start; i < end; i++) if (text.charCodeAt(i) === code) return true;
  return false;
}

/** Index after the run of hex digits at `at`. */
function hexRunEnd(text: string, at: number, end: number): number {
  let i = at;
  while (i < end && isHexCode(text.charCodeAt(i))) i++;
  return i;
}

/**
 * The offset that starts a line: white space, then 4 to 8 hex digits and an optional colon.
 * `next` is the index after them.
 */
function leadingOffset(text: string, { start, end }: Line): { at: number; digits: number; colon: boolean; next: number } | undefined {
  let at = start;
  while (at < end && isSpaceCode(text.charCodeAt(at))) at++;
  let next = hexRunEnd(text, at, Math.min(end, at + 9));
  const digits = next - at;
  if (digits < 4 || digits > 8) return undefined;
  const colon = next < end && text.charCodeAt(next) === 58;
  if (colon) next++;
  return { at, digits, colon, next };
}

/** The offset of a line holding only an offset (hexdump and od end with the total length). */
function offsetOnly(text: string, line: Line): { at: number; digits: number } | undefined {
  const o = leadingOffset(text, line);
  return o && isAllSpace(text, o.next, line.end) ? o : undefined;
}

/**
 * "offset[:] bytes…": the offset, spaces or tabs, then the rest of the line (which must not hold
 * a line separator). `dataAt` is -1 when nothing follows the offset.
 */
function offsetAndData(text: string, line: Line): { offsetAt: number; digits: number; colon: boolean; dataAt: number } | undefined {
  const o = leadingOffset(text, line);
  const end = line.end;
  if (o === undefined || o.next >= end || !isBlankCode(text.charCodeAt(o.next))) return undefined;
  let i = o.next;
  while (i < end && isBlankCode(text.charCodeAt(i))) i++;
  const found = { offsetAt: o.at, digits: o.digits, colon: o.colon };
  if (i === end) return { ...found, dataAt: -1 };
  if (isSpaceCode(text.charCodeAt(i))) return undefined;
  for (let k = i; k < end; k++) {
    const c = text.charCodeAt(k);
    if (c === 13 || c === 0x2028 || c === 0x2029) return undefined;
  }
  return { ...found, dataAt: i };
}

/** A label such as "Frame (74 bytes):" or "Reassembled TCP (1234 bytes):". */
function isLabel(text: string, { start, end }: Line): boolean {
  // Ends with "(<digits> byte[s])", an optional colon and white space.
  let e = trimmedEnd(text, start, end);
  if (e > start && text.charCodeAt(e - 1) === 58) e--;
  if (e > start && text.charCodeAt(e - 1) === 41) {
    e--;
    if (e > start && (text.charCodeAt(e - 1) | 0x20) === 0x73) e--;
    if (e - 5 >= start && startsWithIgnoringCase(text, e - 4, 'byte') && text.charCodeAt(e - 5) === 32) {
      let d = e - 5;
      while (d > start && isDigitCode(text.charCodeAt(d - 1))) d--;
      if (d < e - 5 && d > start && text.charCodeAt(d - 1) === 40) return true;
    }
  }
  // Starts with one of the label words.
  let i = start;
  while (i < end && isSpaceCode(text.charCodeAt(i))) i++;
  for (const word of LABEL_WORDS) {
    if (i + word.length <= end && startsWithIgnoringCase(text, i, word) && !(i + word.length < end && isWordCode(text.charCodeAt(i + word.length)))) return true;
  }
  return false;
}

function classify(text: string, line: Line): Kind {
  if (isAllSpace(text, line.start, line.end)) return 'blank';
  const m = offsetAndData(text, line);
  if (m === undefined && isLabel(text, line)) return 'label';
  if (offsetOnly(text, line)) return 'offset-only';
  if (m === undefined || m.dataAt < 0) return undefined;
  // The first group must be hex; xxd has a colon, the others 2-digit bytes.
  let k = m.dataAt;
  while (k < line.end && !isSpaceCode(text.charCodeAt(k))) k++;
  if (hexRunEnd(text, m.dataAt, k) !== k) return undefined;
  if (!m.colon && k - m.dataAt !== 2) return undefined;
  const offsetText = text.slice(m.offsetAt, m.offsetAt + m.digits);
  return { line, offsetAt: m.offsetAt, offsetText, offset: parseInt(offsetText, 16), colon: m.colon, dataAt: m.dataAt };
}

/** Reads the text as a hex dump, or returns undefined when it is not one. */
export function readDump(text: string, rep: Reporter): { format: DumpFormat; out: SourcedBytes } | undefined {
  const lines = splitLines(text);
  const kinds = lines.map((l) => classify(text, l));
  let dataLines = 0;
  let other = 0;
  let first: DumpLine | undefined;
  let hasBar = false;
  for (const k of kinds) {
    if (k === undefined) other++;
    else if (typeof k === 'object') {
      dataLines++;
      first ??= k;
      if (!hasBar) hasBar = holds(text, k.line, 124);
    }
  }
  if (first === undefined || other > dataLines) return undefined;
  const out = new SourcedBytes(text.length >> 2);
  const format: DumpFormat = first.colon ? 'xxd' : hasBar || first.offsetText.length === 8 ? 'hexdump' : first.offsetText.length === 4 ? 'wireshark' : 'od';

  let inBlock = false;
  let blockStart = 0;
  let expectedOffset = 0;
  let lineWidth: number | undefined;
  let flagged = false;
  let asciiColumn: number | undefined;
  for (let i = 0; i < lines.length; i++) {
    const c = kinds[i];
    const line = lines[i]!;
    if (c === 'blank') continue;
    if (c === 'label') {
      inBlock = false;
      continue;
    }
    if (c === undefined) {
      let at = line.start;
      while (at < line.end && isSpaceCode(text.charCodeAt(at))) at++;
      rep.add(at, 'this line is not part of the hex dump (expected an offset, then bytes)');
      continue;
    }
    if (c === 'offset-only') {
      const m = offsetOnly(text, line)!;
      if (inBlock && m.digits > 0) {
        const total = text.slice(m.at, m.at + m.digits);
        if (parseInt(total, 16) !== expectedOffset && !flagged) {
          rep.add(m.at, `the dump ends at offset 0x${total} but the last line ends at 0x${expectedOffset.toString(16)}`);
        }
      }
      continue;
    }
    if (!inBlock || (c.offset === 0 && out.length > blockStart)) {
      inBlock = true;
      out.startBlock();
      blockStart = out.length;
      expectedOffset = c.offset;
      asciiColumn = undefined;
      lineWidth = undefined;
      flagged = false;
    }
    if (c.offset !== expectedOffset && !flagged) {
      rep.add(c.offsetAt, `offset 0x${c.offsetText} does not follow on: 0x${expectedOffset.toString(16)} expected`);
    }
    flagged = false;
    // How many bytes this line holds, from the next data line's offset.
    let expectedCount: number | undefined;
    for (let j = i + 1; j < lines.length; j++) {
      const n = kinds[j];
      if (n === 'blank' || n === undefined) continue;
      if (n === 'label') break;
      if (n === 'offset-only') {
        const m = offsetOnly(text, lines[j]!)!;
        expectedCount = parseInt(text.slice(m.at, m.at + m.digits), 16) - c.offset;
        break;
      }
      if (n.offset > c.offset) expectedCount = n.offset - c.offset;
      break;
    }
    if (expectedCount !== undefined && (expectedCount <= 0 || expectedCount > MAX_LINE_BYTES)) expectedCount = undefined;
    const got = readDumpLine(text, c, expectedCount, asciiColumn, rep, out);
    if (got.asciiColumn !== undefined && asciiColumn === undefined) asciiColumn = got.asciiColumn;
    // A line as wide as the others with a next offset that disagrees: the offset is the fault
    // (reported on its line). Otherwise the line is short (or long) and is reported here.
    if (expectedCount !== undefined && got.count !== expectedCount && got.count !== lineWidth) {
      rep.add(line.end, `this line holds ${got.count} bytes but the next offset says ${expectedCount}`);
      flagged = true;
    }
    lineWidth ??= got.count;
    expectedOffset = c.offset + got.count;
  }
  return { format, out };
}

/** How a byte shows in a dump's ASCII column. */
function asciiRendering(b: number): number {
  return b >= 0x20 && b < 0x7f ? b : 0x2e;
}

/**
 * The bytes of one dump line, read into `out` (this line's bytes start at `from`). Returns how
 * many, and where the ASCII column starts (relative to the line start) if one was found.
 */
function readDumpLine(text: string, d: DumpLine, expectedCount: number | undefined, asciiColumn: number | undefined, rep: Reporter, out: SourcedBytes): { count: number; asciiColumn?: number } {
  const { start, end } = d.line;
  const from = out.length;
  const restEnd = trimmedEnd(text, start, end);
  /** Index (from `from`) of the line's last byte that is not 0x20, or -1. */
  let lastNonSpace = -1;

  /**
   * True when text[at, restEnd) is the ASCII column of the line's bytes: '|' first, or each
   * character the rendering of its byte, allowing one extra space after the 8th (two halves) and
   * trailing spaces trimmed.
   */
  const isAsciiColumn = (at: number): boolean => {
    if (at < restEnd && text.charCodeAt(at) === 124) return true;
    const length = restEnd - at;
    if (length <= 0) return false;
    const count = out.length - from;
    const matches = (skip: number): boolean => {
      const shown = skip < 0 ? length : length - 1;
      if (shown > count || shown > MAX_ASCII_COLUMN || lastNonSpace >= shown) return false;
      for (let k = 0; k < shown; k++) {
        const ch = text.charCodeAt(at + (skip >= 0 && k >= skip ? k + 1 : k));
        if (ch !== asciiRendering(out.bytes[from + k]!)) return false;
      }
      return true;
    };
    return matches(-1) || (count > 8 && length > 8 && matches(8));
  };

  let i = d.dataAt;
  let foundAscii: number | undefined;
  while (i < end) {
    let gap = 0;
    while (i < end && isBlankCode(text.charCodeAt(i))) {
      gap += text.charCodeAt(i) === 9 ? 2 : 1;
      i++;
    }
    if (i >= end) break;
    const count = out.length - from;
    if (count > 0) {
      if (expectedCount !== undefined && count >= expectedCount) {
        foundAscii = i;
        break;
      }
      if (asciiColumn !== undefined && i - start >= asciiColumn) break;
      if (text.charCodeAt(i) === 124 || (gap >= 2 && isAsciiColumn(i))) {
        foundAscii = i;
        break;
      }
    }
    let j = i;
    while (j < end && !isBlankCode(text.charCodeAt(j))) j++;
    const digitsEnd = hexRunEnd(text, i, j);
    const digits = j - i;
    if (digitsEnd === j && digits % 2 === 0 && digits <= MAX_GROUP_DIGITS) {
      for (let k = i; k < j; k += 2) {
        const b = (hexValue(text.charCodeAt(k)) << 4) | hexValue(text.charCodeAt(k + 1));
        if (b !== 0x20) lastNonSpace = out.length - from;
        out.add(b, k);
      }
    } else if (count > 0 && gap >= 1 && isAsciiColumn(i)) {
      foundAscii = i;
      break;
    } else if (digitsEnd < j) {
      rep.add(digitsEnd, `unexpected ${rep.charAt(digitsEnd)} in the hex bytes of this dump line`);
    } else if (digits % 2 === 1) {
      rep.add(i, `"${clip(text.slice(i, Math.min(j, i + 25)))}" is not a whole number of bytes (odd count of hex digits)`);
    } else {
      rep.add(i, `a group of ${digits} hex digits is too long for a dump line (at most ${MAX_GROUP_DIGITS})`);
    }
    i = j;
  }
  const count = out.length - from;
  return foundAscii === undefined ? { count } : { count, asciiColumn: foundAscii - start };
}
