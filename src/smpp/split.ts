// Message building: picks data_coding, splits a long text into parts as a phone does, and
// carries the parts by a concatenation UDH (8- or 16-bit reference), SAR TLVs, or one
// message_payload. Browser-safe: no Buffer, no node: imports.
import { gsm7CharCost, packSeptets, textToSeptets, fillBitsAfterUdh } from './text/gsm7';
import { encodeTextLossy, encodingLabel, type TextEncoding } from './text/index';
import { buildConcatUdh } from './udh';

export type PlanEncoding = 'auto' | 'gsm7' | 'ucs2' | 'latin1';
export type PlanMethod = 'udh' | 'udh16' | 'sar' | 'payload';

export interface PlanOptions {
  /** Default 'auto': GSM 7-bit when every character is in the GSM alphabet (extension included), else UCS-2. */
  encoding?: PlanEncoding;
  method: PlanMethod;
  /** Concatenation reference (0..255 for 'udh', 0..65535 for 'udh16' and 'sar'). Default: random. */
  ref?: number;
  /** Pack GSM 7-bit text (7 bits per character) instead of one septet per octet. Default false. */
  packed?: boolean;
}

export interface SarTlvs {
  sar_msg_ref_num: number;
  sar_total_segments: number;
  sar_segment_seqnum: number;
}

export interface PlannedPart {
  /** short_message: UDH (if any) + encoded text. Empty for the 'payload' method. */
  shortMessage: Uint8Array;
  /** Set esm_class bit 0x40 (UDHI). */
  esmClassUdhi: boolean;
  tlvs?: SarTlvs;
  /** 'payload' method: the message_payload TLV value. */
  messagePayload?: Uint8Array;
  /** The text this part carries. */
  text: string;
}

export interface PlanProblem {
  /** UTF-16 index in the text. */
  index: number;
  message: string;
}

export interface MessagePlan {
  dataCoding: number;
  encoding: 'gsm7' | 'gsm7-packed' | 'ucs2' | 'latin1';
  parts: PlannedPart[];
  /** Characters as a person counts them (Unicode code points). */
  characters: number;
  /** Septets (GSM 7-bit), UTF-16 code units (UCS-2) or octets (Latin-1). */
  units: number;
  /** Parts a phone would receive (for 'payload' the network's split; `parts` then has one entry). */
  partCount: number;
  /** Units per part: 160/70/140 for one part, 153/67/134 (8-bit ref) or 152/66/133 (16-bit ref) when split. */
  perPartLimit: number;
  /** Characters that the chosen encoding cannot hold (sent as '?'). */
  problems: PlanProblem[];
}

type Unit = 'gsm7' | 'ucs2' | 'latin1';

const SINGLE: Record<Unit, number> = { gsm7: 160, ucs2: 140, latin1: 140 };

/** Octets of payload per part given the UDH size. */
function perPart(unit: Unit, udhOctets: number): number {
  const octets = 140 - udhOctets;
  if (unit === 'gsm7') return Math.floor((octets * 8) / 7);
  if (unit === 'ucs2') return Math.floor(octets / 2) * 2; // in octets; /2 for characters
  return octets;
}

/** Units a limit in octets holds: UCS-2 counts 16-bit characters. */
function unitsFor(unit: Unit, limit: number): number {
  return unit === 'ucs2' ? limit / 2 : limit;
}

function unitCost(unit: Unit, ch: string): number {
  if (unit === 'gsm7') return gsm7CharCost(ch) || 1;
  if (unit === 'ucs2') return ch.length; // a surrogate pair costs 2
  return 1;
}

/** Splits text into chunks of at most `limit` units, never inside a character (escape or surrogate pair). */
function chunk(text: string, unit: Unit, limit: number): string[] {
  const chunks: string[] = [];
  let current = '';
  let used = 0;
  for (const ch of text) {
    const cost = unitCost(unit, ch);
    if (used + cost > limit && current !== '') {
      chunks.push(current);
      current = '';
      used = 0;
    }
    current += ch;
    used += cost;
  }
  if (current !== '' || chunks.length === 0) chunks.push(current);
  return chunks;
}

function resolveUnit(text: string, encoding: PlanEncoding): Unit {
  if (encoding === 'gsm7' || encoding === 'ucs2' || encoding === 'latin1') return encoding;
  for (const ch of text) if (gsm7CharCost(ch) === 0) return 'ucs2';
  return 'gsm7';
}

function countUnits(text: string, unit: Unit): { units: number; characters: number } {
  let units = 0;
  let characters = 0;
  for (const ch of text) {
    units += unitCost(unit, ch);
    characters++;
  }
  return { units, characters };
}

function randomRef(max: number): number {
  return Math.floor(Math.random() * (max + 1));
}

const DATA_CODING: Record<Unit, number> = { gsm7: 0x00, ucs2: 0x08, latin1: 0x03 };

/** Plans the PDUs' message fields for a text. Throws RangeError only for an out-of-range `ref`. */
export function planMessage(text: string, opts: PlanOptions): MessagePlan {
  const unit = resolveUnit(text, opts.encoding ?? 'auto');
  const { units, characters } = countUnits(text, unit);
  const udhOctets = opts.method === 'udh16' ? 7 : 6;
  const single = unitsFor(unit, SINGLE[unit]);
  const multi = unitsFor(unit, perPart(unit, udhOctets));
  const fitsOne = units <= single;
  const perPartLimit = fitsOne ? single : multi;
  const chunks = fitsOne ? [text] : chunk(text, unit, multi);
  const partCount = chunks.length;
  const packed = unit === 'gsm7' && opts.packed === true;
  const encoding: MessagePlan['encoding'] = packed ? 'gsm7-packed' : unit;

  const problems: PlanProblem[] = [];
  const encodeChunk = (s: string, offset: number, fill: number): Uint8Array => {
    if (packed) {
      const { septets, unencodable } = textToSeptets(s);
      for (const u of unencodable) problems.push(unencodableProblem(u.char, offset + u.index, 'GSM 7-bit'));
      return packSeptets(septets, fill);
    }
    const { bytes, unencodable } = encodeTextLossy(s, unit as TextEncoding);
    for (const u of unencodable) problems.push(unencodableProblem(u.char, offset + u.index, encodingLabel(unit)));
    return bytes;
  };

  const maxRef = opts.method === 'udh' ? 0xff : 0xffff;
  const ref = opts.ref ?? randomRef(maxRef);
  if (!Number.isInteger(ref) || ref < 0 || ref > maxRef) throw new RangeError(`reference ${ref} is outside 0..${maxRef}`);
  if (partCount > 255 && opts.method !== 'payload') {
    problems.push({ index: 0, message: `the text needs ${partCount} parts but concatenation allows at most 255` });
  }

  const parts: PlannedPart[] = [];
  if (opts.method === 'payload') {
    parts.push({ shortMessage: new Uint8Array(0), esmClassUdhi: false, messagePayload: encodeChunk(text, 0, 0), text });
  } else if (partCount === 1) {
    parts.push({ shortMessage: encodeChunk(text, 0, 0), esmClassUdhi: false, text });
  } else {
    let offset = 0;
    const total = Math.min(partCount, 255);
    chunks.slice(0, total).forEach((s, i) => {
      const seq = i + 1;
      if (opts.method === 'sar') {
        parts.push({
          shortMessage: encodeChunk(s, offset, 0),
          esmClassUdhi: false,
          tlvs: { sar_msg_ref_num: ref, sar_total_segments: total, sar_segment_seqnum: seq },
          text: s,
        });
      } else {
        const udh = buildConcatUdh(ref, total, seq, opts.method === 'udh16');
        const body = encodeChunk(s, offset, packed ? fillBitsAfterUdh(udh.length) : 0);
        const sm = new Uint8Array(udh.length + body.length);
        sm.set(udh, 0);
        sm.set(body, udh.length);
        parts.push({ shortMessage: sm, esmClassUdhi: true, text: s });
      }
      offset += s.length;
    });
  }
  return { dataCoding: DATA_CODING[unit], encoding, parts, characters, units, partCount, perPartLimit, problems };
}

function unencodableProblem(ch: string, index: number, encoding: string): PlanProblem {
  const cp = (ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
  return { index, message: `${JSON.stringify(ch)} (U+${cp}) cannot be sent in ${encoding}; it is sent as '?'` };
}

export interface MessageCount {
  characters: number;
  units: number;
  parts: number;
  encoding: 'gsm7' | 'ucs2' | 'latin1';
  perPartLimit: number;
  /** Units left in the last part before another part is needed. */
  remaining: number;
  /** For a live counter: "23 chars · 1 part · GSM-7". */
  display: string;
}

/** A cheap count for live counters (auto encoding and an 8-bit concatenation UDH unless told otherwise). */
export function countMessage(text: string, opts: { encoding?: PlanEncoding; method?: PlanMethod } = {}): MessageCount {
  const unit = resolveUnit(text, opts.encoding ?? 'auto');
  const { units, characters } = countUnits(text, unit);
  const single = unitsFor(unit, SINGLE[unit]);
  const multi = unitsFor(unit, perPart(unit, opts.method === 'udh16' ? 7 : 6));
  let parts: number;
  let perPartLimit: number;
  let remaining: number;
  if (units <= single) {
    parts = 1;
    perPartLimit = single;
    remaining = single - units;
  } else {
    const chunks = chunk(text, unit, multi);
    parts = chunks.length;
    perPartLimit = multi;
    remaining = multi - countUnits(chunks[chunks.length - 1], unit).units;
  }
  const display = `${characters} char${characters === 1 ? '' : 's'} · ${parts} part${parts === 1 ? '' : 's'} · ${encodingLabel(unit)}`;
  return { characters, units, parts, encoding: unit, perPartLimit, remaining, display };
}
