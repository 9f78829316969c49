// enquire_link in both directions, on a ManualClock: the ESME's keepalive (answered by the
// simulator, recorded with its round trip) and the simulator's own (answered by the ESME,
// recorded as side 'smsc'), and the simulator dropping a link that stops answering.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KeepaliveEvent } from '../../../src/smpp/session/esme';
import type { SmscDisconnectEvent } from '../../../src/smpp/simulator/events';
import { ManualClock } from '../../support/manualClock';
import { RawSmppClient } from '../../support/rawSmppClient';
import { boundPair, startSmsc } from '../../support/smscHarness';
import { EventLog, next } from '../../support/waitFor';

const TIMEOUT = { timeout: 20_000 };

describe('simulator: keepalive', TIMEOUT, () => {
  it("answers the ESME's enquire_link; the ESME records the round trip", async (t) => {
    const { session, clock, smscPdus } = await boundPair(
      t,
      { faults: { responseDelay: (req) => (req.command === 'enquire_link' ? 40 : 0) } },
      { enquireLinkInterval: 30_000 },
    );
    const start = clock.now();
    const keepalives = new EventLog<KeepaliveEvent>(session, 'keepalive');
    clock.advance(30_000);
    const el = await smscPdus.wait((e) => e.direction === 'in' && e.command === 'enquire_link');
    assert.equal(session.outstanding, 1);
    clock.advance(40);
    const k = await keepalives.wait();
    assert.deepEqual(k, { at: start + 30_040, side: 'esme', rtt: 40 });
    assert.deepEqual(session.lastKeepalive, k);
    const resp = await smscPdus.wait((e) => e.direction === 'out' && e.command === 'enquire_link_resp');
    assert.equal(resp.sequence_number, el.sequence_number);
    assert.equal(session.outstanding, 0);
    assert.equal(session.state, 'bound_trx');
  });

  it('sends its own enquire_link after enquireLinkInterval of silence; the ESME answers and records it as the SMSC’s', async (t) => {
    const { sim, session, clock, smscPdus } = await boundPair(t, { enquireLinkInterval: 10_000 });
    const keepalives = new EventLog<KeepaliveEvent>(session, 'keepalive');
    const sent = () => smscPdus.filter((e) => e.direction === 'out' && e.command === 'enquire_link');

    clock.advance(9_999);
    assert.equal(sent().length, 0);
    clock.advance(1);
    assert.equal(sent().length, 1);
    const k = await keepalives.wait();
    assert.equal(k.side, 'smsc');
    assert.equal(k.rtt, undefined);
    const resp = await smscPdus.wait((e) => e.direction === 'in' && e.command === 'enquire_link_resp');
    assert.equal(resp.command_status, 0);
    assert.equal(resp.sequence_number, sent()[0].sequence_number);
    assert.equal(sim.connections[0].outstanding, 0);

    // Traffic counts as a sign of life: a submit 4 s later pushes the next enquire_link back.
    clock.advance(4_000);
    await session.request('submit_sm', { destination_addr: '447700900001', short_message: 'x' });
    clock.advance(6_000);
    assert.equal(sent().length, 1);
    clock.advance(4_000);
    assert.equal(sent().length, 2);
    await keepalives.waitCount(2);
  });

  it('sends enquire_link on demand and resolves with the round trip', async (t) => {
    const { sim, session } = await boundPair(t);
    const keepalive = next(session, 'keepalive');
    const rtt = await sim.connections[0].enquireLink();
    assert.equal(rtt, 0); // the ManualClock did not move
    assert.equal((await keepalive).side, 'smsc');
  });

  it('closes a link whose ESME stops answering enquire_link', async (t) => {
    const clock = new ManualClock();
    const s = await startSmsc(t, { clock, enquireLinkInterval: 1_000, responseTimeout: 3_000 });
    const raw = await RawSmppClient.connect(s.port);
    t.after(() => raw.close());
    await raw.bind('bind_transceiver');
    const gone = new EventLog<SmscDisconnectEvent>(s.sim, 'disconnect');
    clock.advance(1_000);
    const el = await raw.next((p) => p.command === 'enquire_link');
    // The raw peer never answers. A second enquire_link goes out meanwhile; then the first times out.
    clock.advance(3_000);
    await raw.closed;
    const d = await gone.wait();
    assert.equal(d.cause, 'no enquire_link_resp within 3.0 s: the link is dead');
    assert.equal(d.state, 'bound_trx');
    assert.equal(el.command_status, 0);
    assert.equal(s.sim.connections.length, 0);
  });
});
