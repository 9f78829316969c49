// The request file parser: blocks, settings, fields and TLVs, expectations, and each problem at
// its exact line and columns (0-based, as the editor shows them).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseTlvDictionary } from '../../../src/smpp/codec';
import { buildRequest, parseRequestFile, type RequestFileProblem } from '../../../src/smpp/requests';

const at = (problems: RequestFileProblem[]): string[] => problems.map((p) => `${p.line}:${p.column}-${p.endColumn} ${p.severity}: ${p.message}`);

describe('request file blocks', () => {
  it('reads blocks, titles, settings, fields, TLVs, comments and expectations', () => {
    const text = [
      '# a comment before anything',
      '### Ping',
      'connection: Local simulator',
      'pdu: enquire_link',
      'expect status ESME_ROK',
      '',
      '###   A text  ',
      '# fields of submit_sm',
      'pdu: submit_sm',
      'destination_addr: 447700900001',
      '  dest_addr_ton : international',
      'sar_msg_ref_num: 7',
      'registered_delivery: receipt',
      'repeat: 3',
      'expect receipt DELIVRD within 1.5s',
      'expect field message_id matches /^[0-9a-f]+$/i',
    ].join('\r\n');
    const f = parseRequestFile(text, { connections: ['Local simulator'] });
    assert.deepEqual(f.problems, []);
    assert.equal(f.blocks.length, 2);
    const [ping, submit] = f.blocks;
    assert.deepEqual([ping!.title, ping!.connection, ping!.command, ping!.startLine, ping!.endLine], ['Ping', 'Local simulator', 'enquire_link', 1, 5]);
    assert.deepEqual(ping!.expectations.map((e) => [e.kind, e.line]), [['status', 4]]);
    // The second block takes the first one's connection.
    assert.deepEqual([submit!.title, submit!.connection, submit!.command, submit!.repeat, submit!.startLine, submit!.endLine], ['A text', 'Local simulator', 'submit_sm', 3, 6, 15]);
    const ton = submit!.fields.find((x) => x.name === 'dest_addr_ton')!;
    assert.deepEqual(ton, { name: 'dest_addr_ton', value: 'international', line: 10, column: 2, valueColumn: 18, kind: 'field' });
    assert.equal(submit!.fields.find((x) => x.name === 'sar_msg_ref_num')!.kind, 'tlv');
    assert.equal(submit!.fields.find((x) => x.name === 'repeat')!.kind, 'setting');
    const receipt = submit!.expectations.find((e) => e.kind === 'receipt');
    assert.deepEqual(receipt && { state: receipt.state, withinMs: receipt.withinMs }, { state: 'DELIVRD', withinMs: 1500 });
    const field = submit!.expectations.find((e) => e.kind === 'field');
    assert.ok(field?.kind === 'field' && field.pattern.test('ABC123'));
    const built = buildRequest(submit!);
    assert.deepEqual(built.pdu, {
      command: 'submit_sm',
      body: { destination_addr: '447700900001', dest_addr_ton: 1, registered_delivery: 1 },
      tlvs: [{ tag: 0x020c, name: 'sar_msg_ref_num', value: 7 }],
    });
  });

  it('text before the first ### is a block when it holds a line', () => {
    const f = parseRequestFile('pdu: enquire_link\n### second\npdu: unbind\n');
    assert.deepEqual(f.blocks.map((b) => [b.index, b.title, b.command, b.startLine, b.endLine]), [
      [0, undefined, 'enquire_link', 0, 0],
      [1, 'second', 'unbind', 1, 3],
    ]);
  });

  it('reads coded values by name, flags joined with |, hex and decimal', () => {
    const f = parseRequestFile('pdu: submit_sm\nesm_class: store_and_forward | udhi\ndata_coding: 0x08\npriority_flag: 2\nsource_addr_npi: land_mobile\nshort_message: 0x0500030a0201\n');
    assert.deepEqual(f.problems, []);
    assert.deepEqual(buildRequest(f.blocks[0]!).pdu?.body, { esm_class: 0x43, data_coding: 8, priority_flag: 2, source_addr_npi: 6, short_message: '0500030a0201' });
  });

  it('encodes text as data_coding says, and a vendor TLV by the dictionary', () => {
    const { dictionary } = parseTlvDictionary([{ tag: 0x1400, name: 'operator_id', type: 'int2', values: { 2: 'orange' } }]);
    const f = parseRequestFile('pdu: submit_sm\ndata_coding: ucs2\nshort_message: é€\noperator_id: orange\nmessage_payload: "  spaced"\n', { dictionary });
    assert.deepEqual(f.problems, []);
    const pdu = buildRequest(f.blocks[0]!, { dictionary }).pdu!;
    assert.equal(pdu.body.short_message, '00e920ac');
    assert.deepEqual(pdu.tlvs, [
      { tag: 0x1400, name: 'operator_id', value: 2 },
      // message_payload follows data_coding too.
      { tag: 0x0424, name: 'message_payload', value: '00200020007300700061006300650064' },
    ]);
  });

  it('submit_multi destinations as a list or as the JSON form', () => {
    const f = parseRequestFile('pdu: submit_multi\ndest_address: 447700900001, dl:friends\n###\npdu: submit_multi\ndest_address: [{"dest_flag":1,"dest_addr_ton":2,"dest_addr_npi":8,"destination_addr":"0700"}]\n');
    assert.deepEqual(f.problems, []);
    assert.deepEqual(buildRequest(f.blocks[0]!).pdu?.body.dest_address, [
      { dest_flag: 1, dest_addr_ton: 1, dest_addr_npi: 1, destination_addr: '447700900001' },
      { dest_flag: 2, dl_name: 'friends' },
    ]);
    assert.deepEqual(buildRequest(f.blocks[1]!).pdu?.body.dest_address, [{ dest_flag: 1, dest_addr_ton: 2, dest_addr_npi: 8, destination_addr: '0700' }]);
  });
});

describe('request file problems, each at its line and columns', () => {
  it('an unknown field, with the name it resembles', () => {
    const f = parseRequestFile('### x\npdu: submit_sm\ndestination_adr: 1\n');
    assert.deepEqual(at(f.problems), [
      '2:0-15 error: unknown field destination_adr: not a field of submit_sm nor a TLV (the spec\'s or the connection file\'s "tlvs") (did you mean destination_addr?)',
    ]);
  });

  it('a field of another PDU is unknown in this one', () => {
    const f = parseRequestFile('pdu: enquire_link\nshort_message: hi\n');
    assert.equal(at(f.problems)[0], '1:0-13 error: unknown field short_message: not a field of enquire_link nor a TLV (the spec\'s or the connection file\'s "tlvs")');
  });

  it('bad values, as the codec words them, at the value', () => {
    const f = parseRequestFile(['pdu: submit_sm', 'source_addr_ton: 300', 'dest_addr_ton: planet', 'destination_addr: 1234567890123456789012', 'sar_total_segments: 256', 'short_message: 😀'].join('\n'));
    assert.deepEqual(at(f.problems), [
      '1:17-20 error: source_addr_ton: expected an integer 0..255, got 300',
      '2:15-21 error: dest_addr_ton takes an integer or a name (unknown, international, national, network_specific, subscriber_number, alphanumeric, abbreviated), not "planet"',
      '3:18-40 error: destination_addr: is 23 octets with its NUL; the spec allows at most 21',
      '4:20-23 error: sar_total_segments: expected an integer 0..255, got 256',
      f.problems[4] ? `5:15-17 error: ${f.problems[4].message}` : 'missing',
    ]);
    assert.match(f.problems[4]!.message, /^short_message: .*choose another data_coding \(ucs2 holds any text\)/);
  });

  it('an unknown PDU, a response, and a block with no pdu:', () => {
    const f = parseRequestFile('### a\npdu: submit\n### b\npdu: submit_sm_resp\n### c\nconnection: x\nsource_addr: y\n');
    const got = at(f.problems);
    assert.equal(got.length, 4);
    assert.match(got[0]!, /^1:5-11 error: unknown PDU "submit" \(did you mean submit_sm\?\); a block sends one of bind_receiver, .*broadcast_sm/);
    assert.equal(got[1], '3:5-19 error: submit_sm_resp is not a request; a block sends a request (its response comes back)');
    assert.equal(got[2], '5:0-13 error: this block names no PDU: add a line such as pdu: submit_sm');
    assert.equal(got[3], '6:0-11 error: source_addr: this block names no PDU, so no field can be read (add pdu: …)');
  });

  it('an unknown connection when the caller lists them', () => {
    const f = parseRequestFile('pdu: enquire_link\nconnection: Local simulatr\n', { connections: ['Local simulator', 'Acme'] });
    assert.deepEqual(at(f.problems), ['1:12-26 error: no connection is named "Local simulatr" (did you mean Local simulator?); the connection files have "Local simulator", "Acme"']);
    assert.deepEqual(parseRequestFile('pdu: enquire_link\nconnection: anything\n').problems, []);
  });

  it('a field given twice; a repeatable TLV may be', () => {
    const f = parseRequestFile('pdu: submit_sm\nsource_addr: a\nsource_addr: b\n');
    assert.deepEqual(at(f.problems), ['2:0-11 error: source_addr is given twice (first on line 2)']);
    const b = parseRequestFile(
      'pdu: broadcast_sm\nbroadcast_area_identifier: {"format":0,"area":"4c6f6e646f6e"}\nbroadcast_area_identifier: 0x0050617269 \nbroadcast_content_type: {"network":1,"contentType":2}\nbroadcast_rep_num: 1\nbroadcast_frequency_interval: {"unit":9,"interval":5}\n',
    );
    assert.deepEqual(b.problems, []);
    assert.equal(buildRequest(b.blocks[0]!).pdu?.tlvs.length, 5);
  });

  it('broadcast_sm without its required TLVs', () => {
    const f = parseRequestFile('pdu: broadcast_sm\nbroadcast_rep_num: 1\n');
    assert.deepEqual(at(f.problems), ['0:5-17 error: broadcast_sm must carry the TLVs broadcast_area_identifier, broadcast_content_type, broadcast_frequency_interval']);
  });

  it('a derived length, a bad repeat, a line that is not name: value', () => {
    const f = parseRequestFile('pdu: submit_sm\nsm_length: 3\nrepeat: 0\njust words\n');
    assert.deepEqual(at(f.problems), [
      '1:0-9 error: sm_length is worked out from short_message; leave it out',
      '2:8-9 error: repeat takes a whole number 1..100000, not "0"',
      '3:0-10 error: write a line as name: value (or expect …, or a # comment)',
    ]);
  });

  it('generators that cannot be read, at the generator', () => {
    const f = parseRequestFile('pdu: submit_sm\nshort_message: Hi ${nope} there\ndestination_addr: ${range 9..1}\nsource_addr: ${counter\n');
    assert.deepEqual(at(f.problems), [
      '1:18-25 error: unknown generator ${nope}: use env:NAME, counter, random a..b, range a..b, timestamp or last.FIELD',
      '2:18-31 error: ${range 9..1}: the end is below the start',
      '3:13-22 error: "${" is never closed by "}" (write $${ for a literal ${)',
    ]);
  });

  it('expectations that cannot be read, and a receipt nobody asked for', () => {
    const f = parseRequestFile(
      ['pdu: submit_sm', 'expect status ESME_RSUBMITFAILED', 'expect receipt LOST', 'expect field message_id matches /[/', 'expect nothing', 'expect receipt DELIVRD within 2m', '### q', 'pdu: query_sm', 'expect receipt DELIVRD'].join('\n'),
    );
    assert.deepEqual(at(f.problems), [
      '1:0-32 error: expect status takes a command_status name or number (e.g. ESME_ROK, 0x45), not "ESME_RSUBMITFAILED" (did you mean ESME_RSUBMITFAIL?)',
      '2:0-19 error: "LOST" is not a receipt state; use one of SCHEDULED, ENROUTE, DELIVRD, EXPIRED, DELETED, UNDELIV, ACCEPTD, UNKNOWN, REJECTD, SKIPPED',
      `3:0-35 error: the pattern cannot be read: ${f.problems[2]!.message.replace('the pattern cannot be read: ', '')}`,
      '4:0-14 error: unknown expectation "nothing": use expect status …, expect receipt … or expect field … matches /…/',
      '5:0-32 warning: the SMSC sends a receipt only when asked: add registered_delivery: receipt',
      '8:0-22 error: query_sm gets no delivery receipt; expect receipt is for submit_sm, submit_multi and data_sm',
    ]);
  });

  it('a quoted value that never ends', () => {
    const f = parseRequestFile('pdu: submit_sm\nsource_addr: "abc\n');
    assert.deepEqual(at(f.problems), ['1:13-17 error: source_addr: a value that starts with a double quote is a JSON string: it must end with an unescaped quote, and nothing after it']);
  });

  it('a time field that is no SMPP time is a warning, sent as written', () => {
    const f = parseRequestFile('pdu: submit_sm\nvalidity_period: tomorrow\n');
    assert.equal(f.problems.length, 1);
    assert.equal(f.problems[0]!.severity, 'warning');
    assert.match(f.problems[0]!.message, /^validity_period is not an SMPP time/);
    assert.equal(buildRequest(f.blocks[0]!).pdu?.body.validity_period, 'tomorrow');
  });

  it('a file too large is refused unread', () => {
    const f = parseRequestFile('#'.repeat(4 * 1024 * 1024 + 1));
    assert.equal(f.blocks.length, 0);
    assert.match(f.problems[0]!.message, /a request file holds at most 4194304/);
  });
});
