// The load test engine against the simulator over loopback TCP, on a manual clock: pacing,
// windowing, throttling with backoff, receipts, cancellation and a dropped session, each ending
// with every message accounted for and nothing pending.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LoadTest, type LoadTestResult } from '../../../src/smpp/loadtest';
import type { Clock } from '../../../src/smpp/link/clock';
import { boundPair } from '../../support/smscHarness';
import { drive } from './support';

const TIMEOUT = { timeout: 30_000 };
const RANGE = '447700900000-447700900099';

function assertAccounted(r: LoadTestResult): void {
  const t = r.totals;
  assert.equal(t.inFlight, 0);
  assert.equal(t.submitted, t.acknowledged + t.failed, 'submitted = acknowledged + failed');
  assert.equal(Object.values(r.errors).reduce((a, b) => a + b, 0), t.failed);
  const sum = (k: 'submitted' | 'acknowledged' | 'failed' | 'receipts' | 'throttled') => r.series.reduce((a, row) => a + row[k], 0);
  assert.deepEqual([sum('submitted'), sum('acknowledged'), sum('failed'), sum('receipts'), sum('throttled')], [t.submitted, t.acknowledged, t.failed, t.receipts, t.throttled]);
  assert.equal(r.rtt.samples, t.acknowledged);
  assert.deepEqual(r.series.map((row) => row.second), r.series.map((_, i) => i));
}

describe('load test', TIMEOUT, () => {
  it('under throttling (every 5th submit refused) backs off, retries, and accounts for every message', async (t) => {
    const h = await boundPair(t, { deliveryReceiptDelay: 0 }, { window: 10 });
    h.sim.setFaults({ throttle: { everyNth: 5 } });
    const test = new LoadTest(h.session, { count: 100, rate: 0, window: 10, to: RANGE, from: '12345', clock: h.clock, receiptWait: 5_000 });
    const faults: string[] = [];
    h.sim.on('fault', (f) => faults.push(f.fault));
    const r = await drive(h.clock, h.session, h.sim, test.run());

    assertAccounted(r);
    assert.equal(r.totals.submitted, 100);
    assert.equal(r.totals.acknowledged, 100);
    assert.equal(r.totals.receipts, 100);
    assert.ok(r.totals.throttled >= 20, `throttled ${r.totals.throttled}`);
    assert.equal(r.totals.throttled, faults.filter((f) => f === 'throttle').length);
    assert.equal(r.throttles.length, r.totals.throttled);
    for (const th of r.throttles) {
      assert.equal(th.status, 'ESME_RTHROTTLED');
      assert.ok(th.delay > 0);
    }
    // The pauses ran on the clock: the run lasted at least the first back-off.
    assert.ok(r.durationMs >= r.throttles[0].delay);
    assert.equal(h.session.outstanding, 0);
    assert.equal(h.session.queued, 0);
    assert.equal(h.session.state, 'bound_trx');
    // Destinations cycle through the range.
    const dests = new Set(h.smscPdus.filter((e) => e.direction === 'in' && e.command === 'submit_sm').map((e) => (e.pdu.body as { destination_addr: string }).destination_addr));
    assert.equal(dests.size, 100);
    assert.ok(dests.has('447700900000') && dests.has('447700900099'));
  });

  it('counts the messages the SMSC keeps refusing as failed, by command_status', async (t) => {
    const h = await boundPair(t, {}, { window: 10, maxThrottleRetries: 2 });
    h.sim.setFaults({ throttle: 'all' });
    const r = await drive(h.clock, h.session, h.sim, new LoadTest(h.session, { count: 4, rate: 0, window: 10, to: RANGE, receipts: false, clock: h.clock }).run());
    assertAccounted(r);
    assert.deepEqual([r.totals.submitted, r.totals.acknowledged, r.totals.failed, r.totals.throttled], [4, 0, 4, 8]);
    assert.deepEqual(r.errors, { ESME_RTHROTTLED: 4 });
    assert.equal(h.session.outstanding + h.session.queued, 0);
  });

  it('paces by the clock: 10 messages per second, 10 in each second', async (t) => {
    const h = await boundPair(t, {}, { window: 100 });
    const test = new LoadTest(h.session, { count: 30, rate: 10, window: 100, to: RANGE, receipts: false, clock: h.clock });
    const progress: number[] = [];
    test.on('progress', (s) => progress.push(s.totals.submitted));
    const running = test.run();
    // Submitting happens on the pacing timers, so the count is known as soon as the clock moves.
    assert.equal(test.snapshot().totals.submitted, 1);
    h.clock.advance(999);
    assert.equal(test.snapshot().totals.submitted, 10);
    h.clock.advance(1);
    assert.equal(test.snapshot().totals.submitted, 11);
    const r = await drive(h.clock, h.session, h.sim, running);
    assertAccounted(r);
    assert.deepEqual(r.series.map((row) => row.submitted), [10, 10, 10]);
    assert.equal(r.totals.acknowledged, 30);
    // Each tick reports the whole seconds before it.
    assert.deepEqual(progress, [10, 20]);
    assert.equal(r.achievedRate, 10.3);
    assert.equal(h.clock.pending, 0, 'no timer of the load test or the session is left');
  });

  it('keeps the asked rate when its timers fire late, as real timers do', async (t) => {
    const h = await boundPair(t, {}, { window: 100 });
    // Every pacing timer fires 3 ms after it was due.
    const late: Clock = { now: () => h.clock.now(), setTimeout: (fn, ms) => h.clock.setTimeout(fn, ms + 3), clearTimeout: (x) => h.clock.clearTimeout(x) };
    const r = await drive(h.clock, h.session, h.sim, new LoadTest(h.session, { count: 150, rate: 50, window: 100, to: RANGE, receipts: false, clock: late }).run());
    assertAccounted(r);
    for (const row of r.series.slice(0, 2)) assert.ok(row.submitted >= 49 && row.submitted <= 51, `second ${row.second}: ${row.submitted} submitted, asked 50`);
  });

  it('never has more submits in flight than the window', async (t) => {
    const h = await boundPair(t, {}, { window: 50 });
    let most = 0;
    h.session.on('pdu', () => (most = Math.max(most, h.session.outstanding)));
    const r = await drive(h.clock, h.session, h.sim, new LoadTest(h.session, { count: 60, rate: 0, window: 4, to: '447700900001', receipts: false, clock: h.clock }).run());
    assertAccounted(r);
    assert.equal(r.totals.acknowledged, 60);
    assert.ok(most <= 4 && most > 0, `at most ${most} in flight`);
  });

  it('counts receipts as they come, and stops waiting once all are in', async (t) => {
    const h = await boundPair(t, { deliveryReceiptDelay: 1_000 }, { window: 10 });
    const r = await drive(h.clock, h.session, h.sim, new LoadTest(h.session, { count: 20, rate: 0, window: 10, to: RANGE, size: 40, clock: h.clock, receiptWait: 60_000 }).run());
    assertAccounted(r);
    assert.equal(r.totals.receipts, 20);
    assert.deepEqual(r.series.map((row) => row.receipts), [0, 20]);
    assert.equal(r.durationMs, 1_000);
    const texts = h.smscPdus.filter((e) => e.direction === 'in' && e.command === 'submit_sm').map((e) => Buffer.from((e.pdu.body as { short_message: Uint8Array }).short_message).toString('latin1'));
    assert.equal(texts[0], 'load test 1 xxxxxxxxxxxxxxxxxxxxxxxxxxxx');
    assert.ok(texts.every((x) => x.length === 40));
    assert.equal(new Set(texts).size, 20);
  });

  it('cancelled mid-run: stops submitting, waits for what is in flight, leaves nothing pending and the session bound', async (t) => {
    const h = await boundPair(t, {}, { window: 10 });
    const controller = new AbortController();
    // A load window wider than the session's: some submits wait in the session's queue.
    const test = new LoadTest(h.session, { count: 1_000, rate: 0, window: 25, to: RANGE, receipts: false, clock: h.clock, signal: controller.signal });
    let responses = 0;
    let atCancel = { outstanding: 0, queued: 0 };
    h.session.on('pdu', (e) => {
      if (e.command !== 'submit_sm_resp' || ++responses !== 15) return;
      atCancel = { outstanding: h.session.outstanding, queued: h.session.queued };
      controller.abort();
    });
    const r = await drive(h.clock, h.session, h.sim, test.run());
    assert.ok(atCancel.outstanding > 0, 'requests were in flight when the test was cancelled');
    assertAccounted(r);
    assert.equal(r.cancelled, true);
    assert.equal(r.stopReason, 'cancelled');
    assert.ok(r.totals.submitted > 15 && r.totals.submitted < 1_000, `submitted ${r.totals.submitted}`);
    assert.equal(h.session.outstanding, 0);
    assert.equal(h.session.queued, 0);
    assert.equal(h.session.state, 'bound_trx');
    assert.equal(h.clock.pending, 0);
  });

  it('cancelled with unbind asked for: ends unbound and closed, nothing pending', async (t) => {
    const h = await boundPair(t, {}, { window: 10 });
    const controller = new AbortController();
    const test = new LoadTest(h.session, { count: 500, rate: 0, window: 10, to: RANGE, receipts: false, clock: h.clock, signal: controller.signal, unbind: true });
    h.session.on('pdu', (e) => {
      if (e.command === 'submit_sm_resp' && e.sequence_number === 20) controller.abort();
    });
    const r = await drive(h.clock, h.session, h.sim, test.run());
    assertAccounted(r);
    assert.equal(r.cancelled, true);
    assert.equal(h.session.state, 'closed');
    assert.equal(h.session.outstanding + h.session.queued, 0);
  });

  it('cancelled before it starts: submits nothing', async (t) => {
    const h = await boundPair(t);
    const controller = new AbortController();
    controller.abort();
    const r = await new LoadTest(h.session, { count: 10, rate: 0, window: 10, to: RANGE, clock: h.clock, signal: controller.signal }).run();
    assertAccounted(r);
    assert.equal(r.totals.submitted, 0);
    assert.equal(r.cancelled, true);
    assert.equal(h.clock.pending, 0);
  });

  it('stops when the session drops, counting the submits cut off as failed', async (t) => {
    const h = await boundPair(t, {}, { window: 10 });
    const test = new LoadTest(h.session, { count: 1_000, rate: 0, window: 10, to: RANGE, receipts: false, clock: h.clock });
    let responses = 0;
    h.session.on('pdu', (e) => {
      if (e.command === 'submit_sm_resp' && ++responses === 30) h.sim.connections[0].destroy('the test cut the connection');
    });
    const r = await drive(h.clock, h.session, h.sim, test.run());
    assertAccounted(r);
    assert.match(r.stopReason ?? '', /^the session closed: /);
    assert.ok(r.totals.acknowledged >= 30 && r.totals.submitted < 1_000);
    assert.equal(r.errors.closed ?? 0, r.totals.failed);
    assert.equal(h.session.outstanding + h.session.queued, 0);
  });

  it('refuses to start on a session that is not bound', async (t) => {
    const h = await boundPair(t);
    await drive(h.clock, h.session, h.sim, h.session.unbind());
    await assert.rejects(new LoadTest(h.session, { count: 1, rate: 0, window: 1, to: '1' }).run(), /the session is closed; bind it before the load test/);
  });
});
