// Sending blocks on a bound ESME session and checking their expectations: `repeat: N` sends N
// PDUs through the session's window, each built with its own generated values; every response's
// status and fields are checked, and a receipt expectation waits (on the session's clock) for
// each message's receipt among the deliver_sm the session receives. Nothing waits unbounded: a
// receipt wait has its `within`, and the receipts kept are capped.

import { toJsonPdu, type DecodedPdu } from '../codec';
import { systemClock, type Clock, type TimerHandle } from '../link/clock';
import { RECEIPT_STAT_BY_STATE, compareMessageIds, parseReceipt, statToMessageState } from '../receipt';
import { SmppRequestError, type EsmeSession } from '../session/esme';
import { expectsResponse } from '../tables/commands';
import { isReceiptEsmClass, statusName } from '../tables/values';
import { decodeText } from '../text/index';
import { buildRequest, type BuildContext, type RequestPdu } from './build';
import type { Expectation, ParsedRequestFile, RequestBlock, RequestFileProblem } from './types';

export interface RunContext extends BuildContext {
  /** The next `${counter}`, asked once a send; by default this run counts from `counter` (1). */
  nextCounter?: () => number;
  /** Stops sending (what is in flight is still answered) and ends a receipt wait. */
  signal?: AbortSignal;
  /** Times receipt waits; default the system clock. */
  clock?: Clock;
}

export interface ResponseSummary {
  command: string;
  status: number;
  statusName: string;
  /** Milliseconds from the request to its response. */
  rtt: number;
  /** The body in the codec's JSON form (octets as hex). */
  body: Record<string, unknown>;
  tlvs: { tag: number; name: string; value: unknown }[];
}

export interface ReceiptSummary {
  messageId: string;
  /** The receipt's stat word (DELIVRD, UNDELIV, …). */
  state: string;
  text: string;
  /** Milliseconds from the response to the receipt. */
  after: number;
}

export interface SendResult {
  /** 0-based, within the block's repeat. */
  index: number;
  counter: number;
  pdu?: RequestPdu;
  response?: ResponseSummary;
  /** Why there is no response (a timeout, a closed session, a value that cannot be sent). */
  error?: string;
  /** The receipts that came for this message, in order (intermediate ones too). */
  receipts?: ReceiptSummary[];
}

export interface ExpectationResult {
  /** As written after `expect` (`status ESME_ROK`); the implicit check of a block without one too. */
  text: string;
  line: number;
  passed: boolean;
  /** Why it failed, naming the send. */
  message?: string;
}

export interface BlockResult {
  index: number;
  title?: string;
  command?: string;
  connection?: string;
  sends: SendResult[];
  expectations: ExpectationResult[];
  /** The block's own problems (a block with an error is not sent). */
  problems: RequestFileProblem[];
  passed: boolean;
  /** Why the block failed before any expectation could be checked. */
  error?: string;
  durationMs: number;
  /** The last response's command, body fields and TLVs by name, for the next block's `${last.FIELD}`. */
  last?: Record<string, unknown>;
}

/** Receipts a block keeps while it waits, at most. */
export const MAX_RECEIPTS_KEPT = 10_000;
/** States after which another receipt for the message may still come. */
const INTERMEDIATE: ReadonlySet<string> = new Set(['ENROUTE', 'SCHEDULED']);

function summary(pdu: DecodedPdu, rtt: number): ResponseSummary {
  const json = toJsonPdu(pdu);
  return {
    command: pdu.command,
    status: pdu.command_status,
    statusName: statusName(pdu.command_status),
    rtt,
    body: json.body,
    tlvs: json.tlvs.map((t) => ({ tag: t.tag, name: t.name, value: t.value })),
  };
}

function lastOf(r: ResponseSummary): Record<string, unknown> {
  const out: Record<string, unknown> = { command: r.command, command_status: r.status };
  for (const t of r.tlvs) out[t.name] = t.value;
  return Object.assign(out, r.body);
}

function shownValue(v: unknown): string | undefined {
  if (v === undefined) return undefined;
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : JSON.stringify(v);
}

/** A receipt read from a deliver_sm (or data_sm): its message id and state, or undefined. */
function readReceipt(pdu: DecodedPdu): { id: string; state: string; text: string } | undefined {
  const body = pdu.body as { esm_class?: number; short_message?: Uint8Array; data_coding?: number };
  if (body.esm_class === undefined || !isReceiptEsmClass(body.esm_class)) return undefined;
  const payload = pdu.tlvs.find((t) => t.name === 'message_payload')?.value;
  const octets = body.short_message !== undefined && body.short_message.length > 0 ? body.short_message : payload instanceof Uint8Array ? payload : new Uint8Array(0);
  const text = decodeText(octets, body.data_coding ?? 0, { dcs0: 'ascii' }).text;
  const parsed = parseReceipt(text);
  const tlvId = pdu.tlvs.find((t) => t.name === 'receipted_message_id')?.value;
  const tlvState = pdu.tlvs.find((t) => t.name === 'message_state')?.value;
  const id = typeof tlvId === 'string' ? tlvId : parsed?.id;
  const stat = typeof tlvState === 'number' ? RECEIPT_STAT_BY_STATE[tlvState] : parsed?.stat !== undefined ? RECEIPT_STAT_BY_STATE[statToMessageState(parsed.stat) ?? -1] ?? parsed.stat : undefined;
  if (id === undefined || stat === undefined) return undefined;
  return { id, state: stat, text };
}

/** Collects the receipts the session receives while a block runs, by message id. */
class ReceiptBook {
  private readonly byId = new Map<string, { state: string; text: string; at: number }[]>();
  private listener: (() => void) | undefined;

  constructor(private readonly clock: Clock) {}

  readonly onDeliver = (pdu: DecodedPdu): void => {
    const r = readReceipt(pdu);
    if (r === undefined) return;
    const key = r.id.toUpperCase();
    let list = this.byId.get(key);
    if (list === undefined) {
      if (this.byId.size >= MAX_RECEIPTS_KEPT) this.byId.delete(this.byId.keys().next().value!);
      this.byId.set(key, (list = []));
    }
    if (list.length < 16) list.push({ state: r.state, text: r.text, at: this.clock.now() });
    this.listener?.();
  };

  /** The receipts of a message id (as written, or the same number in the other base). */
  find(messageId: string): { state: string; text: string; at: number }[] {
    const exact = this.byId.get(messageId.toUpperCase());
    if (exact !== undefined) return exact;
    for (const [id, list] of this.byId) if (compareMessageIds(id, messageId.toUpperCase()) !== 'different') return list;
    return [];
  }

  /** Resolves when `done()` holds, or false after `ms` or on abort. */
  waitFor(done: () => boolean, ms: number, signal: AbortSignal | undefined): Promise<boolean> {
    if (done()) return Promise.resolve(true);
    return new Promise<boolean>((resolve) => {
      const finish = (ok: boolean): void => {
        this.listener = undefined;
        this.clock.clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        resolve(ok);
      };
      const onAbort = (): void => finish(false);
      this.listener = () => {
        if (done()) finish(true);
      };
      const timer: TimerHandle = this.clock.setTimeout(() => finish(done()), Math.max(0, ms));
      signal?.addEventListener('abort', onAbort, { once: true });
      if (signal?.aborted) finish(false);
    });
  }
}

function failedBlock(block: RequestBlock, error: string, started: number, clock: Clock): BlockResult {
  return {
    index: block.index,
    ...(block.title === undefined ? {} : { title: block.title }),
    ...(block.command === undefined ? {} : { command: block.command }),
    ...(block.connection === undefined ? {} : { connection: block.connection }),
    sends: [],
    expectations: [],
    problems: block.problems,
    passed: false,
    error,
    durationMs: clock.now() - started,
  };
}

function sendName(s: SendResult, total: number): string {
  return total > 1 ? `send ${s.index + 1} of ${total}` : 'the response';
}

/** Checks the status and field expectations (and the implicit ESME_ROK) against every send. */
function checkResponses(block: RequestBlock, sends: SendResult[]): ExpectationResult[] {
  const out: ExpectationResult[] = [];
  const statusExpectations = block.expectations.filter((e) => e.kind === 'status');
  const checks: Expectation[] = statusExpectations.length > 0 ? block.expectations : [{ kind: 'status', status: 0, text: 'status ESME_ROK', line: block.startLine }, ...block.expectations];
  for (const e of checks) {
    if (e.kind === 'receipt') continue;
    let message: string | undefined;
    for (const s of sends) {
      if (s.response === undefined) {
        message = `${sendName(s, sends.length)}: ${s.error ?? 'no response'}`;
        break;
      }
      if (e.kind === 'status' && s.response.status !== e.status) {
        message = `${sendName(s, sends.length)} has status ${s.response.statusName}, not ${statusName(e.status)}`;
        break;
      }
      if (e.kind === 'field') {
        const v = shownValue(s.response.body[e.field] ?? s.response.tlvs.find((t) => t.name === e.field)?.value);
        if (v === undefined) {
          message = `${sendName(s, sends.length)} (${s.response.command}) has no ${e.field}`;
          break;
        }
        if (!e.pattern.test(v)) {
          message = `${sendName(s, sends.length)}: ${e.field} ${JSON.stringify(v)} does not match ${String(e.pattern)}`;
          break;
        }
      }
    }
    out.push({ text: e.text, line: e.line, passed: message === undefined, ...(message === undefined ? {} : { message }) });
  }
  return out;
}

/** Runs `count` tasks, at most `width` at once, in order of start. */
async function pool(count: number, width: number, task: (i: number) => Promise<boolean>): Promise<void> {
  let next = 0;
  let stop = false;
  const worker = async (): Promise<void> => {
    while (!stop && next < count) {
      const i = next++;
      if (!(await task(i))) stop = true;
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(width, count)) }, worker));
}

/**
 * Sends a block on a bound session (`repeat` times) and checks its expectations. Never throws for
 * what the SMSC answers: a refusal, a timeout or a closed session is a failed send in the result.
 */
export async function runBlock(session: EsmeSession, block: RequestBlock, context: RunContext = {}): Promise<BlockResult> {
  const clock = context.clock ?? session.options.clock ?? systemClock();
  const started = clock.now();
  const errors = block.problems.filter((p) => p.severity === 'error');
  if (errors.length > 0) return failedBlock(block, `line ${errors[0]!.line + 1}: ${errors[0]!.message}`, started, clock);
  const command = block.command;
  if (command === undefined) return failedBlock(block, 'the block names no PDU', started, clock);
  if (!expectsResponse(command)) return failedBlock(block, `${command} is sent by an SMSC and gets no response; an ESME session does not send it`, started, clock);
  if (!session.isBound) return failedBlock(block, `cannot send ${command}: the session is ${session.state}`, started, clock);

  const receiptExpectations = block.expectations.filter((e) => e.kind === 'receipt');
  const book = new ReceiptBook(clock);
  if (receiptExpectations.length > 0) session.on('deliver', book.onDeliver);
  let counter = context.counter ?? 1;
  const nextCounter = context.nextCounter ?? (() => counter++);
  const sends: SendResult[] = [];
  const answeredAt = new Map<number, number>();
  let buildError: string | undefined;
  try {
    await pool(block.repeat, session.options.window, async (i) => {
      if (context.signal?.aborted) return false;
      const n = nextCounter();
      const built = buildRequest(block, { ...context, sendIndex: i, counter: n });
      const send: SendResult = { index: i, counter: n };
      sends.push(send);
      if (built.input === undefined || built.pdu === undefined) {
        const p = built.problems.find((x) => x.severity === 'error') ?? built.problems[0];
        send.error = p === undefined ? 'the PDU cannot be built' : `line ${p.line + 1}: ${p.message}`;
        buildError ??= send.error;
        return false;
      }
      send.pdu = built.pdu;
      const t0 = clock.now();
      try {
        const r = await session.request(command, built.input.body as never, built.input.tlvs);
        send.response = summary(r.pdu, r.rtt);
      } catch (e) {
        if (e instanceof SmppRequestError && e.response !== undefined) send.response = summary(e.response, clock.now() - t0);
        else send.error = e instanceof Error ? e.message : String(e);
      }
      answeredAt.set(i, clock.now());
      return true;
    });
    sends.sort((a, b) => a.index - b.index);
    if (buildError !== undefined) return { ...failedBlock(block, buildError, started, clock), sends };

    const expectations = checkResponses(block, sends);
    for (const e of receiptExpectations) {
      if (session.options.bind.type === 'transmitter') {
        expectations.push({ text: e.text, line: e.line, passed: false, message: 'a transmitter bind receives no receipts: bind the connection as a transceiver' });
        continue;
      }
      const ids = sends.map((s) => shownValue(s.response?.body.message_id));
      const missingId = sends.find((s, i) => s.response === undefined || s.response.status !== 0 || !ids[i]);
      if (missingId !== undefined) {
        expectations.push({ text: e.text, line: e.line, passed: false, message: `${sendName(missingId, sends.length)} gave no message_id to wait for a receipt of` });
        continue;
      }
      const final = (id: string): { state: string } | undefined => book.find(id).find((r) => !INTERMEDIATE.has(r.state) || r.state === e.state);
      const last = Math.max(...[...answeredAt.values()]);
      await book.waitFor(() => ids.every((id) => final(id!) !== undefined), last + e.withinMs - clock.now(), context.signal);
      let message: string | undefined;
      for (const [i, s] of sends.entries()) {
        const got = final(ids[i]!);
        if (got === undefined) message ??= `${sendName(s, sends.length)}: no receipt for ${ids[i]} within ${e.withinMs / 1000} s`;
        else if (got.state !== e.state) message ??= `${sendName(s, sends.length)}: the receipt for ${ids[i]} says ${got.state}, not ${e.state}`;
      }
      expectations.push({ text: e.text, line: e.line, passed: message === undefined, ...(message === undefined ? {} : { message }) });
    }
    if (receiptExpectations.length > 0) {
      for (const s of sends) {
        const id = shownValue(s.response?.body.message_id);
        if (!id) continue;
        const at = answeredAt.get(s.index) ?? started;
        const list = book.find(id);
        if (list.length > 0) s.receipts = list.map((r) => ({ messageId: id, state: r.state, text: r.text, after: r.at - at }));
      }
    }
    expectations.sort((a, b) => a.line - b.line);
    const lastResponse = [...sends].reverse().find((s) => s.response !== undefined)?.response;
    return {
      index: block.index,
      ...(block.title === undefined ? {} : { title: block.title }),
      command,
      ...(block.connection === undefined ? {} : { connection: block.connection }),
      sends,
      expectations,
      problems: block.problems,
      passed: sends.length === block.repeat && expectations.every((x) => x.passed),
      ...(sends.length < block.repeat ? { error: `stopped after ${sends.length} of ${block.repeat} sends` } : {}),
      durationMs: clock.now() - started,
      ...(lastResponse === undefined ? {} : { last: lastOf(lastResponse) }),
    };
  } finally {
    session.off('deliver', book.onDeliver);
  }
}

export interface RunFileOptions {
  /** The bound session of a block's connection (undefined: the block names none); a rejection fails the block with its message. */
  sessionFor(connection: string | undefined): Promise<EsmeSession>;
  /** What a connection's blocks are built with (its vendor TLVs, its profile's dcs0). */
  contextFor?(connection: string | undefined): BuildContext;
  /** Shared by every block: the environment, the clock, the signal. */
  context?: RunContext;
  /** Told each block's result as it ends. */
  onBlock?(result: BlockResult): void;
}

/**
 * Runs a file's blocks in order, each on its connection's session; `${last.FIELD}` reads the
 * previous block's last response, and `${counter}` counts across the whole file.
 */
export async function runRequestFile(file: ParsedRequestFile, options: RunFileOptions): Promise<BlockResult[]> {
  const results: BlockResult[] = [];
  const base = options.context ?? {};
  let counter = base.counter ?? 1;
  const nextCounter = base.nextCounter ?? (() => counter++);
  const clock = base.clock ?? systemClock();
  let last: Record<string, unknown> | undefined = base.last;
  for (const block of file.blocks) {
    if (base.signal?.aborted) break;
    let result: BlockResult;
    const errors = block.problems.filter((p) => p.severity === 'error');
    if (errors.length > 0) result = failedBlock(block, `line ${errors[0]!.line + 1}: ${errors[0]!.message}`, clock.now(), clock);
    else {
      let session: EsmeSession | undefined;
      try {
        session = await options.sessionFor(block.connection);
      } catch (e) {
        result = failedBlock(block, e instanceof Error ? e.message : String(e), clock.now(), clock);
      }
      if (session !== undefined) {
        const ctx: RunContext = { ...base, ...(options.contextFor?.(block.connection) ?? {}), nextCounter, ...(last === undefined ? {} : { last }) };
        result = await runBlock(session, block, ctx);
      }
    }
    if (result!.last !== undefined) last = result!.last;
    results.push(result!);
    options.onBlock?.(result!);
  }
  return results;
}
