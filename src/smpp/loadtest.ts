// The load test: submits `count` messages through a bound EsmeSession at a chosen rate, keeps at
// most `window` of them in flight, and measures what comes back: per-second submitted /
// acknowledged / failed / receipts / throttled, round-trip percentiles, errors by command_status,
// throttling events. Pacing is a token bucket on the injected clock (no busy loop). It can be
// cancelled at any moment: it stops submitting and waits for what is in flight, so it ends with
// no request outstanding and the session still bound (unless asked to unbind).
//
//   const test = new LoadTest(session, { count: 1000, rate: 100, window: 10, to: '447700900000-447700900099' });
//   test.on('progress', (snapshot) => draw(snapshot));
//   const result = await test.run();
//   writeFile('load.json', result.toJson()); writeFile('load.csv', result.toCsv());
import { EventEmitter } from 'node:events';
import { performance } from 'node:perf_hooks';
import { systemClock, type Clock, type TimerHandle } from './link/clock';
import { SmppRequestError, type EsmeSession, type StateEvent, type ThrottleEvent } from './session/esme';
import { addressKind } from './session/messaging';
import type { WirePdu } from './link/wire';
import { parseReceipt } from './receipt';
import { planMessage } from './split';
import { decodeText } from './text/index';
import { statusName } from './tables/values';

// -----------------------------------------------------------------------------------------------
// Address ranges
// -----------------------------------------------------------------------------------------------

/** `447700900000-447700900099` (cycled through in order), or one address used for every message. */
export interface AddressRange {
  readonly spec: string;
  readonly size: number;
  /** The address of message `i` (0-based), cycling through the range. */
  at(i: number): string;
}

/**
 * Reads a range `FIRST-LAST` of numbers of the same length (leading zeros and a leading `+`
 * kept), or a single address. Throws RangeError with a plain message for anything else.
 */
export function parseAddressRange(spec: string): AddressRange {
  const s = spec.trim();
  const m = /^(\+?)(\d{1,20})\s*-\s*(\+?)(\d{1,20})$/.exec(s);
  if (!m) {
    if (s.length > 20) throw new RangeError(`address ${JSON.stringify(s)} is longer than the 20 characters SMPP allows`);
    return { spec: s, size: 1, at: () => s };
  }
  const [, plus, firstDigits, plus2, lastDigits] = m;
  if (firstDigits.length !== lastDigits.length || plus !== plus2) {
    throw new RangeError(`range ${JSON.stringify(s)}: both ends must have the same form and number of digits (e.g. 447700900000-447700900099)`);
  }
  const first = BigInt(firstDigits);
  const last = BigInt(lastDigits);
  if (last < first) throw new RangeError(`range ${JSON.stringify(s)} runs backwards`);
  const span = last - first + 1n;
  const size = span > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(span);
  const width = firstDigits.length;
  return {
    spec: s,
    size,
    at: (i) => plus + (first + BigInt(i % size)).toString().padStart(width, '0'),
  };
}

// -----------------------------------------------------------------------------------------------
// Percentiles
// -----------------------------------------------------------------------------------------------

export interface RoundTripStats {
  /** Responses measured. */
  samples: number;
  min: number;
  mean: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

/** The p-th percentile (0 < p ≤ 100) of ascending values by the nearest-rank method; 0 for none. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return 0;
  const rank = Math.min(n, Math.max(1, Math.ceil((p / 100) * n)));
  return sorted[rank - 1]!;
}

/** A round trip in ms to 0.1 ms, as the load test reports them. */
export function tenthOfMs(ms: number): number {
  return Math.round(ms * 10) / 10;
}

/** min, mean, p50, p90, p99 and max of round trips in any order, to 0.1 ms (all 0 when there are none). */
export function roundTripStats(values: ArrayLike<number>): RoundTripStats {
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += sorted[i]!;
  return {
    samples: n,
    min: n ? tenthOfMs(sorted[0]!) : 0,
    mean: n ? tenthOfMs(sum / n) : 0,
    p50: tenthOfMs(percentile(sorted, 50)),
    p90: tenthOfMs(percentile(sorted, 90)),
    p99: tenthOfMs(percentile(sorted, 99)),
    max: n ? tenthOfMs(sorted[n - 1]!) : 0,
  };
}

/** A round trip of 0.1 ms precision for the summary: `0.4`, `12.0`. */
export function formatRoundTrip(ms: number): string {
  return ms.toFixed(1);
}

// -----------------------------------------------------------------------------------------------
// Options and results
// -----------------------------------------------------------------------------------------------

export interface LoadTestOptions {
  /** Messages to submit, ≥ 1. */
  count: number;
  /** Messages per second; 0 = as fast as the window allows. */
  rate: number;
  /** Submits in flight at once, ≥ 1 (the session's own window applies too). */
  window: number;
  /** Destination: a range `FIRST-LAST` cycled through, or one address. */
  to: string;
  /** Source: a range or one address. Default empty. */
  from?: string;
  /** The text of every message (one part; GSM 7-bit when it can, else UCS-2). */
  text?: string;
  /** Instead of a text: a generated GSM 7-bit text of this many characters (1..160), numbered per message. */
  size?: number;
  /** Ask for delivery receipts (registered_delivery 1). Default true. */
  receipts?: boolean;
  /** After the last response, wait up to this long for missing receipts, ms. Default 0. */
  receiptWait?: number;
  /** Unbind the session at the end (also when cancelled). Default false: it stays bound. */
  unbind?: boolean;
  signal?: AbortSignal;
  /**
   * Defaults to the system clock. Give the session's clock so that both agree. Without one, round
   * trips are measured with performance.now() (a fraction of a ms); with one, in its time.
   */
  clock?: Clock;
}

export interface LoadTestSecond {
  /** Seconds since the start: this row counts [second, second + 1). */
  second: number;
  submitted: number;
  acknowledged: number;
  failed: number;
  receipts: number;
  throttled: number;
}

export interface LoadTestThrottle {
  /** ms since the start. */
  at: number;
  status: string;
  /** The pause the session took before sending again, ms. */
  delay: number;
}

export interface LoadTestTotals {
  requested: number;
  submitted: number;
  acknowledged: number;
  failed: number;
  receipts: number;
  throttled: number;
  /** Submitted and not answered yet (0 once the run has ended). */
  inFlight: number;
}

/** Everything a load test measured, as plain data (what toJson() writes). */
export interface LoadTestData {
  startedAt: number;
  endedAt: number;
  durationMs: number;
  /** Still running (a live snapshot). */
  running: boolean;
  cancelled: boolean;
  /** Why submitting stopped before `count`: cancelled, or the session went. */
  stopReason?: string;
  settings: { count: number; rate: number; window: number; from: string; to: string; dataCoding: number; octets: number; receipts: boolean };
  totals: LoadTestTotals;
  /** Acknowledged messages per second, from the first submit to the last response. */
  achievedRate: number;
  /** Round trips of the acknowledged submits (the attempt that was accepted), ms to 0.1 ms. */
  rtt: RoundTripStats;
  /** Failed submits by command_status name, or `timeout` / `closed` / `not_bound` / `full`. */
  errors: Record<string, number>;
  throttles: LoadTestThrottle[];
  series: LoadTestSecond[];
}

const CSV_COLUMNS = ['second', 'submitted', 'acknowledged', 'failed', 'receipts', 'throttled'] as const;

export class LoadTestResult implements LoadTestData {
  readonly startedAt: number;
  readonly endedAt: number;
  readonly durationMs: number;
  readonly running: boolean;
  readonly cancelled: boolean;
  readonly stopReason?: string;
  readonly settings: LoadTestData['settings'];
  readonly totals: LoadTestTotals;
  readonly achievedRate: number;
  readonly rtt: RoundTripStats;
  readonly errors: Record<string, number>;
  readonly throttles: LoadTestThrottle[];
  readonly series: LoadTestSecond[];

  constructor(data: LoadTestData) {
    this.startedAt = data.startedAt;
    this.endedAt = data.endedAt;
    this.durationMs = data.durationMs;
    this.running = data.running;
    this.cancelled = data.cancelled;
    if (data.stopReason !== undefined) this.stopReason = data.stopReason;
    this.settings = data.settings;
    this.totals = data.totals;
    this.achievedRate = data.achievedRate;
    this.rtt = data.rtt;
    this.errors = data.errors;
    this.throttles = data.throttles;
    this.series = data.series;
  }

  /** The whole result as JSON text. */
  toJson(): string {
    return JSON.stringify(this, null, 2) + '\n';
  }

  /** The per-second series as CSV: a header line, then one line per second. */
  toCsv(): string {
    const lines = [CSV_COLUMNS.join(',')];
    for (const row of this.series) lines.push(CSV_COLUMNS.map((c) => String(row[c])).join(','));
    return lines.join('\n') + '\n';
  }
}

/** The summary the CLI prints and the panel shows at the end. */
export function formatLoadSummary(r: LoadTestData): string {
  const t = r.totals;
  const lines = [
    `${r.cancelled ? 'cancelled' : r.stopReason ? 'stopped' : 'done'} after ${(r.durationMs / 1000).toFixed(1)} s${r.stopReason ? ` (${r.stopReason})` : ''}`,
    `submitted ${t.submitted} of ${t.requested} · acknowledged ${t.acknowledged} · failed ${t.failed}${r.settings.receipts ? ` · receipts ${t.receipts}` : ''} · throttled ${t.throttled}`,
    `achieved ${r.achievedRate.toFixed(1)} msg/s (asked ${r.settings.rate === 0 ? 'as fast as the window allows' : `${r.settings.rate} msg/s`}, window ${r.settings.window})`,
    `round trip ms: p50 ${formatRoundTrip(r.rtt.p50)} · p90 ${formatRoundTrip(r.rtt.p90)} · p99 ${formatRoundTrip(r.rtt.p99)} · max ${formatRoundTrip(r.rtt.max)} (${r.rtt.samples} responses)`,
  ];
  const errors = Object.entries(r.errors).sort((a, b) => b[1] - a[1]);
  if (errors.length) lines.push(`errors: ${errors.map(([k, v]) => `${k} ${v}`).join(' · ')}`);
  return lines.join('\n') + '\n';
}

// -----------------------------------------------------------------------------------------------
// The run
// -----------------------------------------------------------------------------------------------

export interface LoadTestEvents {
  /** Once a second while running: the result so far. */
  progress: [LoadTestResult];
  throttled: [LoadTestThrottle];
  done: [LoadTestResult];
}

const MAX_THROTTLES_KEPT = 10_000;
const MAX_EARLY_RECEIPTS = 10_000;

interface Message {
  shortMessage: Uint8Array;
  dataCoding: number;
}

/** Message-id keys a receipt may carry for one id: as given, and in the other base. */
function idKeys(id: string): string[] {
  const s = id.trim().replace(/\0+$/, '').toLowerCase();
  const keys = [s.replace(/^0+(?=.)/, '')];
  if (/^\d+$/.test(s) && s.length <= 30) keys.push(BigInt(s).toString(16));
  if (/^[0-9a-f]+$/.test(s) && s.length <= 24) keys.push(BigInt('0x' + s).toString(10));
  return keys;
}

function validate(o: LoadTestOptions): void {
  const int = (name: string, v: number, min: number, max: number): void => {
    if (!Number.isInteger(v) || v < min || v > max) throw new RangeError(`${name} must be an integer ${min}..${max}, not ${v}`);
  };
  int('count', o.count, 1, 100_000_000);
  int('window', o.window, 1, 100_000);
  if (!(Number.isFinite(o.rate) && o.rate >= 0 && o.rate <= 1_000_000)) throw new RangeError(`rate must be 0..1000000 messages per second (0 = as fast as the window allows), not ${o.rate}`);
  if (o.text !== undefined && o.size !== undefined) throw new RangeError('give a text or a size, not both');
  if (o.size !== undefined) int('size', o.size, 1, 160);
  if (o.receiptWait !== undefined && !(o.receiptWait >= 0)) throw new RangeError(`receiptWait must be >= 0 ms, not ${o.receiptWait}`);
}

export class LoadTest extends EventEmitter<LoadTestEvents> {
  private readonly clock: Clock;
  /** performance.now() when no clock was given: round trips to the microsecond. */
  private readonly fineNow: (() => number) | undefined;
  private readonly to: AddressRange;
  private readonly from: AddressRange;
  private readonly fixed: Message | undefined;
  private readonly receipts: boolean;
  // Counters.
  private submitted = 0;
  private acknowledged = 0;
  private failed = 0;
  private receiptCount = 0;
  private throttledCount = 0;
  private inFlight = 0;
  private readonly rtts: number[] = [];
  private readonly errors: Record<string, number> = {};
  private readonly throttles: LoadTestThrottle[] = [];
  private readonly series: LoadTestSecond[] = [];
  /** Acknowledged message ids still waiting for their receipt. */
  private readonly awaitingReceipt = new Set<string>();
  /** Receipts that came before their submit_sm_resp. */
  private readonly earlyReceipts = new Set<string>();
  // Pacing.
  private tokens = 1;
  private lastRefill = 0;
  private pacer: TimerHandle | undefined;
  private ticker: TimerHandle | undefined;
  private receiptTimer: TimerHandle | undefined;
  // Lifecycle.
  private startedAt = 0;
  private firstSubmitAt: number | undefined;
  private lastResponseAt: number | undefined;
  private endedAt: number | undefined;
  private started = false;
  private stopping = false;
  private cancelled = false;
  private stopReason: string | undefined;
  private waitingReceipts = false;
  private finish: (() => void) | undefined;
  private readonly detach: (() => void)[] = [];

  constructor(
    private readonly session: EsmeSession,
    private readonly options: LoadTestOptions,
  ) {
    super();
    validate(options);
    this.clock = options.clock ?? systemClock();
    this.fineNow = options.clock === undefined ? () => performance.now() : undefined;
    this.to = parseAddressRange(options.to);
    this.from = parseAddressRange(options.from ?? '');
    this.receipts = options.receipts ?? true;
    if (options.size === undefined) {
      const plan = planMessage(options.text ?? 'SMPP Session Panel load test', { encoding: 'auto', method: 'udh', ref: 0 });
      if (plan.partCount > 1) throw new RangeError(`the text needs ${plan.partCount} parts; a load test sends single-part messages, so shorten it (at most ${plan.perPartLimit} units in ${plan.encoding})`);
      this.fixed = { shortMessage: plan.parts[0]!.shortMessage, dataCoding: plan.dataCoding };
    }
  }

  /** Runs the test once; resolves with the result when every submitted message is accounted for. */
  run(): Promise<LoadTestResult> {
    if (this.started) return Promise.reject(new Error('a load test runs once; make a new one'));
    this.started = true;
    if (!this.session.isBound) return Promise.reject(new Error(`the session is ${this.session.state}; bind it before the load test`));
    this.startedAt = this.clock.now();
    this.lastRefill = this.startedAt;
    return new Promise<LoadTestResult>((resolve) => {
      this.finish = () => {
        void this.end().then(resolve);
      };
      const onThrottled = (e: ThrottleEvent): void => this.onThrottled(e);
      const onDeliver = (pdu: WirePdu): void => this.onDeliver(pdu);
      const onState = (e: StateEvent): void => {
        if (e.to === 'closed' || e.to === 'unbound') this.stop(`the session ${e.to === 'closed' ? 'closed' : 'is unbinding'}: ${e.cause}`);
      };
      this.session.on('throttled', onThrottled);
      this.session.on('deliver', onDeliver);
      this.session.on('state', onState);
      this.detach.push(() => this.session.off('throttled', onThrottled), () => this.session.off('deliver', onDeliver), () => this.session.off('state', onState));
      const signal = this.options.signal;
      if (signal) {
        const onAbort = (): void => this.cancel();
        if (signal.aborted) {
          this.cancel();
        } else {
          signal.addEventListener('abort', onAbort, { once: true });
          this.detach.push(() => signal.removeEventListener('abort', onAbort));
        }
      }
      if (this.endedAt !== undefined) return;
      this.armTicker();
      this.pump();
      this.checkDone();
    });
  }

  /** Stops submitting; the run resolves once the messages in flight are answered. */
  cancel(): void {
    if (this.endedAt !== undefined || this.cancelled) return;
    this.cancelled = true;
    this.stop('cancelled');
  }

  /** The result so far (final once run() has resolved). */
  snapshot(): LoadTestResult {
    const now = this.endedAt ?? this.clock.now();
    const from = this.firstSubmitAt ?? this.startedAt;
    const to = this.lastResponseAt ?? now;
    const span = Math.max(0, to - from);
    const data: LoadTestData = {
      startedAt: this.startedAt,
      endedAt: now,
      durationMs: now - this.startedAt,
      running: this.started && this.endedAt === undefined,
      cancelled: this.cancelled,
      settings: {
        count: this.options.count,
        rate: this.options.rate,
        window: this.options.window,
        from: this.from.spec,
        to: this.to.spec,
        dataCoding: this.fixed?.dataCoding ?? 0,
        octets: this.fixed?.shortMessage.length ?? this.options.size ?? 0,
        receipts: this.receipts,
      },
      totals: {
        requested: this.options.count,
        submitted: this.submitted,
        acknowledged: this.acknowledged,
        failed: this.failed,
        receipts: this.receiptCount,
        throttled: this.throttledCount,
        inFlight: this.inFlight,
      },
      achievedRate: span > 0 ? Math.round((this.acknowledged * 1000 * 10) / span) / 10 : 0,
      rtt: roundTripStats(this.rtts),
      errors: { ...this.errors },
      throttles: this.throttles.slice(),
      series: this.filledSeries(now),
    };
    if (this.stopReason !== undefined) data.stopReason = this.stopReason;
    return new LoadTestResult(data);
  }

  // ---------------------------------------------------------------------------------------------
  // Submitting
  // ---------------------------------------------------------------------------------------------

  private pump(): void {
    if (this.stopping || this.endedAt !== undefined) return;
    const rate = this.options.rate;
    const now = this.clock.now();
    if (rate > 0) {
      // The bucket holds at most 20 ms of messages, so a stalled window does not turn into a burst
      // afterwards; but never less than two, so that a timer that fires late (as real ones do by
      // a millisecond or more) keeps the fraction it earned instead of losing it to the cap, which
      // would pace below the asked rate.
      const capacity = Math.max(2, rate / 50);
      this.tokens = Math.min(capacity, this.tokens + ((now - this.lastRefill) * rate) / 1000);
      this.lastRefill = now;
    }
    while (this.submitted < this.options.count && this.inFlight < this.options.window) {
      if (!this.session.isBound) {
        this.stop(`the session is ${this.session.state}`);
        return;
      }
      if (rate > 0) {
        if (this.tokens < 1) break;
        this.tokens -= 1;
      }
      this.submitOne(now);
    }
    if (rate > 0 && this.submitted < this.options.count && this.inFlight < this.options.window && this.pacer === undefined) {
      const wait = Math.max(1, Math.ceil(((1 - this.tokens) * 1000) / rate));
      this.pacer = this.clock.setTimeout(() => {
        this.pacer = undefined;
        this.pump();
      }, wait);
    }
  }

  private submitOne(now: number): void {
    const i = this.submitted++;
    this.inFlight++;
    this.firstSubmitAt ??= now;
    this.row(now).submitted++;
    const to = this.to.at(i);
    const from = this.from.at(i);
    const m = this.fixed ?? this.generated(i);
    const src = addressKind(from);
    const dst = addressKind(to);
    const calledAt = this.clock.now();
    const fineAt = this.fineNow?.();
    this.session
      .request('submit_sm', {
        source_addr_ton: src.ton,
        source_addr_npi: src.npi,
        source_addr: from.replace(/^\+/, ''),
        dest_addr_ton: dst.ton,
        dest_addr_npi: dst.npi,
        destination_addr: to.replace(/^\+/, ''),
        registered_delivery: this.receipts ? 1 : 0,
        data_coding: m.dataCoding,
        short_message: m.shortMessage,
      })
      .then(
        (r) => {
          const at = this.clock.now();
          this.inFlight--;
          this.acknowledged++;
          this.lastResponseAt = at;
          this.rtts.push(this.roundTrip(r.rtt, calledAt, fineAt, at));
          this.row(at).acknowledged++;
          if (this.receipts) this.expectReceipt(String((r.pdu.body as { message_id?: unknown }).message_id ?? ''), at);
          this.afterResponse();
        },
        (err: unknown) => {
          const at = this.clock.now();
          this.inFlight--;
          this.failed++;
          this.lastResponseAt = at;
          const key = err instanceof SmppRequestError ? (err.kind === 'status' && err.status !== undefined ? statusName(err.status) : err.kind) : 'error';
          this.errors[key] = (this.errors[key] ?? 0) + 1;
          this.row(at).failed++;
          this.afterResponse();
        },
      );
  }

  /**
   * The round trip of the attempt that was accepted, ms. The session's figure is in its clock's
   * whole ms; the fine clock measures from the request to its answer, which is the same span when
   * the submit left at once (not queued behind the session's window, not retried after a
   * throttle): then the fine figure counts, to the microsecond.
   */
  private roundTrip(sessionRtt: number, calledAt: number, fineAt: number | undefined, at: number): number {
    if (fineAt === undefined || at - calledAt - sessionRtt > 1) return sessionRtt;
    return Math.round((this.fineNow!() - fineAt) * 1000) / 1000;
  }

  /** A GSM 7-bit text of `size` characters that names its message. */
  private generated(i: number): Message {
    const size = this.options.size ?? 1;
    const text = (`load test ${i + 1} `.padEnd(size, 'x')).slice(0, size);
    const bytes = new Uint8Array(text.length);
    for (let k = 0; k < text.length; k++) bytes[k] = text.charCodeAt(k);
    return { shortMessage: bytes, dataCoding: 0 };
  }

  private afterResponse(): void {
    this.pump();
    this.checkDone();
  }

  private stop(reason: string): void {
    if (this.stopping) return;
    this.stopping = true;
    this.stopReason ??= this.submitted < this.options.count || this.cancelled ? reason : undefined;
    this.clock.clearTimeout(this.pacer);
    this.pacer = undefined;
    if (this.waitingReceipts) this.waitingReceipts = false;
    this.checkDone();
  }

  private checkDone(): void {
    if (this.endedAt !== undefined || !this.finish || this.inFlight > 0) return;
    const allSubmitted = this.submitted >= this.options.count;
    if (!allSubmitted && !this.stopping) return;
    // Every submit is answered. Wait for missing receipts if asked (not after a cancel).
    const wait = this.options.receiptWait ?? 0;
    if (!this.stopping && this.receipts && wait > 0 && this.awaitingReceipt.size > 0) {
      if (this.receiptTimer === undefined) {
        this.waitingReceipts = true;
        this.receiptTimer = this.clock.setTimeout(() => {
          this.receiptTimer = undefined;
          this.waitingReceipts = false;
          this.stopping = true;
          this.checkDone();
        }, wait);
      }
      return;
    }
    const finish = this.finish;
    this.finish = undefined;
    this.endedAt = this.clock.now();
    finish();
  }

  private async end(): Promise<LoadTestResult> {
    this.clock.clearTimeout(this.pacer);
    this.clock.clearTimeout(this.ticker);
    this.clock.clearTimeout(this.receiptTimer);
    this.pacer = this.ticker = this.receiptTimer = undefined;
    for (const d of this.detach.splice(0)) d();
    if (this.options.unbind && this.session.isBound) await this.session.unbind();
    const result = this.snapshot();
    this.emit('done', result);
    return result;
  }

  // ---------------------------------------------------------------------------------------------
  // Receipts and throttling
  // ---------------------------------------------------------------------------------------------

  private expectReceipt(messageId: string, at: number): void {
    if (messageId === '') return;
    const keys = idKeys(messageId);
    if (keys.some((k) => this.earlyReceipts.delete(k))) {
      this.countReceipt(at);
      return;
    }
    this.awaitingReceipt.add(keys[0]!);
  }

  private onDeliver(pdu: WirePdu): void {
    const body = pdu.body as { esm_class?: number; short_message?: Uint8Array; data_coding?: number };
    const tlvId = pdu.tlvs.find((t) => t.name === 'receipted_message_id')?.value;
    let id = typeof tlvId === 'string' && tlvId !== '' ? tlvId : undefined;
    if (id === undefined) {
      if (((body.esm_class ?? 0) & 0x3c) !== 0x04 || !body.short_message) return;
      id = parseReceipt(decodeText(body.short_message, body.data_coding ?? 0, { dcs0: 'ascii' }).text)?.id;
    }
    if (id === undefined) return;
    const at = this.clock.now();
    const keys = idKeys(id);
    const match = keys.find((k) => this.awaitingReceipt.has(k));
    if (match !== undefined) {
      this.awaitingReceipt.delete(match);
      this.countReceipt(at);
      if (this.waitingReceipts && this.awaitingReceipt.size === 0) {
        this.clock.clearTimeout(this.receiptTimer);
        this.receiptTimer = undefined;
        this.waitingReceipts = false;
        this.stopping = true;
        this.checkDone();
      }
    } else if (this.inFlight > 0 && this.earlyReceipts.size < MAX_EARLY_RECEIPTS) {
      for (const k of keys) this.earlyReceipts.add(k);
    }
  }

  private countReceipt(at: number): void {
    this.receiptCount++;
    this.row(at).receipts++;
  }

  private onThrottled(e: ThrottleEvent): void {
    if (e.command !== 'submit_sm') return;
    const at = this.clock.now();
    this.throttledCount++;
    this.row(at).throttled++;
    const t: LoadTestThrottle = { at: at - this.startedAt, status: statusName(e.status), delay: e.delay };
    if (this.throttles.length < MAX_THROTTLES_KEPT) this.throttles.push(t);
    this.emit('throttled', t);
  }

  // ---------------------------------------------------------------------------------------------
  // Series
  // ---------------------------------------------------------------------------------------------

  private row(at: number): LoadTestSecond {
    const second = Math.max(0, Math.floor((at - this.startedAt) / 1000));
    while (this.series.length <= second) this.series.push({ second: this.series.length, submitted: 0, acknowledged: 0, failed: 0, receipts: 0, throttled: 0 });
    return this.series[second]!;
  }

  /** The series up to `now`, seconds without events included as zeros. */
  private filledSeries(now: number): LoadTestSecond[] {
    if (this.started) this.row(Math.max(this.startedAt, now - 1));
    return this.series.map((r) => ({ ...r }));
  }

  private armTicker(): void {
    const elapsed = this.clock.now() - this.startedAt;
    this.ticker = this.clock.setTimeout(() => {
      this.ticker = undefined;
      if (this.endedAt !== undefined) return;
      this.emit('progress', this.snapshot());
      this.armTicker();
    }, 1000 - (elapsed % 1000));
  }
}

/** Runs a load test over a bound session; see LoadTest. */
export function runLoadTest(session: EsmeSession, options: LoadTestOptions): Promise<LoadTestResult> {
  return new LoadTest(session, options).run();
}
