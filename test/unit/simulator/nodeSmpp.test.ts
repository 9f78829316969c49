// An independent peer checks the simulator: node-smpp's client (the npm `smpp` package, a dev
// dependency) binds, submits with registered_delivery and gets the receipt, exchanges
// enquire_link both ways, receives an MO, and unbinds from either side.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { describe, it, type TestContext } from 'node:test';
import { STATUS } from '../../../src/smpp/tables/values';
import { ManualClock } from '../../support/manualClock';
import { call, connectNodeSmpp, nsText, type NsPdu } from '../../support/nodeSmppClient';
import { startSmsc, type RunningSmsc } from '../../support/smscHarness';
import { next } from '../../support/waitFor';

const TIMEOUT = { timeout: 20_000 };

/** A node-smpp client connected to the simulator; destroyed when the test ends. */
const connect = (t: TestContext, s: RunningSmsc) => connectNodeSmpp(t, s.port);
const text = nsText;

describe('simulator against node-smpp’s client', TIMEOUT, () => {
  it('binds, submits with a receipt, keeps alive both ways, and unbinds', async (t) => {
    const clock = new ManualClock();
    const s = await startSmsc(t, { clock, deliveryReceiptDelay: 1_000, enquireLinkInterval: 30_000, accounts: [{ system_id: 'nodesmpp', password: 'pw' }] });
    const { client, closed } = await connect(t, s);
    // node-smpp leaves answering the MC's requests to its user.
    client.on('enquire_link', (pdu: NsPdu) => client.send(pdu.response()));
    client.on('deliver_sm', (pdu: NsPdu) => client.send(pdu.response()));

    const bound = await call((cb) => client.bind_transceiver({ system_id: 'nodesmpp', password: 'pw' }, cb));
    assert.equal(bound.command, 'bind_transceiver_resp');
    assert.equal(bound.command_status, 0);
    assert.equal(bound.system_id, 'SMSCSIM');
    assert.equal(bound.sc_interface_version, 0x34);

    const submitted = await call((cb) =>
      client.submit_sm({ source_addr: '12345', destination_addr: '447700900001', registered_delivery: 1, short_message: 'Hello from node-smpp' }, cb),
    );
    assert.equal(submitted.command_status, 0);
    const id = submitted.message_id ?? '';
    assert.match(id, /^[0-9a-f]{10,}$/);

    const receiptArrives = once(client, 'deliver_sm') as Promise<[NsPdu]>;
    clock.advance(1_000);
    const [receipt] = await receiptArrives;
    assert.equal(receipt.esm_class, 0x04);
    assert.equal(receipt.receipted_message_id, id);
    assert.equal(receipt.message_state, 2);
    assert.equal(receipt.source_addr, '447700900001');
    assert.equal(receipt.destination_addr, '12345');
    assert.match(text(receipt.short_message), new RegExp(`^id:${id} sub:001 dlvrd:001 submit date:\\d{10} done date:\\d{10} stat:DELIVRD err:000 text:Hello from node-smpp$`));
    const ack = await s.smscPdus.wait((e) => e.direction === 'in' && e.command === 'deliver_sm_resp');
    assert.equal(ack.command_status, 0);
    assert.equal(ack.sequence_number, receipt.sequence_number);

    // enquire_link from the client…
    const pong = await call((cb) => client.enquire_link(cb));
    assert.equal(pong.command, 'enquire_link_resp');
    assert.equal(pong.command_status, 0);
    // …and from the simulator after 30 s of silence.
    clock.advance(30_000);
    const answered = await s.smscPdus.wait((e) => e.direction === 'in' && e.command === 'enquire_link_resp');
    assert.equal(answered.command_status, 0);
    assert.equal(s.sim.connections[0].outstanding, 0);

    const gone = next(s.sim, 'disconnect');
    const unbound = await call((cb) => client.unbind(cb));
    assert.equal(unbound.command, 'unbind_resp');
    assert.equal(unbound.command_status, 0);
    assert.equal((await gone).cause, 'unbound by the ESME');
    await closed;
  });

  it('refuses a wrong password, binds a receiver and a transmitter, delivers an MO, and unbinds from the SMSC side', async (t) => {
    const clock = new ManualClock();
    const s = await startSmsc(t, { clock, accounts: [{ system_id: 'nodesmpp', password: 'pw' }] });

    const bad = await connect(t, s);
    const refused = await call((cb) => bad.client.bind_transmitter({ system_id: 'nodesmpp', password: 'nope' }, cb));
    assert.equal(refused.command_status, STATUS.ESME_RINVPASWD);

    const tx = await connect(t, s);
    const txBound = await call((cb) => tx.client.bind_transmitter({ system_id: 'nodesmpp', password: 'pw' }, cb));
    assert.equal(txBound.command, 'bind_transmitter_resp');
    assert.equal(txBound.command_status, 0);

    const rx = await connect(t, s);
    const rxBound = await call((cb) => rx.client.bind_receiver({ system_id: 'nodesmpp', password: 'pw' }, cb));
    assert.equal(rxBound.command, 'bind_receiver_resp');
    assert.equal(rxBound.command_status, 0);
    const mo = once(rx.client, 'deliver_sm') as Promise<[NsPdu]>;
    rx.client.on('deliver_sm', (pdu: NsPdu) => rx.client.send(pdu.response()));
    const result = s.sim.injectMo({ from: '447700900123', to: '12345', text: 'Hi from a phone' });
    assert.equal(result.delivered, true);
    const [pdu] = await mo;
    assert.equal(pdu.esm_class, 0);
    assert.equal(text(pdu.short_message), 'Hi from a phone');
    await s.smscPdus.wait((e) => e.direction === 'in' && e.command === 'deliver_sm_resp');

    // The simulator unbinds the receiver; node-smpp answers and closes.
    rx.client.on('unbind', (p: NsPdu) => {
      rx.client.send(p.response());
      rx.client.close();
    });
    const rxConn = s.sim.connections.find((c) => c.bindType === 'receiver');
    assert.ok(rxConn);
    await rxConn.unbind();
    await rx.closed;
    const reply = await s.smscPdus.wait((e) => e.direction === 'in' && e.command === 'unbind_resp');
    assert.equal(reply.command_status, 0);
  });
});
