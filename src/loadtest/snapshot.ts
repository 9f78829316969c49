// A load test result as the panel's page receives it, and as the SMPP log gets it: bounded in size
// whatever the run's length (a long run's series goes in wider buckets, only the latest throttling
// events go), with nothing in it but counts, times, status names and addresses. No `vscode`.
import type { LoadTestData, LoadTestSecond } from '../smpp/loadtest';
import { MAX_ERRORS, MAX_RECEIPT_STATES, MAX_SERIES, MAX_THROTTLES, type LoadViewReceipts, type LoadViewSecond, type LoadViewSnapshot } from '../shared/loadTestMessages';

/**
 * The per-second series in at most `maxPoints` points: each point covers `bucketSeconds` seconds
 * and holds the per-second average over the seconds it covers (so the chart's scale stays
 * "per second" whatever the bucket).
 */
export function downsampleSeries(series: readonly LoadTestSecond[], maxPoints = MAX_SERIES): { bucketSeconds: number; series: LoadViewSecond[] } {
  const copy = (r: LoadTestSecond): LoadViewSecond => ({
    second: r.second,
    submitted: r.submitted,
    acknowledged: r.acknowledged,
    failed: r.failed,
    receipts: r.receipts,
    throttled: r.throttled,
    notDelivered: r.notDelivered,
  });
  if (series.length <= maxPoints) return { bucketSeconds: 1, series: series.map(copy) };
  const bucketSeconds = Math.ceil(series.length / Math.max(1, maxPoints));
  const out: LoadViewSecond[] = [];
  for (let start = 0; start < series.length; start += bucketSeconds) {
    const rows = series.slice(start, start + bucketSeconds);
    const avg = (k: keyof Omit<LoadViewSecond, 'second'>): number => rows.reduce((s, r) => s + r[k], 0) / rows.length;
    out.push({
      second: start,
      submitted: avg('submitted'),
      acknowledged: avg('acknowledged'),
      failed: avg('failed'),
      receipts: avg('receipts'),
      throttled: avg('throttled'),
      notDelivered: avg('notDelivered'),
    });
  }
  return { bucketSeconds, series: out };
}

/** The receipts as the page gets them: the states most first, at most MAX_RECEIPT_STATES. */
export function toViewReceipts(r: LoadTestData['receipts']): LoadViewReceipts {
  const states = Object.entries(r.states)
    .filter(([, count]) => count > 0)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, MAX_RECEIPT_STATES)
    .map(([state, count]) => ({ state: state.slice(0, 64), count }));
  return { matched: r.matched, intermediate: r.intermediate, outstanding: r.outstanding, unmatched: r.unmatched, notTracked: r.notTracked, states, latency: { ...r.latency }, waiting: r.waiting };
}

/** The page's copy of a result (a live snapshot or the final one). */
export function toViewSnapshot(r: LoadTestData): LoadViewSnapshot {
  const errors = Object.entries(r.errors)
    .filter(([, count]) => count > 0)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, MAX_ERRORS)
    .map(([status, count]) => ({ status: status.slice(0, 64), count }));
  const throttles = r.throttles.slice(-MAX_THROTTLES).map((t) => ({ at: t.at, status: t.status.slice(0, 64), delay: t.delay }));
  const { bucketSeconds, series } = downsampleSeries(r.series);
  const t = r.totals;
  return {
    running: r.running,
    cancelled: r.cancelled,
    stopReason: (r.stopReason ?? '').slice(0, 4096),
    durationMs: Math.max(0, r.durationMs),
    totals: { requested: t.requested, submitted: t.submitted, acknowledged: t.acknowledged, failed: t.failed, receipts: t.receipts, throttled: t.throttled, inFlight: t.inFlight },
    achievedRate: r.achievedRate,
    rtt: { ...r.rtt },
    errors,
    throttles,
    // The run keeps at most 10 000 events but counts every one.
    throttlesOmitted: Math.max(0, t.throttled - throttles.length),
    bucketSeconds,
    series,
    receipts: toViewReceipts(r.receipts),
  };
}

/** One line for the SMPP log: the summary's lines joined. */
export function oneLineSummary(connection: string, summary: string): string {
  return `${connection}: load test ${summary.trim().split('\n').join('; ')}`;
}
