// Sequence numbers through the proxy: each leg numbers its own requests, and every response goes
// back under the number of the request it answers, whatever the application uses (the top of
// the range, the same number twice) and in whatever order the SMSC answers.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { tcpConnector } from '../../../src/smpp/link/transport';
import { ManualClock } from '../../support/manualClock';
import { RawSmppClient } from '../../support/rawSmppClient';
import { startSmsc } from '../../support/smscHarness';
import { RawSmsc, assertNothingLeft, assertPaired, startProxy } from './support';

const TIMEOUT = { timeout: 30_000 };

function submit(text: string) {
  return { command: 'submit_sm', body: { source_addr: '12345', destination_addr: '447700900001', short_message: text } } as const;
}

describe('proxy sequence numbers', TIMEOUT, () => {
  it('renumbers requests per leg and maps each response back, even for numbers the application reuses', async (t) => {
    const s = await startSmsc(t);
    const p = await startProxy(t, tcpConnector({ host: '127.0.0.1', port: s.port }));
    const app = await RawSmppClient.connect(p.port);
    t.after(() => app.close());
    app.send({ command: 'bind_transceiver', sequence_number: 0x7fffffff, body: { system_id: 'a', password: 'b' } });
    assert.equal((await app.response(0x7fffffff)).command_status, 0);
    app.send({ ...submit('one'), sequence_number: 5 });
    app.send({ ...submit('two'), sequence_number: 5 });
    await app.received.waitCount(2, (pdu) => pdu.command === 'submit_sm_resp');
    const resps = app.received.filter((pdu) => pdu.command === 'submit_sm_resp');
    assert.deepEqual(resps.map((r) => [r.sequence_number, r.command_status]), [[5, 0], [5, 0]]);
    assert.notEqual((resps[0].body as { message_id: string }).message_id, (resps[1].body as { message_id: string }).message_id);
    // Upstream, the proxy's own numbering: 1 for the bind, then 2 and 3.
    assert.deepEqual(s.smscPdus.filter((e) => e.direction === 'in').map((e) => [e.command, e.sequence_number]), [['bind_transceiver', 1], ['submit_sm', 2], ['submit_sm', 3]]);
    const seq = app.send({ command: 'unbind', body: {} });
    await app.response(seq);
    await app.closed;
    await assertNothingLeft(p);
    for (const leg of ['app↔proxy', 'proxy↔smsc']) assertPaired(p.capture.records(), leg);
  });

  it('pairs responses the SMSC sends out of order', async (t) => {
    const simClock = new ManualClock();
    const s = await startSmsc(t, { clock: simClock });
    s.sim.setFaults({ responseDelay: (r) => (r.command === 'submit_sm' && r.sequence_number === 2 ? 1_000 : 0) });
    const p = await startProxy(t, tcpConnector({ host: '127.0.0.1', port: s.port }));
    const app = await RawSmppClient.connect(p.port);
    t.after(() => app.close());
    await app.bind('bind_transceiver');
    const slow = app.send({ ...submit('slow'), sequence_number: 40 });
    const fast = app.send({ ...submit('fast'), sequence_number: 41 });
    await app.response(fast);
    assert.equal(app.received.filter((pdu) => pdu.sequence_number === slow).length, 0);
    simClock.advance(1_000);
    await app.response(slow);
    const order = app.received.filter((pdu) => pdu.command === 'submit_sm_resp').map((pdu) => pdu.sequence_number);
    assert.deepEqual(order, [41, 40]);
    const stored = [...new Set(s.smscPdus.filter((e) => e.direction === 'out' && e.command === 'submit_sm_resp').map((e) => e.sequence_number))];
    assert.deepEqual(stored, [3, 2]);
    assertPaired(p.capture.records(), 'app↔proxy');
  });

  it('relays requests that get no response (alert_notification) without waiting for one', async (t) => {
    const { smsc, port } = await RawSmsc.start(t);
    const p = await startProxy(t, tcpConnector({ host: '127.0.0.1', port }));
    const app = await RawSmppClient.connect(p.port);
    t.after(() => app.close());
    const peer = smsc.peers.wait();
    await app.bind('bind_transceiver');
    const upstream = await peer;
    upstream.send({ command: 'alert_notification', sequence_number: 77, body: { source_addr: '447700900001', esme_addr: '12345' } });
    const alert = await app.next((pdu) => pdu.command === 'alert_notification');
    assert.equal(alert.sequence_number, 1);
    assert.equal((alert.body as { source_addr: string }).source_addr, '447700900001');
    assert.equal(p.proxy.outstanding, 0);
    const seq = app.send({ command: 'unbind', body: {} });
    await app.response(seq);
    await app.closed;
    await assertNothingLeft(p);
  });
});
