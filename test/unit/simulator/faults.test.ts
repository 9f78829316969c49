// Every fault the simulator injects, switched at run time, with the outcome our ESME must reach:
// the right event, the right error, and nothing left pending.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SmppRequestError, type ReconnectEvent, type ThrottleEvent } from '../../../src/smpp/session/esme';
import type { SmscConnection } from '../../../src/smpp/simulator/connection';
import type { SmscDisconnectEvent, SmscFaultEvent } from '../../../src/smpp/simulator/events';
import { STATUS } from '../../../src/smpp/tables/values';
import { ManualClock } from '../../support/manualClock';
import { boundPair, esmeFor, startSmsc, stateReached } from '../../support/smscHarness';
import { EventLog, next } from '../../support/waitFor';

const TIMEOUT = { timeout: 20_000 };
const NO_JITTER = { initial: 1_000, max: 8_000, factor: 2, jitter: 0 };

const submit = { destination_addr: '447700900001', short_message: 'fault test' };

function assertIdle(session: { outstanding: number; queued: number }): void {
  assert.equal(session.outstanding, 0, 'outstanding');
  assert.equal(session.queued, 0, 'queued');
}

describe('simulator: faults', TIMEOUT, () => {
  it('delays responses by N ms: the request resolves when the clock gets there, with that round trip', async (t) => {
    const { sim, session, clock, smscPdus } = await boundPair(t);
    sim.setFaults({ responseDelay: 250 });
    const r = session.request('submit_sm', submit);
    await smscPdus.wait((e) => e.direction === 'in' && e.command === 'submit_sm');
    clock.advance(249);
    assert.equal(session.outstanding, 1);
    assert.equal(smscPdus.filter((e) => e.command === 'submit_sm_resp').length, 0);
    clock.advance(1);
    assert.equal((await r).rtt, 250);
    sim.setFaults({ responseDelay: undefined });
    assert.equal((await session.request('submit_sm', submit)).rtt, 0);
    assertIdle(session);
  });

  it('drops enquire_link_resp: the ESME declares the link dead after responseTimeout, closes, and reconnects', async (t) => {
    const { sim, session, clock, smscPdus, states } = await boundPair(
      t,
      { faults: { dropEnquireLinkResp: true } },
      { enquireLinkInterval: 30_000, responseTimeout: 5_000, reconnect: true, reconnectBackoff: NO_JITTER },
    );
    const faults = new EventLog<SmscFaultEvent>(sim, 'fault');
    const reconnecting = next(session, 'reconnecting');
    clock.advance(30_000);
    await smscPdus.wait((e) => e.direction === 'in' && e.command === 'enquire_link');
    assert.equal((await faults.wait()).fault, 'dropEnquireLinkResp');
    clock.advance(5_000);
    const r: ReconnectEvent = await reconnecting;
    assert.equal(r.cause, 'no enquire_link_resp within 5.0 s: the link is dead');
    assert.equal(r.attempt, 1);
    assert.equal(session.state, 'closed');
    assert.equal(session.lastError, 'no enquire_link_resp within 5.0 s: the link is dead');
    assertIdle(session);
    await next(sim, 'disconnect', (d) => d.state === 'bound_trx');

    sim.setFaults({ dropEnquireLinkResp: false });
    const rebound = stateReached(session, 'bound_trx');
    clock.advance(r.delay);
    await rebound;
    assert.deepEqual(
      states.items.map((e) => e.to),
      ['connecting', 'open', 'bound_trx', 'closed', 'connecting', 'open', 'bound_trx'],
    );
    const rtt = session.enquireLink();
    assert.equal(await rtt, 0);
  });

  it('rejects binds with a chosen status, for the whole simulator or one connection', async (t) => {
    const clock = new ManualClock();
    const s = await startSmsc(t, { clock, faults: { rejectBind: STATUS.ESME_RBINDFAIL } });
    const faults = new EventLog<SmscFaultEvent>(s.sim, 'fault');
    const a = esmeFor(t, s.port, { clock, reconnect: true });
    await assert.rejects(a.session.bind(), (err: unknown) => {
      assert.ok(err instanceof SmppRequestError);
      assert.equal(err.status, STATUS.ESME_RBINDFAIL);
      assert.match(err.message, /^ESME_RBINDFAIL: the SMSC refused the bind \(bind_transceiver refused, status 0x0000000d\)$/);
      return true;
    });
    assert.equal(a.session.state, 'closed');
    assert.equal(a.session.reconnectAt, undefined);
    assertIdle(a.session);
    assert.equal((await faults.wait()).fault, 'rejectBind');

    // Off for everyone, on for the next connection only.
    s.sim.setFaults({ rejectBind: undefined });
    let first = true;
    s.sim.on('connect', (c: SmscConnection) => {
      if (first) c.setFaults({ rejectBind: STATUS.ESME_RINVSYSTYP });
      first = false;
    });
    const b = esmeFor(t, s.port, { clock });
    await assert.rejects(b.session.bind(), (err: unknown) => err instanceof SmppRequestError && err.status === STATUS.ESME_RINVSYSTYP);
    const c = esmeFor(t, s.port, { clock });
    await c.session.bind();
    assert.equal(c.session.state, 'bound_trx');
  });

  it('throttles every submit: the ESME backs off, retries, and fails with ESME_RTHROTTLED after its retries', async (t) => {
    const { sim, session, clock } = await boundPair(t, { faults: { throttle: 'all' } }, { maxThrottleRetries: 2, throttleBackoff: { initial: 100, max: 1_000, factor: 2, jitter: 0 } });
    const throttled = new EventLog<ThrottleEvent>(session, 'throttled');
    const faults = new EventLog<SmscFaultEvent>(sim, 'fault');
    const r = session.request('submit_sm', submit);
    const outcome = r.then(
      () => 'accepted',
      (err: unknown) => err,
    );
    for (const [i, delay] of [100, 200].entries()) {
      const e = (await throttled.waitCount(i + 1))[i];
      assert.deepEqual(e, { status: STATUS.ESME_RTHROTTLED, delay, command: 'submit_sm' });
      assert.equal(session.queued, 1); // back at the head of the queue, waiting out the pause
      clock.advance(delay);
    }
    const err = await outcome;
    assert.ok(err instanceof SmppRequestError);
    assert.equal(err.status, STATUS.ESME_RTHROTTLED);
    assert.match(err.message, /^ESME_RTHROTTLED: the SMSC is throttling/);
    assert.equal(faults.filter((f) => f.fault === 'throttle').length, 3);
    assertIdle(session);
    sim.setFaults({ throttle: undefined });
    await session.request('submit_sm', submit);
  });

  it('throttles every Nth submit: the ESME resends the throttled one and all get through', async (t) => {
    const { session, clock, smscPdus } = await boundPair(t, { faults: { throttle: { everyNth: 2 } } }, { window: 1, throttleBackoff: { initial: 50, max: 50, factor: 1, jitter: 0 } });
    const throttled = new EventLog<ThrottleEvent>(session, 'throttled');
    const all = Promise.all([1, 2, 3].map((n) => session.request('submit_sm', { ...submit, short_message: `n${n}` })));
    // Submits on the wire: n1 ok, n2 throttled, n2 again ok, n3 throttled, n3 again ok... every 2nd.
    await throttled.wait();
    clock.advance(50);
    await throttled.waitCount(2);
    clock.advance(50);
    const results = await all;
    assert.equal(results.length, 3);
    const statuses = smscPdus.filter((e) => e.command === 'submit_sm_resp').map((e) => e.command_status);
    assert.deepEqual(statuses, [0, STATUS.ESME_RTHROTTLED, 0, STATUS.ESME_RTHROTTLED, 0]);
    assertIdle(session);
  });

  it('throttles above a rate: submits beyond N a second are refused until the second has passed', async (t) => {
    const { session, clock, smscPdus } = await boundPair(t, { faults: { throttle: { perSecond: 2 } } }, { window: 5, throttleBackoff: { initial: 1_000, max: 1_000, factor: 1, jitter: 0 } });
    const throttled = new EventLog<ThrottleEvent>(session, 'throttled');
    const all = Promise.all([1, 2, 3].map((n) => session.request('submit_sm', { ...submit, short_message: `n${n}` })));
    await throttled.wait();
    assert.equal(session.outstanding, 0);
    assert.equal(session.queued, 1);
    clock.advance(1_000);
    await all;
    const statuses = smscPdus.filter((e) => e.command === 'submit_sm_resp').map((e) => e.command_status);
    assert.deepEqual(statuses, [0, 0, STATUS.ESME_RTHROTTLED, 0]);
    assertIdle(session);
  });

  it('backs off once per burst, not once per refusal, and resends the refused ones in their order', async (t) => {
    const { session, clock, smscPdus } = await boundPair(t, { faults: { throttle: { perSecond: 3 } } }, { window: 10, throttleBackoff: { initial: 1_000, max: 60_000, factor: 2, jitter: 0 } });
    const throttled = new EventLog<ThrottleEvent>(session, 'throttled');
    const all = Promise.all([1, 2, 3, 4, 5, 6, 7, 8].map((n) => session.request('submit_sm', { ...submit, short_message: `n${n}` })));
    // One window's burst: 3 accepted, 5 refused. One pause of 1 s covers all five.
    const burst = await throttled.waitCount(5);
    assert.equal(burst[0]!.delay, 1_000);
    for (const e of burst.slice(1)) assert.ok(e.delay <= 1_000, `a refusal of the same burst waits out the same pause, not ${e.delay} ms`);
    assert.equal(session.queued, 5);
    clock.advance(1_000);
    // After the pause: 3 of the 5 get through (which starts the back-off over), 2 are refused again:
    // a second burst, one pause again.
    const second = (await throttled.waitCount(7)).slice(5);
    assert.equal(second[0]!.delay, 1_000);
    assert.ok(second[1]!.delay <= 1_000);
    clock.advance(1_000);
    await all;
    const sent = smscPdus.filter((e) => e.direction === 'in' && e.command === 'submit_sm').map((e) => Buffer.from((e.pdu.body as { short_message: Uint8Array }).short_message).toString());
    assert.deepEqual(sent, ['n1', 'n2', 'n3', 'n4', 'n5', 'n6', 'n7', 'n8', 'n4', 'n5', 'n6', 'n7', 'n8', 'n7', 'n8']);
    assertIdle(session);
  });

  it('closes in the middle of a PDU: pending requests fail as closed, the ESME reconnects', async (t) => {
    const { sim, session, clock, smscPdus } = await boundPair(t, {}, { reconnect: true, reconnectBackoff: NO_JITTER });
    const faults = new EventLog<SmscFaultEvent>(sim, 'fault');
    const gone = new EventLog<SmscDisconnectEvent>(sim, 'disconnect');
    const reconnecting = next(session, 'reconnecting');
    sim.setFaults({ closeMidPdu: true });
    const r = session.request('submit_sm', submit);
    await assert.rejects(r, (err: unknown) => {
      assert.ok(err instanceof SmppRequestError);
      assert.equal(err.kind, 'closed');
      assert.match(err.message, /^submit_sm \(sequence 2\) got no response: /);
      return true;
    });
    assert.equal(session.state, 'closed');
    assertIdle(session);
    const f = await faults.wait();
    assert.equal(f.fault, 'closeMidPdu');
    assert.match(f.detail, /^submit_sm_resp sequence 2: wrote \d+ of \d+ octets, then closed$/);
    const cut = await smscPdus.wait((e) => e.fault === 'closeMidPdu');
    assert.equal(cut.command, 'submit_sm_resp');
    assert.ok(cut.bytes.length < cut.pdu.command_length);
    assert.equal((await gone.wait()).cause, 'closed in the middle of submit_sm_resp (fault)');
    // One-shot: the fault switched itself off, so the reconnect binds.
    assert.equal(sim.currentFaults.closeMidPdu, undefined);
    const rec = await reconnecting;
    const rebound = stateReached(session, 'bound_trx');
    clock.advance(rec.delay);
    await rebound;
    await session.request('submit_sm', submit);
    assertIdle(session);
  });

  for (const [length, words] of [
    [0xffffffff, /command_length 0xFFFFFFFF at stream offset \d+ has its top bit set/],
    [8, /command_length 8 at stream offset \d+ is shorter than the 16-octet header/],
  ] as const) {
    it(`sends a garbage command_length ${length}: the ESME nacks with ESME_RINVCMDLEN and closes`, async (t) => {
      const { sim, session, pdus, smscPdus } = await boundPair(t);
      const faults = new EventLog<SmscFaultEvent>(sim, 'fault');
      const closed = stateReached(session, 'closed');
      // The ESME half-closes after its generic_nack and closes once the simulator has.
      const disconnected = next(sim, 'disconnect');
      const [conn] = sim.connections;
      conn.setFaults({ garbageLength: length });
      const r = session.request('submit_sm', submit);
      await assert.rejects(r, (err: unknown) => err instanceof SmppRequestError && err.kind === 'closed' && words.test(err.message));
      const c = await closed;
      assert.match(c.cause, words);
      assert.match(session.lastError ?? '', words);
      const nack = await pdus.wait((e) => e.direction === 'out' && e.command === 'generic_nack');
      assert.equal(nack.command_status, STATUS.ESME_RINVCMDLEN);
      assert.equal(nack.sequence_number, 0);
      const f = await faults.wait();
      assert.equal(f.fault, 'garbageLength');
      const bad = await smscPdus.wait((e) => e.fault === 'garbageLength');
      assert.equal(Buffer.from(bad.bytes).readUInt32BE(0), length);
      assert.equal(conn.connectionFaults.garbageLength, undefined); // one-shot
      assertIdle(session);
      await disconnected;
    });
  }

  it('keeps a connection’s faults to that connection', async (t) => {
    const clock = new ManualClock();
    const s = await startSmsc(t, { clock });
    const a = esmeFor(t, s.port, { clock, maxThrottleRetries: 0 });
    const b = esmeFor(t, s.port, { clock, maxThrottleRetries: 0 });
    await a.session.bind();
    await b.session.bind();
    const [connA] = s.sim.connections;
    connA.setFaults({ throttle: 'all' });
    await assert.rejects(a.session.request('submit_sm', submit), (err: unknown) => err instanceof SmppRequestError && err.status === STATUS.ESME_RTHROTTLED);
    await b.session.request('submit_sm', submit);
    connA.clearFaults();
    await a.session.request('submit_sm', submit);
    assert.throws(() => s.sim.setFaults({ throttle: { everyNth: 0 } }), /everyNth must be an integer >= 1/);
    assert.throws(() => connA.setFaults({ garbageLength: -1 }), /garbageLength must be 0..0xFFFFFFFF/);
  });
});
