// One line that says what a PDU is: command, sequence number, status (on responses) and the fields
// an engineer looks for first (addresses, text, message_id, system_id, a delivery receipt's id,
// stat and err). Used by the editor hover and by the decoder's capture filter. Passwords are
// never part of a summary. Browser-safe: no Buffer, no node: imports.

import { readU32, toHex } from './bytes';
import { decode, type DecodedTlv, type DecodeResult, type TlvDictionary } from './codec';
import { parseReceipt } from './receipt';
import { commandById } from './tables/commands';
import { isReceiptEsmClass, statusName } from './tables/values';
import { decodeText } from './text/index';

export interface PduSummary {
  command: string;
  seq: number;
  /** Status name on responses; undefined on requests. */
  status?: string;
  /** Key fields, e.g. `to 447700900123`, `"Hello"`, `receipt id 17 stat DELIVRD err 000`. */
  details: string[];
  /** How many problems the decoder reported. */
  problems: number;
  /** Everything above as one line. */
  line: string;
}

export interface SummaryOptions {
  dcs0?: 'gsm7' | 'latin1' | 'ascii';
  /** Longest text quoted in the summary (characters). Default 40. */
  maxText?: number;
}

const DEFAULT_MAX_TEXT = 40;

/** Shortens a value for one line: control characters shown as spaces, cut with an ellipsis. */
export function oneLine(s: string, max: number): string {
  // eslint-disable-next-line no-control-regex
  const flat = s.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  return flat.length > max ? flat.slice(0, Math.max(1, max - 1)) + '…' : flat;
}

function stringField(body: Record<string, unknown>, name: string): string | undefined {
  const v = body[name];
  return typeof v === 'string' && v.length > 0 ? v : undefined;
}

/** The message text of a short_message / message_payload: UDH skipped, decoded by data_coding. */
function messageText(body: Record<string, unknown>, payload: Uint8Array | undefined, dcs0: SummaryOptions['dcs0']): string | undefined {
  const sm = body.short_message instanceof Uint8Array && body.short_message.length > 0 ? body.short_message : payload;
  if (sm === undefined || sm.length === 0) return undefined;
  const esm = typeof body.esm_class === 'number' ? body.esm_class : 0;
  const dc = typeof body.data_coding === 'number' ? body.data_coding : 0;
  const udh = (esm & 0x40) !== 0 ? Math.min(sm.length, sm[0]! + 1) : 0;
  let content = sm.subarray(udh);
  // A receipt often counts its C-string NUL in sm_length; it is not text.
  if (isReceiptEsmClass(esm) && content.length > 0 && content[content.length - 1] === 0) content = content.subarray(0, content.length - 1);
  return decodeText(content, dc, dcs0 ? { dcs0 } : {}).text;
}

/**
 * Summarizes a decode result (with or without the field tree: only values are read, so a
 * values-only decode is enough and about eight times cheaper).
 */
export function summarizeDecoded(result: DecodeResult, options: SummaryOptions = {}): PduSummary {
  const max = options.maxText ?? DEFAULT_MAX_TEXT;
  const { pdu } = result;
  const isResponse = (pdu.command_id & 0x80000000) !== 0;
  const body = pdu.body as Record<string, unknown>;
  const details: string[] = [];
  const add = (label: string, v: string | undefined): void => {
    if (v !== undefined) details.push(label + oneLine(v, max));
  };

  add('system_id ', stringField(body, 'system_id'));
  add('to ', stringField(body, 'destination_addr'));
  add('from ', stringField(body, 'source_addr'));
  add('message_id ', stringField(body, 'message_id'));
  const payloadTlv = pdu.tlvs.find((t) => t.name === 'message_payload');
  const text = messageText(body, payloadTlv?.raw, options.dcs0);
  if (text !== undefined) {
    const esm = typeof body.esm_class === 'number' ? body.esm_class : 0;
    const receipt = isReceiptEsmClass(esm) || /\bstat:/i.test(text) ? parseReceipt(text) : undefined;
    if (receipt !== undefined) {
      const words = ['receipt'];
      if (receipt.id !== undefined) words.push('id ' + oneLine(receipt.id, max));
      if (receipt.stat !== undefined) words.push('stat ' + oneLine(receipt.stat, max));
      if (receipt.err !== undefined) words.push('err ' + oneLine(receipt.err, max));
      details.push(words.join(' '));
    } else {
      details.push(JSON.stringify(oneLine(text, max)));
    }
  }
  const status = isResponse ? statusName(pdu.command_status) : undefined;
  const head = pdu.command + ' · seq ' + pdu.sequence_number + (status === undefined ? '' : ' · ' + status);
  const problems = result.problems.length;
  const tail = problems === 0 ? '' : ' · ' + problems + (problems === 1 ? ' problem' : ' problems');
  return {
    command: pdu.command,
    seq: pdu.sequence_number,
    ...(status === undefined ? {} : { status }),
    details,
    problems,
    line: head + (details.length ? ' · ' + details.join(' · ') : '') + tail,
  };
}

/** Decodes `bytes` (one PDU, values only) and summarizes it. Never throws. */
export function summarizePdu(bytes: Uint8Array, options: SummaryOptions = {}): PduSummary {
  return summarizeDecoded(decode(bytes), options);
}

/**
 * Whether `bytes` start with a plausible PDU of exactly `bytes.length` octets: a command_length
 * equal to the length, at least 16, and a known command_id.
 */
export function looksLikePdu(bytes: Uint8Array): boolean {
  if (bytes.length < 16) return false;
  const len = readU32(bytes, 0);
  if (len !== bytes.length) return false;
  const id = readU32(bytes, 4);
  return commandById(id) !== undefined;
}

/** A decoded TLV the dictionary declares, as people read it: `operator_id=1 (vodafone)`; octets (or a value that could not be read) in hex. */
export function vendorTlvText(t: DecodedTlv): string {
  const v = t.value;
  const value = typeof v === 'number' ? String(v) : typeof v === 'string' ? JSON.stringify(v) : toHex(v instanceof Uint8Array ? v : t.raw);
  return `${t.name}=${value}${t.valueName === undefined ? '' : ` (${t.valueName})`}`;
}

function declared(tlvs: readonly DecodedTlv[], dictionary: TlvDictionary | undefined): string[] {
  if (dictionary === undefined) return [];
  return tlvs.filter((t) => dictionary.byTag(t.tag) !== undefined).map(vendorTlvText);
}

/** The vendor TLVs of a PDU that the dictionary declares, each as `name=value (value name)`. */
export function vendorTlvs(bytes: Uint8Array, dictionary: TlvDictionary | undefined): string[] {
  return dictionary === undefined ? [] : declared(decode(bytes, { tlvs: dictionary }).pdu.tlvs, dictionary);
}

/**
 * The one-line summary with the vendor TLVs the dictionary declares at its end, by name (a capture
 * row's filter and tooltip, the hex hover). One decode.
 */
export function captureSummary(bytes: Uint8Array, dcs0: 'gsm7' | 'latin1' | 'ascii', dictionary: TlvDictionary | undefined): string {
  const result = decode(bytes, dictionary === undefined ? undefined : { tlvs: dictionary });
  const line = summarizeDecoded(result, { dcs0 }).line;
  const vendor = declared(result.pdu.tlvs, dictionary);
  return vendor.length === 0 ? line : `${line} · ${vendor.join(' · ')}`;
}
