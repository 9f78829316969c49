// The load test chart's geometry: nice ticks, the scales, one step line per series, throttling
// markers grouped by pixel column, and the page's words (state, status line, settings line).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LoadViewSecond } from '../../../src/shared/loadTestMessages';
import { MARGIN, MIN_SECONDS, chartGeometry, countLabel, niceStep, ticksUpTo, timeLabel, timeStep } from '../../../webview/loadtest/chart';
import { formatDuration, formatMs, formatSeconds, receiptsLine, runState, settingsLine, share, statusLine, windowNotice } from '../../../webview/loadtest/format';
import { viewSettings, viewSnapshot } from './support';

function rows(values: ([number, number, number] | [number, number, number, number])[]): LoadViewSecond[] {
  return values.map(([submitted, acknowledged, receipts, notDelivered = 0], second) => ({ second, submitted, acknowledged, failed: 0, receipts, throttled: 0, notDelivered }));
}

/** The points of a polyline as numbers. */
function points(s: string): [number, number][] {
  return s === '' ? [] : s.split(' ').map((p) => p.split(',').map(Number) as [number, number]);
}

describe('chart ticks', () => {
  it('niceStep takes 1, 2 or 5 times a power of ten', () => {
    assert.deepEqual([0.3, 1, 1.2, 3, 7, 12, 45, 180, 999, 1001].map(niceStep), [0.5, 1, 2, 5, 10, 20, 50, 200, 1000, 2000]);
    assert.equal(niceStep(0), 1);
    assert.equal(niceStep(Number.NaN), 1);
    assert.equal(niceStep(Infinity), 1);
  });

  it('timeStep reads as time: seconds, then minutes, then hours', () => {
    assert.deepEqual([0.5, 3, 11, 20, 45, 61, 200, 700, 2000, 4000].map(timeStep), [1, 5, 15, 30, 60, 120, 300, 900, 3600, 7200]);
  });

  it('ticksUpTo covers the maximum in whole steps, without float noise', () => {
    assert.deepEqual(ticksUpTo(10, 2), [0, 2, 4, 6, 8, 10]);
    assert.deepEqual(ticksUpTo(10.5, 2), [0, 2, 4, 6, 8, 10, 12]);
    assert.deepEqual(ticksUpTo(0, 5), [0, 5]);
    assert.deepEqual(ticksUpTo(0.6, 0.2), [0, 0.2, 0.4, 0.6]);
  });

  it('labels times by the axis length, and counts short', () => {
    assert.equal(timeLabel(45, 60), '45 s');
    assert.equal(timeLabel(90, 300), '1:30');
    assert.equal(timeLabel(3723, 7200), '1:02:03');
    assert.deepEqual([0, 0.5, 950, 1500, 12_000, 250_000, 2_000_000, 1_500_000].map(countLabel), ['0', '0.5', '950', '1.5k', '12k', '250k', '2M', '1.5M']);
  });
});

describe('chart geometry', () => {
  const size = { width: 600, height: 280 };

  it('fits the plot inside the margins', () => {
    const g = chartGeometry({ series: [], bucketSeconds: 1, throttles: [], durationMs: 0, ...size });
    assert.deepEqual(g.plot, { left: MARGIN.left, top: MARGIN.top, width: 600 - MARGIN.left - MARGIN.right, height: 280 - MARGIN.top - MARGIN.bottom });
  });

  it('with no data: axes over the minimum span, no points', () => {
    const g = chartGeometry({ series: [], bucketSeconds: 1, throttles: [], durationMs: 0, ...size });
    assert.ok(g.xMax >= MIN_SECONDS);
    assert.equal(g.yMax, 1);
    assert.deepEqual(
      g.lines.map((l) => l.count),
      [0, 0, 0, 0],
    );
    assert.equal(g.markers.length, 0);
    assert.equal(g.xTicks[0]!.at, g.plot.left);
    assert.equal(g.yTicks[0]!.at, g.plot.top + g.plot.height);
  });

  it('draws one step line per series, two points a second, on the scales', () => {
    const series = rows([
      [100, 90, 0],
      [100, 100, 50, 5],
      [40, 50, 100, 2],
    ]);
    const g = chartGeometry({ series, bucketSeconds: 1, throttles: [], durationMs: 3000, ...size });
    assert.deepEqual(
      g.lines.map((l) => [l.key, l.count, l.max]),
      [
        ['submitted', 6, 100],
        ['acknowledged', 6, 100],
        ['receipts', 6, 100],
        ['notDelivered', 6, 5],
      ],
    );
    assert.ok(g.yMax > 100, 'room above the highest value');
    const { left, top, width, height } = g.plot;
    const x = (s: number): number => Math.round((left + (s / g.xMax) * width) * 10) / 10;
    const y = (v: number): number => Math.round((top + height - (v / g.yMax) * height) * 10) / 10;
    const submitted = points(g.lines[0]!.points);
    assert.deepEqual(submitted, [
      [x(0), y(100)],
      [x(1), y(100)],
      [x(1), y(100)],
      [x(2), y(100)],
      [x(2), y(40)],
      [x(3), y(40)],
    ]);
    // Every point inside the plot.
    for (const line of g.lines) {
      for (const [px, py] of points(line.points)) {
        assert.ok(px >= left && px <= left + width, `x ${px}`);
        assert.ok(py >= top && py <= top + height, `y ${py}`);
      }
    }
  });

  it('leaves room above the highest value, in whole 1-2-5 steps', () => {
    for (const top of [1, 7, 40, 50, 200, 999, 1000, 12_345]) {
      const g = chartGeometry({ series: rows([[top, top, 0]]), bucketSeconds: 1, throttles: [], durationMs: 1000, ...size });
      assert.ok(g.yMax >= top * 1.05, `${top}: axis up to ${g.yMax}`);
      assert.ok(g.yMax <= top * 2.2 + 2, `${top}: axis up to ${g.yMax}`);
      const step = g.yTicks[1]!.value - g.yTicks[0]!.value;
      assert.ok([1, 2, 5].includes(step / 10 ** Math.floor(Math.log10(step))), `${top}: step ${step}`);
      const y = points(g.lines[0]!.points)[0]![1];
      assert.ok(y > g.plot.top, `${top}: the line is below the top edge`);
    }
  });

  it('a one-second run still draws a line', () => {
    const g = chartGeometry({ series: rows([[200, 200, 0]]), bucketSeconds: 1, throttles: [], durationMs: 400, ...size });
    const [a, b] = points(g.lines[0]!.points);
    assert.ok(b![0] > a![0]);
    assert.equal(a![1], b![1]);
  });

  it('draws only the series asked for', () => {
    const g = chartGeometry({ series: rows([[1, 1, 1]]), bucketSeconds: 1, throttles: [], durationMs: 1000, keys: ['submitted', 'acknowledged'], ...size });
    assert.deepEqual(
      g.lines.map((l) => l.key),
      ['submitted', 'acknowledged'],
    );
  });

  it('the x axis covers the data, the duration, and ends on a tick', () => {
    const g = chartGeometry({ series: rows(Array.from({ length: 73 }, () => [1, 1, 1] as [number, number, number])), bucketSeconds: 1, throttles: [], durationMs: 80_500, ...size });
    assert.ok(g.xMax >= 80.5);
    assert.equal(g.xTicks[g.xTicks.length - 1]!.value, g.xMax);
    const steps = g.xTicks.slice(1).map((t, i) => t.value - g.xTicks[i]!.value);
    assert.ok(steps.every((s) => s === steps[0]));
    assert.ok(g.xTicks.length <= 12);
    assert.ok(g.yTicks.length <= 12);
  });

  it('wide buckets (a long run) advance by the bucket', () => {
    const series = [0, 10, 20].map((second) => ({ second, submitted: 5, acknowledged: 5, failed: 0, receipts: 0, throttled: 0, notDelivered: 0 }));
    const g = chartGeometry({ series, bucketSeconds: 10, throttles: [], durationMs: 30_000, ...size });
    assert.equal(g.xMax >= 30, true);
    const xs = points(g.lines[0]!.points).map(([px]) => px);
    const { left, width } = g.plot;
    assert.equal(xs[1], Math.round((left + (10 / g.xMax) * width) * 10) / 10);
  });

  it('groups throttling markers by pixel column, in order', () => {
    const throttles = [{ at: 1000 }, { at: 1001 }, { at: 1002 }, { at: 4000 }, { at: 2500 }];
    const g = chartGeometry({ series: rows([[1, 1, 0]]), bucketSeconds: 1, throttles, durationMs: 5000, ...size });
    assert.deepEqual(
      g.markers.map((m) => [m.count, m.second]),
      [
        [3, 1],
        [1, 2.5],
        [1, 4],
      ],
    );
    assert.ok(g.markers.every((m, i) => i === 0 || m.x > g.markers[i - 1]!.x));
  });

  it('a tiny size still gives a usable plot', () => {
    const g = chartGeometry({ series: rows([[1, 1, 1]]), bucketSeconds: 1, throttles: [], durationMs: 1000, width: 10, height: 10 });
    assert.ok(g.plot.width > 0 && g.plot.height > 0);
  });
});

describe('the page words', () => {
  /** Cancelled after 3.2 s, nothing left in flight. */
  const snapshot = viewSnapshot({ running: false, cancelled: true, stopReason: 'cancelled', durationMs: 3200, totals: { ...viewSnapshot().totals, inFlight: 0 } });

  it('the run state', () => {
    assert.equal(runState(undefined, false, 'running'), 'starting');
    assert.equal(runState({ ...snapshot, running: true, cancelled: false, stopReason: '' }, false, 'running'), 'running');
    assert.equal(runState({ ...snapshot, running: true }, false, 'cancelling'), 'cancelling');
    assert.equal(runState(snapshot, true, 'unbinding'), 'cancelled');
    assert.equal(runState({ ...snapshot, cancelled: false, stopReason: 'the session closed' }, true, 'ended'), 'stopped');
    assert.equal(runState({ ...snapshot, cancelled: false, stopReason: '' }, true, 'ended'), 'done');
  });

  it('the status line', () => {
    assert.equal(statusLine('cancelled', snapshot, 'unbound'), 'cancelled · 3.2 s · in flight 0 · unbound');
    assert.equal(statusLine('starting', undefined, ''), 'starting');
    assert.equal(statusLine('stopped', { ...snapshot, cancelled: false, stopReason: 'the session is closed' }, ''), 'stopped · 3.2 s · in flight 0 · the session is closed');
    const waiting = viewSnapshot({ totals: { ...viewSnapshot().totals, inFlight: 0 }, receipts: { ...viewSnapshot().receipts, outstanding: 90, waiting: true } });
    assert.equal(statusLine('running', waiting, ''), 'running · 2.5 s · in flight 0 · waiting for 90 late receipts');
  });

  it('the receipts line', () => {
    const r = viewSnapshot().receipts;
    assert.equal(receiptsLine(r), 'receipts: DELIVRD 297 · UNDELIV 3 · outstanding 90 · unmatched 0');
    assert.equal(
      receiptsLine({ ...r, states: [], outstanding: 1_200, unmatched: 2, notTracked: 7, intermediate: 40, waiting: true }),
      'receipts: none matched yet · outstanding 1,200 · unmatched 2 · not tracked 7 · intermediate 40 · waiting for late receipts…',
    );
  });

  it('durations, round trips and shares', () => {
    assert.deepEqual([0, 400, 12_340, 125_000, 3_720_000].map(formatDuration), ['0.0 s', '0.4 s', '12.3 s', '2 min 05 s', '1 h 02 min']);
    assert.deepEqual([0, 300, 83_000, -5].map(formatSeconds), ['0.0 s', '0.3 s', '83.0 s', '0.0 s']);
    assert.equal(formatMs(3), '3.0 ms');
    assert.equal(formatMs(3.25), '3.3 ms');
    assert.equal(formatMs(0.04), '0.0 ms');
    assert.equal(formatMs(0.4), '0.4 ms');
    assert.equal(formatMs(9999), '9999.0 ms');
    assert.equal(formatMs(12_345.5), '12.3 s');
    assert.equal(share(1, 8), '12.5 %');
    assert.equal(share(8, 8), '100 %');
    assert.equal(share(0, 200), '0 %');
    assert.equal(share(0, 0), '');
  });

  const settings = viewSettings();

  it('the settings line', () => {
    assert.equal(
      settingsLine(settings),
      '1,000 messages · as fast as the window allows · window 10 · to 447700900000-447700900999 · no source address · generated, 160 characters (GSM-7) · delivery receipts requested (waits up to 10.0 s for late ones) · unbinds at the end',
    );
    assert.match(settingsLine({ ...settings, count: 1, rate: 2.5, from: 'LoadTest', receipts: false, unbindAtEnd: false }), /^1 message · 2\.5 msg\/s · .* from LoadTest · .* no delivery receipts/);
  });

  it('says when the window is smaller than asked, and only then', () => {
    assert.match(windowNotice(settings) ?? '', /^Window 10, not the 50 asked: the session's own window is 10/);
    assert.equal(windowNotice({ ...settings, askedWindow: 10 }), undefined);
  });
});
