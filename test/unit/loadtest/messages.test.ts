// The load test panel's message guards: every valid message passes in its own direction, and
// malformed or hostile ones (extra keys, wrong types, NaN and infinities, oversized arrays and
// strings, prototype tricks) fail.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  MAX_ERRORS,
  MAX_SERIES,
  MAX_THROTTLES,
  describeRejectedLoadMessage,
  isHostToLoadView,
  isLoadViewSnapshot,
  isLoadViewToHost,
  type HostToLoadView,
  type LoadViewToHost,
} from '../../../src/shared/loadTestMessages';
import { viewSettings, viewSnapshot } from './support';

const settings = viewSettings({ message: 'text "hi" (2 chars · 1 part · GSM-7)' });

const snapshot = viewSnapshot();

const validToView: HostToLoadView[] = [
  { type: 'init', settings },
  { type: 'init', settings: { ...settings, rate: 2.5, from: 'LoadTest', receipts: false, unbindAtEnd: false } },
  { type: 'phase', phase: 'running', message: '' },
  { type: 'phase', phase: 'ended', message: 'unbound' },
  { type: 'progress', snapshot },
  { type: 'throttled', event: { at: 0, status: 'ESME_RMSGQFUL', delay: 1000 } },
  { type: 'done', snapshot: { ...snapshot, running: false, cancelled: true, stopReason: 'cancelled' }, summary: 'cancelled after 2.5 s\n' },
  { type: 'saveResult', requestId: 1, format: 'json', outcome: 'saved', message: 'Saved.' },
  { type: 'saveResult', requestId: 2, format: 'csv', outcome: 'cancelled', message: '' },
];

const validToHost: LoadViewToHost[] = [
  { type: 'ready' },
  { type: 'cancel' },
  { type: 'save', requestId: 1, format: 'json' },
  { type: 'save', requestId: 2, format: 'csv' },
  { type: 'log', level: 'error', message: 'boom' },
];

describe('load test messages: valid ones pass', () => {
  for (const m of validToView) it(`host → page ${m.type}`, () => assert.equal(isHostToLoadView(m), true));
  for (const m of validToHost) it(`page → host ${m.type}`, () => assert.equal(isLoadViewToHost(m), true));

  it('survive a JSON round trip (postMessage may serialize)', () => {
    for (const m of validToView) assert.equal(isHostToLoadView(JSON.parse(JSON.stringify(m))), true, m.type);
    for (const m of validToHost) assert.equal(isLoadViewToHost(JSON.parse(JSON.stringify(m))), true, m.type);
  });

  it('the directions do not mix', () => {
    for (const m of validToView) assert.equal(isLoadViewToHost(m), false, m.type);
    for (const m of validToHost) assert.equal(isHostToLoadView(m), false, m.type);
  });

  it('take the largest arrays allowed', () => {
    const big = viewSnapshot({
      series: Array.from({ length: MAX_SERIES }, (_, i) => ({ second: i, submitted: 1, acknowledged: 1, failed: 0, receipts: 0, throttled: 0, notDelivered: 0 })),
      throttles: Array.from({ length: MAX_THROTTLES }, (_, i) => ({ at: i, status: 'ESME_RTHROTTLED', delay: 10 })),
      errors: Array.from({ length: MAX_ERRORS }, (_, i) => ({ status: `0x${i.toString(16)}`, count: 1 })),
    });
    assert.equal(isLoadViewSnapshot(big), true);
  });
});

describe('load test messages: malformed and hostile ones fail', () => {
  const hostileToHost: [string, unknown][] = [
    ['null', null],
    ['undefined', undefined],
    ['a string', 'cancel'],
    ['an array', [{ type: 'cancel' }]],
    ['no type', {}],
    ['an unknown type', { type: 'runCommand', command: 'workbench.action.terminal.new' }],
    ['extra keys on ready', { type: 'ready', x: 1 }],
    ['extra keys on cancel', { type: 'cancel', force: true }],
    ['a save with a path', { type: 'save', requestId: 1, format: 'json', path: '/etc/passwd' }],
    ['a save with an unknown format', { type: 'save', requestId: 1, format: 'xlsx' }],
    ['a save with a NaN request id', { type: 'save', requestId: Number.NaN, format: 'json' }],
    ['a save with a negative request id', { type: 'save', requestId: -1, format: 'json' }],
    ['a save with a fractional request id', { type: 'save', requestId: 1.5, format: 'csv' }],
    ['a save with a string request id', { type: 'save', requestId: '1', format: 'csv' }],
    ['a save without a format', { type: 'save', requestId: 1 }],
    ['an unknown log level', { type: 'log', level: 'fatal', message: 'x' }],
    ['a huge log message', { type: 'log', level: 'info', message: 'x'.repeat(5000) }],
    ['a non-string log message', { type: 'log', level: 'info', message: ['x'] }],
  ];
  for (const [what, m] of hostileToHost) it(`page → host: ${what}`, () => assert.equal(isLoadViewToHost(m), false));

  const row = snapshot.series[0]!;
  const hostileToView: [string, unknown][] = [
    ['init with an extra settings key', { type: 'init', settings: { ...settings, password: 'x' } }],
    ['init missing a settings key', { type: 'init', settings: Object.fromEntries(Object.entries(settings).filter(([k]) => k !== 'count')) }],
    ['init with an undefined count', { type: 'init', settings: { ...settings, count: undefined } }],
    ['init with a zero count', { type: 'init', settings: { ...settings, count: 0 } }],
    ['init with a NaN rate', { type: 'init', settings: { ...settings, rate: Number.NaN } }],
    ['init with an infinite rate', { type: 'init', settings: { ...settings, rate: Infinity } }],
    ['init with a negative rate', { type: 'init', settings: { ...settings, rate: -1 } }],
    ['init with a fractional window', { type: 'init', settings: { ...settings, window: 2.5 } }],
    ['init with a string receipts', { type: 'init', settings: { ...settings, receipts: 'yes' } }],
    ['init with a huge destination', { type: 'init', settings: { ...settings, to: '4'.repeat(1000) } }],
    ['an unknown phase', { type: 'phase', phase: 'exploded', message: '' }],
    ['a phase without a message', { type: 'phase', phase: 'ended' }],
    ['progress with an extra snapshot key', { type: 'progress', snapshot: { ...snapshot, html: '<b>' } }],
    ['progress with an extra totals key', { type: 'progress', snapshot: { ...snapshot, totals: { ...snapshot.totals, extra: 1 } } }],
    ['progress with a NaN duration', { type: 'progress', snapshot: { ...snapshot, durationMs: Number.NaN } }],
    ['progress with a NaN rate', { type: 'progress', snapshot: { ...snapshot, achievedRate: Number.NaN } }],
    ['progress with a NaN percentile', { type: 'progress', snapshot: { ...snapshot, rtt: { ...snapshot.rtt, p99: Number.NaN } } }],
    ['progress with an infinite max', { type: 'progress', snapshot: { ...snapshot, rtt: { ...snapshot.rtt, max: Infinity } } }],
    ['progress with a fractional total', { type: 'progress', snapshot: { ...snapshot, totals: { ...snapshot.totals, submitted: 1.5 } } }],
    ['progress with a negative in flight', { type: 'progress', snapshot: { ...snapshot, totals: { ...snapshot.totals, inFlight: -1 } } }],
    ['progress with a string total', { type: 'progress', snapshot: { ...snapshot, totals: { ...snapshot.totals, failed: '2' } } }],
    ['progress with a zero bucket', { type: 'progress', snapshot: { ...snapshot, bucketSeconds: 0 } }],
    ['progress with a NaN in the series', { type: 'progress', snapshot: { ...snapshot, series: [{ ...row, submitted: Number.NaN }] } }],
    ['progress with a negative count in the series', { type: 'progress', snapshot: { ...snapshot, series: [{ ...row, receipts: -1 }] } }],
    ['progress with an extra key in the series', { type: 'progress', snapshot: { ...snapshot, series: [{ ...row, onclick: 'x' }] } }],
    ['progress with a series that is not an array', { type: 'progress', snapshot: { ...snapshot, series: { 0: row, length: 1 } } }],
    ['progress with a huge series', { type: 'progress', snapshot: { ...snapshot, series: new Array(MAX_SERIES + 1).fill(row) } }],
    ['progress with too many throttles', { type: 'progress', snapshot: { ...snapshot, throttles: new Array(MAX_THROTTLES + 1).fill(snapshot.throttles[0]) } }],
    ['progress with too many errors', { type: 'progress', snapshot: { ...snapshot, errors: Array.from({ length: MAX_ERRORS + 1 }, (_, i) => ({ status: String(i), count: 1 })) } }],
    ['progress with a zero error count', { type: 'progress', snapshot: { ...snapshot, errors: [{ status: 'x', count: 0 }] } }],
    ['progress with errors as a record', { type: 'progress', snapshot: { ...snapshot, errors: { ESME_RSYSERR: 1 } } }],
    ['progress with a huge status name', { type: 'progress', snapshot: { ...snapshot, errors: [{ status: 'x'.repeat(65), count: 1 }] } }],
    ['a throttle event with a NaN delay', { type: 'throttled', event: { at: 1, status: 'x', delay: Number.NaN } }],
    ['a throttle event with an extra key', { type: 'throttled', event: { at: 1, status: 'x', delay: 1, html: '<b>' } }],
    ['done without a summary', { type: 'done', snapshot }],
    ['done with a huge summary', { type: 'done', snapshot, summary: 'x'.repeat(20_000) }],
    ['a saveResult with an unknown outcome', { type: 'saveResult', requestId: 1, format: 'json', outcome: 'pwned', message: '' }],
    ['a saveResult with an unknown format', { type: 'saveResult', requestId: 1, format: 'pdf', outcome: 'saved', message: '' }],
  ];
  for (const [what, m] of hostileToView) it(`host → page: ${what}`, () => assert.equal(isHostToLoadView(m), false));

  it('an own __proto__ key does not sneak past the key check', () => {
    const m = JSON.parse('{"type":"cancel","__proto__":{"polluted":true}}') as unknown;
    assert.equal(isLoadViewToHost(m), false);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it('an inherited key does not count as present', () => {
    const m = Object.create({ requestId: 1 }) as Record<string, unknown>;
    m.type = 'save';
    m.format = 'json';
    assert.equal(isLoadViewToHost(m), false);
  });

  it('random junk never throws', () => {
    let seed = 11;
    const rnd = (): number => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
    const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)]!;
    const atoms: unknown[] = [null, undefined, 0, -1, 1.5, NaN, Infinity, '', 'x', true, [], {}, 'json', snapshot, settings];
    const types = ['ready', 'cancel', 'save', 'log', 'init', 'phase', 'progress', 'throttled', 'done', 'saveResult'];
    for (let i = 0; i < 2000; i++) {
      const m: Record<string, unknown> = { type: pick(types) };
      const n = Math.floor(rnd() * 5);
      for (let k = 0; k < n; k++) m[pick(['settings', 'snapshot', 'summary', 'requestId', 'format', 'outcome', 'message', 'phase', 'event', 'level'])] = pick(atoms);
      assert.equal(typeof isLoadViewToHost(m), 'boolean');
      assert.equal(typeof isHostToLoadView(m), 'boolean');
    }
  });

  it('describes a rejected message by its type only', () => {
    assert.equal(describeRejectedLoadMessage({ type: 'save', path: '/secret' }), "a 'save' message that fails its guard");
    assert.equal(describeRejectedLoadMessage([1]), 'an array');
    assert.equal(describeRejectedLoadMessage(null), 'null');
    assert.equal(describeRejectedLoadMessage({ x: 1 }), 'an object without a type');
  });
});
