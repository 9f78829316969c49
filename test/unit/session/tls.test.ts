// TLS: certificates are verified by default; a CA from the connection file makes a private
// SMSC's certificate trusted; turning verification off is explicit. The SMSC is the built-in
// simulator behind a TLS terminator on loopback. An analyser proxy in front of it verifies it the same way.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as net from 'node:net';
import { join } from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import * as tls from 'node:tls';
import { SmppProxy } from '../../../src/smpp/proxy/proxy';
import { EsmeSession } from '../../../src/smpp/session/esme';
import { tcpConnector } from '../../../src/smpp/link/transport';
import { SmscSimulator } from '../../../src/smpp/simulator/smsc';

const dir = join(__dirname, '..', '..', 'fixtures', 'tls');
const ca = readFileSync(join(dir, 'ca.pem'));

async function tlsSmsc(t: TestContext): Promise<number> {
  const sim = new SmscSimulator({ host: '127.0.0.1', port: 0 });
  const { port: simPort } = await sim.listen();
  const sockets = new Set<net.Socket>();
  const server = tls.createServer({ cert: readFileSync(join(dir, 'server.pem')), key: readFileSync(join(dir, 'server.key')) }, (clear) => {
    const up = net.connect(simPort, '127.0.0.1');
    sockets.add(clear).add(up);
    clear.on('error', () => up.destroy());
    up.on('error', () => clear.destroy());
    clear.pipe(up).pipe(clear);
  });
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(async () => {
    for (const s of sockets) s.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await sim.close();
  });
  return (server.address() as net.AddressInfo).port;
}

function session(port: number, options: tls.ConnectionOptions | false, host = '127.0.0.1'): EsmeSession {
  return new EsmeSession({
    connector: tcpConnector({ host, port, tls: options, connectTimeout: 5000 }),
    bind: { type: 'transceiver', system_id: 'tls', password: 'tls' },
    enquireLinkInterval: 0,
    responseTimeout: 5000,
    window: 1,
    reconnect: false,
  });
}

describe('TLS sessions', () => {
  it('refuses an SMSC whose certificate does not verify, by default, and says why', async (t) => {
    const port = await tlsSmsc(t);
    const s = session(port, {});
    await assert.rejects(s.bind(), /could not connect to 127\.0\.0\.1:\d+: the SMSC's certificate (is self-signed|does not verify).*"ca"/);
    assert.equal(s.state, 'closed');
  });

  it('binds when the connection names the CA', async (t) => {
    const port = await tlsSmsc(t);
    const s = session(port, { ca, rejectUnauthorized: true });
    await s.bind();
    assert.equal(s.state, 'bound_trx');
    assert.ok((await s.enquireLink()) >= 0);
    await s.unbind();
  });

  it('checks the host name against the certificate', async (t) => {
    const port = await tlsSmsc(t);
    const s = session(port, { ca, servername: 'smsc.example.net' });
    await assert.rejects(s.bind(), /certificate is for another host name/);
  });

  it('binds without verification only when told so', async (t) => {
    const port = await tlsSmsc(t);
    const s = session(port, { rejectUnauthorized: false });
    await s.bind();
    assert.equal(s.state, 'bound_trx');
    await s.unbind();
  });

  it('carries an analyser proxy to a TLS SMSC: the application binds in the clear on loopback, the proxy verifies the SMSC', async (t) => {
    const port = await tlsSmsc(t);
    const proxy = new SmppProxy({ port: 0, upstream: tcpConnector({ host: '127.0.0.1', port, tls: { ca, rejectUnauthorized: true }, connectTimeout: 5000 }) });
    t.after(() => proxy.close());
    const { port: proxyPort } = await proxy.listen();
    const app = session(proxyPort, false);
    await app.bind();
    assert.equal(app.state, 'bound_trx');
    assert.equal(proxy.clients[0]?.upstreamState, 'bound_trx');
    assert.ok((await app.enquireLink()) >= 0);
    await app.unbind();
  });

  it('refuses the application\'s bind when the proxy cannot verify the SMSC, and says why', async (t) => {
    const port = await tlsSmsc(t);
    const proxy = new SmppProxy({ port: 0, upstream: tcpConnector({ host: '127.0.0.1', port, tls: { rejectUnauthorized: true }, connectTimeout: 5000 }) });
    const warnings: string[] = [];
    proxy.on('warning', (w) => warnings.push(w.message));
    t.after(() => proxy.close());
    const { port: proxyPort } = await proxy.listen();
    const app = session(proxyPort, false);
    await assert.rejects(app.bind(), /ESME_RBINDFAIL/);
    assert.ok(warnings.some((w) => /certificate (is self-signed|does not verify)/.test(w)), warnings.join('\n'));
  });
});
