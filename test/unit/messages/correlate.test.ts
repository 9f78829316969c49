// Correlation: each submit with its response's message_id and its receipts, whether the ids are
// written alike, in hex on one side and decimal on the other, or only in the receipt's text; a
// receipt before its submit_sm_resp; intermediate receipts; failed and unanswered submits; and
// PDUs built by node-smpp's encoder, an independent implementation.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { encode } from '../../../src/smpp/codec';
import { correlateMessages, MessageTracker } from '../../../src/smpp/messages/index';
import { PDU } from '../../fixtures/nodesmpp';
import { Capture, FROM, receipt, resp, sm, TO } from './build';

describe('messages: submit → message_id → receipt', () => {
  it('one submit, its response and its receipt make one DELIVRD message with every PDU and both latencies', () => {
    const c = new Capture();
    const submit = c.out(sm({ seq: 1, short_message: 'Hello there' }));
    const response = c.in(resp('submit_sm_resp', 1, 'abc123'));
    const rcpt = c.in(receipt({ seq: 7, id: 'abc123', tlvId: 'abc123', messageState: 2 }));
    const rcptResp = c.out(resp('deliver_sm_resp', 7));
    const [m, ...rest] = correlateMessages(c.records);
    assert.equal(rest.length, 0);
    assert.equal(m!.kind, 'mt');
    assert.equal(m!.state, 'DELIVRD');
    assert.equal(m!.settled, true);
    assert.deepEqual([m!.connection, m!.from, m!.to, m!.text], ['Acme', FROM, TO, 'Hello there']);
    assert.deepEqual(m!.messageIds, ['abc123']);
    assert.deepEqual(m!.pduIds, [submit, response, rcpt, rcptResp]);
    assert.equal(m!.submitToResponseMs, 10);
    assert.equal(m!.submitToReceiptMs, 20);
    assert.deepEqual([m!.total, m!.received, m!.missing, m!.method], [1, 1, [], 'single']);
  });

  it('matches a receipt that says in decimal the id the response gave in hex (text id, TLV in hex)', () => {
    const c = new Capture();
    c.out(sm({ seq: 1, short_message: 'hex and decimal' }));
    c.in(resp('submit_sm_resp', 1, '70BA8A69'));
    // The receipt's text names 1891273321 = 0x70BA8A69; no TLV.
    c.in(receipt({ seq: 2, id: '1891273321', stat: 'UNDELIV' }));
    const [m, ...rest] = correlateMessages(c.records);
    assert.equal(rest.length, 0);
    assert.equal(m!.state, 'UNDELIV');
    assert.equal(m!.parts[0]!.receipts[0]!.matchedAs, 'decimal of hex 70BA8A69');
  });

  it('matches a receipt that says in hex the id the response gave in decimal', () => {
    const c = new Capture();
    c.out(sm({ seq: 1, short_message: 'decimal and hex' }));
    c.in(resp('submit_sm_resp', 1, '1891273321'));
    c.in(receipt({ seq: 2, id: '70ba8a69', stat: 'EXPIRED' }));
    const [m, ...rest] = correlateMessages(c.records);
    assert.equal(rest.length, 0);
    assert.equal(m!.state, 'EXPIRED');
    assert.equal(m!.parts[0]!.receipts[0]!.matchedAs, 'hex of decimal 1891273321');
  });

  it('idFormat as-is matches only the same text: the decimal receipt stays a receipt without its submit', () => {
    const c = new Capture();
    c.out(sm({ seq: 1, short_message: 'as is' }));
    c.in(resp('submit_sm_resp', 1, '70BA8A69'));
    c.in(receipt({ seq: 2, id: '1891273321' }));
    const messages = correlateMessages(c.records, { idFormat: 'as-is' });
    assert.deepEqual(
      messages.map((m) => [m.orphan, m.state]),
      [
        [false, 'no receipt'],
        [true, 'DELIVRD'],
      ],
    );
    assert.match(messages[1]!.problems[0]!, /no submit in the capture has message_id 1891273321/);
  });

  it('idFormat hex reads the response in hex only; decimal in decimal only; per connection', () => {
    const build = (connection: string): Capture => {
      const c = new Capture(connection);
      c.out(sm({ seq: 1, short_message: 'x' }));
      c.in(resp('submit_sm_resp', 1, '1000'));
      // 4096 is 0x1000: matches when the response's 1000 is read in hex.
      c.in(receipt({ seq: 2, id: '4096' }));
      return c;
    };
    const states = (connection: string, format: 'hex' | 'decimal'): string[] => correlateMessages(build(connection).records, { idFormat: (name) => (name === connection ? format : 'as-is') }).map((m) => (m.orphan ? 'orphan' : m.state));
    assert.deepEqual(states('A', 'hex'), ['DELIVRD']);
    assert.deepEqual(states('B', 'decimal'), ['no receipt', 'orphan']);
  });

  it('a receipt before its submit_sm_resp still matches when the response comes', () => {
    const c = new Capture();
    c.out(sm({ seq: 1, short_message: 'quick SMSC' }));
    const early = c.in(receipt({ seq: 2, id: '0000FF', tlvId: 'FF' }));
    const earlyResp = c.out(resp('deliver_sm_resp', 2));
    const t = new MessageTracker();
    for (const r of c.records) t.add(r);
    assert.deepEqual(
      t.messages().map((m) => [m.orphan, m.state]),
      [
        [false, 'no response'],
        [true, 'DELIVRD'],
      ],
    );
    c.in(resp('submit_sm_resp', 1, '255'));
    t.add(c.records[c.records.length - 1]!);
    const [m, ...rest] = t.messages();
    assert.equal(rest.length, 0);
    assert.equal(m!.state, 'DELIVRD');
    assert.ok(m!.pduIds.includes(early) && m!.pduIds.includes(earlyResp));
    assert.equal(m!.submitToReceiptMs, 10);
  });

  it('keeps an intermediate ENROUTE and lets the final state win, whichever comes last', () => {
    const c = new Capture();
    c.out(sm({ seq: 1, short_message: 'slow' }));
    c.in(resp('submit_sm_resp', 1, 'id1'));
    c.in(receipt({ seq: 2, id: 'id1', stat: 'ENROUTE', esm_class: 0x20 }));
    const t = new MessageTracker();
    for (const r of c.records) t.add(r);
    assert.equal(t.messages()[0]!.state, 'ENROUTE');
    assert.equal(t.messages()[0]!.settled, false);
    c.in(receipt({ seq: 3, id: 'id1', stat: 'DELIVRD' }));
    c.in(receipt({ seq: 4, id: 'id1', stat: 'ENROUTE', esm_class: 0x20 }));
    for (const r of c.records.slice(3)) t.add(r);
    const [m] = t.messages();
    assert.equal(m!.state, 'DELIVRD');
    assert.deepEqual(
      m!.parts[0]!.receipts.map((r) => [r.stat, r.final]),
      [
        ['ENROUTE', false],
        ['DELIVRD', true],
        ['ENROUTE', false],
      ],
    );
  });

  it('a refused submit, an unanswered one, and one without a receipt say so', () => {
    const c = new Capture();
    c.out(sm({ seq: 1, short_message: 'refused', to: '1' }));
    c.in(resp('submit_sm_resp', 1, '', 0x0b));
    c.out(sm({ seq: 2, short_message: 'no answer', to: '2' }));
    c.out(sm({ seq: 3, short_message: 'no receipt', to: '3' }));
    c.in(resp('submit_sm_resp', 3, 'm3'));
    assert.deepEqual(
      correlateMessages(c.records).map((m) => [m.to, m.state]),
      [
        ['1', 'submit failed: ESME_RINVDSTADR'],
        ['2', 'no response'],
        ['3', 'no receipt'],
      ],
    );
  });

  it('pairs responses by the capture’s request id when it has one, else by connection and sequence number', () => {
    const c = new Capture();
    c.out(sm({ seq: 5, short_message: 'on A' }), 'A');
    c.out(sm({ seq: 5, short_message: 'on B' }), 'B');
    c.in(resp('submit_sm_resp', 5, 'b-id'), 'B');
    c.in(resp('submit_sm_resp', 5, 'a-id'), 'A');
    assert.deepEqual(
      correlateMessages(c.records).map((m) => [m.connection, m.messageIds[0]]),
      [
        ['A', 'a-id'],
        ['B', 'b-id'],
      ],
    );
    // A capture record naming its request pairs with that one even where the sequence numbers differ.
    const records = c.records.map((r) => ({ ...r }));
    records[2] = { ...records[2]!, bytes: resp('submit_sm_resp', 99, 'b-id'), requestId: 2 };
    assert.equal(correlateMessages(records)[1]!.messageIds[0], 'b-id');
  });

  it('a receipt on another connection of the same SMSC (a receiver beside a transmitter) matches', () => {
    const c = new Capture();
    c.out(sm({ seq: 1, short_message: 'via tx' }), 'tx');
    c.in(resp('submit_sm_resp', 1, 'X9'), 'tx');
    c.in(receipt({ seq: 1, id: 'x9' }), 'rx');
    const [m, ...rest] = correlateMessages(c.records);
    assert.equal(rest.length, 0);
    assert.equal(m!.state, 'DELIVRD');
  });

  it('a data_sm with its data_sm_resp, and a data_sm receipt with message_state only', () => {
    const c = new Capture();
    c.out(sm({ command: 'data_sm', seq: 1, tlvs: [{ name: 'message_payload', value: new TextEncoder().encode('by data sm') }] }));
    c.in(resp('data_sm_resp', 1, 'D1'));
    c.in(sm({ command: 'data_sm', seq: 9, from: TO, to: FROM, esm_class: 0x04, tlvs: [{ name: 'receipted_message_id', value: 'D1' }, { name: 'message_state', value: 5 }] }));
    const [m, ...rest] = correlateMessages(c.records);
    assert.equal(rest.length, 0);
    assert.deepEqual([m!.method, m!.text, m!.state], ['payload', 'by data sm', 'UNDELIV']);
  });

  it('a submit_multi is one message to its first destination and how many more, with the receipts of each; the worst state shows', () => {
    const c = new Capture();
    const dest = (destination_addr: string) => ({ dest_flag: 1 as const, dest_addr_ton: 1, dest_addr_npi: 1, destination_addr });
    c.out(encode({ command: 'submit_multi', sequence_number: 1, body: { source_addr: FROM, dest_address: [dest('447700900001'), dest('447700900002')], registered_delivery: 1, short_message: 'to both' } }));
    c.in(encode({ command: 'submit_multi_resp', sequence_number: 1, body: { message_id: 'MM1' } }));
    c.in(receipt({ seq: 5, id: 'MM1', from: '447700900001' }));
    c.in(receipt({ seq: 6, id: 'MM1', from: '447700900002', stat: 'UNDELIV' }));
    const [m, ...rest] = correlateMessages(c.records);
    assert.equal(rest.length, 0);
    assert.deepEqual([m!.to, m!.text, m!.parts[0]!.receipts.length, m!.state], ['447700900001 +1', 'to both', 2, 'UNDELIV']);
  });

  it('correlates PDUs that node-smpp encoded, ids in hex and decimal', () => {
    const c = new Capture();
    const ns = (command: string, options: Record<string, unknown>): Uint8Array => new Uint8Array(new PDU(command, options).toBuffer());
    c.out(ns('submit_sm', { sequence_number: 3, source_addr: FROM, destination_addr: TO, registered_delivery: 1, short_message: 'from node-smpp' }));
    c.in(ns('submit_sm_resp', { sequence_number: 3, message_id: '3ADE68B1' }));
    c.in(ns('deliver_sm', { sequence_number: 11, source_addr: TO, destination_addr: FROM, esm_class: 4, short_message: 'id:987654321 sub:001 dlvrd:001 submit date:2601010000 done date:2601010001 stat:DELIVRD err:000 text:from node-smpp' }));
    c.out(ns('deliver_sm_resp', { sequence_number: 11 }));
    const [m, ...rest] = correlateMessages(c.records);
    assert.equal(rest.length, 0, JSON.stringify(rest));
    assert.deepEqual([m!.state, m!.text, m!.pduIds], ['DELIVRD', 'from node-smpp', [1, 2, 3, 4]]);
    // 987654321 = 0x3ADE68B1
    assert.equal(m!.parts[0]!.receipts[0]!.matchedAs, 'decimal of hex 3ADE68B1');
  });
});
