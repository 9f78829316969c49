// Sending a text: plan its parts (encoding, UDH / SAR / message_payload) and submit each part
// through a session's window.
import { planMessage, type MessagePlan, type PlanEncoding, type PlanMethod } from '../split';
import type { TlvInput } from '../codec';
import type { EsmeSession, Response } from './esme';

export interface TextSubmission {
  to: string;
  text: string;
  from?: string;
  source_addr_ton?: number;
  source_addr_npi?: number;
  dest_addr_ton?: number;
  dest_addr_npi?: number;
  /** Ask for a delivery receipt (registered_delivery 1). */
  receipt?: boolean;
  encoding?: PlanEncoding;
  /** How a long text travels. Default: a concatenation UDH with an 8-bit reference. */
  method?: PlanMethod;
  service_type?: string;
}

export interface SubmittedPart {
  messageId: string;
  rtt: number;
  response: Response;
}

export interface SubmissionResult {
  plan: MessagePlan;
  parts: SubmittedPart[];
}

/** An address that looks like an international number gets TON 1 / NPI 1; anything else 0 / 0, or 5 (alphanumeric) for names. */
export function addressKind(address: string): { ton: number; npi: number } {
  if (/^\+?\d{7,15}$/.test(address)) return address.startsWith('+') || address.length > 10 ? { ton: 1, npi: 1 } : { ton: 0, npi: 1 };
  if (/^\d{1,6}$/.test(address)) return { ton: 3, npi: 0 };
  if (address === '') return { ton: 0, npi: 0 };
  return { ton: 5, npi: 0 };
}

export async function submitText(session: EsmeSession, m: TextSubmission): Promise<SubmissionResult> {
  const plan = planMessage(m.text, { encoding: m.encoding ?? 'auto', method: m.method ?? 'udh' });
  const src = addressKind(m.from ?? '');
  const dst = addressKind(m.to);
  const from = (m.from ?? '').replace(/^\+/, '');
  const to = m.to.replace(/^\+/, '');
  const responses = await Promise.all(
    plan.parts.map((part) => {
      const tlvs: TlvInput[] = [];
      if (part.tlvs) {
        tlvs.push({ name: 'sar_msg_ref_num', value: part.tlvs.sar_msg_ref_num });
        tlvs.push({ name: 'sar_total_segments', value: part.tlvs.sar_total_segments });
        tlvs.push({ name: 'sar_segment_seqnum', value: part.tlvs.sar_segment_seqnum });
      }
      if (part.messagePayload) tlvs.push({ name: 'message_payload', value: part.messagePayload });
      return session.request(
        'submit_sm',
        {
          service_type: m.service_type ?? '',
          source_addr_ton: m.source_addr_ton ?? src.ton,
          source_addr_npi: m.source_addr_npi ?? src.npi,
          source_addr: from,
          dest_addr_ton: m.dest_addr_ton ?? dst.ton,
          dest_addr_npi: m.dest_addr_npi ?? dst.npi,
          destination_addr: to,
          esm_class: part.esmClassUdhi ? 0x40 : 0,
          registered_delivery: m.receipt ? 1 : 0,
          data_coding: plan.dataCoding,
          short_message: part.shortMessage,
        },
        tlvs,
      );
    }),
  );
  return {
    plan,
    parts: responses.map((r) => ({ messageId: String((r.pdu.body as Record<string, unknown>).message_id ?? ''), rtt: r.rtt, response: r })),
  };
}
