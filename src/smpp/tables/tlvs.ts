// Every optional parameter (TLV) of SMPP 3.4 and 5.0 as one typed, read-only table, plus the
// value decoders and encoders the codec calls. Values are always read by the TLV's own length
// field, never by the size the table expects: a size mismatch becomes a problem, not a misread.

import type { ValueKind } from './values';
import { STATUS } from './values';

export type TlvType =
  | 'int1'
  | 'int2'
  | 'int4'
  /** Big-endian unsigned integer of whatever length the TLV has (1..6 octets). */
  | 'uint'
  | 'cstring'
  /** Fixed-size text without a NUL (node ids). */
  | 'text'
  | 'octets'
  /** Empty (flag present) or one octet. */
  | 'flag_or_int1'
  | 'network_error_code'
  | 'callback_num'
  | 'callback_num_atag'
  | 'subaddress'
  | 'broadcast_area_identifier'
  | 'broadcast_content_type'
  | 'broadcast_frequency_interval'
  | 'billing_identification'
  | 'its_session_info'
  | 'ms_validity';

export interface TlvSpec {
  readonly tag: number;
  /** Spec spelling. */
  readonly name: string;
  readonly type: TlvType;
  /** Allowed value length in octets: exact size, or [min, max]. */
  readonly size?: number | readonly [number, number];
  readonly values?: ValueKind;
  /** Names for the values of small enumerations that values.ts does not cover. */
  readonly names?: Readonly<Record<number, string>>;
  /** An SMPP time string. */
  readonly time?: boolean;
  /** Carries message content (message_payload): the field tree decodes text under it. */
  readonly message?: boolean;
  readonly since: '3.4' | '5.0';
}

const PRIVACY = { 0: 'not restricted', 1: 'restricted', 2: 'confidential', 3: 'secret' } as const;
const DISPLAY_TIME = { 0: 'temporary', 1: 'default', 2: 'invoke' } as const;
const ITS_REPLY = {
  0: 'digit',
  1: 'number',
  2: 'telephone number',
  3: 'password',
  4: 'character line',
  5: 'menu',
  6: 'date',
  7: 'time',
  8: 'continue',
} as const;
const LANGUAGE = { 0: 'unspecified', 1: 'English', 2: 'French', 3: 'Spanish', 4: 'German', 5: 'Portuguese' } as const;
const CHANNEL = { 0: 'basic broadcast channel', 1: 'extended broadcast channel' } as const;
const ALERT = { 0: 'use mobile default alert', 1: 'low-priority alert', 2: 'medium-priority alert', 3: 'high-priority alert' } as const;
const DPF = { 0: 'DPF not set', 1: 'DPF set' } as const;
const BCAST_CLASS = { 0: 'no class', 1: 'class 1 (user defined)', 2: 'class 2 (user defined)', 3: 'class 3 (terminal equipment)' } as const;

export const TLVS = [
  { tag: 0x0005, name: 'dest_addr_subunit', type: 'int1', size: 1, values: 'subunit', since: '3.4' },
  { tag: 0x0006, name: 'dest_network_type', type: 'int1', size: 1, values: 'network_type', since: '3.4' },
  { tag: 0x0007, name: 'dest_bearer_type', type: 'int1', size: 1, values: 'bearer_type', since: '3.4' },
  { tag: 0x0008, name: 'dest_telematics_id', type: 'int2', size: 2, since: '3.4' },
  { tag: 0x000d, name: 'source_addr_subunit', type: 'int1', size: 1, values: 'subunit', since: '3.4' },
  { tag: 0x000e, name: 'source_network_type', type: 'int1', size: 1, values: 'network_type', since: '3.4' },
  { tag: 0x000f, name: 'source_bearer_type', type: 'int1', size: 1, values: 'bearer_type', since: '3.4' },
  // The 3.4 spec says 1 octet; Wireshark and node-smpp read 2. Decoding by length handles both.
  { tag: 0x0010, name: 'source_telematics_id', type: 'int1', size: 1, since: '3.4' },
  { tag: 0x0017, name: 'qos_time_to_live', type: 'int4', size: 4, since: '3.4' },
  { tag: 0x0019, name: 'payload_type', type: 'int1', size: 1, values: 'payload_type', since: '3.4' },
  { tag: 0x001d, name: 'additional_status_info_text', type: 'cstring', size: [1, 256], since: '3.4' },
  { tag: 0x001e, name: 'receipted_message_id', type: 'cstring', size: [1, 65], since: '3.4' },
  { tag: 0x0030, name: 'ms_msg_wait_facilities', type: 'int1', size: 1, since: '3.4' },
  { tag: 0x0201, name: 'privacy_indicator', type: 'int1', size: 1, names: PRIVACY, since: '3.4' },
  { tag: 0x0202, name: 'source_subaddress', type: 'subaddress', size: [2, 23], since: '3.4' },
  { tag: 0x0203, name: 'dest_subaddress', type: 'subaddress', size: [2, 23], since: '3.4' },
  { tag: 0x0204, name: 'user_message_reference', type: 'int2', size: 2, since: '3.4' },
  { tag: 0x0205, name: 'user_response_code', type: 'int1', size: 1, since: '3.4' },
  { tag: 0x020a, name: 'source_port', type: 'int2', size: 2, since: '3.4' },
  { tag: 0x020b, name: 'destination_port', type: 'int2', size: 2, since: '3.4' },
  { tag: 0x020c, name: 'sar_msg_ref_num', type: 'int2', size: 2, since: '3.4' },
  { tag: 0x020d, name: 'language_indicator', type: 'int1', size: 1, names: LANGUAGE, since: '3.4' },
  { tag: 0x020e, name: 'sar_total_segments', type: 'int1', size: 1, since: '3.4' },
  { tag: 0x020f, name: 'sar_segment_seqnum', type: 'int1', size: 1, since: '3.4' },
  { tag: 0x0210, name: 'sc_interface_version', type: 'int1', size: 1, values: 'interface_version', since: '3.4' },
  { tag: 0x0302, name: 'callback_num_pres_ind', type: 'int1', size: 1, since: '3.4' },
  { tag: 0x0303, name: 'callback_num_atag', type: 'callback_num_atag', size: [1, 65], since: '3.4' },
  { tag: 0x0304, name: 'number_of_messages', type: 'int1', size: 1, since: '3.4' },
  { tag: 0x0381, name: 'callback_num', type: 'callback_num', size: [4, 19], since: '3.4' },
  { tag: 0x0420, name: 'dpf_result', type: 'int1', size: 1, names: DPF, since: '3.4' },
  { tag: 0x0421, name: 'set_dpf', type: 'int1', size: 1, values: 'boolean', since: '3.4' },
  { tag: 0x0422, name: 'ms_availability_status', type: 'int1', size: 1, values: 'ms_availability', since: '3.4' },
  { tag: 0x0423, name: 'network_error_code', type: 'network_error_code', size: 3, since: '3.4' },
  { tag: 0x0424, name: 'message_payload', type: 'octets', message: true, since: '3.4' },
  {
    tag: 0x0425,
    name: 'delivery_failure_reason',
    type: 'int1',
    size: 1,
    values: 'delivery_failure_reason',
    since: '3.4',
  },
  { tag: 0x0426, name: 'more_messages_to_send', type: 'int1', size: 1, values: 'boolean', since: '3.4' },
  { tag: 0x0427, name: 'message_state', type: 'int1', size: 1, values: 'message_state', since: '3.4' },
  { tag: 0x0428, name: 'congestion_state', type: 'int1', size: 1, since: '5.0' },
  { tag: 0x0501, name: 'ussd_service_op', type: 'int1', size: 1, values: 'ussd_service_op', since: '3.4' },
  { tag: 0x0600, name: 'broadcast_channel_indicator', type: 'int1', size: 1, names: CHANNEL, since: '5.0' },
  { tag: 0x0601, name: 'broadcast_content_type', type: 'broadcast_content_type', size: 3, since: '5.0' },
  { tag: 0x0602, name: 'broadcast_content_type_info', type: 'octets', size: [0, 255], since: '5.0' },
  { tag: 0x0603, name: 'broadcast_message_class', type: 'int1', size: 1, names: BCAST_CLASS, since: '5.0' },
  { tag: 0x0604, name: 'broadcast_rep_num', type: 'int2', size: 2, since: '5.0' },
  {
    tag: 0x0605,
    name: 'broadcast_frequency_interval',
    type: 'broadcast_frequency_interval',
    size: 3,
    since: '5.0',
  },
  {
    tag: 0x0606,
    name: 'broadcast_area_identifier',
    type: 'broadcast_area_identifier',
    size: [1, 100],
    since: '5.0',
  },
  { tag: 0x0607, name: 'broadcast_error_status', type: 'int4', size: 4, values: 'command_status', since: '5.0' },
  { tag: 0x0608, name: 'broadcast_area_success', type: 'int1', size: 1, since: '5.0' },
  { tag: 0x0609, name: 'broadcast_end_time', type: 'cstring', size: [1, 17], time: true, since: '5.0' },
  { tag: 0x060a, name: 'broadcast_service_group', type: 'octets', size: [1, 255], since: '5.0' },
  { tag: 0x060b, name: 'billing_identification', type: 'billing_identification', size: [1, 1024], since: '5.0' },
  { tag: 0x060d, name: 'source_network_id', type: 'cstring', size: [7, 65], since: '5.0' },
  { tag: 0x060e, name: 'dest_network_id', type: 'cstring', size: [7, 65], since: '5.0' },
  { tag: 0x060f, name: 'source_node_id', type: 'text', size: 6, since: '5.0' },
  { tag: 0x0610, name: 'dest_node_id', type: 'text', size: 6, since: '5.0' },
  { tag: 0x0611, name: 'dest_addr_np_resolution', type: 'int1', size: 1, since: '5.0' },
  { tag: 0x0612, name: 'dest_addr_np_information', type: 'octets', size: [1, 10], since: '5.0' },
  { tag: 0x0613, name: 'dest_addr_np_country', type: 'uint', size: 5, since: '5.0' },
  { tag: 0x1201, name: 'display_time', type: 'int1', size: 1, names: DISPLAY_TIME, since: '3.4' },
  { tag: 0x1203, name: 'sms_signal', type: 'int2', size: 2, since: '3.4' },
  { tag: 0x1204, name: 'ms_validity', type: 'ms_validity', size: [1, 4], since: '3.4' },
  { tag: 0x130c, name: 'alert_on_message_delivery', type: 'flag_or_int1', size: [0, 1], names: ALERT, since: '3.4' },
  { tag: 0x1380, name: 'its_reply_type', type: 'int1', size: 1, names: ITS_REPLY, since: '3.4' },
  { tag: 0x1383, name: 'its_session_info', type: 'its_session_info', size: 2, since: '3.4' },
] as const satisfies readonly TlvSpec[];

export type TlvName = (typeof TLVS)[number]['name'];

// ---------------------------------------------------------------------------------------------
// Value types
// ---------------------------------------------------------------------------------------------

export interface NetworkErrorCode {
  /** Network type: 1 ANSI-136, 2 IS-95, 3 GSM, ... 8 SMSC specific. */
  type: number;
  code: number;
}
export interface CallbackNum {
  /** 0 = TBCD, 1 = ASCII. */
  digitMode: number;
  ton: number;
  npi: number;
  digits: string;
}
export interface CallbackNumAtag {
  dataCoding: number;
  display: Uint8Array;
}
export interface Subaddress {
  /** 0x80 NSAP (even), 0x88 NSAP (odd), 0xA0 user specified. */
  type: number;
  address: Uint8Array;
}
export interface BroadcastAreaIdentifier {
  /** 0 alias/name, 1 ellipsoid arc, 2 polygon. */
  format: number;
  area: Uint8Array;
}
export interface BroadcastContentType {
  /** Network type (0 generic, 1 GSM, 2 TDMA, 3 CDMA). */
  network: number;
  contentType: number;
}
export interface BroadcastFrequencyInterval {
  /** 0 as often as possible, 8 seconds ... 0x0E years. */
  unit: number;
  interval: number;
}
export interface BillingIdentification {
  format: number;
  data: Uint8Array;
}
export interface ItsSessionInfo {
  sessionNumber: number;
  sequenceNumber: number;
  endOfSession: boolean;
}
export interface MsValidity {
  behaviour: number;
  unit: number;
  count: number;
}

interface TlvValueByType {
  int1: number;
  int2: number;
  int4: number;
  uint: number;
  cstring: string;
  text: string;
  octets: Uint8Array;
  flag_or_int1: number | null;
  network_error_code: NetworkErrorCode;
  callback_num: CallbackNum;
  callback_num_atag: CallbackNumAtag;
  subaddress: Subaddress;
  broadcast_area_identifier: BroadcastAreaIdentifier;
  broadcast_content_type: BroadcastContentType;
  broadcast_frequency_interval: BroadcastFrequencyInterval;
  billing_identification: BillingIdentification;
  its_session_info: ItsSessionInfo;
  ms_validity: number | MsValidity;
}

/** The decoded value type of the TLV named N: `TlvValue<'network_error_code'>` is `{type, code}`. */
export type TlvValue<N extends TlvName> = TlvValueByType[Extract<(typeof TLVS)[number], { name: N }>['type']];

/** Any decoded TLV value (unknown and vendor TLVs carry their raw bytes as the value). */
export type AnyTlvValue = TlvValueByType[TlvType];

// ---------------------------------------------------------------------------------------------
// Lookups
// ---------------------------------------------------------------------------------------------

const BY_TAG: ReadonlyMap<number, TlvSpec> = new Map(TLVS.map((t): [number, TlvSpec] => [t.tag, t]));
const BY_NAME: ReadonlyMap<string, TlvSpec> = new Map(TLVS.map((t): [string, TlvSpec] => [t.name, t]));

export function tlvByTag(tag: number): TlvSpec | undefined {
  return BY_TAG.get(tag);
}

export function tlvByName(name: string): TlvSpec | undefined {
  return BY_NAME.get(name);
}

export function isVendorTag(tag: number): boolean {
  return tag >= 0x1400 && tag <= 0x3fff;
}

const hex4 = (tag: number): string => '0x' + tag.toString(16).toUpperCase().padStart(4, '0');

/** The name for any tag: the spec name, `vendor_0x1400`, or `unknown_0x0999`. */
export function tlvName(tag: number): string {
  const spec = BY_TAG.get(tag);
  if (spec !== undefined) return spec.name;
  return (isVendorTag(tag) ? 'vendor_' : 'unknown_') + hex4(tag);
}

/** A label for people: `Receipted message ID`, `Vendor-specific TLV 0x1400 (raw bytes)`. */
export function tlvLabel(tag: number): string {
  const spec = BY_TAG.get(tag);
  if (spec === undefined) {
    return (isVendorTag(tag) ? 'Vendor-specific TLV ' : 'Unknown TLV ') + hex4(tag) + ' (raw bytes)';
  }
  const s = spec.name
    .replace(/_/g, ' ')
    .replace(/\bid\b/g, 'ID')
    .replace(/\bsar\b/g, 'SAR')
    .replace(/\bdpf\b/g, 'DPF')
    .replace(/\bussd\b/g, 'USSD')
    .replace(/\bqos\b/g, 'QoS')
    .replace(/\bms\b/g, 'MS')
    .replace(/\bsc\b/g, 'SC')
    .replace(/\bnp\b/g, 'NP')
    .replace(/\bits\b/g, 'ITS')
    .replace(/\baddr\b/g, 'address')
    .replace(/\bnum\b/g, 'number');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Human text for an expected size. */
export function describeSize(size: number | readonly [number, number] | undefined): string {
  if (size === undefined) return 'any length';
  if (typeof size === 'number') return size + (size === 1 ? ' octet' : ' octets');
  return size[0] + '..' + size[1] + ' octets';
}

export function sizeAllowed(size: number | readonly [number, number] | undefined, n: number): boolean {
  if (size === undefined) return true;
  if (typeof size === 'number') return n === size;
  return n >= size[0] && n <= size[1];
}

// ---------------------------------------------------------------------------------------------
// Value decoding (by the TLV's length) and encoding
// ---------------------------------------------------------------------------------------------

// Node's native latin1 slicer accepts any Uint8Array; it is the fastest way to turn octets into
// a one-char-per-byte string (no TextDecoder: its "latin1" is really windows-1252). Looked up
// through globalThis, so that the module also runs in the browser, where a loop does the work.
const nativeLatin1 = (globalThis as { Buffer?: { prototype: { latin1Slice?: (this: Uint8Array, s: number, e: number) => string } } }).Buffer
  ?.prototype.latin1Slice;

/** Reads octets [start, end) as latin1 text, one char per byte. */
export function latin1(b: Uint8Array, start: number, end: number): string {
  const n = end - start;
  if (n <= 0) return '';
  if (n === 1) return String.fromCharCode(b[start]!);
  if (n === 2) return String.fromCharCode(b[start]!, b[start + 1]!);
  if (nativeLatin1 !== undefined) return nativeLatin1.call(b, start, end);
  let s = '';
  for (let i = start; i < end; i += 4096) s += String.fromCharCode(...b.subarray(i, Math.min(end, i + 4096)));
  return s;
}

function uintBE(b: Uint8Array, o: number, n: number): number {
  let v = 0;
  for (let i = 0; i < n; i++) v = v * 256 + b[o + i]!;
  return v;
}

/** The outcome of decoding one TLV value; `problem` describes a size or format fault. */
export interface TlvValueResult {
  value: AnyTlvValue | undefined;
  problem?: { expected: string; found: string; message: string; status: number };
}

function sizeProblem(spec: TlvSpec, len: number): TlvValueResult['problem'] {
  return {
    expected: describeSize(spec.size),
    found: len + (len === 1 ? ' octet' : ' octets'),
    message: spec.name + ' has length ' + len + '; the spec wants ' + describeSize(spec.size),
    status: STATUS.ESME_RINVTLVLEN,
  };
}

/**
 * Decodes the value of a known TLV from b[o, o+len). Integers of an unexpected length are read
 * big-endian at the length given (1..6 octets); structures too short to read yield `undefined`.
 */
export function decodeTlvValue(spec: TlvSpec, b: Uint8Array, o: number, len: number): TlvValueResult {
  const okSize = sizeAllowed(spec.size, len);
  let value: AnyTlvValue | undefined;
  switch (spec.type) {
    case 'int1':
    case 'int2':
    case 'int4':
    case 'uint':
      value = len >= 1 && len <= 6 ? uintBE(b, o, len) : undefined;
      break;
    case 'flag_or_int1':
      value = len === 0 ? null : len <= 6 ? uintBE(b, o, len) : undefined;
      break;
    case 'cstring': {
      let nul = o;
      const end = o + len;
      while (nul < end && b[nul] !== 0) nul++;
      value = latin1(b, o, nul);
      if (okSize && nul < end - 1) {
        return {
          value,
          problem: {
            expected: 'the NUL as the last octet',
            found: end - nul - 1 + ' octet(s) after the NUL',
            message: spec.name + ' has octets after its terminating NUL',
            status: STATUS.ESME_RINVTLVLEN,
          },
        };
      }
      if (okSize && nul === end) {
        return {
          value,
          problem: {
            expected: 'a NUL-terminated string',
            found: 'no NUL within ' + len + ' octets',
            message: spec.name + ' is not NUL-terminated',
            status: STATUS.ESME_RINVTLVVAL,
          },
        };
      }
      break;
    }
    case 'text':
      value = latin1(b, o, o + len);
      break;
    case 'octets':
      value = b.subarray(o, o + len);
      break;
    case 'network_error_code':
      value = len >= 3 ? { type: b[o]!, code: (b[o + 1]! << 8) | b[o + 2]! } : undefined;
      break;
    case 'callback_num':
      value =
        len >= 3 ? { digitMode: b[o]!, ton: b[o + 1]!, npi: b[o + 2]!, digits: latin1(b, o + 3, o + len) } : undefined;
      break;
    case 'callback_num_atag':
      value = len >= 1 ? { dataCoding: b[o]!, display: b.subarray(o + 1, o + len) } : undefined;
      break;
    case 'subaddress':
      value = len >= 1 ? { type: b[o]!, address: b.subarray(o + 1, o + len) } : undefined;
      break;
    case 'broadcast_area_identifier':
      value = len >= 1 ? { format: b[o]!, area: b.subarray(o + 1, o + len) } : undefined;
      break;
    case 'billing_identification':
      value = len >= 1 ? { format: b[o]!, data: b.subarray(o + 1, o + len) } : undefined;
      break;
    case 'broadcast_content_type':
      value = len >= 3 ? { network: b[o]!, contentType: (b[o + 1]! << 8) | b[o + 2]! } : undefined;
      break;
    case 'broadcast_frequency_interval':
      value = len >= 3 ? { unit: b[o]!, interval: (b[o + 1]! << 8) | b[o + 2]! } : undefined;
      break;
    case 'its_session_info':
      value =
        len >= 2 ? { sessionNumber: b[o]!, sequenceNumber: b[o + 1]! >> 1, endOfSession: (b[o + 1]! & 1) === 1 } : undefined;
      break;
    case 'ms_validity':
      value =
        len === 1
          ? b[o]!
          : len >= 4
            ? { behaviour: b[o]!, unit: b[o + 1]!, count: (b[o + 2]! << 8) | b[o + 3]! }
            : undefined;
      break;
  }
  return okSize ? { value } : { value, problem: sizeProblem(spec, len) };
}

/** Thrown by encode for values it cannot write. */
export class EncodeError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(field + ': ' + message);
    this.name = 'EncodeError';
  }
}

function bytesOf(field: string, v: unknown): Uint8Array {
  if (v instanceof Uint8Array) return v;
  if (typeof v === 'string') {
    const out = new Uint8Array(v.length);
    for (let i = 0; i < v.length; i++) {
      const c = v.charCodeAt(i);
      if (c > 0xff) throw new EncodeError(field, 'character U+' + c.toString(16).toUpperCase() + ' is not a single octet');
      out[i] = c;
    }
    return out;
  }
  throw new EncodeError(field, 'expected bytes');
}

function intOf(field: string, v: unknown, max: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > max) {
    throw new EncodeError(field, 'expected an integer 0..' + max + ', got ' + String(v));
  }
  return v;
}

function obj(field: string, v: unknown): Record<string, unknown> {
  if (typeof v !== 'object' || v === null) throw new EncodeError(field, 'expected an object');
  return v as Record<string, unknown>;
}

const INT_SIZE: Readonly<Record<string, number>> = { int1: 1, int2: 2, int4: 4, uint: 5 };

/**
 * Encodes a TLV value to bytes. `lengthHint` (the decoded TLV's length) keeps odd but valid
 * encodings byte-exact on a round trip: an int written in 2 octets, a C-string without its NUL.
 */
export function encodeTlvValue(spec: TlvSpec, value: unknown, lengthHint?: number): Uint8Array {
  const name = spec.name;
  switch (spec.type) {
    case 'int1':
    case 'int2':
    case 'int4':
    case 'uint':
    case 'flag_or_int1': {
      if (spec.type === 'flag_or_int1' && value === null) return new Uint8Array(0);
      let n = INT_SIZE[spec.type] ?? 1;
      if (lengthHint !== undefined && lengthHint >= 1 && lengthHint <= 6) n = lengthHint;
      const v = intOf(name, value, n >= 6 ? Number.MAX_SAFE_INTEGER : 256 ** n - 1);
      const out = new Uint8Array(n);
      let x = v;
      for (let i = n - 1; i >= 0; i--) {
        out[i] = x % 256;
        x = Math.floor(x / 256);
      }
      return out;
    }
    case 'cstring': {
      if (typeof value !== 'string') throw new EncodeError(name, 'expected a string');
      const s = bytesOf(name, value);
      const n = lengthHint !== undefined && lengthHint >= s.length ? lengthHint : s.length + 1;
      const out = new Uint8Array(n);
      out.set(s);
      return out;
    }
    case 'text':
      if (typeof value !== 'string') throw new EncodeError(name, 'expected a string');
      return bytesOf(name, value);
    case 'octets':
      return bytesOf(name, value);
    case 'network_error_code': {
      const v = obj(name, value);
      const code = intOf(name + '.code', v.code, 0xffff);
      return Uint8Array.of(intOf(name + '.type', v.type, 0xff), code >> 8, code & 0xff);
    }
    case 'callback_num': {
      const v = obj(name, value);
      const digits = bytesOf(name + '.digits', v.digits ?? '');
      const out = new Uint8Array(3 + digits.length);
      out[0] = intOf(name + '.digitMode', v.digitMode ?? 0, 0xff);
      out[1] = intOf(name + '.ton', v.ton ?? 0, 0xff);
      out[2] = intOf(name + '.npi', v.npi ?? 0, 0xff);
      out.set(digits, 3);
      return out;
    }
    case 'callback_num_atag':
      return prefixed(name, obj(name, value), 'dataCoding', 'display');
    case 'subaddress':
      return prefixed(name, obj(name, value), 'type', 'address');
    case 'broadcast_area_identifier':
      return prefixed(name, obj(name, value), 'format', 'area');
    case 'billing_identification':
      return prefixed(name, obj(name, value), 'format', 'data');
    case 'broadcast_content_type': {
      const v = obj(name, value);
      const c = intOf(name + '.contentType', v.contentType, 0xffff);
      return Uint8Array.of(intOf(name + '.network', v.network, 0xff), c >> 8, c & 0xff);
    }
    case 'broadcast_frequency_interval': {
      const v = obj(name, value);
      const c = intOf(name + '.interval', v.interval, 0xffff);
      return Uint8Array.of(intOf(name + '.unit', v.unit, 0xff), c >> 8, c & 0xff);
    }
    case 'its_session_info': {
      const v = obj(name, value);
      const seq = intOf(name + '.sequenceNumber', v.sequenceNumber, 0x7f);
      return Uint8Array.of(intOf(name + '.sessionNumber', v.sessionNumber, 0xff), (seq << 1) | (v.endOfSession === true ? 1 : 0));
    }
    case 'ms_validity': {
      if (typeof value === 'number') return Uint8Array.of(intOf(name, value, 0xff));
      const v = obj(name, value);
      const count = intOf(name + '.count', v.count, 0xffff);
      return Uint8Array.of(intOf(name + '.behaviour', v.behaviour, 0xff), intOf(name + '.unit', v.unit, 0xff), count >> 8, count & 0xff);
    }
  }
}

function prefixed(name: string, v: Record<string, unknown>, first: string, rest: string): Uint8Array {
  const data = bytesOf(name + '.' + rest, v[rest] ?? new Uint8Array(0));
  const out = new Uint8Array(1 + data.length);
  out[0] = intOf(name + '.' + first, v[first] ?? 0, 0xff);
  out.set(data, 1);
  return out;
}
