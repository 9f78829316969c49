// The load test's delivery receipts: matched to their submits by message_id against our simulator
// (on a manual clock, its rules choosing receipt states by destination) and against node-smpp's server (its own process) sending receipts in chosen
// states, with ids in decimal on one side and hex on the other; a receipt that never comes, a
// cancel during the wait for late ones, and the cap on the submits tracked.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import { LoadTest, type LoadTestResult } from '../../../src/smpp/loadtest';
import { EsmeSession } from '../../../src/smpp/session/esme';
import { tcpConnector } from '../../../src/smpp/link/transport';
import { ChildPeer } from '../../support/childPeer';
import { boundPair, esmeFor } from '../../support/smscHarness';
import { drive } from './support';

const TIMEOUT = { timeout: 30_000 };
const RANGE = '447700900000-447700900099';
const SCRIPT = join(__dirname, '..', '..', 'fixtures', 'peers', 'node-smpp-receipts.cjs');

/** Every acknowledged submit ends matched, outstanding or not tracked; the series agrees with the totals. */
function assertReceiptsAccounted(r: LoadTestResult): void {
  const x = r.receipts;
  assert.equal(x.matched + x.outstanding + x.notTracked, r.totals.acknowledged, 'matched + outstanding + not tracked = acknowledged');
  assert.equal(x.matched, r.totals.receipts);
  assert.equal(x.latency.samples, x.matched);
  assert.equal(Object.values(x.states).reduce((a, b) => a + b, 0), x.matched);
  assert.equal(r.series.reduce((a, row) => a + row.receipts, 0), x.matched);
  assert.equal(r.series.reduce((a, row) => a + row.notDelivered, 0), x.matched - (x.states.DELIVRD ?? 0));
  assert.ok(x.latency.p50 <= x.latency.p90 && x.latency.p90 <= x.latency.p99 && x.latency.p99 <= x.latency.max, JSON.stringify(x.latency));
  assert.equal(x.waiting, false);
}

/** node-smpp's server sending receipts as `env` says, stopped when the test ends. */
async function nodeSmppSmsc(t: TestContext, env: Record<string, string>): Promise<number> {
  const peer = new ChildPeer(SCRIPT, env);
  t.after(() => peer.stop());
  return (await peer.next('listening')).port as number;
}

/** Our ESME bound as a transceiver to `port`, closed when the test ends. */
async function bound(t: TestContext, port: number): Promise<EsmeSession> {
  const session = new EsmeSession({
    connector: tcpConnector({ host: '127.0.0.1', port }),
    bind: { type: 'transceiver', system_id: 'load', password: 'pw' },
    enquireLinkInterval: 0,
    responseTimeout: 10_000,
    window: 10,
    reconnect: false,
  });
  session.on('warning', () => undefined);
  t.after(() => session.close('the test ended'));
  await session.bind();
  return session;
}

describe('load test receipts against the simulator', TIMEOUT, () => {
  it('matches every receipt: all DELIVRD, as many as the submits, with submit → receipt percentiles', async (t) => {
    const h = await boundPair(t, { deliveryReceiptDelay: 200 }, { window: 10 });
    const r = await drive(h.clock, h.session, h.sim, new LoadTest(h.session, { count: 50, rate: 0, window: 10, to: RANGE, clock: h.clock }).run());
    assertReceiptsAccounted(r);
    assert.equal(r.totals.acknowledged, 50);
    assert.deepEqual(
      { matched: r.receipts.matched, outstanding: r.receipts.outstanding, unmatched: r.receipts.unmatched, notTracked: r.receipts.notTracked, states: r.receipts.states },
      { matched: 50, outstanding: 0, unmatched: 0, notTracked: 0, states: { DELIVRD: 50 } },
    );
    // The simulator delivers 200 ms after each submit: no receipt comes sooner.
    assert.equal(r.receipts.latency.samples, 50);
    assert.ok(r.receipts.latency.min >= 200, JSON.stringify(r.receipts.latency));
    // Every submit asked for a receipt.
    const asked = h.smscPdus.filter((e) => e.direction === 'in' && e.command === 'submit_sm').map((e) => (e.pdu.body as { registered_delivery: number }).registered_delivery);
    assert.deepEqual(new Set(asked), new Set([1]));
  });

  it('counts a receipt that never comes as outstanding, after the wait for late ones', async (t) => {
    const h = await boundPair(t, { deliveryReceiptDelay: 3_600_000 }, { window: 10 });
    const r = await drive(h.clock, h.session, h.sim, new LoadTest(h.session, { count: 12, rate: 0, window: 10, to: RANGE, clock: h.clock, receiptWait: 5_000 }).run());
    assertReceiptsAccounted(r);
    assert.equal(r.receipts.outstanding, 12);
    assert.equal(r.receipts.matched, 0);
    assert.equal(r.cancelled, false);
    assert.equal(r.stopReason, undefined);
    // It waited the whole 5 s after the last response, and no longer.
    assert.equal(r.durationMs, 5_000);
    assert.deepEqual(r.receipts.latency, { samples: 0, min: 0, mean: 0, p50: 0, p90: 0, p99: 0, max: 0 });
  });

  it('cancelled while waiting for late receipts: ends at once, counting the missing ones as outstanding', async (t) => {
    const h = await boundPair(t, { deliveryReceiptDelay: 3_600_000 }, { window: 10 });
    const test = new LoadTest(h.session, { count: 8, rate: 0, window: 10, to: RANGE, clock: h.clock, receiptWait: 60_000 });
    const seen: boolean[] = [];
    test.on('progress', (s) => {
      seen.push(s.receipts.waiting);
      if (s.receipts.waiting) test.cancel();
    });
    const r = await drive(h.clock, h.session, h.sim, test.run());
    assert.deepEqual(seen, [true], 'the first second’s snapshot says it waits');
    assertReceiptsAccounted(r);
    assert.equal(r.cancelled, true);
    assert.equal(r.stopReason, 'cancelled while waiting for late receipts');
    assert.equal(r.receipts.outstanding, 8);
    assert.equal(r.totals.acknowledged, 8);
    assert.ok(r.durationMs < 60_000, `ended after ${r.durationMs} ms`);
    assert.equal(h.session.state, 'bound_trx');
  });

  it('tracks at most the cap: the oldest count as not tracked, and their receipts as unmatched', async (t) => {
    const h = await boundPair(t, { deliveryReceiptDelay: 1_000 }, { window: 10 });
    const r = await drive(h.clock, h.session, h.sim, new LoadTest(h.session, { count: 20, rate: 0, window: 10, to: RANGE, clock: h.clock, maxOutstandingReceipts: 5, receiptWait: 5_000 }).run());
    assertReceiptsAccounted(r);
    assert.equal(r.settings.maxOutstandingReceipts, 5);
    assert.deepEqual([r.receipts.notTracked, r.receipts.matched, r.receipts.outstanding, r.receipts.unmatched], [15, 5, 0, 15]);
  });

  it('counts the final states the simulator’s rules choose by destination, and the receipts too late for the wait as outstanding', async (t) => {
    const h = await boundPair(
      t,
      {
        deliveryReceiptDelay: 100,
        scenario: {
          rules: [
            { destination: '447700900001', receipt: { state: 'UNDELIV', error: 1 } },
            { destination: '447700900002', receipt: { state: 'EXPIRED' } },
            { destination: '447700900003', receipt: { state: 'REJECTD' } },
            { destination: '447700900004', receipt: { delay: 3_600_000 } },
          ],
        },
      },
      { window: 10 },
    );
    const r = await drive(h.clock, h.session, h.sim, new LoadTest(h.session, { count: 50, rate: 0, window: 10, to: '447700900000-447700900009', clock: h.clock, receiptWait: 2_000 }).run());
    assertReceiptsAccounted(r);
    assert.deepEqual(r.receipts.states, { DELIVRD: 30, UNDELIV: 5, EXPIRED: 5, REJECTD: 5 });
    assert.deepEqual([r.receipts.outstanding, r.receipts.unmatched], [5, 0]);
    assert.equal(r.series.reduce((a, row) => a + row.notDelivered, 0), 15);
  });

  it('a transmitter gets its receipts on a receiver bound beside it', async (t) => {
    const h = await boundPair(t, { deliveryReceiptDelay: 100 }, { window: 10, bind: { type: 'transmitter' } });
    const rx = esmeFor(t, h.port, { clock: h.clock, bind: { type: 'receiver' } });
    await rx.session.bind();
    assert.deepEqual([h.session.state, rx.session.state], ['bound_tx', 'bound_rx']);
    const r = await drive(h.clock, h.session, h.sim, new LoadTest(h.session, { count: 20, rate: 0, window: 10, to: RANGE, clock: h.clock, receivers: [rx.session] }).run());
    assertReceiptsAccounted(r);
    assert.deepEqual([r.receipts.matched, r.receipts.outstanding, r.receipts.unmatched], [20, 0, 0]);
    assert.deepEqual(r.receipts.states, { DELIVRD: 20 });
    assert.equal(rx.session.listenerCount('deliver'), 0, 'the run stops listening when it ends');
  });

  it('asks for no receipt when told not to, and reports none', async (t) => {
    const h = await boundPair(t, { deliveryReceiptDelay: 0 }, { window: 10 });
    const r = await drive(h.clock, h.session, h.sim, new LoadTest(h.session, { count: 10, rate: 0, window: 10, to: RANGE, clock: h.clock, receipts: false }).run());
    assert.equal(r.receipts.asked, false);
    assert.deepEqual([r.receipts.matched, r.receipts.outstanding, r.receipts.unmatched], [0, 0, 0]);
    assert.equal(r.settings.receiptWait, 0);
    const asked = h.smscPdus.filter((e) => e.direction === 'in' && e.command === 'submit_sm').map((e) => (e.pdu.body as { registered_delivery: number }).registered_delivery);
    assert.deepEqual(new Set(asked), new Set([0]));
  });
});

describe('load test receipts against node-smpp’s server', TIMEOUT, () => {
  it('counts the final states it sends (DELIVRD, UNDELIV, EXPIRED, REJECTD), ENROUTE notifications apart', async (t) => {
    const port = await nodeSmppSmsc(t, { RECEIPT_STATES: 'DELIVRD,UNDELIV,EXPIRED,REJECTD,DELIVRD', ENROUTE: '1', RECEIPT_TLV: '1' });
    const session = await bound(t, port);
    const r = await new LoadTest(session, { count: 40, rate: 0, window: 10, to: RANGE, receiptWait: 10_000 }).run();
    assertReceiptsAccounted(r);
    assert.deepEqual(r.receipts.states, { DELIVRD: 16, UNDELIV: 8, EXPIRED: 8, REJECTD: 8 });
    assert.equal(r.receipts.intermediate, 40);
    assert.deepEqual([r.receipts.outstanding, r.receipts.unmatched], [0, 0]);
    assert.equal(r.receipts.latency.samples, 40);
  });

  it('matches decimal message ids to receipts whose text writes them in hex', async (t) => {
    // Ids from 1: the first ones read the same in both bases, later ones (10, 16, 20…) do not.
    const port = await nodeSmppSmsc(t, { ID_FORM: 'decimal', RECEIPT_ID_FORM: 'hex', ID_START: '1' });
    const session = await bound(t, port);
    const r = await new LoadTest(session, { count: 60, rate: 0, window: 1, to: RANGE, receiptWait: 10_000 }).run();
    assertReceiptsAccounted(r);
    assert.deepEqual([r.receipts.matched, r.receipts.outstanding, r.receipts.unmatched], [60, 0, 0]);
  });

  it('matches hex message ids to receipts whose text writes them in decimal, also with many in flight', async (t) => {
    const port = await nodeSmppSmsc(t, { ID_FORM: 'hex', RECEIPT_ID_FORM: 'decimal', ID_START: '1000' });
    const session = await bound(t, port);
    const r = await new LoadTest(session, { count: 100, rate: 0, window: 10, to: RANGE, receiptWait: 10_000 }).run();
    assertReceiptsAccounted(r);
    assert.deepEqual([r.receipts.matched, r.receipts.outstanding, r.receipts.unmatched], [100, 0, 0]);
  });

  it('takes the receipted_message_id TLV over the text, and receipts that come before their submit_sm_resp', async (t) => {
    const port = await nodeSmppSmsc(t, { ID_FORM: 'decimal', RECEIPT_ID_FORM: 'hex', RECEIPT_TLV: '1', EARLY: '1', RECEIPT_STATES: 'DELIVRD,UNDELIV' });
    const session = await bound(t, port);
    const r = await new LoadTest(session, { count: 30, rate: 0, window: 5, to: RANGE, receiptWait: 10_000 }).run();
    assertReceiptsAccounted(r);
    assert.deepEqual(r.receipts.states, { DELIVRD: 15, UNDELIV: 15 });
    assert.deepEqual([r.receipts.outstanding, r.receipts.unmatched], [0, 0]);
  });

  it('counts the receipts that never come as outstanding, the others by state', async (t) => {
    // The SMSC unbinds once it has sent every receipt it will send: the wait ends then, however slow the machine.
    const port = await nodeSmppSmsc(t, { RECEIPT_STATES: 'DELIVRD,NONE,DELIVRD,EXPIRED', UNBIND_AFTER: '20' });
    const session = await bound(t, port);
    const r = await new LoadTest(session, { count: 20, rate: 0, window: 10, to: RANGE, receiptWait: 600_000 }).run();
    assertReceiptsAccounted(r);
    assert.deepEqual(r.receipts.states, { DELIVRD: 10, EXPIRED: 5 });
    assert.equal(r.receipts.outstanding, 5);
    assert.equal(r.cancelled, false);
  });
});

describe('load test receipts whose ids read in both bases', TIMEOUT, () => {
  it('receipts before their submit_sm_resp, one of them last: once hex letters show the receipts write decimal ids in hex, each goes to its own submit', async (t) => {
    // Receipt hex 11 (id 17) comes while id 11 still awaits its own (b), which comes last.
    const port = await nodeSmppSmsc(t, { ID_FORM: 'decimal', RECEIPT_ID_FORM: 'hex', EARLY: '1', HOLD_RECEIPT: '11', UNBIND_AFTER: '20' });
    const session = await bound(t, port);
    const r = await new LoadTest(session, { count: 20, rate: 0, window: 10, to: RANGE, receiptWait: 600_000 }).run();
    assertReceiptsAccounted(r);
    assert.deepEqual([r.receipts.matched, r.receipts.outstanding, r.receipts.unmatched], [20, 0, 0]);
  });
});

describe('load test receipts read in a burst with their submit_sm_resp', TIMEOUT, () => {
  // The SMSC holds its answers until ten submits are in, then writes them all at once: every
  // receipt of the burst is read before the load test learns the message ids of its submits. Ids
  // in decimal, receipts in hex, so that a receipt's id may be another submit's as written (hex 10
  // is decimal 16, hex 11 is 17).
  const burst = { ID_FORM: 'decimal', RECEIPT_ID_FORM: 'hex', BATCH: '10' };

  it('matches each receipt to its own submit, and counts the ones never sent as outstanding', async (t) => {
    const port = await nodeSmppSmsc(t, { ...burst, RECEIPT_STATES: 'DELIVRD,UNDELIV,NONE,DELIVRD', UNBIND_AFTER: '40' });
    const session = await bound(t, port);
    const r = await new LoadTest(session, { count: 40, rate: 0, window: 10, to: RANGE, receiptWait: 600_000 }).run();
    assertReceiptsAccounted(r);
    assert.deepEqual(r.receipts.states, { DELIVRD: 20, UNDELIV: 10 });
    assert.deepEqual([r.receipts.matched, r.receipts.outstanding, r.receipts.unmatched], [30, 10, 0]);
    assert.deepEqual([r.cancelled, r.stopReason], [false, undefined]);
  });

  it('an SMSC that unbinds in the same write as its last receipts: they count before the run ends', async (t) => {
    const port = await nodeSmppSmsc(t, { ...burst, RECEIPT_STATES: 'DELIVRD,UNDELIV', UNBIND_AFTER: '20', UNBIND_AT_ONCE: '1' });
    const session = await bound(t, port);
    const r = await new LoadTest(session, { count: 20, rate: 0, window: 10, to: RANGE, receiptWait: 600_000 }).run();
    assertReceiptsAccounted(r);
    assert.deepEqual(r.receipts.states, { DELIVRD: 10, UNDELIV: 10 });
    assert.deepEqual([r.receipts.matched, r.receipts.outstanding, r.receipts.unmatched], [20, 0, 0]);
    assert.deepEqual([r.totals.acknowledged, r.cancelled, r.stopReason], [20, false, undefined]);
  });

  it('from id 10 on: the receipt in hex goes to its submit, not to the one its digits name as written', async (t) => {
    // The first burst holds ids 10..19 and receipts a..f, 10..13: hex 10 (id 16) is there when id 10 is answered.
    const port = await nodeSmppSmsc(t, { ...burst, ID_START: '10', RECEIPT_STATES: 'DELIVRD,UNDELIV', UNBIND_AFTER: '40' });
    const session = await bound(t, port);
    const r = await new LoadTest(session, { count: 40, rate: 0, window: 10, to: RANGE, receiptWait: 600_000 }).run();
    assertReceiptsAccounted(r);
    assert.deepEqual(r.receipts.states, { DELIVRD: 20, UNDELIV: 20 });
    assert.deepEqual([r.receipts.matched, r.receipts.outstanding, r.receipts.unmatched], [40, 0, 0]);
  });
});
