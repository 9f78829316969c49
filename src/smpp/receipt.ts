// Delivery receipt text (SMPP 3.4 Appendix B and vendor variations):
//   id:IIIIIIIIII sub:SSS dlvrd:DDD submit date:YYMMDDhhmm done date:YYMMDDhhmm stat:DDDDDDD err:E text:...
// Parsed tolerantly (any case, extra spaces, missing fields, hex or decimal ids, 10- or 12-digit
// dates), reconciled with the receipted_message_id and message_state TLVs, and formatted.
// Browser-safe: no Buffer, no node: imports.

import { MESSAGE_STATE_NAMES } from './tables/values';

export type ReceiptFieldName = 'id' | 'sub' | 'dlvrd' | 'submitDate' | 'doneDate' | 'stat' | 'err' | 'text';

export interface ReceiptDate {
  raw: string;
  /** The date read as UTC; undefined when the digits are not a valid date. */
  date?: Date;
}

export interface ReceiptPart {
  name: ReceiptFieldName;
  /** The key as written, e.g. "submit date" or "Text". */
  key: string;
  /** The value as written (trimmed). */
  raw: string;
  value: string | number | ReceiptDate;
  /** Character offsets into the parsed text: the whole `key:value`, end exclusive. */
  start: number;
  end: number;
  /** Character offsets of the value alone, end exclusive. */
  valueStart: number;
  valueEnd: number;
}

export interface ReceiptProblem {
  start: number;
  end: number;
  message: string;
}

export interface Receipt {
  id?: string;
  sub?: string;
  dlvrd?: string;
  submitDate?: ReceiptDate;
  doneDate?: ReceiptDate;
  stat?: string;
  err?: string;
  text?: string;
  /** message_state implied by stat (DELIVRD → 2, …), when stat is a known word. */
  messageState?: number;
  parts: ReceiptPart[];
  problems: ReceiptProblem[];
}

/** The receipt's 7-letter stat words, by message_state. */
export const RECEIPT_STAT_BY_STATE: Readonly<Record<number, string>> = {
  0: 'SCHEDULED',
  1: 'ENROUTE',
  2: 'DELIVRD',
  3: 'EXPIRED',
  4: 'DELETED',
  5: 'UNDELIV',
  6: 'ACCEPTD',
  7: 'UNKNOWN',
  8: 'REJECTD',
  9: 'SKIPPED',
};

const STATE_BY_STAT: ReadonlyMap<string, number> = new Map([
  ['SCHEDULED', 0],
  ['SCHEDLD', 0],
  ['ENROUTE', 1],
  ['DELIVRD', 2],
  ['DELIVERED', 2],
  ['EXPIRED', 3],
  ['DELETED', 4],
  ['UNDELIV', 5],
  ['UNDELIVERABLE', 5],
  ['ACCEPTD', 6],
  ['ACCEPTED', 6],
  ['UNKNOWN', 7],
  ['REJECTD', 8],
  ['REJECTED', 8],
  ['SKIPPED', 9],
]);

/** message_state for a stat word (any case), or undefined. */
export function statToMessageState(stat: string): number | undefined {
  return STATE_BY_STAT.get(isCapitals(stat) ? stat : stat.trim().toUpperCase());
}

/** Whether s is ASCII capitals only, as stat words are written (nothing to trim or raise). */
function isCapitals(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x41 || c > 0x5a) return false;
  }
  return true;
}

/** Whether c is whitespace as a regular expression's \s reads it (the same set String#trim strips). */
function isSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** ASCII letters in lower case; every other code unit as it is. */
function lower(c: number): number {
  return c >= 0x41 && c <= 0x5a ? c | 0x20 : c;
}

/** Whether `word` (lower-case ASCII) stands at p in s, compared without case. */
function wordAt(s: string, p: number, word: string): boolean {
  if (p < 0 || p + word.length > s.length) return false;
  for (let i = 0; i < word.length; i++) if (lower(s.charCodeAt(p + i)) !== word.charCodeAt(i)) return false;
  return true;
}

// The receipt fields by number, in KEY_NAMES order.
const [ID, SUB, DLVRD, SUBMIT_DATE, DONE_DATE, STAT, ERR, TEXT] = [0, 1, 2, 3, 4, 5, 6, 7] as const;
const KEY_NAMES: readonly ReceiptFieldName[] = ['id', 'sub', 'dlvrd', 'submitDate', 'doneDate', 'stat', 'err', 'text'];
/** Each key as Appendix B spells it. */
const KEY_WORDS: readonly string[] = ['id', 'sub', 'dlvrd', 'submit date', 'done date', 'stat', 'err', 'text'];

/** s[from, to) as a string: the one `word` already is when it is spelt so, else a new one. */
function sliceAs(s: string, from: number, to: number, word: string): string {
  if (to - from !== word.length) return s.slice(from, to);
  for (let i = 0; i < word.length; i++) if (s.charCodeAt(from + i) !== word.charCodeAt(i)) return s.slice(from, to);
  return word;
}

/** A key of field `field` starting at p, as `p * 8 + field`, if the text or a separator comes before p; else -1. */
function keyStart(s: string, p: number, field: number): number {
  if (p > 0) {
    const b = s.charCodeAt(p - 1);
    if (b !== 0x2c && b !== 0x3b && !isSpace(b)) return -1;
  }
  return p * 8 + field;
}

/**
 * The receipt key (id, sub, dlvrd, submit date, done date, stat, err, text, in any case) that ends
 * at e, as `start * 8 + field`, or -1. `submit` and `done` may be joined to `date` by a space,
 * `_` or `-`, or by nothing.
 */
function keyEndingAt(s: string, e: number): number {
  switch (lower(s.charCodeAt(e - 1))) {
    case 0x64: // d
      if (wordAt(s, e - 2, 'id')) return keyStart(s, e - 2, ID);
      return wordAt(s, e - 5, 'dlvrd') ? keyStart(s, e - 5, DLVRD) : -1;
    case 0x62: // b
      return wordAt(s, e - 3, 'sub') ? keyStart(s, e - 3, SUB) : -1;
    case 0x74: // t
      if (wordAt(s, e - 4, 'stat')) return keyStart(s, e - 4, STAT);
      return wordAt(s, e - 4, 'text') ? keyStart(s, e - 4, TEXT) : -1;
    case 0x72: // r
      return wordAt(s, e - 3, 'err') ? keyStart(s, e - 3, ERR) : -1;
    case 0x65: {
      // e: submit date, done date
      if (!wordAt(s, e - 4, 'date')) return -1;
      const sep = s.charCodeAt(e - 5);
      const h = sep === 0x20 || sep === 0x5f || sep === 0x2d ? e - 5 : e - 4;
      if (wordAt(s, h - 6, 'submit')) return keyStart(s, h - 6, SUBMIT_DATE);
      return wordAt(s, h - 4, 'done') ? keyStart(s, h - 4, DONE_DATE) : -1;
    }
    default:
      return -1;
  }
}

/** Whether s is one or more ASCII digits. */
function isDigits(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

/** JSON.stringify(s), made directly when s is digits (nothing to escape). */
function digitsOrJson(s: string): string {
  return isDigits(s) ? '"' + s + '"' : JSON.stringify(s);
}

/** The number written by the ASCII digits s[from, to). */
function digits(s: string, from: number, to: number): number {
  let v = 0;
  for (let i = from; i < to; i++) v = v * 10 + s.charCodeAt(i) - 0x30;
  return v;
}

/** Reads YYMMDDhhmm, YYMMDDhhmmss or YYYYMMDDhhmmss as a UTC date. */
export function parseReceiptDate(raw: string): Date | undefined {
  if (!isDigits(raw)) return undefined;
  let y: number;
  let at: number;
  if (raw.length === 10 || raw.length === 12) {
    y = 2000 + digits(raw, 0, 2);
    at = 2;
  } else if (raw.length === 14) {
    y = digits(raw, 0, 4);
    at = 4;
  } else return undefined;
  const mo = digits(raw, at, at + 2);
  const d = digits(raw, at + 2, at + 4);
  const h = digits(raw, at + 4, at + 6);
  const mi = digits(raw, at + 6, at + 8);
  const s = raw.length - at >= 10 ? digits(raw, at + 8, at + 10) : 0;
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return undefined;
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  if (date.getUTCDate() !== d) return undefined; // e.g. 31 April
  return date;
}

/** A receipt date as `toISOString` writes it, from its digits; undefined when it is not a date. */
export function receiptDateIso(v: ReceiptDate): string | undefined {
  const date = v.date;
  if (date === undefined) return undefined;
  const r = v.raw;
  const four = r.length === 14;
  // Date.UTC reads the years 0..99 as 1900..1999: only the Date knows what it made of them.
  if (four && digits(r, 0, 4) < 100) return date.toISOString();
  const at = four ? 4 : 2;
  const year = four ? r.slice(0, 4) : '20' + r.slice(0, 2);
  const sec = r.length - at >= 10 ? r.slice(at + 8, at + 10) : '00';
  return year + '-' + r.slice(at, at + 2) + '-' + r.slice(at + 2, at + 4) + 'T' + r.slice(at + 4, at + 6) + ':' + r.slice(at + 6, at + 8) + ':' + sec + '.000Z';
}

/**
 * The keys of receipt text, in order: a key starts the text or follows whitespace, a comma or a
 * semicolon, is spelt in any case, and ends with a colon (spaces or tabs may come before it). The
 * first `text:` ends the search. Since every key ends at a colon, the search looks back from each
 * colon: linear in the text, without backtracking.
 *
 * Three numbers a key, with no object made for it: `start * 8 + field`, where the key's word
 * ends, and where its colon ends; written into KEYS, reused from one call to the next. Returns
 * how many numbers it wrote.
 */
function findKeys(text: string): number {
  const out = KEYS;
  let n = 0;
  // Every key ends at a colon: look back from each colon, past spaces and tabs, for a key.
  for (let c = text.indexOf(':'); c >= 0; c = text.indexOf(':', c + 1)) {
    let e = c;
    while (e > 0 && (text.charCodeAt(e - 1) === 0x20 || text.charCodeAt(e - 1) === 0x09)) e--;
    const k = keyEndingAt(text, e);
    if (k < 0) continue;
    out[n++] = k;
    out[n++] = e;
    out[n++] = c + 1;
    if ((k & 7) === TEXT) break;
  }
  return n;
}

/** Where findKeys writes the keys it finds. */
const KEYS: number[] = [];

/**
 * Parses receipt text. Returns undefined when the text does not look like a receipt (it needs an
 * `id:` or `stat:` and at least one other receipt field). Values run to the next key; `text:` runs
 * to the end of the string.
 */
export function parseReceipt(text: string): Receipt | undefined {
  const count = findKeys(text);
  const matches = KEYS;
  let names = 0;
  for (let i = 0; i < count; i += 3) names |= 1 << (matches[i]! & 7);
  const hasAnchor = (names & ((1 << ID) | (1 << STAT))) !== 0;
  const others = names & ~((1 << ID) | (1 << TEXT));
  // At least two different keys, one of them id or stat, one neither id nor text.
  if (!hasAnchor || others === 0 || (names & (names - 1)) === 0) return undefined;

  const receipt: Receipt = { parts: [], problems: [] };
  let seen = 0;
  for (let i = 0; i < count; i += 3) {
    const field = matches[i]! & 7;
    const start = matches[i]! >> 3;
    const key = sliceAs(text, start, matches[i + 1]!, KEY_WORDS[field]!);
    let valueEnd = i + 3 < count ? matches[i + 3]! >> 3 : text.length;
    let valueStart = matches[i + 2]!;
    if (field === TEXT) {
      while (valueStart < valueEnd && (text.charCodeAt(valueStart) === 0x20 || text.charCodeAt(valueStart) === 0x09)) valueStart++;
      while (valueEnd > valueStart && text.charCodeAt(valueEnd - 1) === 0) valueEnd--;
    } else {
      while (valueStart < valueEnd && isSpace(text.charCodeAt(valueStart))) valueStart++;
      while (valueEnd > valueStart) {
        const c = text.charCodeAt(valueEnd - 1);
        if (c !== 0x2c && c !== 0x3b && c !== 0 && !isSpace(c)) break;
        valueEnd--;
      }
    }
    const raw = text.slice(valueStart, valueEnd);
    const part: ReceiptPart = { name: KEY_NAMES[field]!, key, raw, value: raw, start, end: valueEnd, valueStart, valueEnd };
    if ((seen & (1 << field)) !== 0) {
      receipt.problems.push({ start, end: valueEnd, message: `${key} appears more than once; the first one is used` });
      receipt.parts.push(part);
      continue;
    }
    seen |= 1 << field;
    switch (field) {
      case ID:
        receipt.id = raw;
        if (!raw) receipt.problems.push({ start: start, end: valueEnd, message: 'id is empty' });
        break;
      case SUB:
      case DLVRD:
        if (field === SUB) receipt.sub = raw;
        else receipt.dlvrd = raw;
        if (isDigits(raw)) part.value = raw.length <= 15 ? digits(raw, 0, raw.length) : Number(raw);
        else receipt.problems.push({ start: valueStart, end: valueEnd, message: `${key} should be a number, found ${JSON.stringify(raw)}` });
        break;
      case SUBMIT_DATE:
      case DONE_DATE: {
        const date = parseReceiptDate(raw);
        const v: ReceiptDate = date ? { raw, date } : { raw };
        if (field === SUBMIT_DATE) receipt.submitDate = v;
        else receipt.doneDate = v;
        part.value = v;
        if (!date) receipt.problems.push({ start: valueStart, end: valueEnd, message: `${key} ${digitsOrJson(raw)} is not a date (YYMMDDhhmm or YYMMDDhhmmss)` });
        break;
      }
      case STAT: {
        receipt.stat = raw;
        const state = statToMessageState(raw);
        if (state !== undefined) receipt.messageState = state;
        else receipt.problems.push({ start: valueStart, end: valueEnd, message: `stat ${JSON.stringify(raw)} is not a known state` });
        break;
      }
      case ERR:
        receipt.err = raw;
        break;
      default:
        receipt.text = raw;
        break;
    }
    receipt.parts.push(part);
  }
  return receipt;
}

export interface ReceiptTlvs {
  receipted_message_id?: string;
  message_state?: number;
}

export interface ReceiptDisagreement {
  field: 'id' | 'state';
  text: string;
  tlv: string;
  message: string;
}

export interface ReconciledReceipt {
  /** The message id: the TLV's when present, else the text's. */
  id?: string;
  idSource?: 'tlv' | 'text';
  messageState?: number;
  /** MESSAGE_STATE_NAMES name of messageState. */
  stateName?: string;
  stateSource?: 'tlv' | 'text';
  receipt?: Receipt;
  /** Explanations, e.g. that the text's decimal id is the TLV's hex id. */
  notes: string[];
  disagreements: ReceiptDisagreement[];
}

/** s without the NULs at its end. */
function withoutTrailingNuls(s: string): string {
  let e = s.length;
  while (e > 0 && s.charCodeAt(e - 1) === 0) e--;
  return e === s.length ? s : s.slice(0, e);
}

/** Where s starts without its leading zeros (at its last character when it is all zeros). */
function afterZeros(s: string): number {
  let i = 0;
  while (i < s.length - 1 && s.charCodeAt(i) === 0x30) i++;
  return i;
}

/** Whether s is all ASCII. */
function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 0x80) return false;
  return true;
}

/** Whether a[i..] and b[j..] are the same ASCII text but for case. */
function sameAsciiFrom(a: string, i: number, b: string, j: number): boolean {
  if (a.length - i !== b.length - j) return false;
  for (let k = 0; i + k < a.length; k++) if (lower(a.charCodeAt(i + k)) !== lower(b.charCodeAt(j + k))) return false;
  return true;
}

/** a.toLowerCase() === b.toLowerCase(), with no string made when both are ASCII. */
function sameButCase(a: string, b: string): boolean {
  return isAscii(a) && isAscii(b) ? sameAsciiFrom(a, 0, b, 0) : a.toLowerCase() === b.toLowerCase();
}

/** Whether s is one or more hex digits. */
function isHex(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const l = c | 0x20; // a-f and A-F alike
    if (!((c >= 0x30 && c <= 0x39) || (l >= 0x61 && l <= 0x66))) return false;
  }
  return true;
}

function toBigInt(s: string, radix: 10 | 16): bigint | undefined {
  if (s.length === 0 || s.length > 40) return undefined;
  if (radix === 10 ? !isDigits(s) : !isHex(s)) return undefined;
  return BigInt(radix === 10 ? s : `0x${s}`);
}

/** How two message ids relate: 'same', 'text-decimal-of-tlv-hex', 'text-hex-of-tlv-decimal', or 'different'. */
export function compareMessageIds(textId: string, tlvId: string): 'same' | 'text-decimal-of-tlv-hex' | 'text-hex-of-tlv-decimal' | 'different' {
  const a = textId.trim();
  const b = tlvId.trim();
  if (sameButCase(a, b)) return 'same';
  const aHexDigits = isHex(a);
  const bHexDigits = isHex(b);
  // Hex digits are ASCII: compared without case past their leading zeros.
  if (aHexDigits && bHexDigits && sameAsciiFrom(a, afterZeros(a), b, afterZeros(b))) return 'same';
  // Numbers are read only where both sides have the digits for them.
  if (bHexDigits && isDigits(a)) {
    const aDec = toBigInt(a, 10);
    const bHex = toBigInt(b, 16);
    if (aDec !== undefined && bHex !== undefined && aDec === bHex) return 'text-decimal-of-tlv-hex';
  }
  if (aHexDigits && isDigits(b)) {
    const aHex = toBigInt(a, 16);
    const bDec = toBigInt(b, 10);
    if (aHex !== undefined && bDec !== undefined && aHex === bDec) return 'text-hex-of-tlv-decimal';
  }
  return 'different';
}

/** Merges the receipt text with the receipted_message_id and message_state TLVs; the TLVs win. */
export function reconcileReceipt(receipt: Receipt | undefined, tlvs: ReceiptTlvs): ReconciledReceipt {
  const out: ReconciledReceipt = { notes: [], disagreements: [] };
  if (receipt) out.receipt = receipt;
  const tlvId = tlvs.receipted_message_id === undefined ? undefined : withoutTrailingNuls(tlvs.receipted_message_id);
  if (tlvId !== undefined && tlvId !== '') {
    out.id = tlvId;
    out.idSource = 'tlv';
    if (receipt?.id !== undefined) {
      const rel = compareMessageIds(receipt.id, tlvId);
      if (rel === 'text-decimal-of-tlv-hex') out.notes.push(`the receipt id ${receipt.id} is the decimal form of receipted_message_id ${tlvId} (hex)`);
      else if (rel === 'text-hex-of-tlv-decimal') out.notes.push(`the receipt id ${receipt.id} is the hex form of receipted_message_id ${tlvId} (decimal)`);
      else if (rel === 'different') {
        const message = `the receipt text says id ${receipt.id} but receipted_message_id is ${tlvId}; using the TLV`;
        out.disagreements.push({ field: 'id', text: receipt.id, tlv: tlvId, message });
        out.notes.push(message);
      }
    }
  } else if (receipt?.id !== undefined) {
    out.id = receipt.id;
    out.idSource = 'text';
  }
  if (tlvs.message_state !== undefined) {
    out.messageState = tlvs.message_state;
    out.stateSource = 'tlv';
    if (receipt?.stat !== undefined && receipt.messageState !== tlvs.message_state) {
      const tlvName = MESSAGE_STATE_NAMES[tlvs.message_state] ?? `state ${tlvs.message_state}`;
      const message = `the receipt text says stat ${receipt.stat} but message_state is ${tlvs.message_state} (${tlvName}); using the TLV`;
      out.disagreements.push({ field: 'state', text: receipt.stat, tlv: String(tlvs.message_state), message });
      out.notes.push(message);
    }
  } else if (receipt?.messageState !== undefined) {
    out.messageState = receipt.messageState;
    out.stateSource = 'text';
  }
  if (out.messageState !== undefined) {
    const name = MESSAGE_STATE_NAMES[out.messageState];
    if (name) out.stateName = name;
  }
  return out;
}

export interface ReceiptInput {
  id: string;
  /** Parts submitted; numbers are written with 3 digits. Default 1. */
  sub?: number | string;
  /** Parts delivered; default 1 when stat is DELIVRD, else 0. */
  dlvrd?: number | string;
  submitDate: Date;
  doneDate: Date;
  /** A stat word (DELIVRD, …) or a message_state number. */
  stat: string | number;
  /** Error code; numbers are written with 3 digits. Default 0. */
  err?: number | string;
  /** The first characters of the original message; cut to 20 characters. Default ''. */
  text?: string;
  /** 10 (YYMMDDhhmm, the standard) or 12 (with seconds). Default 10. */
  dateDigits?: 10 | 12;
  /** Spelling of the text key. Default 'text'. */
  textKey?: 'text' | 'Text';
}

function pad(n: number | string, width: number): string {
  return typeof n === 'number' ? String(n).padStart(width, '0') : n;
}

function formatReceiptDate(d: Date, digits: 10 | 12): string {
  const two = (n: number) => String(n).padStart(2, '0');
  const s = two(d.getUTCFullYear() % 100) + two(d.getUTCMonth() + 1) + two(d.getUTCDate()) + two(d.getUTCHours()) + two(d.getUTCMinutes());
  return digits === 12 ? s + two(d.getUTCSeconds()) : s;
}

/** Builds receipt text in the SMPP 3.4 Appendix B layout (dates in UTC). */
export function formatReceipt(input: ReceiptInput): string {
  const stat = typeof input.stat === 'number' ? (RECEIPT_STAT_BY_STATE[input.stat] ?? 'UNKNOWN') : input.stat;
  const digits = input.dateDigits ?? 10;
  const dlvrd = input.dlvrd ?? (statToMessageState(stat) === 2 ? 1 : 0);
  return (
    `id:${input.id} sub:${pad(input.sub ?? 1, 3)} dlvrd:${pad(dlvrd, 3)}` +
    ` submit date:${formatReceiptDate(input.submitDate, digits)} done date:${formatReceiptDate(input.doneDate, digits)}` +
    ` stat:${stat} err:${pad(input.err ?? 0, 3)} ${input.textKey ?? 'text'}:${Array.from(input.text ?? '').slice(0, 20).join('')}`
  );
}
