// Binds, unbinds and the session states the simulator enforces, over real loopback TCP:
// our EsmeSession where a well-behaved ESME is enough, a raw socket where it is not.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { tlvValue } from '../../../src/smpp/codec';
import { SmppRequestError, type SessionState } from '../../../src/smpp/session/esme';
import type { SmscBindEvent, SmscDisconnectEvent, SmscUnbindEvent } from '../../../src/smpp/simulator/events';
import { STATUS } from '../../../src/smpp/tables/values';
import { ManualClock } from '../../support/manualClock';
import { RawSmppClient } from '../../support/rawSmppClient';
import { boundPair, esmeFor, startSmsc } from '../../support/smscHarness';
import { EventLog, next } from '../../support/waitFor';

const TIMEOUT = { timeout: 20_000 };

function hex(h: string): Buffer {
  return Buffer.from(h.replace(/\s+/g, ''), 'hex');
}

describe('simulator: binds and session states', TIMEOUT, () => {
  for (const [type, bound] of [
    ['transmitter', 'bound_tx'],
    ['receiver', 'bound_rx'],
    ['transceiver', 'bound_trx'],
  ] as const) {
    it(`binds a ${type}, answers with its system_id and sc_interface_version, and unbinds`, async (t) => {
      const clock = new ManualClock();
      const s = await startSmsc(t, { clock, systemId: 'SIM1' });
      const binds = new EventLog<SmscBindEvent>(s.sim, 'bind');
      const unbinds = new EventLog<SmscUnbindEvent>(s.sim, 'unbind');
      const { session, states } = esmeFor(t, s.port, { clock, bind: { type, system_id: 'acme', password: 'pw' } });

      const resp = await session.bind();
      assert.equal(session.state, bound);
      assert.equal(resp.pdu.command, `bind_${type}_resp`);
      assert.equal(resp.pdu.command_status, 0);
      assert.deepEqual(resp.pdu.body, { system_id: 'SIM1' });
      assert.equal(tlvValue(resp.pdu, 'sc_interface_version'), 0x34);
      const bindEvent = await binds.wait();
      assert.deepEqual(
        { type: bindEvent.type, system_id: bindEvent.system_id, accepted: bindEvent.accepted, status: bindEvent.status, iv: bindEvent.interface_version },
        { type, system_id: 'acme', accepted: true, status: 0, iv: 0x34 },
      );
      const conn = s.sim.connections[0];
      assert.equal(conn.state, bound);
      assert.equal(conn.bindType, type);
      assert.equal(conn.systemId, 'acme');

      const gone = next(s.sim, 'disconnect');
      await session.unbind();
      assert.deepEqual(
        states.items.map((e) => e.to),
        ['connecting', 'open', bound, 'unbound', 'closed'] satisfies SessionState[],
      );
      assert.equal((await unbinds.wait()).by, 'esme');
      const d = await gone;
      assert.equal(d.state, 'unbound');
      assert.equal(d.system_id, 'acme');
      assert.equal(session.outstanding, 0);
      assert.equal(session.queued, 0);
      assert.equal(s.sim.connections.length, 0);
      // The exchange the ESME saw, in order.
      const seen = s.smscPdus.items.map((e) => `${e.direction} ${e.command} ${e.sequence_number}`);
      assert.deepEqual(seen, [`in bind_${type} 1`, `out bind_${type}_resp 1`, 'in unbind 2', 'out unbind_resp 2']);
    });
  }

  it('sends no sc_interface_version to an SMPP 3.3 bind', async (t) => {
    const s = await startSmsc(t);
    const { session } = esmeFor(t, s.port, { bind: { interface_version: 0x33 } });
    const resp = await session.bind();
    assert.equal(resp.pdu.tlvs.length, 0);
    await session.unbind();
  });

  it('refuses a wrong password with ESME_RINVPASWD and an unknown system_id with ESME_RINVSYSID, in plain words', async (t) => {
    const clock = new ManualClock();
    const s = await startSmsc(t, { clock, accounts: [{ system_id: 'acme', password: 'secret' }] });
    const binds = new EventLog<SmscBindEvent>(s.sim, 'bind');

    const cases = [
      { system_id: 'acme', password: 'wrong', status: STATUS.ESME_RINVPASWD, words: /^ESME_RINVPASWD: the SMSC rejected the password/ },
      { system_id: 'nobody', password: 'secret', status: STATUS.ESME_RINVSYSID, words: /^ESME_RINVSYSID: the SMSC does not know this system_id/ },
    ];
    for (const c of cases) {
      // reconnect is on: a refused bind must still not be retried with the same credentials.
      const { session, states } = esmeFor(t, s.port, { clock, reconnect: true, bind: { system_id: c.system_id, password: c.password } });
      let reconnects = 0;
      session.on('reconnecting', () => reconnects++);
      await assert.rejects(session.bind(), (err: unknown) => {
        assert.ok(err instanceof SmppRequestError);
        assert.equal(err.kind, 'status');
        assert.equal(err.status, c.status);
        assert.match(err.message, c.words);
        return true;
      });
      assert.equal(session.state, 'closed');
      assert.deepEqual(
        states.items.map((e) => e.to),
        ['connecting', 'open', 'closed'],
      );
      assert.match(states.items[2].cause, c.words);
      assert.equal(reconnects, 0);
      assert.equal(session.reconnectAt, undefined);
      assert.equal(session.outstanding, 0);
      const ev = await binds.wait((b) => b.system_id === c.system_id);
      assert.equal(ev.accepted, false);
      assert.equal(ev.status, c.status);
    }

    const ok = esmeFor(t, s.port, { clock, bind: { system_id: 'acme', password: 'secret' } });
    await ok.session.bind();
    assert.equal(ok.session.state, 'bound_trx');
    await ok.session.unbind();
  });

  it('unbinds from the SMSC side: the ESME answers, goes unbound, then closed', async (t) => {
    const { sim, session, states, pdus } = await boundPair(t);
    const unbinds = new EventLog<SmscUnbindEvent>(sim, 'unbind');
    const closed = next(session, 'state', (e) => e.to === 'closed');
    await sim.connections[0].unbind();
    await closed;
    assert.deepEqual(
      states.items.slice(-2).map((e) => [e.to, e.cause]),
      [
        ['unbound', 'the SMSC unbound'],
        ['closed', 'the SMSC unbound'],
      ],
    );
    assert.equal((await unbinds.wait()).by, 'smsc');
    const last = pdus.items.slice(-2).map((e) => `${e.direction} ${e.command} ${e.command_status}`);
    assert.deepEqual(last, ['in unbind 0', 'out unbind_resp 0']);
    assert.equal(sim.connections.length, 0);
    assert.equal(session.outstanding, 0);
    assert.equal(session.queued, 0);
  });

  it('answers submit_sm and query_sm from a receiver with ESME_RINVBNDSTS and keeps the session', async (t) => {
    const { session } = await boundPair(t, {}, { bind: { type: 'receiver' } });
    for (const [command, body] of [
      ['submit_sm', { destination_addr: '447700900001', short_message: 'hi' }],
      ['query_sm', { message_id: '01' }],
    ] as const) {
      await assert.rejects(session.request(command, body), (err: unknown) => {
        assert.ok(err instanceof SmppRequestError);
        assert.equal(err.status, STATUS.ESME_RINVBNDSTS);
        assert.match(err.message, /^ESME_RINVBNDSTS: the command is not allowed in the current bind state/);
        return true;
      });
    }
    assert.equal(session.state, 'bound_rx');
    assert.equal(session.outstanding, 0);
    // data_sm and enquire_link are allowed in every bound state.
    await session.request('data_sm', { destination_addr: '447700900001' }, [{ name: 'message_payload', value: new Uint8Array([0x68, 0x69]) }]);
    assert.ok((await session.enquireLink()) >= 0);
    await session.unbind();
  });

  it('answers anything but a bind before binding with ESME_RINVBNDSTS, and a second bind with ESME_RALYBND', async (t) => {
    const s = await startSmsc(t);
    const raw = await RawSmppClient.connect(s.port);
    t.after(() => raw.close());
    const requests = [
      raw.send({ command: 'submit_sm', body: { destination_addr: '447700900001', short_message: 'x' } }),
      raw.send({ command: 'enquire_link' }),
      raw.send({ command: 'query_sm', body: { message_id: '01' } }),
      raw.send({ command: 'unbind' }),
    ];
    for (const seq of requests) {
      const r = await raw.response(seq);
      assert.equal(r.command_status, STATUS.ESME_RINVBNDSTS, `${r.command} ${seq}`);
      assert.ok(r.command.endsWith('_resp'));
    }
    assert.equal((await raw.bind('bind_transmitter')).command_status, 0);
    assert.equal((await raw.bind('bind_receiver')).command_status, STATUS.ESME_RALYBND);
    assert.equal(s.sim.connections[0].state, 'bound_tx');
  });

  it('answers an unknown command_id with generic_nack ESME_RINVCMDID and keeps the connection', async (t) => {
    const s = await startSmsc(t);
    const raw = await RawSmppClient.connect(s.port);
    t.after(() => raw.close());
    await raw.bind('bind_transceiver');
    raw.sendBytes(hex('0000001000000110000000000a342ee7')); // command_id 0x110 is not SMPP
    const nack = await raw.response(0x0a342ee7);
    assert.equal(nack.command, 'generic_nack');
    assert.equal(nack.command_status, STATUS.ESME_RINVCMDID);
    // ESME-bound commands sent to the MC get the same answer.
    const seq = raw.send({ command: 'deliver_sm', body: { destination_addr: '1' } });
    assert.equal((await raw.response(seq)).command_status, STATUS.ESME_RINVCMDID);
    const ping = raw.send({ command: 'enquire_link' });
    assert.equal((await raw.response(ping)).command_status, 0);
  });

  it('answers a body that ends inside a field with generic_nack ESME_RINVMSGLEN, and a bad field value with its _resp', async (t) => {
    const s = await startSmsc(t);
    const raw = await RawSmppClient.connect(s.port);
    t.after(() => raw.close());
    await raw.bind('bind_transmitter');
    // submit_sm whose body stops after service_type, source_addr_ton and source_addr_npi.
    raw.sendBytes(hex('00000013 00000004 00000000 00000077 00 01 01'));
    const nack = await raw.response(0x77);
    assert.equal(nack.command, 'generic_nack');
    assert.equal(nack.command_status, STATUS.ESME_RINVMSGLEN);
    // A readable submit_sm with a schedule_delivery_time that is not an SMPP time.
    const seq = raw.send({ command: 'submit_sm', body: { destination_addr: '447700900001', schedule_delivery_time: 'tomorrow', short_message: 'x' } });
    const r = await raw.response(seq);
    assert.equal(r.command, 'submit_sm_resp');
    assert.equal(r.command_status, STATUS.ESME_RINVSCHED);
    assert.equal(s.sim.connections.length, 1);
  });

  for (const [name, bytes] of [
    ['command_length 15 (shorter than the header)', '0000000f000000060000000000000000'],
    ['command_length 0xFFFFFFFF (top bit set)', 'ffffffff000000060000000000000000'],
  ] as const) {
    it(`answers a framing error, ${name}, with generic_nack ESME_RINVCMDLEN and closes`, async (t) => {
      const s = await startSmsc(t);
      const raw = await RawSmppClient.connect(s.port);
      t.after(() => raw.close());
      await raw.bind('bind_transceiver');
      const gone = next(s.sim, 'disconnect');
      raw.sendBytes(hex(bytes));
      const nack = await raw.next((p) => p.command === 'generic_nack');
      assert.equal(nack.command_status, STATUS.ESME_RINVCMDLEN);
      assert.equal(nack.sequence_number, 0);
      await raw.closed;
      const d: SmscDisconnectEvent = await gone;
      assert.match(d.cause, /^framing error from the ESME: command_length/);
      assert.equal(s.sim.connections.length, 0);
    });
  }
});
