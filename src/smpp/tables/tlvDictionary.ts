// A vendor TLV dictionary: TLVs that an SMSC defines beyond the spec (operator ids, billing codes,
// ...), declared in a connection file's `tlvs` list, each with its tag, name and value type (and
// names for integer values). The codec takes it as an option (`decode(bytes, { tlvs })`,
// `encode(pdu, { tlvs })`) and then reads and writes those TLVs by name and typed value. The
// dictionary's entries are plain JSON, so a host can hand them to a page, which rebuilds the
// dictionary with `parseTlvDictionary(entries)`. Also here: `name=value, ...` as a person types
// TLVs to send. Browser-safe: no Buffer, no node: imports.

import { fromHex } from '../bytes';
import { tlvByName, tlvByTag, type TlvSpec, type TlvType } from './tlvs';

/** A vendor TLV's value type: an integer of 1, 2 or 4 octets, a C-octet string, an octet string read as text, or octets shown as hex. */
export type VendorTlvType = 'int1' | 'int2' | 'int4' | 'cstring' | 'string' | 'hex';

export const VENDOR_TLV_TYPES: readonly VendorTlvType[] = ['int1', 'int2', 'int4', 'cstring', 'string', 'hex'];

/** One vendor TLV as a dictionary declares it (plain JSON). */
export interface VendorTlvDefinition {
  tag: number;
  name: string;
  type: VendorTlvType;
  /** Names of integer values: `{ 1: 'vodafone' }`. */
  values?: Readonly<Record<number, string>>;
  /** Words for people: the field tree's label. */
  description?: string;
}

/** The codec's value type for each vendor type. */
const CODEC_TYPE: Readonly<Record<VendorTlvType, TlvType>> = { int1: 'int1', int2: 'int2', int4: 'int4', cstring: 'cstring', string: 'text', hex: 'octets' };
const INT_OCTETS: Readonly<Partial<Record<VendorTlvType, number>>> = { int1: 1, int2: 2, int4: 4 };

const hex4 = (tag: number): string => '0x' + tag.toString(16).toUpperCase().padStart(4, '0');

/** The TLV spec the codec reads and writes a vendor TLV by. */
function vendorSpec(d: VendorTlvDefinition): TlvSpec {
  const size = INT_OCTETS[d.type];
  return {
    tag: d.tag,
    name: d.name,
    type: CODEC_TYPE[d.type],
    ...(size === undefined ? {} : { size }),
    ...(d.values === undefined ? {} : { names: d.values }),
    label: (d.description ?? d.name) + ' (vendor TLV ' + hex4(d.tag) + ')',
    dictionary: true,
  };
}

/** Vendor TLVs by tag and by name. Build it with parseTlvDictionary, which checks what it is given. */
export class TlvDictionary {
  private readonly tags = new Map<number, TlvSpec>();
  private readonly names = new Map<string, TlvSpec>();

  /** `entries` must be checked already (parseTlvDictionary does): no clash with the spec, no repeat. */
  constructor(readonly entries: readonly VendorTlvDefinition[]) {
    for (const e of entries) {
      const spec = vendorSpec(e);
      this.tags.set(e.tag, spec);
      this.names.set(e.name, spec);
    }
  }

  get size(): number {
    return this.entries.length;
  }

  byTag(tag: number): TlvSpec | undefined {
    return this.tags.get(tag);
  }

  byName(name: string): TlvSpec | undefined {
    return this.names.get(name);
  }
}

// ---------------------------------------------------------------------------------------------
// Reading a dictionary
// ---------------------------------------------------------------------------------------------

/** A problem in a dictionary: where (from the list: `[2, 'name']`) and what. */
export interface DictionaryProblem {
  path: readonly (string | number)[];
  /** Starts with the place, e.g. `tlvs[2].name: ...`. */
  message: string;
  /**
   * `shape`: what the connection file's JSON schema reports too (a missing key, a wrong type);
   * `meaning`: what only this check finds (a clash with the spec's TLVs, a tag or name given
   * twice, a value name for a number the type cannot hold).
   */
  kind: 'shape' | 'meaning';
}

export interface ParsedTlvDictionary {
  /** The well-formed entries; one with a problem is left out. */
  dictionary: TlvDictionary;
  problems: DictionaryProblem[];
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const HEX_TAG = /^0[xX][0-9A-Fa-f]{1,4}$/;
const VALUE_KEY = /^(?:0|[1-9][0-9]{0,9}|0[xX][0-9A-Fa-f]{1,8})$/;
const KEYS: ReadonlySet<string> = new Set(['tag', 'name', 'type', 'values', 'description']);
/** At most this many entries are read; more is surely a mistake. */
export const MAX_DICTIONARY_ENTRIES = 4096;

/** A tag as the file gives it: an integer, or "0x" and 1 to 4 hex digits. */
export function tagOf(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isInteger(v) && v >= 0 && v <= 0xffff ? v : undefined;
  if (typeof v === 'string' && HEX_TAG.test(v)) return parseInt(v.slice(2), 16);
  return undefined;
}

function intMax(type: VendorTlvType): number {
  const n = INT_OCTETS[type];
  return n === undefined ? 0 : 256 ** n - 1;
}

/**
 * Reads a dictionary: the `tlvs` list of a connection file (or any value; it must be an array).
 * Never throws. An entry with a problem is left out, the others are kept.
 */
export function parseTlvDictionary(list: unknown, where = 'tlvs'): ParsedTlvDictionary {
  const problems: DictionaryProblem[] = [];
  const entries: VendorTlvDefinition[] = [];
  if (list === undefined) return { dictionary: new TlvDictionary(entries), problems };
  if (!Array.isArray(list)) {
    problems.push({ path: [], message: `${where} must be a list of vendor TLVs ({ "tag", "name", "type" })`, kind: 'shape' });
    return { dictionary: new TlvDictionary(entries), problems };
  }
  const tags = new Map<number, number>();
  const names = new Map<string, number>();
  const n = Math.min(list.length, MAX_DICTIONARY_ENTRIES);
  if (list.length > n) problems.push({ path: [n], message: `${where} holds ${list.length} TLVs; at most ${MAX_DICTIONARY_ENTRIES} are read`, kind: 'meaning' });
  for (let i = 0; i < n; i++) {
    const at = `${where}[${i}]`;
    const raw = list[i] as unknown;
    // A problem with the tag, name or type leaves the entry out; one with a value name, that name.
    let fatal = false;
    const problem = (path: (string | number)[], message: string, kind: DictionaryProblem['kind'] = 'shape'): void => {
      problems.push({ path: [i, ...path], message, kind });
      if (path[0] !== 'values' && path[0] !== 'description') fatal = true;
    };
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
      problem([], `${at} must be an object with "tag", "name" and "type"`);
      continue;
    }
    const e = raw as Record<string, unknown>;
    for (const k of Object.keys(e)) if (!KEYS.has(k)) problem([k], `${at}: unknown property ${JSON.stringify(k)}`);
    const tag = tagOf(e.tag);
    if (e.tag === undefined) problem([], `${at} is missing "tag"`);
    else if (tag === undefined) problem(['tag'], `${at}.tag must be 0..65535, as a number or a string "0x0000".."0xFFFF", not ${JSON.stringify(e.tag)}`);
    const name = e.name;
    if (name === undefined) problem([], `${at} is missing "name"`);
    else if (typeof name !== 'string' || !NAME.test(name) || name.length > 64) {
      problem(['name'], `${at}.name must be letters, digits and _ (not starting with a digit), at most 64, not ${JSON.stringify(name)}`);
    }
    const type = e.type;
    if (type === undefined) problem([], `${at} is missing "type"`);
    else if (typeof type !== 'string' || !(VENDOR_TLV_TYPES as readonly string[]).includes(type)) {
      problem(['type'], `${at}.type must be one of ${VENDOR_TLV_TYPES.map((t) => JSON.stringify(t)).join(', ')}, not ${JSON.stringify(type)}`);
    }
    if (e.description !== undefined && typeof e.description !== 'string') problem(['description'], `${at}.description must be a string`);
    let values: Record<number, string> | undefined;
    if (e.values !== undefined) {
      if (e.values === null || typeof e.values !== 'object' || Array.isArray(e.values)) problem(['values'], `${at}.values must be an object of value names, e.g. { "1": "vodafone" }`);
      else {
        values = {};
        const isInt = typeof type === 'string' && INT_OCTETS[type as VendorTlvType] !== undefined;
        if (!isInt && typeof type === 'string' && (VENDOR_TLV_TYPES as readonly string[]).includes(type)) {
          problem(['values'], `${at}.values names integer values; a TLV of type ${JSON.stringify(type)} has none (use int1, int2 or int4)`, 'meaning');
        }
        for (const [k, v] of Object.entries(e.values as Record<string, unknown>)) {
          if (typeof v !== 'string' || v === '') {
            problem(['values', k], `${at}.values[${JSON.stringify(k)}] must be a name (a non-empty string)`);
            continue;
          }
          if (!VALUE_KEY.test(k)) {
            problem(['values', k], `${at}.values: the key ${JSON.stringify(k)} is not an integer (write it as "1" or "0x01")`);
            continue;
          }
          const x = /^0[xX]/.test(k) ? parseInt(k.slice(2), 16) : Number(k);
          if (isInt && x > intMax(type as VendorTlvType)) {
            problem(['values', k], `${at}.values: ${k} does not fit ${type} (at most ${intMax(type as VendorTlvType)})`, 'meaning');
            continue;
          }
          values[x] = v;
        }
      }
    }
    // The spec's TLVs and the entries before: a tag or name may be given once.
    if (tag !== undefined) {
      const spec = tlvByTag(tag);
      const first = tags.get(tag);
      if (spec !== undefined) problem(['tag'], `${at}.tag ${hex4(tag)} is the spec's ${spec.name}; a vendor TLV needs a tag of its own (vendor tags are 0x1400..0x3FFF)`, 'meaning');
      else if (first !== undefined) problem(['tag'], `${at}.tag ${hex4(tag)} is given twice (first in ${where}[${first}])`, 'meaning');
      else tags.set(tag, i);
    }
    if (typeof name === 'string' && NAME.test(name)) {
      const spec = tlvByName(name);
      const first = names.get(name);
      if (spec !== undefined) problem(['name'], `${at}.name ${JSON.stringify(name)} is the name of the spec's TLV ${hex4(spec.tag)}; give the vendor TLV a name of its own`, 'meaning');
      else if (first !== undefined) problem(['name'], `${at}.name ${JSON.stringify(name)} is given twice (first in ${where}[${first}])`, 'meaning');
      else names.set(name, i);
    }
    if (fatal) continue;
    const d: VendorTlvDefinition = { tag: tag!, name: name as string, type: type as VendorTlvType };
    if (values !== undefined && Object.keys(values).length > 0 && INT_OCTETS[d.type] !== undefined) d.values = values;
    if (typeof e.description === 'string' && e.description !== '') d.description = e.description;
    entries.push(d);
  }
  return { dictionary: new TlvDictionary(entries), problems };
}

// ---------------------------------------------------------------------------------------------
// TLVs as a person types them: `name=value, ...`
// ---------------------------------------------------------------------------------------------

/** A TLV to send, as the codec's encode takes it (a TlvInput): a typed value, or raw octets. */
export interface TlvAssignment {
  tag: number;
  name: string;
  value?: number | string | Uint8Array | null;
  raw?: Uint8Array;
}

export interface ParsedTlvAssignments {
  tlvs: TlvAssignment[];
  /** One message per assignment that cannot be sent, naming it. */
  problems: string[];
}

/** The spec's or the dictionary's TLV of a name, or of a tag written `0x1234`. */
function lookup(key: string, dictionary: TlvDictionary | undefined): { spec?: TlvSpec; tag?: number } {
  const tag = HEX_TAG.test(key) ? parseInt(key.slice(2), 16) : undefined;
  if (tag !== undefined) return { spec: tlvByTag(tag) ?? dictionary?.byTag(tag), tag };
  const spec = tlvByName(key) ?? dictionary?.byName(key);
  return spec === undefined ? {} : { spec, tag: spec.tag };
}

const INT_SIZE: Readonly<Partial<Record<TlvType, number>>> = { int1: 1, int2: 2, int4: 4, uint: 5, flag_or_int1: 1 };

/** The most octets a TLV's value may have. */
function maxOctets(spec: TlvSpec): number {
  return spec.size === undefined ? 0xffff : typeof spec.size === 'number' ? spec.size : spec.size[1];
}

/** A value for a message: quoted, cut after 40 characters. */
function shown(text: string): string {
  return text.length <= 40 ? JSON.stringify(text) : JSON.stringify(text.slice(0, 40)).slice(0, -1) + '…" (' + text.length + ' characters)';
}

function hexOctets(s: string): Uint8Array | undefined {
  const digits = s.replace(/^0[xX]/, '').replace(/[\s:]/g, '');
  return fromHex(digits);
}

/** The typed value of `text` for a TLV, or why it cannot be one. */
function valueFor(spec: TlvSpec, text: string): { value?: TlvAssignment['value']; raw?: Uint8Array } | string {
  const size = INT_SIZE[spec.type];
  if (size !== undefined) {
    if (spec.type === 'flag_or_int1' && text === '') return { value: null };
    const max = 256 ** size - 1;
    const names = spec.names;
    let v: number | undefined;
    if (/^[0-9]{1,16}$/.test(text)) v = Number(text);
    else if (/^0[xX][0-9A-Fa-f]{1,12}$/.test(text)) v = parseInt(text.slice(2), 16);
    else if (names !== undefined) {
      for (const [k, word] of Object.entries(names)) if (word.toLowerCase() === text.toLowerCase()) v = Number(k);
    }
    const named = names === undefined ? '' : ` or one of its value names (${Object.values(names).join(', ')})`;
    if (v === undefined) return `${spec.name} takes an integer 0..${max}${named}, not ${shown(text)}`;
    if (v > max) return `${spec.name} takes an integer 0..${max} (${size === 1 ? '1 octet' : size + ' octets'}), not ${v}`;
    return { value: v };
  }
  if (spec.type === 'cstring' || spec.type === 'text') {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 0 || c > 0xff) return `${spec.name}: the character at position ${i + 1} cannot be sent (ISO-8859-1 without NUL)`;
    }
    const n = text.length + (spec.type === 'cstring' ? 1 : 0);
    if (n > maxOctets(spec)) return `${spec.name} holds at most ${maxOctets(spec)} octets${spec.type === 'cstring' ? ' with its NUL' : ''}; this value takes ${n}`;
    return { value: text };
  }
  const bytes = hexOctets(text);
  if (bytes === undefined) return `${spec.name} takes octets as hex digits in pairs (e.g. 0a1b2c), not ${shown(text)}`;
  if (bytes.length > maxOctets(spec)) return `${spec.name} holds at most ${maxOctets(spec)} octets; ${bytes.length} given`;
  // Structured spec values are sent as the octets given.
  return spec.type === 'octets' ? { value: bytes } : { raw: bytes };
}

/**
 * Reads `name=value, name=value` (spec TLVs by their spec name, vendor TLVs by the dictionary's
 * name, any tag as `0x1234=hex`). Integers are decimal, `0x` hex or a value name; strings are
 * as written (in double quotes, JSON style, to hold a comma); octets and structured values are hex.
 */
export function parseTlvAssignments(text: string, dictionary?: TlvDictionary): ParsedTlvAssignments {
  const tlvs: TlvAssignment[] = [];
  const problems: string[] = [];
  let i = 0;
  const n = text.length;
  const skipSpace = (): void => {
    while (i < n && /\s/.test(text[i]!)) i++;
  };
  while (i < n) {
    skipSpace();
    if (i >= n) break;
    const eq = text.indexOf('=', i);
    const comma = text.indexOf(',', i);
    if (eq < 0 || (comma >= 0 && comma < eq)) {
      const part = text.slice(i, comma < 0 ? n : comma).trim();
      if (part !== '') problems.push(`${shown(part)}: write a TLV as name=value`);
      i = comma < 0 ? n : comma + 1;
      continue;
    }
    const key = text.slice(i, eq).trim();
    i = eq + 1;
    skipSpace();
    let value: string;
    if (text[i] === '"') {
      // A JSON string: up to its closing quote.
      let j = i + 1;
      while (j < n && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      try {
        value = JSON.parse(text.slice(i, j + 1)) as string;
      } catch {
        problems.push(`${key}: the quoted value never ends or has a bad escape`);
        break;
      }
      i = j + 1;
      skipSpace();
      if (i < n && text[i] !== ',') {
        problems.push(`${key}: a comma was expected after the quoted value`);
        const next = text.indexOf(',', i);
        i = next < 0 ? n : next;
      }
      i++;
    } else {
      const end = text.indexOf(',', i);
      value = text.slice(i, end < 0 ? n : end).trim();
      i = end < 0 ? n : end + 1;
    }
    if (key === '') {
      problems.push(`=${value.length > 40 ? value.slice(0, 40) + '…' : value}: the TLV's name is missing`);
      continue;
    }
    const { spec, tag } = lookup(key, dictionary);
    if (tag === undefined) {
      problems.push(`${key}: no TLV has this name (neither the spec's nor the connection file's "tlvs"); give a tag as 0x1234=hex`);
      continue;
    }
    if (spec === undefined) {
      const raw = hexOctets(value);
      if (raw === undefined) problems.push(`${key}: an unknown tag takes its value as hex digits in pairs, not ${shown(value)}`);
      else tlvs.push({ tag, name: key, raw });
      continue;
    }
    const v = valueFor(spec, value);
    if (typeof v === 'string') problems.push(v);
    else tlvs.push({ tag, name: spec.name, ...v });
  }
  return { tlvs, problems };
}
