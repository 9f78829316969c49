// What an analyser proxy's rows in the SMPP view say: the proxy row, one row per connected
// application, and the log line of each relayed PDU. The client rows are read off a real proxy
// in front of the built-in simulator, with our own ESME as the application.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ProxyInfo } from '../../../src/runners/info';
import { describeProxy, describeProxyClient, describeProxyPdu, formatEndpoint, proxyClientDetails, proxyClientLabel, proxySignature } from '../../../src/tree/proxyText';
import type { ProxyClientInfo, ProxyPduEvent } from '../../../src/smpp/proxy/types';
import { tcpConnector } from '../../../src/smpp/link/transport';
import { esmeFor, startSmsc } from '../../support/smscHarness';
import { next } from '../../support/waitFor';
import { startProxy } from '../proxy/support';

const T = 1_700_000_000_000;

function proxyInfo(patch: Partial<ProxyInfo>): ProxyInfo {
  return { state: 'stopped', listen: { host: '127.0.0.1', port: 2776 }, clients: [], rewriteCredentials: false, ...patch };
}

function client(patch: Partial<ProxyClientInfo>): ProxyClientInfo {
  return {
    id: 1,
    remote: '127.0.0.1:51234',
    connectedAt: T,
    state: 'open',
    upstreamState: 'closed',
    upstream: 'idle',
    outstanding: 0,
    counters: { app: { in: 0, out: 0 }, smsc: { in: 0, out: 0 } },
    ...patch,
  };
}

describe('the proxy row', () => {
  it('says where it listens, and how many applications are connected', () => {
    assert.equal(describeProxy(proxyInfo({})), 'stopped · listens on 127.0.0.1:2776');
    assert.equal(describeProxy(proxyInfo({ state: 'listening' })), 'listening on 127.0.0.1:2776 · no clients');
    assert.equal(describeProxy(proxyInfo({ state: 'listening', clients: [client({})] })), 'listening on 127.0.0.1:2776 · 1 client');
    assert.equal(describeProxy(proxyInfo({ state: 'listening', clients: [client({}), client({ id: 2 })] })), 'listening on 127.0.0.1:2776 · 2 clients');
    assert.equal(describeProxy(proxyInfo({ state: 'error', lastError: 'the proxy cannot listen on 127.0.0.1:2776: the port is already in use' })), 'stopped · the proxy cannot listen on 127.0.0.1:2776: the port is already in use');
  });

  it('writes IPv6 listening addresses in brackets', () => {
    assert.equal(formatEndpoint({ host: '::1', port: 2776 }), '[::1]:2776');
    assert.equal(formatEndpoint({ host: '0.0.0.0', port: 2776 }), '0.0.0.0:2776');
  });

  it('changes its signature when a client binds, keeps alive or moves PDUs, and not otherwise', () => {
    const a = proxyInfo({ state: 'listening', clients: [client({})] });
    assert.equal(proxySignature(a, T + 1000), proxySignature(a, T + 2000));
    assert.notEqual(proxySignature(a, T), proxySignature(proxyInfo({ state: 'listening', clients: [client({ state: 'bound_trx' })] }), T));
    assert.notEqual(proxySignature(a, T), proxySignature(proxyInfo({ state: 'listening', clients: [client({ counters: { app: { in: 1, out: 0 }, smsc: { in: 0, out: 0 } } })] }), T));
    assert.notEqual(proxySignature(a, T), proxySignature(proxyInfo({ state: 'listening', clients: [client({ lastKeepalive: { at: T, side: 'app', rtt: 2 } })] }), T));
  });
});

describe('a connected application', () => {
  it('shows its bind state, its last keepalive and the SMSC side, read off a real proxy', { timeout: 30_000 }, async (t) => {
    const s = await startSmsc(t);
    const p = await startProxy(t, tcpConnector({ host: '127.0.0.1', port: s.port }));
    const { session } = esmeFor(t, p.port, { enquireLinkInterval: 30_000, clock: p.clock, bind: { type: 'transceiver', system_id: 'app1', password: 'secret1' } });
    await session.bind();
    const [c] = p.proxy.clients;
    assert.ok(c);
    assert.equal(proxyClientLabel(c), `App ${c.remote}`);
    assert.match(c.remote, /^127\.0\.0\.1:\d+$/);
    assert.equal(describeProxyClient(c, p.clock.now()), 'bound_trx · SMSC bound_trx');

    const keepalive = next(session, 'keepalive');
    p.clock.advance(30_000);
    await keepalive;
    const after = p.proxy.clients[0]!;
    assert.ok(after.lastKeepalive);
    assert.equal(describeProxyClient(after, p.clock.now()), `bound_trx · keepalive just now · ${after.lastKeepalive.rtt} ms · SMSC bound_trx`);
    const details = proxyClientDetails(after, p.clock.now()).join('\n');
    assert.match(details, /Bind: transceiver as "app1"; application side bound_trx/);
    assert.match(details, /sent by the application, round trip \d+ ms/);
    assert.doesNotMatch(details, /secret1/, 'a client row never shows a password');
    await session.unbind();
  });

  it('says when the SMSC side is not connected yet or has gone', () => {
    assert.equal(describeProxyClient(client({}), T), 'open · SMSC not connected yet');
    assert.equal(describeProxyClient(client({ upstream: 'connecting' }), T), 'open · SMSC connecting');
    assert.equal(describeProxyClient(client({ state: 'bound_tx', upstream: 'down' }), T), 'bound_tx · SMSC down');
  });
});

describe('the log line of a proxied PDU', () => {
  it('names the client, who sent it to whom, and a response\'s status and round trip', () => {
    const base = { id: 1, client: 3, timestamp: T, bytes: new Uint8Array(16), source: 'received' as const, command_status: 0 };
    const req = { ...base, direction: 'out', leg: 'app↔proxy', from: 'app', to: 'proxy', command: 'submit_sm', command_id: 4, sequence_number: 2 } as ProxyPduEvent;
    assert.equal(describeProxyPdu('Analyser', req), 'Analyser [client 3] app → proxy submit_sm seq=2');
    const resp = { ...base, direction: 'in', leg: 'proxy↔smsc', from: 'smsc', to: 'proxy', command: 'submit_sm_resp', command_id: 0x80000004, command_status: 0x58, sequence_number: 7, request: { id: 1, rtt: 3 } } as ProxyPduEvent;
    assert.equal(describeProxyPdu('Analyser', resp), 'Analyser [client 3] SMSC → proxy submit_sm_resp seq=7 ESME_RTHROTTLED 3 ms');
  });
});
