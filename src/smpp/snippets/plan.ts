// From a snippet's input to what every language writes: the bind settings, where the password
// comes from, and the PDUs to send with every body field and TLV resolved. The PDU goes through
// the codec (encode, then decode), so defaults are filled in, names are checked and every value
// is what the wire will carry; a text is planned as the session sends it (planText), one PDU a part.
import { decode, encode, EncodeError, fromJsonPdu, type DecodedPdu, type DecodedTlv, type JsonPdu } from '../codec';
import { fromHex } from '../bytes';
import { planText } from '../session/messaging';
import { COMMANDS, isCommandName, isResponseId, type CommandName, type DestAddress, type FieldSpec } from '../tables/commands';
import { tlvByName, tlvByTag, type TlvSpec } from '../tables/tlvs';
import type { PlanMethod } from '../split';
import { SnippetError, type SnippetConnection, type SnippetInput } from './types';

/** The environment variable a snippet reads the password from when the connection names none. */
export const DEFAULT_PASSWORD_ENV = 'SMPP_PASSWORD';

const ENV_PASSWORD = /^\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}$/;

export type SnippetPassword = { env: string } | { literal: string };

export interface SnippetBind {
  host: string;
  port: number;
  tls: boolean;
  bind: 'transmitter' | 'receiver' | 'transceiver';
  system_id: string;
  password: SnippetPassword;
  system_type: string;
  /** The octet: 0x33, 0x34 or 0x50. */
  interface_version: number;
  addr_ton: number;
  addr_npi: number;
  address_range: string;
}

export type SnippetFieldValue = number | string | Uint8Array | readonly DestAddress[];

export interface SnippetField {
  name: string;
  type: FieldSpec['type'];
  value: SnippetFieldValue;
}

export interface SnippetTlv {
  tag: number;
  /** The spec's or the dictionary's name; `tlv_0x1400` when neither knows it. */
  name: string;
  /** The value octets exactly as the PDU carries them. */
  bytes: Uint8Array;
  /** For integer TLVs: the value and its size in octets. */
  int?: { value: number; size: 1 | 2 | 4 };
  /** For C-Octet String TLVs: the text (without its NUL). */
  cstring?: string;
  /** Not one of the spec's TLVs (a vendor TLV from the dictionary, or an unknown tag). */
  vendor: boolean;
}

export interface SnippetRequest {
  command: CommandName;
  /** Body fields in the spec's order, without those the codec derives (sm_length, number_of_dests). */
  fields: SnippetField[];
  tlvs: SnippetTlv[];
  /** The text this PDU carries, when the snippet was made from a text. */
  text?: string;
}

export interface SnippetPlan {
  /** The connection's name, or its host and port. */
  title: string;
  bind: SnippetBind;
  requests: SnippetRequest[];
  /** Comments for the reader: the alphabet and split of a text, characters sent as '?'. */
  notes: string[];
}

const INTERFACE_VERSION = { '3.3': 0x33, '3.4': 0x34, '5.0': 0x50 } as const;
const METHOD: Readonly<Record<NonNullable<SnippetConnection['concatenation']>, PlanMethod>> = { udh8: 'udh', udh16: 'udh16', sar: 'sar', payload: 'payload' };
/** The commands whose short_message a text can fill. */
const TEXT_COMMANDS: ReadonlySet<string> = new Set(['submit_sm', 'deliver_sm', 'replace_sm', 'data_sm', 'submit_multi']);
const INT_SIZE = { int1: 1, int2: 2, int4: 4 } as const;

export function snippetPassword(c: SnippetConnection): SnippetPassword {
  const pw = c.password ?? '';
  const env = ENV_PASSWORD.exec(pw);
  if (env) return { env: env[1]! };
  if (c.includePassword === true && pw !== '${prompt}') return { literal: pw };
  return { env: DEFAULT_PASSWORD_ENV };
}

function bindOf(c: SnippetConnection): SnippetBind {
  if (typeof c.host !== 'string' || c.host === '') throw new SnippetError('connection.host is missing');
  if (!Number.isInteger(c.port) || c.port < 1 || c.port > 0xffff) throw new SnippetError(`connection.port must be 1..65535, not ${String(c.port)}`);
  return {
    host: c.host,
    port: c.port,
    tls: c.tls === true,
    bind: c.bind ?? 'transceiver',
    system_id: c.system_id ?? '',
    password: snippetPassword(c),
    system_type: c.system_type ?? '',
    interface_version: INTERFACE_VERSION[c.interface_version ?? '3.4'],
    addr_ton: c.addr_ton ?? 0,
    addr_npi: c.addr_npi ?? 0,
    address_range: c.address_range ?? '',
  };
}

/** The PDU of the input through the codec: every field filled in, every TLV read as its table says. */
function normalise(input: SnippetInput, body: Record<string, unknown>): DecodedPdu {
  const command = input.pdu.command;
  const dict = input.dictionary;
  try {
    const pduInput = fromJsonPdu({ command, body, tlvs: (input.pdu.tlvs ?? []) as JsonPdu['tlvs'] }, dict ? { tlvs: dict } : undefined);
    const bytes = encode(pduInput, dict ? { tlvs: dict } : undefined);
    return decode(bytes, dict ? { tlvs: dict } : undefined).pdu;
  } catch (e) {
    if (e instanceof EncodeError) throw new SnippetError(`${command}: ${e.message}`);
    throw e;
  }
}

function specOf(tag: number, input: SnippetInput): TlvSpec | undefined {
  return tlvByTag(tag) ?? input.dictionary?.byTag(tag);
}

function snippetTlv(t: DecodedTlv, input: SnippetInput): SnippetTlv {
  const spec = specOf(t.tag, input);
  const out: SnippetTlv = {
    tag: t.tag,
    name: spec?.name ?? `tlv_0x${t.tag.toString(16).padStart(4, '0')}`,
    bytes: t.raw.slice(),
    vendor: tlvByTag(t.tag) === undefined,
  };
  if (spec && (spec.type === 'int1' || spec.type === 'int2' || spec.type === 'int4') && typeof t.value === 'number' && t.raw.length === INT_SIZE[spec.type]) {
    out.int = { value: t.value, size: INT_SIZE[spec.type] };
  } else if (spec?.type === 'cstring' && typeof t.value === 'string') {
    out.cstring = t.value;
  }
  return out;
}

/** Fields the codec derives from another (a length or a count). */
function derived(fields: readonly FieldSpec[]): Set<string> {
  const out = new Set<string>();
  for (const f of fields) {
    if ('lengthOf' in f && f.lengthOf !== undefined) out.add(f.name);
    if ('lengthFrom' in f) out.add(f.lengthFrom);
    if ('countFrom' in f) out.add(f.countFrom);
  }
  return out;
}

function fieldsOf(pdu: DecodedPdu): SnippetField[] {
  if (pdu.command === 'unknown') return [];
  const spec = COMMANDS[pdu.command].body as readonly FieldSpec[];
  const skip = derived(spec);
  const body = pdu.body as Record<string, unknown>;
  const out: SnippetField[] = [];
  for (const f of spec) {
    if (skip.has(f.name)) continue;
    const v = body[f.name];
    if (v === undefined) continue;
    out.push({ name: f.name, type: f.type, value: v as SnippetFieldValue });
  }
  return out;
}

function isHex(s: string): boolean {
  return s.length % 2 === 0 && /^[0-9a-fA-F]*$/.test(s);
}

/** Builds the plan. Throws SnippetError naming what is wrong (an unknown command, a bad field or TLV). */
export function planSnippet(input: SnippetInput): SnippetPlan {
  const bind = bindOf(input.connection);
  const command = input.pdu.command;
  if (!isCommandName(command)) throw new SnippetError(`unknown command ${JSON.stringify(command)}`);
  if (isResponseId(COMMANDS[command].id)) throw new SnippetError(`${command} is a response; a snippet sends a request`);
  const body: Record<string, unknown> = { ...(input.pdu.body ?? {}) };
  let text = input.text;
  // A short_message given as text rather than hex is taken as the text to send.
  if (text === undefined && typeof body.short_message === 'string' && !isHex(body.short_message)) {
    text = body.short_message;
    delete body.short_message;
  }
  if (text !== undefined && !TEXT_COMMANDS.has(command)) throw new SnippetError(`${command} carries no text`);
  const title = input.connection.name ?? `${bind.host}:${bind.port}`;
  const notes: string[] = [];
  if (text === undefined) {
    const pdu = normalise(input, body);
    return { title, bind, requests: [{ command, fields: fieldsOf(pdu), tlvs: pdu.tlvs.map((t) => snippetTlv(t, input)) }], notes };
  }

  // A text: planned as the session sends it, one PDU a part.
  const c = input.connection;
  const method: PlanMethod = command === 'data_sm' ? 'payload' : METHOD[c.concatenation ?? 'udh8'];
  const dc = typeof body.data_coding === 'number' ? body.data_coding : undefined;
  const encoding = dc === 8 ? 'ucs2' : dc === 3 ? 'latin1' : 'auto';
  const { plan, alphabet } = planText(text, encoding, method, c.dcs0 ?? 'gsm7');
  const baseEsm = typeof body.esm_class === 'number' ? body.esm_class : 0;
  const ownTags = new Set<number>();
  for (const name of ['sar_msg_ref_num', 'sar_total_segments', 'sar_segment_seqnum', 'message_payload']) ownTags.add(tlvByName(name)!.tag);
  for (const t of input.pdu.tlvs ?? []) {
    const tag = t.tag ?? (t.name !== undefined ? (tlvByName(t.name)?.tag ?? input.dictionary?.byName(t.name)?.tag) : undefined);
    if (tag !== undefined && ownTags.has(tag)) throw new SnippetError(`${t.name ?? `TLV 0x${tag.toString(16)}`} is set by the way the text is sent; leave it out`);
  }
  const alphabetName = { gsm7: 'GSM 7-bit', 'gsm7-packed': 'GSM 7-bit packed', ucs2: 'UCS-2', latin1: 'Latin-1', ascii: 'ASCII' }[alphabet];
  const how = plan.parts.length === 1 ? (method === 'payload' ? 'in message_payload' : 'in one part') : `in ${plan.parts.length} parts (${method === 'sar' ? 'SAR TLVs' : method === 'udh16' ? 'UDH, 16-bit reference' : 'UDH, 8-bit reference'})`;
  notes.push(`The text is sent ${how}, ${alphabetName}, data_coding 0x${plan.dataCoding.toString(16).padStart(2, '0')}.`);
  for (const p of plan.problems) notes.push(p.message);
  const requests: SnippetRequest[] = plan.parts.map((part) => {
    const partBody: Record<string, unknown> = { ...body, data_coding: plan.dataCoding };
    if (command !== 'data_sm') {
      partBody.short_message = hexOf(part.shortMessage);
      if (command !== 'replace_sm') partBody.esm_class = part.esmClassUdhi ? baseEsm | 0x40 : baseEsm;
    }
    if (command === 'replace_sm') delete partBody.data_coding;
    const tlvs: NonNullable<SnippetInput['pdu']['tlvs']>[number][] = [];
    if (part.tlvs) {
      tlvs.push({ name: 'sar_msg_ref_num', value: part.tlvs.sar_msg_ref_num });
      tlvs.push({ name: 'sar_total_segments', value: part.tlvs.sar_total_segments });
      tlvs.push({ name: 'sar_segment_seqnum', value: part.tlvs.sar_segment_seqnum });
    }
    if (part.messagePayload) tlvs.push({ name: 'message_payload', value: hexOf(part.messagePayload) });
    tlvs.push(...(input.pdu.tlvs ?? []));
    const pdu = normalise({ ...input, pdu: { command, body: partBody, tlvs } }, partBody);
    return { command, fields: fieldsOf(pdu), tlvs: pdu.tlvs.map((t) => snippetTlv(t, input)), text: part.text };
  });
  return { title, bind, requests, notes };
}

function hexOf(b: Uint8Array): string {
  let s = '';
  for (const x of b) s += x.toString(16).padStart(2, '0');
  return s;
}

/** Octets as hex (for the languages' literals). */
export function toHexString(b: Uint8Array): string {
  return hexOf(b);
}

/** Whether every octet is printable ASCII, so a language can write it as a plain string literal. */
export function printableAscii(b: Uint8Array): boolean {
  for (const x of b) if (x < 0x20 || x > 0x7e) return false;
  return true;
}

/** Back from hex, for tests and callers holding the JSON form. */
export function hexBytes(hex: string): Uint8Array | undefined {
  return fromHex(hex);
}
