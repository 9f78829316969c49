import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decode, encode, EncodeError, tlvValue, rejectStatus, isCommand, toJsonPdu, fromJsonPdu, type PduInput } from '../../../src/smpp/codec';
import type { CommandName } from '../../../src/smpp/tables/commands';
import { STATUS } from '../../../src/smpp/tables/values';
import { FIXTURES, hex, type PduFixture } from '../../fixtures/pdus';
import { generateCorpus } from '../../fixtures/corpus';
import { findNode, plain, toHex, walk } from './helpers';

/**
 * One fixture, three tests (mqtt-packet's testParseGenerate idea): decode and compare the
 * values, encode and compare the bytes, and decode(encode(decode(bytes))) round trip.
 */
function testDecodeEncode(f: PduFixture): void {
  describe(f.name + ' (' + f.from + ')', () => {
    const bytes = hex(f.hex);

    it('decodes to the expected values', () => {
      const { pdu, problems } = decode(bytes);
      assert.equal(pdu.command, f.pdu.command);
      assert.equal(pdu.command_length, parseInt(f.hex.slice(0, 8), 16));
      assert.equal(pdu.command_status, f.pdu.command_status);
      assert.equal(pdu.sequence_number, f.pdu.sequence_number);
      assert.deepEqual(plain(pdu.body), plain(f.pdu.body));
      assert.deepEqual(
        plain(pdu.tlvs.map((t) => ({ tag: t.tag, name: t.name, value: t.value }))),
        plain(f.pdu.tlvs),
      );
      if (f.problem === undefined) {
        assert.deepEqual(problems, [], 'a good vector decodes without problems');
      } else {
        assert.ok(problems.length > 0, 'a malformed vector reports a problem');
        const p = problems[0]!;
        assert.equal(p.status, f.problem.status);
        assert.equal(p.offset, f.problem.offset);
        assert.equal(p.field, f.problem.field);
        assert.ok(p.expected.length > 0 && p.found.length > 0 && p.message.length > 0);
        assert.equal(rejectStatus(problems), f.problem.status);
      }
    });

    if (f.problem !== undefined) return;

    it('encodes to the same bytes', () => {
      const input = { ...f.pdu, tlvs: f.pdu.tlvs.map((t) => ({ tag: t.tag, value: t.value })) } as PduInput<CommandName>;
      assert.equal(toHex(encode(input)), f.hex);
    });

    it('round-trips byte for byte', () => {
      const first = decode(bytes);
      const again = encode(first.pdu);
      assert.equal(toHex(again), f.hex);
      assert.deepEqual(plain(decode(again).pdu), plain(first.pdu));
    });

    it('survives the JSON form (octets as hex) byte for byte', () => {
      const json = JSON.parse(JSON.stringify(toJsonPdu(decode(bytes).pdu))) as ReturnType<typeof toJsonPdu>;
      for (const v of Object.values(json.body)) assert.ok(!(v instanceof Uint8Array));
      assert.equal(toHex(encode(fromJsonPdu(json))), f.hex);
    });

    it('builds a field tree whose leaves lie inside the PDU', () => {
      const { fields, problems } = decode(bytes, { fields: true });
      assert.ok(fields !== undefined && fields.length > 0);
      assert.deepEqual(problems, []);
      for (const n of walk(fields)) {
        assert.ok(n.offset >= 0 && n.offset + n.length <= bytes.length, n.name + ' lies inside the PDU');
        assert.equal(typeof n.display, 'string');
        assert.ok(n.label.length > 0);
      }
      const header = fields[0]!;
      assert.equal(header.name, 'header');
      assert.deepEqual(
        header.children?.map((c) => [c.name, c.offset, c.length]),
        [
          ['command_length', 0, 4],
          ['command_id', 4, 4],
          ['command_status', 8, 4],
          ['sequence_number', 12, 4],
        ],
      );
    });
  });
}

describe('codec: facts-file vectors and built fixtures', () => {
  for (const f of FIXTURES) testDecodeEncode(f);
});

describe('codec: value decoding without the tree', () => {
  it('builds no tree unless asked', () => {
    const r = decode(hex(FIXTURES[0]!.hex));
    assert.equal(r.fields, undefined);
  });

  it('returns octet strings as views into the input (no copy)', () => {
    const f = FIXTURES.find((x) => x.name.startsWith('submit_sm 40404'))!;
    const bytes = hex(f.hex);
    const { pdu } = decode(bytes);
    assert.ok(isCommand(pdu, 'submit_sm'));
    assert.equal(pdu.body.short_message!.buffer, bytes.buffer);
  });

  it('reads typed TLV values with tlvValue()', () => {
    const f = FIXTURES.find((x) => x.name === 'deliver_sm receipt')!;
    const { pdu } = decode(hex(f.hex));
    const state: number | undefined = tlvValue(pdu, 'message_state');
    const id: string | undefined = tlvValue(pdu, 'receipted_message_id');
    assert.equal(state, 2);
    assert.equal(id, '70BA8A69');
    assert.equal(tlvValue(pdu, 'network_error_code'), undefined);
  });
});

describe('codec: error responses in all three wild forms', () => {
  const forms: [string, string, Record<string, unknown>][] = [
    ['no body', '00000010800000040000000800000009', {}],
    ['lone NUL', '00000011800000040000000800000009' + '00', { message_id: '' }],
    ['full body', '00000014800000040000000800000009' + '61626300', { message_id: 'abc' }],
  ];
  for (const [name, h, body] of forms) {
    it(name + ': decodes without problems and round-trips', () => {
      const r = decode(hex(h));
      assert.equal(r.pdu.command, 'submit_sm_resp');
      assert.equal(r.pdu.command_status, STATUS.ESME_RSYSERR);
      assert.deepEqual(r.pdu.body, body);
      assert.deepEqual(r.problems, []);
      assert.equal(toHex(encode(r.pdu)), h);
    });
  }

  it('a successful response without its body is a problem', () => {
    const r = decode(hex('00000010800000040000000000000009'));
    assert.equal(r.problems[0]?.field, 'message_id');
    assert.equal(r.problems[0]?.status, STATUS.ESME_RINVMSGLEN);
    assert.equal(r.problems[0]?.offset, 16);
  });

  it('a query_sm_resp error with a lone NUL keeps just message_id', () => {
    const r = decode(hex('000000118000000300000067000000040' + '0'));
    assert.deepEqual(r.pdu.body, { message_id: '' });
    assert.deepEqual(r.problems, []);
  });
});

describe('codec: malformed input is reported, never thrown', () => {
  const submit = FIXTURES.find((x) => x.name.startsWith('submit_sm 40404'))!;

  it('an empty input', () => {
    const r = decode(new Uint8Array(0));
    assert.equal(r.pdu.command, 'unknown');
    assert.equal(r.problems[0]?.status, STATUS.ESME_RINVCMDLEN);
    assert.equal(r.problems[0]?.offset, 0);
  });

  it('a header cut after 7 octets names the field it ends in', () => {
    const r = decode(hex('00000010000000'), { fields: true });
    assert.equal(r.problems[0]?.field, 'command_id');
    assert.equal(r.problems[0]?.offset, 7);
    assert.equal(r.pdu.command_length, 16);
    assert.ok(r.fields !== undefined && r.fields.length === 1);
  });

  it('a truncated PDU decodes what is there, then reports where it ends', () => {
    const bytes = hex(submit.hex).subarray(0, 30);
    const r = decode(bytes);
    assert.equal(r.pdu.command, 'submit_sm');
    assert.equal((r.pdu.body as Record<string, unknown>).source_addr, '40404');
    assert.equal(r.problems[0]?.field, 'command_length');
    assert.equal(r.problems[0]?.status, STATUS.ESME_RINVCMDLEN);
    const last = r.problems[r.problems.length - 1]!;
    assert.equal(last.field, 'destination_addr');
    assert.equal(last.offset, 27);
    assert.equal(last.status, STATUS.ESME_RINVMSGLEN);
  });

  it('sm_length running past the end of the PDU', () => {
    const b = hex(submit.hex);
    b[48] = 9; // sm_length 9, only 8 octets follow
    const r = decode(b, { fields: true });
    const p = r.problems.find((x) => x.field === 'short_message')!;
    assert.equal(p.offset, 49);
    assert.equal(p.status, STATUS.ESME_RINVMSGLEN);
    assert.match(p.message, /sm_length says 9, only 8 left/);
    assert.equal(findNode(r.fields, 'short_message')?.problem, p);
  });

  it('a C-string longer than its maximum is read and reported', () => {
    // Encode refuses such a string, so the PDU is written by hand: query_sm, message_id "x", ton, npi.
    const long = '1'.repeat(25);
    const bytes = hex('0000003200000003000000000000000178000000' + toHex(Buffer.from(long + '\0', 'latin1')));
    const r = decode(bytes);
    assert.equal((r.pdu.body as Record<string, unknown>).source_addr, long);
    const p = r.problems.find((x) => x.field === 'source_addr')!;
    assert.equal(p.status, STATUS.ESME_RINVSRCADR);
    assert.equal(p.found, '26 octets');
  });

  it('a bad dest_flag in submit_multi', () => {
    const f = FIXTURES.find((x) => x.name.startsWith('submit_multi to'))!;
    const b = hex(f.hex);
    b[23] = 7;
    const r = decode(b);
    const p = r.problems.find((x) => x.field === 'dest_flag')!;
    assert.equal(p.offset, 23);
    assert.equal(p.status, STATUS.ESME_RINVDESTFLAG);
  });

  it('a TLV whose length runs past the end', () => {
    const r = decode(hex('0000001d80000009000000000000000154534937353838000210000234'));
    const p = r.problems[0]!;
    assert.equal(p.field, 'sc_interface_version');
    assert.equal(p.status, STATUS.ESME_RINVMSGLEN);
    assert.equal(p.offset, 26);
    assert.equal(r.pdu.tlvs[0]?.value, undefined);
    assert.equal(toHex(r.pdu.tlvs[0]!.raw), '34');
  });

  it('a TLV of an unexpected size is decoded by its length and reported', () => {
    // source_telematics_id: 1 octet in the 3.4 spec, 2 in Wireshark and node-smpp.
    const bytes = encode({ command: 'enquire_link', sequence_number: 1, tlvs: [{ tag: 0x0010, raw: hex('0102') }] });
    const r = decode(bytes);
    assert.equal(r.pdu.tlvs[0]?.value, 0x0102);
    assert.equal(r.problems[0]?.status, STATUS.ESME_RINVTLVLEN);
    assert.equal(toHex(encode(r.pdu)), toHex(bytes), 'the length is kept on re-encoding');
  });

  it('broadcast_sm without its mandatory TLVs', () => {
    const r = decode(encode({ command: 'broadcast_sm', sequence_number: 1, body: {} }));
    assert.deepEqual(
      r.problems.map((p) => [p.field, p.status]),
      [
        ['broadcast_area_identifier', STATUS.ESME_RMISSINGTLV],
        ['broadcast_content_type', STATUS.ESME_RMISSINGTLV],
        ['broadcast_rep_num', STATUS.ESME_RMISSINGTLV],
        ['broadcast_frequency_interval', STATUS.ESME_RMISSINGTLV],
      ],
    );
  });

  it('bytes after command_length are reported', () => {
    const r = decode(hex(FIXTURES[0]!.hex + 'ff'));
    assert.equal(r.problems[0]?.offset, 16);
    assert.equal(r.pdu.command, 'enquire_link');
  });

  it('a request carrying a command_status is reported', () => {
    const r = decode(hex('00000010000000150000000800000001'));
    assert.equal(r.problems[0]?.field, 'command_status');
  });

  it('a schedule_delivery_time that is no SMPP time', () => {
    const bytes = encode({ command: 'submit_sm', sequence_number: 1, body: { schedule_delivery_time: '2401011200' } });
    const p = decode(bytes).problems[0]!;
    assert.equal(p.field, 'schedule_delivery_time');
    assert.equal(p.status, STATUS.ESME_RINVSCHED);
  });
});

describe('codec: TLVs', () => {
  it('labels vendor and unknown tags and keeps their raw bytes', () => {
    const bytes = encode({
      command: 'enquire_link',
      sequence_number: 1,
      tlvs: [
        { tag: 0x1401, raw: hex('0102') },
        { tag: 0x7777, raw: hex('ff') },
      ],
    });
    const r = decode(bytes, { fields: true });
    assert.deepEqual(
      r.pdu.tlvs.map((t) => [t.name, toHex(t.raw)]),
      [
        ['vendor_0x1401', '0102'],
        ['unknown_0x7777', 'ff'],
      ],
    );
    assert.deepEqual(r.problems, []);
    assert.equal(findNode(r.fields, 'vendor_0x1401')?.label, 'Vendor-specific TLV 0x1401 (raw bytes)');
    assert.match(findNode(r.fields, 'unknown_0x7777')!.display, /raw bytes/);
  });

  it('splits the structured TLVs in values and in the tree', () => {
    const f = FIXTURES.find((x) => x.name.startsWith('data_sm with'))!;
    const r = decode(hex(f.hex), { fields: true });
    const nec = findNode(r.fields, 'network_error_code')!;
    assert.match(nec.display, /GSM error 1/);
    const value = nec.children?.find((c) => c.name === 'value');
    assert.deepEqual(
      value?.children?.map((c) => [c.name, c.offset, c.length]),
      [
        ['type', 32, 1],
        ['code', 33, 2],
      ],
    );
    const cb = findNode(r.fields, 'callback_num')!;
    assert.match(cb.display, /"1234"/);
    assert.equal(findNode(r.fields, 'broadcast_frequency_interval')?.display, 'every 15 minutes');
  });

  it('encodes TLVs given by name', () => {
    const bytes = encode({
      command: 'submit_sm_resp',
      sequence_number: 2,
      body: { message_id: 'a' },
      tlvs: [
        { name: 'additional_status_info_text', value: 'hi' },
        { name: 'broadcast_content_type', value: { network: 1, contentType: 0x0102 } },
        { name: 'alert_on_message_delivery', value: null },
      ],
    });
    assert.equal(toHex(bytes), '00000024800000040000000000000002' + '6100' + '001d0003686900' + '06010003010102' + '130c0000');
  });
});

describe('codec: the JSON form', () => {
  it('keeps every generated PDU byte for byte, structured and vendor TLVs included', () => {
    for (const p of generateCorpus(7, 300)) {
      const bytes = encode(p);
      const json = JSON.parse(JSON.stringify(toJsonPdu(decode(bytes).pdu))) as ReturnType<typeof toJsonPdu>;
      assert.equal(toHex(encode(fromJsonPdu(json))), toHex(bytes), p.command);
    }
  });

  it('shows octet strings as hex and names as given', () => {
    const f = FIXTURES.find((x) => x.name.startsWith('data_sm with'))!;
    const json = toJsonPdu(decode(hex(f.hex)).pdu);
    assert.deepEqual(json.tlvs[3], { tag: 0x1400, name: 'vendor_0x1400', length: 2, value: 'abcd' });
    assert.deepEqual(json.tlvs[0]?.value, { type: 3, code: 1 });
  });
});

describe('codec: encode', () => {
  it('fills command_length and sm_length', () => {
    const bytes = encode({ command: 'submit_sm', sequence_number: 9, body: { destination_addr: '1', short_message: 'hey' } });
    const r = decode(bytes);
    assert.equal(r.pdu.command_length, bytes.length);
    assert.equal((r.pdu.body as Record<string, unknown>).sm_length, 3);
    assert.deepEqual(r.problems, []);
  });

  it('rejects what it cannot write, naming the field', () => {
    assert.throws(() => encode({ command: 'submit_sm', body: { source_addr: 'Ω' } }), (e: unknown) => e instanceof EncodeError && e.field === 'source_addr');
    assert.throws(() => encode({ command: 'submit_sm', body: { esm_class: 256 } }), EncodeError);
    assert.throws(() => encode({ command: 'nope' as CommandName }), EncodeError);
    assert.throws(() => encode({ command: 'enquire_link', tlvs: [{ name: 'no_such_tlv', value: 1 }] }), EncodeError);
    assert.throws(() => encode({ command: 'submit_sm', body: { short_message: new Uint8Array(256) } }), EncodeError);
  });

  it('writes a PDU of any size, and a refused PDU leaves nothing behind for the next', () => {
    const payload = Uint8Array.from({ length: 65535 }, (_, i) => i & 0xff);
    const tlvs = [1, 2].map(() => ({ name: 'message_payload', value: payload }));
    const big = encode({ command: 'data_sm', sequence_number: 7, body: { destination_addr: '123' }, tlvs });
    assert.equal(big.length, decode(big).pdu.command_length);
    assert.deepEqual(decode(big).pdu.tlvs.map((t) => [t.name, t.length, (t.value as Uint8Array).every((b, i) => b === (i & 0xff))]), [
      ['message_payload', 65535, true],
      ['message_payload', 65535, true],
    ]);
    const small = { command: 'submit_sm', sequence_number: 8, body: { source_addr: 'abc', short_message: 'hi' } } as const;
    const before = encode(small);
    assert.throws(() => encode({ command: 'submit_sm', body: { source_addr: 'abc', destination_addr: 'x'.repeat(30), short_message: 'hi' } }), EncodeError);
    assert.deepEqual(encode(small), before);
  });
});

describe('codec: the field tree', () => {
  it('shows a receipt part by part, with the TLVs winning', () => {
    const f = FIXTURES.find((x) => x.name === 'deliver_sm receipt')!;
    const r = decode(hex(f.hex), { fields: true });
    const receipt = findNode(r.fields, 'receipt')!;
    assert.match(receipt.display, /id 70BA8A69 \(TLV\)/);
    assert.match(receipt.display, /DELIVERED \(TLV\)/);
    const id = receipt.children?.find((c) => c.name === 'id');
    assert.ok(id !== undefined);
    assert.equal(id.offset, 49, 'the id part starts with the short message');
    assert.equal(id.length, 'id:1891273321'.length);
    assert.match(id.display, /receipted_message_id TLV: 70BA8A69/);
    const stat = receipt.children?.find((c) => c.name === 'stat');
    assert.equal(Buffer.from(hex(f.hex).subarray(stat!.offset, stat!.offset + stat!.length)).toString('latin1'), 'stat:DELIVRD');
    const nul = findNode(r.fields, 'terminator');
    assert.equal(nul?.offset, 166);
  });

  it('lists UDH elements with offsets and decodes the text after them', () => {
    const sm = Uint8Array.of(0x05, 0x00, 0x03, 0x2a, 0x02, 0x01, 0x48, 0x69);
    const bytes = encode({ command: 'submit_sm', sequence_number: 1, body: { esm_class: 0x40, short_message: sm } });
    const r = decode(bytes, { fields: true });
    const smNode = findNode(r.fields, 'short_message')!;
    const udh = smNode.children?.find((c) => c.name === 'udh');
    assert.ok(udh !== undefined);
    assert.equal(udh.offset, smNode.offset);
    assert.equal(udh.length, 6);
    const concat = udh.children?.find((c) => c.name === 'ie_0x00');
    assert.equal(concat?.offset, smNode.offset + 1);
    assert.match(concat!.display, /part 1 of 2/);
    const text = smNode.children?.find((c) => c.name === 'text');
    assert.equal(text?.value, 'Hi');
    assert.equal(text?.offset, smNode.offset + 6);
  });

  it('decodes data_coding 0 with the alphabet it is told to assume', () => {
    const bytes = encode({ command: 'submit_sm', body: { short_message: Uint8Array.of(0x40, 0x24, 0x41) } });
    assert.equal(findNode(decode(bytes, { fields: true }).fields, 'text')?.value, '¡¤A');
    assert.equal(findNode(decode(bytes, { fields: true, dcs0: 'latin1' }).fields, 'text')?.value, '@$A');
  });

  it('names data_coding by its coding group, never by the low nibble', () => {
    const bytes = encode({ command: 'submit_sm', body: { data_coding: 0xf2, short_message: 'HELLO' } });
    const r = decode(bytes, { fields: true });
    assert.match(findNode(r.fields, 'data_coding')!.display, /class 2.*GSM 7-bit/i);
    assert.equal(findNode(r.fields, 'text')?.value, 'HELLO');
  });

  it('splits esm_class and registered_delivery into bit fields', () => {
    const bytes = encode({ command: 'submit_sm', body: { esm_class: 0x43, registered_delivery: 0x11 } });
    const r = decode(bytes, { fields: true });
    const esm = findNode(r.fields, 'esm_class')!;
    assert.deepEqual(
      esm.children?.map((c) => [c.name, c.value]),
      [
        ['mode', 3],
        ['type', 0],
        ['udhi', 1],
        ['reply_path', 0],
      ],
    );
    const rd = findNode(r.fields, 'registered_delivery')!;
    assert.match(rd.display, /success or failure.*intermediate/);
  });

  it('decodes SMPP time strings in the display', () => {
    const bytes = encode({ command: 'submit_sm', body: { validity_period: '000002030000000R' } });
    const r = decode(bytes, { fields: true });
    assert.match(findNode(r.fields, 'validity_period')!.display, /relative: 2 days 3 hours/);
  });

  it('quotes strings as JSON does, escaping only what JSON escapes', () => {
    const bytes = encode({ command: 'submit_sm', body: { source_addr: 'Grüße', destination_addr: 'a"b\\c', short_message: new Uint8Array([0x41, 0x0a, 0x42]) } });
    const r = decode(bytes, { fields: true, dcs0: 'latin1' });
    assert.equal(findNode(r.fields, 'source_addr')!.display, '"Grüße"');
    assert.equal(findNode(r.fields, 'destination_addr')!.display, JSON.stringify('a"b\\c'));
    assert.equal(findNode(r.fields, 'short_message')!.display, '"A\\nB"');
  });

  it('puts a problem of the message text on the message field', () => {
    const bytes = encode({ command: 'submit_sm', body: { short_message: new Uint8Array([0x41, 0x80, 0x42, 0x81]) } });
    const r = decode(bytes, { fields: true });
    const sm = findNode(r.fields, 'short_message')!;
    assert.equal(r.problems.length, 2);
    assert.equal(sm.problem, r.problems[0]);
    assert.equal([...walk(r.fields)].filter((n) => n.problem !== undefined).length, 1);
  });

  it('attaches each problem to the node it concerns', () => {
    const r = decode(hex('0000001b8000000900000000000000015453493735383800021000'), { fields: true });
    const nodes = [...walk(r.fields)].filter((n) => n.problem !== undefined);
    assert.equal(nodes.length, 1);
    assert.equal(nodes[0]?.offset, 24);
  });
});
