// The load test panel's vscode-free host parts: the file names a result is saved under, the page's
// HTML and its content security policy, the bounded snapshot the page receives (which its guard
// accepts whatever the run's length), and the line the SMPP log gets.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fileNamePart, loadResultFileName, timeStamp } from '../../../src/loadtest/fileNames';
import { loadTestHtml } from '../../../src/loadtest/html';
import { downsampleSeries, oneLineSummary, toViewSnapshot } from '../../../src/loadtest/snapshot';
import { MAX_SERIES, MAX_THROTTLES, isLoadViewSnapshot } from '../../../src/shared/loadTestMessages';
import { LoadTestResult, formatLoadSummary, type LoadTestSecond } from '../../../src/smpp/loadtest';
import { loadTestData } from './support';

describe('result file names', () => {
  const at = new Date(2025, 0, 25, 9, 5, 7);

  it('smpp-load-<connection>-<YYYYMMDD-HHMMSS>.<format>, local time', () => {
    assert.equal(timeStamp(at), '20250125-090507');
    assert.equal(loadResultFileName(at, 'Local simulator', 'json'), 'smpp-load-Local_simulator-20250125-090507.json');
    assert.equal(loadResultFileName(at, 'Local simulator', 'csv'), 'smpp-load-Local_simulator-20250125-090507.csv');
  });

  it('a connection name cannot climb out of the folder or hide the file', () => {
    assert.equal(fileNamePart('../../etc/passwd'), 'etc_passwd');
    assert.equal(fileNamePart('.hidden'), 'hidden');
    assert.equal(fileNamePart('Acme / staging: EU'), 'Acme_staging_EU');
    assert.equal(fileNamePart('x'.repeat(100)).length, 60);
    assert.equal(loadResultFileName(at, '///', 'json'), 'smpp-load-20250125-090507.json');
    assert.equal(loadResultFileName(at, 'Смс', 'csv'), 'smpp-load-20250125-090507.csv');
  });
});

describe('load test page HTML', () => {
  const html = loadTestHtml({ cspSource: 'https://abc.vscode-cdn.net', scriptUri: 'https://abc.vscode-cdn.net/dist/loadtest.js', nonce: 'N0nce', title: 'Load test: A & B' });

  it('has the decoder’s policy: deny by default, the nonce’d script only, no inline styles', () => {
    const csp = /content="([^"]*)"/.exec(html)?.[1] ?? '';
    assert.match(csp, /^default-src 'none'; script-src 'nonce-N0nce'; style-src https:\/\/abc\.vscode-cdn\.net; img-src data:;$/);
    assert.doesNotMatch(html, /unsafe-inline|unsafe-eval|style=|<style|<link/);
    assert.ok(html.indexOf('Content-Security-Policy') < html.indexOf('<script'));
    assert.equal(html.match(/<script/g)?.length, 1);
    assert.match(html, /<script nonce="N0nce" src="https:\/\/abc\.vscode-cdn\.net\/dist\/loadtest\.js"><\/script>/);
  });

  it('escapes what it is given', () => {
    assert.match(html, /<title>Load test: A &amp; B<\/title>/);
    const hostile = loadTestHtml({ cspSource: 'x', scriptUri: 'a"><script>alert(1)</script>', nonce: 'n', title: '</title><script>' });
    assert.equal(hostile.match(/<script/g)?.length, 1);
  });
});

function second(i: number, n = 1): LoadTestSecond {
  return { second: i, submitted: n, acknowledged: n, failed: 0, receipts: 0, throttled: 0, notDelivered: 0, receiptMs: 0 };
}

describe('the page’s snapshot', () => {
  it('keeps the result as the page shows it', () => {
    const data = loadTestData({ errors: { ESME_RSYSERR: 1, timeout: 1, ESME_RTHROTTLED: 0 } });
    const s = toViewSnapshot(new LoadTestResult(data));
    assert.equal(isLoadViewSnapshot(s), true);
    assert.deepEqual(s.totals, data.totals);
    assert.deepEqual(s.errors, [
      { status: 'ESME_RSYSERR', count: 1 },
      { status: 'timeout', count: 1 },
    ]);
    assert.equal(s.stopReason, '');
    assert.deepEqual(s.throttles, data.throttles);
    assert.equal(s.throttlesOmitted, 0);
    assert.equal(s.bucketSeconds, 1);
    // The page's series is the run's without the mean receipt time (the receipt figures come whole).
    assert.deepEqual(s.series, data.series.map(({ receiptMs: _, ...row }) => row));
    assert.deepEqual(s.receipts, {
      matched: 20,
      intermediate: 0,
      outstanding: 4,
      unmatched: 1,
      notTracked: 0,
      states: [
        { state: 'DELIVRD', count: 18 },
        { state: 'UNDELIV', count: 2 },
      ],
      latency: data.receipts.latency,
      waiting: false,
    });
  });

  it('stays within the guard’s limits for a day-long run with a throttling storm', () => {
    const series = Array.from({ length: 86_400 }, (_, i) => second(i, i % 7));
    const throttles = Array.from({ length: 10_000 }, (_, i) => ({ at: i * 8, status: 'ESME_RTHROTTLED', delay: 100 }));
    const errors = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`0x${i.toString(16).padStart(8, '0')}`, i + 1]));
    const s = toViewSnapshot(loadTestData({ series, throttles, errors, totals: { ...loadTestData().totals, throttled: 12_345 }, stopReason: 'cancelled', cancelled: true }));
    assert.equal(isLoadViewSnapshot(s), true);
    assert.ok(s.series.length <= MAX_SERIES);
    assert.equal(s.bucketSeconds, 24);
    assert.equal(s.throttles.length, MAX_THROTTLES);
    assert.equal(s.throttles[s.throttles.length - 1]!.at, 9_999 * 8, 'the newest events are kept');
    assert.equal(s.throttlesOmitted, 12_345 - MAX_THROTTLES);
    assert.equal(s.errors.length, 64);
    assert.equal(s.errors[0]!.count, 100, 'the most frequent first');
    assert.equal(s.stopReason, 'cancelled');
  });

  it('downsampling keeps the per-second average of each bucket', () => {
    const { bucketSeconds, series } = downsampleSeries([second(0, 10), second(1, 20), second(2, 30), second(3, 40), second(4, 50)], 2);
    assert.equal(bucketSeconds, 3);
    assert.deepEqual(
      series.map((r) => [r.second, r.submitted]),
      [
        [0, 20],
        [3, 45],
      ],
    );
    const { receiptMs: _, ...one } = second(0, 1);
    assert.deepEqual(downsampleSeries([second(0, 1)], 2), { bucketSeconds: 1, series: [one] });
    assert.deepEqual(downsampleSeries([], 2), { bucketSeconds: 1, series: [] });
  });

  it('the SMPP log line is the summary on one line', () => {
    const summary = formatLoadSummary(loadTestData());
    const line = oneLineSummary('Local simulator', summary);
    assert.doesNotMatch(line, /\n/);
    assert.match(line, /^Local simulator: load test done after 2\.5 s; submitted 25 of 25 · acknowledged 24 · failed 1 · receipts 20 · throttled 2; achieved 9\.8 msg\/s .*; round trip ms: p50 3\.0 · p90 6\.0 · p99 9\.0 · max 9\.0 \(24 responses\); errors: ESME_RTHROTTLED 1; receipts: DELIVRD 18 · UNDELIV 2 · outstanding 4 · unmatched 1; submit → receipt ms: p50 40\.1 · p90 60\.0 · p99 75\.3 · max 75\.3 \(20 receipts\)$/);
  });
});
