// SMPP 5.0's session_init_timer and inactivity_timer in the simulator, on a ManualClock over
// loopback: a connection that does not bind in time is closed, and so is a bound one whose ESME
// goes quiet; binding stops the first, and enquire_link keeps the second at bay.
import assert from 'node:assert/strict';
import { describe, it, type TestContext } from 'node:test';
import type { SmscConnection } from '../../../src/smpp/simulator/connection';
import type { SmscDisconnectEvent } from '../../../src/smpp/simulator/events';
import { STATUS } from '../../../src/smpp/tables/values';
import { ManualClock } from '../../support/manualClock';
import { RawSmppClient } from '../../support/rawSmppClient';
import { startSmsc, type RunningSmsc } from '../../support/smscHarness';
import { EventLog } from '../../support/waitFor';

const TIMEOUT = { timeout: 20_000 };

/** A raw ESME connected to the simulator, once the simulator has its connection (and its timers). */
async function connect(t: TestContext, s: RunningSmsc): Promise<{ raw: RawSmppClient; conn: SmscConnection }> {
  const accepted = new EventLog<SmscConnection>(s.sim, 'connect');
  const raw = await RawSmppClient.connect(s.port);
  t.after(() => raw.close());
  const conn = await accepted.wait();
  accepted.stop();
  return { raw, conn };
}

describe('simulator: session-init and inactivity timers', TIMEOUT, () => {
  it('closes a connection that has not bound within sessionInitTimeout, not before; a bound one stays', async (t) => {
    const clock = new ManualClock();
    const s = await startSmsc(t, { clock, sessionInitTimeout: 5_000, inactivityTimeout: 0 });
    const gone = new EventLog<SmscDisconnectEvent>(s.sim, 'disconnect');
    t.after(() => gone.stop());
    const idle = await connect(t, s);
    const bound = await connect(t, s);
    clock.advance(1_000);
    assert.equal((await bound.raw.bind('bind_transceiver')).command_status, 0);

    clock.advance(3_999);
    // 4.999 s after connecting: still open (it answers, refusing enquire_link before a bind).
    assert.equal(await idle.raw.enquireLink(), STATUS.ESME_RINVBNDSTS);
    assert.equal(gone.items.length, 0);

    clock.advance(1);
    await idle.raw.closed;
    const d = await gone.wait();
    assert.deepEqual(d, {
      connection: idle.conn.id,
      remote: idle.conn.remote,
      system_id: undefined,
      state: 'open',
      cause: 'the ESME did not bind within the session-init timer: closed',
    });

    // Binding stopped the timer for the other one.
    clock.advance(60_000);
    assert.equal(await bound.raw.enquireLink(), 0);
    assert.deepEqual(
      s.sim.connections.map((c) => c.id),
      [bound.conn.id],
    );
    assert.equal(gone.items.length, 1);
  });

  it('closes a bound connection whose ESME sends nothing for inactivityTimeout; one that sends enquire_link stays open', async (t) => {
    const clock = new ManualClock();
    const s = await startSmsc(t, { clock, inactivityTimeout: 30_000 });
    const gone = new EventLog<SmscDisconnectEvent>(s.sim, 'disconnect');
    t.after(() => gone.stop());
    const quiet = await connect(t, s);
    const chatty = await connect(t, s);
    assert.equal((await quiet.raw.bind('bind_transceiver', 'quiet')).command_status, 0);
    assert.equal((await chatty.raw.bind('bind_transceiver', 'chatty')).command_status, 0);

    for (let i = 0; i < 2; i++) {
      clock.advance(10_000);
      assert.equal(await chatty.raw.enquireLink(), 0);
    }
    clock.advance(9_999);
    // 29.999 s of silence: the simulator can still reach the quiet ESME. Its own requests do not
    // count as the ESME's activity; the quiet ESME leaves this one unanswered.
    const probe = quiet.conn.enquireLink().then(
      () => 'answered',
      (e: Error) => e.message,
    );
    const reached = await Promise.race([quiet.raw.next((p) => p.command === 'enquire_link').then(() => true), quiet.raw.closed.then(() => false)]);
    assert.ok(reached, 'the quiet ESME is still connected after 29.999 s');
    assert.equal(gone.items.length, 0);

    clock.advance(1);
    await quiet.raw.closed;
    assert.equal(await probe, 'the connection closed');
    const d = await gone.wait();
    assert.deepEqual(d, {
      connection: quiet.conn.id,
      remote: quiet.conn.remote,
      system_id: 'quiet',
      state: 'bound_trx',
      cause: 'the ESME sent nothing for 30.0 s (the inactivity timer): closed',
    });

    // The chatty one keeps going well past the timer.
    for (let i = 0; i < 6; i++) {
      clock.advance(10_000);
      assert.equal(await chatty.raw.enquireLink(), 0);
    }
    assert.deepEqual(
      s.sim.connections.map((c) => c.systemId),
      ['chatty'],
    );
    assert.equal(gone.items.length, 1);
  });
});
