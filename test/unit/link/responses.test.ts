// Only a request's own response, or a generic_nack, answers it. A generic_nack refuses it whatever
// its command_status; any other response with the same sequence_number is a protocol error, and
// the request goes on waiting for its real answer. Our ESME against a bare SMSC that lies.
import assert from 'node:assert/strict';
import { describe, it, type TestContext } from 'node:test';
import { SmppRequestError, type EsmeSession } from '../../../src/smpp/session/esme';
import { esmeFor, stateReached } from '../../support/smscHarness';
import { EventLog } from '../../support/waitFor';
import { RawSmsc, type RawPeer } from '../proxy/support';

const submit = { destination_addr: '447700900001', short_message: new Uint8Array([0x68, 0x69]) };

/** Our ESME bound to a bare SMSC that answers nothing but the bind, with the ESME's warnings. */
async function boundToBareSmsc(t: TestContext): Promise<{ session: EsmeSession; peer: RawPeer; warnings: EventLog<string> }> {
  const { smsc, port } = await RawSmsc.start(t);
  const peerReady = smsc.peers.wait();
  const { session } = esmeFor(t, port);
  const warnings = new EventLog<string>(session, 'warning');
  await session.bind();
  return { session, peer: await peerReady, warnings };
}

describe('responses are checked', () => {
  it('a bind answered by generic_nack with status 0 fails, and is not retried', async (t) => {
    const { smsc, port } = await RawSmsc.start(t, false);
    smsc.peers.wait().then((peer) => {
      peer.on('pdu', (pdu) => {
        if (pdu.command.startsWith('bind_')) peer.send({ command: 'generic_nack', sequence_number: pdu.sequence_number, body: {} });
      });
    });
    const { session } = esmeFor(t, port, { reconnect: true });
    const reconnects = new EventLog(session, 'reconnecting');
    await assert.rejects(session.bind(), (err: unknown) => {
      assert.ok(err instanceof SmppRequestError);
      assert.equal(err.kind, 'status');
      assert.equal(err.command, 'bind_transceiver');
      assert.equal(err.status, 0);
      assert.match(err.message, /generic_nack for bind_transceiver/);
      return true;
    });
    assert.equal(session.state, 'closed');
    assert.equal(session.isBound, false);
    assert.equal(reconnects.items.length, 0, 'a refused bind is not tried again');
  });

  it('a submit_sm answered by generic_nack with status 0 fails; message_id is never read from it', async (t) => {
    const { session, peer } = await boundToBareSmsc(t);
    peer.on('pdu', (pdu) => {
      if (pdu.command === 'submit_sm') peer.send({ command: 'generic_nack', sequence_number: pdu.sequence_number, body: {} });
    });
    await assert.rejects(session.request('submit_sm', submit), (err: unknown) => err instanceof SmppRequestError && err.kind === 'status' && err.status === 0 && /generic_nack for submit_sm/.test(err.message));
    assert.equal(session.outstanding, 0);
    assert.equal(session.state, 'bound_trx', 'a refused request does not end the session');
  });

  it('another command’s response with the same sequence_number is a protocol error; the request waits for its own', async (t) => {
    const { session, peer, warnings } = await boundToBareSmsc(t);
    const submitted = peer.next((p) => p.command === 'submit_sm');
    const answer = session.request('submit_sm', submit);
    const req = await submitted;
    // First a lie: query_sm_resp for the submit's sequence_number.
    peer.send({ command: 'query_sm_resp', sequence_number: req.sequence_number, body: { message_id: 'wrong', final_date: '', message_state: 2, error_code: 0 } });
    const warning = await warnings.wait((w) => /protocol error/.test(w));
    assert.match(warning, new RegExp(`query_sm_resp \\(sequence ${req.sequence_number}\\) from the SMSC does not answer submit_sm; still waiting for submit_sm_resp`));
    assert.equal(session.outstanding, 1, 'the submit still waits');
    // Then the truth.
    peer.send({ command: 'submit_sm_resp', sequence_number: req.sequence_number, body: { message_id: 'right' } });
    const r = await answer;
    assert.equal(r.pdu.command, 'submit_sm_resp');
    assert.equal((r.pdu.body as { message_id: string }).message_id, 'right');
    assert.equal(session.outstanding, 0);
  });

  it('a response to nothing is reported and changes nothing', async (t) => {
    const { session, peer, warnings } = await boundToBareSmsc(t);
    peer.on('pdu', (pdu) => {
      if (pdu.command === 'enquire_link') peer.send({ command: 'enquire_link_resp', sequence_number: pdu.sequence_number, body: {} });
    });
    peer.send({ command: 'submit_sm_resp', sequence_number: 4242, body: { message_id: 'stray' } });
    assert.match(await warnings.wait(), /submit_sm_resp \(sequence 4242\) from the SMSC matches no request/);
    assert.ok((await session.enquireLink()) >= 0);
    const closed = stateReached(session, 'closed');
    await session.unbind();
    await closed;
  });
});
