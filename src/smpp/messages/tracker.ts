// Messages out of captured PDUs, as an SMPP engineer asks about them: each submit (submit_sm,
// data_sm, submit_multi) with its response's message_id and its delivery receipts, each
// mobile-originated message (deliver_sm / data_sm that is not a receipt), and a message sent in
// parts (concatenation UDH with an 8- or 16-bit reference, or SAR TLVs) as one message with its
// parts beneath and its text reassembled, missing, duplicate and out-of-order parts named.
//
// Incremental: `add(record)` takes one PDU at a time, in capture order, in constant time (a decode
// and a few map lookups); `messages()` is the list so far, oldest first. Every table is bounded:
// requests awaiting their response, parts awaiting their siblings, message ids awaiting their
// receipts and receipts awaiting their submit each keep at most their cap, dropping the oldest.
// A receipt may come before its submit_sm_resp (an SMSC can be that quick): it waits, and matches
// when the response names its id. Browser-safe: no Buffer, no node: imports.
import { decode, type DecodedPdu } from '../codec';
import { statusName } from '../tables/values';
import { isMessageCommand, isReceipt, messageContent, receiptContent, textOf, type ConcatMethod, type Dcs0, type MessageContent, type PartRef, type ReceiptContent } from './content';
import { decimalValue, exactKey, hexValue, receiptKeysForDecimalIds, receiptKeysForHexIds, type IdFormat } from './ids';

/** One captured PDU. */
export interface MessageRecord {
  /** Unique and increasing (a capture id): what a click on the PDU opens. */
  id: number;
  connection: string;
  /** Seen from the ESME: 'out' towards the SMSC. Absent: deliver_sm is 'in', any other command 'out' (pasted PDUs). */
  direction?: 'in' | 'out';
  /** Epoch ms. */
  timestamp: number;
  bytes: Uint8Array;
  /** On a response: its request's id, when the capture paired them; else the response is paired by sequence number. */
  requestId?: number;
}

export interface MessageOptions {
  /** The alphabet of data_coding 0. Default 'gsm7'. */
  dcs0?: Dcs0;
  /** How receipts name message ids on a connection. Default 'auto'. */
  idFormat?: IdFormat | ((connection: string) => IdFormat);
  /** Messages kept, the oldest dropped beyond. Default 1 000 000. */
  maxMessages?: number;
  /** Incomplete messages awaiting their other parts. Default 10 000. */
  maxOpenParts?: number;
  /** Requests awaiting their response, message ids awaiting receipts, receipts awaiting their submit: each at most. Default 100 000. */
  maxPending?: number;
  /**
   * A part arriving again (same number, same text) within this many ms of its message's last part
   * is a duplicate of it; later, the same reference starts a new message. Default 60 000.
   */
  duplicateWindowMs?: number;
}

export type MessageKind = 'mt' | 'mo';

export interface ReceiptView {
  recordId: number;
  /** Our deliver_sm_resp / data_sm_resp to it. */
  responseId?: number;
  timestamp: number;
  /** DELIVRD, UNDELIV, ENROUTE… */
  stat: string;
  final: boolean;
  err?: string;
  /** The id it names (receipted_message_id, else the text's `id:`). */
  id: string;
  /** How it matched the part's message_id, when not as written: 'decimal of hex', 'hex of decimal', 'leading zeros'. */
  matchedAs?: string;
  notes: string[];
}

export interface PartView {
  /** Part number, 1-based (1 for a message in one PDU). */
  number: number;
  /** A second (third…) copy of a part number that was accepted more than once. */
  duplicate: boolean;
  /** The submit / deliver_sm / data_sm. */
  recordId: number;
  command: string;
  sequence: number;
  timestamp: number;
  responseId?: number;
  responseAt?: number;
  /** The response's command_status. */
  status?: number;
  messageId?: string;
  /** This part's own state (see SmsMessage.state). */
  state: string;
  text: string;
  receipts: ReceiptView[];
}

export interface SmsMessage {
  /** Unique, increasing in the order messages began. */
  key: number;
  connection: string;
  /** 'mt' submitted by the ESME, 'mo' delivered to it. */
  kind: MessageKind;
  from: string;
  to: string;
  method: ConcatMethod;
  reference?: number;
  /** Parts the message has (1 for one PDU). */
  total: number;
  /** Distinct part numbers seen. */
  received: number;
  missing: number[];
  duplicates: number[];
  /** Part numbers that came after a higher one. */
  outOfOrder: number[];
  /** The text, reassembled in part order; a missing part shows as `[part N missing]`. */
  text: string;
  dataCoding: number;
  /**
   * DELIVRD, UNDELIV, EXPIRED, REJECTD, ENROUTE… (the receipts' stat, every part's final state
   * counted), 'no receipt', 'submit failed: ESME_R…', 'no response'; for a mobile-originated
   * message 'received' or 'refused: ESME_R…'.
   */
  state: string;
  /** Every part has its final answer (a final receipt, a refusal); for MO, every part arrived. */
  settled: boolean;
  messageIds: string[];
  /** First submit to the last part's response, once every part has one. */
  submitToResponseMs?: number;
  /** First submit to the last part's final receipt, once every part has one. */
  submitToReceiptMs?: number;
  /** Every PDU involved (parts, responses, receipts and their responses), oldest first. */
  pduIds: number[];
  parts: PartView[];
  /** A receipt whose submit is not among the PDUs (left the capture, or an id that matches none). */
  orphan: boolean;
  timestamp: number;
  /** Problems in the PDUs (a broken UDH, an incomplete SAR set), each naming its PDU: `PDU #17: UDH: …`. */
  problems: string[];
}

interface ReceiptState extends ReceiptView {
  content: ReceiptContent;
  connection: string;
  /** The orphan message it shows in while unmatched. */
  orphanOf?: Msg;
  waitingKeys?: string[];
}

interface Part {
  number: number;
  recordId: number;
  command: string;
  sequence: number;
  timestamp: number;
  octets: Uint8Array;
  dataCoding: number;
  responseId?: number;
  responseAt?: number;
  status?: number;
  messageId?: string;
  receipts: ReceiptState[];
}

interface Msg {
  key: number;
  connection: string;
  kind: MessageKind;
  from: string;
  to: string;
  method: ConcatMethod;
  reference?: number;
  total: number;
  parts: Part[];
  outOfOrder: number[];
  /** The highest part number seen so far. */
  highest: number;
  lastAt: number;
  orphan: boolean;
  orphanReceipts: ReceiptState[];
  problems: string[];
  groupKey?: string;
  retryKey?: string;
  dropped: boolean;
  view?: SmsMessage;
}

type Awaiting = { kind: 'part'; msg: Msg; part: Part } | { kind: 'receipt'; msg: Msg; receipt: ReceiptState };

const DEFAULTS = { maxMessages: 1_000_000, maxOpenParts: 10_000, maxPending: 100_000, duplicateWindowMs: 60_000 };

/** A Map that forgets its oldest entries beyond `cap`. */
class BoundedMap<K, V> extends Map<K, V> {
  constructor(private readonly cap: number) {
    super();
  }

  override set(key: K, value: V): this {
    if (this.has(key)) this.delete(key);
    super.set(key, value);
    if (this.size > this.cap) this.delete(this.keys().next().value as K);
    return this;
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** What makes a resend the same single-PDU message: connection, addresses, data_coding and text. */
function retryKeyOf(connection: string, kind: MessageKind, from: string, to: string, part: Part): string {
  return [connection, kind, from, to, part.dataCoding, part.octets.length, hexOf(part.octets, 512)].join('\u0000');
}

function hexOf(b: Uint8Array, max: number): string {
  let s = '';
  for (let i = 0; i < b.length && i < max; i++) s += (b[i]! < 16 ? '0' : '') + b[i]!.toString(16);
  return s;
}

/** Problems kept per message. */
const MAX_PROBLEMS = 20;

/** Receipts waiting under one id at most (an ENROUTE and a final one, resent a few times). */
const MAX_WAITING_PER_ID = 16;

const REQUESTS_WITH_ID = new Set(['submit_sm_resp', 'data_sm_resp', 'submit_multi_resp']);

/** Final states in the order one part's state outranks another's for the whole message. */
const FINAL_RANK: Readonly<Record<string, number>> = { REJECTD: 6, UNDELIV: 5, EXPIRED: 4, DELETED: 3, SKIPPED: 3, UNKNOWN: 2, ACCEPTD: 1, DELIVRD: 0 };

export class MessageTracker {
  private readonly dcs0: Dcs0;
  private readonly formatFor: (connection: string) => IdFormat;
  private readonly limits: typeof DEFAULTS;
  private list: Msg[] = [];
  private head = 0;
  private nextKey = 1;
  /** Requests awaiting a response, by the request's record id and by connection, direction and sequence number. */
  private readonly byRecord: BoundedMap<number, Awaiting>;
  private readonly bySequence: BoundedMap<string, Awaiting>;
  /** Messages in parts that may still take parts, by connection, kind, addresses, method, reference and total. */
  private readonly open: BoundedMap<string, Msg>;
  /** Single-PDU submits the SMSC refused, by their content: a resend joins them. */
  private readonly refused: BoundedMap<string, Msg>;
  /** Parts by their message_id: as written, read in hex, read in decimal. */
  private readonly idExact: BoundedMap<string, [Msg, Part]>;
  private readonly idHex: BoundedMap<string, [Msg, Part]>;
  private readonly idDecimal: BoundedMap<string, [Msg, Part]>;
  /** Receipts that match no message_id yet, by every reading of their ids. */
  private readonly waitingReceipts: BoundedMap<string, ReceiptState[]>;

  constructor(options: MessageOptions = {}) {
    this.dcs0 = options.dcs0 ?? 'gsm7';
    const f = options.idFormat ?? 'auto';
    this.formatFor = typeof f === 'function' ? f : () => f;
    this.limits = {
      maxMessages: Math.max(1, options.maxMessages ?? DEFAULTS.maxMessages),
      maxOpenParts: Math.max(1, options.maxOpenParts ?? DEFAULTS.maxOpenParts),
      maxPending: Math.max(1, options.maxPending ?? DEFAULTS.maxPending),
      duplicateWindowMs: Math.max(0, options.duplicateWindowMs ?? DEFAULTS.duplicateWindowMs),
    };
    const p = this.limits.maxPending;
    this.byRecord = new BoundedMap(p);
    this.bySequence = new BoundedMap(p);
    this.open = new BoundedMap(this.limits.maxOpenParts);
    this.refused = new BoundedMap(p);
    this.idExact = new BoundedMap(p);
    this.idHex = new BoundedMap(p);
    this.idDecimal = new BoundedMap(p);
    this.waitingReceipts = new BoundedMap(p);
  }

  /** How many messages are held. */
  get size(): number {
    return this.list.length - this.head;
  }

  /** How many entries the bounded tables hold now (for the bounds' tests). */
  pendingSizes(): { requests: number; open: number; ids: number; receipts: number } {
    return { requests: this.bySequence.size + this.byRecord.size, open: this.open.size, ids: this.idExact.size, receipts: this.waitingReceipts.size };
  }

  /** Adds one PDU (records in capture order). A PDU that is not part of a message exchange is ignored. Never throws. */
  add(record: MessageRecord): void {
    let pdu: DecodedPdu;
    try {
      pdu = decode(record.bytes).pdu;
    } catch {
      return;
    }
    if (pdu.command === 'unknown') return;
    const response = (pdu.command_id & 0x80000000) !== 0;
    // Pasted PDUs have no direction: deliver_sm comes from the SMSC, other requests go to it, and responses the other way.
    const direction = record.direction ?? ((pdu.command === 'deliver_sm') !== response ? 'in' : 'out');
    if (response) {
      this.response(record, direction, pdu);
      return;
    }
    if (!isMessageCommand(pdu.command)) return;
    const content = messageContent(pdu);
    if (direction === 'in' && pdu.command !== 'submit_sm' && pdu.command !== 'submit_multi' && isReceipt(pdu, content)) {
      this.receipt(record, pdu, content);
      return;
    }
    const kind: MessageKind = direction === 'out' ? 'mt' : 'mo';
    this.part(record, direction, kind, pdu, content);
  }

  /** Every message held, oldest first. Unchanged messages keep their object from one call to the next. */
  messages(): SmsMessage[] {
    const out: SmsMessage[] = [];
    for (let i = this.head; i < this.list.length; i++) {
      const m = this.list[i]!;
      if (!m.dropped) out.push(this.view(m));
    }
    return out;
  }

  clear(): void {
    this.list = [];
    this.head = 0;
    for (const m of [this.byRecord, this.bySequence, this.open, this.refused, this.idExact, this.idHex, this.idDecimal, this.waitingReceipts]) m.clear();
  }

  // ---- requests --------------------------------------------------------------------------------

  private part(record: MessageRecord, direction: 'in' | 'out', kind: MessageKind, pdu: DecodedPdu, content: MessageContent): void {
    const part: Part = {
      number: content.part?.seq ?? 1,
      recordId: record.id,
      command: pdu.command,
      sequence: pdu.sequence_number,
      timestamp: record.timestamp,
      octets: content.octets,
      dataCoding: content.dataCoding,
      receipts: [],
    };
    const msg = content.part === undefined ? this.single(record, kind, content, part) : this.joinGroup(record, kind, content, content.part, part);
    // Named by the PDU (its record id: the capture's #id, or its place in a paste); a few at most.
    for (const p of content.problems) if (msg.problems.length < MAX_PROBLEMS) msg.problems.push(`PDU #${record.id}: ${p}`);
    this.awaitResponse(record, direction, pdu.sequence_number, { kind: 'part', msg, part });
  }

  private single(record: MessageRecord, kind: MessageKind, content: MessageContent, part: Part): Msg {
    const retryKey = this.refused.size === 0 ? undefined : retryKeyOf(record.connection, kind, content.from, content.to, part);
    const earlier = retryKey === undefined ? undefined : this.refused.get(retryKey);
    if (retryKey !== undefined && earlier !== undefined && !earlier.dropped && record.timestamp - earlier.lastAt <= this.limits.duplicateWindowMs) {
      // A resend of a submit the SMSC refused (throttled): the same message.
      this.refused.delete(retryKey);
      earlier.parts.push(part);
      earlier.lastAt = record.timestamp;
      earlier.view = undefined;
      return earlier;
    }
    const msg = this.newMessage(record, kind, content, content.payload ? 'payload' : 'single', 1);
    msg.parts.push(part);
    return msg;
  }

  private joinGroup(record: MessageRecord, kind: MessageKind, content: MessageContent, ref: PartRef, part: Part): Msg {
    const groupKey = [record.connection, kind, content.from, content.to, ref.method, ref.ref, ref.total].join('\u0000');
    let msg = this.open.get(groupKey);
    if (msg !== undefined) {
      const same = msg.parts.find((p) => p.number === ref.seq);
      const complete = this.distinct(msg) === msg.total;
      const late = record.timestamp - msg.lastAt > this.limits.duplicateWindowMs;
      // The same number again: a copy when its text is the same (and, once complete, it comes soon); else the reference was reused.
      if (same !== undefined ? !sameBytes(same.octets, part.octets) || (complete && late) : complete && late) msg = undefined;
    }
    if (msg === undefined) {
      msg = this.newMessage(record, kind, content, ref.method, ref.total);
      msg.reference = ref.ref;
      msg.groupKey = groupKey;
    } else {
      msg.view = undefined;
    }
    this.open.set(groupKey, msg);
    if (!msg.parts.some((p) => p.number === ref.seq)) {
      if (ref.seq < msg.highest) msg.outOfOrder.push(ref.seq);
      msg.highest = Math.max(msg.highest, ref.seq);
    }
    msg.parts.push(part);
    msg.lastAt = record.timestamp;
    return msg;
  }

  private distinct(msg: Msg): number {
    const seen = new Set<number>();
    for (const p of msg.parts) seen.add(p.number);
    return seen.size;
  }

  private newMessage(record: MessageRecord, kind: MessageKind, content: Pick<MessageContent, 'from' | 'to'>, method: ConcatMethod, total: number): Msg {
    const msg: Msg = {
      key: this.nextKey++,
      connection: record.connection,
      kind,
      from: content.from,
      to: content.to,
      method,
      total,
      parts: [],
      outOfOrder: [],
      highest: 0,
      lastAt: record.timestamp,
      orphan: false,
      orphanReceipts: [],
      problems: [],
      dropped: false,
    };
    this.list.push(msg);
    while (this.size > this.limits.maxMessages) this.drop(this.list[this.head++]!);
    if (this.head > 4096 && this.head > this.list.length / 2) {
      this.list = this.list.slice(this.head);
      this.head = 0;
    }
    return msg;
  }

  private drop(msg: Msg): void {
    msg.dropped = true;
    if (msg.groupKey !== undefined && this.open.get(msg.groupKey) === msg) this.open.delete(msg.groupKey);
    if (msg.retryKey !== undefined && this.refused.get(msg.retryKey) === msg) this.refused.delete(msg.retryKey);
  }

  private awaitResponse(record: MessageRecord, direction: 'in' | 'out', sequence: number, what: Awaiting): void {
    this.byRecord.set(record.id, what);
    this.bySequence.set(`${record.connection}\u0000${direction}\u0000${sequence}`, what);
  }

  // ---- responses -------------------------------------------------------------------------------

  private response(record: MessageRecord, direction: 'in' | 'out', pdu: DecodedPdu): void {
    const requestDirection = direction === 'in' ? 'out' : 'in';
    const seqKey = `${record.connection}\u0000${requestDirection}\u0000${pdu.sequence_number}`;
    let what = record.requestId === undefined ? undefined : this.byRecord.get(record.requestId);
    what ??= this.bySequence.get(seqKey);
    if (what === undefined) return;
    const requestId = what.kind === 'part' ? what.part.recordId : what.receipt.recordId;
    this.byRecord.delete(requestId);
    if (this.bySequence.get(seqKey) === what) this.bySequence.delete(seqKey);
    what.msg.view = undefined;
    if (what.kind === 'receipt') {
      what.receipt.responseId = record.id;
      return;
    }
    const { msg, part } = what;
    part.responseId = record.id;
    part.responseAt = record.timestamp;
    part.status = pdu.command_status;
    if (pdu.command_status !== 0) {
      if (msg.method === 'single' || msg.method === 'payload') {
        msg.retryKey = retryKeyOf(msg.connection, msg.kind, msg.from, msg.to, part);
        this.refused.set(msg.retryKey, msg);
      }
      return;
    }
    if (msg.kind !== 'mt' || !REQUESTS_WITH_ID.has(pdu.command)) return;
    const id = exactKey(String((pdu.body as { message_id?: unknown }).message_id ?? ''));
    if (id === '') return;
    part.messageId = id;
    this.indexId(msg, part, id);
  }

  private indexId(msg: Msg, part: Part, id: string): void {
    const format = this.formatFor(msg.connection);
    const exact = format === 'as-is' ? id : id.toLowerCase();
    this.idExact.set(exact, [msg, part]);
    const h = hexValue(id);
    const d = decimalValue(id);
    if (h !== undefined) this.idHex.set(h, [msg, part]);
    if (d !== undefined) this.idDecimal.set(d, [msg, part]);
    // Receipts that came before this response.
    const keys: [string, 'hex' | 'decimal' | undefined][] = [[`x\u0000${exact}`, undefined]];
    if (format === 'hex' || format === 'auto') if (h !== undefined) keys.push([`n\u0000${h}`, 'hex']);
    if (format === 'decimal' || format === 'auto') if (d !== undefined) keys.push([`n\u0000${d}`, 'decimal']);
    for (const [key, reading] of keys) {
      const waiting = this.waitingReceipts.get(key);
      if (waiting === undefined) continue;
      for (const r of waiting.slice()) {
        this.unwait(r);
        this.attach(msg, part, r, reading === undefined ? undefined : relation(r.id, id, reading));
      }
    }
    part.receipts.sort((a, b) => a.recordId - b.recordId);
  }

  // ---- receipts --------------------------------------------------------------------------------

  private receipt(record: MessageRecord, pdu: DecodedPdu, content: MessageContent): void {
    const rc = receiptContent(pdu, content, this.dcs0);
    const r: ReceiptState = {
      recordId: record.id,
      timestamp: record.timestamp,
      stat: rc.stat,
      final: rc.final,
      id: rc.ids[0] ?? '',
      notes: rc.notes,
      content: rc,
      connection: record.connection,
    };
    if (rc.err !== undefined) r.err = rc.err;
    const found = this.findPart(record.connection, rc.ids);
    if (found !== undefined) {
      this.attach(found.msg, found.part, r, found.matchedAs);
      this.awaitResponse(record, 'in', pdu.sequence_number, { kind: 'receipt', msg: found.msg, receipt: r });
      return;
    }
    // No submit names this id (yet): a message of its own until its submit_sm_resp comes.
    const orphan = this.newMessage(record, 'mt', { from: content.to, to: content.from }, 'single', 1);
    orphan.orphan = true;
    orphan.orphanReceipts.push(r);
    r.orphanOf = orphan;
    const keys: string[] = [];
    for (const id of rc.ids) {
      keys.push(`x\u0000${id}`, `x\u0000${id.toLowerCase()}`);
      const h = hexValue(id);
      const d = decimalValue(id);
      if (h !== undefined) keys.push(`n\u0000${h}`);
      if (d !== undefined) keys.push(`n\u0000${d}`);
    }
    r.waitingKeys = [...new Set(keys)];
    for (const k of r.waitingKeys) {
      const list = this.waitingReceipts.get(k);
      if (list === undefined) this.waitingReceipts.set(k, [r]);
      else if (list.length < MAX_WAITING_PER_ID) list.push(r);
    }
    this.awaitResponse(record, 'in', pdu.sequence_number, { kind: 'receipt', msg: orphan, receipt: r });
  }

  private findPart(connection: string, ids: readonly string[]): { msg: Msg; part: Part; matchedAs?: string } | undefined {
    const format = this.formatFor(connection);
    const live = (hit: [Msg, Part] | undefined): hit is [Msg, Part] => hit !== undefined && !hit[0].dropped;
    for (const id of ids) {
      const hit = this.idExact.get(format === 'as-is' ? id : id.toLowerCase());
      if (live(hit)) return { msg: hit[0], part: hit[1] };
    }
    for (const id of ids) {
      for (const k of receiptKeysForHexIds(id, format)) {
        const hit = this.idHex.get(k);
        if (live(hit)) return withRelation(hit, relation(id, hit[1].messageId ?? '', 'hex'));
      }
      for (const k of receiptKeysForDecimalIds(id, format)) {
        const hit = this.idDecimal.get(k);
        if (live(hit)) return withRelation(hit, relation(id, hit[1].messageId ?? '', 'decimal'));
      }
    }
    return undefined;
  }

  private unwait(r: ReceiptState): void {
    for (const k of r.waitingKeys ?? []) {
      const list = this.waitingReceipts.get(k);
      if (list === undefined) continue;
      const rest = list.filter((x) => x !== r);
      if (rest.length === 0) this.waitingReceipts.delete(k);
      else this.waitingReceipts.set(k, rest);
    }
    r.waitingKeys = undefined;
    const orphan = r.orphanOf;
    if (orphan !== undefined) {
      orphan.orphanReceipts = orphan.orphanReceipts.filter((x) => x !== r);
      if (orphan.orphanReceipts.length === 0) orphan.dropped = true;
      orphan.view = undefined;
      r.orphanOf = undefined;
    }
  }

  private attach(msg: Msg, part: Part, r: ReceiptState, matchedAs: string | undefined): void {
    if (matchedAs !== undefined) r.matchedAs = matchedAs;
    part.receipts.push(r);
    msg.view = undefined;
    // A response not yet come is now awaited for this message (one object in both tables).
    const w = this.byRecord.get(r.recordId);
    if (w !== undefined && w.kind === 'receipt') w.msg = msg;
  }

  // ---- views -----------------------------------------------------------------------------------

  private view(m: Msg): SmsMessage {
    if (m.view !== undefined) return m.view;
    const v = m.orphan ? this.orphanView(m) : this.messageView(m);
    m.view = v;
    return v;
  }

  private orphanView(m: Msg): SmsMessage {
    const receipts = m.orphanReceipts.map(receiptView);
    const last = pickReceipt(m.orphanReceipts);
    const ids: number[] = [];
    for (const r of m.orphanReceipts) {
      ids.push(r.recordId);
      if (r.responseId !== undefined) ids.push(r.responseId);
    }
    const first = m.orphanReceipts[0];
    return {
      key: m.key,
      connection: m.connection,
      kind: 'mt',
      from: m.from,
      to: m.to,
      method: 'single',
      total: 1,
      received: 0,
      missing: [],
      duplicates: [],
      outOfOrder: [],
      text: '',
      dataCoding: 0,
      state: last?.stat ?? 'receipt',
      settled: last?.final ?? false,
      messageIds: first === undefined || first.id === '' ? [] : [first.id],
      pduIds: ids.sort((a, b) => a - b),
      parts: [
        {
          number: 1,
          duplicate: false,
          recordId: first?.recordId ?? 0,
          command: 'deliver_sm',
          sequence: 0,
          timestamp: first?.timestamp ?? 0,
          state: last?.stat ?? 'receipt',
          text: '',
          receipts,
        },
      ],
      orphan: true,
      timestamp: first?.timestamp ?? 0,
      problems: [`no submit in the capture has message_id ${first?.id || '(none)'}`],
    };
  }

  private messageView(m: Msg): SmsMessage {
    if (m.parts.length === 1 && m.total === 1) return this.singleView(m, m.parts[0]!);
    // Per part number: its copies; a copy the SMSC (or we) refused does not count, so a resend after
    // ESME_RTHROTTLED is the part, not a duplicate.
    const byNumber = new Map<number, Part[]>();
    for (const p of m.parts) {
      const list = byNumber.get(p.number);
      if (list === undefined) byNumber.set(p.number, [p]);
      else list.push(p);
    }
    const numbers = [...byNumber.keys()].sort((a, b) => a - b);
    const effective = new Map<number, Part>();
    const duplicates: number[] = [];
    const dupParts = new Set<Part>();
    for (const n of numbers) {
      const copies = byNumber.get(n)!;
      const counted = copies.filter((p) => p.status === undefined || p.status === 0);
      effective.set(n, counted[0] ?? copies[copies.length - 1]!);
      if (counted.length > 1) {
        duplicates.push(n);
        for (const p of counted.slice(1)) dupParts.add(p);
      }
    }
    const missing: number[] = [];
    for (let n = 1; n <= m.total; n++) if (!byNumber.has(n)) missing.push(n);

    const parts: PartView[] = m.parts
      .slice()
      .sort((a, b) => a.number - b.number || a.recordId - b.recordId)
      .map((p) => {
        const pv: PartView = {
          number: p.number,
          duplicate: dupParts.has(p),
          recordId: p.recordId,
          command: p.command,
          sequence: p.sequence,
          timestamp: p.timestamp,
          state: this.partState(m.kind, p),
          text: textOf(p.octets, p.dataCoding, this.dcs0),
          receipts: p.receipts.map(receiptView),
        };
        if (p.responseId !== undefined) pv.responseId = p.responseId;
        if (p.responseAt !== undefined) pv.responseAt = p.responseAt;
        if (p.status !== undefined) pv.status = p.status;
        if (p.messageId !== undefined) pv.messageId = p.messageId;
        return pv;
      });

    const chosen = numbers.map((n) => effective.get(n)!);
    const first = m.parts[0]!;
    const ids: number[] = [];
    for (const p of m.parts) {
      ids.push(p.recordId);
      if (p.responseId !== undefined) ids.push(p.responseId);
      for (const r of p.receipts) {
        ids.push(r.recordId);
        if (r.responseId !== undefined) ids.push(r.responseId);
      }
    }
    const messageIds: string[] = [];
    for (const p of chosen) if (p.messageId !== undefined) messageIds.push(p.messageId);
    const start = Math.min(...chosen.map((p) => p.timestamp));
    const v: SmsMessage = {
      key: m.key,
      connection: m.connection,
      kind: m.kind,
      from: m.from,
      to: m.to,
      method: m.method,
      total: m.total,
      received: numbers.length,
      missing,
      duplicates,
      outOfOrder: m.outOfOrder.slice(),
      text: this.reassemble(m.total, effective),
      dataCoding: first.dataCoding,
      state: this.messageState(m.kind, chosen, missing.length > 0),
      settled: false,
      messageIds,
      pduIds: ids.sort((a, b) => a - b),
      parts,
      orphan: false,
      timestamp: first.timestamp,
      problems: m.problems.slice(),
    };
    if (m.reference !== undefined) v.reference = m.reference;
    v.settled = m.kind === 'mo' ? missing.length === 0 : missing.length === 0 && chosen.every((p) => (p.status !== undefined && p.status !== 0) || p.receipts.some((r) => r.final));
    if (chosen.every((p) => p.responseAt !== undefined)) v.submitToResponseMs = Math.max(...chosen.map((p) => p.responseAt!)) - start;
    if (m.kind === 'mt' && missing.length === 0 && chosen.every((p) => p.receipts.some((r) => r.final))) {
      v.submitToReceiptMs = Math.max(...chosen.map((p) => p.receipts.find((r) => r.final)!.timestamp)) - start;
    }
    return v;
  }

  /** messageView for one PDU, without the bookkeeping of parts. */
  private singleView(m: Msg, p: Part): SmsMessage {
    const text = textOf(p.octets, p.dataCoding, this.dcs0);
    const state = this.partState(m.kind, p);
    const receipts = p.receipts.length === 0 ? [] : p.receipts.map(receiptView);
    const pduIds = [p.recordId];
    if (p.responseId !== undefined) pduIds.push(p.responseId);
    for (const r of p.receipts) {
      pduIds.push(r.recordId);
      if (r.responseId !== undefined) pduIds.push(r.responseId);
    }
    if (pduIds.length > 2) pduIds.sort((a, b) => a - b);
    const part: PartView = { number: 1, duplicate: false, recordId: p.recordId, command: p.command, sequence: p.sequence, timestamp: p.timestamp, state, text, receipts };
    if (p.responseId !== undefined) part.responseId = p.responseId;
    if (p.responseAt !== undefined) part.responseAt = p.responseAt;
    if (p.status !== undefined) part.status = p.status;
    if (p.messageId !== undefined) part.messageId = p.messageId;
    const final = pickReceipt(p.receipts);
    const v: SmsMessage = {
      key: m.key,
      connection: m.connection,
      kind: m.kind,
      from: m.from,
      to: m.to,
      method: m.method,
      total: 1,
      received: 1,
      missing: [],
      duplicates: [],
      outOfOrder: [],
      text,
      dataCoding: p.dataCoding,
      state,
      settled: m.kind === 'mo' || (p.status !== undefined && p.status !== 0) || final?.final === true,
      messageIds: p.messageId === undefined ? [] : [p.messageId],
      pduIds,
      parts: [part],
      orphan: false,
      timestamp: p.timestamp,
      problems: m.problems.length === 0 ? [] : m.problems.slice(),
    };
    if (p.responseAt !== undefined) v.submitToResponseMs = p.responseAt - p.timestamp;
    if (m.kind === 'mt' && final?.final === true) v.submitToReceiptMs = p.receipts.find((r) => r.final)!.timestamp - p.timestamp;
    return v;
  }

  private partState(kind: MessageKind, p: Part): string {
    if (kind === 'mo') {
      if (p.status !== undefined && p.status !== 0) return `refused: ${statusName(p.status)}`;
      return 'received';
    }
    if (p.status === undefined) return 'no response';
    if (p.status !== 0) return `submit failed: ${statusName(p.status)}`;
    const r = pickReceipt(p.receipts);
    return r?.stat ?? 'no receipt';
  }

  /** The whole message's state: a failure of any part first, then the worst final state; DELIVRD only when every part is. */
  private messageState(kind: MessageKind, parts: readonly Part[], incomplete: boolean): string {
    const states = parts.map((p) => this.partState(kind, p));
    if (kind === 'mo') return states.find((s) => s !== 'received') ?? (incomplete ? 'incomplete' : 'received');
    const failed = states.find((s) => s.startsWith('submit failed'));
    if (failed !== undefined) return failed;
    if (states.includes('no response')) return 'no response';
    let worst: string | undefined;
    for (const p of parts) {
      const r = pickReceipt(p.receipts);
      if (r?.final && rank(r.stat) > 0 && (worst === undefined || rank(r.stat) > rank(worst))) worst = r.stat;
    }
    if (worst !== undefined) return worst;
    const deciding = parts.map((p) => pickReceipt(p.receipts));
    const first = deciding[0];
    if (first !== undefined && deciding.every((r) => r?.final === true)) return first.stat;
    const intermediate = deciding.find((r) => r !== undefined && !r.final);
    return intermediate?.stat ?? 'no receipt';
  }

  private reassemble(total: number, effective: ReadonlyMap<number, Part>): string {
    let text = '';
    let run: Part[] = [];
    const flush = (): void => {
      if (run.length === 0) return;
      // A run of parts in the same data_coding is decoded as one, so a character cut between parts reads whole.
      let i = 0;
      while (i < run.length) {
        let j = i + 1;
        while (j < run.length && run[j]!.dataCoding === run[i]!.dataCoding) j++;
        const size = run.slice(i, j).reduce((n, p) => n + p.octets.length, 0);
        const joined = new Uint8Array(size);
        let at = 0;
        for (const p of run.slice(i, j)) {
          joined.set(p.octets, at);
          at += p.octets.length;
        }
        text += textOf(joined, run[i]!.dataCoding, this.dcs0);
        i = j;
      }
      run = [];
    };
    const last = Math.max(total, ...effective.keys());
    for (let n = 1; n <= last; n++) {
      const p = effective.get(n);
      if (p !== undefined) run.push(p);
      else {
        flush();
        text += `[part ${n} missing]`;
      }
    }
    flush();
    return text;
  }
}

function withRelation(hit: [Msg, Part], matchedAs: string | undefined): { msg: Msg; part: Part; matchedAs?: string } {
  return matchedAs === undefined ? { msg: hit[0], part: hit[1] } : { msg: hit[0], part: hit[1], matchedAs };
}

/** How a receipt's id matched a message_id read in `reading`: said only when not as written. */
function relation(receiptId: string, messageId: string, reading: 'hex' | 'decimal'): string | undefined {
  if (receiptId.toLowerCase() === messageId.toLowerCase()) return undefined;
  const sameBase = reading === 'hex' ? hexValue(receiptId) === hexValue(messageId) : decimalValue(receiptId) === decimalValue(messageId);
  if (sameBase) return 'leading zeros';
  return reading === 'hex' ? `decimal of hex ${messageId}` : `hex of decimal ${messageId}`;
}

/**
 * The receipt that decides a part's state: of the final ones the worst (a submit_multi has one per
 * destination), the later on a tie; else the last one.
 */
function pickReceipt(receipts: readonly ReceiptState[]): ReceiptState | undefined {
  let best: ReceiptState | undefined;
  for (const r of receipts) if (r.final && (best === undefined || rank(r.stat) >= rank(best.stat))) best = r;
  return best ?? receipts[receipts.length - 1];
}

function rank(stat: string): number {
  return FINAL_RANK[stat] ?? 5;
}

function receiptView(r: ReceiptState): ReceiptView {
  const v: ReceiptView = { recordId: r.recordId, timestamp: r.timestamp, stat: r.stat, final: r.final, id: r.id, notes: r.notes };
  if (r.responseId !== undefined) v.responseId = r.responseId;
  if (r.err !== undefined) v.err = r.err;
  if (r.matchedAs !== undefined) v.matchedAs = r.matchedAs;
  return v;
}

/** The messages in a list of records (capture order): a tracker fed once. */
export function correlateMessages(records: Iterable<MessageRecord>, options: MessageOptions = {}): SmsMessage[] {
  const t = new MessageTracker(options);
  for (const r of records) t.add(r);
  return t.messages();
}
