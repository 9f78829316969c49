// What a request file's `name: value` line may name, and its value in the codec's JSON form
// (integers as numbers, C-octet strings as strings, octets as hex): body fields of the block's
// PDU, TLVs (the spec's, a vendor dictionary's, or any tag as `0x1400`), and the settings.

import { fromHex, toHex } from '../bytes';
import type { TlvDictionary } from '../codec';
import { COMMANDS, type CommandName, type FieldSpec } from '../tables/commands';
import { tlvByName, tlvByTag, type TlvSpec } from '../tables/tlvs';
import { encodeText, encodingForDataCoding } from '../text/index';
import { codedValues, readCodedValue, tlvCodedValues, type CodedValueSet } from './codedValues';

export const SETTINGS = ['connection', 'pdu', 'repeat'] as const;
export type SettingName = (typeof SETTINGS)[number];

/** At most this many sends a block (`repeat: N`). */
export const MAX_REPEAT = 100_000;

/** What a line's name stands for in a block. */
export type Target =
  | { kind: 'field'; spec: FieldSpec }
  | { kind: 'tlv'; spec: TlvSpec }
  /** A tag written `0x1500` that neither the spec nor the dictionary knows: raw octets. */
  | { kind: 'tag'; tag: number };

/** TLVs the spec lets a PDU carry more than once. */
export const REPEATABLE_TLVS: ReadonlySet<string> = new Set(['broadcast_area_identifier']);

/** The body fields a block may give for a command: all but the lengths encode derives. */
export function writableFields(command: CommandName): readonly FieldSpec[] {
  return (COMMANDS[command].body as readonly FieldSpec[]).filter((f) => !('lengthOf' in f && f.lengthOf !== undefined));
}

/** A body field of the command (derived lengths included, so the caller can say they are derived). */
export function bodyField(command: CommandName, name: string): FieldSpec | undefined {
  return (COMMANDS[command].body as readonly FieldSpec[]).find((f) => f.name === name);
}

/** The spec's or the dictionary's TLV of a name or a `0x1234` tag. */
export function findTlv(name: string, dictionary: TlvDictionary | undefined): Target | undefined {
  if (/^0[xX][0-9A-Fa-f]{1,4}$/.test(name)) {
    const tag = parseInt(name.slice(2), 16);
    const spec = tlvByTag(tag) ?? dictionary?.byTag(tag);
    return spec === undefined ? { kind: 'tag', tag } : { kind: 'tlv', spec };
  }
  const spec = tlvByName(name) ?? dictionary?.byName(name);
  return spec === undefined ? undefined : { kind: 'tlv', spec };
}

/** The TLV types whose value is one integer. */
const INT_TLV = new Set(['int1', 'int2', 'int4', 'uint', 'flag_or_int1']);

/** A value as written: the text of a JSON string unquoted, and whether it was quoted. */
export function unquote(raw: string): { text: string; quoted: boolean } | { error: string } {
  if (!raw.startsWith('"')) return { text: raw, quoted: false };
  try {
    const v: unknown = JSON.parse(raw);
    if (typeof v === 'string') return { text: v, quoted: true };
  } catch {
    // Said below.
  }
  return { error: 'a value that starts with a double quote is a JSON string: it must end with an unescaped quote, and nothing after it' };
}

function someWords(set: CodedValueSet): string {
  const words = set.values.map((v) => v.word);
  return words.length > 8 ? words.slice(0, 8).join(', ') + ', …' : words.join(', ');
}

/** An integer written in decimal or `0x` hex, or a coded value's word. */
function readInt(name: string, text: string, set: CodedValueSet | undefined): number | string {
  const t = text.trim();
  if (/^[0-9]{1,16}$/.test(t)) return Number(t);
  if (/^0[xX][0-9A-Fa-f]{1,12}$/.test(t)) return parseInt(t.slice(2), 16);
  if (set !== undefined) {
    const v = readCodedValue(set, t);
    if (v !== undefined) return v;
    return `${name} takes an integer or a name (${someWords(set)}${set.flags ? '; join several with |' : ''}), not ${JSON.stringify(t)}`;
  }
  return `${name} takes an integer (decimal or 0x hex), not ${JSON.stringify(t)}`;
}

/** Octets written `0x…` (or bare hex pairs where `bare`), as hex; undefined when it is not hex. */
function readHex(text: string, bare: boolean): string | undefined {
  const t = text.trim();
  const m = /^0[xX]([0-9A-Fa-f\s:]*)$/.exec(t);
  const digits = m ? m[1]! : bare ? t : undefined;
  if (digits === undefined) return undefined;
  const bytes = fromHex(digits.replace(/[\s:]/g, ''));
  return bytes === undefined ? undefined : toHex(bytes);
}

/** Where text goes as octets (short_message, message_payload): the alphabet data_coding implies. */
export interface TextOptions {
  dataCoding: number;
  dcs0?: 'gsm7' | 'latin1' | 'ascii';
}

function textOctets(name: string, text: string, opts: TextOptions): string {
  const encoding = encodingForDataCoding(opts.dataCoding, opts.dcs0 ?? 'gsm7');
  if (encoding === 'binary') throw new RangeError(`${name}: data_coding ${opts.dataCoding} is binary; write the octets as 0x…`);
  try {
    return toHex(encodeText(text, encoding));
  } catch (e) {
    throw new RangeError(`${name}: ${(e as Error).message}; choose another data_coding (ucs2 holds any text) or write the octets as 0x…`);
  }
}

/** submit_multi's dest_address: a JSON array as the codec's JSON form has it, or `+4477…, dl:NAME, …`. */
function readDestList(text: string): unknown[] | string {
  const t = text.trim();
  if (t.startsWith('[')) {
    try {
      const v: unknown = JSON.parse(t);
      if (Array.isArray(v)) return v as unknown[];
    } catch {
      // Said below.
    }
    return 'dest_address as JSON must be an array, e.g. [{"dest_flag":1,"dest_addr_ton":1,"dest_addr_npi":1,"destination_addr":"447700900001"}]';
  }
  if (t === '') return [];
  return t.split(',').map((item) => {
    const s = item.trim();
    if (s.toLowerCase().startsWith('dl:')) return { dest_flag: 2, dl_name: s.slice(3).trim() };
    return { dest_flag: 1, dest_addr_ton: 1, dest_addr_npi: 1, destination_addr: s };
  });
}

/**
 * The JSON-form value of a body field or a TLV from its text (generators already filled in),
 * or a message saying what is wrong. `raw` marks octets the codec takes exactly as given (a
 * structured TLV written as hex, an unknown tag).
 */
export function jsonValue(target: Target, name: string, text: string, quoted: boolean, textOptions: TextOptions): { value: unknown; raw?: true } | { error: string } {
  try {
    if (target.kind === 'tag') {
      const hex = readHex(text, true);
      return hex === undefined ? { error: `${name}: a tag the dictionary does not name takes octets as hex, not ${JSON.stringify(text)}` } : { value: hex, raw: true };
    }
    if (target.kind === 'field') {
      const f = target.spec;
      switch (f.type) {
        case 'int1':
        case 'int2':
        case 'int4': {
          const v = readInt(name, text, f.values === undefined ? undefined : codedValues(f.values));
          return typeof v === 'string' ? { error: v } : { value: v };
        }
        case 'cstring':
          return { value: text };
        case 'octets': {
          const hex = quoted ? undefined : readHex(text, false);
          return { value: hex ?? textOctets(name, text, textOptions) };
        }
        case 'dest_list':
        case 'unsuccess_list': {
          const v = readDestList(text);
          return typeof v === 'string' ? { error: v } : { value: v };
        }
      }
    }
    const spec = target.spec;
    if (INT_TLV.has(spec.type)) {
      if (spec.type === 'flag_or_int1' && text.trim() === '') return { value: null };
      const v = readInt(name, text, tlvCodedValues(spec));
      return typeof v === 'string' ? { error: v } : { value: v };
    }
    if (spec.type === 'cstring' || spec.type === 'text') return { value: text };
    if (spec.type === 'octets') {
      if (spec.message) {
        const hex = quoted ? undefined : readHex(text, false);
        return { value: hex ?? textOctets(name, text, textOptions) };
      }
      const hex = readHex(text, true);
      return hex === undefined ? { error: `${name} takes octets as hex (e.g. 0x0a1b), not ${JSON.stringify(text)}` } : { value: hex };
    }
    // A structured TLV: its members as a JSON object, or its octets as hex.
    const t = text.trim();
    if (t.startsWith('{')) {
      try {
        const v: unknown = JSON.parse(t);
        if (v !== null && typeof v === 'object' && !Array.isArray(v)) return { value: v };
      } catch {
        // Said below.
      }
      return { error: `${name}: the JSON object cannot be read` };
    }
    const hex = readHex(text, true);
    if (hex !== undefined) return { value: hex, raw: true };
    return { error: `${name} takes its members as a JSON object (as decode --json shows them) or its octets as hex, not ${JSON.stringify(t)}` };
  } catch (e) {
    return { error: (e as Error).message };
  }
}
