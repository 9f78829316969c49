// Sending a text: plan its parts (encoding, UDH / SAR / message_payload) and submit each part
// through a session's window. A provider's profile picks the alphabet of data_coding 0 and the
// concatenation method; extra TLVs (the spec's, or a dictionary's vendor TLVs) go in every part.
import { planMessage, type MessagePlan, type PlanEncoding, type PlanMethod, type PlanProblem } from '../split';
import { EncodeError, encodeTlvValue, type TlvDictionary, type TlvInput } from '../codec';
import { tlvByName, tlvByTag } from '../tables/tlvs';
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
  /**
   * The alphabet the SMSC reads data_coding 0 in. Default 'gsm7'. With 'latin1' or 'ascii', text
   * that alphabet holds goes as data_coding 0 in it, one octet a character (140 a part, 134 when
   * split), and other text as UCS-2.
   */
  dcs0?: Dcs0;
  /** TLVs added to every part: the spec's, or vendor TLVs of `dictionary` (by name or tag, typed value). */
  tlvs?: readonly TlvInput[];
  /** Vendor TLVs that `tlvs` may name. */
  dictionary?: TlvDictionary;
}

export type Dcs0 = 'gsm7' | 'latin1' | 'ascii';

/** What the text was encoded as: data_coding 0 in GSM 7-bit, Latin-1 or ASCII; UCS-2; or Latin-1 (data_coding 3). */
export type SentAlphabet = MessagePlan['encoding'] | 'ascii';

export interface SubmittedPart {
  messageId: string;
  rtt: number;
  response: Response;
}

export interface SubmissionResult {
  plan: MessagePlan;
  /** The plan's encoding, or the provider's alphabet when data_coding 0 went as Latin-1 or ASCII. */
  alphabet: SentAlphabet;
  parts: SubmittedPart[];
}

/**
 * Plans a text as submitText sends it: as planMessage does, except that with a `dcs0` of
 * 'latin1' or 'ascii' the text that goes with data_coding 0 is encoded in that alphabet.
 */
export function planText(text: string, encoding: PlanEncoding, method: PlanMethod, dcs0: Dcs0 = 'gsm7'): { plan: MessagePlan; alphabet: SentAlphabet } {
  if (dcs0 === 'gsm7' || (encoding !== 'auto' && encoding !== 'gsm7')) {
    const plan = planMessage(text, { encoding, method });
    return { plan, alphabet: plan.encoding };
  }
  const limit = dcs0 === 'latin1' ? 0xff : 0x7f;
  const problems: PlanProblem[] = [];
  let sent = '';
  let index = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp <= limit) sent += ch;
    else {
      const hex = cp.toString(16).toUpperCase().padStart(4, '0');
      problems.push({ index, message: `${JSON.stringify(ch)} (U+${hex}) cannot be sent in ${dcs0 === 'latin1' ? 'Latin-1' : 'ASCII'} (data_coding 0 at this SMSC); it is sent as '?'` });
      sent += '?';
    }
    index += ch.length;
  }
  // Automatic: text the alphabet cannot hold goes as UCS-2 rather than with '?'.
  if (problems.length > 0 && encoding === 'auto') {
    const plan = planMessage(text, { encoding: 'ucs2', method });
    return { plan, alphabet: 'ucs2' };
  }
  // One octet a character: sized and split as Latin-1 is, sent as data_coding 0.
  const plan = planMessage(sent, { encoding: 'latin1', method });
  return { plan: { ...plan, dataCoding: 0, problems: [...problems, ...plan.problems] }, alphabet: dcs0 };
}

/** The TLVs the plan's parts carry themselves, by tag, for the method. */
function planTags(plan: MessagePlan): Set<number> {
  const tags = new Set<number>();
  for (const part of plan.parts) {
    if (part.tlvs) for (const name of ['sar_msg_ref_num', 'sar_total_segments', 'sar_segment_seqnum']) tags.add(tlvByName(name)!.tag);
    if (part.messagePayload) tags.add(tlvByName('message_payload')!.tag);
  }
  return tags;
}

/**
 * The extra TLVs as encode takes them: a dictionary's vendor TLVs as their octets (checked by
 * their type; EncodeError names the TLV), the rest as given. Throws for a TLV the plan sets itself.
 */
function extraTlvs(m: TextSubmission, plan: MessagePlan): TlvInput[] {
  const out: TlvInput[] = [];
  if (m.tlvs === undefined || m.tlvs.length === 0) return out;
  const own = planTags(plan);
  for (const t of m.tlvs) {
    const spec = t.tag !== undefined ? tlvByTag(t.tag) : t.name !== undefined ? tlvByName(t.name) : undefined;
    const vendor = spec === undefined && m.dictionary !== undefined ? (t.tag !== undefined ? m.dictionary.byTag(t.tag) : t.name !== undefined ? m.dictionary.byName(t.name) : undefined) : undefined;
    const tag = t.tag ?? spec?.tag ?? vendor?.tag;
    if (tag === undefined) throw new EncodeError('tlvs', `unknown TLV ${JSON.stringify(t.name)} (neither the spec's nor the dictionary's)`);
    if (own.has(tag)) throw new EncodeError(spec?.name ?? 'tlvs', `is set by the way the text is sent (${m.method ?? 'udh'}); leave it out`);
    if (vendor !== undefined && t.value !== undefined) out.push({ tag, raw: encodeTlvValue(vendor, t.value, t.length) });
    else out.push(t.tag === undefined ? { ...t, tag } : t);
  }
  return out;
}

/** An address that looks like an international number gets TON 1 / NPI 1; anything else 0 / 0, or 5 (alphanumeric) for names. */
export function addressKind(address: string): { ton: number; npi: number } {
  if (/^\+?\d{7,15}$/.test(address)) return address.startsWith('+') || address.length > 10 ? { ton: 1, npi: 1 } : { ton: 0, npi: 1 };
  if (/^\d{1,6}$/.test(address)) return { ton: 3, npi: 0 };
  if (address === '') return { ton: 0, npi: 0 };
  return { ton: 5, npi: 0 };
}

export async function submitText(session: EsmeSession, m: TextSubmission): Promise<SubmissionResult> {
  const { plan, alphabet } = planText(m.text, m.encoding ?? 'auto', m.method ?? 'udh', m.dcs0);
  const extra = extraTlvs(m, plan);
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
      for (const t of extra) tlvs.push(t);
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
    alphabet,
    parts: responses.map((r) => ({ messageId: String((r.pdu.body as Record<string, unknown>).message_id ?? ''), rtt: r.rtt, response: r })),
  };
}
