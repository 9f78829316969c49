// User data header parsing (3GPP TS 23.040 §9.2.3.24) and building.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildConcatUdh, buildPortUdh, ieiName, parseUdh } from '../../../src/smpp/udh';

const fromHex = (h: string) => Uint8Array.from(h.replace(/\s+/g, '').match(/../g) ?? [], (x) => parseInt(x, 16));
const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');

test('8-bit concatenation: 05 00 03 ref total seq', () => {
  const sm = fromHex('050003 2A 03 01 48 65 6C 6C 6F');
  const u = parseUdh(sm);
  assert.equal(u.headerLength, 6);
  assert.equal(u.udhl, 5);
  assert.deepEqual(u.problems, []);
  assert.equal(u.elements.length, 1);
  const [e] = u.elements;
  assert.equal(e.iei, 0x00);
  assert.equal(e.name, 'Concatenated short messages, 8-bit reference');
  assert.equal(e.offset, 1);
  assert.equal(e.length, 5);
  assert.equal(hex(e.data), '2a0301');
  assert.deepEqual(e.value, { ref: 42, total: 3, seq: 1 });
  assert.equal(e.display, 'ref 42 (0x2A), part 1 of 3');
  assert.deepEqual(u.concat, { ref: 42, total: 3, seq: 1, sixteenBit: false });
});

test('16-bit concatenation: 06 08 04 refHi refLo total seq', () => {
  const u = parseUdh(fromHex('060804 1234 05 02 0041'));
  assert.equal(u.headerLength, 7);
  assert.deepEqual(u.elements[0].value, { ref: 0x1234, total: 5, seq: 2 });
  assert.deepEqual(u.concat, { ref: 0x1234, total: 5, seq: 2, sixteenBit: true });
});

test('WAP push header: 16-bit ports and concatenation in one UDH', () => {
  // UDHL 0B; 05 04 0B84 23F0 (dest 2948, orig 9200); 00 03 2A 02 01
  const u = parseUdh(fromHex('0B 05 04 0B84 23F0 00 03 2A 02 01 DEADBEEF'));
  assert.equal(u.headerLength, 12);
  assert.deepEqual(u.problems, []);
  assert.deepEqual(u.elements.map((e) => [e.iei, e.offset, e.length]), [[0x05, 1, 6], [0x00, 7, 5]]);
  assert.deepEqual(u.elements[0].value, { dest: 2948, orig: 9200 });
  assert.equal(u.elements[0].display, 'destination port 2948, originator port 9200');
  assert.deepEqual(u.ports, { dest: 2948, orig: 9200, sixteenBit: true });
  assert.deepEqual(u.concat, { ref: 42, total: 2, seq: 1, sixteenBit: false });
});

test('8-bit ports, special message indication, language shifts and unknown IEs are all listed', () => {
  const u = parseUdh(fromHex('14 04 02 F5 F0 01 02 80 03 24 01 01 25 01 02 70 02 AB CD C5 00'));
  assert.deepEqual(u.problems, []);
  assert.deepEqual(u.elements.map((e) => e.iei), [0x04, 0x01, 0x24, 0x25, 0x70, 0xc5]);
  assert.deepEqual(u.elements[0].value, { dest: 0xf5, orig: 0xf0 });
  assert.deepEqual(u.elements[1].value, { store: true, type: 'voicemail', typeCode: 0, profileId: 0, count: 3 });
  assert.equal(u.elements[2].name, 'National language single shift');
  assert.equal(u.elements[3].name, 'National language locking shift');
  assert.equal(u.elements[4].name, '(U)SIM toolkit security header');
  assert.equal(u.elements[4].display, 'ab cd');
  assert.equal(u.elements[5].name, 'SC specific use');
  assert.equal(u.elements[5].display, '(empty)');
  assert.equal(u.headerLength, 21);
});

test('IEI names follow the 23.040 table and its ranges', () => {
  assert.equal(ieiName(0x0a), 'Text formatting');
  assert.equal(ieiName(0x1c), 'Reserved for future EMS features');
  assert.equal(ieiName(0x85), 'SME to SME specific use');
  assert.equal(ieiName(0x50), 'Reserved for future use');
  assert.equal(ieiName(0xe5), 'Reserved for future use');
});

test('hostile: UDHL beyond the data', () => {
  const u = parseUdh(fromHex('10 00 03 01'));
  assert.equal(u.headerLength, 4);
  assert.equal(u.problems[0].offset, 0);
  assert.match(u.problems[0].message, /runs past the end/);
});

test('hostile: an IE running past the UDHL', () => {
  const u = parseUdh(fromHex('05 00 09 01 02 03 41 42'));
  assert.equal(u.headerLength, 6);
  assert.equal(u.elements.length, 1);
  assert.equal(u.elements[0].length, 5);
  assert.deepEqual(u.problems.map((p) => p.offset), [2]);
  assert.equal(u.concat, undefined);
});

test('hostile: wrong IE length, bad part numbers, missing length octet, empty data, duplicates', () => {
  assert.match(parseUdh(fromHex('04 00 02 01 02')).problems[0].message, /expected 3/);
  assert.match(parseUdh(fromHex('05 00 03 01 02 03')).problems[0].message, /part 3 is outside 1..2/);
  assert.match(parseUdh(fromHex('05 00 03 01 00 01')).problems[0].message, /total number of parts is 0/);
  const noLen = parseUdh(fromHex('01 00'));
  assert.equal(noLen.elements.length, 1);
  assert.equal(noLen.problems[0].offset, 1);
  const empty = parseUdh(new Uint8Array(0));
  assert.equal(empty.headerLength, 0);
  assert.equal(empty.problems.length, 1);
  const dup = parseUdh(fromHex('0A 00 03 01 02 01 00 03 02 02 01'));
  assert.match(dup.problems[0].message, /more than one concatenation/);
  assert.equal(parseUdh(fromHex('00 41')).headerLength, 1); // UDHL 0 is legal, just empty
});

test('random bytes never throw, and element bounds stay inside the header', () => {
  let seed = 99;
  const next = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) >>> 24) & 0xff;
  for (let i = 0; i < 5000; i++) {
    const bytes = Uint8Array.from({ length: next() % 24 }, next);
    const u = parseUdh(bytes);
    assert.ok(u.headerLength <= bytes.length);
    for (const e of u.elements) assert.ok(e.offset >= 1 && e.offset + e.length <= u.headerLength);
    for (const p of u.problems) assert.ok(p.offset >= 0 && p.offset <= bytes.length);
  }
});

test('buildConcatUdh and buildPortUdh', () => {
  assert.equal(hex(buildConcatUdh(42, 3, 1, false)), '0500032a0301');
  assert.equal(hex(buildConcatUdh(0x1234, 3, 3, true)), '06080412340303');
  assert.deepEqual(parseUdh(buildConcatUdh(200, 9, 4, false)).concat, { ref: 200, total: 9, seq: 4, sixteenBit: false });
  assert.throws(() => buildConcatUdh(256, 2, 1, false), RangeError);
  assert.throws(() => buildConcatUdh(1, 2, 3, false), RangeError);
  assert.throws(() => buildConcatUdh(1, 0, 1, true), RangeError);
  assert.equal(hex(buildPortUdh(2948, 9200)), '0605040b8423f0');
  assert.equal(hex(buildPortUdh(5, 6)), '04040205' + '06');
});
