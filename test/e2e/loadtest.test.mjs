// End to end, "SMPP: Run Load Test" in a real VS Code (code-server 4.100.3 in headless Chromium,
// the packaged .vsix installed), on the everyday fixture's simulator connection: run from the
// command palette with every input answered, the live panel ends with its summary, every message
// accounted for, a chart drawn, the result saved as JSON and CSV next to the workspace, and the
// connection unbound again. Then a long, slow run is cancelled from the panel: it ends cancelled
// with nothing in flight, and stays bound as asked. Last, a run against a second connection whose
// simulator throttles like an SMSC with a 50 msg/s licence (`"throttle": { "perSecond": 50 }`,
// written next to the fixture) shows the ESME_RTHROTTLED events in its tile, its table and as
// chart markers, and still accounts for every message. Each step saves a screenshot under
// test-results/ (someone looks at them); a failed step saves the screen as it was.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { failOnExtensionError, findExtensionErrors, readOutputChannelLog, waitUntil } from '../harness/codeServer.mjs';
import { PASSWORD_VAR, openE2eSession } from '../harness/e2eSession.mjs';
import {
  STEP,
  UI_TIMEOUT,
  WAIT,
  clearHovers,
  clearNotifications,
  hidePanel,
  notification,
  pickQuickItem,
  quickInput,
  quickInputBox,
  runCommand,
  screenshot,
  setSideBarWidth,
  showViewContainer,
  treeItem,
  typeIntoInputBox,
} from '../harness/workbench.mjs';


const PASSWORD = 'e2eL0ad';
const CONNECTION = 'Local simulator';
/** A second connection, in a file of its own next to the fixture's: a simulator with a 50 msg/s licence. */
const THROTTLED = 'Licensed simulator';
const THROTTLED_FILE = {
  connections: [
    {
      name: THROTTLED,
      simulator: { deliveryReceiptDelay: 1, throttle: { perSecond: 50 } },
      system_id: 'licensed',
      password: `\${env:${PASSWORD_VAR}}`,
    },
  ],
};
const SIMULATOR_TO = '447700900000-447700900999';

/** The load test panel's page: the workbench's webview frame holds the extension's frame. */
function loadFrame(page) {
  return page.frameLocator('iframe.webview.ready').frameLocator('iframe');
}

/** A number shown in the panel (`1,000` reads as 1000). */
async function shownNumber(frame, testid) {
  return Number((await frame.locator(`[data-testid="${testid}"]`).innerText()).replace(/[,\s]/g, ''));
}

/**
 * Runs "SMPP: Run Load Test" on a simulator connection (the fixture's unless `connection` says)
 * and answers its questions; `stay` picks "Stay bound" at the end instead of "Unbind when done".
 */
async function startLoadTest(page, { count, rate, window, stay = false, connection = CONNECTION }) {
  await runCommand(page, 'SMPP: Run Load Test');
  await pickQuickItem(page, connection);
  const answer = async (title, value) => {
    await typeIntoInputBox(page, title, value);
    await page.keyboard.press('Enter');
  };
  await answer(/\(1\/7\): count$/, String(count));
  await answer(/\(2\/7\): rate$/, String(rate));
  await answer(/\(3\/7\): window$/, String(window));
  // The simulator's destinations are offered; a real SMSC's must be typed.
  await quickInput(page).locator('.quick-input-title', { hasText: /\(4\/7\): destinations$/ }).waitFor(WAIT);
  assert.equal(await quickInputBox(page).inputValue(), SIMULATOR_TO);
  await page.keyboard.press('Enter');
  await answer(/\(5\/7\): source \(optional\)$/, '');
  await answer(/\(6\/7\): message$/, '#40');
  await quickInput(page).locator('.quick-input-title', { hasText: /\(7\/7\)/ }).waitFor(WAIT);
  await pickQuickItem(page, stay ? 'Stay bound' : 'Unbind when done');
}

/** Saves the result from the panel's button through the save dialog (VS Code's simple file dialog here). */
async function saveFrom(page, frame, format, workspace) {
  await frame.locator(`[data-testid="load-save-${format}"]`).click();
  await quickInput(page).locator('.quick-input-title', { hasText: `Save the load test of ${CONNECTION} as ${format.toUpperCase()}` }).waitFor(WAIT);
  const box = quickInputBox(page);
  const pattern = new RegExp(`/smpp-load-Local_simulator-\\d{8}-\\d{6}\\.${format}$`);
  // The dialog fills in its proposal a moment after it opens.
  const proposed = await waitUntil(async () => pattern.test(await box.inputValue()) && (await box.inputValue()), {
    timeoutMs: UI_TIMEOUT,
    what: `the save dialog to propose smpp-load-Local_simulator-<time>.${format}`,
  });
  assert.equal(path.dirname(proposed), workspace);
  await box.fill(proposed);
  await page.keyboard.press('Enter');
  const name = path.basename(proposed);
  await notification(page, new RegExp(`^Saved the load test of ${CONNECTION} as ${format.toUpperCase()} to ${name.replace(/\./g, '\\.')}\\.`)).waitFor(WAIT);
  await frame.locator('[data-testid="load-save-status"]', { hasText: name }).waitFor(WAIT);
  return path.join(workspace, name);
}

describe('SMPP: Run Load Test in a real VS Code', { timeout: 20 * 60_000 }, () => {
  /** @type {Awaited<ReturnType<typeof openE2eSession>> | undefined} */
  let session;
  /** @type {import('playwright-core').Page} */
  let page;
  let userDataDir = '';
  let workspace = '';

  function step(name, fn) {
    assert.ok(session);
    return session.withFailureScreenshot(`loadtest-${name}-failure.png`, async () => {
      await clearNotifications(page);
      await fn();
    });
  }

  before(async () => {
    session = await openE2eSession({
      name: 'loadtest',
      fixture: 'everyday',
      files: { 'licensed.smpp.json': THROTTLED_FILE },
      env: { [PASSWORD_VAR]: PASSWORD },
    });
    ({ page, userDataDir, workspace } = session);
    await failOnExtensionError(userDataDir, showViewContainer(page, 'SMPP'));
    await setSideBarWidth(page, 360);
    await failOnExtensionError(userDataDir, treeItem(page, new RegExp(`^${CONNECTION} closed$`)).waitFor(WAIT));
    await treeItem(page, new RegExp(`^${THROTTLED} closed$`)).waitFor(WAIT);
  });

  after(() => session?.close());

  it('1. runs 200 messages as fast as a window of 20 allows (wider than the file says: the command binds for the run with it): summary, chart, saved results, unbound at the end', STEP, () =>
    step('1', async () => {
      await startLoadTest(page, { count: 200, rate: 0, window: 20 });
      await page.getByRole('tab', { name: new RegExp(`^Load test: ${CONNECTION}`) }).waitFor(WAIT);
      const frame = loadFrame(page);
      const summary = frame.locator('[data-testid="load-summary"]');
      await summary.waitFor(WAIT);

      // Every message accounted for.
      const submitted = await shownNumber(frame, 'load-total-submitted');
      const acknowledged = await shownNumber(frame, 'load-total-acknowledged');
      const failed = await shownNumber(frame, 'load-total-failed');
      assert.equal(submitted, 200);
      assert.equal(acknowledged + failed, 200);
      assert.equal(failed, 0);
      const text = await summary.innerText();
      assert.match(text, /^done after \d+\.\d s/);
      assert.match(text, /submitted 200 of 200 · acknowledged 200 · failed 0/);
      assert.match(text, /window 20\)/);
      assert.equal(await frame.locator('[data-testid="load-window-note"]').isVisible(), false, 'no note: the session took the window asked for');
      assert.match(text, /round trip ms: p50 \d+/);
      for (const p of ['p50', 'p90', 'p99', 'max']) assert.match(await frame.locator(`[data-testid="load-${p}"]`).innerText(), /^\d+(\.\d)? ms$/);
      assert.match(await frame.locator('[data-testid="load-errors"]').innerText(), /none/);

      // The chart drew its three series.
      const chart = frame.locator('[data-testid="load-chart"]');
      assert.ok(Number(await chart.getAttribute('data-points')) > 0);
      for (const series of ['submitted', 'acknowledged', 'receipts']) {
        const points = Number(await chart.locator(`polyline[data-series="${series}"]`).getAttribute('data-points'));
        assert.ok(points >= 2, `${series}: ${points} points`);
      }

      // Bound by the command for the run, unbound after it: nothing left bound.
      const status = frame.locator('[data-testid="load-status"]');
      await frame.locator('[data-testid="load-status"][data-phase="ended"]').waitFor(WAIT);
      assert.match(await status.innerText(), /^done · \d+\.\d s · in flight 0 · unbound$/);
      await treeItem(page, new RegExp(`^${CONNECTION} closed$`)).waitFor(WAIT);
      assert.equal(await frame.locator('[data-testid="load-cancel"]').isHidden(), true);

      await clearHovers(page);
      await screenshot(page, 'loadtest-1-done.png');

      // Saved next to the workspace, as JSON (the whole result) and CSV (the series).
      const jsonFile = await saveFrom(page, frame, 'json', workspace);
      const json = JSON.parse(fs.readFileSync(jsonFile, 'utf8'));
      assert.equal(json.totals.submitted, 200);
      assert.equal(json.totals.acknowledged, 200);
      assert.equal(json.settings.window, 20);
      assert.equal(json.settings.to, SIMULATOR_TO);
      assert.equal(json.settings.octets, 40);
      // Every receipt matched to its submit, DELIVRD, none left over.
      assert.deepEqual([json.receipts.matched, json.receipts.outstanding, json.receipts.unmatched], [200, 0, 0]);
      assert.deepEqual(json.receipts.states, { DELIVRD: 200 });
      const csvFile = await saveFrom(page, frame, 'csv', workspace);
      const csv = fs.readFileSync(csvFile, 'utf8').trim().split('\n');
      assert.equal(csv[0], 'second,submitted,acknowledged,failed,receipts,throttled,not_delivered,receipt_ms');
      assert.equal(
        csv.slice(1).reduce((n, line) => n + Number(line.split(',')[1]), 0),
        200,
      );
      assert.equal(path.basename(csvFile, '.csv'), path.basename(jsonFile, '.json'), 'the JSON and the CSV of one run pair up');
      for (const f of [jsonFile, csvFile]) assert.equal(fs.readFileSync(f, 'utf8').includes(PASSWORD), false, `the password is in ${f}`);

      // One line in the SMPP log, and the password nowhere in it.
      const log = readOutputChannelLog(userDataDir).map((e) => e.message);
      assert.ok(log.some((m) => /^Local simulator: load test done after \d+\.\d s; submitted 200 of 200 · acknowledged 200 · failed 0/.test(m)), log.slice(-20).join('\n'));
      assert.ok(!log.some((m) => m.includes(PASSWORD)), 'the password is in the SMPP log');
      // While a load test runs, its PDUs go to the capture, not one line each into the log.
      assert.equal(log.filter((m) => m.startsWith(`${CONNECTION} → submit_sm seq=`)).length, 0, 'no submit_sm logged one by one');
    }));

  it('2. cancels a long, slow run from the panel: it ends cancelled, nothing in flight, still bound as asked', STEP, () =>
    step('2', async () => {
      await runCommand(page, 'View: Close All Editors');
      await hidePanel(page);
      await startLoadTest(page, { count: 100000, rate: 50, window: 10, stay: true });
      const frame = loadFrame(page);
      const status = frame.locator('[data-testid="load-status"]');
      await frame.locator('[data-testid="load-status"][data-state="running"]').waitFor(WAIT);
      await waitUntil(async () => (await shownNumber(frame, 'load-total-submitted')) >= 50, { timeoutMs: UI_TIMEOUT, what: 'the run to submit its first 50 messages' });
      await treeItem(page, new RegExp(`^${CONNECTION} bound_trx`)).waitFor(WAIT);

      await frame.locator('[data-testid="load-cancel"]').click();
      await frame.locator('[data-testid="load-status"][data-state="cancelled"][data-phase="ended"]').waitFor(WAIT);
      assert.match(await status.innerText(), /^cancelled · \d+\.\d s · in flight 0 · still bound_trx$/);
      assert.equal(await status.getAttribute('data-in-flight'), '0');
      assert.equal(await shownNumber(frame, 'load-in-flight'), 0);
      const submitted = await shownNumber(frame, 'load-total-submitted');
      const acknowledged = await shownNumber(frame, 'load-total-acknowledged');
      const failed = await shownNumber(frame, 'load-total-failed');
      assert.ok(submitted >= 50 && submitted < 100000, `submitted ${submitted}`);
      assert.equal(acknowledged + failed, submitted, 'every submit was answered before the run ended');
      assert.match(await frame.locator('[data-testid="load-summary"]').innerText(), new RegExp(`^cancelled after \\d+\\.\\d s \\(cancelled\\)\\nsubmitted ${submitted} of 100000`));
      assert.match(await frame.locator('[data-testid="load-settings"]').innerText(), /100,000 messages · 50 msg\/s · window 10/);

      // "Stay bound" was asked: the connection stays bound.
      await treeItem(page, new RegExp(`^${CONNECTION} bound_trx`)).waitFor(WAIT);
      await clearHovers(page);
      await screenshot(page, 'loadtest-2-cancelled.png');
      const log = readOutputChannelLog(userDataDir).map((e) => e.message);
      assert.ok(log.some((m) => m.startsWith(`${CONNECTION}: load test cancelled after`)), log.slice(-20).join('\n'));
    }));

  it('3. runs 300 messages at 100 msg/s into a simulator licensed for 50: throttling shown, every message accounted for', STEP, () =>
    step('3', async () => {
      await runCommand(page, 'View: Close All Editors');
      await hidePanel(page);
      await startLoadTest(page, { count: 300, rate: 100, window: 10, connection: THROTTLED });
      await page.getByRole('tab', { name: new RegExp(`^Load test: ${THROTTLED}`) }).waitFor(WAIT);
      const frame = loadFrame(page);
      await frame.locator('[data-testid="load-settings"]', { hasText: /300 messages · 100 msg\/s · window 10/ }).waitFor(WAIT);
      // The session pauses once per burst of refusals (and longer while they go on), so the run takes some seconds.
      const summary = frame.locator('[data-testid="load-summary"]');
      await summary.waitFor({ timeout: 3 * UI_TIMEOUT });
      await frame.locator('[data-testid="load-status"][data-phase="ended"]').waitFor(WAIT);

      // Every message accounted for: the session resent the throttled ones after its pause.
      const submitted = await shownNumber(frame, 'load-total-submitted');
      const acknowledged = await shownNumber(frame, 'load-total-acknowledged');
      const failed = await shownNumber(frame, 'load-total-failed');
      const throttled = await shownNumber(frame, 'load-total-throttled');
      assert.equal(submitted, 300);
      assert.equal(acknowledged + failed, 300, `acknowledged ${acknowledged} + failed ${failed}`);
      assert.ok(acknowledged > 0, `acknowledged ${acknowledged}`);
      assert.ok(throttled > 0, 'the simulator throttled nothing');
      const text = await summary.innerText();
      assert.match(text, new RegExp(`^done after \\d+\\.\\d s`));
      assert.match(text, new RegExp(`submitted 300 of 300 · acknowledged ${acknowledged} · failed ${failed}.* · throttled ${throttled}`));
      // Whatever failed, failed for being throttled too often, nothing else.
      const errors = await frame.locator('[data-testid="load-errors"]').innerText();
      if (failed === 0) assert.match(errors, /none/);
      else assert.match(errors, /ESME_RTHROTTLED/);

      // The tile warns, the table lists the events with their status and pause, the chart marks them.
      assert.match((await frame.locator('[data-testid="load-total-throttled"]').locator('xpath=..').getAttribute('class')) ?? '', /\bwarn\b/);
      const rows = frame.locator('[data-testid="load-throttles"] tbody tr');
      assert.ok((await rows.count()) > 0);
      assert.match(await rows.first().innerText(), /^\d+\.\d s\s+ESME_RTHROTTLED\s+\d+(\.\d)? ms$/);
      const markers = frame.locator('[data-testid="load-chart"] [data-testid="load-throttle-marker"]');
      assert.ok((await markers.count()) > 0, 'no throttle marker on the chart');
      assert.match(await markers.first().locator('title').textContent(), /^\d+ throttled at \d+(\.\d+)? s$/);

      // Unbound at the end, as asked; the SMPP log names the throttling, the password nowhere.
      assert.match(await frame.locator('[data-testid="load-status"]').innerText(), /^done · \d+\.\d s · in flight 0 · unbound$/);
      await treeItem(page, new RegExp(`^${THROTTLED} closed$`)).waitFor(WAIT);
      const log = readOutputChannelLog(userDataDir).map((e) => e.message);
      assert.ok(log.some((m) => m.startsWith(`${THROTTLED}: ESME_RTHROTTLED on submit_sm; pausing `)), log.slice(-20).join('\n'));
      assert.ok(
        log.some((m) => new RegExp(`^${THROTTLED}: load test done after \\d+\\.\\d s; submitted 300 of 300 · acknowledged ${acknowledged} · failed ${failed}`).test(m)),
        log.slice(-20).join('\n'),
      );
      assert.ok(!log.some((m) => m.includes(PASSWORD)), 'the password is in the SMPP log');

      await clearHovers(page);
      await screenshot(page, 'loadtest-3-throttled.png');
    }));

  it('logged no error of the extension in the extension host', () => {
    assert.deepEqual(findExtensionErrors(userDataDir), []);
  });
});
