// Message building: data_coding choice, splitting as a phone does, UDH / SAR / message_payload.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { countMessage, planMessage, type MessagePlan } from '../../../src/smpp/split';
import { parseUdh } from '../../../src/smpp/udh';
import { decodeText } from '../../../src/smpp/text/index';
import { fillBitsAfterUdh } from '../../../src/smpp/text/gsm7';
import { seeded as rng } from '../../support/random';

const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');

/** Reassembles a plan the way a receiver would: UDH off, decode, join. */
function reassemble(plan: MessagePlan): string {
  return plan.parts
    .map((p) => {
      if (p.messagePayload) return decodeText(p.messagePayload, plan.dataCoding, { packed: plan.encoding === 'gsm7-packed' }).text;
      const hl = p.esmClassUdhi ? parseUdh(p.shortMessage).headerLength : 0;
      const packed = plan.encoding === 'gsm7-packed';
      const r = decodeText(p.shortMessage.subarray(hl), plan.dataCoding, packed ? { packed, fillBits: hl ? fillBitsAfterUdh(hl) : 0 } : {});
      assert.deepEqual(r.problems, []);
      return r.text;
    })
    .join('');
}


test('a short GSM text is one part, data_coding 0, no UDH', () => {
  const plan = planMessage('Hello', { method: 'udh' });
  assert.equal(plan.dataCoding, 0);
  assert.equal(plan.encoding, 'gsm7');
  assert.equal(plan.partCount, 1);
  assert.equal(plan.perPartLimit, 160);
  assert.equal(plan.units, 5);
  assert.equal(plan.characters, 5);
  assert.equal(plan.parts.length, 1);
  assert.equal(hex(plan.parts[0].shortMessage), '48656c6c6f');
  assert.equal(plan.parts[0].esmClassUdhi, false);
  assert.equal(plan.parts[0].tlvs, undefined);
});

test('160 septets fit one part; 161 need two of at most 153', () => {
  assert.equal(planMessage('a'.repeat(160), { method: 'udh' }).partCount, 1);
  const plan = planMessage('a'.repeat(161), { method: 'udh', ref: 0x2a });
  assert.equal(plan.partCount, 2);
  assert.equal(plan.perPartLimit, 153);
  assert.equal(hex(plan.parts[0].shortMessage.subarray(0, 6)), '0500032a0201');
  assert.equal(hex(plan.parts[1].shortMessage.subarray(0, 6)), '0500032a0202');
  assert.equal(plan.parts[0].shortMessage.length, 6 + 153);
  assert.equal(plan.parts[1].shortMessage.length, 6 + 8);
  assert.ok(plan.parts.every((p) => p.esmClassUdhi));
  assert.equal(reassemble(plan), 'a'.repeat(161));
  assert.equal(planMessage('a'.repeat(306), { method: 'udh' }).partCount, 2);
  assert.equal(planMessage('a'.repeat(307), { method: 'udh' }).partCount, 3);
});

test('extension characters count two septets and an escape pair is never split', () => {
  assert.equal(planMessage('€'.repeat(80), { method: 'udh' }).partCount, 1); // 160 septets
  assert.equal(planMessage('€'.repeat(81), { method: 'udh' }).partCount, 2);
  const text = 'a'.repeat(152) + '€' + 'b'.repeat(10);
  const plan = planMessage(text, { method: 'udh', ref: 1 });
  assert.equal(plan.units, 164);
  assert.equal(plan.partCount, 2);
  const first = plan.parts[0].shortMessage.subarray(6);
  assert.equal(first.length, 152);
  assert.notEqual(first[first.length - 1], 0x1b);
  assert.equal(hex(plan.parts[1].shortMessage.subarray(6)), '1b65' + '62'.repeat(10));
  assert.equal(reassemble(plan), text);
});

test('non-GSM text goes UCS-2: 70 characters in one part, 67 when split, surrogate pairs kept whole', () => {
  const one = planMessage('Привет', { method: 'udh' });
  assert.equal(one.dataCoding, 8);
  assert.equal(one.encoding, 'ucs2');
  assert.equal(one.perPartLimit, 70);
  assert.equal(planMessage('Ж'.repeat(70), { method: 'udh' }).partCount, 1);
  const two = planMessage('Ж'.repeat(71), { method: 'udh' });
  assert.equal(two.partCount, 2);
  assert.equal(two.perPartLimit, 67);
  assert.equal(two.parts[0].shortMessage.length, 6 + 134);

  const text = 'Ж'.repeat(66) + '😀' + 'Ж'.repeat(10);
  const plan = planMessage(text, { method: 'udh', ref: 9 });
  assert.equal(plan.units, 78);
  assert.equal(plan.characters, 77);
  const body = plan.parts[0].shortMessage.subarray(6);
  assert.equal(body.length, 132); // the emoji moved to part 2 rather than being cut
  assert.equal(hex(plan.parts[1].shortMessage.subarray(6, 10)), 'd83dde00');
  assert.equal(reassemble(plan), text);
});

test('16-bit reference: 152 septets / 66 characters per part', () => {
  const plan = planMessage('x'.repeat(200), { method: 'udh16', ref: 0x1234 });
  assert.equal(plan.perPartLimit, 152);
  assert.equal(hex(plan.parts[0].shortMessage.subarray(0, 7)), '06080412340201');
  assert.equal(plan.parts[0].shortMessage.length, 7 + 152);
  assert.equal(reassemble(plan), 'x'.repeat(200));
  assert.equal(planMessage('Ж'.repeat(100), { method: 'udh16' }).perPartLimit, 66);
  assert.throws(() => planMessage('x', { method: 'udh', ref: 300 }), RangeError);
});

test('SAR: no UDH, sar_* TLVs on each part', () => {
  const text = 'y'.repeat(400);
  const plan = planMessage(text, { method: 'sar', ref: 0xbeef });
  assert.equal(plan.partCount, 3);
  plan.parts.forEach((p, i) => {
    assert.equal(p.esmClassUdhi, false);
    assert.deepEqual(p.tlvs, { sar_msg_ref_num: 0xbeef, sar_total_segments: 3, sar_segment_seqnum: i + 1 });
  });
  assert.deepEqual(plan.parts.map((p) => p.shortMessage.length), [153, 153, 94]);
  assert.equal(reassemble(plan), text);
});

test('message_payload: one PDU carries the whole text; partCount is what the phone gets', () => {
  const text = 'z'.repeat(400) + '€';
  const plan = planMessage(text, { method: 'payload' });
  assert.equal(plan.parts.length, 1);
  assert.equal(plan.parts[0].shortMessage.length, 0);
  assert.equal(plan.parts[0].messagePayload?.length, 402);
  assert.equal(plan.partCount, 3);
  assert.equal(reassemble(plan), text);
});

test('forced encodings: Latin-1 limits, and unencodable characters become problems', () => {
  const latin = planMessage('é'.repeat(141), { method: 'udh', encoding: 'latin1' });
  assert.equal(latin.dataCoding, 3);
  assert.equal(latin.perPartLimit, 134);
  assert.equal(latin.partCount, 2);
  assert.equal(planMessage('é'.repeat(140), { method: 'udh', encoding: 'latin1' }).partCount, 1);
  const forced = planMessage('hi 😀', { method: 'udh', encoding: 'gsm7' });
  assert.equal(hex(forced.parts[0].shortMessage), '6869203f');
  assert.equal(forced.problems.length, 1);
  assert.equal(forced.problems[0].index, 3);
  assert.equal(planMessage('hello', { method: 'udh', encoding: 'ucs2' }).dataCoding, 8);
});

test('packed GSM 7-bit parts start after the UDH fill bits', () => {
  const text = 'The quick brown fox jumps over the lazy dog. '.repeat(5);
  const plan = planMessage(text, { method: 'udh', packed: true, ref: 3 });
  assert.equal(plan.encoding, 'gsm7-packed');
  assert.equal(plan.partCount, 2);
  assert.ok(plan.parts[0].shortMessage.length <= 140);
  assert.equal(reassemble(plan), text);
});

test('random texts reassemble for every method', () => {
  const r = rng(31337);
  const pools = ['abc XYZ 0123 @£$ {}[]~€|^\\', 'abcЖж日本 😀🇫🇷 é'];
  for (let i = 0; i < 300; i++) {
    const pool = [...pools[i % 2]];
    const n = Math.floor(r() * 500);
    let text = '';
    for (let k = 0; k < n; k++) text += pool[Math.floor(r() * pool.length)];
    for (const method of ['udh', 'udh16', 'sar', 'payload'] as const) {
      const plan = planMessage(text, { method, ref: 7 });
      assert.equal(reassemble(plan), text, `${method}: ${JSON.stringify(text)}`);
      for (const p of plan.parts) {
        const hl = p.esmClassUdhi ? parseUdh(p.shortMessage).headerLength : 0;
        const units = plan.dataCoding === 8 ? (p.shortMessage.length - hl) / 2 : p.shortMessage.length - hl;
        assert.ok(units <= plan.perPartLimit, `${method}: ${units} > ${plan.perPartLimit}`);
      }
    }
  }
});

test('countMessage for live counters', () => {
  assert.equal(countMessage('Hello there, how are you').display, '24 chars · 1 part · GSM-7');
  assert.equal(countMessage('Hello there, how are yo').display, '23 chars · 1 part · GSM-7');
  const c = countMessage('a'.repeat(200));
  assert.deepEqual([c.parts, c.perPartLimit, c.remaining], [2, 153, 106]);
  const u = countMessage('Привет 😀');
  assert.deepEqual([u.characters, u.units, u.parts, u.encoding, u.remaining], [8, 9, 1, 'ucs2', 61]);
  assert.equal(u.display, '8 chars · 1 part · UCS-2');
  assert.equal(countMessage('').display, '0 chars · 1 part · GSM-7');
  assert.equal(countMessage('x').display, '1 char · 1 part · GSM-7');
});
