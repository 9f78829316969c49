// Mobile-originated messages: injected on demand or every moInterval (ManualClock), in GSM 7-bit
// or UCS-2 as the text needs, split into concatenated parts when long.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isCommand, tlvValue } from '../../../src/smpp/codec';
import type { WirePdu } from '../../../src/smpp/link/wire';
import type { SmscMoEvent } from '../../../src/smpp/simulator/events';
import { decodeText } from '../../../src/smpp/text/index';
import { parseUdh } from '../../../src/smpp/udh';
import { boundPair } from '../../support/smscHarness';
import { EventLog } from '../../support/waitFor';

const TIMEOUT = { timeout: 20_000 };

interface Part {
  text: string;
  dataCoding: number;
  esmClass: number;
  udh?: Uint8Array;
  pdu: WirePdu;
}

function part(pdu: WirePdu): Part {
  assert.ok(isCommand(pdu, 'deliver_sm'));
  const esmClass = pdu.body.esm_class ?? 0;
  const dataCoding = pdu.body.data_coding ?? 0;
  let sm = pdu.body.short_message ?? new Uint8Array(0);
  const payload = tlvValue(pdu, 'message_payload');
  if (sm.length === 0 && payload instanceof Uint8Array) sm = payload;
  let udh: Uint8Array | undefined;
  if ((esmClass & 0x40) !== 0) {
    udh = sm.subarray(0, 1 + sm[0]);
    sm = sm.subarray(1 + sm[0]);
  }
  return { text: decodeText(sm, dataCoding).text, dataCoding, esmClass, udh, pdu };
}

describe('simulator: mobile-originated messages', TIMEOUT, () => {
  it('injects a GSM 7-bit MO when every character fits, from an international number', async (t) => {
    const { sim, session, smscPdus } = await boundPair(t, {}, { bind: { type: 'receiver' } });
    const mos = new EventLog<SmscMoEvent>(sim, 'mo');
    const delivered = new EventLog<WirePdu>(session, 'deliver');
    const text = 'Café 10€ {ok} @home';
    const result = sim.injectMo({ from: '+447700900123', to: '12345', text });
    assert.deepEqual(result, { delivered: true, connection: sim.connections[0].id, parts: 1, data_coding: 0, method: 'udh' });
    const p = part(await delivered.wait());
    assert.equal(p.dataCoding, 0);
    assert.equal(p.esmClass, 0);
    assert.equal(p.text, text);
    assert.ok(isCommand(p.pdu, 'deliver_sm'));
    assert.deepEqual(
      [p.pdu.body.source_addr_ton, p.pdu.body.source_addr_npi, p.pdu.body.source_addr, p.pdu.body.destination_addr],
      [1, 1, '447700900123', '12345'],
    );
    const ev = await mos.wait();
    assert.deepEqual({ from: ev.from, to: ev.to, text: ev.text, parts: ev.parts, dc: ev.data_coding }, { from: '447700900123', to: '12345', text, parts: 1, dc: 0 });
    assert.deepEqual(ev.sequence_numbers, [p.pdu.sequence_number]);
    await smscPdus.wait((e) => e.direction === 'in' && e.command === 'deliver_sm_resp');
    assert.equal(sim.connections[0].outstanding, 0);
  });

  it('injects UCS-2 when the text needs it', async (t) => {
    const { sim, session } = await boundPair(t);
    const delivered = new EventLog<WirePdu>(session, 'deliver');
    const text = 'Привет 👋';
    assert.equal(sim.injectMo({ from: '447700900123', to: '12345', text }).data_coding, 8);
    const p = part(await delivered.wait());
    assert.equal(p.dataCoding, 8);
    assert.equal(p.text, text);
  });

  it('splits a long MO into concatenated parts with one reference', async (t) => {
    const { sim, session } = await boundPair(t, { random: () => 0.25 });
    const delivered = new EventLog<WirePdu>(session, 'deliver');
    const text = 'The quick brown fox jumps over the lazy dog. '.repeat(5).trim(); // 224 characters
    const result = sim.injectMo({ from: '447700900123', to: '12345', text });
    assert.equal(result.parts, 2);
    const parts = (await delivered.waitCount(2)).map(part);
    const udhs = parts.map((p) => parseUdh(p.udh ?? new Uint8Array(0)).concat);
    assert.deepEqual(
      udhs.map((c) => [c?.total, c?.seq]),
      [
        [2, 1],
        [2, 2],
      ],
    );
    assert.equal(udhs[0]?.ref, udhs[1]?.ref);
    assert.ok(parts.every((p) => p.esmClass === 0x40));
    assert.equal(parts.map((p) => p.text).join(''), text);
  });

  it('carries parts in SAR TLVs or the whole text in message_payload when asked', async (t) => {
    const { sim, session } = await boundPair(t);
    const delivered = new EventLog<WirePdu>(session, 'deliver');
    const text = 'x'.repeat(200);
    assert.equal(sim.injectMo({ from: '447700900123', to: '12345', text, method: 'sar' }).parts, 2);
    const sar = (await delivered.waitCount(2)).map(part);
    assert.deepEqual(
      sar.map((p) => [tlvValue(p.pdu, 'sar_total_segments'), tlvValue(p.pdu, 'sar_segment_seqnum')]),
      [
        [2, 1],
        [2, 2],
      ],
    );
    assert.equal(sar.map((p) => p.text).join(''), text);
    assert.equal(sim.injectMo({ from: '447700900123', to: '12345', text, method: 'payload' }).parts, 1);
    const whole = part((await delivered.waitCount(3))[2]);
    assert.equal(whole.text, text);
  });

  it('reports an MO it cannot deliver: no receiver, or none of that system_id', async (t) => {
    const { sim, smscPdus } = await boundPair(t, {}, { bind: { type: 'transmitter' } });
    assert.deepEqual(sim.injectMo({ from: '1', to: '2', text: 'x' }), {
      delivered: false,
      parts: 0,
      reason: 'no session is bound as receiver or transceiver',
    });
    assert.equal(sim.injectMo({ from: '1', to: '2', text: 'x', system_id: 'nobody' }).delivered, false);
    assert.equal(smscPdus.filter((e) => e.command === 'deliver_sm').length, 0);
  });

  it('sends an MO every moInterval to a bound receiver', async (t) => {
    const { smscPdus, session, clock } = await boundPair(t, { moInterval: 60_000, mo: { from: '447700900777', to: '5555' } }, { bind: { type: 'receiver' } });
    const delivered = new EventLog<WirePdu>(session, 'deliver');
    clock.advance(59_999);
    assert.equal(smscPdus.filter((e) => e.command === 'deliver_sm').length, 0);
    clock.advance(1);
    const first = part(await delivered.wait());
    assert.equal(first.text, 'MO message 1 from the simulator');
    clock.advance(60_000);
    const second = part((await delivered.waitCount(2))[1]);
    assert.equal(second.text, 'MO message 2 from the simulator');
    assert.ok(isCommand(second.pdu, 'deliver_sm'));
    assert.equal(second.pdu.body.source_addr, '447700900777');
    assert.equal(second.pdu.body.destination_addr, '5555');
  });
});
