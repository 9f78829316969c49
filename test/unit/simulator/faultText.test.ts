// "SMPP: Simulator Faults…" without VS Code: every fault of the engine in the pick, the values a
// person types read back (or refused with the reason), the faults that are on as a row shows
// them, and an update switching faults on a running simulator as node-smpp's client then finds it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SmscFaultName, SmscFaults } from '../../../src/smpp/simulator/faults';
import { STATUS } from '../../../src/smpp/tables/values';
import { FAULT_CHOICES, describeFaults, faultValueInput, parseFaultValue } from '../../../src/smpp/simulator/faultText';
import { sessionSignature } from '../../../src/tree/sessionText';
import { call, connectNodeSmpp } from '../../support/nodeSmppClient';
import { startSmsc } from '../../support/smscHarness';

describe('simulator faults in words', () => {
  it('offers every fault the engine has, once', () => {
    const engine: Record<SmscFaultName, true> = { responseDelay: true, dropEnquireLinkResp: true, rejectBind: true, throttle: true, closeMidPdu: true, garbageLength: true };
    assert.deepEqual(FAULT_CHOICES.map((c) => c.name).sort(), Object.keys(engine).sort());
  });

  it('reads typed values, and says why one cannot be read', () => {
    assert.deepEqual(parseFaultValue('responseDelay', ' 2000 '), { value: 2000 });
    assert.deepEqual(parseFaultValue('rejectBind', 'esme_rbindfail'), { value: STATUS.ESME_RBINDFAIL });
    assert.deepEqual(parseFaultValue('rejectBind', '0x0D'), { value: 13 });
    assert.deepEqual(parseFaultValue('throttle', 'all'), { value: 'all' });
    assert.deepEqual(parseFaultValue('throttle', '50/s'), { value: { perSecond: 50 } });
    assert.deepEqual(parseFaultValue('throttle', 'every 10'), { value: { everyNth: 10 } });
    assert.deepEqual(parseFaultValue('garbageLength', '0xFFFFFFFF'), { value: 0xffffffff });
    assert.deepEqual(parseFaultValue('dropEnquireLinkResp', ''), { value: true });
    assert.deepEqual(parseFaultValue('responseDelay', '-5'), { error: 'a whole number of ms, 0..3600000' });
    assert.deepEqual(parseFaultValue('rejectBind', 'ESME_ROK'), { error: 'a command_status name such as ESME_RBINDFAIL, or its number; "ESME_ROK" is neither' });
    assert.deepEqual(parseFaultValue('rejectBind', '0'), { error: 'a command_status other than 0 (ESME_ROK), up to 0xFFFFFFFF' });
    assert.deepEqual(parseFaultValue('throttle', 'every 1'), { error: '"all", "N/s" with N 1..100000, or "every N" with N 2..1000000' });
    assert.deepEqual(parseFaultValue('garbageLength', '4294967296'), { error: 'a number 0..4294967295 (or 0x0..0xFFFFFFFF)' });
  });

  it('shows the faults that are on, starts editing from the current value, and a row changes with them', () => {
    const faults: SmscFaults = { rejectBind: STATUS.ESME_RBINDFAIL, throttle: { perSecond: 5 }, dropEnquireLinkResp: true, responseDelay: 250 };
    assert.deepEqual(describeFaults(faults), ['responseDelay 250 ms', 'dropEnquireLinkResp', 'rejectBind ESME_RBINDFAIL', 'throttle beyond 5/s']);
    assert.deepEqual(describeFaults({ throttle: { everyNth: 3 }, closeMidPdu: true }), ['throttle one submit in 3', 'closeMidPdu']);
    assert.equal(faultValueInput('throttle', faults), '5/s');
    assert.equal(faultValueInput('rejectBind', faults), 'ESME_RBINDFAIL');
    assert.equal(faultValueInput('garbageLength', faults), '4294967295');
    const info = { state: 'bound_trx', engineState: 'bound_trx', counters: { in: 1, out: 1 }, wanted: true } as const;
    assert.notEqual(sessionSignature(info, 0), sessionSignature({ ...info, simulatorFaults: describeFaults(faults) }, 0));
  });

  it('switches a running simulator\'s faults on and off, as node-smpp\'s client then finds', async (t) => {
    const s = await startSmsc(t);
    const { client } = await connectNodeSmpp(t, s.port);
    assert.equal((await call((cb) => client.bind_transceiver({ system_id: 'a', password: 'b' }, cb))).command_status, 0);
    const on = parseFaultValue('throttle', 'all');
    assert.ok('value' in on);
    s.sim.setFaults({ throttle: on.value as SmscFaults['throttle'] });
    assert.equal((await call((cb) => client.submit_sm({ destination_addr: '447000000001', short_message: 'x' }, cb))).command_status, STATUS.ESME_RTHROTTLED);
    // Unticked: the update carries the key as undefined.
    s.sim.setFaults({ throttle: undefined });
    assert.deepEqual(describeFaults(s.sim.currentFaults), []);
    assert.equal((await call((cb) => client.submit_sm({ destination_addr: '447000000001', short_message: 'x' }, cb))).command_status, 0);
  });
});
