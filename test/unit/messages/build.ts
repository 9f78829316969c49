// PDUs for the message tests, built with the codec's encode, and a small capture to feed them in:
// records with increasing ids and timestamps, responses paired by sequence number.
import { encode, type TlvInput } from '../../../src/smpp/codec';
import type { MessageRecord } from '../../../src/smpp/messages/index';
import { formatReceipt } from '../../../src/smpp/receipt';
import { planMessage, type PlanMethod } from '../../../src/smpp/split';
import { buildConcatUdh } from '../../../src/smpp/udh';

export const FROM = '447700900001';
export const TO = '447700900123';

export interface SmOptions {
  command?: 'submit_sm' | 'deliver_sm' | 'data_sm';
  seq: number;
  from?: string;
  to?: string;
  esm_class?: number;
  data_coding?: number;
  registered_delivery?: number;
  short_message?: Uint8Array | string;
  tlvs?: TlvInput[];
}

export function sm(o: SmOptions): Uint8Array {
  const command = o.command ?? 'submit_sm';
  const common = {
    source_addr_ton: 1,
    source_addr_npi: 1,
    source_addr: o.from ?? FROM,
    dest_addr_ton: 1,
    dest_addr_npi: 1,
    destination_addr: o.to ?? TO,
    esm_class: o.esm_class ?? 0,
    registered_delivery: o.registered_delivery ?? 1,
    data_coding: o.data_coding ?? 0,
  };
  if (command === 'data_sm') return encode({ command, sequence_number: o.seq, body: common, tlvs: o.tlvs ?? [] });
  return encode({ command, sequence_number: o.seq, body: { ...common, short_message: o.short_message ?? '' }, tlvs: o.tlvs ?? [] });
}

export function resp(command: 'submit_sm_resp' | 'deliver_sm_resp' | 'data_sm_resp', seq: number, messageId = '', status = 0): Uint8Array {
  return encode({ command, sequence_number: seq, command_status: status, body: status === 0 || messageId !== '' ? { message_id: messageId } : {} });
}

export interface ReceiptOptions {
  seq: number;
  /** The id in the text. */
  id: string;
  stat?: string;
  /** receipted_message_id; none when undefined. */
  tlvId?: string;
  messageState?: number;
  esm_class?: number;
  from?: string;
  to?: string;
}

export function receipt(o: ReceiptOptions): Uint8Array {
  const stat = o.stat ?? 'DELIVRD';
  const text = formatReceipt({ id: o.id, sub: '001', dlvrd: stat === 'DELIVRD' ? '001' : '000', submitDate: new Date(Date.UTC(2026, 0, 1)), doneDate: new Date(Date.UTC(2026, 0, 1, 0, 1)), stat, err: '000', text: 'x' });
  const tlvs: TlvInput[] = [];
  if (o.tlvId !== undefined) tlvs.push({ name: 'receipted_message_id', value: o.tlvId });
  if (o.messageState !== undefined) tlvs.push({ name: 'message_state', value: o.messageState });
  return sm({ command: 'deliver_sm', seq: o.seq, from: o.from ?? TO, to: o.to ?? FROM, esm_class: o.esm_class ?? 0x04, registered_delivery: 0, short_message: text, tlvs });
}

/** The parts of a text as the session sends them (planMessage), as submit_sm (or deliver_sm) PDUs from sequence number `seq`. */
export function textParts(text: string, method: PlanMethod, seq: number, opts: { ref?: number; command?: 'submit_sm' | 'deliver_sm' | 'data_sm'; from?: string; to?: string } = {}): Uint8Array[] {
  const plan = planMessage(text, { method, encoding: 'auto', ref: opts.ref ?? 42 });
  return plan.parts.map((p, i) => {
    const tlvs: TlvInput[] = [];
    if (p.tlvs) tlvs.push({ name: 'sar_msg_ref_num', value: p.tlvs.sar_msg_ref_num }, { name: 'sar_total_segments', value: p.tlvs.sar_total_segments }, { name: 'sar_segment_seqnum', value: p.tlvs.sar_segment_seqnum });
    if (p.messagePayload) tlvs.push({ name: 'message_payload', value: p.messagePayload });
    return sm({
      command: opts.command ?? 'submit_sm',
      seq: seq + i,
      esm_class: p.esmClassUdhi ? 0x40 : 0,
      data_coding: plan.dataCoding,
      short_message: p.shortMessage,
      tlvs,
      ...(opts.from === undefined ? {} : { from: opts.from }),
      ...(opts.to === undefined ? {} : { to: opts.to }),
    });
  });
}

/** A part with a concatenation UDH written by hand: `udhText(ref, total, seq, 'abc', true)`. */
export function udhPart(seq: number, ref: number, total: number, n: number, text: string, sixteenBit = false, command: 'submit_sm' | 'deliver_sm' = 'submit_sm'): Uint8Array {
  const udh = buildConcatUdh(ref, total, n, sixteenBit);
  const body = new TextEncoder().encode(text);
  const sm1 = new Uint8Array(udh.length + body.length);
  sm1.set(udh);
  sm1.set(body, udh.length);
  return sm({ command, seq, esm_class: 0x40, short_message: sm1 });
}

/** A part carried by SAR TLVs. */
export function sarPart(seq: number, ref: number, total: number, n: number, text: string, command: 'submit_sm' | 'deliver_sm' = 'submit_sm'): Uint8Array {
  return sm({
    command,
    seq,
    short_message: text,
    tlvs: [
      { name: 'sar_msg_ref_num', value: ref },
      { name: 'sar_total_segments', value: total },
      { name: 'sar_segment_seqnum', value: n },
    ],
  });
}

/** Records in capture order: ids from 1, 10 ms apart. */
export class Capture {
  readonly records: MessageRecord[] = [];
  private at = Date.UTC(2026, 0, 1);

  constructor(private readonly connection = 'Acme') {}

  out(bytes: Uint8Array, connection = this.connection): number {
    return this.push(bytes, 'out', connection);
  }

  in(bytes: Uint8Array, connection = this.connection): number {
    return this.push(bytes, 'in', connection);
  }

  private push(bytes: Uint8Array, direction: 'in' | 'out', connection: string): number {
    const id = this.records.length + 1;
    this.at += 10;
    this.records.push({ id, connection, direction, timestamp: this.at, bytes });
    return id;
  }
}
