// decodeText / encodeText / describeDataCoding across the SMPP data_coding values and the
// 3GPP TS 23.038 coding groups.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeText, describeDataCoding, encodeText, encodeTextLossy, interpretDataCoding } from '../../../src/smpp/text/index';

const fromHex = (h: string) => Uint8Array.from(h.replace(/\s+/g, '').match(/../g) ?? [], (x) => parseInt(x, 16));
const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');

test('data_coding 0: GSM 7-bit by default, or the alphabet the user picks', () => {
  const bytes = Uint8Array.of(0x40, 0x24, 0x00, 0x41);
  assert.deepEqual(decodeText(bytes, 0), { text: '¡¤@A', encoding: 'gsm7', problems: [] });
  assert.equal(decodeText(bytes, 0, { dcs0: 'latin1' }).text, '@$\u0000A');
  assert.equal(decodeText(bytes, 0, { dcs0: 'ascii' }).encoding, 'ascii');
  assert.equal(decodeText(fromHex('E8329BFD4697D9EC37'), 0, { packed: true }).text, 'hellohello');
});

test('facts vector: submit_sm data_coding 0xF2 short_message "HELLO" is class 2 GSM 7-bit', () => {
  const pdu = fromHex('000000360000000400000000000024440005006d6f62696c65776179000101313230383233300000000000000100f2000548454c4c4f');
  const dataCoding = pdu[pdu.length - 8];
  const smLength = pdu[pdu.length - 6];
  assert.equal(dataCoding, 0xf2);
  const r = decodeText(pdu.subarray(pdu.length - smLength), dataCoding);
  assert.deepEqual(r, { text: 'HELLO', encoding: 'gsm7', problems: [] });
  assert.equal(describeDataCoding(0xf2), 'Message class 2, GSM 7-bit');
});

test('facts vector: submit_sm 40404 text "@$#!%&/:" in the MC default alphabet', () => {
  const pdu = fromHex('00000039000000040000000000004FE80001013430343034000101343439353133363139323000000000000001000000084024232125262F3A');
  const sm = pdu.subarray(pdu.length - 8);
  assert.equal(pdu[pdu.length - 9], 8);
  assert.equal(decodeText(sm, 0).text, '¡¤#!%&/:');
  assert.equal(decodeText(sm, 0, { dcs0: 'ascii' }).text, '@$#!%&/:');
});

test('never masks with 0x0F: coding groups decide the alphabet', () => {
  // 0xC8 & 0x0F would be UCS-2; it is message waiting, GSM 7-bit.
  assert.equal(decodeText(Uint8Array.of(0x41, 0x42), 0xc8).text, 'AB');
  // 0xF3 & 0x0F would be Latin-1; it is class 3 GSM 7-bit.
  assert.equal(decodeText(Uint8Array.of(0x00), 0xf3).text, '@');
  // 0xF4..0xF7 are 8-bit data.
  assert.deepEqual(decodeText(Uint8Array.of(0x01, 0xab), 0xf5), { text: '01ab', encoding: 'binary', problems: [] });
  // 0xE0..0xEF: message waiting, store, UCS-2.
  assert.deepEqual(decodeText(fromHex('04110430'), 0xe8), { text: 'Ба', encoding: 'ucs2', problems: [] });
  // 0x18: general group, class 0 (flash), UCS-2.
  assert.equal(decodeText(fromHex('0048'), 0x18).text, 'H');
  assert.equal(interpretDataCoding(0x18).messageClass, 0);
});

test('IA5/ASCII, binary, Latin-1', () => {
  const ascii = decodeText(Uint8Array.of(0x48, 0x69, 0x80), 1);
  assert.equal(ascii.text, 'Hi\uFFFD');
  assert.deepEqual(ascii.problems.map((p) => p.offset), [2]);
  assert.deepEqual(decodeText(Uint8Array.of(0xde, 0xad), 2), { text: 'dead', encoding: 'binary', problems: [] });
  assert.deepEqual(decodeText(Uint8Array.of(0xbe, 0xef), 4), { text: 'beef', encoding: 'binary', problems: [] });
  // True ISO-8859-1: 0x80 is U+0080, not the euro sign windows-1252 puts there.
  assert.equal(decodeText(Uint8Array.of(0x63, 0x61, 0x66, 0xe9, 0x80), 3).text, 'café\u0080');
});

test('ISO-8859-5 and ISO-8859-8 agree with the runtime TextDecoder on every byte', () => {
  const all = Uint8Array.from({ length: 256 }, (_, i) => i);
  for (const [dcs, label] of [[6, 'iso-8859-5'], [7, 'iso-8859-8']] as const) {
    const ours = decodeText(all, dcs);
    const theirs = new TextDecoder(label).decode(all);
    assert.equal(ours.text, theirs, label);
    assert.equal(ours.encoding, label);
  }
  assert.equal(decodeText(encodeText('Привет, мир №1', 'iso-8859-5'), 6).text, 'Привет, мир №1');
  assert.equal(decodeText(encodeText('שלום עולם', 'iso-8859-8'), 7).text, 'שלום עולם');
  const unassigned = decodeText(Uint8Array.of(0x41, 0xa1), 7);
  assert.deepEqual(unassigned.problems.map((p) => p.offset), [1]);
});

test('UCS-2: big-endian, surrogate pairs joined, odd length and lone surrogates reported', () => {
  const bytes = fromHex('0048 0069 0020 D83D DE00 0020 D83C DDEB D83C DDF7');
  assert.deepEqual(decodeText(bytes, 8), { text: 'Hi 😀 🇫🇷', encoding: 'ucs2', problems: [] });
  assert.equal(hex(encodeText('Hi 😀 🇫🇷', 'ucs2')), hex(bytes));
  assert.equal(hex(encodeText('😀', 8)), 'd83dde00');
  const odd = decodeText(fromHex('004100'), 8, { baseOffset: 40 });
  assert.equal(odd.text, 'A');
  assert.deepEqual(odd.problems.map((p) => p.offset), [42]);
  const lone = decodeText(fromHex('D83D0041DE00'), 8);
  assert.equal(lone.text, '\uFFFDA\uFFFD');
  assert.deepEqual(lone.problems.map((p) => p.offset), [0, 4]);
});

test('JIS and KS C 5601 decode through the runtime, best effort', () => {
  assert.equal(decodeText(fromHex('93FA967B'), 5).text, '日本'); // Shift_JIS
  assert.equal(decodeText(fromHex('C7D1B1B9'), 0x0e).text, '한국'); // EUC-KR
  assert.equal(decodeText(fromHex('1B2442467C4B5C1B2842'), 0x0a).text, '日本'); // ISO-2022-JP
  const bad = decodeText(Uint8Array.of(0x82), 5);
  assert.equal(bad.problems.length, 1);
});

test('reserved and compressed codings are shown as hex with a problem', () => {
  for (const dcs of [0x0b, 0x0c, 0x0f, 0x80, 0x9f, 0xbf]) {
    const r = decodeText(Uint8Array.of(0x12, 0x34), dcs);
    assert.equal(r.text, '1234', `dcs 0x${dcs.toString(16)}`);
    assert.equal(r.encoding, 'binary');
    assert.equal(r.problems.length, 1);
  }
  const compressed = decodeText(Uint8Array.of(0x01), 0x20);
  assert.equal(compressed.encoding, 'binary');
  assert.match(compressed.problems[0].message, /compressed/);
  assert.equal(decodeText(Uint8Array.of(0x01), 0x09).encoding, 'binary'); // pictogram
});

test('describeDataCoding names values and coding groups', () => {
  assert.equal(describeDataCoding(0x00), 'MC default alphabet');
  assert.equal(describeDataCoding(0x01), 'IA5 (CCITT T.50) / ASCII');
  assert.equal(describeDataCoding(0x03), 'Latin-1 (ISO-8859-1)');
  assert.equal(describeDataCoding(0x08), 'UCS-2 (ISO/IEC 10646)');
  assert.equal(describeDataCoding(0xf0), 'Message class 0, GSM 7-bit');
  assert.equal(describeDataCoding(0xf6), 'Message class 2, 8-bit data');
  assert.equal(describeDataCoding(0x11), 'Message class 1, GSM 7-bit');
  assert.equal(describeDataCoding(0x45), 'Marked for automatic deletion, 8-bit data');
  assert.match(describeDataCoding(0xc8), /Message waiting \(discard message\), voicemail indication active, GSM 7-bit/);
  assert.match(describeDataCoding(0xd9), /store message.*fax indication active, GSM 7-bit/);
  assert.match(describeDataCoding(0xe2), /store message.*email indication inactive, UCS-2/);
  assert.equal(describeDataCoding(0x90), 'Reserved coding group');
  for (let v = 0; v < 256; v++) assert.ok(describeDataCoding(v).length > 0);
});

test('encodeText: each encoding, data_coding numbers, and unencodable characters', () => {
  assert.equal(hex(encodeText('café', 'latin1')), '636166e9');
  assert.equal(hex(encodeText('café', 3)), '636166e9');
  assert.equal(hex(encodeText('Hi {x}', 'gsm7')), '486920' + '1b28' + '78' + '1b29');
  assert.equal(hex(encodeText('hellohello', 'gsm7-packed')), 'e8329bfd4697d9ec37');
  assert.equal(hex(encodeText('dead beef', 'binary')), 'deadbeef');
  assert.equal(hex(encodeText('0102', 0xf6)), '0102'); // 8-bit data: the text is hex
  assert.throws(() => encodeText('Ж', 'latin1'), RangeError);
  assert.throws(() => encodeText('é', 'ascii'), RangeError);
  assert.throws(() => encodeText('xyz', 'binary'), RangeError);
  const lossy = encodeTextLossy('aЖb', 'latin1');
  assert.equal(hex(lossy.bytes), '613f62');
  assert.deepEqual(lossy.unencodable, [{ index: 1, char: 'Ж' }]);
});

test('decodeText never throws on random bytes and coding values', () => {
  let seed = 12345;
  const next = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 8) & 0xff;
  for (let i = 0; i < 2000; i++) {
    const len = next() % 40;
    const bytes = Uint8Array.from({ length: len }, next);
    const dcs = next();
    const r = decodeText(bytes, dcs, { packed: (i & 1) === 1, fillBits: i % 7 });
    assert.equal(typeof r.text, 'string');
    for (const p of r.problems) assert.ok(p.offset >= 0 && p.offset <= len, `offset ${p.offset} of ${len}`);
  }
});
