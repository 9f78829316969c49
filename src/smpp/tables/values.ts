// Names for every coded value in SMPP 3.4 / 5.0: command_status, ton, npi, esm_class,
// registered_delivery, message_state, priority_flag, interface_version, data_coding and a few
// smaller enumerations. Pure data plus small lookup functions; nothing here allocates per call
// except the display strings it returns.

import { describeDataCoding } from '../text/index';

// ---------------------------------------------------------------------------------------------
// command_status
// ---------------------------------------------------------------------------------------------

/** One row per command_status value: 3.4 name, the 5.0 name where it differs, plain meaning. */
export interface StatusInfo {
  readonly code: number;
  /** The SMPP 3.4 name (the 5.0 name when the code is 5.0-only). */
  readonly name: string;
  /** The SMPP 5.0 name, only where 5.0 renamed the status. */
  readonly name50?: string;
  /** A short sentence in plain words, for the common statuses. */
  readonly meaning?: string;
}

const STATUS_ROWS = [
  [0x000, 'ESME_ROK', undefined, 'no error: the request was accepted'],
  [0x001, 'ESME_RINVMSGLEN', undefined, 'the message length (sm_length) is invalid, or the body ended inside a field'],
  [0x002, 'ESME_RINVCMDLEN', undefined, 'the command_length is invalid'],
  [0x003, 'ESME_RINVCMDID', undefined, 'the peer does not know this command_id'],
  [0x004, 'ESME_RINVBNDSTS', undefined, 'the command is not allowed in the current bind state'],
  [0x005, 'ESME_RALYBND', undefined, 'the ESME is already bound'],
  [0x006, 'ESME_RINVPRTFLG', undefined, 'the priority_flag is invalid'],
  [0x007, 'ESME_RINVREGDLVFLG', undefined, 'the registered_delivery flag is invalid'],
  [0x008, 'ESME_RSYSERR', undefined, 'the SMSC had an internal system error'],
  [0x00a, 'ESME_RINVSRCADR', undefined, 'the source address is invalid'],
  [0x00b, 'ESME_RINVDSTADR', undefined, 'the destination address is invalid'],
  [0x00c, 'ESME_RINVMSGID', undefined, 'the message_id is invalid or unknown'],
  [0x00d, 'ESME_RBINDFAIL', undefined, 'the SMSC refused the bind'],
  [0x00e, 'ESME_RINVPASWD', undefined, 'the SMSC rejected the password'],
  [0x00f, 'ESME_RINVSYSID', undefined, 'the SMSC does not know this system_id'],
  [0x011, 'ESME_RCANCELFAIL', undefined, 'cancelling the message failed'],
  [0x013, 'ESME_RREPLACEFAIL', undefined, 'replacing the message failed'],
  [0x014, 'ESME_RMSGQFUL', undefined, 'the SMSC message queue is full: back off and retry'],
  [0x015, 'ESME_RINVSERTYP', undefined, 'the service_type is invalid'],
  [0x033, 'ESME_RINVNUMDESTS', undefined, 'the number of destinations is invalid'],
  [0x034, 'ESME_RINVDLNAME', undefined, 'the distribution list name is invalid'],
  [0x040, 'ESME_RINVDESTFLAG', undefined, 'a dest_flag in submit_multi is invalid'],
  [0x042, 'ESME_RINVSUBREP', undefined, 'the submit-with-replace flag is invalid'],
  [0x043, 'ESME_RINVESMCLASS', undefined, 'the esm_class is invalid'],
  [0x044, 'ESME_RCNTSUBDL', undefined, 'the SMSC cannot submit to a distribution list'],
  [0x045, 'ESME_RSUBMITFAIL', undefined, 'the submit failed'],
  [0x048, 'ESME_RINVSRCTON', undefined, 'the source address TON is invalid'],
  [0x049, 'ESME_RINVSRCNPI', undefined, 'the source address NPI is invalid'],
  [0x050, 'ESME_RINVDSTTON', undefined, 'the destination address TON is invalid'],
  [0x051, 'ESME_RINVDSTNPI', undefined, 'the destination address NPI is invalid'],
  [0x053, 'ESME_RINVSYSTYP', undefined, 'the system_type is invalid'],
  [0x054, 'ESME_RINVREPFLAG', undefined, 'the replace_if_present_flag is invalid'],
  [0x055, 'ESME_RINVNUMMSGS', undefined, 'the number of messages is invalid'],
  [0x058, 'ESME_RTHROTTLED', undefined, 'the SMSC is throttling: too many messages, slow down'],
  [0x061, 'ESME_RINVSCHED', undefined, 'the scheduled delivery time is invalid'],
  [0x062, 'ESME_RINVEXPIRY', undefined, 'the validity period (expiry time) is invalid'],
  [0x063, 'ESME_RINVDFTMSGID', undefined, 'the predefined message id is invalid or not found'],
  [0x064, 'ESME_RX_T_APPN', undefined, 'the receiving application reported a temporary error'],
  [0x065, 'ESME_RX_P_APPN', undefined, 'the receiving application reported a permanent error'],
  [0x066, 'ESME_RX_R_APPN', undefined, 'the receiving application rejected the message'],
  [0x067, 'ESME_RQUERYFAIL', undefined, 'the query failed'],
  [0x0c0, 'ESME_RINVOPTPARSTREAM', 'ESME_RINVTLVSTREAM', 'the optional parameters (TLVs) are malformed'],
  [0x0c1, 'ESME_ROPTPARNOTALLWD', 'ESME_RTLVNOTALLWD', 'an optional parameter (TLV) is not allowed here'],
  [0x0c2, 'ESME_RINVPARLEN', 'ESME_RINVTLVLEN', 'an optional parameter (TLV) has an invalid length'],
  [0x0c3, 'ESME_RMISSINGOPTPARAM', 'ESME_RMISSINGTLV', 'a required optional parameter (TLV) is missing'],
  [0x0c4, 'ESME_RINVOPTPARAMVAL', 'ESME_RINVTLVVAL', 'an optional parameter (TLV) has an invalid value'],
  [0x0fe, 'ESME_RDELIVERYFAILURE', undefined, 'delivery failed (used in data_sm_resp)'],
  [0x0ff, 'ESME_RUNKNOWNERR', undefined, 'the SMSC reported an unknown error'],
  [0x100, 'ESME_RSERTYPUNAUTH', undefined, 'the ESME is not authorised for this service type'],
  [0x101, 'ESME_RPROHIBITED', undefined, 'the ESME is prohibited from this operation'],
  [0x102, 'ESME_RSERTYPUNAVAIL', undefined, 'the service type is unavailable'],
  [0x103, 'ESME_RSERTYPDENIED', undefined, 'the service type was denied'],
  [0x104, 'ESME_RINVDCS', undefined, 'the data_coding is invalid'],
  [0x105, 'ESME_RINVSRCADDRSUBUNIT', undefined, 'the source address subunit is invalid'],
  [0x106, 'ESME_RINVDSTADDRSUBUNIT', undefined, 'the destination address subunit is invalid'],
  [0x107, 'ESME_RINVBCASTFREQINT', undefined, 'the broadcast frequency interval is invalid'],
  [0x108, 'ESME_RINVBCASTALIAS_NAME', undefined, 'the broadcast alias name is invalid'],
  [0x109, 'ESME_RINVBCASTAREAFMT', undefined, 'the broadcast area format is invalid'],
  [0x10a, 'ESME_RINVNUMBCAST_AREAS', undefined, 'the number of broadcast areas is invalid'],
  [0x10b, 'ESME_RINVBCASTCNTTYPE', undefined, 'the broadcast content type is invalid'],
  [0x10c, 'ESME_RINVBCASTMSGCLASS', undefined, 'the broadcast message class is invalid'],
  [0x10d, 'ESME_RBCASTFAIL', undefined, 'the broadcast_sm failed'],
  [0x10e, 'ESME_RBCASTQUERYFAIL', undefined, 'the query_broadcast_sm failed'],
  [0x10f, 'ESME_RBCASTCANCELFAIL', undefined, 'the cancel_broadcast_sm failed'],
  [0x110, 'ESME_RINVBCAST_REP', undefined, 'the broadcast repetition number is invalid'],
  [0x111, 'ESME_RINVBCASTSRVGRP', undefined, 'the broadcast service group is invalid'],
  [0x112, 'ESME_RINVBCASTCHANIND', undefined, 'the broadcast channel indicator is invalid'],
] as const;

/** Every command_status name (3.4 and 5.0 spellings) to its code, e.g. `STATUS.ESME_RINVCMDLEN`. */
export const STATUS = {
  ESME_ROK: 0x000,
  ESME_RINVMSGLEN: 0x001,
  ESME_RINVCMDLEN: 0x002,
  ESME_RINVCMDID: 0x003,
  ESME_RINVBNDSTS: 0x004,
  ESME_RALYBND: 0x005,
  ESME_RINVPRTFLG: 0x006,
  ESME_RINVREGDLVFLG: 0x007,
  ESME_RSYSERR: 0x008,
  ESME_RINVSRCADR: 0x00a,
  ESME_RINVDSTADR: 0x00b,
  ESME_RINVMSGID: 0x00c,
  ESME_RBINDFAIL: 0x00d,
  ESME_RINVPASWD: 0x00e,
  ESME_RINVSYSID: 0x00f,
  ESME_RCANCELFAIL: 0x011,
  ESME_RREPLACEFAIL: 0x013,
  ESME_RMSGQFUL: 0x014,
  ESME_RINVSERTYP: 0x015,
  ESME_RINVNUMDESTS: 0x033,
  ESME_RINVDLNAME: 0x034,
  ESME_RINVDESTFLAG: 0x040,
  ESME_RINVSUBREP: 0x042,
  ESME_RINVESMCLASS: 0x043,
  ESME_RCNTSUBDL: 0x044,
  ESME_RSUBMITFAIL: 0x045,
  ESME_RINVSRCTON: 0x048,
  ESME_RINVSRCNPI: 0x049,
  ESME_RINVDSTTON: 0x050,
  ESME_RINVDSTNPI: 0x051,
  ESME_RINVSYSTYP: 0x053,
  ESME_RINVREPFLAG: 0x054,
  ESME_RINVNUMMSGS: 0x055,
  ESME_RTHROTTLED: 0x058,
  ESME_RINVSCHED: 0x061,
  ESME_RINVEXPIRY: 0x062,
  ESME_RINVDFTMSGID: 0x063,
  ESME_RX_T_APPN: 0x064,
  ESME_RX_P_APPN: 0x065,
  ESME_RX_R_APPN: 0x066,
  ESME_RQUERYFAIL: 0x067,
  ESME_RINVOPTPARSTREAM: 0x0c0,
  ESME_RINVTLVSTREAM: 0x0c0,
  ESME_ROPTPARNOTALLWD: 0x0c1,
  ESME_RTLVNOTALLWD: 0x0c1,
  ESME_RINVPARLEN: 0x0c2,
  ESME_RINVTLVLEN: 0x0c2,
  ESME_RMISSINGOPTPARAM: 0x0c3,
  ESME_RMISSINGTLV: 0x0c3,
  ESME_RINVOPTPARAMVAL: 0x0c4,
  ESME_RINVTLVVAL: 0x0c4,
  ESME_RDELIVERYFAILURE: 0x0fe,
  ESME_RUNKNOWNERR: 0x0ff,
  ESME_RSERTYPUNAUTH: 0x100,
  ESME_RPROHIBITED: 0x101,
  ESME_RSERTYPUNAVAIL: 0x102,
  ESME_RSERTYPDENIED: 0x103,
  ESME_RINVDCS: 0x104,
  ESME_RINVSRCADDRSUBUNIT: 0x105,
  ESME_RINVDSTADDRSUBUNIT: 0x106,
  ESME_RINVBCASTFREQINT: 0x107,
  ESME_RINVBCASTALIAS_NAME: 0x108,
  ESME_RINVBCASTAREAFMT: 0x109,
  ESME_RINVNUMBCAST_AREAS: 0x10a,
  ESME_RINVBCASTCNTTYPE: 0x10b,
  ESME_RINVBCASTMSGCLASS: 0x10c,
  ESME_RBCASTFAIL: 0x10d,
  ESME_RBCASTQUERYFAIL: 0x10e,
  ESME_RBCASTCANCELFAIL: 0x10f,
  ESME_RINVBCAST_REP: 0x110,
  ESME_RINVBCASTSRVGRP: 0x111,
  ESME_RINVBCASTCHANIND: 0x112,
} as const;

export type StatusName = keyof typeof STATUS;

const STATUS_BY_CODE: ReadonlyMap<number, StatusInfo> = new Map(
  STATUS_ROWS.map(([code, name, name50, meaning]): [number, StatusInfo] => [
    code,
    name50 === undefined ? { code, name, meaning } : { code, name, name50, meaning },
  ]),
);

/** The row for a known command_status, or undefined (reserved and vendor codes). */
export function statusInfo(code: number): StatusInfo | undefined {
  return STATUS_BY_CODE.get(code);
}

/** Whether the code lies in the vendor-specific range 0x400–0x4FF. */
export function isVendorStatus(code: number): boolean {
  return code >= 0x400 && code <= 0x4ff;
}

/** A name for any command_status: the spec name, `vendor 0x0400`, or `reserved 0x0200`. */
export function statusName(code: number): string {
  const info = STATUS_BY_CODE.get(code);
  if (info !== undefined) return info.name;
  return (isVendorStatus(code) ? 'vendor-specific ' : 'reserved ') + hex(code, 8);
}

/** Display text: `ESME_RINVOPTPARSTREAM / ESME_RINVTLVSTREAM (0x000000C0)`. */
export function describeStatus(code: number): string {
  const info = STATUS_BY_CODE.get(code);
  if (info === undefined) return statusName(code);
  return (info.name50 === undefined ? info.name : info.name + ' / ' + info.name50) + ' (' + hex(code, 8) + ')';
}

/** The plain-words meaning of a status, for messages shown to people. */
export function statusMeaning(code: number): string {
  const info = STATUS_BY_CODE.get(code);
  if (info?.meaning !== undefined) return info.meaning;
  if (isVendorStatus(code)) return 'the SMSC returned a vendor-specific error ' + hex(code, 8);
  return 'the SMSC returned an unknown error ' + hex(code, 8);
}

// ---------------------------------------------------------------------------------------------
// Small enumerations
// ---------------------------------------------------------------------------------------------

export const TON_NAMES: Readonly<Record<number, string>> = {
  0: 'Unknown',
  1: 'International',
  2: 'National',
  3: 'Network Specific',
  4: 'Subscriber Number',
  5: 'Alphanumeric',
  6: 'Abbreviated',
};

export const NPI_NAMES: Readonly<Record<number, string>> = {
  0: 'Unknown',
  1: 'ISDN (E.163/E.164)',
  3: 'Data (X.121)',
  4: 'Telex (F.69)',
  6: 'Land Mobile (E.212)',
  8: 'National',
  9: 'Private',
  10: 'ERMES',
  14: 'Internet (IP)',
  18: 'WAP Client Id',
};

export const MESSAGE_STATE_NAMES: Readonly<Record<number, string>> = {
  0: 'SCHEDULED',
  1: 'ENROUTE',
  2: 'DELIVERED',
  3: 'EXPIRED',
  4: 'DELETED',
  5: 'UNDELIVERABLE',
  6: 'ACCEPTED',
  7: 'UNKNOWN',
  8: 'REJECTED',
  9: 'SKIPPED',
};

export const PRIORITY_NAMES: Readonly<Record<number, string>> = {
  0: 'lowest (GSM non-priority, ANSI-136 bulk, IS-95 normal)',
  1: 'level 1 (GSM priority, ANSI-136 normal, IS-95 interactive)',
  2: 'level 2 (GSM priority, ANSI-136 urgent, IS-95 urgent)',
  3: 'highest (GSM priority, ANSI-136 very urgent, IS-95 emergency)',
  4: 'level 4 (reserved in GSM, ANSI-41 and IS-95)',
};

export const DEST_FLAG_NAMES: Readonly<Record<number, string>> = { 1: 'SME address', 2: 'distribution list' };

export const REPLACE_IF_PRESENT_NAMES: Readonly<Record<number, string>> = { 0: "don't replace", 1: 'replace' };

export const NETWORK_TYPE_NAMES: Readonly<Record<number, string>> = {
  0: 'Unknown',
  1: 'GSM',
  2: 'ANSI-136/TDMA',
  3: 'IS-95/CDMA',
  4: 'PDC',
  5: 'PHS',
  6: 'iDEN',
  7: 'AMPS',
  8: 'Paging Network',
};

export const BEARER_TYPE_NAMES: Readonly<Record<number, string>> = {
  0: 'Unknown',
  1: 'SMS',
  2: 'Circuit Switched Data (CSD)',
  3: 'Packet Data',
  4: 'USSD',
  5: 'CDPD',
  6: 'DataTAC',
  7: 'FLEX/ReFLEX',
  8: 'Cell Broadcast (cellcast)',
};

export const SUBUNIT_NAMES: Readonly<Record<number, string>> = {
  0: 'Unknown (default)',
  1: 'MS Display',
  2: 'Mobile Equipment',
  3: 'Smart Card 1 (SIM)',
  4: 'External Unit 1',
};

export const NETWORK_ERROR_TYPE_NAMES: Readonly<Record<number, string>> = {
  1: 'ANSI-136 Access Denied Reason',
  2: 'IS-95 Access Denied Reason',
  3: 'GSM',
  4: 'ANSI-136 Cause Code',
  5: 'IS-95 Cause Code',
  6: 'ANSI-41 Error',
  7: 'SMPP Error',
  8: 'Message Center Specific',
};

export const DELIVERY_FAILURE_REASON_NAMES: Readonly<Record<number, string>> = {
  0: 'destination unavailable',
  1: 'destination address invalid',
  2: 'permanent network error',
  3: 'temporary network error',
};

export const PAYLOAD_TYPE_NAMES: Readonly<Record<number, string>> = {
  0: 'default (WDP/GUTS)',
  1: 'WCMP message',
};

export const MS_AVAILABILITY_NAMES: Readonly<Record<number, string>> = {
  0: 'available',
  1: 'denied',
  2: 'unavailable',
};

export const BROADCAST_FREQUENCY_UNIT_NAMES: Readonly<Record<number, string>> = {
  0x00: 'as frequently as possible',
  0x08: 'seconds',
  0x09: 'minutes',
  0x0a: 'hours',
  0x0b: 'days',
  0x0c: 'weeks',
  0x0d: 'months',
  0x0e: 'years',
};

export const BROADCAST_AREA_FORMAT_NAMES: Readonly<Record<number, string>> = {
  0: 'alias/name',
  1: 'ellipsoid arc',
  2: 'polygon',
};

export const CALLBACK_DIGIT_MODE_NAMES: Readonly<Record<number, string>> = { 0: 'TBCD', 1: 'ASCII' };

export const USSD_SERVICE_OP_NAMES: Readonly<Record<number, string>> = {
  0: 'PSSD indication',
  1: 'PSSR indication',
  2: 'USSR request',
  3: 'USSN request',
  16: 'PSSD response',
  17: 'PSSR response',
  18: 'USSR confirm',
  19: 'USSN confirm',
};

/** interface_version (bind) and sc_interface_version (TLV). */
export function describeInterfaceVersion(v: number): string {
  if (v === 0x34) return 'SMPP 3.4';
  if (v === 0x50) return 'SMPP 5.0';
  if (v <= 0x33) return 'SMPP 3.3 or earlier';
  return 'unknown version';
}

// ---------------------------------------------------------------------------------------------
// Bit fields
// ---------------------------------------------------------------------------------------------

/** One part of a bit field: mask, the value under it and what it means. */
export interface BitPart {
  readonly name: string;
  readonly label: string;
  readonly mask: number;
  readonly value: number;
  readonly display: string;
}

const ESM_MODES = ['default SMSC mode', 'datagram mode', 'forward (transaction) mode', 'store and forward mode'];

const ESM_TYPES: Readonly<Record<number, string>> = {
  0x00: 'default message type',
  0x04: 'SMSC delivery receipt',
  0x08: 'SME delivery acknowledgement',
  0x10: 'SME manual/user acknowledgement',
  0x18: 'conversation abort',
  0x20: 'intermediate delivery notification',
};

/** esm_class split into mode, message type and GSM features. */
export function esmClassParts(v: number): BitPart[] {
  const type = v & 0x3c;
  return [
    { name: 'mode', label: 'Messaging mode', mask: 0x03, value: v & 0x03, display: ESM_MODES[v & 0x03] ?? '' },
    {
      name: 'type',
      label: 'Message type',
      mask: 0x3c,
      value: type,
      display: ESM_TYPES[type] ?? 'reserved (' + hex(type, 2) + ')',
    },
    { name: 'udhi', label: 'UDH indicator', mask: 0x40, value: (v >> 6) & 1, display: v & 0x40 ? 'UDH present' : 'no UDH' },
    { name: 'reply_path', label: 'Reply path', mask: 0x80, value: (v >> 7) & 1, display: v & 0x80 ? 'set' : 'not set' },
  ];
}

export function describeEsmClass(v: number): string {
  const words: string[] = [];
  const type = v & 0x3c;
  if (type !== 0) words.push(ESM_TYPES[type] ?? 'reserved type');
  if ((v & 0x03) !== 0) words.push(ESM_MODES[v & 0x03] ?? '');
  if (v & 0x40) words.push('UDHI');
  if (v & 0x80) words.push('reply path');
  return words.length === 0 ? 'default' : words.join(', ');
}

/** Whether esm_class marks a delivery receipt or SME acknowledgement (types 0x04 and 0x08). */
export function isReceiptEsmClass(v: number): boolean {
  const type = v & 0x3c;
  return type === 0x04 || type === 0x08;
}

const RD_RECEIPT = [
  'no SMSC delivery receipt',
  'SMSC receipt on success or failure',
  'SMSC receipt on failure',
  'SMSC receipt on success (5.0)',
];
const RD_SME = ['no SME acknowledgement', 'SME delivery acknowledgement', 'SME user acknowledgement', 'both SME acknowledgements'];

export function registeredDeliveryParts(v: number): BitPart[] {
  return [
    { name: 'smsc_receipt', label: 'SMSC delivery receipt', mask: 0x03, value: v & 0x03, display: RD_RECEIPT[v & 0x03] ?? '' },
    { name: 'sme_ack', label: 'SME originated acknowledgement', mask: 0x0c, value: (v >> 2) & 0x03, display: RD_SME[(v >> 2) & 0x03] ?? '' },
    {
      name: 'intermediate',
      label: 'Intermediate notification',
      mask: 0x10,
      value: (v >> 4) & 1,
      display: v & 0x10 ? 'requested' : 'not requested',
    },
  ];
}

export function describeRegisteredDelivery(v: number): string {
  const words: string[] = [RD_RECEIPT[v & 0x03] ?? ''];
  if (v & 0x0c) words.push(RD_SME[(v >> 2) & 0x03] ?? '');
  if (v & 0x10) words.push('intermediate notification');
  if (v & 0xe0) words.push('reserved bits set');
  return words.join(', ');
}

// ---------------------------------------------------------------------------------------------
// data_coding (never masked with 0x0F: the upper nibble selects a coding group). The charset
// module owns the coding-group interpretation; it is re-exported here so every coded value's
// name can be found in this file, and written once.
// ---------------------------------------------------------------------------------------------

export { interpretDataCoding, describeDataCoding, type DataCodingInfo } from '../text/index';

// ---------------------------------------------------------------------------------------------

/** `0x` + upper-case hex, zero-padded to `digits`. */
export function hex(v: number, digits: number): string {
  return '0x' + (v >>> 0).toString(16).toUpperCase().padStart(digits, '0');
}

/** The kinds of coded value a field can carry; the codec uses them to name values. */
export type ValueKind =
  | 'ton'
  | 'npi'
  | 'esm_class'
  | 'registered_delivery'
  | 'data_coding'
  | 'message_state'
  | 'priority'
  | 'interface_version'
  | 'dest_flag'
  | 'replace_if_present'
  | 'command_status'
  | 'network_type'
  | 'bearer_type'
  | 'subunit'
  | 'delivery_failure_reason'
  | 'payload_type'
  | 'ms_availability'
  | 'ussd_service_op'
  | 'boolean';

/** A name for a coded value, or undefined where the kind has no name for it. */
export function describeValue(kind: ValueKind, v: number): string | undefined {
  switch (kind) {
    case 'ton':
      return TON_NAMES[v];
    case 'npi':
      return NPI_NAMES[v];
    case 'esm_class':
      return describeEsmClass(v);
    case 'registered_delivery':
      return describeRegisteredDelivery(v);
    case 'data_coding':
      return describeDataCoding(v);
    case 'message_state':
      return MESSAGE_STATE_NAMES[v];
    case 'priority':
      return PRIORITY_NAMES[v];
    case 'interface_version':
      return describeInterfaceVersion(v);
    case 'dest_flag':
      return DEST_FLAG_NAMES[v];
    case 'replace_if_present':
      return REPLACE_IF_PRESENT_NAMES[v];
    case 'command_status':
      return describeStatus(v);
    case 'network_type':
      return NETWORK_TYPE_NAMES[v];
    case 'bearer_type':
      return BEARER_TYPE_NAMES[v];
    case 'subunit':
      return SUBUNIT_NAMES[v];
    case 'delivery_failure_reason':
      return DELIVERY_FAILURE_REASON_NAMES[v];
    case 'payload_type':
      return PAYLOAD_TYPE_NAMES[v];
    case 'ms_availability':
      return MS_AVAILABILITY_NAMES[v];
    case 'ussd_service_op':
      return USSD_SERVICE_OP_NAMES[v];
    case 'boolean':
      return v === 0 ? 'no' : v === 1 ? 'yes' : undefined;
  }
}
