// The proxy's server side: where it listens, what it says when it cannot, one upstream session
// per application connection (and none for a connection that never speaks), client rows.
import assert from 'node:assert/strict';
import * as net from 'node:net';
import { describe, it } from 'node:test';
import { SmppProxy } from '../../../src/smpp/proxy/proxy';
import { isLoopbackHost, parseEndpoint, type ProxyClientInfo } from '../../../src/smpp/proxy/types';
import { tcpConnector, type Connector } from '../../../src/smpp/link/transport';
import { RawSmppClient } from '../../support/rawSmppClient';
import { startSmsc } from '../../support/smscHarness';
import { next } from '../../support/waitFor';
import { assertNothingLeft, assertPaired, startProxy } from './support';

const TIMEOUT = { timeout: 30_000 };

describe('proxy addresses', () => {
  it('tells loopback addresses from the others', () => {
    for (const h of ['127.0.0.1', '127.1.2.3', 'localhost', 'LOCALHOST', 'app.localhost', '::1', '[::1]', '0:0:0:0:0:0:0:1', '::ffff:127.0.0.1']) assert.equal(isLoopbackHost(h), true, h);
    for (const h of ['0.0.0.0', '::', '10.0.0.1', '128.0.0.1', '127.0.0.256', 'example.net', '::2', '']) assert.equal(isLoopbackHost(h), false, h);
  });

  it('reads endpoints as transports name them', () => {
    assert.deepEqual(parseEndpoint('127.0.0.1:2775'), { host: '127.0.0.1', port: 2775 });
    assert.deepEqual(parseEndpoint('[::1]:2775'), { host: '::1', port: 2775 });
    assert.deepEqual(parseEndpoint('::1:2775'), { host: '::1', port: 2775 });
    assert.equal(parseEndpoint('?:?'), undefined);
    assert.equal(parseEndpoint('host'), undefined);
    assert.equal(parseEndpoint(undefined), undefined);
  });
});

describe('proxy server', TIMEOUT, () => {
  it('listens on loopback by default and says plainly when the port is taken', async (t) => {
    const unused: Connector = () => Promise.reject(new Error('not used'));
    const p = await startProxy(t, unused);
    assert.equal(p.proxy.address?.host, '127.0.0.1');
    const second = new SmppProxy({ port: p.port, upstream: unused });
    await assert.rejects(second.listen(), new RegExp(`^Error: the proxy cannot listen on 127\\.0\\.0\\.1:${p.port}: the port is already in use$`));
    await second.close();
    await assert.rejects(p.proxy.listen(), /already listening/);
    await assert.rejects(new SmppProxy({ port: 70_000, upstream: unused }).listen(), /the proxy's port must be 1\.\.65535 \(0 for a free one\), not 70000/);
  });

  it('opens no upstream connection for a connection that never sends a PDU', async (t) => {
    let connects = 0;
    const p = await startProxy(t, () => {
      connects++;
      return Promise.reject(new Error('not expected'));
    });
    const accepted = next(p.proxy, 'client');
    const probe = await RawSmppClient.connect(p.port);
    await accepted;
    await probe.close();
    await assertNothingLeft(p);
    assert.equal(connects, 0);
  });

  it('gives each application its own upstream session, and lists each client with its bind and keepalive', async (t) => {
    const s = await startSmsc(t);
    const p = await startProxy(t, tcpConnector({ host: '127.0.0.1', port: s.port }));
    const a = await RawSmppClient.connect(p.port);
    const b = await RawSmppClient.connect(p.port);
    t.after(async () => {
      await a.close();
      await b.close();
    });
    await a.bind('bind_transmitter', 'alice', 'x');
    await b.bind('bind_receiver', 'bob', 'y');
    assert.equal(s.sim.connections.length, 2);
    assert.deepEqual(s.sim.connections.map((c) => [c.systemId, c.state]).sort(), [['alice', 'bound_tx'], ['bob', 'bound_rx']]);
    assert.equal(p.proxy.clientCount, 2);
    const ping = a.send({ command: 'enquire_link', body: {} });
    await a.response(ping);
    const rows = p.proxy.clients.sort((x, y) => x.id - y.id);
    const pick = (c: ProxyClientInfo) => [c.system_id, c.bindType, c.state, c.upstreamState, c.upstream, c.outstanding];
    assert.deepEqual(rows.map(pick), [
      ['alice', 'transmitter', 'bound_tx', 'bound_tx', 'up', 0],
      ['bob', 'receiver', 'bound_rx', 'bound_rx', 'up', 0],
    ]);
    assert.equal(rows[0].lastKeepalive?.side, 'app');
    assert.equal(rows[0].lastKeepalive?.at, p.clock.now());
    assert.equal(rows[1].lastKeepalive, undefined);
    assert.deepEqual(rows[0].counters, { app: { in: 2, out: 2 }, smsc: { in: 2, out: 2 } });

    // The SMSC's enquire_link reaches the application and counts as its keepalive.
    const fromSmsc = s.sim.connections.find((c) => c.systemId === 'bob')!.enquireLink();
    const el = await b.next((pdu) => pdu.command === 'enquire_link');
    b.send({ command: 'enquire_link_resp', sequence_number: el.sequence_number, body: {} });
    await fromSmsc;
    assert.equal(p.proxy.clients.find((c) => c.system_id === 'bob')?.lastKeepalive?.side, 'smsc');

    for (const [c, seq] of [[a, a.send({ command: 'unbind', body: {} })], [b, b.send({ command: 'unbind', body: {} })]] as const) {
      assert.equal((await c.response(seq)).command_status, 0);
      await c.closed;
    }
    await assertNothingLeft(p, 2);
    const records = p.capture.records();
    // Event ids are unique across clients, so one capture connection pairs them all.
    assert.equal(new Set(records.map((r) => r.id)).size, records.length);
    for (const leg of ['app↔proxy', 'proxy↔smsc']) assertPaired(records, leg);
    const appStreams = new Set(records.filter((r) => r.leg === 'app↔proxy').map((r) => `${r.local?.host}:${r.local?.port}`));
    assert.equal(appStreams.size, 2);
  });

  it('refuses connections after close()', async (t) => {
    const p = await startProxy(t, () => Promise.reject(new Error('not used')));
    await p.proxy.close();
    await assert.rejects(
      new Promise((resolve, reject) => {
        const s = net.connect({ host: '127.0.0.1', port: p.port });
        s.once('connect', () => {
          s.destroy();
          resolve(undefined);
        });
        s.once('error', reject);
      }),
      /ECONNREFUSED/,
    );
  });
});
