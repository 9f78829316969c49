// The load test page's words and numbers, without the DOM: the run's state, the status line, the
// settings line, the receipts line, durations, counts and round trips.
import type { LoadPhase, LoadViewReceipts, LoadViewSettings, LoadViewSnapshot } from '../../src/shared/loadTestMessages';

export type RunState = 'starting' | 'running' | 'cancelling' | 'cancelled' | 'stopped' | 'done';

/** What the run is: from the last snapshot (`final` once the host sent the result) and the host's phase. */
export function runState(snapshot: LoadViewSnapshot | undefined, final: boolean, phase: LoadPhase): RunState {
  if (final && snapshot) return snapshot.cancelled ? 'cancelled' : snapshot.stopReason ? 'stopped' : 'done';
  if (phase === 'cancelling') return 'cancelling';
  if (phase === 'ended') return 'stopped';
  return snapshot ? 'running' : 'starting';
}

export function formatCount(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** `0.4 s`, `12.3 s`, `2 min 05 s`, `1 h 02 min`. */
export function formatDuration(ms: number): string {
  const s = Math.max(0, ms) / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  const whole = Math.floor(s);
  const p = (n: number): string => String(n).padStart(2, '0');
  if (whole < 3600) return `${Math.floor(whole / 60)} min ${p(whole % 60)} s`;
  return `${Math.floor(whole / 3600)} h ${p(Math.floor((whole % 3600) / 60))} min`;
}

/** A time since the start, in seconds to a tenth: `0.3 s`, `83.0 s` (the throttling list, sortable by eye). */
export function formatSeconds(ms: number): string {
  return `${(Math.max(0, ms) / 1000).toFixed(1)} s`;
}

/** A round trip or a pause: ms (whole numbers as they are, others to a tenth), seconds from 10 s. */
/** A round trip as the load test measures it, to 0.1 ms (`0.4 ms`, `3.0 ms`); from 10 s on, in s. */
export function formatMs(ms: number): string {
  if (ms >= 10_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${ms.toFixed(1)} ms`;
}

export function rateText(rate: number): string {
  return rate === 0 ? 'as fast as the window allows' : `${rate} msg/s`;
}

/** `running · 12.3 s · in flight 10`, then what the host says (`unbound`, `still bound_trx`). */
export function statusLine(state: RunState, snapshot: LoadViewSnapshot | undefined, phaseMessage: string): string {
  const parts: string[] = [state];
  if (snapshot) parts.push(formatDuration(snapshot.durationMs), `in flight ${formatCount(snapshot.totals.inFlight)}`);
  if (snapshot?.receipts.waiting && state === 'running') parts.push(`waiting for ${formatCount(snapshot.receipts.outstanding)} late receipt${snapshot.receipts.outstanding === 1 ? '' : 's'}`);
  if (snapshot?.stopReason && state === 'stopped') parts.push(snapshot.stopReason);
  if (phaseMessage && state !== 'cancelling') parts.push(phaseMessage);
  return parts.join(' · ');
}

/** `1,000 messages · as fast as the window allows · window 10 · to A-B · from X · text "…" · receipts`. */
export function settingsLine(s: LoadViewSettings): string {
  return [
    `${formatCount(s.count)} message${s.count === 1 ? '' : 's'}`,
    rateText(s.rate),
    `window ${s.window}`,
    `to ${s.to}`,
    s.from ? `from ${s.from}` : 'no source address',
    s.message,
    s.receipts
      ? `delivery receipts requested${s.receiptWait > 0 ? ` (waits up to ${formatDuration(s.receiptWait)} for late ones)` : ''}`
      : 'no delivery receipts (not a transceiver bind, and no receiver bound beside it)',
    s.unbindAtEnd ? 'unbinds at the end' : '',
  ]
    .filter((p) => p !== '')
    .join(' · ');
}

/**
 * The receipts in one line, under the chart: final states most first, then what is left over:
 * `receipts: DELIVRD 297 · UNDELIV 3 · outstanding 90 · unmatched 0`.
 */
export function receiptsLine(r: LoadViewReceipts): string {
  const parts = r.states.map((s) => `${s.state} ${formatCount(s.count)}`);
  if (parts.length === 0) parts.push('none matched yet');
  parts.push(`outstanding ${formatCount(r.outstanding)}`, `unmatched ${formatCount(r.unmatched)}`);
  if (r.notTracked > 0) parts.push(`not tracked ${formatCount(r.notTracked)}`);
  if (r.intermediate > 0) parts.push(`intermediate ${formatCount(r.intermediate)}`);
  if (r.waiting) parts.push('waiting for late receipts…');
  return `receipts: ${parts.join(' · ')}`;
}

/** Said when the run uses a smaller window than asked. */
export function windowNotice(s: LoadViewSettings): string | undefined {
  if (s.askedWindow <= s.window) return undefined;
  return `Window ${s.window}, not the ${s.askedWindow} asked: the session's own window is ${s.sessionWindow} (the connection's "window"), and a session never has more requests outstanding. Raise "window" in the connection file to go further.`;
}

/** `12.5 %` of `of` (nothing when `of` is 0). */
export function share(n: number, of: number): string {
  if (!(of > 0)) return '';
  return `${((n / of) * 100).toFixed(n === of || n === 0 ? 0 : 1)} %`;
}
