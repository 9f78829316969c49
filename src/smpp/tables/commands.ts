// Every SMPP command (3.3 names, 3.4 and 5.0 bodies) as one typed, read-only table. The codec's
// decoder and encoder are two loops over these lists; the field tree, the docs and the types of
// decoded bodies all come from here too. Field names use the spec's spelling.

import { STATUS, type ValueKind } from './values';

// ---------------------------------------------------------------------------------------------
// Field specifications
// ---------------------------------------------------------------------------------------------

export interface IntFieldSpec {
  readonly name: string;
  readonly type: 'int1' | 'int2' | 'int4';
  /** How to name the value (ton, npi, esm_class, ...). */
  readonly values?: ValueKind;
  /** The field that this one counts or sizes; encode derives the value from it. */
  readonly lengthOf?: string;
  /** The largest value the spec allows; larger ones are reserved (decode reports them, encode refuses them). */
  readonly max?: number;
  /** command_status a receiver answers with when the value is bad. */
  readonly status?: number;
}

export interface CStringFieldSpec {
  readonly name: string;
  readonly type: 'cstring';
  /** Octets at most, the terminating NUL included. */
  readonly max: number;
  /** An SMPP time string (`YYMMDDhhmmsstnnp`): must be empty or 16 characters. */
  readonly time?: boolean;
  /** A secret (the password): no message ever shows any of its characters. */
  readonly secret?: boolean;
  readonly status?: number;
}

export interface OctetsFieldSpec {
  readonly name: string;
  readonly type: 'octets';
  /** The earlier int field holding this field's length. */
  readonly lengthFrom: string;
  readonly max: number;
  /** Short message content: the field tree decodes text, UDH and receipts under it. */
  readonly message?: boolean;
}

export interface ListFieldSpec {
  readonly name: string;
  /** submit_multi's destination list or submit_multi_resp's unsuccessful SMEs. */
  readonly type: 'dest_list' | 'unsuccess_list';
  /** The earlier int field holding the number of entries. */
  readonly countFrom: string;
}

export type FieldSpec = IntFieldSpec | CStringFieldSpec | OctetsFieldSpec | ListFieldSpec;

/** One destination of submit_multi: an SME address (dest_flag 1) or a distribution list (2). */
export type DestAddress =
  | { dest_flag: 1; dest_addr_ton: number; dest_addr_npi: number; destination_addr: string }
  | { dest_flag: 2; dl_name: string };

/** One entry of submit_multi_resp's unsuccess_sme list. */
export interface UnsuccessSme {
  dest_addr_ton: number;
  dest_addr_npi: number;
  destination_addr: string;
  error_status_code: number;
}

// ---------------------------------------------------------------------------------------------
// Shared fields (the spec reuses these names with different maxima per command)
// ---------------------------------------------------------------------------------------------

const service_type = { name: 'service_type', type: 'cstring', max: 6, status: STATUS.ESME_RINVSERTYP } as const;
const source_addr_ton = { name: 'source_addr_ton', type: 'int1', values: 'ton', status: STATUS.ESME_RINVSRCTON } as const;
const source_addr_npi = { name: 'source_addr_npi', type: 'int1', values: 'npi', status: STATUS.ESME_RINVSRCNPI } as const;
const source_addr21 = { name: 'source_addr', type: 'cstring', max: 21, status: STATUS.ESME_RINVSRCADR } as const;
const source_addr65 = { name: 'source_addr', type: 'cstring', max: 65, status: STATUS.ESME_RINVSRCADR } as const;
const dest_addr_ton = { name: 'dest_addr_ton', type: 'int1', values: 'ton', status: STATUS.ESME_RINVDSTTON } as const;
const dest_addr_npi = { name: 'dest_addr_npi', type: 'int1', values: 'npi', status: STATUS.ESME_RINVDSTNPI } as const;
const destination_addr21 = { name: 'destination_addr', type: 'cstring', max: 21, status: STATUS.ESME_RINVDSTADR } as const;
const destination_addr65 = { name: 'destination_addr', type: 'cstring', max: 65, status: STATUS.ESME_RINVDSTADR } as const;
const esm_class = { name: 'esm_class', type: 'int1', values: 'esm_class', status: STATUS.ESME_RINVESMCLASS } as const;
const protocol_id = { name: 'protocol_id', type: 'int1' } as const;
const priority_flag = { name: 'priority_flag', type: 'int1', values: 'priority', status: STATUS.ESME_RINVPRTFLG } as const;
const schedule_delivery_time = {
  name: 'schedule_delivery_time',
  type: 'cstring',
  max: 17,
  time: true,
  status: STATUS.ESME_RINVSCHED,
} as const;
const validity_period = { name: 'validity_period', type: 'cstring', max: 17, time: true, status: STATUS.ESME_RINVEXPIRY } as const;
const registered_delivery = {
  name: 'registered_delivery',
  type: 'int1',
  values: 'registered_delivery',
  status: STATUS.ESME_RINVREGDLVFLG,
} as const;
const replace_if_present_flag = {
  name: 'replace_if_present_flag',
  type: 'int1',
  values: 'replace_if_present',
  status: STATUS.ESME_RINVREPFLAG,
} as const;
const data_coding = { name: 'data_coding', type: 'int1', values: 'data_coding', status: STATUS.ESME_RINVDCS } as const;
const sm_default_msg_id = { name: 'sm_default_msg_id', type: 'int1', status: STATUS.ESME_RINVDFTMSGID } as const;
// sm_length 255 is reserved: a short message holds at most 254 octets.
const sm_length = { name: 'sm_length', type: 'int1', lengthOf: 'short_message', max: 254, status: STATUS.ESME_RINVMSGLEN } as const;
const short_message = { name: 'short_message', type: 'octets', lengthFrom: 'sm_length', max: 254, message: true } as const;
const message_id65 = { name: 'message_id', type: 'cstring', max: 65, status: STATUS.ESME_RINVMSGID } as const;
const system_id = { name: 'system_id', type: 'cstring', max: 16, status: STATUS.ESME_RINVSYSID } as const;
const password = { name: 'password', type: 'cstring', max: 9, secret: true, status: STATUS.ESME_RINVPASWD } as const;

const BIND = [
  system_id,
  password,
  { name: 'system_type', type: 'cstring', max: 13, status: STATUS.ESME_RINVSYSTYP },
  { name: 'interface_version', type: 'int1', values: 'interface_version' },
  { name: 'addr_ton', type: 'int1', values: 'ton' },
  { name: 'addr_npi', type: 'int1', values: 'npi' },
  { name: 'address_range', type: 'cstring', max: 41 },
] as const;

const BIND_RESP = [system_id] as const;

/** submit_sm and deliver_sm share one body. */
const SM = [
  service_type,
  source_addr_ton,
  source_addr_npi,
  source_addr21,
  dest_addr_ton,
  dest_addr_npi,
  destination_addr21,
  esm_class,
  protocol_id,
  priority_flag,
  schedule_delivery_time,
  validity_period,
  registered_delivery,
  replace_if_present_flag,
  data_coding,
  sm_default_msg_id,
  sm_length,
  short_message,
] as const;

const MESSAGE_ID_ONLY = [message_id65] as const;
const EMPTY = [] as const;

// ---------------------------------------------------------------------------------------------
// The command table
// ---------------------------------------------------------------------------------------------

export interface CommandSpec {
  readonly id: number;
  readonly body: readonly FieldSpec[];
  /** The version that introduced the command. */
  readonly since: '3.3' | '3.4' | '5.0';
  /** TLVs the body must carry (broadcast_sm). */
  readonly requiredTlvs?: readonly string[];
  /** SMPP 3.3-only commands whose bodies are named but not decoded field by field. */
  readonly opaque?: boolean;
  /** Requests that never get a response (outbind, alert_notification). */
  readonly noResponse?: boolean;
}

export const COMMANDS = {
  generic_nack: { id: 0x80000000, since: '3.3', body: EMPTY },

  bind_receiver: { id: 0x00000001, since: '3.3', body: BIND },
  bind_receiver_resp: { id: 0x80000001, since: '3.3', body: BIND_RESP },
  bind_transmitter: { id: 0x00000002, since: '3.3', body: BIND },
  bind_transmitter_resp: { id: 0x80000002, since: '3.3', body: BIND_RESP },
  query_sm: {
    id: 0x00000003,
    since: '3.3',
    body: [message_id65, source_addr_ton, source_addr_npi, source_addr21],
  },
  query_sm_resp: {
    id: 0x80000003,
    since: '3.3',
    body: [
      message_id65,
      { name: 'final_date', type: 'cstring', max: 17, time: true },
      { name: 'message_state', type: 'int1', values: 'message_state' },
      { name: 'error_code', type: 'int1' },
    ],
  },
  submit_sm: { id: 0x00000004, since: '3.3', body: SM },
  submit_sm_resp: { id: 0x80000004, since: '3.3', body: MESSAGE_ID_ONLY },
  deliver_sm: { id: 0x00000005, since: '3.3', body: SM },
  deliver_sm_resp: { id: 0x80000005, since: '3.3', body: MESSAGE_ID_ONLY },
  unbind: { id: 0x00000006, since: '3.3', body: EMPTY },
  unbind_resp: { id: 0x80000006, since: '3.3', body: EMPTY },
  replace_sm: {
    id: 0x00000007,
    since: '3.3',
    body: [
      message_id65,
      source_addr_ton,
      source_addr_npi,
      source_addr21,
      schedule_delivery_time,
      validity_period,
      registered_delivery,
      sm_default_msg_id,
      sm_length,
      short_message,
    ],
  },
  replace_sm_resp: { id: 0x80000007, since: '3.3', body: EMPTY },
  cancel_sm: {
    id: 0x00000008,
    since: '3.3',
    body: [
      service_type,
      message_id65,
      source_addr_ton,
      source_addr_npi,
      source_addr21,
      dest_addr_ton,
      dest_addr_npi,
      destination_addr21,
    ],
  },
  cancel_sm_resp: { id: 0x80000008, since: '3.3', body: EMPTY },
  bind_transceiver: { id: 0x00000009, since: '3.4', body: BIND },
  bind_transceiver_resp: { id: 0x80000009, since: '3.4', body: BIND_RESP },
  outbind: { id: 0x0000000b, since: '3.4', body: [system_id, password], noResponse: true },
  enquire_link: { id: 0x00000015, since: '3.3', body: EMPTY },
  enquire_link_resp: { id: 0x80000015, since: '3.3', body: EMPTY },
  submit_multi: {
    id: 0x00000021,
    since: '3.3',
    body: [
      service_type,
      source_addr_ton,
      source_addr_npi,
      source_addr21,
      { name: 'number_of_dests', type: 'int1', lengthOf: 'dest_address', status: STATUS.ESME_RINVNUMDESTS },
      { name: 'dest_address', type: 'dest_list', countFrom: 'number_of_dests' },
      esm_class,
      protocol_id,
      priority_flag,
      schedule_delivery_time,
      validity_period,
      registered_delivery,
      replace_if_present_flag,
      data_coding,
      sm_default_msg_id,
      sm_length,
      short_message,
    ],
  },
  submit_multi_resp: {
    id: 0x80000021,
    since: '3.3',
    body: [
      message_id65,
      { name: 'no_unsuccess', type: 'int1', lengthOf: 'unsuccess_sme' },
      { name: 'unsuccess_sme', type: 'unsuccess_list', countFrom: 'no_unsuccess' },
    ],
  },
  // SMPP 3.3 only. param_retrieve's layout is simple enough to decode; the other two are named.
  param_retrieve: { id: 0x00000022, since: '3.3', body: [{ name: 'param_name', type: 'cstring', max: 32 }] },
  param_retrieve_resp: { id: 0x80000022, since: '3.3', body: [{ name: 'param_value', type: 'cstring', max: 101 }] },
  query_last_msgs: { id: 0x00000023, since: '3.3', body: EMPTY, opaque: true },
  query_last_msgs_resp: { id: 0x80000023, since: '3.3', body: EMPTY, opaque: true },
  query_msg_details: { id: 0x00000024, since: '3.3', body: EMPTY, opaque: true },
  query_msg_details_resp: { id: 0x80000024, since: '3.3', body: EMPTY, opaque: true },

  alert_notification: {
    id: 0x00000102,
    since: '3.4',
    noResponse: true,
    body: [
      source_addr_ton,
      source_addr_npi,
      source_addr65,
      { name: 'esme_addr_ton', type: 'int1', values: 'ton' },
      { name: 'esme_addr_npi', type: 'int1', values: 'npi' },
      { name: 'esme_addr', type: 'cstring', max: 65 },
    ],
  },
  data_sm: {
    id: 0x00000103,
    since: '3.4',
    body: [
      service_type,
      source_addr_ton,
      source_addr_npi,
      source_addr65,
      dest_addr_ton,
      dest_addr_npi,
      destination_addr65,
      esm_class,
      registered_delivery,
      data_coding,
    ],
  },
  data_sm_resp: { id: 0x80000103, since: '3.4', body: MESSAGE_ID_ONLY },
  broadcast_sm: {
    id: 0x00000111,
    since: '5.0',
    body: [
      service_type,
      source_addr_ton,
      source_addr_npi,
      source_addr21,
      message_id65,
      priority_flag,
      schedule_delivery_time,
      validity_period,
      replace_if_present_flag,
      data_coding,
      sm_default_msg_id,
    ],
    requiredTlvs: [
      'broadcast_area_identifier',
      'broadcast_content_type',
      'broadcast_rep_num',
      'broadcast_frequency_interval',
    ],
  },
  broadcast_sm_resp: { id: 0x80000111, since: '5.0', body: MESSAGE_ID_ONLY },
  query_broadcast_sm: {
    id: 0x00000112,
    since: '5.0',
    body: [message_id65, source_addr_ton, source_addr_npi, source_addr21],
  },
  query_broadcast_sm_resp: {
    id: 0x80000112,
    since: '5.0',
    body: MESSAGE_ID_ONLY,
    requiredTlvs: ['message_state', 'broadcast_area_identifier', 'broadcast_area_success'],
  },
  cancel_broadcast_sm: {
    id: 0x00000113,
    since: '5.0',
    body: [service_type, message_id65, source_addr_ton, source_addr_npi, source_addr21],
  },
  cancel_broadcast_sm_resp: { id: 0x80000113, since: '5.0', body: EMPTY },
} as const satisfies Record<string, CommandSpec>;

export type CommandName = keyof typeof COMMANDS;

/** The response command for a request (`submit_sm` → `submit_sm_resp`), if it has one. */
export type ResponseName<C extends CommandName> = `${C}_resp` extends CommandName ? `${C}_resp` : never;

// ---------------------------------------------------------------------------------------------
// Types derived from the tables
// ---------------------------------------------------------------------------------------------

type FieldValue<F> = F extends { readonly type: 'int1' | 'int2' | 'int4' }
  ? number
  : F extends { readonly type: 'cstring' }
    ? string
    : F extends { readonly type: 'octets' }
      ? Uint8Array
      : F extends { readonly type: 'dest_list' }
        ? DestAddress[]
        : F extends { readonly type: 'unsuccess_list' }
          ? UnsuccessSme[]
          : never;

type FieldsToBody<Fs extends readonly FieldSpec[]> = { [F in Fs[number] as F['name']]: FieldValue<F> };

/** The mandatory body of command C, every field present: `Body<'submit_sm'>['short_message']` is a Uint8Array. */
export type Body<C extends CommandName> = FieldsToBody<(typeof COMMANDS)[C]['body']>;

/** Fields whose value encode derives from another field (sm_length, number_of_dests, no_unsuccess). */
type DerivedNames<Fs extends readonly FieldSpec[]> = Extract<Fs[number], { readonly lengthOf: string }>['name'];

/** What encode accepts for command C: every field optional (0 / '' / empty by default), lengths derived. */
export type BodyInput<C extends CommandName> = {
  [K in keyof Body<C> as K extends DerivedNames<(typeof COMMANDS)[C]['body']> ? never : K]?: Body<C>[K] extends Uint8Array
    ? Uint8Array | string
    : Body<C>[K];
} & { [K in DerivedNames<(typeof COMMANDS)[C]['body']>]?: number };

// ---------------------------------------------------------------------------------------------
// Lookups
// ---------------------------------------------------------------------------------------------

export interface CommandEntry {
  readonly name: CommandName;
  readonly spec: CommandSpec;
}

const BY_ID: ReadonlyMap<number, CommandEntry> = new Map(
  (Object.keys(COMMANDS) as CommandName[]).map((name): [number, CommandEntry] => [
    COMMANDS[name].id,
    { name, spec: COMMANDS[name] },
  ]),
);

export function commandById(id: number): CommandEntry | undefined {
  return BY_ID.get(id);
}

const NAMES: ReadonlySet<string> = new Set(Object.keys(COMMANDS));

export function isCommandName(name: string): name is CommandName {
  return NAMES.has(name);
}

export function isResponseId(id: number): boolean {
  return (id & 0x80000000) !== 0;
}

/** The response's name for a request name, or undefined (outbind, alert_notification, responses). */
export function responseOf(name: CommandName): CommandName | undefined {
  return RESPONSE_OF.get(name);
}

/** Whether a request is answered at all: every command but alert_notification and outbind (and an unknown one is assumed to be). */
export function expectsResponse(command: string): boolean {
  return isCommandName(command) ? RESPONSE_OF.has(command) : true;
}

/** Each request's response name, looked up once (every PDU a link reads or answers asks). */
const RESPONSE_OF: ReadonlyMap<string, CommandName> = new Map(
  Object.keys(COMMANDS)
    .filter((n) => NAMES.has(n + '_resp'))
    .map((n) => [n, (n + '_resp') as CommandName]),
);

// ---------------------------------------------------------------------------------------------
// Labels for people (the field tree shows these beside the spec names)
// ---------------------------------------------------------------------------------------------

const LABELS: Readonly<Record<string, string>> = {
  command_length: 'Command length',
  command_id: 'Command',
  command_status: 'Command status',
  sequence_number: 'Sequence number',
  system_id: 'System ID',
  password: 'Password',
  system_type: 'System type',
  interface_version: 'Interface version',
  addr_ton: 'Address TON',
  addr_npi: 'Address NPI',
  address_range: 'Address range',
  service_type: 'Service type',
  source_addr_ton: 'Source address TON',
  source_addr_npi: 'Source address NPI',
  source_addr: 'Source address',
  dest_addr_ton: 'Destination address TON',
  dest_addr_npi: 'Destination address NPI',
  destination_addr: 'Destination address',
  esm_class: 'ESM class',
  protocol_id: 'Protocol ID',
  priority_flag: 'Priority',
  schedule_delivery_time: 'Scheduled delivery time',
  validity_period: 'Validity period',
  registered_delivery: 'Registered delivery',
  replace_if_present_flag: 'Replace if present',
  data_coding: 'Data coding',
  sm_default_msg_id: 'Default message ID',
  sm_length: 'Short message length',
  short_message: 'Short message',
  message_id: 'Message ID',
  final_date: 'Final date',
  message_state: 'Message state',
  error_code: 'Error code',
  number_of_dests: 'Number of destinations',
  dest_address: 'Destination addresses',
  dest_flag: 'Destination flag',
  dl_name: 'Distribution list name',
  no_unsuccess: 'Number unsuccessful',
  unsuccess_sme: 'Unsuccessful SMEs',
  error_status_code: 'Error status',
  esme_addr_ton: 'ESME address TON',
  esme_addr_npi: 'ESME address NPI',
  esme_addr: 'ESME address',
  param_name: 'Parameter name',
  param_value: 'Parameter value',
};

const LABEL_BY_NAME: ReadonlyMap<string, string> = new Map(Object.entries(LABELS));

/** A label for a field name: the table's words, else the name with spaces. */
export function fieldLabel(name: string): string {
  const l = LABEL_BY_NAME.get(name);
  if (l !== undefined) return l;
  const s = name.replace(/_/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}
