// Reconnect after the simulator drops the link or goes away, with the ESME's backoff on a
// ManualClock: advance to the announced delay, then await the bind.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SmppRequestError, type ReconnectEvent } from '../../../src/smpp/session/esme';
import { ManualClock } from '../../support/manualClock';
import { boundPair, esmeFor, startSmsc, stateReached } from '../../support/smscHarness';
import { EventLog, next } from '../../support/waitFor';

const TIMEOUT = { timeout: 20_000 };
const BACKOFF = { initial: 1_000, max: 8_000, factor: 2, jitter: 0 };

describe('simulator: reconnect', TIMEOUT, () => {
  it('reconnects and binds again after the simulator drops the link; pending requests fail as closed', async (t) => {
    const { sim, session, clock, smscPdus, states } = await boundPair(
      t,
      { faults: { responseDelay: (req) => (req.command === 'query_sm' ? 60_000 : 0) } },
      { reconnect: true, reconnectBackoff: BACKOFF },
    );
    const before = sim.connections[0].id;
    const q = session.request('query_sm', { message_id: '01' });
    await smscPdus.wait((e) => e.direction === 'in' && e.command === 'query_sm');
    const reconnecting = next(session, 'reconnecting');
    sim.connections[0].destroy('dropped by the test');
    await assert.rejects(q, (err: unknown) => err instanceof SmppRequestError && err.kind === 'closed');
    const r: ReconnectEvent = await reconnecting;
    assert.equal(r.attempt, 1);
    assert.equal(r.delay, 1_000);
    assert.equal(session.reconnectAt, clock.now() + 1_000);
    assert.equal(session.outstanding, 0);
    assert.equal(session.queued, 0);

    const rebound = stateReached(session, 'bound_trx');
    clock.advance(999);
    assert.equal(session.state, 'closed');
    clock.advance(1);
    await rebound;
    assert.notEqual(sim.connections[0].id, before);
    assert.deepEqual(
      states.items.map((e) => e.to),
      ['connecting', 'open', 'bound_trx', 'closed', 'connecting', 'open', 'bound_trx'],
    );
    await session.request('submit_sm', { destination_addr: '447700900001', short_message: 'again' });
  });

  it('keeps trying with growing delays while the simulator is down, and binds when it is back', async (t) => {
    const clock = new ManualClock();
    const first = await startSmsc(t, { clock });
    const port = first.port;
    const { session } = esmeFor(t, port, { clock, reconnect: true, reconnectBackoff: BACKOFF });
    const reconnects = new EventLog<ReconnectEvent>(session, 'reconnecting');
    await session.bind();

    await first.sim.close();
    const r1 = await reconnects.wait();
    assert.equal(r1.cause, 'the SMSC closed the connection');
    assert.equal(r1.delay, 1_000);
    clock.advance(r1.delay);
    const r2 = (await reconnects.waitCount(2))[1];
    assert.match(r2.cause, /^could not connect to 127\.0\.0\.1:\d+: connection refused/);
    assert.deepEqual([r2.attempt, r2.delay], [2, 2_000]);
    assert.equal(session.state, 'closed');

    // The simulator comes back on the same port.
    const second = await startSmsc(t, { clock, port });
    const rebound = stateReached(session, 'bound_trx');
    clock.advance(r2.delay);
    await rebound;
    assert.equal(second.sim.connections.length, 1);
    // A user's unbind stops reconnecting for good.
    const gone = next(second.sim, 'disconnect');
    await session.unbind();
    await gone;
    assert.equal(session.reconnectAt, undefined);
    assert.equal(clock.pending, 0);
  });
});
