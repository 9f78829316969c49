// Coded values by name in request files: `dest_addr_ton: international`, `data_coding: ucs2`,
// `esm_class: store_and_forward | udhi`. The words come from the names in ../tables/values.ts
// (lower case, spaces as underscores, what is in brackets left out); the bit fields and
// data_coding have their own short words, and join with `|`.

import type { TlvSpec } from '../tables/tlvs';
import {
  BEARER_TYPE_NAMES,
  DELIVERY_FAILURE_REASON_NAMES,
  DEST_FLAG_NAMES,
  MESSAGE_STATE_NAMES,
  MS_AVAILABILITY_NAMES,
  NETWORK_TYPE_NAMES,
  NPI_NAMES,
  PAYLOAD_TYPE_NAMES,
  PRIORITY_NAMES,
  REPLACE_IF_PRESENT_NAMES,
  STATUS,
  SUBUNIT_NAMES,
  TON_NAMES,
  USSD_SERVICE_OP_NAMES,
  describeDataCoding,
  describeEsmClass,
  describeRegisteredDelivery,
  describeValue,
  statusMeaning,
  type ValueKind,
} from '../tables/values';

/** One named value: the word a request file takes, its number, and what it means. */
export interface CodedValue {
  readonly word: string;
  readonly value: number;
  readonly meaning: string;
}

/** A set of named values; `flags`: several may be joined with `|` (their bits are or-ed). */
export interface CodedValueSet {
  readonly values: readonly CodedValue[];
  readonly flags?: boolean;
}

/** `Land Mobile (E.212)` → `land_mobile`, `don't replace` → `dont_replace`. */
export function valueWord(display: string): string {
  return display
    .replace(/\(.*?\)/g, '')
    .trim()
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9.]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

function fromNames(names: Readonly<Record<number, string>>): CodedValueSet {
  return { values: Object.entries(names).map(([k, display]) => ({ word: valueWord(display), value: Number(k), meaning: display })) };
}

const ESM_CLASS: CodedValueSet = {
  flags: true,
  values: [
    { word: 'default', value: 0x00, meaning: 'default SMSC mode, default message type' },
    { word: 'datagram', value: 0x01, meaning: 'datagram mode' },
    { word: 'forward', value: 0x02, meaning: 'forward (transaction) mode' },
    { word: 'store_and_forward', value: 0x03, meaning: 'store and forward mode' },
    { word: 'delivery_receipt', value: 0x04, meaning: 'SMSC delivery receipt (message type)' },
    { word: 'delivery_ack', value: 0x08, meaning: 'SME delivery acknowledgement (message type)' },
    { word: 'user_ack', value: 0x10, meaning: 'SME manual/user acknowledgement (message type)' },
    { word: 'conversation_abort', value: 0x18, meaning: 'conversation abort (message type)' },
    { word: 'intermediate_notification', value: 0x20, meaning: 'intermediate delivery notification (message type)' },
    { word: 'udhi', value: 0x40, meaning: 'the short message starts with a user data header' },
    { word: 'reply_path', value: 0x80, meaning: 'reply path (GSM)' },
  ],
};

const REGISTERED_DELIVERY: CodedValueSet = {
  flags: true,
  values: [
    { word: 'none', value: 0x00, meaning: 'no SMSC delivery receipt' },
    { word: 'receipt', value: 0x01, meaning: 'SMSC receipt on success or failure' },
    { word: 'receipt_on_failure', value: 0x02, meaning: 'SMSC receipt on failure' },
    { word: 'receipt_on_success', value: 0x03, meaning: 'SMSC receipt on success (5.0)' },
    { word: 'sme_ack', value: 0x04, meaning: 'SME delivery acknowledgement' },
    { word: 'user_ack', value: 0x08, meaning: 'SME user acknowledgement' },
    { word: 'intermediate', value: 0x10, meaning: 'intermediate notification' },
  ],
};

const DATA_CODING: CodedValueSet = {
  values: [
    ['default', 0x00],
    ['ascii', 0x01],
    ['octets', 0x02],
    ['latin1', 0x03],
    ['binary', 0x04],
    ['jis', 0x05],
    ['cyrillic', 0x06],
    ['hebrew', 0x07],
    ['ucs2', 0x08],
    ['pictogram', 0x09],
    ['iso_2022_jp', 0x0a],
    ['kanji', 0x0d],
    ['ks_c_5601', 0x0e],
    ['flash', 0x10],
  ].map(([word, value]) => ({ word: word as string, value: value as number, meaning: describeDataCoding(value as number) })),
};

const INTERFACE_VERSION: CodedValueSet = {
  values: [
    { word: '3.3', value: 0x33, meaning: 'SMPP 3.3' },
    { word: '3.4', value: 0x34, meaning: 'SMPP 3.4' },
    { word: '5.0', value: 0x50, meaning: 'SMPP 5.0' },
  ],
};

const COMMAND_STATUS: CodedValueSet = {
  values: Object.entries(STATUS).map(([word, value]) => ({ word, value, meaning: statusMeaning(value) })),
};

const BOOLEAN: CodedValueSet = {
  values: [
    { word: 'no', value: 0, meaning: 'no' },
    { word: 'yes', value: 1, meaning: 'yes' },
  ],
};

const BY_KIND: Readonly<Record<ValueKind, CodedValueSet>> = {
  ton: fromNames(TON_NAMES),
  npi: fromNames(NPI_NAMES),
  esm_class: ESM_CLASS,
  registered_delivery: REGISTERED_DELIVERY,
  data_coding: DATA_CODING,
  message_state: fromNames(MESSAGE_STATE_NAMES),
  priority: fromNames(PRIORITY_NAMES),
  interface_version: INTERFACE_VERSION,
  dest_flag: fromNames(DEST_FLAG_NAMES),
  replace_if_present: fromNames(REPLACE_IF_PRESENT_NAMES),
  command_status: COMMAND_STATUS,
  network_type: fromNames(NETWORK_TYPE_NAMES),
  bearer_type: fromNames(BEARER_TYPE_NAMES),
  subunit: fromNames(SUBUNIT_NAMES),
  delivery_failure_reason: fromNames(DELIVERY_FAILURE_REASON_NAMES),
  payload_type: fromNames(PAYLOAD_TYPE_NAMES),
  ms_availability: fromNames(MS_AVAILABILITY_NAMES),
  ussd_service_op: fromNames(USSD_SERVICE_OP_NAMES),
  boolean: BOOLEAN,
};

/** The named values of a value kind. */
export function codedValues(kind: ValueKind): CodedValueSet {
  return BY_KIND[kind];
}

/** The named values of a TLV (its kind, or its own names, a dictionary TLV's included), if any. */
export function tlvCodedValues(spec: TlvSpec): CodedValueSet | undefined {
  if (spec.values !== undefined) return BY_KIND[spec.values];
  return spec.names === undefined ? undefined : fromNames(spec.names);
}

/** Reads a word (or `a | b` for flags) to its number; undefined when a word is not in the set. */
export function readCodedValue(set: CodedValueSet, text: string): number | undefined {
  const parts = set.flags ? text.split('|') : [text];
  let v = 0;
  for (const p of parts) {
    const w = p.trim().toLowerCase();
    const found = set.values.find((x) => x.word.toLowerCase() === w);
    if (found === undefined) return undefined;
    v |= found.value;
  }
  return v;
}

/** The word for a value when one names it exactly (flags: the words whose bits make it up), else undefined. */
export function codedWord(set: CodedValueSet, value: number): string | undefined {
  const exact = set.values.find((x) => x.value === value);
  if (exact !== undefined) return exact.word;
  if (!set.flags) return undefined;
  // Flags: the largest values first, each taken when all its bits are still left.
  let left = value;
  const words: string[] = [];
  for (const x of [...set.values].sort((a, b) => b.value - a.value)) {
    if (x.value !== 0 && (left & x.value) === x.value) {
      words.push(x.word);
      left &= ~x.value;
    }
  }
  return left === 0 && words.length > 0 ? words.reverse().join(' | ') : undefined;
}

/** What a coded value means, in the tables' words (esm_class and registered_delivery as bits). */
export function describeCoded(kind: ValueKind, value: number): string | undefined {
  if (kind === 'esm_class') return describeEsmClass(value);
  if (kind === 'registered_delivery') return describeRegisteredDelivery(value);
  return describeValue(kind, value);
}
