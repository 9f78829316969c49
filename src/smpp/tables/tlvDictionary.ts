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

/**
 * Several files' dictionaries as one, for a PDU not tied to a connection (a paste, a hover): in
 * the order given, the first to declare a tag or a name wins it. `labels` are the files that gave
 * at least one entry.
 */
export function mergeTlvDictionaries(files: Iterable<readonly [label: string, dictionary: TlvDictionary]>): { dictionary: TlvDictionary | undefined; labels: string[] } {
  const entries: VendorTlvDefinition[] = [];
  const tags = new Set<number>();
  const names = new Set<string>();
  const labels: string[] = [];
  for (const [label, d] of files) {
    let any = false;
    for (const e of d.entries) {
      if (tags.has(e.tag) || names.has(e.name)) continue;
      tags.add(e.tag);
      names.add(e.name);
      entries.push(e);
      any = true;
    }
    if (any) labels.push(label);
  }
  return { dictionary: entries.length === 0 ? undefined : new TlvDictionary(entries), labels };
}

// ---------------------------------------------------------------------------------------------
// Reading a dictionary
// ---------------------------------------------------------------------------------------------

/** A problem in a dictionary: where (from the list: `[2, 'name']`) and what. */
export interface DictionaryProblem {
  path: readonly (string | number)[];
  /** Starts with the place, e.g. `tlvs[2].name ...`. */
  message: string;
  /**
   * `shape`: an entry not as the connection file's JSON schema describes it (which says what
   * is wrong); `meaning`: what only this check finds (a clash with the spec's TLVs, a tag or name
   * given twice, a value name for a number the type cannot hold).
   */
  kind: 'shape' | 'meaning';
}

export interface ParsedTlvDictionary {
  /** The well-formed entries; one with a problem is left out (a bad value name, only that name). */
  dictionary: TlvDictionary;
  problems: DictionaryProblem[];
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const HEX_TAG = /^0[xX][0-9A-Fa-f]{1,4}$/;
const VALUE_KEY = /^(?:0|[1-9][0-9]{0,9}|0[xX][0-9A-Fa-f]{1,8})$/;
const KEYS: ReadonlySet<string> = new Set(['tag', 'name', 'type', 'values', 'description']);
/** At most this many entries are read; more is surely a mistake. */
export const MAX_DICTIONARY_ENTRIES = 4096;

/** A tag as the file gives it: an integer, or "0x" and 1 to 4 hex digits. */
function tagOf(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isInteger(v) && v >= 0 && v <= 0xffff ? v : undefined;
  return typeof v === 'string' && HEX_TAG.test(v) ? parseInt(v.slice(2), 16) : undefined;
}

/** Whether an entry is as the schema describes it (its value names are checked one by one). */
function wellFormed(e: Record<string, unknown>): boolean {
  return (
    Object.keys(e).every((k) => KEYS.has(k)) &&
    tagOf(e.tag) !== undefined &&
    typeof e.name === 'string' &&
    NAME.test(e.name) &&
    (VENDOR_TLV_TYPES as readonly unknown[]).includes(e.type) &&
    (e.description === undefined || typeof e.description === 'string') &&
    (e.values === undefined || (typeof e.values === 'object' && e.values !== null && !Array.isArray(e.values)))
  );
}

/**
 * Reads a dictionary: the `tlvs` list of a connection file. Never throws. An entry that is not
 * as the schema describes it is left out with a `shape` problem (the schema's own check says what
 * is wrong); a clash with the spec's TLVs or a repeat leaves it out with a `meaning` problem.
 */
export function parseTlvDictionary(list: unknown, where = 'tlvs'): ParsedTlvDictionary {
  const problems: DictionaryProblem[] = [];
  const entries: VendorTlvDefinition[] = [];
  const tags = new Map<number, number>();
  const names = new Map<string, number>();
  const items: readonly unknown[] = Array.isArray(list) ? list : [];
  if (list !== undefined && !Array.isArray(list)) problems.push({ path: [], message: `${where} must be a list of vendor TLVs ({ "tag", "name", "type" })`, kind: 'shape' });
  const n = Math.min(items.length, MAX_DICTIONARY_ENTRIES);
  if (items.length > n) problems.push({ path: [n], message: `${where} holds ${items.length} TLVs; at most ${n} are read`, kind: 'meaning' });
  for (let i = 0; i < n; i++) {
    const at = `${where}[${i}]`;
    const e = items[i] as Record<string, unknown>;
    const meaning = (path: (string | number)[], message: string): void => {
      problems.push({ path: [i, ...path], message: `${at}.${message}`, kind: 'meaning' });
    };
    if (typeof e !== 'object' || e === null || Array.isArray(e) || !wellFormed(e)) {
      problems.push({ path: [i], message: `${at} is not a vendor TLV as the schema describes it ({ "tag", "name", "type": ${VENDOR_TLV_TYPES.join(' | ')} })`, kind: 'shape' });
      continue;
    }
    const tag = tagOf(e.tag)!;
    const name = e.name as string;
    const type = e.type as VendorTlvType;
    let ok = true;
    const spec = tlvByTag(tag) ?? tlvByName(name);
    const twice = tags.get(tag) ?? names.get(name);
    if (spec !== undefined) {
      const byTag = spec.tag === tag;
      meaning([byTag ? 'tag' : 'name'], byTag ? `tag ${hex4(tag)} is the spec's ${spec.name}; a vendor TLV needs a tag of its own (vendor tags are 0x1400..0x3FFF)` : `name ${JSON.stringify(name)} is the name of the spec's TLV ${hex4(spec.tag)}; give the vendor TLV a name of its own`);
      ok = false;
    } else if (twice !== undefined) {
      const byTag = tags.has(tag);
      meaning([byTag ? 'tag' : 'name'], `${byTag ? 'tag ' + hex4(tag) : 'name ' + JSON.stringify(name)} is given twice (first in ${where}[${twice}])`);
      ok = false;
    }
    if (!tags.has(tag)) tags.set(tag, i);
    if (!names.has(name)) names.set(name, i);
    if (!ok) continue;
    const d: VendorTlvDefinition = { tag, name, type };
    const size = INT_OCTETS[type];
    if (e.values !== undefined) {
      if (size === undefined) meaning(['values'], `values names integer values; a TLV of type ${JSON.stringify(type)} has none (use int1, int2 or int4)`);
      else {
        const values: Record<number, string> = {};
        for (const [k, v] of Object.entries(e.values as Record<string, unknown>)) {
          // A key or name not as the schema says is left out (the schema says why).
          if (!VALUE_KEY.test(k) || typeof v !== 'string' || v === '') continue;
          const x = /^0[xX]/.test(k) ? parseInt(k.slice(2), 16) : Number(k);
          if (x > 256 ** size - 1) meaning(['values', k], `values: ${k} does not fit ${type} (at most ${256 ** size - 1})`);
          else values[x] = v;
        }
        if (Object.keys(values).length > 0) d.values = values;
      }
    }
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
