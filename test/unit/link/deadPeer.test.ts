// An SMSC whose TCP stays open but which answers nothing (a hung process). Keepalive timing
// follows what the SMSC sends, not what the ESME sends: however many submits go out, after
// enquireLinkInterval of silence an enquire_link goes out, and when that is not answered within
// responseTimeout the link is declared dead: every pending request fails, the session ends, and
// it reconnects where configured. A load test against it ends by itself, saying how far it got.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LoadTest } from '../../../src/smpp/loadtest';
import { SmppRequestError, type ReconnectEvent } from '../../../src/smpp/session/esme';
import { ManualClock } from '../../support/manualClock';
import { esmeFor, stateReached } from '../../support/smscHarness';
import { EventLog } from '../../support/waitFor';
import { RawSmsc, type RawPeer } from '../proxy/support';

const INTERVAL = 30_000;
const TIMEOUT = 10_000;
const submit = { destination_addr: '447700900001', short_message: new Uint8Array([0x68, 0x69]) };

/** Lets socket reads and promise callbacks run. */
async function turns(n = 5): Promise<void> {
  for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve));
}

describe('a peer that goes silent', () => {
  it('is declared dead after enquireLinkInterval + responseTimeout even while submits keep going out', async (t) => {
    const clock = new ManualClock();
    const { smsc, port } = await RawSmsc.start(t);
    const peerReady = smsc.peers.wait();
    const { session } = esmeFor(t, port, { clock, enquireLinkInterval: INTERVAL, responseTimeout: TIMEOUT, reconnect: true });
    const reconnecting = new EventLog<ReconnectEvent>(session, 'reconnecting');
    await session.bind();
    const peer: RawPeer = await peerReady;
    // The SMSC hangs: it still reads, but answers nothing from now on.
    const outcomes: Promise<unknown>[] = [];
    for (let s = 0; s < INTERVAL; s += 5_000) {
      outcomes.push(session.request('submit_sm', submit).catch((err: unknown) => err));
      await peer.received.waitCount(outcomes.length, (p) => p.command === 'submit_sm');
      clock.advance(5_000);
    }
    // 30 s without a PDU from the SMSC, though the ESME wrote a submit every 5 s: enquire_link.
    const enquire = await peer.next((p) => p.command === 'enquire_link');
    assert.ok(enquire.sequence_number > 0);
    assert.equal(session.state, 'bound_trx');
    // The earlier submits timed out one by one; this one is still pending when the link dies.
    const last = session.request('submit_sm', submit).catch((err: unknown) => err);
    await peer.received.waitCount(outcomes.length + 1, (p) => p.command === 'submit_sm');
    const closed = stateReached(session, 'closed');
    clock.advance(TIMEOUT - 1);
    await turns();
    assert.equal(session.state, 'bound_trx', 'not dead before responseTimeout');
    clock.advance(1);
    const c = await closed;
    assert.equal(c.cause, `no enquire_link_resp within ${(TIMEOUT / 1000).toFixed(1)} s: the link is dead`);
    assert.equal(session.lastError, c.cause);
    for (const o of await Promise.all(outcomes)) assert.ok(o instanceof SmppRequestError && o.kind === 'timeout', String(o));
    const l: unknown = await last;
    assert.ok(l instanceof SmppRequestError && l.kind === 'closed' && l.message.includes('the link is dead'), String(l));
    assert.equal(session.outstanding, 0);
    assert.equal((await reconnecting.wait()).cause, c.cause, 'it reconnects, as configured');
    session.close();
  });

  it('ends a load test by itself, non-zero, with the count acknowledged before the SMSC hung', async (t) => {
    const clock = new ManualClock();
    const { smsc, port } = await RawSmsc.start(t);
    const peerReady = smsc.peers.wait();
    const { session } = esmeFor(t, port, { clock, enquireLinkInterval: INTERVAL, responseTimeout: TIMEOUT, window: 10 });
    await session.bind();
    const peer = await peerReady;
    let answered = 0;
    peer.on('pdu', (pdu) => {
      // Five submits are answered, then the SMSC hangs with its TCP open.
      if (pdu.command === 'submit_sm' && answered < 5) {
        answered++;
        peer.send({ command: 'submit_sm_resp', sequence_number: pdu.sequence_number, body: { message_id: `m${answered}` } });
      }
    });
    const test = new LoadTest(session, { count: 100_000, rate: 0, window: 10, to: '447700900000-447700900099', receipts: false, clock });
    const running = test.run();
    await peer.received.waitCount(15, (p) => p.command === 'submit_sm');
    await turns();
    assert.equal(test.snapshot().totals.acknowledged, 5);
    // The submits in flight time out one window at a time; the keepalive sees 30 s of silence
    // and its enquire_link gets no answer: the session is over, and so is the load test.
    for (let i = 0; i < 10 && session.isBound; i++) {
      clock.advance(TIMEOUT / 2);
      await turns();
    }
    const r = await running;
    assert.match(r.stopReason ?? '', /the link is dead/);
    assert.equal(r.totals.acknowledged, 5);
    assert.ok(r.totals.submitted < 100, `${r.totals.submitted} submitted before it ended`);
    assert.equal(r.totals.submitted, r.totals.acknowledged + r.totals.failed);
    assert.ok(r.durationMs <= INTERVAL + TIMEOUT + 5_000, `ended after ${r.durationMs} ms`);
  });
});
