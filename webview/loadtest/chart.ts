// The load test chart's geometry, without the DOM: the plot area, nice ticks on both axes, one
// step line per series (submitted, acknowledged, receipts, receipts not DELIVRD per second: each point holds for the
// second it counts, so a one-second run still draws a line), and the throttling markers grouped by
// pixel column. The page turns this into SVG elements; the unit tests read it as numbers.
import type { LoadViewSecond } from '../../src/shared/loadTestMessages';

export type SeriesKey = 'submitted' | 'acknowledged' | 'receipts' | 'notDelivered';

export const SERIES: readonly { key: SeriesKey; label: string }[] = [
  { key: 'submitted', label: 'submitted' },
  { key: 'acknowledged', label: 'acknowledged' },
  { key: 'receipts', label: 'receipts' },
  { key: 'notDelivered', label: 'receipts not DELIVRD' },
];

/** The series that come from receipts: drawn only when receipts were asked for. */
export const RECEIPT_SERIES: ReadonlySet<SeriesKey> = new Set(['receipts', 'notDelivered']);

export interface ChartInput {
  series: readonly LoadViewSecond[];
  /** Seconds per point of `series`. */
  bucketSeconds: number;
  /** Throttling events, `at` in ms since the start. */
  throttles: readonly { at: number }[];
  /** The run so far, ms: the x axis covers at least this. */
  durationMs: number;
  /** Which series to draw (receipts only when they were asked for). */
  keys?: readonly SeriesKey[];
  width: number;
  height: number;
}

export interface Plot {
  left: number;
  top: number;
  width: number;
  height: number;
}

export interface Tick {
  /** Pixel position along the axis (x for the time axis, y for the count axis). */
  at: number;
  value: number;
  label: string;
}

export interface Line {
  key: SeriesKey;
  /** SVG polyline points: `x,y x,y …`. */
  points: string;
  /** How many points `points` holds. */
  count: number;
  /** The largest value of the series. */
  max: number;
}

export interface Marker {
  x: number;
  /** Throttling events in this pixel column. */
  count: number;
  /** Seconds since the start of the first event in the column. */
  second: number;
}

export interface ChartGeometry {
  plot: Plot;
  /** The axes' ends: seconds, and messages per second. */
  xMax: number;
  yMax: number;
  xTicks: Tick[];
  yTicks: Tick[];
  lines: Line[];
  markers: Marker[];
}

/** Room around the plot for the labels: left for the counts, bottom for the times, top for the markers. */
export const MARGIN = { left: 52, right: 14, top: 14, bottom: 26 } as const;
/** The x axis spans at least this many seconds, so a short run is not stretched across the page. */
export const MIN_SECONDS = 5;
/** The count axis reaches at least this fraction above the highest value. */
export const HEADROOM = 0.05;

const round1 = (v: number): number => Math.round(v * 10) / 10;

/** 1, 2 or 5 times a power of ten: the smallest such step ≥ `raw`. */
export function niceStep(raw: number): number {
  if (!(raw > 0) || !Number.isFinite(raw)) return 1;
  const power = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5, 10]) if (m * power >= raw * (1 - 1e-9)) return m * power;
  return 10 * power;
}

/** Steps that read as times: seconds, minutes, hours. */
const TIME_STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10_800, 21_600, 43_200, 86_400];

export function timeStep(raw: number): number {
  for (const s of TIME_STEPS) if (s >= raw) return s;
  return niceStep(raw / 86_400) * 86_400;
}

/** Ticks 0, step, 2·step … up to the first multiple of step ≥ max (at least one step). */
export function ticksUpTo(max: number, step: number): number[] {
  const n = Math.max(1, Math.ceil(max / step - 1e-9));
  return Array.from({ length: n + 1 }, (_, i) => Math.round(i * step * 1e6) / 1e6);
}

/** `0 s`, `45 s`; `1:30` past a minute; `1:02:03` past an hour. */
export function timeLabel(seconds: number, axisMax: number): string {
  const s = Math.round(seconds);
  if (axisMax < 120) return `${s} s`;
  const p = (n: number): string => String(n).padStart(2, '0');
  if (axisMax < 3600) return `${Math.floor(s / 60)}:${p(s % 60)}`;
  return `${Math.floor(s / 3600)}:${p(Math.floor((s % 3600) / 60))}:${p(s % 60)}`;
}

/** `950`, `1.5k`, `12k`, `2M`: short labels for the count axis. */
export function countLabel(v: number): string {
  const trim = (x: number): string => (Number.isInteger(x) ? String(x) : x.toFixed(1).replace(/\.0$/, ''));
  if (v >= 1e6) return `${trim(Math.round(v / 1e5) / 10)}M`;
  if (v >= 1e4) return `${trim(Math.round(v / 1e3))}k`;
  if (v >= 1e3) return `${trim(Math.round(v / 1e2) / 10)}k`;
  return trim(Math.round(v * 10) / 10);
}

export function chartGeometry(input: ChartInput): ChartGeometry {
  const bucket = Math.max(1, input.bucketSeconds);
  const keys = input.keys ?? SERIES.map((s) => s.key);
  const width = Math.max(MARGIN.left + MARGIN.right + 40, input.width);
  const height = Math.max(MARGIN.top + MARGIN.bottom + 40, input.height);
  const plot: Plot = { left: MARGIN.left, top: MARGIN.top, width: width - MARGIN.left - MARGIN.right, height: height - MARGIN.top - MARGIN.bottom };

  // Time axis: the data's end or the run's duration, whichever is later, in whole time steps.
  const dataEnd = input.series.reduce((m, r) => Math.max(m, r.second + bucket), 0);
  const seconds = Math.max(MIN_SECONDS, dataEnd, input.durationMs / 1000);
  const xStep = timeStep(seconds / Math.max(2, Math.floor(plot.width / 90)));
  const xValues = ticksUpTo(seconds, xStep);
  const xMax = xValues[xValues.length - 1]!;

  // Count axis: the highest series value and a little room above it (a line along the top edge
  // would hide in the frame), in 1-2-5 steps of at least 1.
  let top = 0;
  for (const r of input.series) for (const k of keys) top = Math.max(top, r[k]);
  const room = Math.max(1, top * (1 + HEADROOM));
  const yStep = Math.max(1, niceStep(room / Math.max(2, Math.floor(plot.height / 40))));
  const yValues = ticksUpTo(room, yStep);
  const yMax = yValues[yValues.length - 1]!;

  const xOf = (s: number): number => round1(plot.left + (s / xMax) * plot.width);
  const yOf = (v: number): number => round1(plot.top + plot.height - (v / yMax) * plot.height);

  const lines: Line[] = keys.map((key) => {
    const pts: string[] = [];
    let max = 0;
    for (const r of input.series) {
      const v = r[key];
      max = Math.max(max, v);
      const y = yOf(v);
      pts.push(`${xOf(r.second)},${y}`, `${xOf(r.second + bucket)},${y}`);
    }
    return { key, points: pts.join(' '), count: pts.length, max };
  });

  const columns = new Map<number, Marker>();
  for (const t of input.throttles) {
    const second = Math.max(0, t.at / 1000);
    const x = Math.round(xOf(Math.min(second, xMax)));
    const m = columns.get(x);
    if (m) m.count++;
    else columns.set(x, { x, count: 1, second: round1(second) });
  }
  const markers = [...columns.values()].sort((a, b) => a.x - b.x);

  return {
    plot,
    xMax,
    yMax,
    xTicks: xValues.map((v) => ({ at: xOf(v), value: v, label: timeLabel(v, xMax) })),
    yTicks: yValues.map((v) => ({ at: yOf(v), value: v, label: countLabel(v) })),
    lines,
    markers,
  };
}
