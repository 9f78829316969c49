// What a message PDU (submit_sm, deliver_sm, data_sm, submit_multi) carries as a message: its
// addresses, its text octets (short_message past the UDH, or message_payload), and which part of
// a longer message it is, by a concatenation UDH (8- or 16-bit reference) or the SAR TLVs. Also
// a delivery receipt's id and state, from its text and the receipted_message_id and message_state
// TLVs. Browser-safe: no Buffer, no node: imports.
import { tlvValue, type DecodedPdu } from '../codec';
import { parseReceipt, RECEIPT_STAT_BY_STATE, reconcileReceipt, statToMessageState } from '../receipt';
import { isReceiptEsmClass } from '../tables/values';
import { decodeText } from '../text/index';
import { parseUdh } from '../udh';

export type Dcs0 = 'gsm7' | 'latin1' | 'ascii';

/** How a message travels: one PDU, its parts by UDH (8- or 16-bit reference) or SAR TLVs, or one PDU with message_payload. */
export type ConcatMethod = 'single' | 'payload' | 'udh8' | 'udh16' | 'sar';

export interface PartRef {
  method: 'udh8' | 'udh16' | 'sar';
  ref: number;
  total: number;
  /** The part's number, 1-based. */
  seq: number;
}

export interface MessageContent {
  from: string;
  to: string;
  esmClass: number;
  dataCoding: number;
  registeredDelivery: number;
  /** The text octets: short_message without its UDH, or message_payload. */
  octets: Uint8Array;
  /** The octets came from message_payload. */
  payload: boolean;
  /** Which part this is; undefined for a message in one PDU (or a malformed reference, see `problems`). */
  part?: PartRef;
  problems: string[];
}

export interface ReceiptContent {
  /** The message id the receipt is for: receipted_message_id's, else the text's `id:`. */
  ids: string[];
  /** The stat word (DELIVRD, UNDELIV…), from message_state when present, else the text's. */
  stat: string;
  messageState?: number;
  /** Intermediate notification (ENROUTE, SCHEDULED, or esm_class 0x20): a later final state wins. */
  final: boolean;
  err?: string;
  notes: string[];
}

const EMPTY = new Uint8Array(0);

/** Whether a decoded PDU carries a message (short_message or message_payload). */
export function isMessageCommand(command: string): boolean {
  return command === 'submit_sm' || command === 'deliver_sm' || command === 'data_sm' || command === 'submit_multi';
}

function num(v: unknown): number {
  return typeof v === 'number' ? v : 0;
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

/** submit_multi's destinations as one address: the first, with how many more. */
function multiDestination(list: unknown): string {
  if (!Array.isArray(list) || list.length === 0) return '';
  const first = list[0] as { destination_addr?: string; dl_name?: string };
  const name = first.destination_addr ?? (first.dl_name === undefined ? '' : `list ${first.dl_name}`);
  return list.length === 1 ? name : `${name} +${list.length - 1}`;
}

function payloadOf(pdu: DecodedPdu): Uint8Array | undefined {
  for (const t of pdu.tlvs) if (t.name === 'message_payload') return t.raw;
  return undefined;
}

/** The message a PDU carries (call only for isMessageCommand's commands). Never throws. */
export function messageContent(pdu: DecodedPdu): MessageContent {
  const body = pdu.body as Record<string, unknown>;
  const esmClass = num(body.esm_class);
  const problems: string[] = [];
  const sm = body.short_message instanceof Uint8Array ? body.short_message : EMPTY;
  const payloadBytes = sm.length === 0 ? payloadOf(pdu) : undefined;
  const data = payloadBytes ?? sm;
  let octets = data;
  let part: PartRef | undefined;
  if ((esmClass & 0x40) !== 0) {
    const udh = parseUdh(data);
    for (const p of udh.problems) problems.push(`UDH: ${p.message}`);
    octets = data.subarray(udh.headerLength);
    const c = udh.concat;
    if (c !== undefined && c.total > 0 && c.seq > 0 && c.seq <= c.total) part = { method: c.sixteenBit ? 'udh16' : 'udh8', ref: c.ref, total: c.total, seq: c.seq };
  }
  const sarRef = tlvValue(pdu, 'sar_msg_ref_num');
  const sarTotal = tlvValue(pdu, 'sar_total_segments');
  const sarSeq = tlvValue(pdu, 'sar_segment_seqnum');
  if (part === undefined && (sarRef !== undefined || sarTotal !== undefined || sarSeq !== undefined)) {
    if (sarRef === undefined || sarTotal === undefined || sarSeq === undefined) problems.push('SAR: sar_msg_ref_num, sar_total_segments and sar_segment_seqnum must come together; read as a message of its own');
    else if (sarTotal === 0 || sarSeq === 0 || sarSeq > sarTotal) problems.push(`SAR: segment ${sarSeq} is outside 1..${sarTotal}; read as a message of its own`);
    else part = { method: 'sar', ref: sarRef, total: sarTotal, seq: sarSeq };
  }
  const to = pdu.command === 'submit_multi' ? multiDestination(body.dest_address) : str(body.destination_addr);
  const out: MessageContent = {
    from: str(body.source_addr),
    to,
    esmClass,
    dataCoding: num(body.data_coding),
    registeredDelivery: num(body.registered_delivery),
    octets,
    payload: payloadBytes !== undefined,
    problems,
  };
  if (part !== undefined) out.part = part;
  return out;
}

/** Whether a deliver_sm / data_sm is a delivery receipt (or intermediate notification), not a mobile-originated message. */
export function isReceipt(pdu: DecodedPdu, content: MessageContent): boolean {
  const type = content.esmClass & 0x3c;
  return isReceiptEsmClass(content.esmClass) || type === 0x20 || tlvValue(pdu, 'receipted_message_id') !== undefined;
}

/** Text as people read it, by data_coding (data_coding 0 by `dcs0`). */
export function textOf(octets: Uint8Array, dataCoding: number, dcs0: Dcs0): string {
  return decodeText(octets, dataCoding, { dcs0 }).text;
}

/** message_state values after which no other state follows. */
function isFinalState(state: number | undefined): boolean {
  return state !== undefined && state !== 0 && state !== 1;
}

/** A receipt's ids and state, from its text and TLVs (the TLVs win where both say). */
export function receiptContent(pdu: DecodedPdu, content: MessageContent, dcs0: Dcs0): ReceiptContent {
  let octets = content.octets;
  // A receipt often counts its C-string NUL in sm_length; it is not text.
  if (octets.length > 0 && octets[octets.length - 1] === 0) octets = octets.subarray(0, octets.length - 1);
  const receipt = octets.length > 0 ? parseReceipt(textOf(octets, content.dataCoding, dcs0)) : undefined;
  const tlvId = tlvValue(pdu, 'receipted_message_id');
  const state = tlvValue(pdu, 'message_state');
  const r = reconcileReceipt(receipt, { ...(tlvId === undefined ? {} : { receipted_message_id: tlvId }), ...(state === undefined ? {} : { message_state: state }) });
  const ids: string[] = [];
  if (r.id !== undefined && r.id.trim() !== '') ids.push(r.id.trim());
  const textId = receipt?.id?.trim();
  if (textId !== undefined && textId !== '' && !ids.includes(textId)) ids.push(textId);
  const messageState = r.messageState ?? (receipt?.stat === undefined ? undefined : statToMessageState(receipt.stat));
  const stat = (messageState === undefined ? undefined : RECEIPT_STAT_BY_STATE[messageState]) ?? receipt?.stat ?? 'receipt';
  const intermediate = (content.esmClass & 0x3c) === 0x20;
  const out: ReceiptContent = { ids, stat, final: !intermediate && (isFinalState(messageState) || (messageState === undefined && receipt?.stat !== undefined)), notes: r.notes };
  if (messageState !== undefined) out.messageState = messageState;
  if (receipt?.err !== undefined) out.err = receipt.err;
  return out;
}
