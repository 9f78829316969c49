// SMPP time strings: YYMMDDhhmmsstnnp.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addRelativeTime, describeSmppTime, formatRelativeTime, formatSmppTime, parseSmppTime } from '../../../src/smpp/time';

test('absolute time with a positive offset is converted to UTC', () => {
  const t = parseSmppTime('130505082600004+'); // 08:26 at UTC+01:00
  assert.equal(t.kind, 'absolute');
  if (t.kind !== 'absolute') return;
  assert.equal(t.date.toISOString(), '2013-05-05T07:26:00.000Z');
  assert.equal(t.offsetQuarterHours, 4);
  assert.equal(t.tenths, 0);
  assert.deepEqual(t.problems, []);
  assert.equal(describeSmppTime('130505082600004+'), '2013-05-05 08:26:00.0 +01:00 (2013-05-05T07:26:00.000Z)');
});

test('absolute time with a negative offset, tenths, and a date crossing', () => {
  const t = parseSmppTime('991231235959948-'); // UTC-12:00
  assert.equal(t.kind, 'absolute');
  if (t.kind === 'absolute') assert.equal(t.date.toISOString(), '2100-01-01T11:59:59.900Z');
  const half = parseSmppTime('240229120000122+'); // leap day, UTC+05:30
  assert.equal(half.kind, 'absolute');
  if (half.kind === 'absolute') assert.equal(half.date.toISOString(), '2024-02-29T06:30:00.100Z');
});

test('relative time', () => {
  const t = parseSmppTime('000002030000000R');
  assert.equal(t.kind, 'relative');
  if (t.kind !== 'relative') return;
  assert.deepEqual([t.years, t.months, t.days, t.hours, t.minutes, t.seconds], [0, 0, 2, 3, 0, 0]);
  assert.equal(describeSmppTime(t), 'relative: 2 days 3 hours');
  assert.equal(addRelativeTime(new Date('2024-01-31T00:00:00Z'), { ...t, months: 1 }).toISOString(), '2024-03-04T03:00:00.000Z');
  // Non-zero tnn in a relative time is tolerated but reported.
  const odd = parseSmppTime('000001000000123R');
  assert.equal(odd.kind, 'relative');
  assert.equal(odd.problems[0].position, 12);
});

test('empty means immediate / MC default', () => {
  assert.deepEqual(parseSmppTime(''), { kind: 'default', raw: '', problems: [] });
  assert.equal(describeSmppTime(''), 'immediate / MC default');
});

test('invalid strings name the character position', () => {
  const cases: [string, number, RegExp][] = [
    ['13050508260000+', 15, /16 characters/],
    ['1305050826000040+', 16, /16 characters/],
    ['1305X5082600004+', 4, /character 5 \('X'\) must be a digit \(day\)/],
    ['130505082600004Z', 15, /character 16 \('Z'\) must be '\+', '-'/],
    ['131305082600004+', 2, /month 13/],
    ['130230082600004+', 4, /day 30 .* outside 1\.\.28/],
    ['130505252600004+', 6, /hour 25/],
    ['130505086000004+', 8, /minute 60/],
    ['130505082660004+', 10, /second 60/],
    ['130505082600049+', 13, /UTC offset/],
  ];
  for (const [s, position, message] of cases) {
    const t = parseSmppTime(s);
    assert.equal(t.kind, 'invalid', s);
    assert.equal(t.problems[0].position, position, s);
    assert.match(t.problems[0].message, message, s);
    assert.match(describeSmppTime(s), /^invalid: /);
  }
});

test('formatSmppTime and formatRelativeTime', () => {
  const d = new Date('2013-05-05T07:26:00.000Z');
  assert.equal(formatSmppTime(d), '130505072600000+');
  assert.equal(formatSmppTime(d, 4), '130505082600004+');
  assert.equal(formatSmppTime(d, -20), '130505022600020-');
  assert.equal(formatRelativeTime({ days: 2, hours: 3 }), '000002030000000R');
  assert.throws(() => formatRelativeTime({ hours: 100 }), RangeError);
  assert.throws(() => formatSmppTime(new Date('1999-12-31T00:00:00Z')), RangeError);
  assert.throws(() => formatSmppTime(d, 49), RangeError);
});

test('format → parse round-trips instants and offsets', () => {
  let seed = 2024;
  const next = () => {
    seed = (seed + 0x6d2b79f5) >>> 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const lo = Date.UTC(2000, 1, 1);
  const hi = Date.UTC(2099, 10, 30);
  for (let i = 0; i < 1000; i++) {
    const ms = Math.floor((lo + next() * (hi - lo)) / 100) * 100;
    const q = Math.floor(next() * 97) - 48;
    const s = formatSmppTime(new Date(ms), q);
    const t = parseSmppTime(s);
    assert.equal(t.kind, 'absolute', s);
    if (t.kind === 'absolute') {
      assert.equal(t.date.getTime(), ms, s);
      assert.equal(t.offsetQuarterHours, q, s);
    }
  }
});

test('never throws on junk', () => {
  for (const s of ['R', '\0'.repeat(16), 'ZZZZZZZZZZZZZZZZ', '0000000000000000', '00000000000000+R', '😀'.repeat(8)]) {
    assert.doesNotThrow(() => describeSmppTime(s));
  }
  assert.equal(parseSmppTime('000000000000000+').kind, 'invalid'); // month 00
});
