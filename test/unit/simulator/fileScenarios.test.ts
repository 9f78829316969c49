// The simulator a connection file describes, as node-smpp's client finds it: its accounts (a good
// bind, a wrong password, an unknown system_id), its faults switched on from the start, and a
// rule that ends a number UNDELIV, with a log that names the rule and never a password.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { describe, it, type TestContext } from 'node:test';
import { parseConnectionFile } from '../../../src/config/connectionFile';
import { simulatorRunOptions } from '../../../src/config/simulatorOptions';
import { startSimulator, type RunningSimulator } from '../../../src/smpp/simulator/embedded';
import { STATUS } from '../../../src/smpp/tables/values';
import { call, connectNodeSmpp, nsText, type NsPdu } from '../../support/nodeSmppClient';
import { RawSmppClient } from '../../support/rawSmppClient';
import { EventLog } from '../../support/waitFor';

const TIMEOUT = { timeout: 20_000 };

/** The simulator of the file's only connection, started with `env`, its log lines kept, closed with the test. */
async function simulatorFor(t: TestContext, block: string, env: Record<string, string> = {}): Promise<{ sim: RunningSimulator; log: string[] }> {
  const parsed = parseConnectionFile(`{ "connections": [ { "name": "sim", "simulator": ${block} } ] }`);
  const c = parsed.connections[0];
  assert.deepEqual(c.problems.filter((p) => p.severity === 'error'), []);
  const log: string[] = [];
  const sim = await startSimulator({ ...simulatorRunOptions(c.definition.simulator!, env), log: (l) => log.push(l) });
  t.after(() => sim.close());
  return { sim, log };
}

async function bindStatus(t: TestContext, port: number, system_id: string, password: string): Promise<number> {
  const { client } = await connectNodeSmpp(t, port);
  return (await call((cb) => client.bind_transceiver({ system_id, password }, cb))).command_status;
}

describe('the simulator from a connection file', TIMEOUT, () => {
  it('accepts only its accounts: ESME_RINVPASWD for a wrong password, ESME_RINVSYSID for an unknown system_id', async (t) => {
    const { sim, log } = await simulatorFor(t, '{ "accounts": [{ "system_id": "alice", "password": "${env:ALICE_PW}" }, { "system_id": "bob", "password": "bob" }] }', { ALICE_PW: 'w0nder' });
    assert.equal(await bindStatus(t, sim.port, 'alice', 'w0nder'), STATUS.ESME_ROK);
    assert.equal(await bindStatus(t, sim.port, 'bob', 'bob'), STATUS.ESME_ROK);
    assert.equal(await bindStatus(t, sim.port, 'alice', 'wrong'), STATUS.ESME_RINVPASWD);
    assert.equal(await bindStatus(t, sim.port, 'mallory', 'w0nder'), STATUS.ESME_RINVSYSID);
    assert.ok(log.some((l) => /system_id="alice" refused \(ESME_RINVPASWD\)/.test(l)));
    assert.ok(log.every((l) => !l.includes('w0nder')), 'no log line holds the password');
  });

  it('refuses every bind with faults.rejectBind, by name', async (t) => {
    const { sim, log } = await simulatorFor(t, '{ "faults": { "rejectBind": "ESME_RBINDFAIL" } }');
    assert.equal(await bindStatus(t, sim.port, 'any', 'pw'), STATUS.ESME_RBINDFAIL);
    assert.ok(log.some((l) => l.includes('fault') && l.includes('rejectBind')));
  });

  it('leaves enquire_link unanswered with faults.dropEnquireLinkResp, and throttles every submit with faults.throttle "all"', async (t) => {
    const { sim } = await simulatorFor(t, '{ "faults": { "dropEnquireLinkResp": true, "throttle": "all" } }');
    const faults = new EventLog<{ fault: string }>(sim.simulator, 'fault');
    const { client } = await connectNodeSmpp(t, sim.port);
    assert.equal((await call((cb) => client.bind_transceiver({ system_id: 'a', password: 'b' }, cb))).command_status, 0);
    let answered = false;
    client.enquire_link(() => (answered = true));
    await faults.wait((e) => e.fault === 'dropEnquireLinkResp');
    const r = await call((cb) => client.submit_sm({ destination_addr: '447000000001', short_message: 'hi' }, cb));
    assert.equal(r.command_status, STATUS.ESME_RTHROTTLED);
    assert.equal(answered, false);
  });

  it('cuts the first PDU it sends in half and closes with faults.closeMidPdu', async (t) => {
    const { sim } = await simulatorFor(t, '{ "faults": { "closeMidPdu": true } }');
    // A raw client: node-smpp's own parser throws on the half PDU.
    const raw = await RawSmppClient.connect(sim.port);
    t.after(() => raw.close());
    raw.send({ command: 'bind_transceiver', body: { system_id: 'a', password: 'b', interface_version: 0x34 } });
    await raw.closed;
    assert.equal(raw.received.items.length, 0);
    // One-shot: the next connection binds.
    assert.equal(await bindStatus(t, sim.port, 'a', 'b'), 0);
  });

  it('takes faults.responseDelay in seconds (the simulator in milliseconds) and faults.garbageLength as written', async (t) => {
    const { sim } = await simulatorFor(t, '{ "faults": { "responseDelay": 0.05, "garbageLength": 8 } }');
    assert.deepEqual(sim.simulator.currentFaults, { responseDelay: 50, garbageLength: 8 });
  });

  it('ends the file\'s number UNDELIV with its error, and logs the rule', async (t) => {
    const { sim, log } = await simulatorFor(t, '{ "rules": [{ "destination": "+15550000002", "receipt": { "state": "UNDELIV", "error": 34, "delay": 0 } }] }');
    const { client } = await connectNodeSmpp(t, sim.port);
    assert.equal((await call((cb) => client.bind_transceiver({ system_id: 'a', password: 'b' }, cb))).command_status, 0);
    const delivered = new EventLog<NsPdu>(client, 'deliver_sm');
    client.on('deliver_sm', (pdu: NsPdu) => client.send(pdu.response()));
    const r = await call((cb) => client.submit_sm({ source_addr: '12345', destination_addr: '15550000002', registered_delivery: 1, short_message: 'hi' }, cb));
    assert.equal(r.command_status, 0);
    const receipt = await delivered.wait();
    assert.match(nsText(receipt.short_message), new RegExp(`^id:${r.message_id} .* stat:UNDELIV err:034 `));
    assert.equal(receipt.message_state, 5);
    assert.ok(log.some((l) => /^rule .* destination_addr=15550000002 matched rules\[0\] "\+15550000002": receipt UNDELIV err=34 after 0 ms$/.test(l)), log.join('\n'));
    client.destroy();
    await once(client, 'close');
  });
});
