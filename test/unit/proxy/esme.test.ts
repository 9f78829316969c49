// Our own ESME through the proxy: a session with keepalive on a manual clock, a text with a
// receipt, an unbind; the proxy follows the session's state and keepalive.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { submitText } from '../../../src/smpp/session/messaging';
import type { WirePdu } from '../../../src/smpp/link/wire';
import { tcpConnector } from '../../../src/smpp/link/transport';
import { esmeFor, startSmsc } from '../../support/smscHarness';
import { next } from '../../support/waitFor';
import { assertNothingLeft, assertPaired, startProxy } from './support';

describe('our ESME through the proxy', { timeout: 30_000 }, () => {
  it('binds, keeps alive, submits with a receipt and unbinds; the proxy follows its state', async (t) => {
    const s = await startSmsc(t, { deliveryReceiptDelay: 0 });
    const p = await startProxy(t, tcpConnector({ host: '127.0.0.1', port: s.port }));
    const { session } = esmeFor(t, p.port, { enquireLinkInterval: 30_000, clock: p.clock });
    await session.bind();
    assert.equal(p.proxy.clients[0].state, 'bound_trx');

    // 30 s of silence on the (shared) manual clock: the ESME's keepalive crosses the proxy.
    const keepalive = next(session, 'keepalive');
    p.clock.advance(30_000);
    assert.equal((await keepalive).side, 'esme');
    assert.equal(p.proxy.clients[0].lastKeepalive?.side, 'app');

    const receipt = next(session, 'deliver');
    const sent = await submitText(session, { from: '12345', to: '+447700900123', text: 'Through the proxy', receipt: true });
    const deliver: WirePdu = await receipt;
    assert.equal(deliver.tlvs.find((x) => x.name === 'receipted_message_id')?.value, sent.parts[0].messageId);
    await session.unbind();
    await assertNothingLeft(p);
    for (const leg of ['app↔proxy', 'proxy↔smsc']) assertPaired(p.capture.records(), leg);
  });
});
