// SMPP 5.0's session_init_timer and inactivity_timer on the proxy's application side, on the
// proxy's ManualClock, with the simulator behind it: an application that does not bind in time
// is closed, and so is a bound one that goes quiet (its SMSC side unbound cleanly); binding
// stops the first, and enquire_link keeps the second at bay.
import assert from 'node:assert/strict';
import { describe, it, type TestContext } from 'node:test';
import { tcpConnector } from '../../../src/smpp/link/transport';
import type { ProxyClientInfo } from '../../../src/smpp/proxy/types';
import type { SmscDisconnectEvent } from '../../../src/smpp/simulator/events';
import { ManualClock } from '../../support/manualClock';
import { RawSmppClient } from '../../support/rawSmppClient';
import { startSmsc } from '../../support/smscHarness';
import { EventLog } from '../../support/waitFor';
import { assertNothingLeft, startProxy, type RunningProxy } from './support';

const TIMEOUT = { timeout: 30_000 };

/** A raw application connected to the proxy, once the proxy has its client (and its timers). */
async function connect(t: TestContext, p: RunningProxy): Promise<{ app: RawSmppClient; client: ProxyClientInfo }> {
  const clients = new EventLog<ProxyClientInfo>(p.proxy, 'client');
  const app = await RawSmppClient.connect(p.port);
  t.after(() => app.close());
  const client = await clients.wait();
  clients.stop();
  return { app, client };
}

/** The simulator behind a proxy; the simulator's clock never moves, so only the proxy's timers run. */
async function proxyBeforeSimulator(t: TestContext, timers: { sessionInitTimeout?: number; inactivityTimeout?: number }) {
  const s = await startSmsc(t, { clock: new ManualClock() });
  const p = await startProxy(t, tcpConnector({ host: '127.0.0.1', port: s.port }), timers);
  return { s, p };
}

describe('proxy: session-init and inactivity timers', TIMEOUT, () => {
  it('closes an application that has not bound within sessionInitTimeout, not before; a bound one stays', async (t) => {
    const { p } = await proxyBeforeSimulator(t, { sessionInitTimeout: 5_000, inactivityTimeout: 0 });
    const idle = await connect(t, p);
    const bound = await connect(t, p);
    p.clock.advance(1_000);
    assert.equal((await bound.app.bind('bind_transceiver')).command_status, 0);

    p.clock.advance(3_999);
    // 4.999 s after connecting: still open, and its enquire_link answered.
    assert.notEqual(await idle.app.enquireLink(), 'closed', 'the idle application is still connected after 4.999 s');
    assert.equal(p.closedClients.items.length, 0);

    p.clock.advance(1);
    await idle.app.closed;
    const closed = await p.closedClients.wait();
    assert.equal(closed.info.id, idle.client.id);
    assert.equal(closed.cause, 'the application did not bind within the session-init timer: closed');

    // Binding stopped the timer for the other one.
    p.clock.advance(60_000);
    assert.equal(await bound.app.enquireLink(), 0);
    assert.deepEqual(
      p.proxy.clients.map((c) => c.id),
      [bound.client.id],
    );
    assert.equal(p.closedClients.items.length, 1);
    await bound.app.close();
    await assertNothingLeft(p, 2);
  });

  it('closes a bound application that sends nothing for inactivityTimeout, unbinding its SMSC side; one that sends enquire_link stays open', async (t) => {
    const { s, p } = await proxyBeforeSimulator(t, { inactivityTimeout: 30_000 });
    const upstreamGone = new EventLog<SmscDisconnectEvent>(s.sim, 'disconnect');
    t.after(() => upstreamGone.stop());
    const quiet = await connect(t, p);
    const chatty = await connect(t, p);
    assert.equal((await quiet.app.bind('bind_transceiver', 'quiet')).command_status, 0);
    assert.equal((await chatty.app.bind('bind_transceiver', 'chatty')).command_status, 0);

    for (let i = 0; i < 2; i++) {
      p.clock.advance(10_000);
      assert.equal(await chatty.app.enquireLink(), 0);
    }
    p.clock.advance(9_999);
    // 29.999 s of silence: the SMSC can still reach the quiet application through the proxy.
    // What reaches the application does not count as its activity; it leaves this unanswered.
    const upstream = s.sim.connections.find((c) => c.systemId === 'quiet');
    assert.ok(upstream);
    const probe = upstream.enquireLink().then(
      () => 'answered',
      (e: Error) => e.message,
    );
    const reached = await Promise.race([quiet.app.next((pdu) => pdu.command === 'enquire_link').then(() => true), quiet.app.closed.then(() => false)]);
    assert.ok(reached, 'the quiet application is still connected after 29.999 s');
    assert.equal(p.closedClients.items.length, 0);

    p.clock.advance(1);
    await quiet.app.closed;
    const closed = await p.closedClients.wait();
    assert.equal(closed.info.id, quiet.client.id);
    assert.equal(closed.cause, 'the application sent nothing for 30.0 s (the inactivity timer): closed');
    const d = await upstreamGone.wait();
    assert.equal(d.system_id, 'quiet');
    assert.equal(d.cause, 'unbound by the ESME');
    await probe;

    // The chatty one keeps going well past the timer.
    for (let i = 0; i < 6; i++) {
      p.clock.advance(10_000);
      assert.equal(await chatty.app.enquireLink(), 0);
    }
    assert.deepEqual(
      p.proxy.clients.map((c) => c.system_id),
      ['chatty'],
    );
    assert.equal(p.closedClients.items.length, 1);
    assert.deepEqual(
      s.sim.connections.map((c) => c.systemId),
      ['chatty'],
    );
  });
});
