// A block → the PDU it sends, in the codec's JSON form (what copy-as-code and the result view
// show) and as the encoder's input (what a session sends). Each value is read by its field's
// type, checked by the codec on its own (so a problem names its line), then the whole PDU is
// encoded once more for what only the whole shows.

import { EncodeError, encode, fromJsonPdu, type JsonPdu, type PduInput, type TlvDictionary, type TlvInput } from '../codec';
import type { RequestName } from '../session/esme';
import { COMMANDS, type CommandName } from '../tables/commands';
import { parseSmppTime } from '../time';
import { fillTemplate, parseTemplate, type GeneratorContext } from './generators';
import type { RequestBlock, RequestField, RequestFileProblem } from './types';
import { bodyField, findTlv, jsonValue, unquote, type Target } from './values';

/** A TLV of a built request; `raw`: `value` is the exact octets as hex. */
export interface RequestTlv {
  tag: number;
  name: string;
  value: unknown;
  raw?: true;
}

/** A request in the codec's JSON form: integers as numbers, C-octet strings as strings, octets as hex. */
export interface RequestPdu {
  command: RequestName;
  body: Record<string, unknown>;
  tlvs: RequestTlv[];
}

export interface BuildContext extends GeneratorContext {
  /** The connection file's vendor TLVs. */
  dictionary?: TlvDictionary;
  /** The alphabet the SMSC reads data_coding 0 in (the connection's profile). Default gsm7. */
  dcs0?: 'gsm7' | 'latin1' | 'ascii';
}

export interface BuiltRequest {
  /** Absent when a problem is an error. */
  pdu?: RequestPdu;
  /** What encode (and a session) takes; absent when a problem is an error. */
  input?: PduInput<CommandName>;
  problems: RequestFileProblem[];
}

/** Where a field's value sits on its line. */
function valueProblem(f: RequestField, message: string, severity: 'error' | 'warning' = 'error', start?: number, end?: number): RequestFileProblem {
  const from = f.valueColumn + (start ?? 0);
  const to = end === undefined ? f.valueColumn + Math.max(f.value.length, 1) : f.valueColumn + end;
  return { line: f.line, column: from, endColumn: Math.max(to, from + 1), message, severity };
}

function targetOf(command: CommandName, f: RequestField, dictionary: TlvDictionary | undefined): Target | undefined {
  if (f.kind === 'field') {
    const spec = bodyField(command, f.name);
    return spec === undefined ? undefined : { kind: 'field', spec };
  }
  return f.kind === 'tlv' ? findTlv(f.name, dictionary) : undefined;
}

function isTime(t: Target): boolean {
  return t.kind !== 'tag' && 'time' in t.spec && t.spec.time === true;
}

function tlvEntry(t: Target, name: string, value: unknown, raw: boolean): RequestTlv {
  const tag = t.kind === 'tag' ? t.tag : t.kind === 'tlv' ? t.spec.tag : 0;
  const tlvName = t.kind === 'tlv' ? t.spec.name : name;
  return raw ? { tag, name: tlvName, value, raw: true } : { tag, name: tlvName, value };
}

/** The encoder's input of a JSON-form request (raw TLVs as raw octets). */
export function toPduInput(pdu: RequestPdu, dictionary?: TlvDictionary): PduInput<CommandName> {
  // The JSON form's TLV length is optional in practice (encode computes it); a typed TLV leaves it out.
  const typed = pdu.tlvs.filter((t) => !t.raw).map((t) => ({ tag: t.tag, name: t.name, value: t.value })) as JsonPdu['tlvs'];
  const input = fromJsonPdu({ command: pdu.command, body: pdu.body, tlvs: typed }, dictionary === undefined ? undefined : { tlvs: dictionary });
  // Keep the TLVs in the order the block gives them, raw ones included.
  const tlvs: TlvInput[] = [];
  let next = 0;
  for (const t of pdu.tlvs) {
    if (t.raw) tlvs.push({ tag: t.tag, raw: hexBytes(t.value) });
    else tlvs.push(input.tlvs![next++]!);
  }
  input.tlvs = tlvs;
  return input;
}

function hexBytes(v: unknown): Uint8Array {
  const s = typeof v === 'string' ? v : '';
  const out = new Uint8Array(s.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(s.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** Encodes, turning the codec's refusal into its message. */
function encodeCheck(pdu: RequestPdu, dictionary: TlvDictionary | undefined): { input: PduInput<CommandName> } | { error: string; field: string } {
  try {
    const input = toPduInput(pdu, dictionary);
    encode(input, dictionary === undefined ? undefined : { tlvs: dictionary });
    return { input };
  } catch (e) {
    if (e instanceof EncodeError) return { error: e.message, field: e.field };
    throw e;
  }
}

/** The data_coding a block's text is encoded by: its own literal value, else 0. */
function dataCodingOf(block: RequestBlock, command: CommandName, context: BuildContext): number {
  const f = block.fields.find((x) => x.kind === 'field' && x.name === 'data_coding');
  const spec = bodyField(command, 'data_coding');
  if (f === undefined || spec === undefined) return 0;
  const v = readValue(f, { kind: 'field', spec }, context, 0, 'send');
  return 'value' in v && typeof v.value === 'number' ? v.value : 0;
}

type Mode = 'send' | 'check';

/** A field's JSON-form value; in `check` mode a value with generators is left for the send (`skip`). */
function readValue(f: RequestField, t: Target, context: BuildContext, dataCoding: number, mode: Mode): { value: unknown; raw?: true } | { problem: RequestFileProblem } | { skip: true } {
  const u = unquote(f.value);
  if ('error' in u) return { problem: valueProblem(f, `${f.name}: ${u.error}`) };
  const template = parseTemplate(u.text);
  const shift = u.quoted ? 1 : 0;
  if (template.problems.length > 0) {
    const p = template.problems[0]!;
    return { problem: valueProblem(f, p.message, 'error', p.start + shift, p.end + shift) };
  }
  if (template.generated && mode === 'check') return { skip: true };
  const filled = fillTemplate(template, context, { time: isTime(t) });
  if ('error' in filled) return { problem: valueProblem(f, filled.error, 'error', filled.start + shift, filled.end + shift) };
  const v = jsonValue(t, f.name, filled.text, u.quoted, { dataCoding, dcs0: context.dcs0 });
  if ('error' in v) return { problem: valueProblem(f, v.error) };
  return v;
}

/** The line a codec message is about: the field of that name, the TLV list's first TLV, or the pdu line. */
function lineFor(block: RequestBlock, field: string): RequestField | undefined {
  const name = field.split('.')[0]!;
  const exact = block.fields.find((f) => f.kind !== 'setting' && f.name === name);
  if (exact) return exact;
  if (name === 'sm_length') return block.fields.find((f) => f.name === 'short_message');
  if (name === 'number_of_dests') return block.fields.find((f) => f.name === 'dest_address');
  return block.fields.find((f) => f.kind === 'setting' && f.name === 'pdu');
}

/**
 * Builds the PDU a block sends with the context's generated values. `check`: generated values are
 * left out and only what is written is checked (a file's diagnostics).
 */
export function buildBlock(block: RequestBlock, context: BuildContext = {}, mode: Mode = 'send'): BuiltRequest {
  const problems: RequestFileProblem[] = [];
  const command = block.command;
  if (command === undefined) return { problems };
  const dict = context.dictionary;
  const dataCoding = dataCodingOf(block, command, context);
  const pdu: RequestPdu = { command, body: {}, tlvs: [] };
  let complete = true;
  for (const f of block.fields) {
    if (f.kind === 'setting') continue;
    const t = targetOf(command, f, dict);
    // Names no field or TLV: the parser has said so.
    if (t === undefined || (t.kind === 'field' && 'lengthOf' in t.spec && t.spec.lengthOf !== undefined)) {
      complete = false;
      continue;
    }
    const v = readValue(f, t, context, dataCoding, mode);
    if ('skip' in v) {
      complete = false;
      continue;
    }
    if ('problem' in v) {
      problems.push(v.problem);
      continue;
    }
    if (isTime(t) && typeof v.value === 'string') {
      const time = parseSmppTime(v.value);
      if (time.kind === 'invalid') problems.push(valueProblem(f, `${f.name} is not an SMPP time (YYMMDDhhmmsstnnp, or empty): ${time.problems[0]?.message ?? ''}; it is sent as written`, 'warning'));
    }
    // The codec checks the value on its own, so its message names this line.
    const one: RequestPdu = t.kind === 'field' ? { command, body: { [f.name]: v.value }, tlvs: [] } : { command, body: {}, tlvs: [tlvEntry(t, f.name, v.value, v.raw === true)] };
    const checked = encodeCheck(one, dict);
    if ('error' in checked) {
      problems.push(valueProblem(f, checked.error));
      continue;
    }
    if (t.kind === 'field') pdu.body[t.spec.name] = v.value;
    else pdu.tlvs.push(tlvEntry(t, f.name, v.value, v.raw === true));
  }
  if (problems.some((p) => p.severity === 'error')) return { problems };
  const required = (COMMANDS[command] as { requiredTlvs?: readonly string[] }).requiredTlvs ?? [];
  if (mode === 'send') {
    const missing = required.filter((n) => !pdu.tlvs.some((t) => t.name === n));
    if (missing.length > 0) {
      const at = lineFor(block, 'pdu');
      problems.push({
        line: at?.line ?? block.startLine,
        column: at?.valueColumn ?? 0,
        endColumn: (at?.valueColumn ?? 0) + Math.max(at?.value.length ?? 1, 1),
        message: `${command} must carry the TLV${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`,
        severity: 'error',
      });
      return { problems };
    }
  }
  if (mode === 'check' && !complete) return { problems };
  const whole = encodeCheck(pdu, dict);
  if ('error' in whole) {
    const at = lineFor(block, whole.field);
    problems.push(
      at === undefined
        ? { line: block.startLine, column: 0, endColumn: 1, message: whole.error, severity: 'error' }
        : at.kind === 'setting'
          ? { line: at.line, column: at.valueColumn, endColumn: at.valueColumn + Math.max(at.value.length, 1), message: whole.error, severity: 'error' }
          : valueProblem(at, whole.error),
    );
    return { problems };
  }
  return { pdu, input: whole.input, problems };
}

/** The PDU a block sends, with the context's generated values (`${counter}`, `${env:…}`, …). */
export function buildRequest(block: RequestBlock, context: BuildContext = {}): BuiltRequest {
  return buildBlock(block, context, 'send');
}
