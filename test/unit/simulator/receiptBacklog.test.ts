// Receipts that no receiver can take wait in one backlog for the whole simulator, not one per
// system_id: an ESME that binds under many system_ids cannot make it hold more than the cap. What
// the cap drops is named in the log, and what it keeps is delivered once a receiver binds.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { WirePdu } from '../../../src/smpp/link/wire';
import type { SmscWarningEvent } from '../../../src/smpp/simulator/events';
import { ManualClock } from '../../support/manualClock';
import { esmeFor, startSmsc } from '../../support/smscHarness';
import { EventLog } from '../../support/waitFor';

const submit = { destination_addr: '447700900001', registered_delivery: 1, short_message: 'receipt wanted' };

describe('simulator: the receipt backlog', () => {
  it('holds at most maxWaitingDeliveries receipts across every system_id, and says what it drops', async (t) => {
    const clock = new ManualClock();
    const { sim, port } = await startSmsc(t, { clock, deliveryReceiptDelay: 1_000, maxWaitingDeliveries: 10, inactivityTimeout: 0 });
    const warnings = new EventLog<SmscWarningEvent>(sim, 'warning');
    // Three transmitters (they cannot take receipts), each with its own system_id.
    for (const id of ['alpha', 'bravo', 'charlie']) {
      const { session } = esmeFor(t, port, { clock, bind: { type: 'transmitter', system_id: id } });
      await session.bind();
      for (let i = 0; i < 6; i++) await session.request('submit_sm', submit);
    }
    clock.advance(1_000);
    assert.equal(sim.waitingDeliveries(), 10, 'one cap for all system_ids');
    const dropped = warnings.filter((w) => /receipts wait for a receiver; receipt for message \w+ \(\w+\) dropped/.test(w.message));
    assert.equal(dropped.length, 18 - 10);
    assert.equal(sim.waitingDeliveries('alpha') + sim.waitingDeliveries('bravo') + sim.waitingDeliveries('charlie'), 10);
    // A receiver for charlie takes what was kept for charlie.
    const kept = sim.waitingDeliveries('charlie');
    assert.ok(kept > 0);
    const { session: receiver } = esmeFor(t, port, { clock, bind: { type: 'receiver', system_id: 'charlie' } });
    const delivered = new EventLog<WirePdu>(receiver, 'deliver');
    await receiver.bind();
    await delivered.waitCount(kept);
    assert.equal(sim.waitingDeliveries('charlie'), 0);
    assert.equal(sim.waitingDeliveries(), 10 - kept);
  });
});
