// The user's application, built on node-smpp's client (npm `smpp`), binds through the proxy:
// once to our simulator, once to node-smpp's own server in its own process. It submits with a
// receipt, receives the receipt, exchanges enquire_link and unbinds; every PDU shows in the
// capture on both legs, paired with its response, and the proxy ends with nothing left.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { decode } from '../../../src/smpp/codec';
import { writePcap } from '../../../src/smpp/pcap';
import { tcpConnector } from '../../../src/smpp/link/transport';
import { ChildPeer } from '../../support/childPeer';
import { startSmsc } from '../../support/smscHarness';
import { assertNothingLeft, assertPaired, call, commands, nodeSmppApp, nsText, startProxy, type NsPdu } from './support';

const TIMEOUT = { timeout: 30_000 };
const PEER = join(__dirname, '..', '..', 'fixtures', 'peers', 'node-smpp-smsc.cjs');

const SESSION = [
  'bind_transceiver',
  'bind_transceiver_resp',
  'submit_sm',
  'submit_sm_resp',
  'deliver_sm',
  'deliver_sm_resp',
  'enquire_link',
  'enquire_link_resp',
  'unbind',
  'unbind_resp',
];

function bodyOf(bytes: Uint8Array): Record<string, unknown> {
  return decode(bytes).pdu.body as Record<string, unknown>;
}

/** The application's whole session: bind, submit with receipt, wait for it, enquire_link, unbind. */
async function runApplication(port: number, t: Parameters<typeof nodeSmppApp>[0]): Promise<{ messageId: string; receipt: NsPdu }> {
  const { app, closed } = await nodeSmppApp(t, port);
  const receiptArrives = new Promise<NsPdu>((resolve) => app.once('deliver_sm', resolve));
  const bound = await call((cb) => app.bind_transceiver({ system_id: 'myapp', password: 'nothing' }, cb));
  assert.equal(bound.command_status, 0);
  const submitted = await call((cb) => app.submit_sm({ source_addr: '12345', destination_addr: '447700900001', registered_delivery: 1, short_message: 'Hello through the proxy' }, cb));
  assert.equal(submitted.command_status, 0);
  const messageId = submitted.message_id ?? '';
  assert.ok(messageId.length > 0);
  const receipt = await receiptArrives;
  const pong = await call((cb) => app.enquire_link(cb));
  assert.equal(pong.command, 'enquire_link_resp');
  assert.equal(pong.command_status, 0);
  const unbound = await call((cb) => app.unbind(cb));
  assert.equal(unbound.command, 'unbind_resp');
  assert.equal(unbound.command_status, 0);
  // The proxy, as an SMSC would, closes the application's connection after unbind_resp.
  await closed;
  return { messageId, receipt };
}

describe('an application on node-smpp’s client, through the proxy', TIMEOUT, () => {
  it('to our simulator: binds with rewritten credentials, gets its receipt, keeps alive, unbinds; every PDU captured on both legs', async (t) => {
    const s = await startSmsc(t, { deliveryReceiptDelay: 0, accounts: [{ system_id: 'real', password: 'secret' }] });
    const p = await startProxy(t, tcpConnector({ host: '127.0.0.1', port: s.port }), { credentials: { system_id: 'real', password: 'secret' } });
    const clients: number[] = [];
    p.proxy.on('client', (c) => clients.push(c.id));
    let boundSeen = false;
    p.proxy.on('change', (c) => (boundSeen ||= c.state === 'bound_trx' && c.upstreamState === 'bound_trx' && c.system_id === 'myapp'));

    const { messageId, receipt } = await runApplication(p.port, t);
    assert.equal(receipt.esm_class, 0x04);
    assert.equal(receipt.receipted_message_id, messageId);
    assert.match(nsText(receipt.short_message), new RegExp(`^id:${messageId} .*stat:DELIVRD`));
    await s.smscPdus.wait((e) => e.direction === 'in' && e.command === 'deliver_sm_resp' && e.command_status === 0);

    await assertNothingLeft(p);
    assert.deepEqual(clients, [1]);
    assert.ok(boundSeen, 'the client showed bound_trx on both legs with the application’s system_id');
    // The simulator only knows the upstream account; the application never held it.
    const bind = s.smscPdus.filter((e) => e.direction === 'in' && e.command === 'bind_transceiver')[0];
    assert.equal((bind.pdu.body as { system_id: string }).system_id, 'real');

    const records = p.capture.records('proxy');
    for (const leg of ['app↔proxy', 'proxy↔smsc']) {
      assert.deepEqual([...commands(records, leg)].sort(), [...SESSION].sort(), leg);
      assertPaired(records, leg);
    }
    const appBind = records.find((r) => r.leg === 'app↔proxy' && r.command === 'bind_transceiver')!;
    const upBind = records.find((r) => r.leg === 'proxy↔smsc' && r.command === 'bind_transceiver')!;
    assert.deepEqual([bodyOf(appBind.bytes).system_id, bodyOf(appBind.bytes).password], ['myapp', 'nothing']);
    assert.deepEqual([bodyOf(upBind.bytes).system_id, bodyOf(upBind.bytes).password], ['real', 'secret']);
    // 'out' runs from the side that opened the leg: the application, then the proxy.
    assert.equal(appBind.direction, 'out');
    assert.equal(upBind.direction, 'out');
    assert.equal(records.find((r) => r.leg === 'app↔proxy' && r.command === 'deliver_sm')?.direction, 'in');
    assert.equal(appBind.remote?.port, p.port);
    assert.equal(upBind.remote?.port, s.port);
    // Each leg numbers its own requests: the receipt's deliver_sm carries the simulator's number
    // upstream and the proxy's toward the application, and deliver_sm_resp maps back.
    const upDeliver = records.find((r) => r.leg === 'proxy↔smsc' && r.command === 'deliver_sm')!;
    const simDeliver = s.smscPdus.filter((e) => e.direction === 'out' && e.command === 'deliver_sm')[0];
    assert.equal(upDeliver.sequence_number, simDeliver.sequence_number);
    const simAck = s.smscPdus.filter((e) => e.direction === 'in' && e.command === 'deliver_sm_resp')[0];
    assert.equal(simAck.sequence_number, simDeliver.sequence_number);
    assert.equal(records.find((r) => r.leg === 'app↔proxy' && r.command === 'deliver_sm')?.sequence_number, 1);
    // The capture exports as pcap, one TCP stream per leg.
    const pcap = writePcap(records);
    assert.ok(pcap.length > 24 + records.length * 54);
  });

  it('to node-smpp’s server in its own process: the same session, every PDU captured on both legs', async (t) => {
    const peer = new ChildPeer(PEER, { SMSC_SYSTEM_ID: 'esme1', SMSC_PASSWORD: 'pw123' });
    t.after(() => peer.stop());
    const port = (await peer.next('listening')).port as number;
    const p = await startProxy(t, tcpConnector({ host: '127.0.0.1', port }), { credentials: { system_id: 'esme1', password: 'pw123' } });

    const { messageId, receipt } = await runApplication(p.port, t);
    assert.equal(receipt.esm_class, 0x04);
    assert.equal(receipt.receipted_message_id, messageId);
    assert.match(nsText(receipt.short_message), new RegExp(`^id:${messageId} .*stat:DELIVRD`));
    const bound = await peer.next('bound');
    assert.equal(bound.system_id, 'esme1');
    assert.equal((await peer.next('receipt_acked', (e) => e.id === messageId)).status, 0);
    await peer.next('unbound_by_esme');

    await assertNothingLeft(p);
    const records = p.capture.records('proxy');
    for (const leg of ['app↔proxy', 'proxy↔smsc']) {
      assert.deepEqual([...commands(records, leg)].sort(), [...SESSION].sort(), leg);
      assertPaired(records, leg);
    }
    assert.deepEqual(p.warnings.items, []);
  });

  it('without a credential rewrite, passes the application’s own bind through', async (t) => {
    const s = await startSmsc(t, { accounts: [{ system_id: 'own', password: 'ownpw' }] });
    const p = await startProxy(t, tcpConnector({ host: '127.0.0.1', port: s.port }));
    const { app, closed } = await nodeSmppApp(t, p.port);
    const refused = await call((cb) => app.bind_transceiver({ system_id: 'own', password: 'wrong' }, cb));
    assert.equal(refused.command_status, 0x0e);
    const bound = await call((cb) => app.bind_transceiver({ system_id: 'own', password: 'ownpw' }, cb));
    assert.equal(bound.command_status, 0);
    assert.equal(p.proxy.clients[0].state, 'bound_trx');
    await call((cb) => app.unbind(cb));
    await closed;
    await assertNothingLeft(p);
  });
});
