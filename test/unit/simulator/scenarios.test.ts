// Simulator scenarios as another ESME sees them: node-smpp's client binds to our simulator and
// submits to numbers that rules pick out by destination pattern (refused with a status, answered
// late, never answered, delivered with UNDELIV and an error code, answered from the handset), and
// to numbers that draw their receipt state from a percentage mix with an injected random.
import assert from 'node:assert/strict';
import { describe, it, type TestContext } from 'node:test';
import { decode } from '../../../src/smpp/codec';
import { attachLog } from '../../../src/smpp/simulator/log';
import { Scenario, destinationMatcher, scenarioProblem, type SmscScenario } from '../../../src/smpp/simulator/scenarios';
import type { SmscOptions } from '../../../src/smpp/simulator/smsc';
import { STATUS } from '../../../src/smpp/tables/values';
import { ManualClock } from '../../support/manualClock';
import { call, connectNodeSmpp, nsText, type NsPdu, type NsSession } from '../../support/nodeSmppClient';
import { startSmsc, type RunningSmsc } from '../../support/smscHarness';
import { EventLog } from '../../support/waitFor';

const TIMEOUT = { timeout: 20_000 };
const DELAY = 90_000;

interface Bound {
  s: RunningSmsc;
  clock: ManualClock;
  client: NsSession;
  /** Every deliver_sm the client got (each answered). */
  delivered: EventLog<NsPdu>;
}

/** node-smpp bound as an SMPP 3.4 transceiver to a simulator with this scenario. */
async function bound(t: TestContext, scenario: SmscScenario, options: SmscOptions = {}): Promise<Bound> {
  const clock = new ManualClock();
  const s = await startSmsc(t, { clock, deliveryReceiptDelay: DELAY, inactivityTimeout: 0, scenario, ...options });
  const { client } = await connectNodeSmpp(t, s.port);
  const r = await call((cb) => client.bind_transceiver({ system_id: 'gateway', password: 'pw', interface_version: 0x34 }, cb));
  assert.equal(r.command_status, 0);
  client.on('deliver_sm', (pdu: NsPdu) => client.send(pdu.response()));
  return { s, clock, client, delivered: new EventLog<NsPdu>(client, 'deliver_sm') };
}

function submit(b: Bound, destination_addr: string, registered_delivery = 1): Promise<NsPdu> {
  return call((cb) => b.client.submit_sm({ source_addr: '12345', destination_addr, registered_delivery, short_message: 'hello' }, cb));
}

/** The stat and err words of a receipt's text. */
function statErr(p: NsPdu): [string | undefined, string | undefined] {
  const text = nsText(p.short_message);
  return [/stat:(\w+)/.exec(text)?.[1], /err:(\d+)/.exec(text)?.[1]];
}

/** The deliver_sm the simulator wrote for what node-smpp received, as our decoder reads it. */
function written(b: Bound, p: NsPdu) {
  const e = b.s.smscPdus.items.find((x) => x.direction === 'out' && x.command === 'deliver_sm' && x.sequence_number === p.sequence_number);
  assert.ok(e);
  return decode(e.bytes).pdu;
}

describe('simulator scenarios: rules by destination', TIMEOUT, () => {
  it('refuses a range with the rule\'s status (by number from the name), and the first matching rule wins', async (t) => {
    const b = await bound(t, {
      rules: [
        { destination: '+44799*', submitStatus: STATUS.ESME_RSUBMITFAIL },
        { destination: '4479912*', submitStatus: STATUS.ESME_RINVDSTADR },
        { destination: '/^1555000000[0-9]$/', submitStatus: 0x400 },
      ],
    });
    assert.equal((await submit(b, '447991234567')).command_status, STATUS.ESME_RSUBMITFAIL);
    assert.equal((await submit(b, '+447991299999')).command_status, STATUS.ESME_RSUBMITFAIL);
    assert.equal((await submit(b, '15550000007')).command_status, 0x400);
    const ok = await submit(b, '447700900001');
    assert.equal(ok.command_status, 0);
    assert.ok(ok.message_id);
    // Refused messages are not stored: only the accepted one is.
    assert.equal(b.s.sim.storedMessages, 1);
  });

  it('answers a destination late, and another not at all, while the rest are answered at once', async (t) => {
    const b = await bound(t, { rules: [{ destination: '447000000001', responseDelay: 5_000 }, { destination: '447000000009', noResponse: true }] });
    const late = submit(b, '447000000001');
    await b.s.smscPdus.wait((e) => e.direction === 'in' && e.command === 'submit_sm');
    // Another submit is answered while the first waits.
    assert.equal((await submit(b, '447000000002')).command_status, 0);
    assert.equal(b.s.smscPdus.filter((e) => e.direction === 'out' && e.command === 'submit_sm_resp').length, 1);
    b.clock.advance(5_000);
    assert.equal((await late).command_status, 0);

    let answered = false;
    void submit(b, '447000000009').then(() => (answered = true));
    const silent = await b.s.smscPdus.wait((e) => e.direction === 'in' && e.command === 'submit_sm' && (e.pdu.body as { destination_addr?: string }).destination_addr === '447000000009');
    assert.equal((await submit(b, '447000000003')).command_status, 0);
    b.clock.advance(60_000);
    // Still nothing for the silent one, after later submits were answered and time passed.
    assert.equal((await call((cb) => b.client.enquire_link(cb))).command_status, 0);
    assert.equal(answered, false);
    assert.equal(b.s.smscPdus.filter((e) => e.direction === 'out' && e.sequence_number === silent.sequence_number).length, 0);
  });

  it('ends a number UNDELIV with err:001 and the network_error_code TLV, after the rule\'s own delay; query_sm says the same', async (t) => {
    const b = await bound(t, { rules: [{ destination: '447000000002', receipt: { state: 'UNDELIV', error: 1, delay: 5_000 } }] });
    const failed = await submit(b, '447000000002');
    const fine = await submit(b, '447000000003');
    b.clock.advance(5_000);
    const first = await b.delivered.wait();
    assert.deepEqual(statErr(first), ['UNDELIV', '001']);
    assert.equal(first.receipted_message_id, failed.message_id);
    assert.equal(first.message_state, 5);
    assert.equal(first.esm_class, 0x04);
    const tlvs = written(b, first).tlvs.map((x) => [x.name, x.value]);
    assert.deepEqual(tlvs, [['receipted_message_id', failed.message_id], ['message_state', 5], ['network_error_code', { type: 3, code: 1 }]]);

    const q = await call((cb) => (b.client as unknown as { query_sm(o: object, cb: (p: NsPdu) => void): boolean }).query_sm({ message_id: failed.message_id, source_addr: '12345' }, cb));
    assert.deepEqual([q.message_state, (q as unknown as { error_code: number }).error_code], [5, 1]);

    // The other number keeps the simulator's delay and ends DELIVRD with err:000 and no error TLV.
    assert.equal(b.delivered.items.length, 1);
    b.clock.advance(DELAY);
    const second = await b.delivered.wait((p) => p.receipted_message_id === fine.message_id);
    assert.deepEqual(statErr(second), ['DELIVRD', '000']);
    assert.deepEqual(written(b, second).tlvs.map((x) => x.name), ['receipted_message_id', 'message_state']);
  });

  it('sends a failure receipt to registered_delivery 2 (failure only), and no success receipt to it', async (t) => {
    const b = await bound(t, { rules: [{ destination: '447000000002', receipt: { state: 'EXPIRED' } }] });
    const expired = await submit(b, '447000000002', 2);
    await submit(b, '447000000003', 2);
    const marker = await submit(b, '447000000004', 1);
    b.clock.advance(DELAY);
    const receipts = await b.delivered.waitCount(2);
    // In order on one connection: nothing for the delivered registered_delivery 2 message came before the last.
    assert.equal(b.delivered.items.length, 2);
    assert.deepEqual(receipts.map((p) => [p.receipted_message_id, statErr(p)[0]]).sort(), [[expired.message_id, 'EXPIRED'], [marker.message_id, 'DELIVRD']].sort());
  });

  it('replies from the handset once the message is delivered: a deliver_sm from the destination to the sender', async (t) => {
    const b = await bound(t, { rules: [{ destination: '+15550000005', moReply: 'STOP', receipt: { delay: 1_000 } }] });
    await submit(b, '15550000005', 0);
    assert.equal(b.delivered.items.length, 0);
    b.clock.advance(1_000);
    const mo = await b.delivered.wait();
    assert.deepEqual([mo.source_addr, mo.destination_addr, nsText(mo.short_message), mo.esm_class], ['15550000005', '12345', 'STOP', 0]);
  });

  it('matches each destination of a submit_multi on its own: a refused one among the unsuccessful, the others planned by their rules', async (t) => {
    const b = await bound(t, { rules: [{ destination: '+44799*', submitStatus: STATUS.ESME_RSUBMITFAIL }, { destination: '447000000002', receipt: { state: 'UNDELIV', error: 7 } }] });
    const multi = b.client as unknown as { submit_multi(o: object, cb: (p: NsPdu) => void): boolean };
    const r = (await call((cb) =>
      multi.submit_multi(
        {
          source_addr: '12345',
          registered_delivery: 1,
          short_message: 'hi',
          dest_address: [
            { dest_addr_ton: 1, dest_addr_npi: 1, destination_addr: '447991234567' },
            { dest_addr_ton: 1, dest_addr_npi: 1, destination_addr: '447000000002' },
            { dest_addr_ton: 1, dest_addr_npi: 1, destination_addr: '447000000003' },
          ],
        },
        cb,
      ),
    )) as NsPdu & { unsuccess_sme?: { destination_addr: string; error_status_code: number }[] };
    assert.equal(r.command_status, 0);
    assert.deepEqual(r.unsuccess_sme?.map((u) => [u.destination_addr, u.error_status_code]), [['447991234567', STATUS.ESME_RSUBMITFAIL]]);
    b.clock.advance(DELAY);
    const receipts = await b.delivered.waitCount(2);
    assert.deepEqual(receipts.map((p) => [p.source_addr, ...statErr(p)]).sort(), [['447000000002', 'UNDELIV', '007'], ['447000000003', 'DELIVRD', '000']]);
  });

  it('logs which rule matched, one line per matching submit', async (t) => {
    const b = await bound(t, { rules: [{ destination: '+44799*', submitStatus: STATUS.ESME_RSUBMITFAIL }, { destination: '447000000002', receipt: { state: 'UNDELIV', error: 1 } }] });
    const lines: string[] = [];
    const detach = attachLog(b.s.sim, (l) => lines.push(l));
    t.after(detach);
    await submit(b, '447991234567');
    await submit(b, '447000000002');
    await submit(b, '447000000003');
    const rules = lines.filter((l) => l.startsWith('rule '));
    assert.equal(rules.length, 2);
    assert.match(rules[0], /submit_sm seq=\d+ destination_addr=447991234567 matched rules\[0\] "\+44799\*": status ESME_RSUBMITFAIL$/);
    assert.match(rules[1], /destination_addr=447000000002 matched rules\[1\] "447000000002": receipt UNDELIV err=1$/);
  });
});

describe('simulator scenarios: the receipt state mix', TIMEOUT, () => {
  it('draws each message\'s final state from the injected random, by the percentages', async (t) => {
    // The first draw is the simulator's message id base; then one per submit.
    const draws = [0.5, 0.1, 0.95, 0.97, 0.899, 0.9];
    let i = 0;
    const random = (): number => draws[i++] ?? 0;
    const b = await bound(t, { receiptStates: { DELIVRD: 90, UNDELIV: 6, EXPIRED: 4 }, rules: [{ destination: '447000000009', receipt: { state: 'REJECTD' } }] }, { random });
    const ids: string[] = [];
    for (const to of ['447000000001', '447000000002', '447000000003', '447000000009', '447000000004', '447000000005']) ids.push((await submit(b, to)).message_id ?? '');
    b.clock.advance(DELAY);
    const receipts = await b.delivered.waitCount(ids.length);
    const byId = new Map(receipts.map((p) => [p.receipted_message_id, statErr(p)[0]]));
    // A rule's own state takes no draw.
    assert.deepEqual(ids.map((id) => byId.get(id)), ['DELIVRD', 'UNDELIV', 'EXPIRED', 'REJECTD', 'DELIVRD', 'UNDELIV']);
  });

  it('splits evenly spread draws exactly by the percentages', () => {
    const s = new Scenario({ receiptStates: { DELIVRD: 90, UNDELIV: 6, EXPIRED: 4 } });
    const counts = new Map<number, number>();
    for (let k = 0; k < 1000; k++) {
      const state = s.pickState(() => k / 1000);
      counts.set(state, (counts.get(state) ?? 0) + 1);
    }
    assert.deepEqual(Object.fromEntries(counts), { 2: 900, 5: 60, 3: 40 });
  });

  it('refuses a mix that does not add up to 100, an unknown state, and a bad pattern, saying which', () => {
    assert.equal(scenarioProblem({ receiptStates: { DELIVRD: 90, UNDELIV: 6 } }), 'receiptStates must add up to 100, not 96');
    assert.throws(() => new Scenario({ receiptStates: { DELIVRD: 90, UNDELIV: 20 } }), /receiptStates must add up to 100, not 110/);
    assert.match(scenarioProblem({ receiptStates: { DELIVERED: 100 } as never }) ?? '', /DELIVERED is not a receipt state/);
    assert.match(scenarioProblem({ rules: [{ destination: '/[0-9/' }] }) ?? '', /^rules\[0\]\.destination: "\/\[0-9\/" is not a valid regular expression: unterminated character class$/);
    assert.match(scenarioProblem({ rules: [{ destination: '1', receipt: { error: 1000 } }] }) ?? '', /rules\[0\]\.receipt\.error must be 0\.\.999/);
  });

  it('matches patterns: * for any run, ? for one character, + ignored, whole address; /regex/ as written', () => {
    const m = (p: string, a: string): boolean => {
      const f = destinationMatcher(p);
      assert.equal(typeof f, 'function');
      return (f as (x: string) => boolean)(a.replace(/^\+/, ''));
    };
    assert.equal(m('+44799*', '44799'), true);
    assert.equal(m('+44799*', '+447991234'), true);
    assert.equal(m('44799*', '1447991234'), false);
    assert.equal(m('4470000000?2', '447000000012'), true);
    assert.equal(m('4470000000?2', '44700000002'), false);
    assert.equal(m('1.5', '1x5'), false);
    assert.equal(m('/^1555/', '15550000002'), true);
    assert.equal(m('/000/', '15550000002'), true);
  });
});
