// Encoding: one pass over the command's field descriptors (resolved once per command) and the
// TLVs, each value checked and written by its type's descriptor (./types) into a scratch buffer
// that grows as needed; the PDU is then copied out into one allocation of its exact size. A PDU
// the spec forbids throws EncodeError, naming the field, and nothing is returned.

import { writeU32 } from '../bytes';
import { COMMANDS, isCommandName, type CommandName, type CommandSpec, type FieldSpec } from '../tables/commands';
import { EncodeError, tlvByName, tlvByTag, tlvName } from '../tables/tlvs';
import type { TlvDictionary } from '../tables/tlvDictionary';
import type { DecodedPdu, EncodeOptions, PduInput, TlvInput } from './pdu';
import { fieldType, putTlvValue, room, type FieldType, type Writer } from './types';

/** Node's Buffer.allocUnsafe where it exists (faster: no zero fill; encode writes every byte), else a Uint8Array. */
const NodeBuffer = (globalThis as { Buffer?: { allocUnsafe(n: number): Uint8Array } }).Buffer;
const allocBytes: (n: number) => Uint8Array = NodeBuffer ? (n) => NodeBuffer.allocUnsafe(n) : (n) => new Uint8Array(n);

/** The scratch buffer every PDU is written into first; one that grew past 1 MiB is let go. */
const SCRATCH = 4096;
const w: Writer = { b: new Uint8Array(SCRATCH), o: 0 };

/** Each command's field descriptors, in body order, resolved the first time it is encoded. */
const PLANS = new Map<CommandName, readonly FieldType[]>();

function plan(name: CommandName, spec: CommandSpec): readonly FieldType[] {
  let p = PLANS.get(name);
  if (p === undefined) PLANS.set(name, (p = spec.body.map(fieldType)));
  return p;
}

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

/**
 * Encodes a PDU from the tables, filling in command_length (and sm_length, number_of_dests,
 * no_unsuccess). Throws EncodeError, naming the field, for values it cannot or must not write:
 * wrong type, out of range, characters above U+00FF, a NUL inside a C-octet string, a value over
 * its spec length, a reserved value, unknown command or TLV names. With `tlvs` (a vendor TLV
 * dictionary) its TLVs may be given by name and typed value.
 */
export function encode<C extends CommandName>(pdu: PduInput<C>, options?: EncodeOptions): Uint8Array;
/** Re-encodes a decoded PDU (an unknown command throws EncodeError). */
export function encode(pdu: DecodedPdu, options?: EncodeOptions): Uint8Array;
export function encode(pdu: PduInput<CommandName> | DecodedPdu, options?: EncodeOptions): Uint8Array {
  const name: string = pdu.command;
  if (!isCommandName(name)) throw new EncodeError('command', 'unknown command ' + JSON.stringify(name));
  const spec: CommandSpec = COMMANDS[name];
  const status = headerInt('command_status', pdu.command_status);
  const seq = headerInt('sequence_number', pdu.sequence_number);
  const body = (pdu.body ?? {}) as Record<string, unknown>;
  const fields = spec.body;
  const types = plan(name, spec);
  const stopAtMissing = status !== 0 && (spec.id & 0x80000000) !== 0;

  w.o = 16;
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i]!;
    if (stopAtMissing && !present(f, body)) break;
    types[i]!.put(w, body[f.name], f, body);
  }
  const tlvs = pdu.tlvs;
  if (tlvs !== undefined) {
    const dict = options?.tlvs;
    for (let i = 0; i < tlvs.length; i++) putTlv(tlvs[i]!, dict);
  }

  const size = w.o;
  const b = w.b;
  const out = allocBytes(size);
  writeU32(out, 0, size);
  writeU32(out, 4, spec.id);
  writeU32(out, 8, status);
  writeU32(out, 12, seq);
  if (size > 80) out.set(b.subarray(16, size), 16);
  else for (let i = 16; i < size; i++) out[i] = b[i]!;
  if (b.length > 1 << 20) w.b = new Uint8Array(SCRATCH);
  return out;
}

/** Writes one TLV at w.o: tag, length, and the value (typed, or raw bytes exactly as given); `dict` names vendor TLVs. */
function putTlv(t: TlvInput, dict: TlvDictionary | undefined): void {
  let tag = t.tag;
  let spec = tag !== undefined ? tlvByTag(tag) : t.name !== undefined ? tlvByName(t.name) : undefined;
  if (spec === undefined && dict !== undefined) spec = tag !== undefined ? dict.byTag(tag) : t.name !== undefined ? dict.byName(t.name) : undefined;
  if (tag === undefined) {
    if (spec === undefined) throw new EncodeError('tlvs', 'unknown TLV ' + JSON.stringify(t.name) + ' (give a tag, or declare it in a TLV dictionary)');
    tag = spec.tag;
  }
  if (!(tag >= 0 && tag <= 0xffff)) throw new EncodeError('tlvs', 'tag ' + String(tag) + ' is not 0..0xFFFF');
  const v = t.value;
  room(w, 4);
  const at = w.o;
  w.b[at] = tag >> 8;
  w.b[at + 1] = tag & 0xff;
  w.o = at + 4;
  if (v === undefined || spec === undefined) {
    // Raw bytes go out exactly as given: the way to send what a test needs, odd sizes included.
    const raw = v instanceof Uint8Array ? v : t.raw;
    if (raw === undefined) throw new EncodeError(tlvName(tag), 'needs a value or raw bytes');
    if (raw.length > 0xffff) throw new EncodeError(tlvName(tag), 'value longer than 65535 octets');
    room(w, raw.length);
    w.b.set(raw, w.o);
    w.o += raw.length;
  } else putTlvValue(w, spec, v, t.length);
  // The buffer may have grown while the value was written.
  const n = w.o - at - 4;
  w.b[at + 2] = n >> 8;
  w.b[at + 3] = n & 0xff;
}
