// Windowing with responses out of order, and response timeouts, on a ManualClock: the simulator
// delays chosen responses, the ESME keeps its window and its timers.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SmppRequestError, type Response } from '../../../src/smpp/session/esme';
import { ManualClock } from '../../support/manualClock';
import { boundPair, esmeFor, startSmsc } from '../../support/smscHarness';
import { next } from '../../support/waitFor';

const TIMEOUT = { timeout: 20_000 };

describe('simulator: windowing and timeouts', TIMEOUT, () => {
  it('pairs responses that come back out of order, and keeps at most `window` requests outstanding', async (t) => {
    let submits = 0;
    // The first submit is answered 500 ms late; the others at once.
    const { session, clock, pdus, smscPdus } = await boundPair(
      t,
      { faults: { responseDelay: (req) => (req.command === 'submit_sm' && ++submits === 1 ? 500 : 0) } },
      { window: 2 },
    );
    const texts = ['one', 'two', 'three', 'four'];
    const done: (Response | undefined)[] = texts.map(() => undefined);
    const requests = texts.map((text, i) =>
      session.request('submit_sm', { destination_addr: '447700900001', short_message: text }).then((r) => {
        done[i] = r;
        return r;
      }),
    );
    assert.equal(session.outstanding, 2);
    assert.equal(session.queued, 2);

    // Two, three and four go through the second slot of the window while one waits.
    await Promise.all(requests.slice(1));
    assert.equal(done[0], undefined);
    assert.equal(session.outstanding, 1);
    assert.equal(session.queued, 0);
    clock.advance(500);
    const first = await requests[0];
    assert.equal(first.rtt, 500);

    // Each response matched its own request.
    const sent = pdus.filter((e) => e.direction === 'out' && e.command === 'submit_sm').map((e) => e.sequence_number);
    const results = await Promise.all(requests);
    assert.deepEqual(
      results.map((r) => r.pdu.sequence_number),
      sent,
    );
    const ids = results.map((r) => (r.pdu.body as { message_id: string }).message_id);
    assert.equal(new Set(ids).size, 4);
    // On the wire: responses in the order two, three, four, one.
    const answered = pdus.filter((e) => e.direction === 'in' && e.command === 'submit_sm_resp').map((e) => e.sequence_number);
    assert.deepEqual(answered, [sent[1], sent[2], sent[3], sent[0]]);
    // Never more than two submits outstanding: count as the simulator saw them.
    let open = 0;
    let most = 0;
    for (const e of smscPdus.items) {
      if (e.command === 'submit_sm') most = Math.max(most, ++open);
      if (e.command === 'submit_sm_resp') open--;
    }
    assert.equal(most, 2);
    assert.equal(session.outstanding, 0);
    assert.equal(session.queued, 0);
  });

  it('fails a request whose response does not come within responseTimeout, and ignores the late response', async (t) => {
    const { session, clock, smscPdus } = await boundPair(t, { faults: { responseDelay: (req) => (req.command === 'query_sm' ? 5_000 : 0) } }, { responseTimeout: 1_000 });
    const warnings: string[] = [];
    session.on('warning', (w) => warnings.push(w));
    const q = session.request('query_sm', { message_id: '01' });
    await smscPdus.wait((e) => e.direction === 'in' && e.command === 'query_sm');
    clock.advance(1_000);
    await assert.rejects(q, (err: unknown) => {
      assert.ok(err instanceof SmppRequestError);
      assert.equal(err.kind, 'timeout');
      assert.match(err.message, /^no query_sm_resp within 1\.0 s \(sequence 2\)$/);
      return true;
    });
    assert.equal(session.outstanding, 0);
    assert.equal(session.state, 'bound_trx');
    const late = next(session, 'warning');
    clock.advance(4_000);
    assert.match(await late, /query_sm_resp \(sequence 2\) from the SMSC matches no request/);
    // The session carries on.
    await session.request('submit_sm', { destination_addr: '447700900001', short_message: 'x' });
    assert.equal(warnings.length, 1);
  });

  it('fails a bind that is not answered within bindTimeout and closes', async (t) => {
    const clock = new ManualClock();
    const s = await startSmsc(t, { clock, faults: { responseDelay: 10_000 } });
    const { session, states } = esmeFor(t, s.port, { clock, bindTimeout: 2_000 });
    const bind = session.bind();
    await s.smscPdus.wait((e) => e.direction === 'in' && e.command === 'bind_transceiver');
    clock.advance(2_000);
    await assert.rejects(bind, (err: unknown) => err instanceof SmppRequestError && err.kind === 'timeout' && /no bind_transceiver_resp within 2\.0 s/.test(err.message));
    assert.deepEqual(
      states.items.map((e) => e.to),
      ['connecting', 'open', 'closed'],
    );
    assert.equal(session.outstanding, 0);
    await next(s.sim, 'disconnect');
  });
});
