// Vendor TLVs through the codec: a dictionary read with parseTlvDictionary makes decode show its
// TLVs by name, typed value and value name (value, field tree, JSON form), encode take them by
// name, and the JSON form round-trip; node-smpp reads what we write and we read what it writes.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { describe, it } from 'node:test';
import {
  decode,
  encode,
  EncodeError,
  fromJsonPdu,
  parseTlvAssignments,
  parseTlvDictionary,
  toJsonPdu,
  type TlvDictionary,
} from '../../../src/smpp/codec';
import { PDU } from '../../fixtures/nodesmpp';
import { findNode, toHex } from '../smpp/helpers';

const DICTIONARY = [
  { tag: '0x1400', name: 'operator_id', type: 'int2', values: { '1': 'vodafone', '0x02': 'orange' }, description: 'Operator' },
  { tag: 0x1401, name: 'billing_code', type: 'cstring' },
  { tag: '0x1402', name: 'route_blob', type: 'hex' },
  { tag: '0x1403', name: 'tariff', type: 'string' },
  { tag: '0x1404', name: 'priority_class', type: 'int1' },
  { tag: '0x1405', name: 'account', type: 'int4' },
];

function dictionary(): TlvDictionary {
  const parsed = parseTlvDictionary(DICTIONARY);
  assert.deepEqual(parsed.problems, []);
  return parsed.dictionary;
}

const submit = {
  command: 'submit_sm' as const,
  sequence_number: 9,
  body: { destination_addr: '447700900123', short_message: new TextEncoder().encode('Hi') },
};

/** The TLV part of a PDU (after the 2-octet "Hi" at the end of the body). */
function tlvHex(bytes: Uint8Array): string {
  const body = decode(bytes).pdu;
  return toHex(bytes.subarray(bytes.length - body.tlvs.reduce((n, t) => n + 4 + t.length, 0)));
}

describe('vendor TLV dictionary: reading it', () => {
  it('takes tags as numbers or "0x" strings, each type, and names of integer values', () => {
    const d = dictionary();
    assert.equal(d.size, 6);
    assert.equal(d.byName('operator_id')?.tag, 0x1400);
    assert.equal(d.byTag(0x1401)?.name, 'billing_code');
    assert.deepEqual(d.entries[0], { tag: 0x1400, name: 'operator_id', type: 'int2', values: { 1: 'vodafone', 2: 'orange' }, description: 'Operator' });
  });

  it('refuses a spec tag or name and a tag or name given twice, naming the entry, and keeps the rest', () => {
    const parsed = parseTlvDictionary([
      { tag: '0x1400', name: 'operator_id', type: 'int2' },
      { tag: '0x0427', name: 'my_state', type: 'int1' },
      { tag: '0x1500', name: 'message_state', type: 'int1' },
      { tag: 5120, name: 'other', type: 'int1' },
      { tag: '0x1501', name: 'operator_id', type: 'int1' },
      { tag: '0x1502', name: 'fine', type: 'hex' },
    ]);
    assert.deepEqual(
      parsed.problems.map((p) => [p.path, p.kind, p.message]),
      [
        [[1, 'tag'], 'meaning', "tlvs[1].tag 0x0427 is the spec's message_state; a vendor TLV needs a tag of its own (vendor tags are 0x1400..0x3FFF)"],
        [[2, 'name'], 'meaning', 'tlvs[2].name "message_state" is the name of the spec\'s TLV 0x0427; give the vendor TLV a name of its own'],
        [[3, 'tag'], 'meaning', 'tlvs[3].tag 0x1400 is given twice (first in tlvs[0])'],
        [[4, 'name'], 'meaning', 'tlvs[4].name "operator_id" is given twice (first in tlvs[0])'],
      ],
    );
    assert.deepEqual(
      parsed.dictionary.entries.map((e) => e.name),
      ['operator_id', 'fine'],
    );
  });

  it('leaves out an entry not as the schema describes it, and a value name its type cannot hold', () => {
    const parsed = parseTlvDictionary([
      { tag: 70000, name: 'a', type: 'int1' },
      { tag: '1400', name: 'b', type: 'int1' },
      { tag: '0x1401', name: '9lives', type: 'int1' },
      { tag: '0x1402', name: 'c', type: 'float' },
      { tag: '0x1403', name: 'd', type: 'int1', values: { '256': 'too big', x: 'not a number', '1': '', '2': 'two' } },
      { tag: '0x1404', name: 'e', type: 'cstring', values: { '1': 'one' } },
      { name: 'f', type: 'int1' },
      'not an object',
      { tag: '0x1405', name: 'g', type: 'int1', size: 1 },
    ]);
    const shape = 'is not a vendor TLV as the schema describes it ({ "tag", "name", "type": int1 | int2 | int4 | cstring | string | hex })';
    assert.deepEqual(
      parsed.problems.map((p) => [p.kind, p.message]),
      [
        ['shape', `tlvs[0] ${shape}`],
        ['shape', `tlvs[1] ${shape}`],
        ['shape', `tlvs[2] ${shape}`],
        ['shape', `tlvs[3] ${shape}`],
        ['meaning', 'tlvs[4].values: 256 does not fit int1 (at most 255)'],
        ['meaning', 'tlvs[5].values names integer values; a TLV of type "cstring" has none (use int1, int2 or int4)'],
        ['shape', `tlvs[6] ${shape}`],
        ['shape', `tlvs[7] ${shape}`],
        ['shape', `tlvs[8] ${shape}`],
      ],
    );
    // A bad value name leaves the TLV in, without that name (the schema names the bad key).
    assert.deepEqual(
      parsed.dictionary.entries.map((e) => [e.name, e.values]),
      [
        ['d', { 2: 'two' }],
        ['e', undefined],
      ],
    );
  });

  it('refuses anything but a list', () => {
    assert.equal(parseTlvDictionary({ tag: 1 }).problems[0]?.message, 'tlvs must be a list of vendor TLVs ({ "tag", "name", "type" })');
    assert.equal(parseTlvDictionary(undefined).dictionary.size, 0);
  });
});

describe('vendor TLV dictionary: decode, field tree and JSON form', () => {
  const d = dictionary();
  const bytes = encode(
    {
      ...submit,
      tlvs: [
        { name: 'operator_id', value: 1 },
        { name: 'billing_code', value: 'AB-12' },
        { name: 'route_blob', value: new Uint8Array([0xde, 0xad]) },
        { name: 'tariff', value: 'T1' },
        { name: 'priority_class', value: 7 },
        { name: 'account', value: 0x01020304 },
        { name: 'message_state', value: 2 },
      ],
    },
    { tlvs: d },
  );

  it('encode writes each by its type, spec TLVs as before', () => {
    assert.equal(
      tlvHex(bytes),
      '140000020001' + '1401000641422d313200' + '14020002dead' + '140300025431' + '1404000107' + '1405000401020304' + '0427000102',
    );
  });

  it('decode names them and reads their typed values and value names', () => {
    const { pdu, problems } = decode(bytes, { tlvs: d });
    assert.deepEqual(problems, []);
    assert.deepEqual(
      pdu.tlvs.map((t) => [t.name, t.value instanceof Uint8Array ? toHex(t.value) : t.value, t.valueName]),
      [
        ['operator_id', 1, 'vodafone'],
        ['billing_code', 'AB-12', undefined],
        ['route_blob', 'dead', undefined],
        ['tariff', 'T1', undefined],
        ['priority_class', 7, undefined],
        ['account', 0x01020304, undefined],
        ['message_state', 2, undefined],
      ],
    );
  });

  it('without a dictionary they stay vendor TLVs with raw bytes', () => {
    const { pdu } = decode(bytes);
    assert.equal(pdu.tlvs[0]!.name, 'vendor_0x1400');
    assert.equal(toHex(pdu.tlvs[0]!.value as Uint8Array), '0001');
    assert.equal(pdu.tlvs[0]!.valueName, undefined);
  });

  it('the field tree shows each by name, label and display, with the value name', () => {
    const { fields } = decode(bytes, { fields: true, tlvs: d });
    const op = findNode(fields, 'operator_id')!;
    assert.equal(op.label, 'Operator (vendor TLV 0x1400)');
    assert.equal(op.display, '1 (vodafone)');
    assert.deepEqual(
      op.children?.map((c) => [c.name, c.display, c.offset, c.length]),
      [
        ['tag', '0x1400', op.offset, 2],
        ['length', '2', op.offset + 2, 2],
        ['value', '1 (vodafone)', op.offset + 4, 2],
      ],
    );
    assert.equal(findNode(fields, 'billing_code')!.label, 'billing_code (vendor TLV 0x1401)');
    assert.equal(findNode(fields, 'billing_code')!.display, '"AB-12"');
    assert.equal(findNode(fields, 'route_blob')!.display, 'de ad');
    assert.equal(findNode(fields, 'tariff')!.display, '"T1"');
    assert.equal(findNode(fields, 'message_state')!.label, 'Message state');
    // Another dictionary, another label for the same tag: labels are not kept from tree to tree.
    const other = parseTlvDictionary([{ tag: '0x1400', name: 'network', type: 'int2' }]).dictionary;
    const again = decode(bytes, { fields: true, tlvs: other });
    assert.equal(findNode(again.fields, 'network')!.label, 'network (vendor TLV 0x1400)');
    assert.equal(findNode(again.fields, 'network')!.display, '1');
  });

  it('a value of the wrong size is shown and named as a problem', () => {
    const odd = encode({ ...submit, tlvs: [{ tag: 0x1400, raw: new Uint8Array([1, 2, 3]) }] });
    const { pdu, problems } = decode(odd, { tlvs: d });
    assert.equal(pdu.tlvs[0]!.name, 'operator_id');
    assert.equal(problems.length, 1);
    assert.equal(problems[0]!.field, 'operator_id');
    assert.match(problems[0]!.message, /operator_id has length 3; the spec wants 2 octets/);
  });

  it('the JSON form names them, gives typed values (octets as hex) and value names, and reads back to the same bytes', () => {
    const json = toJsonPdu(decode(bytes, { tlvs: d }).pdu);
    assert.deepEqual(json.tlvs.slice(0, 4), [
      { tag: 0x1400, name: 'operator_id', length: 2, value: 1, valueName: 'vodafone' },
      { tag: 0x1401, name: 'billing_code', length: 6, value: 'AB-12' },
      { tag: 0x1402, name: 'route_blob', length: 2, value: 'dead' },
      { tag: 0x1403, name: 'tariff', length: 2, value: 'T1' },
    ]);
    const back = JSON.parse(JSON.stringify(json)) as typeof json;
    assert.equal(toHex(encode(fromJsonPdu(back, { tlvs: d }), { tlvs: d })), toHex(bytes));
    // By name only (no tag), as a person writes it.
    const byName = fromJsonPdu({ command: 'submit_sm', tlvs: [{ name: 'operator_id', value: 2 } as never, { name: 'route_blob', value: '0a0b' } as never] }, { tlvs: d });
    const out = encode(byName, { tlvs: d });
    assert.deepEqual(
      decode(out, { tlvs: d }).pdu.tlvs.map((t) => [t.name, t.valueName ?? toHex(t.raw)]),
      [
        ['operator_id', 'orange'],
        ['route_blob', '0a0b'],
      ],
    );
  });

  it('encode refuses a value its type cannot hold, naming the TLV, and a name no dictionary knows', () => {
    assert.throws(() => encode({ ...submit, tlvs: [{ name: 'operator_id', value: 70000 }] }, { tlvs: d }), (e: unknown) => e instanceof EncodeError && e.field === 'operator_id' && /0\.\.65535/.test(e.message));
    assert.throws(() => encode({ ...submit, tlvs: [{ name: 'billing_code', value: 'a\u0000b' }] }, { tlvs: d }), (e: unknown) => e instanceof EncodeError && e.field === 'billing_code');
    assert.throws(() => encode({ ...submit, tlvs: [{ name: 'operator_id', value: 1 }] }), /unknown TLV "operator_id" \(give a tag, or declare it in a TLV dictionary\)/);
  });
});

describe('vendor TLVs and node-smpp', () => {
  const load = createRequire(__filename);
  const smpp = load('smpp') as { addTLV(name: string, o: { id: number; type: unknown }): void; types: { tlv: Record<string, unknown> } };

  it('node-smpp reads what we write: the tag and its octets', () => {
    const d = dictionary();
    const bytes = encode({ ...submit, tlvs: [{ name: 'operator_id', value: 0x0102 }, { name: 'billing_code', value: 'X9' }] }, { tlvs: d });
    const ns = new PDU(Buffer.from(bytes));
    assert.equal(ns.command, 'submit_sm');
    // node-smpp keeps a tag it does not know under the tag's number, as raw octets.
    assert.equal((ns[0x1400] as Buffer).toString('hex'), '0102');
    assert.equal((ns[0x1401] as Buffer).toString('hex'), '583900');
  });

  it('we read what node-smpp writes for a TLV added to it', () => {
    smpp.addTLV('operator_id', { id: 0x1400, type: smpp.types.tlv.int16 });
    smpp.addTLV('billing_code', { id: 0x1401, type: smpp.types.tlv.cstring });
    const ns = new PDU('submit_sm', { sequence_number: 3, destination_addr: '447700900123', short_message: 'Hi', operator_id: 2, billing_code: 'AB' });
    const { pdu, problems } = decode(new Uint8Array(ns.toBuffer()), { tlvs: dictionary() });
    assert.deepEqual(problems, []);
    assert.deepEqual(
      pdu.tlvs.map((t) => [t.name, t.value, t.valueName]),
      [
        ['operator_id', 2, 'orange'],
        ['billing_code', 'AB', undefined],
      ],
    );
  });
});

describe('TLVs as typed: name=value, ...', () => {
  const d = dictionary();

  it('reads spec and vendor TLVs by name, integers by number, hex or value name, strings quoted or not', () => {
    const r = parseTlvAssignments('operator_id=vodafone, priority_class=0x10, billing_code="A,B", tariff = T 2 , route_blob=0a0B, message_state=2, 0x1600=ff', d);
    assert.deepEqual(r.problems, []);
    assert.deepEqual(
      r.tlvs.map((t) => [t.tag, t.name, t.value instanceof Uint8Array ? toHex(t.value) : t.value, t.raw && toHex(t.raw)]),
      [
        [0x1400, 'operator_id', 1, undefined],
        [0x1404, 'priority_class', 16, undefined],
        [0x1401, 'billing_code', 'A,B', undefined],
        [0x1403, 'tariff', 'T 2', undefined],
        [0x1402, 'route_blob', '0a0b', undefined],
        [0x0427, 'message_state', 2, undefined],
        [0x1600, '0x1600', undefined, 'ff'],
      ],
    );
    // What it reads is what encode takes.
    const bytes = encode({ ...submit, tlvs: r.tlvs }, { tlvs: d });
    assert.equal(decode(bytes, { tlvs: d }).pdu.tlvs[2]!.value, 'A,B');
  });

  it('names each assignment that cannot be sent, and why', () => {
    const r = parseTlvAssignments('operator_id=telekom, priority_class=300, nosuch=1, billing_code=' + 'x'.repeat(70000) + ', route_blob=xyz, broken, =5', d);
    assert.deepEqual(r.problems, [
      'operator_id takes an integer 0..65535 or one of its value names (vodafone, orange), not "telekom"',
      'priority_class takes an integer 0..255 (1 octet), not 300',
      'nosuch: no TLV has this name (neither the spec\'s nor the connection file\'s "tlvs"); give a tag as 0x1234=hex',
      'billing_code holds at most 65535 octets with its NUL; this value takes 70001',
      'route_blob takes octets as hex digits in pairs (e.g. 0a1b2c), not "xyz"',
      '"broken": write a TLV as name=value',
      "=5: the TLV's name is missing",
    ]);
    assert.deepEqual(r.tlvs, []);
  });

  it('checks spec TLVs by their spec size', () => {
    const r = parseTlvAssignments('receipted_message_id=' + 'x'.repeat(65) + ', dest_addr_subunit=256');
    assert.deepEqual(r.problems, [
      'receipted_message_id holds at most 65 octets with its NUL; this value takes 66',
      'dest_addr_subunit takes an integer 0..255 (1 octet), not 256',
    ]);
  });
});
