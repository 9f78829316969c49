// The one module for big-endian u32 words, hex text and copies.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyBytes, fromHex, hex2, hexNumber, readU32, toHex, writeU32 } from '../../../src/smpp/bytes';

test('writeU32 then readU32 gives the value back, big-endian, at any offset', () => {
  const b = new Uint8Array(9);
  for (const v of [0, 1, 0x7f, 0x80, 0xff, 0x100, 0x12345678, 0x7fffffff, 0x80000000, 0xdeadbeef, 0xffffffff]) {
    writeU32(b, 5, v);
    assert.equal(readU32(b, 5), v, hexNumber(v));
  }
  writeU32(b, 0, 0x01020304);
  assert.deepEqual([...b.subarray(0, 4)], [1, 2, 3, 4]);
  assert.equal(readU32(b, 0), 0x01020304);
});

test('readU32 is unsigned and reads bytes past the end as 0', () => {
  assert.equal(readU32(Uint8Array.of(0x80, 0, 0, 0), 0), 0x80000000);
  assert.equal(readU32(Uint8Array.of(0xff, 0xff, 0xff, 0xff), 0), 0xffffffff);
  assert.equal(readU32(Uint8Array.of(0x12, 0x34), 0), 0x12340000);
  assert.equal(readU32(new Uint8Array(0), 0), 0);
});

test('readU32 reads a Buffer view at its own offset', () => {
  const whole = Buffer.from('aaaaaaaa0000001080000004', 'hex');
  const view = whole.subarray(4);
  assert.equal(readU32(view, 0), 16);
  assert.equal(readU32(view, 4), 0x80000004);
});

test('copyBytes copies a Buffer view: changing the copy leaves the source alone', () => {
  const source = Buffer.from('000102030405', 'hex');
  const view = source.slice(2, 5); // a view, not a copy
  view[0] = 0xaa;
  assert.equal(source[2], 0xaa, 'Buffer#slice shares memory');

  const copy = copyBytes(view);
  assert.deepEqual([...copy], [0xaa, 3, 4]);
  assert.notEqual(copy.buffer, source.buffer);
  copy[0] = 0x55;
  copy[2] = 0x66;
  assert.equal(source[2], 0xaa);
  assert.equal(source[4], 4);
  assert.equal(view[0], 0xaa);

  const u8 = Uint8Array.of(7, 8);
  const c2 = copyBytes(u8);
  c2[0] = 9;
  assert.equal(u8[0], 7);
  assert.equal(copyBytes(new Uint8Array(0)).length, 0);
});

test('toHex is lower-case, with an optional separator', () => {
  const b = Uint8Array.of(0x00, 0x0f, 0xa0, 0xff);
  assert.equal(toHex(b), '000fa0ff');
  assert.equal(toHex(b, ' '), '00 0f a0 ff');
  assert.equal(toHex(b, ':'), '00:0f:a0:ff');
  assert.equal(toHex(new Uint8Array(0)), '');
  assert.equal(toHex(new Uint8Array(0), ' '), '');
  assert.equal(toHex(Uint8Array.of(5), ' '), '05');
  assert.equal(hex2(0x0a), '0a');
  assert.equal(hexNumber(0x15), '0x00000015');
  assert.equal(hexNumber(0x2a, 2), '0x2A');
  assert.equal(hexNumber(0x80000009), '0x80000009');
});

test('toHex and fromHex round-trip every octet value', () => {
  const all = Uint8Array.from({ length: 256 }, (_, i) => i);
  const hex = toHex(all);
  assert.equal(hex.length, 512);
  assert.deepEqual(fromHex(hex), all);
  assert.deepEqual(fromHex(hex.toUpperCase()), all);
  assert.deepEqual(fromHex('DeadBEEF'), Uint8Array.of(0xde, 0xad, 0xbe, 0xef));
  assert.deepEqual(fromHex(''), new Uint8Array(0));
});

test('fromHex rejects odd length and anything that is not a hex digit', () => {
  for (const bad of ['0', 'abc', '00 11', '0x00', 'zz', '1g', 'g1', '00-1', ' 00', '00\n', '\u0660\u0661']) {
    assert.equal(fromHex(bad), undefined, JSON.stringify(bad));
  }
});
