// The load test: submits `count` messages through a bound EsmeSession at a chosen rate, keeps at
// most `window` of them in flight, and measures what comes back: per-second submitted /
// acknowledged / failed / receipts / throttled, round-trip percentiles, errors by command_status,
// throttling events. With receipts asked for, each deliver_sm / data_sm receipt is matched to its
// submit by message_id (hex or decimal on either side), and the run reports submit → receipt
// percentiles, final receipts by state, those still outstanding after a bounded wait, and those
// that matched nothing. Pacing is a token bucket on the injected clock (no busy loop). It can be
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
import { compareMessageIds, parseReceipt, reconcileReceipt, RECEIPT_STAT_BY_STATE, type Receipt, type ReceiptTlvs } from './receipt';
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
  /**
   * Ask for delivery receipts (registered_delivery 1) and match them to the submits. Default true.
   * Receipts come back on a transceiver session, or on a receiver bound beside it (`receivers`).
   */
  receipts?: boolean;
  /**
   * After the last response, wait up to this long for the receipts still outstanding, ms. Default
   * DEFAULT_RECEIPT_WAIT_MS; cancel() ends the wait at once.
   */
  receiptWait?: number;
  /**
   * Submits awaiting their receipt that are tracked at once. Past it the oldest is dropped from
   * tracking and counted as not tracked. Default DEFAULT_MAX_OUTSTANDING_RECEIPTS.
   */
  maxOutstandingReceipts?: number;
  /** Other bound sessions the receipts may come back on (a receiver beside a transmitter). */
  receivers?: readonly EsmeSession[];
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
  /** Final receipts matched to a submit. */
  receipts: number;
  throttled: number;
  /** Of `receipts`, those whose state is not DELIVRD. */
  notDelivered: number;
  /** The mean submit → receipt of those receipts, ms to 0.1 ms (0 when there are none). */
  receiptMs: number;
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

/** What the receipts said, when they were asked for. */
export interface LoadTestReceipts {
  /** Receipts were asked for (registered_delivery 1). */
  asked: boolean;
  /** Final receipts matched to a submit of this run (totals.receipts). */
  matched: number;
  /** Intermediate notifications received (ENROUTE, esm_class 0x20): they do not end a message. */
  intermediate: number;
  /** Acknowledged submits still without a final receipt (at the end: after the wait for late ones). */
  outstanding: number;
  /** Final receipts that matched no submit awaiting one: another sender's, a repeat, or one of a message no longer tracked. */
  unmatched: number;
  /** Acknowledged submits dropped from tracking, oldest first, once `maxOutstandingReceipts` were awaited at once. */
  notTracked: number;
  /** Matched final receipts by stat word (DELIVRD, UNDELIV, EXPIRED…; NONE for a receipt without a state). */
  states: Record<string, number>;
  /** Submit → final receipt, ms to 0.1 ms. */
  latency: RoundTripStats;
  /** Waiting for late receipts after the last response (a live snapshot). */
  waiting: boolean;
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
  settings: {
    count: number;
    rate: number;
    window: number;
    from: string;
    to: string;
    dataCoding: number;
    octets: number;
    receipts: boolean;
    /** The longest wait for late receipts after the last response, ms. */
    receiptWait: number;
    maxOutstandingReceipts: number;
  };
  totals: LoadTestTotals;
  /** Acknowledged messages per second, from the first submit to the last response. */
  achievedRate: number;
  /** Round trips of the acknowledged submits (the attempt that was accepted), ms to 0.1 ms. */
  rtt: RoundTripStats;
  /** Failed submits by command_status name, or `timeout` / `closed` / `not_bound` / `full`. */
  errors: Record<string, number>;
  throttles: LoadTestThrottle[];
  series: LoadTestSecond[];
  receipts: LoadTestReceipts;
}

/** The CSV's columns and the series fields they hold: the first six as they always were. */
const CSV_COLUMNS: readonly (readonly [string, keyof LoadTestSecond])[] = [
  ['second', 'second'],
  ['submitted', 'submitted'],
  ['acknowledged', 'acknowledged'],
  ['failed', 'failed'],
  ['receipts', 'receipts'],
  ['throttled', 'throttled'],
  ['not_delivered', 'notDelivered'],
  ['receipt_ms', 'receiptMs'],
];

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
  readonly receipts: LoadTestReceipts;

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
    this.receipts = data.receipts;
  }

  /** The whole result as JSON text. */
  toJson(): string {
    return JSON.stringify(this, null, 2) + '\n';
  }

  /** The per-second series as CSV: a header line, then one line per second. */
  toCsv(): string {
    const lines = [CSV_COLUMNS.map(([name]) => name).join(',')];
    for (const row of this.series) lines.push(CSV_COLUMNS.map(([, key]) => String(row[key])).join(','));
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
  if (r.settings.receipts) lines.push(...receiptSummary(r.receipts));
  return lines.join('\n') + '\n';
}

/** The summary's receipt lines: final states, what is left over, and submit → receipt. */
export function receiptSummary(x: LoadTestReceipts): string[] {
  const states = Object.entries(x.states).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const counts = [...states.map(([k, v]) => `${k} ${v}`), `outstanding ${x.outstanding}`, `unmatched ${x.unmatched}`];
  if (x.notTracked > 0) counts.push(`not tracked ${x.notTracked}`);
  if (x.intermediate > 0) counts.push(`intermediate ${x.intermediate}`);
  const l = x.latency;
  return [
    `receipts: ${counts.join(' · ')}`,
    l.samples > 0
      ? `submit → receipt ms: p50 ${formatRoundTrip(l.p50)} · p90 ${formatRoundTrip(l.p90)} · p99 ${formatRoundTrip(l.p99)} · max ${formatRoundTrip(l.max)} (${l.samples} receipts)`
      : 'submit → receipt ms: no receipt matched',
  ];
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
/** Receipts kept that came before their submit_sm_resp; past it the oldest count as unmatched. */
const MAX_EARLY_RECEIPTS = 10_000;
/** Distinct receipt states counted; past it they count under OTHER. */
const MAX_STATES = 32;
/** After the last response, how long a run waits for late receipts by default, ms. */
export const DEFAULT_RECEIPT_WAIT_MS = 10_000;
/** Submits awaiting their receipt tracked at once by default. */
export const DEFAULT_MAX_OUTSTANDING_RECEIPTS = 100_000;
/** The stat word counted for a final receipt that carries no state. */
export const NO_STATE = 'NONE';

interface Message {
  shortMessage: Uint8Array;
  dataCoding: number;
}

/** A final receipt as read, before it is matched. */
interface ArrivedReceipt {
  /** The receipted_message_id, else the text's id. */
  id: string;
  /** The text's id when it differs from the receipted_message_id (read when needed). */
  textId: (() => string | undefined) | undefined;
  stat: string;
  /** When it was read. */
  at: number;
}

/** A final receipt that came before its submit_sm_resp. */
interface EarlyReceipt {
  at: number;
  stat: string;
}

/**
 * A message id as the run keys it: without spaces and trailing NULs; hex digits in lower case and
 * without leading zeros (000A3F and a3f are one id).
 */
export function messageIdKey(id: string): string {
  let s = id.trim();
  let e = s.length;
  while (e > 0 && s.charCodeAt(e - 1) === 0) e--;
  s = s.slice(0, e);
  if (!/^[0-9a-fA-F]+$/.test(s)) return s;
  return s.toLowerCase().replace(/^0+(?=.)/, '');
}

/**
 * How this SMSC's receipt ids relate to its submit_sm_resp ids: the same, the receipt's in
 * decimal of a hex submit id, or in hex of a decimal one (compareMessageIds' words).
 */
type IdRelation = 'same' | 'text-decimal-of-tlv-hex' | 'text-hex-of-tlv-decimal';

/** How a receipt's id key and a submit's relate under one reading: the other key and the relation. */
type IdReading = readonly [key: string, relation: IdRelation];

/** `key` read as a number in `from` and written in `to`; undefined when it has not the digits for it. */
function rebase(key: string, from: 10 | 16, to: 10 | 16): string | undefined {
  if (from === 10 ? !/^\d{1,30}$/.test(key) : !/^[0-9a-f]{1,24}$/.test(key)) return undefined;
  return BigInt(from === 10 ? key : '0x' + key).toString(to);
}

/** Adds a reading unless an earlier one names the same key (digits like 5 read alike every way). */
function addReading(out: IdReading[], key: string | undefined, relation: IdRelation): void {
  if (key !== undefined && !out.some(([k]) => k === key)) out.push([key, relation]);
}

/**
 * The keys a receipt's id may have been submitted under, as it is written first: its decimal
 * digits read as a number written in hex, its hex digits read as a number written in decimal.
 */
function submitKeysFor(receiptKey: string): IdReading[] {
  const out: IdReading[] = [[receiptKey, 'same']];
  addReading(out, rebase(receiptKey, 10, 16), 'text-decimal-of-tlv-hex');
  addReading(out, rebase(receiptKey, 16, 10), 'text-hex-of-tlv-decimal');
  return out;
}

/** The other way round: the keys a submit's receipt may write its id as, as it is written first. */
function receiptKeysFor(submitKey: string): IdReading[] {
  const out: IdReading[] = [[submitKey, 'same']];
  addReading(out, rebase(submitKey, 16, 10), 'text-decimal-of-tlv-hex');
  addReading(out, rebase(submitKey, 10, 16), 'text-hex-of-tlv-decimal');
  return out;
}

/** A receipt matched to a submit: the key of the other side, how they relate, and whether the match decides the base. */
interface IdMatch {
  key: string;
  relation: IdRelation;
  decides: boolean;
}

/**
 * Which reading of the id `key` (`readingsOf`) names an id `held`, given the relation learnt so
 * far. Once learnt, ids are read that way only (as written when they have not the digits for it):
 * a receipt whose id names another submit as written (hex 11 is decimal 17) goes to its own. Before,
 * the id as written goes first; a match that is the only one held and can only be read one way (hex
 * letters on either side) decides the relation for the rest of the run. `receiptFirst`: `key` is
 * the receipt's id, the readings submits'; else the other way round.
 */
function matchId(key: string, readingsOf: (key: string) => IdReading[], held: (k: string) => boolean, learnt: IdRelation | undefined, receiptFirst: boolean): IdMatch | undefined {
  // The usual cases without reading the id in other bases: the SMSC writes ids one way, or the
  // id as written is held and, without hex letters, could not decide anything.
  if (learnt === 'same') return held(key) ? { key, relation: learnt, decides: false } : undefined;
  if (learnt === undefined && !/[a-f]/.test(key) && held(key)) return { key, relation: 'same', decides: false };
  const readings = readingsOf(key);
  if (learnt !== undefined) {
    const [k, relation] = readings.find(([, r]) => r === learnt) ?? readings[0]!;
    return held(k) ? { key: k, relation, decides: false } : undefined;
  }
  const found = readings.filter(([k]) => held(k));
  if (found.length === 0) return undefined;
  const [k, relation] = found[0]!;
  // A reading in the other base is confirmed as the receipt's (text) id against the submit's.
  if (relation !== 'same' && compareMessageIds(receiptFirst ? key : k, receiptFirst ? k : key) !== relation) return undefined;
  return { key: k, relation, decides: found.length === 1 && /[a-f]/.test(key + k) };
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
  if (o.receiptWait !== undefined && !(Number.isFinite(o.receiptWait) && o.receiptWait >= 0 && o.receiptWait <= 86_400_000)) {
    throw new RangeError(`receiptWait must be 0..86400000 ms (a day at most), not ${o.receiptWait}`);
  }
  if (o.maxOutstandingReceipts !== undefined) int('maxOutstandingReceipts', o.maxOutstandingReceipts, 1, 10_000_000);
}

export class LoadTest extends EventEmitter<LoadTestEvents> {
  private readonly clock: Clock;
  /** performance.now() when no clock was given: round trips to the microsecond. */
  private readonly fineNow: (() => number) | undefined;
  private readonly to: AddressRange;
  private readonly from: AddressRange;
  private readonly fixed: Message | undefined;
  private readonly receipts: boolean;
  private readonly receiptWait: number;
  private readonly maxOutstandingReceipts: number;
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
  /**
   * Acknowledged submits awaiting their final receipt: message id key → when the submit was made
   * (fine clock when there is one). In submit order, so the first is the oldest.
   */
  private readonly awaitingReceipt = new Map<string, number>();
  /** Final receipts read and not matched yet, in the order they came. */
  private readonly arrived: ArrivedReceipt[] = [];
  /** Final receipts that came before their submit_sm_resp, by message id key, oldest first. */
  private readonly earlyReceipts = new Map<string, EarlyReceipt>();
  private readonly receiptLatencies: number[] = [];
  private readonly receiptStates: Record<string, number> = {};
  /** Per second, the sum of the submit → receipt of its receipts (for their mean). */
  private readonly receiptMsSums: number[] = [];
  private intermediateCount = 0;
  private unmatchedCount = 0;
  private notTrackedCount = 0;
  private idRelation: IdRelation | undefined;
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
    this.receiptWait = options.receiptWait ?? DEFAULT_RECEIPT_WAIT_MS;
    this.maxOutstandingReceipts = options.maxOutstandingReceipts ?? DEFAULT_MAX_OUTSTANDING_RECEIPTS;
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
      this.session.on('state', onState);
      this.detach.push(() => this.session.off('throttled', onThrottled), () => this.session.off('state', onState));
      for (const s of new Set([this.session, ...(this.options.receivers ?? [])])) {
        s.on('deliver', onDeliver);
        this.detach.push(() => s.off('deliver', onDeliver));
      }
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

  /**
   * Stops submitting; the run resolves once the messages in flight are answered. While it waits
   * for late receipts, it stops waiting: what has not come counts as outstanding.
   */
  cancel(): void {
    if (this.endedAt !== undefined || this.cancelled) return;
    this.cancelled = true;
    this.stop(this.waitingReceipts ? 'cancelled while waiting for late receipts' : 'cancelled');
  }

  /** Whether every submit is answered and the run waits for late receipts. */
  get waitingForReceipts(): boolean {
    return this.waitingReceipts;
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
        receiptWait: this.receipts ? this.receiptWait : 0,
        maxOutstandingReceipts: this.maxOutstandingReceipts,
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
      receipts: {
        asked: this.receipts,
        matched: this.receiptCount,
        intermediate: this.intermediateCount,
        outstanding: this.awaitingReceipt.size,
        unmatched: this.unmatchedCount + (this.endedAt !== undefined ? this.earlyReceipts.size : 0),
        notTracked: this.notTrackedCount,
        states: { ...this.receiptStates },
        latency: roundTripStats(this.receiptLatencies),
        waiting: this.waitingReceipts,
      },
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
          if (this.receipts) this.expectReceipt(String((r.pdu.body as { message_id?: unknown }).message_id ?? ''), fineAt ?? calledAt);
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
    if (this.waitingReceipts) {
      this.waitingReceipts = false;
      this.clock.clearTimeout(this.receiptTimer);
      this.receiptTimer = undefined;
    }
    this.checkDone();
  }

  private checkDone(): void {
    if (this.endedAt !== undefined || !this.finish || this.inFlight > 0) return;
    const allSubmitted = this.submitted >= this.options.count;
    if (!allSubmitted && !this.stopping) return;
    // Receipts read behind the last response count before the run decides to wait or to end.
    this.matchArrived();
    if (this.endedAt !== undefined) return;
    // Every submit is answered. Wait for missing receipts if asked (not after a cancel).
    const wait = this.receiptWait;
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

  /** A submit was accepted as `messageId`: its receipt is awaited from now (or came already). */
  private expectReceipt(messageId: string, submittedAt: number): void {
    const key = messageIdKey(messageId);
    if (key === '') return;
    if (this.earlyReceipts.size > 0) {
      // The receipt's id may be in the other base: look for the forms it could have, as a
      // receipt that comes after the response looks for its submit.
      const m = matchId(key, receiptKeysFor, (k) => this.earlyReceipts.has(k), this.idRelation, false);
      if (m !== undefined) {
        if (m.decides) this.idRelation = m.relation;
        const early = this.earlyReceipts.get(m.key)!;
        this.earlyReceipts.delete(m.key);
        this.countReceipt(early.at - submittedAt, early.stat);
        return;
      }
    }
    if (this.awaitingReceipt.size >= this.maxOutstandingReceipts) {
      // The oldest goes: it is counted, never silently lost.
      const oldest = this.awaitingReceipt.keys().next().value!;
      this.awaitingReceipt.delete(oldest);
      this.notTrackedCount++;
    }
    this.awaitingReceipt.delete(key);
    this.awaitingReceipt.set(key, submittedAt);
  }

  private onDeliver(pdu: WirePdu): void {
    const body = pdu.body as { esm_class?: number; short_message?: Uint8Array; data_coding?: number };
    const tlv = (name: string): unknown => pdu.tlvs.find((t) => t.name === name)?.value;
    const tlvId = tlv('receipted_message_id');
    const tlvState = tlv('message_state');
    const kind = (body.esm_class ?? 0) & 0x3c;
    // A receipt says so in esm_class (0x04 SMSC delivery receipt, 0x20 intermediate notification)
    // or carries receipted_message_id; anything else is a mobile-originated message.
    if (kind !== 0x04 && kind !== 0x20 && typeof tlvId !== 'string') return;
    // The text is read only when the TLVs do not say both the id and the state.
    const readText = (): Receipt | undefined => {
      const bytes = body.short_message && body.short_message.length > 0 ? body.short_message : tlv('message_payload');
      return bytes instanceof Uint8Array ? parseReceipt(decodeText(bytes, body.data_coding ?? 0, { dcs0: 'ascii' }).text) : undefined;
    };
    const tlvs: ReceiptTlvs = {};
    if (typeof tlvId === 'string') tlvs.receipted_message_id = tlvId;
    if (typeof tlvState === 'number') tlvs.message_state = tlvState;
    let text = tlvs.receipted_message_id && tlvs.message_state !== undefined ? undefined : readText();
    const r = reconcileReceipt(text, tlvs);
    if (r.id === undefined) return;
    const state = r.messageState;
    // ENROUTE (and SCHEDULED) say the message is on its way: they do not end it.
    if (kind === 0x20 || state === 1 || state === 0) {
      this.intermediateCount++;
      return;
    }
    const stat = state === undefined ? NO_STATE : (RECEIPT_STAT_BY_STATE[state] ?? `STATE_${state}`);
    const at = this.fineNow?.() ?? this.clock.now();
    // The text's id is tried when the TLV's matches nothing and it is written differently.
    const textId =
      r.idSource === 'tlv'
        ? (): string | undefined => {
            text ??= readText();
            return text?.id !== undefined && text.id !== r.id ? text.id : undefined;
          }
        : undefined;
    // Matched once the responses read before it are handled: the session settles a response's
    // promise as it reads it, which queues the job where the load test learns its message id, so
    // a job queued now runs after those. Receipts meet their submits in the order they came on
    // the wire, however the reads split the stream. At most one read's receipts wait here: each
    // has its job, and the end of the run matches what is left first.
    this.arrived.push({ id: r.id, textId, stat, at });
    queueMicrotask(() => {
      // The oldest, unless the end of the run matched them all already.
      const a = this.arrived.shift();
      if (a === undefined) return;
      this.matchReceipt(a);
      this.allReceiptsIn();
    });
  }

  /** Matches every receipt read and not matched yet (before the run waits or ends). */
  private matchArrived(): void {
    if (this.arrived.length === 0) return;
    for (const a of this.arrived.splice(0)) this.matchReceipt(a);
    this.allReceiptsIn();
  }

  /** Ends the wait for late receipts once none is awaited any more. */
  private allReceiptsIn(): void {
    if (this.waitingReceipts && this.awaitingReceipt.size === 0) {
      this.clock.clearTimeout(this.receiptTimer);
      this.receiptTimer = undefined;
      this.waitingReceipts = false;
      this.stopping = true;
      this.checkDone();
    }
  }

  private matchReceipt(a: ArrivedReceipt): void {
    // The TLV's id first, then the text's when it is written differently.
    let match = this.findSubmit(a.id, true);
    if (match === undefined && a.textId !== undefined) {
      const textId = a.textId();
      if (textId !== undefined) match = this.findSubmit(textId, false);
    }
    if (match !== undefined) {
      const submittedAt = this.awaitingReceipt.get(match)!;
      this.awaitingReceipt.delete(match);
      this.countReceipt(a.at - submittedAt, a.stat);
      return;
    }
    // No submit awaits it: its submit_sm_resp may still be on its way.
    const key = messageIdKey(a.id);
    if (this.inFlight > 0 && key !== '' && !this.earlyReceipts.has(key)) {
      if (this.earlyReceipts.size >= MAX_EARLY_RECEIPTS) {
        const oldest = this.earlyReceipts.keys().next().value!;
        this.earlyReceipts.delete(oldest);
        this.unmatchedCount++;
      }
      this.earlyReceipts.set(key, { at: a.at, stat: a.stat });
    } else {
      this.unmatchedCount++;
    }
  }

  /**
   * The key of the awaited submit a receipt id names, or undefined (see matchId). `primary`: the
   * id the receipt is kept under when it came early, the one the base is learnt from; the text's
   * id tried after a receipted_message_id that matched nothing is read every way and teaches nothing.
   */
  private findSubmit(id: string, primary: boolean): string | undefined {
    const key = messageIdKey(id);
    if (key === '') return undefined;
    const m = matchId(key, submitKeysFor, (k) => this.awaitingReceipt.has(k), primary ? this.idRelation : undefined, true);
    if (m === undefined) return undefined;
    if (primary && m.decides) this.idRelation = m.relation;
    return m.key;
  }

  /** A final receipt matched: counted in the second it is matched in (the series is in clock time). */
  private countReceipt(latency: number, stat: string): void {
    const row = this.row(this.clock.now());
    this.receiptCount++;
    row.receipts++;
    if (stat !== 'DELIVRD') row.notDelivered++;
    const ms = Math.max(0, Math.round(latency * 1000) / 1000);
    this.receiptLatencies.push(ms);
    this.receiptMsSums[row.second] = (this.receiptMsSums[row.second] ?? 0) + ms;
    const key = stat in this.receiptStates || Object.keys(this.receiptStates).length < MAX_STATES ? stat : 'OTHER';
    this.receiptStates[key] = (this.receiptStates[key] ?? 0) + 1;
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
    while (this.series.length <= second) this.series.push({ second: this.series.length, submitted: 0, acknowledged: 0, failed: 0, receipts: 0, throttled: 0, notDelivered: 0, receiptMs: 0 });
    return this.series[second]!;
  }

  /** The series up to `now`, seconds without events included as zeros. */
  private filledSeries(now: number): LoadTestSecond[] {
    if (this.started) this.row(Math.max(this.startedAt, now - 1));
    return this.series.map((r) => ({ ...r, receiptMs: r.receipts > 0 ? tenthOfMs((this.receiptMsSums[r.second] ?? 0) / r.receipts) : 0 }));
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
