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
  return STATE_BY_STAT.get(stat.trim().toUpperCase());
}

// A key starts the text or follows whitespace or a separator, and ends with a colon.
const KEY_RE = /(?<=^|[\s,;])(id|sub|dlvrd|submit[ _-]?date|done[ _-]?date|stat|err|text)[ \t]*:/gi;

function keyName(key: string): ReceiptFieldName {
  const k = key.toLowerCase();
  if (k.startsWith('submit')) return 'submitDate';
  if (k.startsWith('done')) return 'doneDate';
  return k as ReceiptFieldName;
}

/** Reads YYMMDDhhmm, YYMMDDhhmmss or YYYYMMDDhhmmss as a UTC date. */
export function parseReceiptDate(raw: string): Date | undefined {
  if (!/^\d+$/.test(raw)) return undefined;
  let y: number;
  let rest: string;
  if (raw.length === 10 || raw.length === 12) {
    y = 2000 + Number(raw.slice(0, 2));
    rest = raw.slice(2);
  } else if (raw.length === 14) {
    y = Number(raw.slice(0, 4));
    rest = raw.slice(4);
  } else return undefined;
  const mo = Number(rest.slice(0, 2));
  const d = Number(rest.slice(2, 4));
  const h = Number(rest.slice(4, 6));
  const mi = Number(rest.slice(6, 8));
  const s = rest.length >= 10 ? Number(rest.slice(8, 10)) : 0;
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return undefined;
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  if (date.getUTCDate() !== d) return undefined; // e.g. 31 April
  return date;
}

/**
 * Parses receipt text. Returns undefined when the text does not look like a receipt (it needs an
 * `id:` or `stat:` and at least one other receipt field). Values run to the next key; `text:` runs
 * to the end of the string.
 */
export function parseReceipt(text: string): Receipt | undefined {
  const matches: { key: string; name: ReceiptFieldName; start: number; colonEnd: number }[] = [];
  KEY_RE.lastIndex = 0;
  for (let m = KEY_RE.exec(text); m; m = KEY_RE.exec(text)) {
    const name = keyName(m[1]);
    matches.push({ key: m[1], name, start: m.index, colonEnd: m.index + m[0].length });
    if (name === 'text') break;
  }
  const names = new Set(matches.map((m) => m.name));
  const hasAnchor = names.has('id') || names.has('stat');
  const others = [...names].filter((n) => n !== 'id' && n !== 'text');
  if (!hasAnchor || others.length === 0 || (names.size < 2)) return undefined;

  const receipt: Receipt = { parts: [], problems: [] };
  for (let i = 0; i < matches.length; i++) {
    const m = matches[i];
    let valueEnd = i + 1 < matches.length ? matches[i + 1].start : text.length;
    let valueStart = m.colonEnd;
    if (m.name === 'text') {
      while (valueStart < valueEnd && (text[valueStart] === ' ' || text[valueStart] === '\t')) valueStart++;
      while (valueEnd > valueStart && text[valueEnd - 1] === '\0') valueEnd--;
    } else {
      while (valueStart < valueEnd && /\s/.test(text[valueStart])) valueStart++;
      while (valueEnd > valueStart && /[\s,;\0]/.test(text[valueEnd - 1])) valueEnd--;
    }
    const raw = text.slice(valueStart, valueEnd);
    const part: ReceiptPart = { name: m.name, key: m.key, raw, value: raw, start: m.start, end: valueEnd, valueStart, valueEnd };
    if (receipt.parts.some((p) => p.name === m.name)) {
      receipt.problems.push({ start: m.start, end: valueEnd, message: `${m.key} appears more than once; the first one is used` });
      receipt.parts.push(part);
      continue;
    }
    switch (m.name) {
      case 'id':
        receipt.id = raw;
        if (!raw) receipt.problems.push({ start: m.start, end: valueEnd, message: 'id is empty' });
        break;
      case 'sub':
      case 'dlvrd':
        receipt[m.name] = raw;
        if (/^\d+$/.test(raw)) part.value = Number(raw);
        else receipt.problems.push({ start: valueStart, end: valueEnd, message: `${m.key} should be a number, found ${JSON.stringify(raw)}` });
        break;
      case 'submitDate':
      case 'doneDate': {
        const date = parseReceiptDate(raw);
        const v: ReceiptDate = date ? { raw, date } : { raw };
        receipt[m.name] = v;
        part.value = v;
        if (!date) receipt.problems.push({ start: valueStart, end: valueEnd, message: `${m.key} ${JSON.stringify(raw)} is not a date (YYMMDDhhmm or YYMMDDhhmmss)` });
        break;
      }
      case 'stat': {
        receipt.stat = raw;
        const state = statToMessageState(raw);
        if (state !== undefined) receipt.messageState = state;
        else receipt.problems.push({ start: valueStart, end: valueEnd, message: `stat ${JSON.stringify(raw)} is not a known state` });
        break;
      }
      case 'err':
        receipt.err = raw;
        break;
      case 'text':
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

function stripZeros(s: string): string {
  const t = s.replace(/^0+/, '');
  return t === '' ? '0' : t;
}

function toBigInt(s: string, radix: 10 | 16): bigint | undefined {
  if (s.length === 0 || s.length > 40) return undefined;
  if (radix === 10 ? !/^\d+$/.test(s) : !/^[0-9a-fA-F]+$/.test(s)) return undefined;
  return BigInt(radix === 10 ? s : `0x${s}`);
}

/** How two message ids relate: 'same', 'text-decimal-of-tlv-hex', 'text-hex-of-tlv-decimal', or 'different'. */
export function compareMessageIds(textId: string, tlvId: string): 'same' | 'text-decimal-of-tlv-hex' | 'text-hex-of-tlv-decimal' | 'different' {
  const a = textId.trim();
  const b = tlvId.trim();
  if (a.toLowerCase() === b.toLowerCase()) return 'same';
  if (/^[0-9a-fA-F]+$/.test(a) && /^[0-9a-fA-F]+$/.test(b) && stripZeros(a.toLowerCase()) === stripZeros(b.toLowerCase())) return 'same';
  const aDec = toBigInt(a, 10);
  const bHex = toBigInt(b, 16);
  if (aDec !== undefined && bHex !== undefined && aDec === bHex) return 'text-decimal-of-tlv-hex';
  const aHex = toBigInt(a, 16);
  const bDec = toBigInt(b, 10);
  if (aHex !== undefined && bDec !== undefined && aHex === bDec) return 'text-hex-of-tlv-decimal';
  return 'different';
}

/** Merges the receipt text with the receipted_message_id and message_state TLVs; the TLVs win. */
export function reconcileReceipt(receipt: Receipt | undefined, tlvs: ReceiptTlvs): ReconciledReceipt {
  const out: ReconciledReceipt = { notes: [], disagreements: [] };
  if (receipt) out.receipt = receipt;
  const tlvId = tlvs.receipted_message_id?.replace(/\0+$/, '');
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
