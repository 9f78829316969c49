// Reassembly: a message in parts (concatenation UDH with an 8- or 16-bit reference, SAR TLVs,
// message_payload) is one message with its text in part order; lost, duplicate and reordered
// parts are named by number; parts are grouped by connection, addresses, reference and total, so
// interleaved messages stay apart; mobile-originated messages are grouped the same way.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { correlateMessages, type SmsMessage } from '../../../src/smpp/messages/index';
import { Capture, FROM, resp, sarPart, sm, TO, textParts, udhPart } from './build';

const LONG = 'The quick brown fox jumps over the lazy dog. '.repeat(8).trim(); // 359 GSM characters: 3 parts
const UCS2 = 'Grüße aus Zürich — 日本語のテキスト、'.repeat(6); // UCS-2, several parts

type Method = 'udh' | 'udh16' | 'sar';
const METHODS: readonly [Method, SmsMessage['method']][] = [
  ['udh', 'udh8'],
  ['udh16', 'udh16'],
  ['sar', 'sar'],
];

function only(c: Capture): SmsMessage {
  const list = correlateMessages(c.records);
  assert.equal(list.length, 1, JSON.stringify(list.map((m) => [m.method, m.reference, m.received, m.total])));
  return list[0]!;
}

function submitAll(c: Capture, pdus: readonly Uint8Array[], order: readonly number[], firstSeq: number): void {
  for (const i of order) {
    c.out(pdus[i]!);
    c.in(resp('submit_sm_resp', firstSeq + i, `m${firstSeq + i}`));
  }
}

describe('messages: reassembly of parts', () => {
  for (const [method, name] of METHODS) {
    describe(name, () => {
      it('three parts in order: one message, 3/3, the text as sent', () => {
        const c = new Capture();
        const pdus = textParts(LONG, method, 1);
        assert.equal(pdus.length, 3);
        submitAll(c, pdus, [0, 1, 2], 1);
        const m = only(c);
        assert.deepEqual([m.method, m.reference, m.total, m.received, m.missing, m.duplicates, m.outOfOrder], [name, 42, 3, 3, [], [], []]);
        assert.equal(m.text, LONG);
        assert.deepEqual(m.messageIds, ['m1', 'm2', 'm3']);
        assert.deepEqual(
          m.parts.map((p) => p.number),
          [1, 2, 3],
        );
      });

      it('a lost part is named, and the text shows where it is missing', () => {
        const c = new Capture();
        const pdus = textParts(LONG, method, 1);
        submitAll(c, pdus, [0, 2], 1);
        const m = only(c);
        assert.deepEqual([m.received, m.total, m.missing], [2, 3, [2]]);
        const parts = m.parts.map((p) => p.text);
        assert.equal(m.text, `${parts[0]}[part 2 missing]${parts[1]}`);
      });

      it('a part sent twice is a duplicate (the text once); reordered parts are named and the text is in part order', () => {
        const c = new Capture();
        const pdus = textParts(LONG, method, 1);
        submitAll(c, pdus, [2, 0, 1, 1], 1);
        const m = only(c);
        assert.deepEqual([m.received, m.missing, m.duplicates, m.outOfOrder], [3, [], [2], [1, 2]]);
        assert.equal(m.text, LONG);
        assert.deepEqual(
          m.parts.map((p) => [p.number, p.duplicate]),
          [
            [1, false],
            [2, false],
            [2, true],
            [3, false],
          ],
        );
      });

      it('UCS-2 text in parts reads whole', () => {
        const c = new Capture();
        const pdus = textParts(UCS2, method, 1);
        assert.ok(pdus.length > 2);
        submitAll(c, pdus, pdus.map((_, i) => i), 1);
        assert.equal(only(c).text, UCS2);
      });
    });
  }

  it('message_payload: one PDU is the whole message; with SAR TLVs its parts are joined, lost and duplicate ones named', () => {
    const c = new Capture();
    const [payload] = textParts(LONG, 'payload', 1);
    c.out(payload!);
    c.in(resp('submit_sm_resp', 1, 'p1'));
    const m = only(c);
    assert.deepEqual([m.method, m.total, m.received, m.text], ['payload', 1, 1, LONG]);

    // data_sm parts, each with a message_payload and SAR TLVs: 3 of 4, the second twice, the last first.
    const d = new Capture();
    const chunk = (n: number): Uint8Array =>
      sm({
        command: 'data_sm',
        seq: 10 + n,
        tlvs: [
          { name: 'sar_msg_ref_num', value: 500 },
          { name: 'sar_total_segments', value: 4 },
          { name: 'sar_segment_seqnum', value: n },
          { name: 'message_payload', value: new TextEncoder().encode(`<${n}>`) },
        ],
      });
    for (const n of [4, 1, 2, 2]) d.out(chunk(n));
    const p = only(d);
    assert.deepEqual([p.method, p.reference, p.received, p.total, p.missing, p.duplicates, p.outOfOrder], ['sar', 500, 3, 4, [3], [2], [1, 2]]);
    assert.equal(p.text, '<1><2>[part 3 missing]<4>');
  });

  it('keeps apart messages that share a reference but not addresses, or a total, or a connection; and 8- from 16-bit references', () => {
    const c = new Capture();
    c.out(udhPart(1, 7, 2, 1, 'A1'));
    c.out(udhPart(2, 7, 2, 1, 'B1', true));
    c.out(sm({ seq: 3, to: '999', esm_class: 0x40, short_message: Uint8Array.of(5, 0, 3, 7, 2, 1, 0x43, 0x31) }));
    c.out(udhPart(4, 7, 3, 1, 'D1'));
    c.out(udhPart(5, 7, 2, 1, 'E1'), 'Other');
    c.out(udhPart(6, 7, 2, 2, 'A2'));
    c.out(udhPart(7, 7, 2, 2, 'B2', true));
    const list = correlateMessages(c.records);
    assert.deepEqual(
      list.map((m) => [m.connection, m.to, m.method, m.total, m.text]),
      [
        ['Acme', TO, 'udh8', 2, 'A1A2'],
        ['Acme', TO, 'udh16', 2, 'B1B2'],
        ['Acme', '999', 'udh8', 2, 'C1[part 2 missing]'],
        ['Acme', TO, 'udh8', 3, 'D1[part 2 missing][part 3 missing]'],
        ['Other', TO, 'udh8', 2, 'E1[part 2 missing]'],
      ],
    );
  });

  it('a reference used again for another text starts a new message; the same text again within the window is a duplicate', () => {
    const c = new Capture();
    c.out(udhPart(1, 9, 2, 1, 'old1'));
    c.out(udhPart(2, 9, 2, 1, 'new1'));
    c.out(udhPart(3, 9, 2, 2, 'new2'));
    c.out(udhPart(4, 9, 2, 2, 'new2'));
    assert.deepEqual(
      correlateMessages(c.records).map((m) => [m.text, m.duplicates]),
      [
        ['old1[part 2 missing]', []],
        ['new1new2', [2]],
      ],
    );
    // Once complete, the same parts a long while later are a new message.
    const late = correlateMessages(c.records, { duplicateWindowMs: 5 });
    assert.deepEqual(
      late.map((m) => m.text),
      ['old1[part 2 missing]', 'new1new2', 'new2'.replace(/^/, '[part 1 missing]')],
    );
  });

  it('a part the SMSC throttled and the session sent again is not a duplicate, and the message is delivered', () => {
    const c = new Capture();
    const pdus = textParts(LONG, 'udh', 1);
    c.out(pdus[0]!);
    c.in(resp('submit_sm_resp', 1, 'm1'));
    c.out(pdus[1]!);
    c.in(resp('submit_sm_resp', 2, '', 0x58));
    c.out(pdus[2]!);
    c.in(resp('submit_sm_resp', 3, 'm3'));
    c.out(pdus[1]!);
    c.in(resp('submit_sm_resp', 2, 'm2'));
    const m = only(c);
    assert.deepEqual([m.duplicates, m.state, m.messageIds], [[], 'no receipt', ['m1', 'm2', 'm3']]);
    assert.deepEqual(
      m.parts.map((p) => p.state),
      ['no receipt', 'submit failed: ESME_RTHROTTLED', 'no receipt', 'no receipt'],
    );
    // A single-PDU message throttled and sent again is one message too.
    const s = new Capture();
    s.out(sm({ seq: 1, short_message: 'again' }));
    s.in(resp('submit_sm_resp', 1, '', 0x58));
    s.out(sm({ seq: 2, short_message: 'again' }));
    s.in(resp('submit_sm_resp', 2, 'ok'));
    assert.deepEqual([only(s).state, only(s).parts.length, only(s).messageIds], ['no receipt', 2, ['ok']]);
  });

  describe('mobile-originated messages', () => {
    it('groups and reassembles MO parts (UDH and SAR), names the missing one, and answers count', () => {
      const c = new Capture();
      const udh = textParts(LONG, 'udh', 1, { command: 'deliver_sm', from: TO, to: FROM, ref: 3 });
      const sar = [sarPart(20, 77, 3, 1, 'one ', 'deliver_sm'), sarPart(21, 77, 3, 3, 'three', 'deliver_sm')];
      for (const [i, p] of udh.entries()) {
        c.in(p);
        c.out(resp('deliver_sm_resp', 1 + i));
      }
      c.in(sar[1]!);
      c.in(sar[0]!);
      c.out(resp('deliver_sm_resp', 20, '', 0x08));
      const list = correlateMessages(c.records);
      assert.deepEqual(
        list.map((m) => [m.kind, m.from, m.to, m.method, m.received, m.total, m.missing, m.outOfOrder, m.state]),
        [
          ['mo', TO, FROM, 'udh8', 3, 3, [], [], 'received'],
          ['mo', FROM, TO, 'sar', 2, 3, [2], [1], 'refused: ESME_RSYSERR'],
        ],
      );
      assert.equal(list[0]!.text, LONG);
      assert.equal(list[0]!.settled, true);
      assert.equal(list[1]!.text, 'one [part 2 missing]three');
      assert.equal(list[0]!.pduIds.length, 6);
    });

    it('an MO in one PDU is a message of its own, not a receipt', () => {
      const c = new Capture();
      c.in(sm({ command: 'deliver_sm', seq: 4, from: TO, to: FROM, short_message: 'stat: not a receipt' }));
      const [m] = correlateMessages(c.records);
      assert.deepEqual([m!.kind, m!.state, m!.text], ['mo', 'received', 'stat: not a receipt']);
    });
  });

  it('pasted PDUs without directions: submits go out, deliver_sm comes in, responses pair', () => {
    const pdus = [...textParts(LONG, 'udh16', 1), resp('submit_sm_resp', 2, 'two')];
    const list = correlateMessages(pdus.map((bytes, i) => ({ id: i + 1, connection: '', timestamp: 0, bytes })));
    assert.deepEqual(
      list.map((m) => [m.kind, m.received, m.text === LONG, m.messageIds]),
      [['mt', 3, true, ['two']]],
    );
  });

  it('a broken UDH or an incomplete SAR set is a problem of the message, read as one PDU', () => {
    const c = new Capture();
    c.out(sm({ seq: 1, esm_class: 0x40, short_message: Uint8Array.of(9, 0, 3, 1) }));
    c.out(sm({ seq: 2, short_message: 'half', tlvs: [{ name: 'sar_msg_ref_num', value: 1 }] }));
    const list = correlateMessages(c.records);
    assert.equal(list.length, 2);
    assert.match(list[0]!.problems.join('; '), /^PDU #1: UDH: UDH length 9 runs past the end/);
    assert.match(list[1]!.problems.join('; '), /^PDU #2: SAR: sar_msg_ref_num, sar_total_segments and sar_segment_seqnum must come together/);
    assert.equal(list[1]!.method, 'single');
  });
});
