// What the simulator answers to submit_sm, submit_multi, data_sm, query_sm, cancel_sm and
// replace_sm, driven by our EsmeSession over loopback TCP. Message states move with a ManualClock.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isCommand } from '../../../src/smpp/codec';
import { SmppRequestError } from '../../../src/smpp/session/esme';
import type { WirePdu } from '../../../src/smpp/link/wire';
import { MESSAGE_STATE } from '../../../src/smpp/simulator/store';
import { STATUS } from '../../../src/smpp/tables/values';
import { boundPair, esmeFor } from '../../support/smscHarness';

const TIMEOUT = { timeout: 20_000 };

function messageId(pdu: WirePdu): string {
  const id = (pdu.body as { message_id?: string }).message_id;
  assert.equal(typeof id, 'string');
  return id as string;
}

async function rejectsWith(p: Promise<unknown>, status: number): Promise<void> {
  await assert.rejects(p, (err: unknown) => err instanceof SmppRequestError && err.status === status);
}

describe('simulator: message requests', TIMEOUT, () => {
  it('answers submit_sm with unique hex message ids and stores each message', async (t) => {
    const { sim, session } = await boundPair(t, { deliveryReceiptDelay: 1000 });
    const results = await Promise.all(
      Array.from({ length: 25 }, (_, i) => session.request('submit_sm', { source_addr: '12345', destination_addr: `4477009000${String(i).padStart(2, '0')}`, short_message: `message ${i}` })),
    );
    const ids = results.map((r) => messageId(r.pdu));
    assert.equal(new Set(ids).size, 25);
    for (const id of ids) assert.match(id, /^[0-9a-f]{10,}$/);
    assert.equal(sim.storedMessages, 25);
    const first = sim.message(ids[0]);
    assert.equal(first?.text, 'message 0');
    assert.equal(first?.system_id, 'test');
    assert.deepEqual(first?.destinations, ['447700900000']);
    assert.equal(session.outstanding, 0);
  });

  it('forgets the oldest messages beyond maxStoredMessages', async (t) => {
    const { sim, session } = await boundPair(t, { maxStoredMessages: 3 });
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) ids.push(messageId((await session.request('submit_sm', { destination_addr: '447700900001', short_message: `m${i}` })).pdu));
    assert.equal(sim.storedMessages, 3);
    assert.deepEqual(
      ids.map((id) => sim.message(id)?.text ?? null),
      [null, null, null, null, 'm4', 'm5', 'm6'],
    );
    await rejectsWith(session.request('query_sm', { message_id: ids[0] }), STATUS.ESME_RINVMSGID);
    await session.request('query_sm', { message_id: ids[6] });
  });

  it('refuses submit_sm and data_sm without a destination with ESME_RINVDSTADR', async (t) => {
    const { session } = await boundPair(t);
    await rejectsWith(session.request('submit_sm', { destination_addr: '', short_message: 'x' }), STATUS.ESME_RINVDSTADR);
    await rejectsWith(session.request('data_sm', { destination_addr: '' }), STATUS.ESME_RINVDSTADR);
  });

  it('answers submit_multi with the destinations it could not take in the unsuccess list', async (t) => {
    const { session, sim } = await boundPair(t);
    const r = await session.request('submit_multi', {
      source_addr: '12345',
      dest_address: [
        { dest_flag: 1, dest_addr_ton: 1, dest_addr_npi: 1, destination_addr: '447700900001' },
        { dest_flag: 1, dest_addr_ton: 1, dest_addr_npi: 1, destination_addr: '' },
        { dest_flag: 2, dl_name: 'friends' },
        { dest_flag: 1, dest_addr_ton: 1, dest_addr_npi: 1, destination_addr: '447700900002' },
      ],
      short_message: 'to many',
    });
    assert.ok(isCommand(r.pdu, 'submit_multi_resp'));
    assert.equal(r.pdu.body.no_unsuccess, 2);
    assert.deepEqual(r.pdu.body.unsuccess_sme, [
      { dest_addr_ton: 1, dest_addr_npi: 1, destination_addr: '', error_status_code: STATUS.ESME_RINVDSTADR },
      { dest_addr_ton: 0, dest_addr_npi: 0, destination_addr: 'friends', error_status_code: STATUS.ESME_RINVDLNAME },
    ]);
    assert.deepEqual(sim.message(r.pdu.body.message_id ?? '')?.destinations, ['447700900001', '447700900002']);
    await rejectsWith(session.request('submit_multi', { source_addr: '1', dest_address: [], short_message: 'x' }), STATUS.ESME_RINVNUMDESTS);
  });

  it('answers data_sm with a message id and keeps the message_payload text', async (t) => {
    const { session, sim } = await boundPair(t);
    const r = await session.request('data_sm', { source_addr: '12345', destination_addr: '447700900001', data_coding: 8 }, [
      { name: 'message_payload', value: new Uint8Array([0x04, 0x1f, 0x04, 0x40, 0x04, 0x38]) },
    ]);
    assert.equal(sim.message(messageId(r.pdu))?.text, 'При');
  });

  it('answers query_sm with ENROUTE until the delivery time, then DELIVERED with a final date', async (t) => {
    const { session, clock } = await boundPair(t, { deliveryReceiptDelay: 2000 });
    const id = messageId((await session.request('submit_sm', { source_addr: '12345', destination_addr: '447700900001', short_message: 'x' })).pdu);
    const before = await session.request('query_sm', { message_id: id, source_addr: '12345' });
    assert.ok(isCommand(before.pdu, 'query_sm_resp'));
    assert.deepEqual(before.pdu.body, { message_id: id, final_date: '', message_state: MESSAGE_STATE.ENROUTE, error_code: 0 });
    clock.advance(2000);
    const after = await session.request('query_sm', { message_id: id, source_addr: '12345' });
    assert.ok(isCommand(after.pdu, 'query_sm_resp'));
    assert.equal(after.pdu.body.message_state, MESSAGE_STATE.DELIVERED);
    // The ManualClock starts at 2026-01-01T00:00:00Z; delivery was 2 s later.
    assert.equal(after.pdu.body.final_date, '260101000002000+');
    await rejectsWith(session.request('query_sm', { message_id: 'ffffffffffff' }), STATUS.ESME_RINVMSGID);
  });

  it('cancels an en-route message by id or by source address, and refuses what cannot be cancelled', async (t) => {
    const { session, sim, clock } = await boundPair(t, { deliveryReceiptDelay: 5000 });
    const submit = (to: string) => session.request('submit_sm', { source_addr: '12345', destination_addr: to, short_message: 'x' });
    const a = messageId((await submit('447700900001')).pdu);
    const b = messageId((await submit('447700900002')).pdu);
    const c = messageId((await submit('447700900003')).pdu);

    await session.request('cancel_sm', { message_id: a, source_addr: '12345' });
    assert.equal(sim.message(a)?.message_state, MESSAGE_STATE.DELETED);
    await rejectsWith(session.request('cancel_sm', { message_id: a, source_addr: '12345' }), STATUS.ESME_RCANCELFAIL);
    await rejectsWith(session.request('cancel_sm', { message_id: 'ffffffffffff', source_addr: '12345' }), STATUS.ESME_RINVMSGID);

    // No message_id: every en-route message from source_addr to destination_addr.
    await session.request('cancel_sm', { message_id: '', source_addr: '12345', destination_addr: '447700900002' });
    assert.equal(sim.message(b)?.message_state, MESSAGE_STATE.DELETED);
    assert.equal(sim.message(c)?.message_state, MESSAGE_STATE.ENROUTE);

    clock.advance(5000);
    assert.equal(sim.message(c)?.message_state, MESSAGE_STATE.DELIVERED);
    await rejectsWith(session.request('cancel_sm', { message_id: c, source_addr: '12345' }), STATUS.ESME_RCANCELFAIL);
    const q = await session.request('query_sm', { message_id: a, source_addr: '12345' });
    assert.ok(isCommand(q.pdu, 'query_sm_resp'));
    assert.equal(q.pdu.body.message_state, MESSAGE_STATE.DELETED);
  });

  it('replaces the text of an en-route message, and refuses once it is delivered', async (t) => {
    const { session, sim, clock } = await boundPair(t, { deliveryReceiptDelay: 5000 });
    const id = messageId((await session.request('submit_sm', { source_addr: '12345', destination_addr: '447700900001', short_message: 'first text' })).pdu);
    await session.request('replace_sm', { message_id: id, source_addr: '12345', short_message: 'second text' });
    assert.equal(sim.message(id)?.text, 'second text');
    clock.advance(5000);
    await rejectsWith(session.request('replace_sm', { message_id: id, source_addr: '12345', short_message: 'third' }), STATUS.ESME_RREPLACEFAIL);
    await rejectsWith(session.request('replace_sm', { message_id: 'ffffffffffff', short_message: 'x' }), STATUS.ESME_RINVMSGID);
  });

  it('keeps each system_id to its own messages', async (t) => {
    const { sim, session, port, clock } = await boundPair(t);
    const id = messageId((await session.request('submit_sm', { source_addr: '1', destination_addr: '447700900001', short_message: 'x' })).pdu);
    const other = esmeFor(t, port, { clock, bind: { system_id: 'other' } });
    await other.session.bind();
    await rejectsWith(other.session.request('query_sm', { message_id: id }), STATUS.ESME_RINVMSGID);
    await rejectsWith(other.session.request('cancel_sm', { message_id: id }), STATUS.ESME_RINVMSGID);
    assert.equal(sim.message(id)?.message_state, MESSAGE_STATE.ENROUTE);
  });
});
