// GSM 03.38 default alphabet and extension table, unpacked and packed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  canEncodeGsm7,
  decodePacked,
  decodeUnpacked,
  encodePacked,
  encodeUnpacked,
  fillBitsAfterUdh,
  GSM7_EXTENSION_CHARS,
  packSeptets,
  septetLength,
  unpackSeptets,
} from '../../../src/smpp/text/gsm7';
import { seeded as rng } from '../../support/random';

const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('').toUpperCase();
const fromHex = (h: string) => Uint8Array.from(h.match(/../g) ?? [], (x) => parseInt(x, 16));


// The positions where GSM 03.38 differs from ASCII (from the facts file).
const DIFFERS: [number, string][] = [
  [0x00, '@'], [0x01, '£'], [0x02, '$'], [0x03, '¥'], [0x04, 'è'], [0x05, 'é'], [0x06, 'ù'], [0x07, 'ì'],
  [0x08, 'ò'], [0x09, 'Ç'], [0x0b, 'Ø'], [0x0c, 'ø'], [0x0e, 'Å'], [0x0f, 'å'], [0x10, 'Δ'], [0x11, '_'],
  [0x12, 'Φ'], [0x13, 'Γ'], [0x14, 'Λ'], [0x15, 'Ω'], [0x16, 'Π'], [0x17, 'Ψ'], [0x18, 'Σ'], [0x19, 'Θ'],
  [0x1a, 'Ξ'], [0x1c, 'Æ'], [0x1d, 'æ'], [0x1e, 'ß'], [0x1f, 'É'], [0x24, '¤'], [0x40, '¡'], [0x5b, 'Ä'],
  [0x5c, 'Ö'], [0x5d, 'Ñ'], [0x5e, 'Ü'], [0x5f, '§'], [0x60, '¿'], [0x7b, 'ä'], [0x7c, 'ö'], [0x7d, 'ñ'],
  [0x7e, 'ü'], [0x7f, 'à'],
];
const EXTENSION: [number, string][] = [
  [0x0a, '\f'], [0x14, '^'], [0x28, '{'], [0x29, '}'], [0x2f, '\\'], [0x3c, '['], [0x3d, '~'], [0x3e, ']'], [0x40, '|'], [0x65, '€'],
];

test('default alphabet: every septet that differs from ASCII decodes and encodes', () => {
  for (const [septet, ch] of DIFFERS) {
    assert.equal(decodeUnpacked(Uint8Array.of(septet)).text, ch, `septet 0x${septet.toString(16)}`);
    assert.deepEqual([...encodeUnpacked(ch)], [septet], `char ${ch}`);
  }
});

test('default alphabet: the rest is ASCII, and every septet but escape round-trips', () => {
  const differs = new Set(DIFFERS.map(([s]) => s));
  for (let s = 0; s < 0x80; s++) {
    if (s === 0x1b) continue;
    const { text, problems } = decodeUnpacked(Uint8Array.of(s));
    assert.deepEqual(problems, []);
    if (!differs.has(s)) assert.equal(text, String.fromCharCode(s));
    assert.deepEqual([...encodeUnpacked(text)], [s]);
  }
});

test('extension table: every character is escape + code, costs 2 septets, and decodes back', () => {
  assert.deepEqual([...GSM7_EXTENSION_CHARS].sort(), EXTENSION.map(([, c]) => c).sort());
  for (const [code, ch] of EXTENSION) {
    assert.deepEqual([...encodeUnpacked(ch)], [0x1b, code], `char ${JSON.stringify(ch)}`);
    assert.equal(septetLength(ch), 2);
    assert.equal(canEncodeGsm7(ch), true);
    assert.equal(decodeUnpacked(Uint8Array.of(0x1b, code)).text, ch);
    assert.equal(decodePacked(encodePacked(ch)).text, ch);
  }
  const all = EXTENSION.map(([, c]) => c).join('');
  assert.equal(septetLength(all), 20);
  assert.equal(decodeUnpacked(encodeUnpacked(all)).text, all);
});

test('canEncodeGsm7 and septetLength', () => {
  assert.equal(canEncodeGsm7('Hello, World! @£$¥ {}[]~€'), true);
  assert.equal(canEncodeGsm7('ç'), false); // only capital Ç is in the alphabet
  assert.equal(canEncodeGsm7('😀'), false);
  assert.equal(canEncodeGsm7('Привет'), false);
  assert.equal(septetLength('hello'), 5);
  assert.equal(septetLength('a{b}'), 6);
  assert.equal(septetLength(''), 0);
  assert.throws(() => encodeUnpacked('hi 😀'), (e: unknown) => e instanceof RangeError && /index 3/.test(e.message));
});

test('packed: "hellohello" packs to E8329BFD4697D9EC37 and back', () => {
  assert.equal(hex(encodePacked('hellohello')), 'E8329BFD4697D9EC37');
  assert.equal(decodePacked(fromHex('E8329BFD4697D9EC37')).text, 'hellohello');
  assert.equal(decodePacked(fromHex('E8329BFD4697D9EC37'), 10).text, 'hellohello');
});

test('packed: 7 characters leave 7 spare bits, which are not read as "@" or CR', () => {
  const seven = encodePacked('1234567');
  assert.equal(seven.length, 7);
  assert.equal(decodePacked(seven).text, '1234567');
  // A sender may fill the spare bits with CR.
  const withCr = encodePacked('1234567\r');
  assert.equal(withCr.length, 7);
  assert.equal(decodePacked(withCr).text, '1234567');
  // With a septet count, a real trailing '@' is kept.
  assert.equal(decodePacked(encodePacked('1234567@'), 8).text, '1234567@');
  // Eight septets that do not end in padding are all kept.
  assert.equal(decodePacked(encodePacked('12345678')).text, '12345678');
});

test('packed with fill bits after a UDH', () => {
  assert.equal(fillBitsAfterUdh(6), 1); // 05 00 03 rr tt ss: 48 bits → 1 fill bit
  assert.equal(fillBitsAfterUdh(7), 0); // 06 08 04 …: 56 bits, a septet boundary
  assert.deepEqual([...encodePacked('A', 1)], [0x82]);
  assert.equal(decodePacked(Uint8Array.of(0x82), 1, 1).text, 'A');
  const r = rng(7);
  const alphabet = 'abcXYZ 0123@£$¥èΔ_ΦΓ{}[]~€|^\\\n';
  for (let round = 0; round < 300; round++) {
    const n = 1 + Math.floor(r() * 40);
    let s = '';
    for (let i = 0; i < n; i++) s += alphabet[Math.floor(r() * alphabet.length)];
    const fill = Math.floor(r() * 7);
    const packed = encodePacked(s, fill);
    assert.equal(decodePacked(packed, septetLength(s), fill).text, s, `fill ${fill}: ${JSON.stringify(s)}`);
  }
});

test('packSeptets / unpackSeptets are inverse for every septet value', () => {
  const septets = Array.from({ length: 128 }, (_, i) => i);
  for (let fill = 0; fill < 7; fill++) assert.deepEqual(unpackSeptets(packSeptets(septets, fill), 128, fill), septets);
});

test('hostile unpacked input: octets above 0x7F and a dangling escape are problems, never thrown', () => {
  const r = decodeUnpacked(Uint8Array.of(0x41, 0x80, 0xff, 0x42));
  assert.equal(r.text, 'A\uFFFD\uFFFDB');
  assert.deepEqual(r.problems.map((p) => p.offset), [1, 2]);
  const esc = decodeUnpacked(Uint8Array.of(0x41, 0x1b));
  assert.equal(esc.text, 'A');
  assert.deepEqual(esc.problems.map((p) => p.offset), [1]);
  // Escape + a code the extension table lacks: shown as the default character, reported.
  const unknown = decodeUnpacked(Uint8Array.of(0x1b, 0x41), 10);
  assert.equal(unknown.text, 'A');
  assert.equal(unknown.problems[0].offset, 10);
  assert.match(unknown.problems[0].message, /extension table/);
});

test('hostile packed input: a septet count beyond the data is reported', () => {
  const r = decodePacked(fromHex('E832'), 9);
  assert.equal(r.text, 'he');
  assert.equal(r.problems.length, 1);
  assert.doesNotThrow(() => decodePacked(new Uint8Array(0)));
  assert.equal(decodePacked(new Uint8Array(0)).text, '');
  assert.doesNotThrow(() => decodePacked(fromHex('FFFFFF'), -3, 99));
});
