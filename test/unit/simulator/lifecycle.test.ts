// The simulator's own life: listen on loopback (a free port by default), refuse a port in use,
// and close() leaving nothing behind: no server, no connection, no timer.
import assert from 'node:assert/strict';
import * as net from 'node:net';
import { describe, it } from 'node:test';
import { SmppRequestError } from '../../../src/smpp/session/esme';
import { startSimulator } from '../../../src/smpp/simulator/embedded';
import { SmscSimulator } from '../../../src/smpp/simulator/smsc';
import { ManualClock } from '../../support/manualClock';
import { esmeFor, startSmsc, stateReached } from '../../support/smscHarness';
import { next } from '../../support/waitFor';

const TIMEOUT = { timeout: 20_000 };

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('simulator: lifecycle', TIMEOUT, () => {
  it('listens on 127.0.0.1 and a free port by default', async (t) => {
    const sim = new SmscSimulator();
    t.after(() => sim.close());
    const addr = await sim.listen();
    assert.equal(addr.host, '127.0.0.1');
    assert.ok(addr.port > 0);
    assert.deepEqual(sim.address, addr);
    await assert.rejects(sim.listen(), /already listening/);
  });

  it('refuses a port in use with a clear reason', async (t) => {
    const s = await startSmsc(t);
    const other = new SmscSimulator({ port: s.port });
    t.after(() => other.close());
    await assert.rejects(other.listen(), new RegExp(`^Error: the simulator cannot listen on 127\\.0\\.0\\.1:${s.port}: port ${s.port} is already in use$`));
  });

  it('close() stops listening, closes every connection and clears every timer', async (t) => {
    const simClock = new ManualClock();
    const esmeClock = new ManualClock();
    const s = await startSmsc(t, {
      clock: simClock,
      enquireLinkInterval: 30_000,
      moInterval: 60_000,
      deliveryReceiptDelay: 10_000,
      faults: { responseDelay: (req) => (req.command === 'query_sm' ? 5_000 : 0) },
    });
    const tx = esmeFor(t, s.port, { clock: esmeClock, bind: { type: 'transmitter' } });
    const trx = esmeFor(t, s.port, { clock: esmeClock });
    await tx.session.bind();
    await trx.session.bind();
    await trx.session.request('submit_sm', { destination_addr: '447700900001', registered_delivery: 1, short_message: 'pending receipt' });
    const q = trx.session.request('query_sm', { message_id: '01' }).then(
      () => 'answered',
      (err: unknown) => err,
    );
    await s.smscPdus.wait((e) => e.direction === 'in' && e.command === 'query_sm');
    // Keepalive per connection, MO, the receipt, the delayed response.
    assert.ok(simClock.pending >= 5, `pending ${simClock.pending}`);

    const closeEvent = next(s.sim, 'close');
    const txClosed = stateReached(tx.session, 'closed');
    const trxClosed = stateReached(trx.session, 'closed');
    await s.sim.close();
    await closeEvent;
    assert.equal(simClock.pending, 0);
    assert.equal(s.sim.connections.length, 0);
    assert.equal(await canConnect(s.port), false);
    assert.equal((await txClosed).cause, 'the SMSC closed the connection');
    await trxClosed;
    const err = await q;
    assert.ok(err instanceof SmppRequestError && err.kind === 'closed');
    assert.equal(trx.session.outstanding, 0);
    await assert.rejects(s.sim.listen(), /was closed/);
    await s.sim.close(); // twice is harmless
  });

  it('starts embedded from a connection file’s settings in seconds and logs each PDU', async (t) => {
    const lines: string[] = [];
    const clock = new ManualClock();
    const running = await startSimulator({ deliveryReceiptDelay: 2, enquireLinkInterval: 0, moInterval: 0, log: (l) => lines.push(l), clock });
    t.after(() => running.close());
    assert.equal(running.host, '127.0.0.1');
    assert.equal(running.simulator.deliveryReceiptDelay, 2_000);
    const { session } = esmeFor(t, running.port, { clock });
    await session.bind();
    await session.unbind();
    await next(running.simulator, 'disconnect');
    const pduLines = lines.filter((l) => /^(in|out) /.test(l));
    assert.deepEqual(
      pduLines.map((l) => l.replace(/127\.0\.0\.1:\d+/, 'PEER')),
      [
        'in  PEER bind_transceiver seq=1 status=ESME_ROK',
        'out PEER bind_transceiver_resp seq=1 status=ESME_ROK',
        'in  PEER unbind seq=2 status=ESME_ROK',
        'out PEER unbind_resp seq=2 status=ESME_ROK',
      ],
    );
    assert.ok(lines.some((l) => /^bind 127\.0\.0\.1:\d+ transceiver system_id="test" accepted$/.test(l)));
    await running.close();
    assert.equal(clock.pending, 0);
  });
});
