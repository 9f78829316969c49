// The messages between the extension host and a load test panel's page: one discriminated union
// per direction (`type` on each), shared by both sides. The page says `ready` first (and again
// whenever it is rebuilt); the host answers with everything it has, then streams progress. Each
// side checks what it receives with the guards below and drops (and logs) anything that fails
// them. Imports only the guard helpers beside it.
import { bool, connectionName, int, isObj, keys, list, num, str } from './guards';

/** A short description of a rejected message for a log line: its type, if it has one, never its content. */
export { describeRejected as describeRejectedLoadMessage } from './guards';

/** What the host is doing around the run: before it, during it, after it. */
export type LoadPhase = 'running' | 'cancelling' | 'unbinding' | 'ended';
export type LoadSaveFormat = 'json' | 'csv';
export type LoadSaveOutcome = 'saved' | 'cancelled' | 'failed';

/** What the user asked for, and what the run uses. */
export interface LoadViewSettings {
  connection: string;
  count: number;
  /** Messages per second; 0 = as fast as the window allows. */
  rate: number;
  /** The window the run uses: the asked one, at most the session's. */
  window: number;
  /** The window the user asked for. */
  askedWindow: number;
  /** The session's own window (the connection file's `window`). */
  sessionWindow: number;
  to: string;
  from: string;
  /** The message, for people: `text "…" (GSM 7-bit, 28 characters)` or `generated, 160 characters`. */
  message: string;
  receipts: boolean;
  /** After the last response, the longest wait for late receipts, ms (0: none). */
  receiptWait: number;
  /** Whether the host unbinds the connection when the run ends. */
  unbindAtEnd: boolean;
}

/** One point of the chart: counts in [second, second + bucket), per second. */
export interface LoadViewSecond {
  second: number;
  submitted: number;
  acknowledged: number;
  failed: number;
  receipts: number;
  throttled: number;
  /** Final receipts whose state is not DELIVRD. */
  notDelivered: number;
}

export interface LoadViewThrottle {
  /** ms since the start. */
  at: number;
  status: string;
  /** The pause the session took, ms. */
  delay: number;
}

export interface LoadViewTotals {
  requested: number;
  submitted: number;
  acknowledged: number;
  failed: number;
  receipts: number;
  throttled: number;
  inFlight: number;
}

export interface LoadViewRtt {
  samples: number;
  min: number;
  mean: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

/** What the receipts said (all zeros when they were not asked for). */
export interface LoadViewReceipts {
  /** Final receipts matched to a submit. */
  matched: number;
  /** Intermediate notifications (ENROUTE): they do not end a message. */
  intermediate: number;
  /** Acknowledged submits still without a final receipt. */
  outstanding: number;
  /** Final receipts that matched no submit awaiting one. */
  unmatched: number;
  /** Submits dropped from tracking past the cap on outstanding receipts. */
  notTracked: number;
  /** Final receipts by stat word (DELIVRD, UNDELIV…), most first. */
  states: { state: string; count: number }[];
  /** Submit → final receipt, ms to 0.1 ms. */
  latency: LoadViewRtt;
  /** Every submit is answered and the run waits for late receipts. */
  waiting: boolean;
}

/** A load test result as the page receives it: bounded in size whatever the run's length. */
export interface LoadViewSnapshot {
  running: boolean;
  cancelled: boolean;
  /** Why submitting stopped before the count ('' when it did not). */
  stopReason: string;
  durationMs: number;
  totals: LoadViewTotals;
  achievedRate: number;
  rtt: LoadViewRtt;
  /** Failed submits by command_status name (or timeout / closed / not_bound / full), most first. */
  errors: { status: string; count: number }[];
  /** The latest throttling events, oldest first. */
  throttles: LoadViewThrottle[];
  /** Throttling events not in `throttles` (older ones). */
  throttlesOmitted: number;
  /** Seconds per point of `series` (1, or more for a long run). */
  bucketSeconds: number;
  series: LoadViewSecond[];
  receipts: LoadViewReceipts;
}

export type HostToLoadView =
  /** First answer to `ready`: the run's settings. */
  | { type: 'init'; settings: LoadViewSettings }
  /** What the host is doing; `message` says more (why it ended, that it is unbinding...). */
  | { type: 'phase'; phase: LoadPhase; message: string }
  /** Once a second while the run goes. */
  | { type: 'progress'; snapshot: LoadViewSnapshot }
  /** A throttling event as it happens (the next snapshot holds it too). */
  | { type: 'throttled'; event: LoadViewThrottle }
  /** The final result and the summary text. */
  | { type: 'done'; snapshot: LoadViewSnapshot; summary: string }
  /** The reply to `save`. */
  | { type: 'saveResult'; requestId: number; format: LoadSaveFormat; outcome: LoadSaveOutcome; message: string };

export type LoadViewToHost =
  | { type: 'ready' }
  /** Stop submitting; the run ends once what is in flight is answered. */
  | { type: 'cancel' }
  /** Save the final result (JSON: all of it; CSV: the per-second series). */
  | { type: 'save'; requestId: number; format: LoadSaveFormat }
  /** Something went wrong in the page; the host writes it to the SMPP log. */
  | { type: 'log'; level: 'info' | 'warn' | 'error'; message: string };

// ---------------------------------------------------------------------------------------------
// Limits
// ---------------------------------------------------------------------------------------------

/** Points in a snapshot's series: a longer run is sent in wider buckets. */
export const MAX_SERIES = 3600;
/** Throttling events in a snapshot. */
export const MAX_THROTTLES = 200;
/** Distinct error statuses in a snapshot. */
export const MAX_ERRORS = 64;
/** Distinct receipt states in a snapshot. */
export const MAX_RECEIPT_STATES = 32;
const MAX_ADDRESS = 64;
const MAX_STATUS = 64;
const MAX_MESSAGE = 4096;
const MAX_SUMMARY = 16_384;
const MAX_COUNT = 100_000_000;
const MAX_WINDOW = 100_000;
const MAX_RATE = 1_000_000;
/** A day, in ms. */
const MAX_RECEIPT_WAIT = 86_400_000;

const PHASES: ReadonlySet<string> = new Set<LoadPhase>(['running', 'cancelling', 'unbinding', 'ended']);
const FORMATS: ReadonlySet<string> = new Set<LoadSaveFormat>(['json', 'csv']);
const OUTCOMES: ReadonlySet<string> = new Set<LoadSaveOutcome>(['saved', 'cancelled', 'failed']);
const LEVELS: ReadonlySet<string> = new Set(['info', 'warn', 'error']);

// ---------------------------------------------------------------------------------------------
// Guards
// ---------------------------------------------------------------------------------------------

const SETTINGS_KEYS = ['connection', 'count', 'rate', 'window', 'askedWindow', 'sessionWindow', 'to', 'from', 'message', 'receipts', 'receiptWait', 'unbindAtEnd'] as const;

export function isLoadViewSettings(v: unknown): v is LoadViewSettings {
  return (
    isObj(v) &&
    keys(v, SETTINGS_KEYS) &&
    connectionName(v.connection) &&
    int(v.count, 1, MAX_COUNT) &&
    num(v.rate, 0, MAX_RATE) &&
    int(v.window, 1, MAX_WINDOW) &&
    int(v.askedWindow, 1, MAX_WINDOW) &&
    int(v.sessionWindow, 1, MAX_WINDOW) &&
    str(v.to, MAX_ADDRESS) &&
    str(v.from, MAX_ADDRESS) &&
    str(v.message, MAX_MESSAGE) &&
    bool(v.receipts) &&
    num(v.receiptWait, 0, MAX_RECEIPT_WAIT) &&
    bool(v.unbindAtEnd)
  );
}

const SECOND_KEYS = ['second', 'submitted', 'acknowledged', 'failed', 'receipts', 'throttled', 'notDelivered'] as const;

export function isLoadViewSecond(v: unknown): v is LoadViewSecond {
  if (!isObj(v) || !keys(v, SECOND_KEYS)) return false;
  return (
    int(v.second, 0, Number.MAX_SAFE_INTEGER) &&
    num(v.submitted, 0) &&
    num(v.acknowledged, 0) &&
    num(v.failed, 0) &&
    num(v.receipts, 0) &&
    num(v.throttled, 0) &&
    num(v.notDelivered, 0)
  );
}

export function isLoadViewThrottle(v: unknown): v is LoadViewThrottle {
  return isObj(v) && keys(v, ['at', 'status', 'delay']) && num(v.at, 0) && str(v.status, MAX_STATUS) && num(v.delay, 0);
}

function isErrorCount(v: unknown): v is { status: string; count: number } {
  return isObj(v) && keys(v, ['status', 'count']) && str(v.status, MAX_STATUS) && int(v.count, 1, Number.MAX_SAFE_INTEGER);
}

const TOTALS_KEYS = ['requested', 'submitted', 'acknowledged', 'failed', 'receipts', 'throttled', 'inFlight'] as const;
const RTT_KEYS = ['samples', 'min', 'mean', 'p50', 'p90', 'p99', 'max'] as const;
const RECEIPT_COUNT_KEYS = ['matched', 'intermediate', 'outstanding', 'unmatched', 'notTracked'] as const;
const SNAPSHOT_KEYS = ['running', 'cancelled', 'stopReason', 'durationMs', 'totals', 'achievedRate', 'rtt', 'errors', 'throttles', 'throttlesOmitted', 'bucketSeconds', 'series', 'receipts'] as const;

function isRtt(r: unknown): r is LoadViewRtt {
  return isObj(r) && keys(r, RTT_KEYS) && int(r.samples, 0, Number.MAX_SAFE_INTEGER) && RTT_KEYS.every((k) => num(r[k], 0));
}

function isStateCount(v: unknown): v is { state: string; count: number } {
  return isObj(v) && keys(v, ['state', 'count']) && str(v.state, MAX_STATUS) && int(v.count, 1, Number.MAX_SAFE_INTEGER);
}

export function isLoadViewReceipts(v: unknown): v is LoadViewReceipts {
  if (!isObj(v) || !keys(v, [...RECEIPT_COUNT_KEYS, 'states', 'latency', 'waiting'])) return false;
  return RECEIPT_COUNT_KEYS.every((k) => int(v[k], 0, Number.MAX_SAFE_INTEGER)) && list(v.states, MAX_RECEIPT_STATES, isStateCount) && isRtt(v.latency) && bool(v.waiting);
}

export function isLoadViewSnapshot(v: unknown): v is LoadViewSnapshot {
  if (!isObj(v) || !keys(v, SNAPSHOT_KEYS)) return false;
  if (!bool(v.running) || !bool(v.cancelled) || !str(v.stopReason, MAX_MESSAGE) || !num(v.durationMs, 0) || !num(v.achievedRate, 0)) return false;
  const t = v.totals;
  if (!isObj(t) || !keys(t, TOTALS_KEYS) || !TOTALS_KEYS.every((k) => int(t[k], 0, Number.MAX_SAFE_INTEGER))) return false;
  if (!isRtt(v.rtt) || !isLoadViewReceipts(v.receipts)) return false;
  if (!list(v.errors, MAX_ERRORS, isErrorCount)) return false;
  if (!list(v.throttles, MAX_THROTTLES, isLoadViewThrottle) || !int(v.throttlesOmitted, 0, Number.MAX_SAFE_INTEGER)) return false;
  return int(v.bucketSeconds, 1, Number.MAX_SAFE_INTEGER) && list(v.series, MAX_SERIES, isLoadViewSecond);
}

export function isHostToLoadView(v: unknown): v is HostToLoadView {
  if (!isObj(v)) return false;
  switch (v.type) {
    case 'init':
      return keys(v, ['type', 'settings']) && isLoadViewSettings(v.settings);
    case 'phase':
      return keys(v, ['type', 'phase', 'message']) && typeof v.phase === 'string' && PHASES.has(v.phase) && str(v.message, MAX_MESSAGE);
    case 'progress':
      return keys(v, ['type', 'snapshot']) && isLoadViewSnapshot(v.snapshot);
    case 'throttled':
      return keys(v, ['type', 'event']) && isLoadViewThrottle(v.event);
    case 'done':
      return keys(v, ['type', 'snapshot', 'summary']) && isLoadViewSnapshot(v.snapshot) && str(v.summary, MAX_SUMMARY);
    case 'saveResult':
      return (
        keys(v, ['type', 'requestId', 'format', 'outcome', 'message']) &&
        int(v.requestId, 0, Number.MAX_SAFE_INTEGER) &&
        typeof v.format === 'string' &&
        FORMATS.has(v.format) &&
        typeof v.outcome === 'string' &&
        OUTCOMES.has(v.outcome) &&
        str(v.message, MAX_MESSAGE)
      );
    default:
      return false;
  }
}

export function isLoadViewToHost(v: unknown): v is LoadViewToHost {
  if (!isObj(v)) return false;
  switch (v.type) {
    case 'ready':
    case 'cancel':
      return keys(v, ['type']);
    case 'save':
      return keys(v, ['type', 'requestId', 'format']) && int(v.requestId, 0, Number.MAX_SAFE_INTEGER) && typeof v.format === 'string' && FORMATS.has(v.format);
    case 'log':
      return keys(v, ['type', 'level', 'message']) && typeof v.level === 'string' && LEVELS.has(v.level) && str(v.message, MAX_MESSAGE);
    default:
      return false;
  }
}
