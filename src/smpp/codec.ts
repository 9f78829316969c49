// The PDU codec: decode and encode are two loops over the command and TLV tables. Decoding never
// throws: it returns what it read up to a fault, plus the fault (offset, field, expected, found,
// and the command_status a receiver should answer with). The field tree is built only on request.

import { fromHex, hexNumber, readU32, toHex, writeU32 } from './bytes';
import {
  COMMANDS,
  commandById,
  isCommandName,
  type Body,
  type BodyInput,
  type CommandName,
  type CommandSpec,
  type DestAddress,
  type FieldSpec,
  type UnsuccessSme,
} from './tables/commands';
import {
  EncodeError,
  decodeTlvValue,
  encodeTlvValue,
  latin1,
  tlvByName,
  tlvByTag,
  tlvName,
  type AnyTlvValue,
  type TlvName,
  type TlvValue,
} from './tables/tlvs';
import { STATUS, statusName } from './tables/values';
import type { FieldNode, Problem } from './fields';
import { TreeBuilder } from './tree';

export { EncodeError } from './tables/tlvs';

// ---------------------------------------------------------------------------------------------
// Types
// ---------------------------------------------------------------------------------------------

export interface DecodeOptions {
  /** Build the field tree (names, displays, offsets). Off by default: value decoding is faster. */
  fields?: boolean;
  /** Alphabet assumed for data_coding 0 when the tree decodes text. Default 'gsm7'. */
  dcs0?: 'gsm7' | 'latin1' | 'ascii';
}

export interface PduHeader {
  command_length: number;
  command_id: number;
  command_status: number;
  sequence_number: number;
}

/** A decoded TLV. Unknown and vendor tags carry their raw bytes as `value`. */
export interface DecodedTlv {
  tag: number;
  /** Spec name, or `vendor_0x1400` / `unknown_0x0999`. */
  name: string;
  /** The TLV's own length field. */
  length: number;
  /** Typed value; undefined where the bytes could not be read as the table's type. */
  value: AnyTlvValue | undefined;
  /** The value octets exactly as received (a view into the input). */
  raw: Uint8Array;
  /** Offset of the tag from the PDU's start. */
  offset: number;
}

type KnownPdu = {
  [C in CommandName]: PduHeader & { command: C; body: Partial<Body<C>>; tlvs: DecodedTlv[] };
}[CommandName];

/** An unknown command_id: the header, and nothing from the body. */
export type UnknownPdu = PduHeader & { command: 'unknown'; body: Record<string, never>; tlvs: DecodedTlv[] };

/** A decoded PDU, discriminated by `command`. Bodies are partial: a malformed PDU stops early. */
export type DecodedPdu = KnownPdu | UnknownPdu;

/** The decoded PDU of a known command C. */
export type PduOf<C extends CommandName> = Extract<KnownPdu, { command: C }>;

export interface DecodeResult {
  pdu: DecodedPdu;
  /** Present only when `fields: true` was asked for. */
  fields?: FieldNode[];
  problems: Problem[];
}

/** A TLV to encode: give `tag` or `name`; `value` (typed) wins over `raw` (exact bytes). */
export interface TlvInput {
  tag?: number;
  name?: string;
  value?: unknown;
  raw?: Uint8Array;
  /** Keeps odd-but-readable encodings exact (an int in 2 octets, a C-string without NUL). */
  length?: number;
}

/** What encode takes for command C. `command_length` is always computed. */
export interface PduInput<C extends CommandName = CommandName> {
  command: C;
  command_status?: number;
  sequence_number?: number;
  /** Ignored: encode fills it in. Accepted so a decoded PDU can be encoded as it is. */
  command_length?: number;
  /** Ignored when `command` is given (the table's id is used). */
  command_id?: number;
  /**
   * Mandatory fields by spec name. Missing ones are 0 / empty in requests and successful
   * responses; in an error response (command_status != 0) the body stops at the first missing
   * field, so `{}` gives the "no body" form and `{ message_id: '' }` the "lone NUL" form.
   * sm_length, number_of_dests and no_unsuccess are always derived from what they count.
   */
  body?: BodyInput<C>;
  tlvs?: readonly TlvInput[];
}

// ---------------------------------------------------------------------------------------------
// Decoding
// ---------------------------------------------------------------------------------------------

/** Node's Buffer.allocUnsafe where it exists (faster: no zero fill; encode writes every byte), else a Uint8Array. */
const NodeBuffer = (globalThis as { Buffer?: { allocUnsafe(n: number): Uint8Array } }).Buffer;
const allocBytes: (n: number) => Uint8Array = NodeBuffer ? (n) => NodeBuffer.allocUnsafe(n) : (n) => new Uint8Array(n);

function octets(n: number): string {
  return n === 1 ? '1 octet' : n + ' octets';
}

/** The position of the NUL ending a C-string at o, or -1 when none comes before `end`. */
function findNul(b: Uint8Array, o: number, end: number): number {
  for (let i = o; i < end; i++) if (b[i] === 0) return i;
  return -1;
}

/**
 * Decodes one PDU from `bytes` (the PDU starts at index 0). Never throws. With `fields: true`
 * it also builds the field tree with byte offsets. Problems carry offsets from the PDU's start.
 */
export function decode(bytes: Uint8Array, options?: DecodeOptions): DecodeResult {
  const b = bytes;
  const n = b.length;
  const problems: Problem[] = [];
  const tree = options?.fields === true ? new TreeBuilder(b, options.dcs0) : undefined;

  // ---- header ------------------------------------------------------------------------------
  if (n < 16) {
    return decodeShortHeader(b, problems, tree);
  }
  const command_length = readU32(b, 0);
  const command_id = readU32(b, 4);
  const command_status = readU32(b, 8);
  const sequence_number = readU32(b, 12);
  const entry = commandById(command_id);
  const command: CommandName | 'unknown' = entry === undefined ? 'unknown' : entry.name;
  tree?.header(command_length, command_id, command_status, sequence_number, command);

  let end = command_length;
  if (command_length < 16) {
    problems.push({
      offset: 0,
      length: 4,
      field: 'command_length',
      expected: 'at least 16 (the header alone is 16 octets)',
      found: String(command_length),
      message: 'command_length ' + command_length + ' is shorter than the 16-octet header',
      status: STATUS.ESME_RINVCMDLEN,
    });
    end = 16;
  } else if (command_length > n) {
    problems.push({
      offset: 0,
      length: 4,
      field: 'command_length',
      expected: command_length + ' octets (as command_length says)',
      found: octets(n),
      message: 'the PDU is truncated: command_length says ' + command_length + ' but only ' + octets(n) + ' are present',
      status: STATUS.ESME_RINVCMDLEN,
    });
    end = n;
  } else if (command_length < n) {
    problems.push({
      offset: command_length,
      length: n - command_length,
      field: 'command_length',
      expected: octets(command_length) + ' (as command_length says)',
      found: octets(n),
      message: octets(n - command_length) + ' follow the end of the PDU that command_length marks',
    });
  }

  const pdu = {
    command_length,
    command_id,
    command_status,
    sequence_number,
    command,
    body: {} as Record<string, unknown>,
    tlvs: [] as DecodedTlv[],
  };

  const isResponse = (command_id & 0x80000000) !== 0;
  if (command_status !== 0 && !isResponse) {
    problems.push({
      offset: 8,
      length: 4,
      field: 'command_status',
      expected: '0 (requests carry no status)',
      found: statusName(command_status),
      message: 'a request carries command_status ' + statusName(command_status) + '; requests must carry 0',
    });
  }

  if (entry === undefined) {
    problems.push({
      offset: 4,
      length: 4,
      field: 'command_id',
      expected: 'a known SMPP command_id',
      found: hexNumber(command_id),
      message: 'command_id ' + hexNumber(command_id) + ' is not an SMPP command',
      status: STATUS.ESME_RINVCMDID,
    });
    tree?.opaqueBody(16, end, 'body of an unknown command (raw bytes)');
    return finish(pdu, problems, tree);
  }
  const spec: CommandSpec = entry.spec;
  if (spec.opaque === true) {
    tree?.opaqueBody(16, end, 'SMPP 3.3 body (raw bytes; layout not decoded)');
    return finish(pdu, problems, tree);
  }

  // ---- mandatory body ------------------------------------------------------------------------
  // An error response may stop at any field boundary (no body, a lone NUL, or a full body).
  const lenient = isResponse && command_status !== 0;
  const body = pdu.body;
  const fields = spec.body;
  let o = 16;
  let fault = false;
  tree?.beginBody();
  for (let i = 0; i < fields.length; i++) {
    const f: FieldSpec = fields[i]!;
    if (o >= end) {
      // Octets and lists of size 0 take no room: they may close the body.
      const size =
        f.type === 'octets'
          ? ((body[f.lengthFrom] as number | undefined) ?? 0)
          : f.type === 'dest_list' || f.type === 'unsuccess_list'
            ? ((body[f.countFrom] as number | undefined) ?? 0)
            : -1;
      if (size === 0) {
        body[f.name] = f.type === 'octets' ? b.subarray(o, o) : [];
        if (tree !== undefined) tree.field(f, body[f.name], o, 0);
        continue;
      }
      // An error response may stop here, unless a length field said more was coming.
      if (!lenient || size > 0) {
        problems.push({
          offset: o,
          length: 0,
          field: f.name,
          expected: f.name + ' (' + describeField(f) + ')',
          found: 'the end of the PDU',
          message: 'the body ends before ' + f.name,
          status: STATUS.ESME_RINVMSGLEN,
        });
        tree?.missing(f, o, problems[problems.length - 1]!);
      }
      break;
    }
    const start = o;
    switch (f.type) {
      case 'int1':
        body[f.name] = b[o]!;
        o += 1;
        break;
      case 'int2':
      case 'int4': {
        const size = f.type === 'int2' ? 2 : 4;
        if (o + size > end) {
          fault = true;
          problems.push(truncated(f.name, o, end, size));
          break;
        }
        body[f.name] = size === 2 ? (b[o]! << 8) | b[o + 1]! : readU32(b, o);
        o += size;
        break;
      }
      case 'cstring': {
        const r = readCString(b, o, end, f.max, f.name, problems, f.status);
        body[f.name] = r.value;
        if (r.next < 0) {
          fault = true;
          break;
        }
        o = r.next;
        if (f.time === true) checkTime(f.name, r.value, start, problems, f.status);
        break;
      }
      case 'octets': {
        const len = (body[f.lengthFrom] as number | undefined) ?? 0;
        if (o + len > end) {
          body[f.name] = b.subarray(o, end);
          problems.push({
            offset: o,
            length: end - o,
            field: f.name,
            expected: octets(len) + ' (' + f.lengthFrom + ')',
            found: octets(end - o) + ' before the end of the PDU',
            message: f.name + ' runs past the end of the PDU: ' + f.lengthFrom + ' says ' + len + ', only ' + (end - o) + ' left',
            status: STATUS.ESME_RINVMSGLEN,
          });
          fault = true;
          break;
        }
        body[f.name] = b.subarray(o, o + len);
        o += len;
        break;
      }
      case 'dest_list': {
        const r = readDestList(b, o, end, (body[f.countFrom] as number | undefined) ?? 0, problems);
        body[f.name] = r.list;
        if (r.next < 0) fault = true;
        else o = r.next;
        break;
      }
      case 'unsuccess_list': {
        const r = readUnsuccessList(b, o, end, (body[f.countFrom] as number | undefined) ?? 0, problems);
        body[f.name] = r.list;
        if (r.next < 0) fault = true;
        else o = r.next;
        break;
      }
    }
    if (tree !== undefined) tree.field(f, body[f.name], start, fault ? end - start : o - start);
    if (fault) break;
    if (f.type === 'int1' && f.name === 'sm_length' && body[f.name] === 255) {
      problems.push({
        offset: start,
        length: 1,
        field: 'sm_length',
        expected: '0..254',
        found: '255',
        message: 'sm_length 255 is reserved (the short message holds at most 254 octets)',
        status: STATUS.ESME_RINVMSGLEN,
      });
    }
  }
  tree?.endBody(o);

  // ---- optional parameters -----------------------------------------------------------------
  if (!fault) {
    tree?.beginTlvs(o);
    const tlvs = pdu.tlvs;
    while (o < end) {
      if (end - o < 4) {
        problems.push({
          offset: o,
          length: end - o,
          field: 'tlv',
          expected: 'a 4-octet TLV header (tag, length)',
          found: octets(end - o),
          message: 'the body ends inside a TLV header: ' + octets(end - o) + ' left, 4 needed',
          status: STATUS.ESME_RINVMSGLEN,
        });
        tree?.brokenTlv(o, end, problems[problems.length - 1]!);
        fault = true;
        break;
      }
      const tag = (b[o]! << 8) | b[o + 1]!;
      const len = (b[o + 2]! << 8) | b[o + 3]!;
      const vo = o + 4;
      const tspec = tlvByTag(tag);
      const name = tspec === undefined ? tlvName(tag) : tspec.name;
      if (vo + len > end) {
        const raw = b.subarray(vo, end);
        tlvs.push({ tag, name, length: len, value: undefined, raw, offset: o });
        problems.push({
          offset: o + 2,
          length: 2,
          field: name,
          expected: octets(len) + ' of value (the TLV length)',
          found: octets(end - vo) + ' before the end of the PDU',
          message: 'TLV ' + name + ' says ' + octets(len) + ' but the body ends after ' + (end - vo),
          status: STATUS.ESME_RINVMSGLEN,
        });
        tree?.tlv(tlvs[tlvs.length - 1]!, tspec, problems[problems.length - 1]);
        fault = true;
        break;
      }
      const raw = b.subarray(vo, vo + len);
      let value: AnyTlvValue | undefined = raw;
      let problem: Problem | undefined;
      if (tspec !== undefined) {
        const r = decodeTlvValue(tspec, b, vo, len);
        value = r.value;
        if (r.problem !== undefined) {
          problem = {
            offset: o,
            length: 4 + len,
            field: name,
            expected: r.problem.expected,
            found: r.problem.found,
            message: r.problem.message,
            status: r.problem.status,
          };
          problems.push(problem);
        }
      }
      const t: DecodedTlv = { tag, name, length: len, value, raw, offset: o };
      tlvs.push(t);
      if (tree !== undefined) tree.tlv(t, tspec, problem);
      o = vo + len;
    }
    tree?.endTlvs(fault ? end : o);

    if (!fault && command_status === 0 && spec.requiredTlvs !== undefined) {
      for (const req of spec.requiredTlvs) {
        if (!tlvs.some((t) => t.name === req)) {
          problems.push({
            offset: 16,
            length: end - 16,
            field: req,
            expected: 'a ' + req + ' TLV (mandatory in ' + command + ')',
            found: 'none',
            message: command + ' lacks its mandatory ' + req + ' TLV',
            status: STATUS.ESME_RMISSINGTLV,
          });
        }
      }
    }
  }
  return finish(pdu, problems, tree);
}

function finish(
  pdu: PduHeader & { command: string; body: Record<string, unknown>; tlvs: DecodedTlv[] },
  problems: Problem[],
  tree: TreeBuilder | undefined,
): DecodeResult {
  const out: DecodeResult = { pdu: pdu as DecodedPdu, problems };
  if (tree !== undefined) out.fields = tree.finish(pdu, problems);
  return out;
}

function decodeShortHeader(b: Uint8Array, problems: Problem[], tree: TreeBuilder | undefined): DecodeResult {
  const n = b.length;
  const words = [0, 0, 0, 0];
  for (let i = 0; i + 4 <= n; i += 4) words[i >> 2] = readU32(b, i);
  const names = ['command_length', 'command_id', 'command_status', 'sequence_number'];
  const field = names[Math.min(3, n >> 2)]!;
  problems.push({
    offset: n,
    length: 0,
    field,
    expected: 'a 16-octet header',
    found: octets(n),
    message: 'the PDU ends after ' + octets(n) + ', inside the 16-octet header (at ' + field + ')',
    status: STATUS.ESME_RINVCMDLEN,
  });
  const entry = n >= 8 ? commandById(words[1]!) : undefined;
  const pdu = {
    command_length: words[0]!,
    command_id: words[1]!,
    command_status: words[2]!,
    sequence_number: words[3]!,
    command: entry === undefined ? 'unknown' : entry.name,
    body: {},
    tlvs: [],
  };
  tree?.partialHeader(n, pdu, problems[0]!);
  return finish(pdu, problems, tree);
}

function describeField(f: FieldSpec): string {
  switch (f.type) {
    case 'int1':
      return '1 octet';
    case 'int2':
      return '2 octets';
    case 'int4':
      return '4 octets';
    case 'cstring':
      return 'C-string of up to ' + f.max + ' octets';
    case 'octets':
      return 'octets sized by ' + f.lengthFrom;
    case 'dest_list':
    case 'unsuccess_list':
      return 'list of ' + f.countFrom + ' entries';
  }
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

/** Scratch result of readCString; one object reused to keep the hot path allocation-free. */
const cs = { value: '', next: 0 };

/**
 * Reads a C-string at o. `next` is the offset after the NUL, or -1 when the PDU ends first. A
 * string longer than `max` (NUL included) is read to its NUL and reported.
 */
function readCString(
  b: Uint8Array,
  o: number,
  end: number,
  max: number,
  field: string,
  problems: Problem[],
  status: number | undefined,
): { value: string; next: number } {
  const z = findNul(b, o, end);
  if (z < 0) {
    cs.value = latin1(b, o, end);
    cs.next = -1;
    problems.push({
      offset: o,
      length: end - o,
      field,
      expected: 'a NUL-terminated string of up to ' + octets(max),
      found: 'no NUL before the end of the PDU',
      message: field + ' is not NUL-terminated before the end of the PDU',
      status: STATUS.ESME_RINVMSGLEN,
    });
    return cs;
  }
  cs.value = z === o ? '' : latin1(b, o, z);
  cs.next = z + 1;
  if (z + 1 - o > max) {
    const p: Problem = {
      offset: o,
      length: z + 1 - o,
      field,
      expected: 'at most ' + octets(max) + ' including the NUL',
      found: octets(z + 1 - o),
      message: field + ' is ' + octets(z + 1 - o) + ' long; the spec allows ' + max,
    };
    problems.push(status === undefined ? p : { ...p, status });
  }
  return cs;
}

function checkTime(field: string, v: string, o: number, problems: Problem[], status: number | undefined): void {
  if (v.length === 0) return;
  const last = v.length === 16 ? v.charCodeAt(15) : 0;
  if (last === 0x2b /* + */ || last === 0x2d /* - */ || last === 0x52 /* R */) return;
  const p: Problem = {
    offset: o,
    length: v.length + 1,
    field,
    expected: 'empty, or 16 characters YYMMDDhhmmsstnnp ending in +, - or R',
    found: JSON.stringify(v),
    message: field + ' is not an SMPP time string',
  };
  problems.push(status === undefined ? p : { ...p, status });
}

function readDestList(
  b: Uint8Array,
  o: number,
  end: number,
  count: number,
  problems: Problem[],
): { list: DestAddress[]; next: number } {
  const list: DestAddress[] = [];
  for (let k = 0; k < count; k++) {
    if (o >= end) {
      problems.push({
        offset: o,
        length: 0,
        field: 'dest_address',
        expected: count + ' destinations (number_of_dests)',
        found: k + ' before the end of the PDU',
        message: 'the body ends after ' + k + ' of ' + count + ' destinations',
        status: STATUS.ESME_RINVMSGLEN,
      });
      return { list, next: -1 };
    }
    const flag = b[o]!;
    if (flag === 1) {
      if (o + 3 > end) {
        problems.push(truncated('dest_address', o, end, 3));
        return { list, next: -1 };
      }
      const ton = b[o + 1]!;
      const npi = b[o + 2]!;
      const r = readCString(b, o + 3, end, 21, 'destination_addr', problems, STATUS.ESME_RINVDSTADR);
      list.push({ dest_flag: 1, dest_addr_ton: ton, dest_addr_npi: npi, destination_addr: r.value });
      if (r.next < 0) return { list, next: -1 };
      o = r.next;
    } else if (flag === 2) {
      const r = readCString(b, o + 1, end, 21, 'dl_name', problems, STATUS.ESME_RINVDLNAME);
      list.push({ dest_flag: 2, dl_name: r.value });
      if (r.next < 0) return { list, next: -1 };
      o = r.next;
    } else {
      problems.push({
        offset: o,
        length: 1,
        field: 'dest_flag',
        expected: '1 (SME address) or 2 (distribution list)',
        found: String(flag),
        message: 'dest_flag ' + flag + ' is neither an SME address (1) nor a distribution list (2)',
        status: STATUS.ESME_RINVDESTFLAG,
      });
      return { list, next: -1 };
    }
  }
  return { list, next: o };
}

function readUnsuccessList(
  b: Uint8Array,
  o: number,
  end: number,
  count: number,
  problems: Problem[],
): { list: UnsuccessSme[]; next: number } {
  const list: UnsuccessSme[] = [];
  for (let k = 0; k < count; k++) {
    if (o + 2 > end) {
      problems.push({
        offset: o,
        length: end - o,
        field: 'unsuccess_sme',
        expected: count + ' unsuccessful SMEs (no_unsuccess)',
        found: k + ' before the end of the PDU',
        message: 'the body ends after ' + k + ' of ' + count + ' unsuccessful SMEs',
        status: STATUS.ESME_RINVMSGLEN,
      });
      return { list, next: -1 };
    }
    const ton = b[o]!;
    const npi = b[o + 1]!;
    const r = readCString(b, o + 2, end, 21, 'destination_addr', problems, STATUS.ESME_RINVDSTADR);
    const addr = r.value;
    if (r.next < 0) return { list, next: -1 };
    o = r.next;
    if (o + 4 > end) {
      problems.push(truncated('error_status_code', o, end, 4));
      return { list, next: -1 };
    }
    list.push({ dest_addr_ton: ton, dest_addr_npi: npi, destination_addr: addr, error_status_code: readU32(b, o) });
    o += 4;
  }
  return { list, next: o };
}

// ---------------------------------------------------------------------------------------------
// Encoding
// ---------------------------------------------------------------------------------------------

function intValue(field: string, v: unknown, max: number): number {
  if (v === undefined) return 0;
  if (typeof v !== 'number' || !(v >= 0 && v <= max) || Math.floor(v) !== v) {
    throw new EncodeError(field, 'expected an integer 0..' + max + ', got ' + String(v));
  }
  return v;
}

function stringValue(field: string, v: unknown): string {
  if (v === undefined) return '';
  if (typeof v !== 'string') throw new EncodeError(field, 'expected a string, got ' + typeof v);
  return v;
}

function octetsLength(field: string, v: unknown): number {
  if (v === undefined) return 0;
  if (v instanceof Uint8Array || typeof v === 'string') return v.length;
  throw new EncodeError(field, 'expected bytes (Uint8Array) or a latin1 string');
}

function writeLatin1(out: Uint8Array, o: number, s: string, field: string): number {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 0xff) throw new EncodeError(field, 'character U+' + c.toString(16).toUpperCase() + ' is not a single octet');
    out[o++] = c;
  }
  return o;
}

/** Whether encode writes field f (error responses stop at the first field not given). */
function present(f: FieldSpec, body: Record<string, unknown>): boolean {
  if (body[f.name] !== undefined) return true;
  return f.type === 'int1' && f.lengthOf !== undefined && body[f.lengthOf] !== undefined;
}

function listValue(field: string, v: unknown): readonly Record<string, unknown>[] {
  if (v === undefined) return [];
  if (!Array.isArray(v)) throw new EncodeError(field, 'expected an array');
  return v as Record<string, unknown>[];
}

/** Scratch for TLV encoding: bytes of structured values, computed in the sizing pass. */
interface TlvPlan {
  tag: number;
  bytes: Uint8Array | undefined;
  /** For ints written directly: the value and its size. */
  int: number;
  size: number;
  str: string | undefined;
}

/**
 * Encodes a PDU from the tables, filling in command_length (and sm_length, number_of_dests,
 * no_unsuccess). Throws EncodeError for values that cannot be written (wrong type, out of range,
 * characters above U+00FF in C-strings, unknown command or TLV names).
 */
export function encode<C extends CommandName>(pdu: PduInput<C>): Uint8Array;
/** Re-encodes a decoded PDU (an unknown command throws EncodeError). */
export function encode(pdu: DecodedPdu): Uint8Array;
export function encode(pdu: PduInput<CommandName> | DecodedPdu): Uint8Array {
  const name: string = pdu.command;
  if (!isCommandName(name)) throw new EncodeError('command', 'unknown command ' + JSON.stringify(name));
  const spec: CommandSpec = COMMANDS[name];
  const status = intValue('command_status', pdu.command_status, 0xffffffff);
  const seq = intValue('sequence_number', pdu.sequence_number, 0xffffffff);
  const body = (pdu.body ?? {}) as Record<string, unknown>;
  const fields = spec.body;
  const stopAtMissing = status !== 0 && (spec.id & 0x80000000) !== 0;

  // ---- pass 1: size ----------------------------------------------------------------------------
  let size = 16;
  let count = fields.length;
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i]!;
    if (stopAtMissing && !present(f, body)) {
      count = i;
      break;
    }
    const v = body[f.name];
    switch (f.type) {
      case 'int1':
        size += 1;
        break;
      case 'int2':
        size += 2;
        break;
      case 'int4':
        size += 4;
        break;
      case 'cstring':
        size += stringValue(f.name, v).length + 1;
        break;
      case 'octets':
        size += octetsLength(f.name, v);
        break;
      case 'dest_list':
        for (const d of listValue(f.name, v)) {
          size += d.dest_flag === 2 || (d.dest_flag === undefined && d.dl_name !== undefined)
            ? 2 + stringValue('dl_name', d.dl_name).length
            : 4 + stringValue('destination_addr', d.destination_addr).length;
        }
        break;
      case 'unsuccess_list':
        for (const d of listValue(f.name, v)) size += 7 + stringValue('destination_addr', d.destination_addr).length;
        break;
    }
  }
  const tlvIn = pdu.tlvs ?? [];
  const plans: TlvPlan[] = new Array<TlvPlan>(tlvIn.length);
  for (let i = 0; i < tlvIn.length; i++) {
    const t = tlvIn[i]!;
    const plan = planTlv(t);
    plans[i] = plan;
    size += 4 + plan.size;
  }

  // ---- pass 2: write ---------------------------------------------------------------------------
  const out = allocBytes(size);
  writeHeader(out, size, spec.id, status, seq);
  let o = 16;
  for (let i = 0; i < count; i++) {
    const f = fields[i]!;
    const v = body[f.name];
    switch (f.type) {
      case 'int1': {
        let x: number;
        if (f.lengthOf !== undefined) {
          const target = body[f.lengthOf];
          x = Array.isArray(target) ? target.length : octetsLength(f.lengthOf, target);
          if (x > 255) throw new EncodeError(f.lengthOf, 'is ' + x + ' long; ' + f.name + ' holds at most 255');
        } else x = intValue(f.name, v, 0xff);
        out[o++] = x;
        break;
      }
      case 'int2': {
        const x = intValue(f.name, v, 0xffff);
        out[o++] = x >> 8;
        out[o++] = x & 0xff;
        break;
      }
      case 'int4':
        writeU32(out, o, intValue(f.name, v, 0xffffffff));
        o += 4;
        break;
      case 'cstring':
        o = writeLatin1(out, o, stringValue(f.name, v), f.name);
        out[o++] = 0;
        break;
      case 'octets':
        if (typeof v === 'string') o = writeLatin1(out, o, v, f.name);
        else if (v instanceof Uint8Array) {
          out.set(v, o);
          o += v.length;
        }
        break;
      case 'dest_list':
        for (const d of listValue(f.name, v)) {
          if (d.dest_flag === 2 || (d.dest_flag === undefined && d.dl_name !== undefined)) {
            out[o++] = 2;
            o = writeLatin1(out, o, stringValue('dl_name', d.dl_name), 'dl_name');
          } else {
            out[o++] = 1;
            out[o++] = intValue('dest_addr_ton', d.dest_addr_ton, 0xff);
            out[o++] = intValue('dest_addr_npi', d.dest_addr_npi, 0xff);
            o = writeLatin1(out, o, stringValue('destination_addr', d.destination_addr), 'destination_addr');
          }
          out[o++] = 0;
        }
        break;
      case 'unsuccess_list':
        for (const d of listValue(f.name, v)) {
          out[o++] = intValue('dest_addr_ton', d.dest_addr_ton, 0xff);
          out[o++] = intValue('dest_addr_npi', d.dest_addr_npi, 0xff);
          o = writeLatin1(out, o, stringValue('destination_addr', d.destination_addr), 'destination_addr');
          out[o++] = 0;
          writeU32(out, o, intValue('error_status_code', d.error_status_code, 0xffffffff));
          o += 4;
        }
        break;
    }
  }
  for (let i = 0; i < plans.length; i++) {
    const p = plans[i]!;
    out[o++] = p.tag >> 8;
    out[o++] = p.tag & 0xff;
    out[o++] = p.size >> 8;
    out[o++] = p.size & 0xff;
    if (p.bytes !== undefined) {
      out.set(p.bytes, o);
      o += p.size;
    } else if (p.str !== undefined) {
      const e = writeLatin1(out, o, p.str, tlvName(p.tag));
      out.fill(0, e, o + p.size); // the NUL, and any padding the length asks for
      o += p.size;
    } else {
      let x = p.int;
      for (let k = p.size - 1; k >= 0; k--) {
        out[o + k] = x & 0xff;
        x = x >>> 8;
      }
      o += p.size;
    }
  }
  return out;
}

function writeHeader(out: Uint8Array, len: number, id: number, status: number, seq: number): void {
  writeU32(out, 0, len);
  writeU32(out, 4, id);
  writeU32(out, 8, status);
  writeU32(out, 12, seq);
}

const INT_TLV_SIZE: Readonly<Record<string, number>> = { int1: 1, int2: 2, int4: 4 };

function planTlv(t: TlvInput): TlvPlan {
  let tag = t.tag;
  const spec = tag !== undefined ? tlvByTag(tag) : t.name !== undefined ? tlvByName(t.name) : undefined;
  if (tag === undefined) {
    if (spec === undefined) throw new EncodeError('tlvs', 'unknown TLV ' + JSON.stringify(t.name) + ' (give a tag)');
    tag = spec.tag;
  }
  if (!(tag >= 0 && tag <= 0xffff)) throw new EncodeError('tlvs', 'tag ' + String(tag) + ' is not 0..0xFFFF');
  const v = t.value;
  if (v === undefined || spec === undefined) {
    const raw = v instanceof Uint8Array ? v : t.raw;
    if (raw === undefined) throw new EncodeError(tlvName(tag), 'needs a value or raw bytes');
    if (raw.length > 0xffff) throw new EncodeError(tlvName(tag), 'value longer than 65535 octets');
    return { tag, bytes: raw, int: 0, size: raw.length, str: undefined };
  }
  // Fast paths for the common shapes; everything else goes through the table's encoder.
  const intSize = INT_TLV_SIZE[spec.type];
  if (intSize !== undefined && typeof v === 'number' && (t.length === undefined || (t.length >= 1 && t.length <= 4))) {
    const size = t.length === undefined ? intSize : t.length;
    const max = size === 4 ? 0xffffffff : (1 << (8 * size)) - 1;
    return { tag, bytes: undefined, int: intValue(spec.name, v, max), size, str: undefined };
  }
  if (spec.type === 'cstring' && typeof v === 'string') {
    const size = t.length !== undefined && t.length >= v.length ? t.length : v.length + 1;
    return { tag, bytes: undefined, int: 0, size, str: v };
  }
  if (spec.type === 'octets' && v instanceof Uint8Array) {
    if (v.length > 0xffff) throw new EncodeError(spec.name, 'value longer than 65535 octets');
    return { tag, bytes: v, int: 0, size: v.length, str: undefined };
  }
  const bytes = encodeTlvValue(spec, v, t.length);
  if (bytes.length > 0xffff) throw new EncodeError(spec.name, 'value longer than 65535 octets');
  return { tag, bytes, int: 0, size: bytes.length, str: undefined };
}

// ---------------------------------------------------------------------------------------------
// Helpers for code that holds a decoded PDU
// ---------------------------------------------------------------------------------------------

/** Narrows a decoded PDU to command C. */
export function isCommand<C extends CommandName>(pdu: DecodedPdu, command: C): pdu is PduOf<C> {
  return pdu.command === command;
}

/** The first TLV named N, typed: `tlvValue(pdu, 'message_state')` is `number | undefined`. */
export function tlvValue<N extends TlvName>(pdu: { tlvs: readonly DecodedTlv[] }, name: N): TlvValue<N> | undefined {
  for (const t of pdu.tlvs) if (t.name === name) return t.value as TlvValue<N> | undefined;
  return undefined;
}

/** The problems that make a receiver answer with an error, first one first (or undefined). */
export function rejectStatus(problems: readonly Problem[]): number | undefined {
  for (const p of problems) if (p.status !== undefined) return p.status;
  return undefined;
}


// ---------------------------------------------------------------------------------------------
// JSON form (the CLI's `--json`): raw values, octet strings as hex
// ---------------------------------------------------------------------------------------------

/** A PDU as plain JSON: integers as numbers, C-Octet Strings as strings, octet strings as hex. */
export interface JsonPdu {
  command_length: number;
  command_id: number;
  command_status: number;
  sequence_number: number;
  command: string;
  body: Record<string, unknown>;
  tlvs: { tag: number; name: string; length: number; value: unknown }[];
}

function hexToBytes(field: string, v: unknown): Uint8Array {
  if (v instanceof Uint8Array) return v;
  const out = typeof v === 'string' ? fromHex(v) : undefined;
  if (out === undefined) throw new EncodeError(field, 'expected hex digits in pairs');
  return out;
}

function jsonValue(v: unknown): unknown {
  if (v instanceof Uint8Array) return toHex(v);
  if (Array.isArray(v)) return v.map(jsonValue);
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = jsonValue(x);
    return out;
  }
  return v;
}

/** The JSON form of a decoded PDU (octet strings, also inside TLV values, become hex). */
export function toJsonPdu(pdu: DecodedPdu): JsonPdu {
  return {
    command_length: pdu.command_length,
    command_id: pdu.command_id,
    command_status: pdu.command_status,
    sequence_number: pdu.sequence_number,
    command: pdu.command,
    body: jsonValue(pdu.body) as Record<string, unknown>,
    tlvs: pdu.tlvs.map((t) => ({ tag: t.tag, name: t.name, length: t.length, value: jsonValue(t.value ?? t.raw) })),
  };
}

/** Members of structured TLV values that hold octets (hex in JSON). */
const TLV_BYTE_MEMBERS: Readonly<Record<string, string>> = {
  callback_num_atag: 'display',
  subaddress: 'address',
  broadcast_area_identifier: 'area',
  billing_identification: 'data',
};

/**
 * Reads the JSON form back into encoder input, by the tables: octet fields and TLVs take hex.
 * `command_length` is ignored (encode computes it); `length` keeps odd TLV sizes exact.
 */
export function fromJsonPdu(json: Partial<JsonPdu> & { command: string }): PduInput<CommandName> {
  if (!isCommandName(json.command)) throw new EncodeError('command', 'unknown command ' + JSON.stringify(json.command));
  const spec: CommandSpec = COMMANDS[json.command];
  const body: Record<string, unknown> = { ...(json.body ?? {}) };
  for (const f of spec.body) if (f.type === 'octets' && body[f.name] !== undefined) body[f.name] = hexToBytes(f.name, body[f.name]);
  const tlvs: TlvInput[] = (json.tlvs ?? []).map((t) => {
    const tspec = t.tag !== undefined ? tlvByTag(t.tag) : t.name !== undefined ? tlvByName(t.name) : undefined;
    const tag = t.tag ?? tspec?.tag;
    const out: TlvInput = tag === undefined ? { name: t.name } : { tag };
    if (t.length !== undefined) out.length = t.length;
    if (tspec === undefined) {
      out.raw = hexToBytes(t.name ?? 'tlv', t.value);
    } else if (tspec.type === 'octets') {
      out.value = hexToBytes(tspec.name, t.value);
    } else if (TLV_BYTE_MEMBERS[tspec.type] !== undefined && t.value !== null && typeof t.value === 'object') {
      const member = TLV_BYTE_MEMBERS[tspec.type]!;
      const v = { ...(t.value as Record<string, unknown>) };
      v[member] = hexToBytes(tspec.name + '.' + member, v[member] ?? '');
      out.value = v;
    } else {
      out.value = t.value;
    }
    return out;
  });
  const input: PduInput<CommandName> = { command: json.command, body: body as BodyInput<CommandName>, tlvs };
  if (json.command_status !== undefined) input.command_status = json.command_status;
  if (json.sequence_number !== undefined) input.sequence_number = json.sequence_number;
  return input;
}
