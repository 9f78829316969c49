// The JSON form (the CLI's `--json`): raw values, octet strings as hex, read back into encoder
// input by the tables (octet fields, and the octet members of structured TLVs, take hex).

import { fromHex, toHex } from '../bytes';
import { COMMANDS, isCommandName, type BodyInput, type CommandName, type CommandSpec } from '../tables/commands';
import { EncodeError, tlvByName, tlvByTag } from '../tables/tlvs';
import type { DecodedPdu, EncodeOptions, PduInput, TlvInput } from './pdu';
import { byteMembers } from './types';

/** A PDU as plain JSON: integers as numbers, C-Octet Strings as strings, octet strings as hex. */
export interface JsonPdu {
  command_length: number;
  command_id: number;
  command_status: number;
  sequence_number: number;
  command: string;
  body: Record<string, unknown>;
  /** `valueName`: a dictionary TLV's name for its integer value. */
  tlvs: { tag: number; name: string; length: number; value: unknown; valueName?: string }[];
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
    tlvs: pdu.tlvs.map((t) => {
      const out: JsonPdu['tlvs'][number] = { tag: t.tag, name: t.name, length: t.length, value: jsonValue(t.value ?? t.raw) };
      if (t.valueName !== undefined) out.valueName = t.valueName;
      return out;
    }),
  };
}

/**
 * Reads the JSON form back into encoder input, by the tables: octet fields and TLVs take hex.
 * `command_length` is ignored (encode computes it); `length` keeps odd TLV sizes exact. With `tlvs`
 * (a vendor TLV dictionary) its TLVs are read by name and typed value, as encode then takes them.
 */
export function fromJsonPdu(json: Partial<JsonPdu> & { command: string }, options?: EncodeOptions): PduInput<CommandName> {
  const dict = options?.tlvs;
  if (!isCommandName(json.command)) throw new EncodeError('command', 'unknown command ' + JSON.stringify(json.command));
  const spec: CommandSpec = COMMANDS[json.command];
  const body: Record<string, unknown> = { ...(json.body ?? {}) };
  for (const f of spec.body) if (f.type === 'octets' && body[f.name] !== undefined) body[f.name] = hexToBytes(f.name, body[f.name]);
  const tlvs: TlvInput[] = (json.tlvs ?? []).map((t) => {
    let tspec = t.tag !== undefined ? tlvByTag(t.tag) : t.name !== undefined ? tlvByName(t.name) : undefined;
    if (tspec === undefined && dict !== undefined) tspec = t.tag !== undefined ? dict.byTag(t.tag) : t.name !== undefined ? dict.byName(t.name) : undefined;
    const tag = t.tag ?? tspec?.tag;
    const out: TlvInput = tag === undefined ? { name: t.name } : { tag };
    if (t.length !== undefined) out.length = t.length;
    if (tspec === undefined) {
      out.raw = hexToBytes(t.name ?? 'tlv', t.value);
    } else if (tspec.type === 'octets') {
      out.value = hexToBytes(tspec.name, t.value);
    } else if (byteMembers(tspec.type).length > 0 && t.value !== null && typeof t.value === 'object') {
      const v = { ...(t.value as Record<string, unknown>) };
      for (const member of byteMembers(tspec.type)) v[member] = hexToBytes(tspec.name + '.' + member, v[member] ?? '');
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
