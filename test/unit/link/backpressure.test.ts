// A peer that floods enquire_link and stops reading its socket, against each role on the link:
// the role stops reading from that peer (its socket is paused), what it has queued to write stays
// bounded, a well-behaved peer is still served meanwhile, and once the hostile peer reads again
// every one of its requests is answered: nothing was dropped, only held back in TCP.
import assert from 'node:assert/strict';
import { describe, it, type TestContext } from 'node:test';
import { EsmeSession, SmppRequestError } from '../../../src/smpp/session/esme';
import { tcpConnector } from '../../../src/smpp/link/transport';
import { SmppProxy } from '../../../src/smpp/proxy/proxy';
import { ManualClock } from '../../support/manualClock';
import { RawSmppClient } from '../../support/rawSmppClient';
import { esmeFor, startSmsc } from '../../support/smscHarness';
import { RawSmsc } from '../proxy/support';

/** What the role may hold queued for a peer that does not read: far below what the flood sends. */
const BOUNDED = 1024 * 1024;
/** The flood stops once this much waits in the hostile peer's own socket: the role has stopped reading. */
const BACKED_UP = 2 * 1024 * 1024;
/** A role that never stops reading would take this many; the test then fails instead of running on. */
const MAX_FLOOD = 3_000_000;

/** Floods until the hostile peer's writes back up; returns how many enquire_links it sent. */
async function floodUntilBackedUp(peer: RawSmppClient): Promise<number> {
  peer.stopRecording();
  peer.pauseReading();
  const sent = await peer.floodEnquireLink(() => peer.writableLength > BACKED_UP, MAX_FLOOD);
  assert.ok(peer.writableLength > BACKED_UP, `the role kept reading: ${sent} enquire_links were taken without backing up`);
  return sent;
}

/** Reads again and waits until every enquire_link of the flood has its response. */
async function drainAndCount(peer: RawSmppClient, sent: number): Promise<void> {
  peer.resumeReading();
  while (peer.count('enquire_link_resp') < sent) {
    await new Promise((resolve) => peer.once('pdu', resolve));
  }
  assert.equal(peer.count('enquire_link_resp'), sent, 'every enquire_link of the flood is answered, once');
}

async function rawClient(t: TestContext, port: number): Promise<RawSmppClient> {
  const c = await RawSmppClient.connect(port);
  t.after(() => c.destroy());
  return c;
}

describe('backpressure: a peer that floods and does not read', () => {
  it('the ESME stops reading from such an SMSC, keeps its write queue bounded, and loses nothing', async (t) => {
    const { smsc, port } = await RawSmsc.start(t);
    const peerReady = smsc.peers.wait();
    const { session, pdus } = esmeFor(t, port);
    pdus.stop(); // the flood's PDUs are not kept by the test
    await session.bind();
    const peer = await peerReady;
    const sent = await floodUntilBackedUp(peer);
    assert.equal(session.readingPaused, true, 'the ESME paused its socket');
    assert.ok(session.writableLength < BOUNDED, `the ESME holds ${session.writableLength} octets for the SMSC`);
    assert.equal(session.state, 'bound_trx');
    await drainAndCount(peer, sent);
    assert.equal(session.readingPaused, false, 'reading resumed once the SMSC read again');
  });

  it('the simulator stops reading from such an ESME and still serves another one', async (t) => {
    const { sim, port, smscPdus } = await startSmsc(t, { inactivityTimeout: 0 });
    smscPdus.stop(); // the flood's PDUs are not kept by the test
    const hostile = await rawClient(t, port);
    assert.equal((await hostile.bind('bind_transceiver')).command_status, 0);
    const sent = await floodUntilBackedUp(hostile);
    const conn = sim.connections[0]!;
    assert.equal(conn.readingPaused, true, 'the simulator paused that connection');
    assert.ok(conn.writableLength < BOUNDED, `the simulator holds ${conn.writableLength} octets for it`);
    // A well-behaved ESME binds and is answered while the flood is held back.
    const { session } = esmeFor(t, port);
    await session.bind();
    assert.ok((await session.enquireLink()) >= 0);
    await session.unbind();
    await drainAndCount(hostile, sent);
  });

  it('the proxy stops reading from such an application, bounds what it holds for it, and still serves another one', async (t) => {
    const { port: smscPort, smscPdus } = await startSmsc(t, { inactivityTimeout: 0 });
    smscPdus.stop(); // the flood's PDUs are not kept by the test
    const proxy = new SmppProxy({ port: 0, upstream: tcpConnector({ host: '127.0.0.1', port: smscPort }), maxOutstanding: 200 });
    t.after(() => proxy.close());
    const { port } = await proxy.listen();
    const hostile = await rawClient(t, port);
    assert.equal((await hostile.bind('bind_transceiver')).command_status, 0);
    const sent = await floodUntilBackedUp(hostile);
    const id = proxy.clients[0]!.id;
    const flow = proxy.clientFlow(id)!;
    assert.equal(flow.app!.readingPaused, true, 'the proxy paused the application');
    assert.ok(flow.app!.writableLength < BOUNDED, `the proxy holds ${flow.app!.writableLength} octets for the application`);
    assert.ok(proxy.outstanding <= 2 * 200, `${proxy.outstanding} requests outstanding through the proxy, with a cap of 200`);
    const good = new EsmeSession({
      connector: tcpConnector({ host: '127.0.0.1', port }),
      bind: { type: 'transceiver', system_id: 'good', password: 'good' },
      enquireLinkInterval: 0,
      responseTimeout: 5_000,
      window: 10,
      reconnect: false,
    });
    t.after(() => good.close());
    await good.bind();
    assert.ok((await good.enquireLink()) >= 0);
    await good.unbind();
    await drainAndCount(hostile, sent);
  });
});

describe('caps: requests held for an answer', () => {
  it('the proxy relays at most maxOutstanding requests of one application to an SMSC that does not answer', async (t) => {
    const { smsc, port: smscPort } = await RawSmsc.start(t);
    const proxy = new SmppProxy({ port: 0, upstream: tcpConnector({ host: '127.0.0.1', port: smscPort }), maxOutstanding: 50 });
    t.after(() => proxy.close());
    const { port } = await proxy.listen();
    const app = await rawClient(t, port);
    const upstreamReady = smsc.peers.wait();
    assert.equal((await app.bind('bind_transmitter')).command_status, 0);
    const upstream = await upstreamReady;
    const submit = { command: 'submit_sm' as const, body: { destination_addr: '447700900001', short_message: new Uint8Array([0x68, 0x69]) } };
    const seqs: number[] = [];
    for (let i = 0; i < 500; i++) seqs.push(app.send(submit));
    // The SMSC answers nothing: the proxy relays 50, then stops reading from the application.
    await upstream.received.waitCount(50, (p) => p.command === 'submit_sm');
    const id = proxy.clients[0]!.id;
    while (!proxy.clientFlow(id)!.app!.readingPaused) await new Promise((resolve) => setImmediate(resolve));
    assert.equal(upstream.count('submit_sm'), 50);
    assert.equal(proxy.clientFlow(id)!.app!.unanswered, 50);
    // Each answer lets exactly one more through.
    const relayed = upstream.received.filter((p) => p.command === 'submit_sm');
    for (const p of relayed.slice(0, 5)) upstream.send({ command: 'submit_sm_resp', sequence_number: p.sequence_number, body: { message_id: `m${p.sequence_number}` } });
    await upstream.received.waitCount(55, (p) => p.command === 'submit_sm');
    await app.response(seqs[4]!);
    assert.equal(upstream.count('submit_sm'), 55);
    assert.ok(proxy.clientFlow(id)!.app!.unanswered <= 50);
    // The application goes; the proxy's unbind toward the SMSC is answered, and it closes.
    app.destroy();
    await proxy.close();
  });
});

describe('caps: requests waiting to be sent, and requests of the simulator', () => {
  it('the ESME queues at most maxQueued requests behind a full window, and refuses the next at once', async (t) => {
    const { port } = await RawSmsc.start(t);
    const { session } = esmeFor(t, port, { window: 1, maxQueued: 3 });
    await session.bind();
    // The bare SMSC answers no submit: one goes out, three wait, the fifth is refused.
    const outcomes = [0, 1, 2, 3].map(() => session.request('submit_sm', { destination_addr: '447700900001' }).catch((err: unknown) => err));
    await assert.rejects(session.request('submit_sm', { destination_addr: '447700900001' }), (err: unknown) => err instanceof SmppRequestError && err.kind === 'full' && /3 requests already wait/.test(err.message));
    assert.equal(session.outstanding, 1);
    assert.equal(session.queued, 3);
    session.close('the test ended');
    for (const o of await Promise.all(outcomes)) assert.ok(o instanceof SmppRequestError && o.kind === 'closed', String(o));
  });

  it('the simulator keeps at most maxOutstanding deliver_sm unanswered on a connection, and holds the rest of the receipts', async (t) => {
    const clock = new ManualClock();
    const { sim, port } = await startSmsc(t, { clock, maxOutstanding: 5, deliveryReceiptDelay: 0, inactivityTimeout: 0 });
    const esme = await rawClient(t, port);
    assert.equal((await esme.bind('bind_transceiver')).command_status, 0);
    for (let i = 0; i < 20; i++) await esme.response(esme.send({ command: 'submit_sm', body: { destination_addr: '447700900001', registered_delivery: 1 } }));
    clock.advance(0);
    // The ESME answers no deliver_sm: five go out, fifteen receipts wait for room.
    await esme.received.waitCount(5, (p) => p.command === 'deliver_sm');
    const conn = sim.connections[0]!;
    assert.equal(conn.outstanding, 5);
    assert.equal(sim.waitingDeliveries('test'), 15);
    // Each answer makes room for one more.
    const first = esme.received.filter((p) => p.command === 'deliver_sm').slice(0, 2);
    for (const p of first) esme.send({ command: 'deliver_sm_resp', sequence_number: p.sequence_number, body: {} });
    await esme.received.waitCount(7, (p) => p.command === 'deliver_sm');
    assert.equal(conn.outstanding, 5);
    assert.equal(sim.waitingDeliveries('test'), 13);
  });
});
