// Our ESME session against an independent SMSC: node-smpp's server, in its own process, over
// loopback TCP.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { EsmeSession, SmppRequestError, type BindType, type StateEvent } from '../../../src/smpp/session/esme';
import { submitText } from '../../../src/smpp/session/messaging';
import { tcpConnector } from '../../../src/smpp/link/transport';
import { decodeText } from '../../../src/smpp/text/index';
import { ChildPeer } from '../../support/childPeer';
import { until, waitForEvent } from '../../support/events';

const SCRIPT = join(__dirname, '..', '..', 'fixtures', 'peers', 'node-smpp-smsc.cjs');

describe('ESME session against node-smpp’s SMSC (separate process)', () => {
  let peer: ChildPeer;
  let port: number;
  const sessions: EsmeSession[] = [];

  before(async () => {
    peer = new ChildPeer(SCRIPT, { SMSC_SYSTEM_ID: 'esme1', SMSC_PASSWORD: 'pw123' });
    port = (await peer.next('listening')).port as number;
  });

  after(async () => {
    for (const s of sessions) s.close();
    await peer.stop();
  });

  function session(type: BindType, password = 'pw123'): EsmeSession {
    const s = new EsmeSession({
      connector: tcpConnector({ host: '127.0.0.1', port }),
      bind: { type, system_id: 'esme1', password, interface_version: 0x34 },
      enquireLinkInterval: 0,
      responseTimeout: 10_000,
      window: 10,
      reconnect: false,
    });
    sessions.push(s);
    return s;
  }

  for (const [type, state] of [
    ['transmitter', 'bound_tx'],
    ['receiver', 'bound_rx'],
    ['transceiver', 'bound_trx'],
  ] as const) {
    it(`binds as ${type}, then unbinds cleanly`, async () => {
      const s = session(type);
      const states: string[] = [];
      s.on('state', (e: StateEvent) => states.push(e.to));
      const resp = await s.bind();
      assert.equal(s.state, state);
      assert.equal((resp.pdu.body as { system_id?: string }).system_id, 'NODESMSC');
      const bound = await peer.next('bound', (e) => e.kind === `bind_${type}` && !(e as { seen?: boolean }).seen);
      (bound as { seen?: boolean }).seen = true;
      await s.unbind();
      assert.deepEqual(states, ['connecting', 'open', state, 'unbound', 'closed']);
      assert.equal(s.outstanding, 0);
    });
  }

  it('reports a refused bind with the status name and plain words', async () => {
    const s = session('transceiver', 'wrong');
    await assert.rejects(s.bind(), (err: unknown) => {
      assert.ok(err instanceof SmppRequestError);
      assert.equal(err.status, 0x0e);
      assert.match(err.message, /^ESME_RINVPASWD: .*password/);
      return true;
    });
    assert.equal(s.state, 'closed');
    assert.match(s.lastError ?? '', /ESME_RINVPASWD/);
  });

  it('runs enquire_link both ways, and records each keepalive', async () => {
    const s = session('transceiver');
    await s.bind();
    const rtt = await s.enquireLink();
    assert.ok(rtt >= 0);
    assert.equal(s.lastKeepalive?.side, 'esme');
    assert.equal(s.lastKeepalive?.rtt, rtt);

    const fromSmsc = waitForEvent(s, 'keepalive', (k: { side: string }) => k.side === 'smsc');
    const answered = peer.next('enquire_link_resp');
    peer.send({ cmd: 'enquire_link' });
    await fromSmsc;
    assert.equal((await answered).status, 0);
    assert.equal(s.lastKeepalive?.side, 'smsc');
    await s.unbind();
  });

  it('submits a text with a receipt request, and receives the receipt', async () => {
    const s = session('transceiver');
    await s.bind();
    const receipt = waitForEvent(s, 'deliver');
    const result = await submitText(s, { from: '12345', to: '+447700900123', text: 'Hello from the panel', receipt: true });
    assert.equal(result.parts.length, 1);
    const id = result.parts[0].messageId;
    assert.match(id, /^[0-9A-F]+$/);
    const submitted = await peer.next('submit', (e) => e.id === id);
    assert.equal(submitted.to, '447700900123');
    assert.equal(submitted.registered_delivery, 1);
    const deliver = (await receipt) as { command: string; body: { esm_class: number; short_message: Uint8Array } };
    assert.equal(deliver.command, 'deliver_sm');
    assert.equal(deliver.body.esm_class, 0x04);
    const text = decodeText(deliver.body.short_message, 0, { dcs0: 'ascii' }).text;
    assert.match(text, new RegExp(`^id:${id} .*stat:DELIVRD`));
    const acked = await peer.next('receipt_acked', (e) => e.id === id);
    assert.equal(acked.status, 0);
    await s.unbind();
  });

  it('answers a deliver_sm from the SMSC with deliver_sm_resp', async () => {
    const s = session('receiver');
    await s.bind();
    const delivered = waitForEvent(s, 'deliver');
    const before = peer.events.filter((e) => e.event === 'deliver_sm_resp').length;
    peer.send({ cmd: 'deliver_sm', source_addr: '447700900999', destination_addr: '12345', short_message: 'MO hello' });
    const pdu = (await delivered) as { body: { short_message: Uint8Array; source_addr: string } };
    assert.equal(pdu.body.source_addr, '447700900999');
    assert.equal(decodeText(pdu.body.short_message, 0, { dcs0: 'ascii' }).text, 'MO hello');
    await until(peer, 'peer', () => peer.events.filter((e) => e.event === 'deliver_sm_resp').length > before);
    assert.equal(peer.events.filter((e) => e.event === 'deliver_sm_resp').at(-1)?.status, 0);
    await s.unbind();
  });

  it('closes cleanly when the SMSC unbinds', async () => {
    const s = session('transceiver');
    await s.bind();
    const closed = waitForEvent(s, 'state', (e: StateEvent) => e.to === 'closed');
    peer.send({ cmd: 'unbind' });
    const e = (await closed) as StateEvent;
    assert.equal(e.cause, 'the SMSC unbound');
    assert.equal(s.outstanding, 0);
    const resp = await peer.next('unbind_resp');
    assert.equal(resp.status, 0);
  });
});
