// Delivery receipts: sent after deliveryReceiptDelay (ManualClock) for submits that ask for one,
// to the submitting transceiver or another receiver of the same system_id, with the receipt
// text and the receipted_message_id and message_state TLVs.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isCommand, tlvValue } from '../../../src/smpp/codec';
import type { WirePdu } from '../../../src/smpp/link/wire';
import type { SmscBindEvent, SmscReceiptEvent } from '../../../src/smpp/simulator/events';
import { MESSAGE_STATE } from '../../../src/smpp/simulator/store';
import { decodeText } from '../../../src/smpp/text/index';
import { ManualClock } from '../../support/manualClock';
import { RawSmppClient } from '../../support/rawSmppClient';
import { boundPair, esmeFor, startSmsc } from '../../support/smscHarness';
import { EventLog } from '../../support/waitFor';

const TIMEOUT = { timeout: 20_000 };

function receiptText(pdu: WirePdu): string {
  assert.ok(isCommand(pdu, 'deliver_sm'));
  return decodeText(pdu.body.short_message ?? new Uint8Array(0), pdu.body.data_coding ?? 0).text;
}

function messageId(pdu: WirePdu): string {
  return (pdu.body as { message_id?: string }).message_id ?? '';
}

describe('simulator: delivery receipts', TIMEOUT, () => {
  it('sends the receipt to the submitting transceiver after the delay, with text and TLVs', async (t) => {
    const { sim, session, clock, smscPdus } = await boundPair(t, { deliveryReceiptDelay: 90_000 });
    const receipts = new EventLog<SmscReceiptEvent>(sim, 'receipt');
    const delivered = new EventLog<WirePdu>(session, 'deliver');
    const r = await session.request('submit_sm', {
      source_addr_ton: 1,
      source_addr_npi: 1,
      source_addr: '447700900123',
      dest_addr_ton: 1,
      dest_addr_npi: 1,
      destination_addr: '447700900456',
      registered_delivery: 1,
      short_message: 'Hello from the receipts test, longer than twenty',
    });
    const id = messageId(r.pdu);

    clock.advance(89_999);
    // The simulator sends synchronously when its timer fires: nothing has gone out yet.
    assert.equal(receipts.items.length, 0);
    assert.equal(smscPdus.filter((e) => e.command === 'deliver_sm').length, 0);
    clock.advance(1);
    assert.equal(receipts.items.length, 1);

    const pdu = await delivered.wait();
    assert.ok(isCommand(pdu, 'deliver_sm'));
    assert.equal(pdu.body.esm_class, 0x04);
    assert.equal(pdu.body.data_coding, 0);
    // The receipt comes from the handset the message went to, back to its sender.
    assert.deepEqual(
      [pdu.body.source_addr_ton, pdu.body.source_addr, pdu.body.dest_addr_ton, pdu.body.destination_addr],
      [1, '447700900456', 1, '447700900123'],
    );
    // The ManualClock starts at 2026-01-01 00:00 UTC; the receipt is 90 s later.
    assert.equal(receiptText(pdu), `id:${id} sub:001 dlvrd:001 submit date:2601010000 done date:2601010001 stat:DELIVRD err:000 text:Hello from the recei`);
    assert.equal(tlvValue(pdu, 'receipted_message_id'), id);
    assert.equal(tlvValue(pdu, 'message_state'), MESSAGE_STATE.DELIVERED);

    const ev = receipts.items[0];
    assert.deepEqual(
      { message_id: ev.message_id, stat: ev.stat, state: ev.message_state, to: ev.destination_addr, seq: ev.sequence_number },
      { message_id: id, stat: 'DELIVRD', state: 2, to: '447700900456', seq: pdu.sequence_number },
    );
    // The ESME answered it.
    const resp = await smscPdus.wait((e) => e.direction === 'in' && e.command === 'deliver_sm_resp');
    assert.equal(resp.command_status, 0);
    assert.equal(resp.sequence_number, pdu.sequence_number);
    assert.equal(sim.connections[0].outstanding, 0);
    assert.equal(session.outstanding, 0);
  });

  it('sends a transmitter’s receipt to a receiver of the same system_id, and to no other', async (t) => {
    const clock = new ManualClock();
    const s = await startSmsc(t, { clock, deliveryReceiptDelay: 1000 });
    const binds = new EventLog<SmscBindEvent>(s.sim, 'bind');
    const receipts = new EventLog<SmscReceiptEvent>(s.sim, 'receipt');
    const tx = esmeFor(t, s.port, { clock, bind: { type: 'transmitter', system_id: 'acme' } });
    const rx = esmeFor(t, s.port, { clock, bind: { type: 'receiver', system_id: 'acme' } });
    const otherRx = esmeFor(t, s.port, { clock, bind: { type: 'receiver', system_id: 'other' } });
    await Promise.all([tx.session.bind(), rx.session.bind(), otherRx.session.bind()]);
    const rxConn = (await binds.wait((b) => b.type === 'receiver' && b.system_id === 'acme')).connection;
    const otherDelivered = new EventLog<WirePdu>(otherRx.session, 'deliver');
    const rxDelivered = new EventLog<WirePdu>(rx.session, 'deliver');

    const r = await tx.session.request('submit_sm', { source_addr: '12345', destination_addr: '447700900001', registered_delivery: 1, short_message: 'x' });
    clock.advance(1000);
    const pdu = await rxDelivered.wait();
    assert.equal(tlvValue(pdu, 'receipted_message_id'), messageId(r.pdu));
    assert.equal(receipts.items.length, 1);
    assert.equal(receipts.items[0].connection, rxConn);
    assert.deepEqual(
      s.smscPdus.filter((e) => e.command === 'deliver_sm').map((e) => e.connection),
      [rxConn],
    );
    assert.equal(otherDelivered.items.length, 0);
  });

  it('sends receipts only as registered_delivery asks: on success (1, 3) and on failure (1, 2)', async (t) => {
    const { sim, session, clock } = await boundPair(t, { deliveryReceiptDelay: 1000 });
    const receipts = new EventLog<SmscReceiptEvent>(sim, 'receipt');
    const delivered = new EventLog<WirePdu>(session, 'deliver');
    const submit = async (rd: number) =>
      messageId((await session.request('submit_sm', { source_addr: '12345', destination_addr: `44770090000${rd}`, registered_delivery: rd, short_message: `rd ${rd}` })).pdu);
    const none = await submit(0);
    const failureOnly = await submit(2);
    const successOnly = await submit(3);
    const always = await submit(1);
    const alwaysCancelled = await submit(0x11); // always, plus intermediate notification bit
    // The intermediate notification bit brings an ENROUTE notification at once.
    const [enroute] = await delivered.waitCount(1);
    assert.equal(tlvValue(enroute, 'receipted_message_id'), alwaysCancelled);
    assert.equal(tlvValue(enroute, 'message_state'), MESSAGE_STATE.ENROUTE);

    // Cancelling is a failure to deliver: receipts for 2 and for 1 (DELETED), none for 0.
    await session.request('cancel_sm', { message_id: failureOnly, source_addr: '12345' });
    await session.request('cancel_sm', { message_id: alwaysCancelled, source_addr: '12345' });
    await session.request('cancel_sm', { message_id: none, source_addr: '12345' });
    const deleted = (await delivered.waitCount(3)).slice(1);
    assert.deepEqual(deleted.map((p) => tlvValue(p, 'receipted_message_id')).sort(), [failureOnly, alwaysCancelled].sort());
    for (const p of deleted) {
      assert.equal(tlvValue(p, 'message_state'), MESSAGE_STATE.DELETED);
      assert.match(receiptText(p), / dlvrd:000 .* stat:DELETED err:000 /);
    }

    clock.advance(1000);
    const all = await delivered.waitCount(5);
    assert.deepEqual(all.slice(3).map((p) => tlvValue(p, 'receipted_message_id')), [successOnly, always]);
    assert.deepEqual(receipts.items.map((r) => r.stat), ['ENROUTE', 'DELETED', 'DELETED', 'DELIVRD', 'DELIVRD']);
  });

  it('sends one receipt per accepted submit_multi destination', async (t) => {
    const { session, clock } = await boundPair(t, { deliveryReceiptDelay: 10 });
    const delivered = new EventLog<WirePdu>(session, 'deliver');
    await session.request('submit_multi', {
      source_addr: '12345',
      dest_address: [
        { dest_flag: 1, dest_addr_ton: 1, dest_addr_npi: 1, destination_addr: '447700900001' },
        { dest_flag: 1, dest_addr_ton: 1, dest_addr_npi: 1, destination_addr: '' },
        { dest_flag: 1, dest_addr_ton: 1, dest_addr_npi: 1, destination_addr: '447700900002' },
      ],
      registered_delivery: 1,
      short_message: 'to many',
    });
    clock.advance(10);
    const two = await delivered.waitCount(2);
    assert.deepEqual(
      two.map((p) => (isCommand(p, 'deliver_sm') ? p.body.source_addr : '')),
      ['447700900001', '447700900002'],
    );
  });

  it('keeps a receipt until a receiver of the system_id binds, then sends it right after the bind response', async (t) => {
    const clock = new ManualClock();
    const s = await startSmsc(t, { clock, deliveryReceiptDelay: 500 });
    const receipts = new EventLog<SmscReceiptEvent>(s.sim, 'receipt');
    const tx = esmeFor(t, s.port, { clock, bind: { type: 'transmitter' } });
    await tx.session.bind();
    const r = await tx.session.request('submit_sm', { source_addr: '12345', destination_addr: '447700900001', registered_delivery: 1, short_message: 'later' });
    clock.advance(500);
    assert.equal(receipts.items.length, 0);
    assert.equal(s.sim.waitingDeliveries('test'), 1);

    const raw = await RawSmppClient.connect(s.port);
    t.after(() => raw.close());
    assert.equal((await raw.bind('bind_receiver')).command_status, 0);
    const receipt = await raw.next((p) => p.command === 'deliver_sm');
    assert.equal(tlvValue(receipt, 'receipted_message_id'), messageId(r.pdu));
    // The bind response went out first.
    assert.deepEqual(raw.received.items.map((p) => p.command).slice(0, 2), ['bind_receiver_resp', 'deliver_sm']);
    raw.send({ command: 'deliver_sm_resp', sequence_number: receipt.sequence_number, body: { message_id: '' } });
    await s.smscPdus.wait((e) => e.direction === 'in' && e.command === 'deliver_sm_resp');
    assert.equal(s.sim.waitingDeliveries('test'), 0);
    assert.equal(receipts.items.length, 1);
    assert.equal(s.sim.connections.find((c) => c.bindType === 'receiver')?.outstanding, 0);
  });

  it('hands our receiver a receipt that arrives right behind its bind response', async (t) => {
    const clock = new ManualClock();
    const s = await startSmsc(t, { clock, deliveryReceiptDelay: 0 });
    const tx = esmeFor(t, s.port, { clock, bind: { type: 'transmitter' } });
    await tx.session.bind();
    const r = await tx.session.request('submit_sm', { source_addr: '12345', destination_addr: '447700900001', registered_delivery: 1, short_message: 'queued' });
    clock.advance(0);
    assert.equal(s.sim.waitingDeliveries('test'), 1);

    const rx = esmeFor(t, s.port, { clock, bind: { type: 'receiver' } });
    const delivered = new EventLog<WirePdu>(rx.session, 'deliver');
    await rx.session.bind();
    const receipt = await delivered.wait();
    assert.equal(tlvValue(receipt, 'receipted_message_id'), messageId(r.pdu));
    const resp = await s.smscPdus.wait((e) => e.direction === 'in' && e.command === 'deliver_sm_resp');
    assert.equal(resp.command_status, 0);
    assert.equal(s.sim.waitingDeliveries('test'), 0);
  });
});
