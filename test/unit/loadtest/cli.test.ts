// `smpp-panel load` against the built-in simulator a connection file names: the summary, the
// JSON and CSV files, the exit codes, and the refusals.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadCommand } from '../../../src/cli/loadCommand';
import { main } from '../../../src/cli/main';
import type { LoadTestData } from '../../../src/smpp/loadtest';
import { ChildPeer } from '../../support/childPeer';
import { tempDir } from '../../support/tempDir';

const RECEIPTS_SMSC = join(__dirname, '..', '..', 'fixtures', 'peers', 'node-smpp-receipts.cjs');

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await loadCommand(args, (s) => (out += s), (s) => (err += s));
  return { code, out, err };
}

function file(dir: string, content: unknown): string {
  const path = join(dir, 'load.smpp.json');
  writeFileSync(path, JSON.stringify(content));
  return path;
}

const connections = {
  connections: [
    { name: 'sim', simulator: { deliveryReceiptDelay: 0 }, system_id: 'load', password: '${env:SMPP_LOAD_TEST_PW}', window: 5 },
    { name: 'rx', simulator: {}, system_id: 'load', password: '${env:SMPP_LOAD_TEST_PW}', bind: 'receiver' },
    { name: 'real', host: '127.0.0.1', port: 1, system_id: 'load', password: '${env:SMPP_LOAD_TEST_PW}' },
  ],
};

describe('smpp-panel load', { timeout: 30_000 }, () => {
  it('runs against the simulator, prints the summary, saves JSON and CSV, exits 0', async () => {
    process.env.SMPP_LOAD_TEST_PW = 'pw';
    const dir = tempDir('smpp-load');
    const json = join(dir, 'out.json');
    const csv = join(dir, 'out.csv');
    const r = await run([file(dir, connections), '--connection', 'sim', '--count', '200', '--rate', '0', '--window', '20', '--from', '12345', '--size', '20', '--json', json, '--csv', csv, '--quiet']);
    assert.equal(r.code, 0, r.err);
    assert.match(r.err, /^sim: bound_trx at the built-in simulator on 127\.0\.0\.1:\d+; 200 message\(s\), as fast as the window allows, window 20\n/);
    assert.match(
      r.out,
      /^done after \d+\.\d s\nsubmitted 200 of 200 · acknowledged 200 · failed 0 · receipts 200 · throttled 0\nachieved \d+\.\d msg\/s \(asked as fast as the window allows, window 20\)\nround trip ms: p50 \d+\.\d · p90 \d+\.\d · p99 \d+\.\d · max \d+\.\d \(200 responses\)\nreceipts: DELIVRD 200 · outstanding 0 · unmatched 0\nsubmit → receipt ms: p50 \d+\.\d · p90 \d+\.\d · p99 \d+\.\d · max \d+\.\d \(200 receipts\)\n$/,
    );
    const saved = JSON.parse(readFileSync(json, 'utf8')) as LoadTestData;
    assert.equal(saved.totals.submitted, saved.totals.acknowledged + saved.totals.failed);
    assert.equal(saved.settings.to, '447700900000-447700900099');
    assert.equal(saved.settings.octets, 20);
    assert.equal(saved.settings.receiptWait, 10_000);
    assert.equal(saved.settings.maxOutstandingReceipts, 100_000);
    // The receipts: every one DELIVRD, none left over, and submit → receipt for each.
    assert.deepEqual(
      { ...saved.receipts, latency: undefined },
      { asked: true, matched: 200, intermediate: 0, outstanding: 0, unmatched: 0, notTracked: 0, states: { DELIVRD: 200 }, latency: undefined, waiting: false },
    );
    const l = saved.receipts.latency;
    assert.equal(l.samples, 200);
    assert.ok(l.p50 <= l.p90 && l.p90 <= l.p99 && l.p99 <= l.max, JSON.stringify(l));
    const lines = readFileSync(csv, 'utf8').trimEnd().split('\n');
    assert.equal(lines[0], 'second,submitted,acknowledged,failed,receipts,throttled,not_delivered,receipt_ms');
    assert.equal(lines.length, saved.series.length + 1);
    const column = (i: number): number => lines.slice(1).reduce((a, line) => a + Number(line.split(',')[i]), 0);
    assert.deepEqual([column(1), column(4), column(6)], [200, 200, 0]);
    assert.ok(lines.slice(1).every((line) => line.split(',').every((cell) => /^\d+(\.\d)?$/.test(cell))), lines.join('\n'));
  });

  it('with --no-receipts asks for none and prints no receipt lines', async () => {
    process.env.SMPP_LOAD_TEST_PW = 'pw';
    const dir = tempDir('smpp-load');
    const json = join(dir, 'out.json');
    const r = await run([file(dir, connections), '--connection', 'sim', '--count', '20', '--no-receipts', '--json', json, '--quiet']);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /· failed 0 · throttled 0\n/);
    assert.doesNotMatch(r.out, /receipt/);
    const saved = JSON.parse(readFileSync(json, 'utf8')) as LoadTestData;
    assert.equal(saved.settings.receipts, false);
    assert.equal(saved.receipts.asked, false);
    assert.equal(saved.receipts.matched, 0);
  });

  it('against an SMSC whose receipts end in several states: counts each, and the ones that never come as outstanding', async (t) => {
    // The SMSC unbinds once it has sent every receipt it will send: that ends the wait for late
    // ones, long as it is, and only the receipts never sent are left outstanding.
    const peer = new ChildPeer(RECEIPTS_SMSC, { RECEIPT_STATES: 'DELIVRD,UNDELIV,NONE,DELIVRD', ID_FORM: 'decimal', RECEIPT_ID_FORM: 'hex', UNBIND_AFTER: '40' });
    t.after(() => peer.stop());
    const port = (await peer.next('listening')).port as number;
    process.env.SMPP_LOAD_TEST_PW = 'pw';
    const dir = tempDir('smpp-load');
    const json = join(dir, 'out.json');
    const csv = join(dir, 'out.csv');
    const f = file(dir, { connections: [{ name: 'smsc', host: '127.0.0.1', port, system_id: 'load', password: '${env:SMPP_LOAD_TEST_PW}', window: 10 }] });
    const r = await run([f, '--count', '40', '--to', '447700900001', '--receipt-wait', '600', '--json', json, '--csv', csv, '--quiet']);
    // Every submit was acknowledged: the missing receipts do not change the exit code.
    assert.equal(r.code, 0, r.err);
    const lines = r.out.trimEnd().split('\n');
    assert.equal(lines[1], 'submitted 40 of 40 · acknowledged 40 · failed 0 · receipts 30 · throttled 0');
    assert.equal(lines[4], 'receipts: DELIVRD 20 · UNDELIV 10 · outstanding 10 · unmatched 0');
    assert.match(lines[5], /^submit → receipt ms: p50 \d+\.\d · p90 \d+\.\d · p99 \d+\.\d · max \d+\.\d \(30 receipts\)$/);
    const saved = JSON.parse(readFileSync(json, 'utf8')) as LoadTestData;
    assert.deepEqual(saved.receipts.states, { DELIVRD: 20, UNDELIV: 10 });
    assert.deepEqual([saved.receipts.matched, saved.receipts.outstanding, saved.receipts.unmatched, saved.settings.receiptWait], [30, 10, 0, 600_000]);
    const rows = readFileSync(csv, 'utf8').trimEnd().split('\n').slice(1).map((line) => line.split(',').map(Number));
    assert.deepEqual([rows.reduce((a, row) => a + row[4], 0), rows.reduce((a, row) => a + row[6], 0)], [30, 10]);
    assert.equal((await peer.next('receipts-done')).sent, 30);
  });

  it('is wired into the main command and its help', async () => {
    let help = '';
    await main(['help'], (s) => (help += s));
    assert.match(help, /load <file\.smpp\.json> --connection NAME --count N --rate R --window W/);
    let err = '';
    assert.equal(await main(['load'], () => undefined, (s) => (err += s)), 2);
    assert.match(err, /^usage: smpp-panel load/);
  });

  it('refuses what it cannot do, before sending anything', async () => {
    process.env.SMPP_LOAD_TEST_PW = 'pw';
    const dir = tempDir('smpp-load');
    const f = file(dir, connections);
    const real = await run([f, '--connection', 'real', '--count', '5']);
    assert.equal(real.code, 2);
    assert.match(real.err, /^real: give --to: a load test against 127\.0\.0\.1:1 sends real messages/);
    const rx = await run([f, '--connection', 'rx', '--count', '5']);
    assert.equal(rx.code, 2);
    assert.match(rx.err, /binds as a receiver, which cannot submit/);
    const bad = await run([f, '--connection', 'sim', '--count', 'many']);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /--count needs a number/);
    const both = await run([f, '--connection', 'sim', '--text', 'a', '--size', '3']);
    assert.equal(both.code, 2);
    assert.match(both.err, /give a text or a size, not both/);
    const wait = await run([f, '--connection', 'sim', '--receipt-wait', '-1']);
    assert.equal(wait.code, 2);
    assert.match(wait.err, /^smpp-panel load: --receipt-wait is seconds, 0 to 86400, not -1\n/);
    const cap = await run([f, '--connection', 'sim', '--max-outstanding-receipts', '0']);
    assert.equal(cap.code, 2);
    assert.match(cap.err, /^smpp-panel load: --max-outstanding-receipts is a whole number, 1 to 10000000, not 0\n/);
  });
});
