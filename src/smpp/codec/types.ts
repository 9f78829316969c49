// One descriptor per field type: how to read it, how to check and write it (in one pass: a value's
// size is where its writing ends), and how to describe it in the field tree. Decode, encode and
// the tree each walk the command and TLV tables and call these; nothing about a type is written
// anywhere else. Structured TLV values are tables of members (STRUCTS), not cases.
//
// Encode refuses here, naming the field, whatever the spec forbids and the decoder would flag: a
// NUL inside a C-octet string, a value over its spec length, a reserved value. A secret field's
// message names the position of a bad character, never the character.

import { readU32, writeU32 } from '../bytes';
import type { Problem } from '../fields';
import type {
  CStringFieldSpec,
  DestAddress,
  FieldSpec,
  IntFieldSpec,
  ListFieldSpec,
  OctetsFieldSpec,
  UnsuccessSme,
} from '../tables/commands';
import { fieldLabel } from '../tables/commands';
import { EncodeError, latin1, type AnyTlvValue, type TlvSpec, type TlvType } from '../tables/tlvs';
import {
  BROADCAST_AREA_FORMAT_NAMES,
  BROADCAST_FREQUENCY_UNIT_NAMES,
  CALLBACK_DIGIT_MODE_NAMES,
  NETWORK_ERROR_TYPE_NAMES,
  NETWORK_TYPE_NAMES,
  NPI_NAMES,
  STATUS,
  TON_NAMES,
  esmClassParts,
  hex,
  registeredDeliveryParts,
} from '../tables/values';
import { decodeText } from '../text/index';
import { describeSmppTime } from '../time';
import { bitFields, hexBytes, intDisplay, named, node, quote, statusDisplay, type TreeNode } from './describe';

// ---------------------------------------------------------------------------------------------
// What the descriptors work on
// ---------------------------------------------------------------------------------------------

/** The decoder's position in a PDU's mandatory body. */
export interface Reader {
  readonly b: Uint8Array;
  /** Where the PDU ends (command_length, or the octets present if fewer). */
  readonly end: number;
  o: number;
  /** Set, after a problem says why, when the body cannot be read past this field. */
  fault: boolean;
  readonly problems: Problem[];
  readonly body: Record<string, unknown>;
}

/** What a descriptor's `describe` may ask of the tree being built. */
export interface TreeContext {
  readonly b: Uint8Array;
  readonly dcs0: 'gsm7' | 'latin1' | 'ascii' | undefined;
  /** Message content (short_message, message_payload) to decode once the whole PDU is read. */
  content(node: TreeNode, bytes: Uint8Array, offset: number, field: string): void;
}

/** A mandatory field type. */
export interface FieldType<F extends FieldSpec = FieldSpec> {
  /** Reads f at r.o and advances r.o, or reports why it cannot and sets r.fault. */
  read(r: Reader, f: F): unknown;
  /** Checks and writes the value at w.o; throws EncodeError, naming the field, where the spec forbids it. */
  put(w: Writer, v: unknown, f: F, body: Record<string, unknown>): void;
  /** What the field holds, in the spec's words: `C-string of up to 21 octets`. */
  expect(f: F): string;
  /** The node's display; adds children where the value has parts. */
  describe(n: TreeNode, v: unknown, f: F, t: TreeContext): string;
}

/** A TLV value type. Values are read by the TLV's own length, never by the size the table expects. */
export interface TlvValueType {
  /** The value in octets [o, o+len); undefined where they are too few to read as this type. */
  read(b: Uint8Array, o: number, len: number, spec: TlvSpec): AnyTlvValue | undefined;
  /** A format fault of a value of allowed size (a C-string's NUL), if any. */
  check?(b: Uint8Array, o: number, len: number, spec: TlvSpec): Omit<Problem, 'offset' | 'length' | 'field'> | undefined;
  /** Checks and writes the value at w.o; `hint` (a decoded TLV's length) keeps odd sizes exact. Throws EncodeError. */
  put(w: Writer, v: unknown, spec: TlvSpec, hint: number | undefined): void;
  /** The value's display; adds children to `n` (the value node, at offset o) where it has parts. */
  describe(n: TreeNode, v: unknown, spec: TlvSpec, t: TreeContext): string;
}

// ---------------------------------------------------------------------------------------------
// Shared pieces
// ---------------------------------------------------------------------------------------------

export function octets(n: number): string {
  return n === 1 ? '1 octet' : n + ' octets';
}

function truncated(field: string, o: number, end: number, size: number): Problem {
  return {
    offset: o,
    length: end - o,
    field,
    expected: octets(size),
    found: octets(end - o) + ' before the end of the PDU',
    message: 'the body ends inside ' + field,
    status: STATUS.ESME_RINVMSGLEN,
  };
}

/** The position of the NUL ending a C-string at o, or -1 when none comes before `end`. */
function findNul(b: Uint8Array, o: number, end: number): number {
  for (let i = o; i < end; i++) if (b[i] === 0) return i;
  return -1;
}

/** Why character i of a string cannot be one octet of field `field`; a secret's character is not shown. */
function notOneOctet(field: string, s: string, i: number, secret = false): EncodeError {
  if (secret) return new EncodeError(field, 'the character at position ' + (i + 1) + ' is not a single octet (ISO-8859-1)');
  return new EncodeError(field, 'character U+' + s.charCodeAt(i).toString(16).toUpperCase() + ' at position ' + (i + 1) + ' is not a single octet');
}

/** Where encode writes: a buffer that grows as needed, and the position in it. */
export interface Writer {
  b: Uint8Array;
  o: number;
}

/** Makes room for n more octets at w.o. */
export function room(w: Writer, n: number): void {
  const need = w.o + n;
  if (need <= w.b.length) return;
  let size = w.b.length * 2;
  while (size < need) size *= 2;
  const b = new Uint8Array(size);
  b.set(w.b.subarray(0, w.o));
  w.b = b;
}

/** Checks and writes a string one octet a character (ISO-8859-1), in one pass. */
function putLatin1(w: Writer, field: string, s: string): void {
  const n = s.length;
  room(w, n);
  const b = w.b;
  let o = w.o;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c > 0xff) throw notOneOctet(field, s, i);
    b[o++] = c;
  }
  w.o = o;
}

/**
 * Checks and writes a C-octet string with its NUL, in one pass: a string, one octet a character,
 * no NUL inside (it would end the string and shift every later field), and at most `max` octets.
 */
export function putCString(w: Writer, field: string, v: unknown, max: number, secret = false): void {
  if (v === undefined) {
    room(w, 1);
    w.b[w.o++] = 0;
    return;
  }
  if (typeof v !== 'string') throw new EncodeError(field, 'expected a string, got ' + typeof v);
  const n = v.length;
  room(w, n + 1);
  const b = w.b;
  let o = w.o;
  for (let i = 0; i < n; i++) {
    const c = v.charCodeAt(i);
    if (c > 0xff || c === 0) {
      if (c !== 0) throw notOneOctet(field, v, i, secret);
      throw new EncodeError(field, 'holds a NUL at position ' + (i + 1) + '; a C-octet string ends at its first NUL');
    }
    b[o++] = c;
  }
  b[o++] = 0;
  if (n + 1 > max) throw new EncodeError(field, 'is ' + octets(n + 1) + ' with its NUL; the spec allows at most ' + max);
  w.o = o;
}

function intOf(field: string, v: unknown, max: number): number {
  if (typeof v !== 'number' || !(v >= 0 && v <= max) || Math.floor(v) !== v) {
    throw new EncodeError(field, 'expected an integer 0..' + max + ', got ' + String(v));
  }
  return v;
}

/** Octets of a value given as bytes or as a latin1 string (checked). */
function bytesLength(field: string, v: unknown): number {
  if (v instanceof Uint8Array) return v.length;
  if (typeof v === 'string') {
    for (let i = 0; i < v.length; i++) if (v.charCodeAt(i) > 0xff) throw notOneOctet(field, v, i);
    return v.length;
  }
  throw new EncodeError(field, 'expected bytes (Uint8Array) or a latin1 string');
}

/** Checks and writes octets given as bytes or as a latin1 string. */
function putBytes(w: Writer, field: string, v: unknown): void {
  if (typeof v === 'string') return putLatin1(w, field, v);
  if (!(v instanceof Uint8Array)) throw new EncodeError(field, 'expected bytes (Uint8Array) or a latin1 string');
  const n = v.length;
  room(w, n);
  const b = w.b;
  const o = w.o;
  if (n > 32) b.set(v, o);
  else for (let i = 0; i < n; i++) b[o + i] = v[i]!;
  w.o = o + n;
}

function uintBE(b: Uint8Array, o: number, n: number): number {
  let v = 0;
  for (let i = 0; i < n; i++) v = v * 256 + b[o + i]!;
  return v;
}

/** Writes v as an n-octet big-endian integer at w.o. */
function putUintBE(w: Writer, n: number, v: number): void {
  room(w, n);
  const b = w.b;
  const o = w.o;
  let x = v;
  for (let i = n - 1; i >= 0; i--) {
    b[o + i] = x % 256;
    x = Math.floor(x / 256);
  }
  w.o = o + n;
}

function list(field: string, v: unknown): readonly Record<string, unknown>[] {
  if (v === undefined) return [];
  if (!Array.isArray(v)) throw new EncodeError(field, 'expected an array');
  return v as Record<string, unknown>[];
}

// ---------------------------------------------------------------------------------------------
// Mandatory field types
// ---------------------------------------------------------------------------------------------

/** Reads the C-string at r.o up to `max` octets (NUL included); a longer one is read and reported. */
function readCString(r: Reader, field: string, max: number, status: number | undefined): string {
  const { b, o, end } = r;
  const z = findNul(b, o, end);
  if (z < 0) {
    r.fault = true;
    r.problems.push({
      offset: o,
      length: end - o,
      field,
      expected: 'a NUL-terminated string of up to ' + octets(max),
      found: 'no NUL before the end of the PDU',
      message: field + ' is not NUL-terminated before the end of the PDU',
      status: STATUS.ESME_RINVMSGLEN,
    });
    return latin1(b, o, end);
  }
  r.o = z + 1;
  if (z + 1 - o > max) {
    const p: Problem = {
      offset: o,
      length: z + 1 - o,
      field,
      expected: 'at most ' + octets(max) + ' including the NUL',
      found: octets(z + 1 - o),
      message: field + ' is ' + octets(z + 1 - o) + ' long; the spec allows ' + max,
    };
    r.problems.push(status === undefined ? p : { ...p, status });
  }
  return z === o ? '' : latin1(b, o, z);
}

function checkTime(r: Reader, f: CStringFieldSpec, v: string, o: number): void {
  if (v.length === 0) return;
  const last = v.length === 16 ? v.charCodeAt(15) : 0;
  if (last === 0x2b /* + */ || last === 0x2d /* - */ || last === 0x52 /* R */) return;
  const p: Problem = {
    offset: o,
    length: v.length + 1,
    field: f.name,
    expected: 'empty, or 16 characters YYMMDDhhmmsstnnp ending in +, - or R',
    found: JSON.stringify(v),
    message: f.name + ' is not an SMPP time string',
  };
  r.problems.push(f.status === undefined ? p : { ...p, status: f.status });
}

/** The value of a count or length field: what it counts when it counts something, else its own. */
function intInput(f: IntFieldSpec, v: unknown, body: Record<string, unknown>, max: number): number {
  if (f.lengthOf === undefined) return v === undefined ? 0 : intOf(f.name, v, max);
  const target = body[f.lengthOf];
  const x = Array.isArray(target) ? target.length : target === undefined ? 0 : bytesLength(f.lengthOf, target);
  if (x > max) throw new EncodeError(f.lengthOf, 'is ' + x + ' long; ' + f.name + ' holds at most ' + max);
  return x;
}

/** An SMPP time string and what it means: `"" (empty) → immediate / MC default`. */
function timeDisplay(v: string): string {
  return v === '' ? EMPTY_TIME : quote(v) + ' → ' + describeSmppTime(v);
}

const EMPTY_TIME = quote('') + ' → ' + describeSmppTime('');

const esmClassBits = bitFields(esmClassParts);
const registeredDeliveryBits = bitFields(registeredDeliveryParts);

function intType(size: 1 | 2 | 4): FieldType<IntFieldSpec> {
  const wireMax = size === 1 ? 0xff : size === 2 ? 0xffff : 0xffffffff;
  return {
    read(r, f) {
      const { b, o } = r;
      if (o + size > r.end) {
        r.fault = true;
        r.problems.push(truncated(f.name, o, r.end, size));
        return undefined;
      }
      r.o = o + size;
      const v = size === 1 ? b[o]! : size === 2 ? (b[o]! << 8) | b[o + 1]! : readU32(b, o);
      if (f.max !== undefined && v > f.max) {
        const p: Problem = {
          offset: o,
          length: size,
          field: f.name,
          expected: '0..' + f.max,
          found: String(v),
          message: f.name + ' ' + v + ' is reserved (at most ' + f.max + ')',
        };
        r.problems.push(f.status === undefined ? p : { ...p, status: f.status });
      }
      return v;
    },
    put(w, v, f, body) {
      const x = intInput(f, v, body, f.max ?? wireMax);
      room(w, size);
      const o = w.o;
      if (size === 1) w.b[o] = x;
      else if (size === 2) {
        w.b[o] = x >> 8;
        w.b[o + 1] = x & 0xff;
      } else writeU32(w.b, o, x);
      w.o = o + size;
    },
    expect: () => octets(size),
    describe(n, v, f) {
      const x = v as number;
      if (f.values === 'esm_class') n.children = esmClassBits(x, n.offset);
      else if (f.values === 'registered_delivery') n.children = registeredDeliveryBits(x, n.offset);
      return intDisplay(x, f.values);
    },
  };
}

const cstringField: FieldType<CStringFieldSpec> = {
  read(r, f) {
    const start = r.o;
    const v = readCString(r, f.name, f.max, f.status);
    if (f.time === true && !r.fault) checkTime(r, f, v, start);
    return v;
  },
  put: (w, v, f) => putCString(w, f.name, v, f.max, f.secret),
  expect: (f) => 'C-string of up to ' + f.max + ' octets',
  describe: (_n, v, f) => (f.time === true ? timeDisplay(v as string) : quote(v as string)),
};

const octetsField: FieldType<OctetsFieldSpec> = {
  read(r, f) {
    const { b, o, end } = r;
    const len = (r.body[f.lengthFrom] as number | undefined) ?? 0;
    if (o + len > end) {
      r.fault = true;
      r.problems.push({
        offset: o,
        length: end - o,
        field: f.name,
        expected: octets(len) + ' (' + f.lengthFrom + ')',
        found: octets(end - o) + ' before the end of the PDU',
        message: f.name + ' runs past the end of the PDU: ' + f.lengthFrom + ' says ' + len + ', only ' + (end - o) + ' left',
        status: STATUS.ESME_RINVMSGLEN,
      });
      return b.subarray(o, end);
    }
    r.o = o + len;
    return b.subarray(o, o + len);
  },
  put(w, v, f) {
    if (v === undefined) return;
    const n = bytesLength(f.name, v);
    if (n > f.max) throw new EncodeError(f.name, 'is ' + octets(n) + '; ' + f.lengthFrom + ' allows at most ' + f.max);
    putBytes(w, f.name, v);
  },
  expect: (f) => 'octets sized by ' + f.lengthFrom,
  describe(n, v, f, t) {
    const bytes = v as Uint8Array;
    if (bytes.length === 0) return '(empty)';
    if (f.message !== true) return hexBytes(bytes);
    // The message's text becomes the display once the whole PDU is read.
    t.content(n, bytes, n.offset, f.name);
    return '';
  },
};

/** The count a list field's count field gives, for reading. */
function countOf(r: Reader, f: ListFieldSpec): number {
  return (r.body[f.countFrom] as number | undefined) ?? 0;
}

/** Whether a destination given to encode is a distribution list (dest_flag 2) rather than an SME (1). */
function isListDest(d: Record<string, unknown>): boolean {
  const flag = d.dest_flag;
  if (flag === undefined) return d.dl_name !== undefined;
  if (flag !== 1 && flag !== 2) throw new EncodeError('dest_flag', 'is ' + String(flag) + '; the spec allows 1 (SME address) or 2 (distribution list)');
  return flag === 2;
}

const ADDR_MAX = 21;

const destList: FieldType<ListFieldSpec> = {
  read(r, f) {
    const { b, end, problems } = r;
    const count = countOf(r, f);
    const out: DestAddress[] = [];
    for (let k = 0; k < count; k++) {
      const o = r.o;
      if (o >= end) {
        r.fault = true;
        problems.push({
          offset: o,
          length: 0,
          field: 'dest_address',
          expected: count + ' destinations (' + f.countFrom + ')',
          found: k + ' before the end of the PDU',
          message: 'the body ends after ' + k + ' of ' + count + ' destinations',
          status: STATUS.ESME_RINVMSGLEN,
        });
        break;
      }
      const flag = b[o]!;
      if (flag === 1) {
        if (o + 3 > end) {
          r.fault = true;
          problems.push(truncated('dest_address', o, end, 3));
          break;
        }
        r.o = o + 3;
        const addr = readCString(r, 'destination_addr', ADDR_MAX, STATUS.ESME_RINVDSTADR);
        out.push({ dest_flag: 1, dest_addr_ton: b[o + 1]!, dest_addr_npi: b[o + 2]!, destination_addr: addr });
      } else if (flag === 2) {
        r.o = o + 1;
        out.push({ dest_flag: 2, dl_name: readCString(r, 'dl_name', ADDR_MAX, STATUS.ESME_RINVDLNAME) });
      } else {
        r.fault = true;
        problems.push({
          offset: o,
          length: 1,
          field: 'dest_flag',
          expected: '1 (SME address) or 2 (distribution list)',
          found: String(flag),
          message: 'dest_flag ' + flag + ' is neither an SME address (1) nor a distribution list (2)',
          status: STATUS.ESME_RINVDESTFLAG,
        });
        break;
      }
      if (r.fault) break;
    }
    return out;
  },
  put(w, v, f) {
    for (const d of list(f.name, v)) {
      if (isListDest(d)) {
        room(w, 1);
        w.b[w.o++] = 2;
        putCString(w, 'dl_name', d.dl_name, ADDR_MAX);
      } else {
        const ton = intOf('dest_addr_ton', d.dest_addr_ton ?? 0, 0xff);
        const npi = intOf('dest_addr_npi', d.dest_addr_npi ?? 0, 0xff);
        room(w, 3);
        w.b[w.o++] = 1;
        w.b[w.o++] = ton;
        w.b[w.o++] = npi;
        putCString(w, 'destination_addr', d.destination_addr, ADDR_MAX);
      }
    }
  },
  expect: (f) => 'list of ' + f.countFrom + ' entries',
  describe(n, v, _f, t) {
    const dests = v as DestAddress[];
    const children: TreeNode[] = [];
    let o = n.offset;
    for (let i = 0; i < dests.length; i++) {
      const d = dests[i]!;
      const begin = o;
      const parts: TreeNode[] = [node('dest_flag', fieldLabel('dest_flag'), d.dest_flag, intDisplay(d.dest_flag, 'dest_flag'), o, 1)];
      let display: string;
      if (d.dest_flag === 1) {
        const alen = cstringExtent(t.b, o + 3);
        parts.push(
          node('dest_addr_ton', fieldLabel('dest_addr_ton'), d.dest_addr_ton, intDisplay(d.dest_addr_ton, 'ton'), o + 1, 1),
          node('dest_addr_npi', fieldLabel('dest_addr_npi'), d.dest_addr_npi, intDisplay(d.dest_addr_npi, 'npi'), o + 2, 1),
          node('destination_addr', fieldLabel('destination_addr'), d.destination_addr, quote(d.destination_addr), o + 3, alen),
        );
        o += 3 + alen;
        display = quote(d.destination_addr);
      } else {
        const alen = cstringExtent(t.b, o + 1);
        parts.push(node('dl_name', fieldLabel('dl_name'), d.dl_name, quote(d.dl_name), o + 1, alen));
        o += 1 + alen;
        display = 'list ' + quote(d.dl_name);
      }
      const entry = node('dest_address[' + i + ']', 'Destination ' + (i + 1), d, display, begin, o - begin);
      entry.children = parts;
      children.push(entry);
    }
    n.children = children;
    return dests.length + ' destination(s)';
  },
};

const unsuccessList: FieldType<ListFieldSpec> = {
  read(r, f) {
    const { b, end, problems } = r;
    const count = countOf(r, f);
    const out: UnsuccessSme[] = [];
    for (let k = 0; k < count; k++) {
      const o = r.o;
      if (o + 2 > end) {
        r.fault = true;
        problems.push({
          offset: o,
          length: end - o,
          field: 'unsuccess_sme',
          expected: count + ' unsuccessful SMEs (' + f.countFrom + ')',
          found: k + ' before the end of the PDU',
          message: 'the body ends after ' + k + ' of ' + count + ' unsuccessful SMEs',
          status: STATUS.ESME_RINVMSGLEN,
        });
        break;
      }
      r.o = o + 2;
      const addr = readCString(r, 'destination_addr', ADDR_MAX, STATUS.ESME_RINVDSTADR);
      if (r.fault) break;
      if (r.o + 4 > end) {
        r.fault = true;
        problems.push(truncated('error_status_code', r.o, end, 4));
        break;
      }
      out.push({ dest_addr_ton: b[o]!, dest_addr_npi: b[o + 1]!, destination_addr: addr, error_status_code: readU32(b, r.o) });
      r.o += 4;
    }
    return out;
  },
  put(w, v, f) {
    for (const d of list(f.name, v)) {
      const ton = intOf('dest_addr_ton', d.dest_addr_ton ?? 0, 0xff);
      const npi = intOf('dest_addr_npi', d.dest_addr_npi ?? 0, 0xff);
      room(w, 2);
      w.b[w.o++] = ton;
      w.b[w.o++] = npi;
      putCString(w, 'destination_addr', d.destination_addr, ADDR_MAX);
      putUintBE(w, 4, intOf('error_status_code', d.error_status_code ?? 0, 0xffffffff));
    }
  },
  expect: (f) => 'list of ' + f.countFrom + ' entries',
  describe(n, v, _f, t) {
    const smes = v as UnsuccessSme[];
    const children: TreeNode[] = [];
    let o = n.offset;
    for (let i = 0; i < smes.length; i++) {
      const d = smes[i]!;
      const alen = cstringExtent(t.b, o + 2);
      const status = statusDisplay(d.error_status_code);
      const entry = node('unsuccess_sme[' + i + ']', 'Unsuccessful SME ' + (i + 1), d, quote(d.destination_addr) + ': ' + status, o, 6 + alen);
      entry.children = [
        node('dest_addr_ton', fieldLabel('dest_addr_ton'), d.dest_addr_ton, intDisplay(d.dest_addr_ton, 'ton'), o, 1),
        node('dest_addr_npi', fieldLabel('dest_addr_npi'), d.dest_addr_npi, intDisplay(d.dest_addr_npi, 'npi'), o + 1, 1),
        node('destination_addr', fieldLabel('destination_addr'), d.destination_addr, quote(d.destination_addr), o + 2, alen),
        node('error_status_code', fieldLabel('error_status_code'), d.error_status_code, status, o + 2 + alen, 4),
      ];
      children.push(entry);
      o += 6 + alen;
    }
    n.children = children;
    return smes.length + ' unsuccessful SME(s)';
  },
};

/** Octets of the C-string at o, NUL included (to the end of the data when unterminated). */
function cstringExtent(b: Uint8Array, o: number): number {
  const z = findNul(b, o, b.length);
  return z < 0 ? Math.max(0, b.length - o) : z + 1 - o;
}

/** The descriptor of every mandatory field type. */
export const FIELD_TYPES: { readonly [T in FieldSpec['type']]: FieldType<Extract<FieldSpec, { type: T }>> } = {
  int1: intType(1),
  int2: intType(2),
  int4: intType(4),
  cstring: cstringField,
  octets: octetsField,
  dest_list: destList,
  unsuccess_list: unsuccessList,
};

/** The descriptor for field f. */
export function fieldType(f: FieldSpec): FieldType {
  return FIELD_TYPES[f.type] as FieldType;
}

// ---------------------------------------------------------------------------------------------
// TLV value types: integers, strings, octets
// ---------------------------------------------------------------------------------------------

const INT_SIZE: Readonly<Record<string, number>> = { int1: 1, int2: 2, int4: 4, uint: 5, flag_or_int1: 1 };

const intTlv: TlvValueType = {
  read: (b, o, len) => (len >= 1 && len <= 6 ? uintBE(b, o, len) : undefined),
  put(w, v, spec, hint) {
    const n = hint !== undefined && hint >= 1 && hint <= 6 ? hint : INT_SIZE[spec.type]!;
    putUintBE(w, n, intOf(spec.name, v, n >= 6 ? Number.MAX_SAFE_INTEGER : 256 ** n - 1));
  },
  describe: (_n, v, spec) => intDisplay(v as number, spec.values, spec.names),
};

const flagOrIntTlv: TlvValueType = {
  read: (b, o, len) => (len === 0 ? null : intTlv.read(b, o, len, undefined as never)),
  put(w, v, spec, hint) {
    if (v !== null) intTlv.put(w, v, spec, hint);
  },
  describe: (n, v, spec, t) => (v === null ? 'present (no value)' : intTlv.describe(n, v, spec, t)),
};

const cstringTlv: TlvValueType = {
  read(b, o, len) {
    const z = findNul(b, o, o + len);
    return latin1(b, o, z < 0 ? o + len : z);
  },
  check(b, o, len, spec) {
    const end = o + len;
    const z = findNul(b, o, end);
    if (z < 0) {
      return {
        expected: 'a NUL-terminated string',
        found: 'no NUL within ' + len + ' octets',
        message: spec.name + ' is not NUL-terminated',
        status: STATUS.ESME_RINVTLVVAL,
      };
    }
    if (z < end - 1) {
      return {
        expected: 'the NUL as the last octet',
        found: end - z - 1 + ' octet(s) after the NUL',
        message: spec.name + ' has octets after its terminating NUL',
        status: STATUS.ESME_RINVTLVLEN,
      };
    }
    return undefined;
  },
  put(w, v, spec, hint) {
    const start = w.o;
    putCString(w, spec.name, v, Number.MAX_SAFE_INTEGER);
    // A hint keeps a decoded string exact: without its NUL (n - 1), or padded with NULs.
    const n = w.o - start;
    if (hint === undefined || hint < n - 1 || hint === n) return;
    w.o = start + n - 1;
    room(w, hint - n + 1);
    w.b.fill(0, w.o, start + hint);
    w.o = start + hint;
  },
  describe: (_n, v, spec) => (spec.time === true ? timeDisplay(v as string) : quote(v as string)),
};

const textTlv: TlvValueType = {
  read: (b, o, len) => latin1(b, o, o + len),
  put(w, v, spec) {
    if (typeof v !== 'string') throw new EncodeError(spec.name, 'expected a string');
    putLatin1(w, spec.name, v);
  },
  describe: (_n, v) => quote(v as string),
};

const octetsTlv: TlvValueType = {
  read: (b, o, len) => b.subarray(o, o + len),
  put: (w, v, spec) => putBytes(w, spec.name, v),
  describe(n, v, spec, t) {
    const bytes = v as Uint8Array;
    if (spec.message === true && bytes.length > 0) t.content(n, bytes, n.offset, spec.name);
    return bytes.length === 0 ? '(empty)' : hexBytes(bytes);
  },
};

// ---------------------------------------------------------------------------------------------
// TLV value types: structures, as tables of members
// ---------------------------------------------------------------------------------------------

/** One member of a structured value, in wire order. */
interface Member {
  readonly name: string;
  readonly label: string;
  /** 1 or 2: a big-endian integer; 0: bits of the octet before; 'rest': every octet left. */
  readonly size: 0 | 1 | 2 | 'rest';
  /** For bit fields: the lowest bit and the width. */
  readonly shift?: number;
  readonly bits?: number;
  /** A one-bit field read as a boolean. */
  readonly bool?: boolean;
  /** 'rest' read as latin1 text rather than octets. */
  readonly text?: boolean;
  /** Names of the member's values (else its own `show`, else the number). */
  readonly names?: Readonly<Record<number, string>>;
  readonly show?: (v: never, whole: Record<string, unknown>, t: TreeContext) => string;
}

interface Struct {
  readonly members: readonly Member[];
  /** A value of exactly this many octets is a plain integer instead (ms_validity's short form). */
  readonly scalar?: number;
  /** The whole value in a few words. */
  readonly summary: (v: never, t: TreeContext) => string;
}

const SUBADDRESS_TYPES: Readonly<Record<number, string>> = { 0x80: 'NSAP (even)', 0x88: 'NSAP (odd)', 0xa0: 'user specified' };

/** Display text of callback_num_atag, decoded by its own data coding. */
function atagText(v: { dataCoding: number; display: Uint8Array }, t: TreeContext): string {
  return decodeText(v.display, v.dataCoding, t.dcs0 === undefined ? {} : { dcs0: t.dcs0 }).text;
}

function areaText(v: { format: number; area: Uint8Array }): string {
  return v.format === 0 ? quote(latin1(v.area, 0, v.area.length)) : hexBytes(v.area);
}

/** Every structured TLV value type, member by member. */
export const STRUCTS = {
  network_error_code: {
    members: [
      { name: 'type', label: 'Network type', size: 1, show: (x: number) => named(x, NETWORK_ERROR_TYPE_NAMES[x] ?? 'reserved') },
      { name: 'code', label: 'Error code', size: 2, show: (x: number) => x + ' (' + hex(x, 4) + ')' },
    ],
    summary: (v: { type: number; code: number }) => (NETWORK_ERROR_TYPE_NAMES[v.type] ?? 'reserved') + ' error ' + v.code + ' (' + hex(v.code, 4) + ')',
  },
  callback_num: {
    members: [
      { name: 'digitMode', label: 'Digit mode', size: 1, names: CALLBACK_DIGIT_MODE_NAMES },
      { name: 'ton', label: 'TON', size: 1, names: TON_NAMES },
      { name: 'npi', label: 'NPI', size: 1, names: NPI_NAMES },
      { name: 'digits', label: 'Digits', size: 'rest', text: true },
    ],
    summary: (v: { digitMode: number; ton: number; npi: number; digits: string }) =>
      quote(v.digits) + ', TON ' + v.ton + ', NPI ' + v.npi + ', ' + (CALLBACK_DIGIT_MODE_NAMES[v.digitMode] ?? 'mode ' + v.digitMode),
  },
  callback_num_atag: {
    members: [
      { name: 'dataCoding', label: 'Data coding', size: 1, show: (x: number) => intDisplay(x, 'data_coding') },
      { name: 'display', label: 'Display text', size: 'rest', show: (_x: Uint8Array, v, t) => quote(atagText(v as never, t)) },
    ],
    summary: (v: { dataCoding: number; display: Uint8Array }, t) => quote(atagText(v, t)),
  },
  subaddress: {
    members: [
      { name: 'type', label: 'Type', size: 1, show: (x: number) => hex(x, 2) + ' (' + (SUBADDRESS_TYPES[x] ?? 'reserved') + ')' },
      { name: 'address', label: 'Address', size: 'rest' },
    ],
    summary: (v: { type: number; address: Uint8Array }) => (SUBADDRESS_TYPES[v.type] ?? 'reserved') + ': ' + hexBytes(v.address),
  },
  broadcast_area_identifier: {
    members: [
      { name: 'format', label: 'Format', size: 1, show: (x: number) => named(x, BROADCAST_AREA_FORMAT_NAMES[x] ?? 'reserved format') },
      { name: 'area', label: 'Area', size: 'rest', show: (_x: Uint8Array, v) => areaText(v as never) },
    ],
    summary: (v: { format: number; area: Uint8Array }) => (BROADCAST_AREA_FORMAT_NAMES[v.format] ?? 'reserved format') + ': ' + areaText(v),
  },
  broadcast_content_type: {
    members: [
      { name: 'network', label: 'Network type', size: 1, show: (x: number) => named(x, NETWORK_TYPE_NAMES[x] ?? (x === 0 ? 'generic' : undefined)) },
      { name: 'contentType', label: 'Content type', size: 2, show: (x: number) => hex(x, 4) },
    ],
    summary: (v: { network: number; contentType: number }) => 'network ' + v.network + ', content type ' + hex(v.contentType, 4),
  },
  broadcast_frequency_interval: {
    members: [
      { name: 'unit', label: 'Unit', size: 1, show: (x: number) => named(x, BROADCAST_FREQUENCY_UNIT_NAMES[x] ?? 'reserved unit') },
      { name: 'interval', label: 'Interval', size: 2 },
    ],
    summary: (v: { unit: number; interval: number }) => {
      const unit = BROADCAST_FREQUENCY_UNIT_NAMES[v.unit] ?? 'reserved unit';
      return v.unit === 0 ? unit : 'every ' + v.interval + ' ' + unit;
    },
  },
  billing_identification: {
    members: [
      { name: 'format', label: 'Format', size: 1 },
      { name: 'data', label: 'Data', size: 'rest' },
    ],
    summary: (v: { format: number; data: Uint8Array }) => 'format ' + v.format + ': ' + hexBytes(v.data),
  },
  its_session_info: {
    members: [
      { name: 'sessionNumber', label: 'Session number', size: 1 },
      { name: 'sequenceNumber', label: 'Sequence number', size: 1, shift: 1, bits: 7 },
      { name: 'endOfSession', label: 'End of session', size: 0, shift: 0, bits: 1, bool: true },
    ],
    summary: (v: { sessionNumber: number; sequenceNumber: number; endOfSession: boolean }) =>
      'session ' + v.sessionNumber + ', sequence ' + v.sequenceNumber + (v.endOfSession ? ', end of session' : ''),
  },
  ms_validity: {
    scalar: 1,
    members: [
      { name: 'behaviour', label: 'Behaviour', size: 1 },
      { name: 'unit', label: 'Unit', size: 1 },
      { name: 'count', label: 'Count', size: 2 },
    ],
    summary: (v: { behaviour: number; unit: number; count: number }) => 'behaviour ' + v.behaviour + ', unit ' + v.unit + ', count ' + v.count,
  },
} as const satisfies Readonly<Record<string, Struct>>;

type StructName = keyof typeof STRUCTS;

/** Where each member sits (its octet from the value's start) and the octets before a 'rest'. */
interface Layout {
  readonly at: readonly number[];
  readonly fixed: number;
}

function layout(s: Struct): Layout {
  const at: number[] = [];
  let pos = 0;
  let last = 0;
  for (const m of s.members) {
    if (m.size === 0) at.push(last);
    else {
      at.push(pos);
      last = pos;
      if (m.size !== 'rest') pos += m.size;
    }
  }
  return { at, fixed: pos };
}

function memberMax(m: Member): number {
  return m.bits !== undefined ? (1 << m.bits) - 1 : m.size === 2 ? 0xffff : 0xff;
}

function structType(s: Struct): TlvValueType {
  const { at, fixed } = layout(s);
  const members = s.members;
  const field = (spec: TlvSpec, m: Member): string => spec.name + '.' + m.name;
  const fields = (spec: TlvSpec, v: unknown): Record<string, unknown> => {
    if (typeof v !== 'object' || v === null) throw new EncodeError(spec.name, 'expected an object');
    return v as Record<string, unknown>;
  };
  return {
    read(b, o, len) {
      if (len === s.scalar) return b[o]!;
      if (len < fixed || (s.scalar !== undefined && len < fixed)) return undefined;
      const v: Record<string, unknown> = {};
      for (let i = 0; i < members.length; i++) {
        const m = members[i]!;
        const p = o + at[i]!;
        if (m.size === 'rest') v[m.name] = m.text === true ? latin1(b, p, o + len) : b.subarray(p, o + len);
        else {
          let x = m.size === 2 ? (b[p]! << 8) | b[p + 1]! : b[p]!;
          if (m.bits !== undefined) x = (x >> (m.shift ?? 0)) & ((1 << m.bits) - 1);
          v[m.name] = m.bool === true ? x === 1 : x;
        }
      }
      return v as unknown as AnyTlvValue;
    },
    put(w, v, spec) {
      if (s.scalar !== undefined && typeof v === 'number') {
        putUintBE(w, s.scalar, intOf(spec.name, v, 0xff));
        return;
      }
      const x = fields(spec, v);
      // The fixed members, then the 'rest' (the last member, where there is one).
      room(w, fixed);
      const o = w.o;
      const out = w.b;
      out.fill(0, o, o + fixed);
      for (let i = 0; i < members.length; i++) {
        const m = members[i]!;
        if (m.size === 'rest') continue;
        const p = o + at[i]!;
        const mv = x[m.name];
        if (m.bool !== true && mv !== undefined) intOf(field(spec, m), mv, memberMax(m));
        const n = m.bool === true ? (mv === true ? 1 : 0) : ((mv as number | undefined) ?? 0);
        if (m.size === 2) {
          out[p] = n >> 8;
          out[p + 1] = n & 0xff;
        } else out[p]! |= n << (m.shift ?? 0);
      }
      w.o = o + fixed;
      for (const m of members) {
        const mv = x[m.name];
        if (m.size === 'rest' && mv !== undefined) putBytes(w, field(spec, m), mv);
      }
    },
    describe(n, v, _spec, t) {
      if (typeof v === 'number') return String(v);
      const x = v as Record<string, unknown>;
      const children: TreeNode[] = new Array<TreeNode>(members.length);
      const end = n.offset + n.length;
      for (let i = 0; i < members.length; i++) {
        const m = members[i]!;
        const p = n.offset + at[i]!;
        const mv = x[m.name];
        const len = m.size === 'rest' ? end - p : m.size === 0 ? 1 : m.size;
        const display =
          m.show !== undefined
            ? (m.show as (v: unknown, w: Record<string, unknown>, t: TreeContext) => string)(mv, x, t)
            : m.names !== undefined
              ? named(mv as number, m.names[mv as number])
              : typeof mv === 'boolean'
                ? mv
                  ? 'yes'
                  : 'no'
                : mv instanceof Uint8Array
                  ? hexBytes(mv)
                  : typeof mv === 'string'
                    ? quote(mv)
                    : String(mv);
        children[i] = node(m.name, m.label, mv, display, p, len);
      }
      n.children = children;
      return (s.summary as (v: unknown, t: TreeContext) => string)(v, t);
    },
  };
}

/** Members of each structured value that hold octets (hex in the JSON form). */
export function byteMembers(type: TlvType): readonly string[] {
  const s = (STRUCTS as Readonly<Record<string, Struct>>)[type];
  if (s === undefined) return [];
  return s.members.filter((m) => m.size === 'rest' && m.text !== true).map((m) => m.name);
}

/** The descriptor of every TLV value type. */
export const TLV_TYPES: { readonly [T in TlvType]: TlvValueType } = {
  int1: intTlv,
  int2: intTlv,
  int4: intTlv,
  uint: intTlv,
  flag_or_int1: flagOrIntTlv,
  cstring: cstringTlv,
  text: textTlv,
  octets: octetsTlv,
  ...(Object.fromEntries(Object.entries(STRUCTS).map(([k, s]) => [k, structType(s)])) as { [K in StructName]: TlvValueType }),
};

// ---------------------------------------------------------------------------------------------
// TLV values: decoding with problems, and encoding to bytes
// ---------------------------------------------------------------------------------------------

/** Human text for an expected size. */
export function describeSize(size: number | readonly [number, number] | undefined): string {
  if (size === undefined) return 'any length';
  if (typeof size === 'number') return octets(size);
  return size[0] + '..' + size[1] + ' octets';
}

export function sizeAllowed(size: number | readonly [number, number] | undefined, n: number): boolean {
  if (size === undefined) return true;
  if (typeof size === 'number') return n === size;
  return n >= size[0] && n <= size[1];
}

/** The outcome of decoding one TLV value; `problem` describes a size or format fault. */
export interface TlvValueResult {
  value: AnyTlvValue | undefined;
  problem?: { expected: string; found: string; message: string; status: number };
}

/**
 * Decodes the value of a known TLV from b[o, o+len). Integers of an unexpected length are read
 * big-endian at the length given (1..6 octets); structures too short to read yield `undefined`.
 */
export function decodeTlvValue(spec: TlvSpec, b: Uint8Array, o: number, len: number): TlvValueResult {
  const type = TLV_TYPES[spec.type];
  const value = type.read(b, o, len, spec);
  if (!sizeAllowed(spec.size, len)) {
    return {
      value,
      problem: {
        expected: describeSize(spec.size),
        found: octets(len),
        message: spec.name + ' has length ' + len + '; the spec wants ' + describeSize(spec.size),
        status: STATUS.ESME_RINVTLVLEN,
      },
    };
  }
  const problem = type.check?.(b, o, len, spec);
  return problem === undefined ? { value } : { value, problem: problem as TlvValueResult['problem'] & object };
}

/** The largest value length the spec allows a TLV. */
function maxSize(spec: TlvSpec): number {
  return spec.size === undefined ? 0xffff : typeof spec.size === 'number' ? spec.size : spec.size[1];
}

/**
 * Checks and writes a TLV value at w.o: throws EncodeError, naming the TLV, for a value the spec
 * forbids, a longer one included. An integer's explicit `hint` is the caller's choice of wire
 * size, as raw bytes are: it keeps a decoded TLV's odd size exact (node-smpp and Wireshark write
 * source_telematics_id in 2 octets). A string or octets value is held to the limit.
 */
export function putTlvValue(w: Writer, spec: TlvSpec, value: unknown, hint?: number): void {
  const start = w.o;
  TLV_TYPES[spec.type].put(w, value, spec, hint);
  const n = w.o - start;
  const max = maxSize(spec);
  if (n > max && !(hint !== undefined && INT_SIZE[spec.type] !== undefined)) {
    throw new EncodeError(spec.name, 'is ' + octets(n) + (spec.type === 'cstring' ? ' with its NUL' : '') + '; the spec allows at most ' + max);
  }
}

/** A TLV value as bytes (checked as putTlvValue does). */
export function encodeTlvValue(spec: TlvSpec, value: unknown, hint?: number): Uint8Array {
  const w: Writer = { b: new Uint8Array(16), o: 0 };
  putTlvValue(w, spec, value, hint);
  return w.b.slice(0, w.o);
}
