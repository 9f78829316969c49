// Every optional parameter (TLV) of SMPP 3.4 and 5.0 as one typed, read-only table: tag, name,
// value type and allowed size. How each value type is read, checked, written and described is in
// the codec's field type descriptors (../codec/types), which read values by the TLV's own length.

import type { ValueKind } from './values';

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
  /** The spec version that brought the TLV; absent for a vendor TLV from a dictionary. */
  readonly since?: '3.4' | '5.0';
  /** A vendor TLV from a dictionary (../tables/tlvDictionary): the field tree shows this label. */
  readonly label?: string;
  /** Set on a vendor TLV from a dictionary: its integer values' names are given with the value. */
  readonly dictionary?: true;
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
  if (spec !== undefined) return LABELS.get(tag)!;
  return (isVendorTag(tag) ? 'Vendor-specific TLV ' : 'Unknown TLV ') + hex4(tag) + ' (raw bytes)';
}

function specLabel(spec: TlvSpec): string {
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

/** Each known TLV's label, made once (the field tree asks for one per TLV). */
const LABELS: ReadonlyMap<number, string> = new Map(TLVS.map((t): [number, string] => [t.tag, specLabel(t)]));

// ---------------------------------------------------------------------------------------------
// Octets as text, and the encoder's error
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
