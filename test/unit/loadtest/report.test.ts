// The load test's pure parts: address ranges, percentiles on known sets, option checks, and the
// shape of the JSON, CSV and summary a result is saved and printed as.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LoadTest, LoadTestResult, formatLoadSummary, parseAddressRange, percentile, roundTripStats, type LoadTestData } from '../../../src/smpp/loadtest';
import type { EsmeSession } from '../../../src/smpp/session/esme';
import { seeded } from '../../support/random';
import { loadTestData } from './support';

describe('address ranges', () => {
  it('cycles through a range in order, keeping width, leading zeros and a plus', () => {
    const r = parseAddressRange('447700900000-447700900099');
    assert.equal(r.size, 100);
    assert.deepEqual([0, 1, 99, 100, 250].map((i) => r.at(i)), ['447700900000', '447700900001', '447700900099', '447700900000', '447700900050']);
    const z = parseAddressRange('0099-0101');
    assert.deepEqual([0, 1, 2, 3].map((i) => z.at(i)), ['0099', '0100', '0101', '0099']);
    const p = parseAddressRange('+447700900000 - +447700900001');
    assert.deepEqual([0, 1].map((i) => p.at(i)), ['+447700900000', '+447700900001']);
  });

  it('takes a single address (a number or a name) as it is', () => {
    assert.equal(parseAddressRange('12345').at(7), '12345');
    assert.equal(parseAddressRange('LoadTest').at(0), 'LoadTest');
    assert.equal(parseAddressRange('').at(0), '');
  });

  it('says what is wrong with a range', () => {
    assert.throws(() => parseAddressRange('447700900099-447700900000'), /runs backwards/);
    assert.throws(() => parseAddressRange('100-2000'), /same form and number of digits/);
    assert.throws(() => parseAddressRange('x'.repeat(21)), /longer than the 20 characters/);
  });
});

describe('round-trip percentiles', () => {
  it('are nearest-rank on a known set, whatever the order', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    const random = seeded(3);
    for (let i = values.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [values[i], values[j]] = [values[j], values[i]];
    }
    assert.deepEqual(roundTripStats(values), { samples: 100, min: 1, mean: 50.5, p50: 50, p90: 90, p99: 99, max: 100 });
  });

  it('handle small and empty sets', () => {
    assert.deepEqual(roundTripStats([7]), { samples: 1, min: 7, mean: 7, p50: 7, p90: 7, p99: 7, max: 7 });
    assert.deepEqual(roundTripStats([]), { samples: 0, min: 0, mean: 0, p50: 0, p90: 0, p99: 0, max: 0 });
    // Round trips measured to the microsecond are reported to 0.1 ms.
    assert.deepEqual(roundTripStats([0.262, 0.041, 1.349]), { samples: 3, min: 0, mean: 0.6, p50: 0.3, p90: 1.3, p99: 1.3, max: 1.3 });
    const ten = [10, 20, 30, 40, 50, 60, 70, 80, 90, 1000];
    assert.deepEqual([50, 90, 99, 100].map((p) => percentile(ten, p)), [50, 90, 1000, 1000]);
    assert.equal(percentile([1, 2, 3], 1), 1);
  });
});

describe('load test options', () => {
  const session = {} as EsmeSession;
  const ok = { count: 1, rate: 0, window: 1, to: '1' };
  it('are checked with plain messages', () => {
    assert.throws(() => new LoadTest(session, { ...ok, count: 0 }), /count must be an integer 1\.\.100000000, not 0/);
    assert.throws(() => new LoadTest(session, { ...ok, window: 0 }), /window must be an integer/);
    assert.throws(() => new LoadTest(session, { ...ok, rate: -1 }), /rate must be 0\.\.1000000 messages per second/);
    assert.throws(() => new LoadTest(session, { ...ok, text: 'a', size: 3 }), /a text or a size, not both/);
    assert.throws(() => new LoadTest(session, { ...ok, size: 161 }), /size must be an integer 1\.\.160/);
    assert.throws(() => new LoadTest(session, { ...ok, text: 'x'.repeat(161) }), /needs 2 parts; a load test sends single-part messages/);
    assert.throws(() => new LoadTest(session, { ...ok, to: '9-1' }), /runs backwards/);
  });
});

describe('load test result', () => {
  const data = loadTestData();
  const r = new LoadTestResult(data);

  it('writes CSV: a header, then one line per second', () => {
    // The first six columns as they always were; the receipt columns after them.
    assert.equal(
      r.toCsv(),
      'second,submitted,acknowledged,failed,receipts,throttled,not_delivered,receipt_ms\n0,10,10,0,8,1,0,40.5\n1,10,9,1,8,1,2,52\n2,5,5,0,4,0,0,0.4\n',
    );
  });

  it('writes JSON holding everything, and nothing else', () => {
    const json = JSON.parse(r.toJson()) as LoadTestData;
    assert.deepEqual(json, data);
    assert.deepEqual(Object.keys(json).sort(), ['achievedRate', 'cancelled', 'durationMs', 'endedAt', 'errors', 'receipts', 'rtt', 'running', 'series', 'settings', 'startedAt', 'throttles', 'totals']);
  });

  it('prints the summary the CLI and the panel show', () => {
    assert.equal(
      formatLoadSummary(r),
      [
        'done after 2.5 s',
        'submitted 25 of 25 · acknowledged 24 · failed 1 · receipts 20 · throttled 2',
        'achieved 9.8 msg/s (asked 10 msg/s, window 5)',
        'round trip ms: p50 3.0 · p90 6.0 · p99 9.0 · max 9.0 (24 responses)',
        'errors: ESME_RTHROTTLED 1',
        'receipts: DELIVRD 18 · UNDELIV 2 · outstanding 4 · unmatched 1',
        'submit → receipt ms: p50 40.1 · p90 60.0 · p99 75.3 · max 75.3 (20 receipts)',
        '',
      ].join('\n'),
    );
    const cancelled = new LoadTestResult({ ...data, cancelled: true, stopReason: 'cancelled', settings: { ...data.settings, rate: 0, receipts: false }, errors: {} });
    assert.match(formatLoadSummary(cancelled), /^cancelled after 2\.5 s \(cancelled\)\nsubmitted 25 of 25 · acknowledged 24 · failed 1 · throttled 2\nachieved 9\.8 msg\/s \(asked as fast as the window allows, window 5\)\n/);
  });
});
