// Faults stay on their side of the proxy: the application drops → the SMSC leg is unbound; the
// SMSC drops → the application gets a clean unbind; a malformed PDU from either side gets
// generic_nack on that side and never reaches the other. Each case ends with nothing pending.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import * as net from 'node:net';
import { describe, it } from 'node:test';
import { encode } from '../../../src/smpp/codec';
import { tcpConnector } from '../../../src/smpp/link/transport';
import { STATUS } from '../../../src/smpp/tables/values';
import { ManualClock } from '../../support/manualClock';
import { RawSmppClient } from '../../support/rawSmppClient';
import { startSmsc } from '../../support/smscHarness';
import { next } from '../../support/waitFor';
import { RawSmsc, assertNothingLeft, assertPaired, startProxy, truncated } from './support';

const TIMEOUT = { timeout: 30_000 };

const SUBMIT = { command: 'submit_sm', body: { source_addr: '12345', destination_addr: '447700900001', short_message: 'hi' } } as const;

async function rawApp(t: Parameters<typeof startSmsc>[0], port: number): Promise<RawSmppClient> {
  const app = await RawSmppClient.connect(port);
  t.after(() => app.close());
  return app;
}

/**
 * An application bound through the proxy to the simulator, with a submit_sm the simulator has
 * received and holds (its response is due in 5 s on a clock the test never moves).
 */
async function submitOutstanding(t: Parameters<typeof startSmsc>[0]) {
  const s = await startSmsc(t, { clock: new ManualClock() });
  s.sim.setFaults({ responseDelay: (r) => (r.command === 'submit_sm' ? 5_000 : 0) });
  const p = await startProxy(t, tcpConnector({ host: '127.0.0.1', port: s.port }));
  const app = await rawApp(t, p.port);
  await app.bind('bind_transceiver');
  const seq = app.send(SUBMIT);
  await s.smscPdus.wait((e) => e.direction === 'in' && e.command === 'submit_sm');
  return { s, p, app, seq };
}

describe('proxy faults', TIMEOUT, () => {
  it('the application drops: the SMSC leg is unbound by the proxy, then closed', async (t) => {
    const s = await startSmsc(t);
    const p = await startProxy(t, tcpConnector({ host: '127.0.0.1', port: s.port }));
    const app = await rawApp(t, p.port);
    assert.equal((await app.bind('bind_transceiver')).command_status, 0);
    const unbound = next(s.sim, 'unbind');
    const gone = next(s.sim, 'disconnect');
    await app.close();
    assert.equal((await unbound).by, 'esme');
    assert.equal((await gone).cause, 'unbound by the ESME');
    await assertNothingLeft(p);
    const records = p.capture.records();
    const unbind = records.find((r) => r.leg === 'proxy↔smsc' && r.command === 'unbind');
    assert.ok(unbind && unbind.responseId !== undefined, 'the proxy’s unbind is captured and answered');
    assertPaired(records, 'proxy↔smsc');
    assert.ok(p.warnings.items.some((w) => /the application closed the connection: ending the SMSC's session cleanly/.test(w.message)));
  });

  it('the application drops with a bind in flight: the bind is answered upstream, then unbound', async (t) => {
    const simClock = new ManualClock();
    const s = await startSmsc(t, { clock: simClock });
    s.sim.setFaults({ responseDelay: (r) => (r.command === 'bind_transceiver' ? 1_000 : 0) });
    const p = await startProxy(t, tcpConnector({ host: '127.0.0.1', port: s.port }));
    const app = await rawApp(t, p.port);
    app.send({ command: 'bind_transceiver', body: { system_id: 'test', password: 'test' } });
    await s.smscPdus.wait((e) => e.direction === 'in' && e.command === 'bind_transceiver');
    await app.close();
    const unbound = next(s.sim, 'unbind');
    simClock.advance(1_000);
    assert.equal((await unbound).by, 'esme');
    await assertNothingLeft(p);
  });

  it('the application drops with a submit outstanding: the late response goes nowhere, the SMSC is unbound', async (t) => {
    const { s, p, app } = await submitOutstanding(t);
    const unbound = next(s.sim, 'unbind');
    await app.close();
    await unbound;
    await assertNothingLeft(p);
  });

  it('the application drops with a deliver_sm unanswered: the SMSC gets ESME_RX_T_APPN for it, then the unbind', async (t) => {
    const { smsc, port } = await RawSmsc.start(t);
    const p = await startProxy(t, tcpConnector({ host: '127.0.0.1', port }));
    const app = await rawApp(t, p.port);
    const peer = smsc.peers.wait();
    await app.bind('bind_transceiver');
    const upstream = await peer;
    upstream.send({ command: 'deliver_sm', sequence_number: 500, body: { source_addr: '447700900001', destination_addr: '12345', short_message: 'MO' } });
    await app.next((pdu) => pdu.command === 'deliver_sm');
    await app.close();
    const resp = await upstream.next((pdu) => pdu.command === 'deliver_sm_resp');
    assert.deepEqual([resp.sequence_number, resp.command_status], [500, STATUS.ESME_RX_T_APPN]);
    await upstream.next((pdu) => pdu.command === 'unbind');
    await upstream.closed;
    await assertNothingLeft(p);
    assertPaired(p.capture.records(), 'proxy↔smsc');
  });

  it('the SMSC drops: the application’s open request fails with ESME_RSYSERR, then a clean unbind, then close', async (t) => {
    const { s, p, app, seq } = await submitOutstanding(t);
    s.sim.connections[0].destroy('the test cut the SMSC');

    const failed = await app.response(seq);
    assert.equal(failed.command, 'submit_sm_resp');
    assert.equal(failed.command_status, STATUS.ESME_RSYSERR);
    const unbind = await app.next((pdu) => pdu.command === 'unbind');
    assert.equal(app.received.filter((pdu) => pdu.command === 'unbind').length, 1);
    app.send({ command: 'unbind_resp', sequence_number: unbind.sequence_number, body: {} });
    await app.closed;
    await assertNothingLeft(p);
    assertPaired(p.capture.records(), 'app↔proxy');
    const proxyUnbind = p.capture.records().find((r) => r.leg === 'app↔proxy' && r.command === 'unbind');
    assert.equal(proxyUnbind?.direction, 'in');
  });

  it('the SMSC cannot be reached: the bind is refused with ESME_RBINDFAIL and the connection closed', async (t) => {
    const closedPort = await new Promise<number>((resolve) => {
      const srv = net.createServer();
      srv.listen(0, '127.0.0.1', () => {
        const port = (srv.address() as net.AddressInfo).port;
        srv.close(() => resolve(port));
      });
    });
    const p = await startProxy(t, tcpConnector({ host: '127.0.0.1', port: closedPort, connectTimeout: 5_000 }));
    const app = await rawApp(t, p.port);
    const resp = await app.bind('bind_transceiver');
    assert.equal(resp.command_status, STATUS.ESME_RBINDFAIL);
    await app.closed;
    await assertNothingLeft(p);
    assert.ok(p.warnings.items.some((w) => /could not reach the SMSC: could not connect to 127\.0\.0\.1:\d+: connection refused/.test(w.message)));
  });

  it('a malformed PDU from the application gets generic_nack and never reaches the SMSC', async (t) => {
    const s = await startSmsc(t);
    const p = await startProxy(t, tcpConnector({ host: '127.0.0.1', port: s.port }));
    const app = await rawApp(t, p.port);
    await app.bind('bind_transceiver');

    const cut = truncated(encode({ ...SUBMIT, sequence_number: 41 }), 25);
    app.sendBytes(cut);
    const nack = await app.response(41);
    assert.equal(nack.command, 'generic_nack');
    assert.equal(nack.command_status, STATUS.ESME_RINVMSGLEN);

    app.sendBytes(Buffer.from('0000001000000110000000000000002a', 'hex'));
    const nack2 = await app.response(42);
    assert.equal(nack2.command, 'generic_nack');
    assert.equal(nack2.command_status, STATUS.ESME_RINVCMDID);

    // A readable request with a bad field gets its own _resp naming the field, not relayed either.
    // encode refuses a destination_addr over its 21 octets, so the 25 digits are spliced in by hand.
    const good = encode({ command: 'submit_sm', sequence_number: 43, body: { source_addr: '1', destination_addr: '2', short_message: 'x' } });
    const at = good.indexOf(0x32); // the one digit of destination_addr
    const bad = Buffer.concat([good.subarray(0, at), Buffer.from('2'.repeat(25), 'latin1'), good.subarray(at + 1)]);
    bad.writeUInt32BE(bad.length, 0);
    app.sendBytes(bad);
    const fieldResp = await app.response(43);
    assert.equal(fieldResp.command, 'submit_sm_resp');
    assert.equal(fieldResp.command_status, STATUS.ESME_RINVDSTADR);

    // The session goes on.
    const ping = app.send({ command: 'enquire_link', body: {} });
    assert.equal((await app.response(ping)).command_status, 0);
    assert.deepEqual(
      s.smscPdus.filter((e) => e.direction === 'in').map((e) => e.command),
      ['bind_transceiver', 'enquire_link'],
    );

    // A stream that cannot be framed: generic_nack with sequence 0, the application's connection
    // closes, and the SMSC leg is unbound.
    const unbound = next(s.sim, 'unbind');
    app.sendBytes(Buffer.from('0000000800000015', 'hex'));
    const fatal = await app.next((pdu) => pdu.command === 'generic_nack' && pdu.sequence_number === 0);
    assert.equal(fatal.command_status, STATUS.ESME_RINVCMDLEN);
    await app.closed;
    assert.equal((await unbound).by, 'esme');
    await assertNothingLeft(p);
    assertPaired(p.capture.records(), 'proxy↔smsc');
  });

  it('a malformed PDU from the SMSC gets generic_nack and never reaches the application', async (t) => {
    const { smsc, port } = await RawSmsc.start(t);
    const p = await startProxy(t, tcpConnector({ host: '127.0.0.1', port }));
    const app = await rawApp(t, p.port);
    const peerArrives = smsc.peers.wait();
    assert.equal((await app.bind('bind_transceiver')).command_status, 0);
    const upstream = await peerArrives;

    // A deliver_sm whose body is cut short.
    const deliver = encode({ command: 'deliver_sm', sequence_number: 7, body: { source_addr: '447700900001', destination_addr: '12345', short_message: 'receipt' } });
    upstream.sendBytes(truncated(deliver, 30));
    const nack = await upstream.next((pdu) => pdu.command === 'generic_nack' && pdu.sequence_number === 7);
    assert.equal(nack.command_status, STATUS.ESME_RINVMSGLEN);
    // An unknown command_id.
    upstream.sendBytes(Buffer.from('00000010000001100000000000000008', 'hex'));
    assert.equal((await upstream.next((pdu) => pdu.command === 'generic_nack' && pdu.sequence_number === 8)).command_status, STATUS.ESME_RINVCMDID);

    // A response that cannot be read: the SMSC gets generic_nack, the application ESME_RSYSERR.
    const seq = app.send(SUBMIT);
    const submit = await upstream.next((pdu) => pdu.command === 'submit_sm');
    const resp = encode({ command: 'submit_sm_resp', sequence_number: submit.sequence_number, body: { message_id: 'abc' } });
    upstream.sendBytes(truncated(resp, resp.length - 1));
    assert.equal((await upstream.next((pdu) => pdu.command === 'generic_nack' && pdu.sequence_number === submit.sequence_number)).command_status, STATUS.ESME_RINVMSGLEN);
    const failed = await app.response(seq);
    assert.equal(failed.command, 'submit_sm_resp');
    assert.equal(failed.command_status, STATUS.ESME_RSYSERR);

    // A well-formed deliver_sm still goes through, under the proxy's own sequence number.
    upstream.send({ command: 'deliver_sm', sequence_number: 9, body: { source_addr: '447700900001', destination_addr: '12345', short_message: 'fine' } });
    const delivered = await app.next((pdu) => pdu.command === 'deliver_sm');
    app.send({ command: 'deliver_sm_resp', sequence_number: delivered.sequence_number, body: { message_id: '' } });
    assert.equal((await upstream.next((pdu) => pdu.command === 'deliver_sm_resp')).sequence_number, 9);
    assert.equal(app.received.filter((pdu) => pdu.command === 'deliver_sm').length, 1);
    assert.ok(!app.received.items.some((pdu) => pdu.command === 'generic_nack' || pdu.command === 'unknown'));

    // A length that cannot be framed: generic_nack with sequence 0, the SMSC leg closes, and the
    // application gets a clean unbind.
    upstream.sendBytes(Buffer.from('ffffffff000000150000000000000001', 'hex'));
    assert.equal((await upstream.next((pdu) => pdu.command === 'generic_nack' && pdu.sequence_number === 0)).command_status, STATUS.ESME_RINVCMDLEN);
    await upstream.closed;
    const unbind = await app.next((pdu) => pdu.command === 'unbind');
    app.send({ command: 'unbind_resp', sequence_number: unbind.sequence_number, body: {} });
    await app.closed;
    await assertNothingLeft(p);
    for (const leg of ['app↔proxy', 'proxy↔smsc']) assertPaired(p.capture.records(), leg);
  });

  it('the SMSC unbinds: the unbind reaches the application, its unbind_resp the SMSC, and both close', async (t) => {
    const s = await startSmsc(t);
    const p = await startProxy(t, tcpConnector({ host: '127.0.0.1', port: s.port }));
    const app = await rawApp(t, p.port);
    await app.bind('bind_transceiver');
    const done = s.sim.connections[0].unbind();
    const unbind = await app.next((pdu) => pdu.command === 'unbind');
    app.send({ command: 'unbind_resp', sequence_number: unbind.sequence_number, body: {} });
    await done;
    await app.closed;
    await assertNothingLeft(p);
    assert.deepEqual(p.warnings.items, []);
  });

  it('close() unbinds a bound application and its SMSC, and leaves nothing behind', async (t) => {
    const s = await startSmsc(t);
    const p = await startProxy(t, tcpConnector({ host: '127.0.0.1', port: s.port }));
    const app = await rawApp(t, p.port);
    await app.bind('bind_transceiver');
    app.received.wait((pdu) => pdu.command === 'unbind').then(
      (u) => app.send({ command: 'unbind_resp', sequence_number: u.sequence_number, body: {} }),
      () => undefined,
    );
    const upstreamUnbound = next(s.sim, 'unbind');
    const closed = once(p.proxy, 'close');
    await p.proxy.close();
    await closed;
    assert.equal((await upstreamUnbound).by, 'esme');
    await app.closed;
    assert.equal(p.proxy.clientCount, 0);
    assert.equal(p.clock.pending, 0);
    await assert.rejects(RawSmppClient.connect(p.port), /ECONNREFUSED/);
  });
});
