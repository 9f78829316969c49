// Encoding: two passes over the command table's fields and the TLVs, each value sized and then
// written by its type's descriptor (./types). The sizing pass checks everything, so a PDU the
// spec forbids throws EncodeError, naming the field, before a byte is written.

import { writeU32 } from '../bytes';
import { COMMANDS, isCommandName, type CommandName, type CommandSpec, type FieldSpec } from '../tables/commands';
import { EncodeError, tlvByName, tlvByTag, tlvName, type TlvSpec } from '../tables/tlvs';
import type { DecodedPdu, PduInput, TlvInput } from './pdu';
import { TLV_TYPES, fieldType, tlvValueSize } from './types';

/** Node's Buffer.allocUnsafe where it exists (faster: no zero fill; encode writes every byte), else a Uint8Array. */
const NodeBuffer = (globalThis as { Buffer?: { allocUnsafe(n: number): Uint8Array } }).Buffer;
const allocBytes: (n: number) => Uint8Array = NodeBuffer ? (n) => NodeBuffer.allocUnsafe(n) : (n) => new Uint8Array(n);

function headerInt(field: string, v: unknown): number {
  if (v === undefined) return 0;
  if (typeof v !== 'number' || !(v >= 0 && v <= 0xffffffff) || Math.floor(v) !== v) {
    throw new EncodeError(field, 'expected an integer 0..4294967295, got ' + String(v));
  }
  return v;
}

/** Whether encode writes field f (error responses stop at the first field not given). */
function present(f: FieldSpec, body: Record<string, unknown>): boolean {
  if (body[f.name] !== undefined) return true;
  return f.type === 'int1' && f.lengthOf !== undefined && body[f.lengthOf] !== undefined;
}

/** A TLV sized in the first pass: its spec (none for raw bytes), the value and its length. */
interface TlvPlan {
  tag: number;
  spec: TlvSpec | undefined;
  value: unknown;
  size: number;
}

/**
 * Encodes a PDU from the tables, filling in command_length (and sm_length, number_of_dests,
 * no_unsuccess). Throws EncodeError, naming the field, for values it cannot or must not write:
 * wrong type, out of range, characters above U+00FF, a NUL inside a C-octet string, a value over
 * its spec length, a reserved value, unknown command or TLV names.
 */
export function encode<C extends CommandName>(pdu: PduInput<C>): Uint8Array;
/** Re-encodes a decoded PDU (an unknown command throws EncodeError). */
export function encode(pdu: DecodedPdu): Uint8Array;
export function encode(pdu: PduInput<CommandName> | DecodedPdu): Uint8Array {
  const name: string = pdu.command;
  if (!isCommandName(name)) throw new EncodeError('command', 'unknown command ' + JSON.stringify(name));
  const spec: CommandSpec = COMMANDS[name];
  const status = headerInt('command_status', pdu.command_status);
  const seq = headerInt('sequence_number', pdu.sequence_number);
  const body = (pdu.body ?? {}) as Record<string, unknown>;
  const fields = spec.body;
  const stopAtMissing = status !== 0 && (spec.id & 0x80000000) !== 0;

  // ---- pass 1: size and check -------------------------------------------------------------------
  let size = 16;
  let count = fields.length;
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i]!;
    if (stopAtMissing && !present(f, body)) {
      count = i;
      break;
    }
    size += fieldType(f).size(body[f.name], f, body);
  }
  const tlvIn = pdu.tlvs ?? [];
  const plans: TlvPlan[] = new Array<TlvPlan>(tlvIn.length);
  for (let i = 0; i < tlvIn.length; i++) {
    const plan = planTlv(tlvIn[i]!);
    plans[i] = plan;
    size += 4 + plan.size;
  }

  // ---- pass 2: write ---------------------------------------------------------------------------
  const out = allocBytes(size);
  writeU32(out, 0, size);
  writeU32(out, 4, spec.id);
  writeU32(out, 8, status);
  writeU32(out, 12, seq);
  let o = 16;
  for (let i = 0; i < count; i++) {
    const f = fields[i]!;
    o = fieldType(f).write(out, o, body[f.name], f, body);
  }
  for (let i = 0; i < plans.length; i++) {
    const p = plans[i]!;
    out[o++] = p.tag >> 8;
    out[o++] = p.tag & 0xff;
    out[o++] = p.size >> 8;
    out[o++] = p.size & 0xff;
    if (p.spec === undefined) out.set(p.value as Uint8Array, o);
    else TLV_TYPES[p.spec.type].write(out, o, p.value, p.spec, p.size);
    o += p.size;
  }
  return out;
}

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
    // Raw bytes go out exactly as given: the way to send what a test needs, odd sizes included.
    const raw = v instanceof Uint8Array ? v : t.raw;
    if (raw === undefined) throw new EncodeError(tlvName(tag), 'needs a value or raw bytes');
    if (raw.length > 0xffff) throw new EncodeError(tlvName(tag), 'value longer than 65535 octets');
    return { tag, spec: undefined, value: raw, size: raw.length };
  }
  return { tag, spec, value: v, size: tlvValueSize(spec, v, t.length) };
}
