// End to end, the everyday jobs of an SMPP engineer in a real VS Code (code-server 4.100.3 in
// headless Chromium, the packaged .vsix installed): bind a workspace connection from its tree row,
// run enquire_link from the command palette, decode a pasted PDU, decode a PDU written as hex in a
// log file, export the session's capture for tshark, and edit the connection file while a session
// runs. One code-server and one workspace serve the steps in order; each step saves a screenshot
// under test-results/ (someone looks at them), and a failed step saves the screen as it was.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { failOnExtensionError, findExtensionErrors, readOutputChannelLog, waitUntil } from '../harness/codeServer.mjs';
import { PASSWORD_VAR, openE2eSession } from '../harness/e2eSession.mjs';
import {
  RESULTS_DIR,
  STEP,
  UI_TIMEOUT,
  WAIT,
  clearHovers,
  clearNotifications,
  clickInlineAction,
  cursorStatus,
  decoderFrame,
  hidePanel,
  notification,
  pickQuickItem,
  quickInput,
  quickInputBox,
  quickOpen,
  runCommand,
  screenshot,
  setSideBarWidth,
  showTooltip,
  showViewContainer,
  treeItem,
  typeIntoInputBox,
} from '../harness/workbench.mjs';

// The connection file reads its password from code-server's environment (PASSWORD_VAR), so the
// tests know it and can check that it never shows: not in the log, not in the exported pcap.
const PASSWORD = 'e2eS3cr';
const CONNECTION = 'Local simulator';

// smpp-facts.md test vectors.
const SUBMIT_SM = '00000039000000040000000000004FE80001013430343034000101343439353133363139323000000000000001000000084024232125262F3A';
// The receipt in the fixture's gateway.log, line 3: deliver_sm seq 10, 185 bytes.
const RECEIPT_LINE = 3;
const RECEIPT_HEX_LENGTH = 185 * 2;

// SMPP command ids (SMPP 3.4, 5.1.2.1), for reading tshark's smpp.command_id.
const COMMAND_IDS = {
  generic_nack: 0x80000000,
  submit_sm: 0x00000004,
  deliver_sm: 0x00000005,
  unbind: 0x00000006,
  bind_transceiver: 0x00000009,
  enquire_link: 0x00000015,
};
function commandName(id) {
  const request = id & 0x7fffffff;
  const name = Object.keys(COMMAND_IDS).find((k) => COMMAND_IDS[k] === request && k !== 'generic_nack');
  if (id === COMMAND_IDS.generic_nack) return 'generic_nack';
  return name === undefined ? `0x${id.toString(16)}` : id & 0x80000000 ? `${name}_resp` : name;
}

/** The PDU lines of the SMPP log for a connection: `Local simulator → enquire_link seq=2`. */
function loggedPdus(userDataDir, connection = CONNECTION) {
  const re = new RegExp(`^${connection} ([→←]) (\\w+) seq=(\\d+)`);
  return readOutputChannelLog(userDataDir)
    .map((e) => ({ time: e.time, m: re.exec(e.message) }))
    .filter((x) => x.m !== null)
    .map(({ time, m }) => ({ time, direction: m[1] === '→' ? 'out' : 'in', command: m[2], seq: Number(m[3]) }));
}

describe('everyday jobs in a real VS Code', { timeout: 20 * 60_000 }, () => {
  /** @type {Awaited<ReturnType<typeof openE2eSession>> | undefined} */
  let session;
  /** @type {Awaited<ReturnType<typeof openE2eSession>>['server']} */
  let server;
  /** @type {import('playwright-core').Page} */
  let page;
  let workspace = '';

  /** Runs a step (with no notification left from the one before); when it fails, saves the screen as it was. */
  function step(name, fn) {
    assert.ok(session);
    return session.withFailureScreenshot(`everyday-${name}-failure.png`, async () => {
      if (!name.startsWith('1-')) await clearNotifications(page);
      await fn();
    });
  }

  before(async () => {
    session = await openE2eSession({
      name: 'everyday',
      fixture: 'everyday',
      env: { [PASSWORD_VAR]: PASSWORD },
      settings: {
        // For the screenshots: the whole hex run in view, hovers below the line they explain.
        'editor.wordWrap': 'on',
        'editor.minimap.enabled': false,
        'editor.hover.above': false,
        'editor.occurrencesHighlight': 'off',
      },
    });
    ({ server, page, workspace } = session);
  });

  after(() => session?.close());

  it('1. binds the workspace connection from its row in the SMPP view', STEP, () =>
    step('1-bind', async () => {
      const { userDataDir } = server;
      await failOnExtensionError(userDataDir, showViewContainer(page, 'SMPP'));
      await setSideBarWidth(page, 520);
      const closed = treeItem(page, new RegExp(`^${CONNECTION} closed$`));
      await failOnExtensionError(userDataDir, closed.waitFor(WAIT));

      await clickInlineAction(closed, 'Bind');
      await treeItem(page, new RegExp(`^${CONNECTION} bound_trx$`)).waitFor(WAIT);
      await notification(page, new RegExp(`^${CONNECTION}: bound_trx \\(built-in simulator on 127\\.0\\.0\\.1:\\d+\\)`)).waitFor(WAIT);
      assert.match(await page.locator('.statusbar').innerText(), /SMPP 1\/1/);

      await clearHovers(page);
      await screenshot(page, 'everyday-1-bound.png');
    }));

  it('2. sends enquire_link from the command palette: the row shows the round trip, the log the pair', STEP, () =>
    step('2-enquire-link', async () => {
      const { userDataDir } = server;
      const before = loggedPdus(userDataDir).length;
      await runCommand(page, 'SMPP: Send enquire_link');
      await pickQuickItem(page, CONNECTION);
      await notification(page, new RegExp(`^${CONNECTION}: enquire_link_resp in \\d+ ms`)).waitFor(WAIT);
      const row = treeItem(page, new RegExp(`^${CONNECTION} bound_trx · keepalive (just now|\\d+ s ago) · \\d+ ms$`));
      await row.waitFor(WAIT);

      // The log: our enquire_link, then its response with the same sequence number.
      const pair = await waitUntil(
        () => {
          const pdus = loggedPdus(userDataDir).slice(before);
          const request = pdus.find((p) => p.direction === 'out' && p.command === 'enquire_link');
          const response = request && pdus.find((p) => p.direction === 'in' && p.command === 'enquire_link_resp' && p.seq === request.seq);
          return response ? { request, response } : undefined;
        },
        { timeoutMs: UI_TIMEOUT, what: 'an enquire_link → / enquire_link_resp ← pair in the SMPP log' },
      );
      assert.ok(pair.response.time >= pair.request.time);
      const lines = readOutputChannelLog(userDataDir).map((e) => e.message);
      assert.ok(lines.some((l) => new RegExp(`^${CONNECTION} ← enquire_link_resp seq=${pair.request.seq} ESME_ROK \\d+ ms$`).test(l)), lines.join('\n'));

      // The row's details: the last keepalive, who sent it, and its round trip.
      await row.click({ position: { x: 60, y: 11 } });
      await treeItem(page, /^Last keepalive: .*sent by the ESME \(us\), round trip \d+ ms$/).waitFor(WAIT);
      await treeItem(page, /^Endpoint: built-in simulator on 127\.0\.0\.1:\d+$/).waitFor(WAIT);

      // The same pair in the "SMPP" output channel, as the user sees it.
      await runCommand(page, 'SMPP: Show Log');
      // (The editor draws spaces as no-break spaces: \s matches both.)
      const logLine = new RegExp(`${CONNECTION.replace(/ /g, '\\s')}\\s←\\senquire_link_resp\\sseq=${pair.request.seq}\\s`);
      await page.locator('.part.panel .view-lines').getByText(logLine).first().waitFor(WAIT);
      await clearHovers(page);
      await screenshot(page, 'everyday-2-keepalive.png');

      // The row's tooltip holds the same, though the row keeps its "ago" current.
      const tooltip = (await (await showTooltip(page, row, 'Last keepalive')).innerText()).replace(/\s+/g, ' ');
      assert.match(tooltip, new RegExp(`${CONNECTION} — bound_trx`));
      assert.match(tooltip, /Endpoint: built-in simulator on 127\.0\.0\.1:\d+/);
      assert.match(tooltip, /Last keepalive: .*sent by the ESME \(us\), round trip \d+ ms/);
      assert.match(tooltip, /PDUs: \d+ in, \d+ out/);
      assert.doesNotMatch(tooltip, new RegExp(PASSWORD));
      await clearHovers(page);
    }));

  it('3. decodes a pasted submit_sm, and hovering destination_addr highlights its bytes', STEP, () =>
    step('3-decoder', async () => {
      await hidePanel(page);
      await runCommand(page, 'SMPP: Open PDU Decoder');
      const frame = decoderFrame(page);
      const input = frame.locator('[data-testid="hex-input"] textarea');
      await input.waitFor(WAIT);

      // Paste, as a user does: the clipboard, then Ctrl+V in the hex box.
      await page.evaluate((text) => globalThis.navigator.clipboard.writeText(text), SUBMIT_SM);
      await input.click();
      await page.keyboard.press('Control+V');

      const destination = frame.locator('[data-testid="field-row"][data-field="destination_addr"]');
      await destination.waitFor(WAIT);
      assert.equal(await destination.locator('.value').innerText(), '"44951361920"');
      // 40 24 23 21 25 26 2F 3A in the GSM 7-bit default alphabet (data_coding 0).
      assert.equal(await frame.locator('[data-testid="field-row"][data-field="text"] .value').innerText(), '"¡¤#!%&/:"');
      assert.match(await frame.locator('[data-testid="pdu-summary"]').innerText(), /^submit_sm · seq 20456 · to 44951361920 · from 40404/);

      // Field → bytes: destination_addr is octets 27..38 (11 digits and the NUL).
      await destination.hover();
      const lit = frame.locator('[data-testid="hex-view"] [data-offset].hl');
      await frame.locator('[data-offset="38"].hl').waitFor(WAIT);
      assert.deepEqual(await lit.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-offset')))), Array.from({ length: 12 }, (_, i) => 27 + i));
      assert.match((await destination.getAttribute('class')) ?? '', /\bhl\b/);
      await screenshot(page, 'everyday-3-decoder.png');

      // Bytes → field: a byte of source_addr lights up that row.
      await frame.locator('[data-testid="hex-view"] [data-offset="20"]').hover();
      await frame.locator('[data-testid="field-row"][data-field="source_addr"].hl').waitFor(WAIT);
    }));

  it('4. a receipt written as hex in a log file: the hover summarises it, Decode Selection parses it', STEP, () =>
    step('4-hex-in-a-log', async () => {
      // Open the log with Quick Open.
      await quickOpen(page, 'gateway.log');
      await page.getByRole('tab', { name: /^gateway\.log/ }).waitFor(WAIT);

      // Hover a stretch of the hex (the editor splits long runs into spans of plain hex): its last.
      const hexSpan = page.locator('.editor-instance .view-lines .view-line span span').filter({ hasText: /^[0-9a-f]{20,}$/ }).last();
      await hexSpan.hover();
      const hover = page.locator('.monaco-hover').filter({ hasText: 'SMPP' }).first();
      await hover.waitFor(WAIT);
      // (Markdown hovers keep spaces as no-break spaces.)
      const summary = (await hover.innerText()).replace(/\s+/g, ' ');
      assert.match(summary, /SMPP deliver_sm · seq 10 · to 123 · from 6515555678 · receipt id 1891273321 stat DELIVRD err 000/);
      await hover.getByRole('link', { name: /Open in PDU Decoder/ }).waitFor(WAIT);
      await screenshot(page, 'everyday-4-hover.png');

      // Select the hex (a double click takes the whole run, one word) and decode the selection.
      await page.keyboard.press('Escape');
      await hexSpan.dblclick();
      await cursorStatus(page).filter({ hasText: new RegExp(`Ln ${RECEIPT_LINE}, Col \\d+ \\(${RECEIPT_HEX_LENGTH} selected\\)`) }).waitFor(WAIT);
      await runCommand(page, 'SMPP: Decode Selection as PDU');

      const frame = decoderFrame(page);
      await frame.locator('[data-testid="decoder-source"]', { hasText: `from gateway.log:${RECEIPT_LINE}` }).waitFor(WAIT);
      assert.match(await frame.locator('[data-testid="pdu-summary"]').innerText(), /^deliver_sm · seq 10 · to 123 · from 6515555678 · receipt id 1891273321 stat DELIVRD err 000/);
      const field = (name) => frame.locator(`[data-testid="field-row"][data-field="${name}"]`);
      assert.match(await field('esm_class').locator('.meaning').innerText(), /SMSC delivery receipt/);
      assert.match(await field('receipt').locator('.meaning').innerText(), /DELIVERED/);
      assert.equal(await field('id').locator('.value').innerText(), '"1891273321"');
      assert.equal(await field('stat').locator('.value').innerText(), '"DELIVRD"');
      assert.match(await field('stat').locator('.meaning').innerText(), /message_state TLV: DELIVERED/);
      assert.equal(await field('receipted_message_id').locator('.value').innerText(), '"70BA8A69"');

      await field('stat').hover();
      await frame.locator('[data-testid="hex-view"] [data-offset].hl').first().waitFor(WAIT);
      await screenshot(page, 'everyday-4-receipt.png');
    }));

  it('5. exports the session capture as pcap: tshark reads every PDU, and the password is masked', STEP, () =>
    step('5-pcap', async () => {
      const { userDataDir } = server;
      // Some traffic beyond bind and enquire_link: a submit with a receipt.
      const to = '+447700900123';
      await runCommand(page, 'SMPP: Submit Short Message');
      await pickQuickItem(page, CONNECTION);
      await typeIntoInputBox(page, /destination/, to);
      await page.keyboard.press('Enter');
      const textBox = await typeIntoInputBox(page, /text to/, 'Hello from the e2e test €');
      await textBox.getByText(/25 chars · 1 part · GSM-7/).waitFor(WAIT);
      await page.keyboard.press('Enter');
      await notification(page, new RegExp(`^${CONNECTION}: submitted to \\${to} .*message_id \\w+`)).waitFor(WAIT);
      // The simulator's receipt, answered.
      await waitUntil(() => loggedPdus(userDataDir).some((p) => p.direction === 'out' && p.command === 'deliver_sm_resp'), {
        timeoutMs: UI_TIMEOUT,
        what: 'the delivery receipt (deliver_sm ←, deliver_sm_resp →) in the SMPP log',
      });

      // The save dialog is VS Code's simple file dialog here. It proposes smpp-capture-<time>.pcap in
      // the workspace; it fills that in a moment after it opens, so wait for it before typing over it.
      const file = path.join(workspace, 'session.pcap');
      await runCommand(page, 'SMPP: Export Capture as pcap');
      await quickInput(page).locator('.quick-input-title', { hasText: 'Export the capture as pcap' }).waitFor(WAIT);
      const box = quickInputBox(page);
      const proposed = await waitUntil(async () => /\/smpp-capture-\d{8}-\d{6}\.pcap$/.test(await box.inputValue()) && (await box.inputValue()), {
        timeoutMs: UI_TIMEOUT,
        what: 'the save dialog to propose smpp-capture-<time>.pcap',
      });
      assert.equal(path.dirname(proposed), workspace);
      await box.fill(file);
      await page.keyboard.press('Enter');
      const saved = notification(page, /^Saved \d+ PDUs to session\.pcap\./);
      await saved.waitFor(WAIT);
      const count = Number(/Saved (\d+) PDUs/.exec((await saved.getAttribute('aria-label')) ?? '')?.[1]);
      assert.ok(fs.existsSync(file), `${file} was not written`);
      fs.copyFileSync(file, path.join(RESULTS_DIR, 'everyday-session.pcap'));

      // The pcap writer frames the SMSC side as TCP port 2775 (DEFAULT_SMPP_PORT in src/smpp/pcap.ts)
      // when the capture holds no endpoint, which is the issue's `-d tcp.port==2775,smpp`.
      const tshark = spawnSync('tshark', ['-r', file, '-d', 'tcp.port==2775,smpp', '-Y', 'smpp', '-T', 'fields', '-E', 'separator=|', '-e', 'smpp.command_id', '-e', 'smpp.sequence_number', '-e', 'smpp.password'], {
        encoding: 'utf8',
      });
      assert.equal(tshark.error, undefined, 'tshark is missing: apt-get install -y tshark');
      assert.equal(tshark.status, 0, tshark.stderr);
      const dissected = tshark.stdout
        .trim()
        .split('\n')
        .map((line) => line.split('|'))
        .map(([id, seq, password]) => ({ command: commandName(Number(id)), seq: Number(seq), password }));

      // Every captured PDU, in order, with its command and sequence number: as the log has them.
      const logged = loggedPdus(userDataDir).slice(0, count);
      assert.equal(dissected.length, count, tshark.stdout);
      assert.deepEqual(
        dissected.map(({ command, seq }) => `${command} ${seq}`),
        logged.map(({ command, seq }) => `${command} ${seq}`),
      );
      // The session as it went: bind first, then requests each followed by their response (same
      // sequence number). Keepalives run every 30 s besides ours, so their numbers vary.
      const names = dissected.map(({ command, seq }) => `${command} ${seq}`);
      assert.deepEqual(names.slice(0, 2), ['bind_transceiver 1', 'bind_transceiver_resp 1']);
      for (const command of ['enquire_link', 'submit_sm', 'deliver_sm']) {
        const request = dissected.findIndex((p) => p.command === command);
        assert.ok(request >= 0, `no ${command} in the pcap: ${names.join(', ')}`);
        const response = dissected.findIndex((p, i) => i > request && p.command === `${command}_resp`);
        assert.ok(response > request && dissected[response].seq === dissected[request].seq, `${command} ${dissected[request].seq} has no response after it: ${names.join(', ')}`);
      }

      // The bind's password is masked, octet for octet; the real one is nowhere in the file or the log.
      assert.equal(dissected.find((p) => p.command === 'bind_transceiver')?.password, '*'.repeat(PASSWORD.length));
      assert.equal(fs.readFileSync(file).includes(Buffer.from(PASSWORD)), false, 'the password is in the pcap');
      assert.ok(!readOutputChannelLog(userDataDir).some((e) => e.message.includes(PASSWORD)), 'the password is in the SMPP log');

      // The same traffic in the decoder: the capture list, then the sequence diagram.
      await runCommand(page, 'SMPP: Show Traffic');
      await pickQuickItem(page, CONNECTION);
      const frame = decoderFrame(page);
      const rows = frame.locator('[data-testid="capture-row"]:not([hidden])');
      await frame.locator('[data-testid="capture-row"][data-command="submit_sm"][data-direction="out"]').waitFor(WAIT);
      await frame.locator('[data-testid="capture-row"][data-command="deliver_sm"][data-direction="in"]').waitFor(WAIT);
      assert.ok((await rows.count()) >= count);
      await screenshot(page, 'everyday-5-capture.png');
      await frame.locator('[data-testid="tab-ladder"]').click();
      await frame.locator('[data-testid="ladder-arrow"][data-command="deliver_sm_resp"]').waitFor(WAIT);
      await screenshot(page, 'everyday-5-sequence.png');
    }));

  it('7. picks up edits of the connection files while a session runs (live reload)', STEP, () =>
    step('7-live-reload', async () => {
      const { userDataDir } = server;
      const reloadedAt = Date.now();
      // A second connection in the same file; the first one's definition stays as it was.
      const demo = path.join(workspace, 'demo.smpp.json');
      const json = JSON.parse(fs.readFileSync(demo, 'utf8'));
      json.connections.push({ name: 'Second simulator', simulator: {}, system_id: 'second', password: `\${env:${PASSWORD_VAR}}` });
      fs.writeFileSync(demo, `${JSON.stringify(json, null, 2)}\n`);
      // Another file, broken: a comma is missing before line 4, column 5.
      fs.writeFileSync(path.join(workspace, 'broken.smpp.json'), '{\n  "connections": [\n    { "name": "Broken", "simulator": {}\n    "system_id": "x" }\n  ]\n}\n');

      await runCommand(page, 'View: Close All Editors');
      await showViewContainer(page, 'SMPP');
      await treeItem(page, /^Second simulator closed$/).waitFor(WAIT);
      const problem = treeItem(page, /^broken\.smpp\.json, line 4, column 5: JSON syntax: a comma was expected$/);
      await problem.waitFor(WAIT);
      assert.match(await problem.innerText(), /broken\.smpp\.json:4:5/);

      // The running session was left alone, and still answers.
      const running = treeItem(page, new RegExp(`^${CONNECTION} bound_trx`));
      await running.waitFor(WAIT);
      const sinceReload = readOutputChannelLog(userDataDir).filter((e) => e.time >= reloadedAt - 1000).map((e) => e.message);
      assert.ok(!sinceReload.some((m) => m.startsWith(`${CONNECTION}: `) && / → |definition/.test(m)), sinceReload.join('\n'));
      const before = loggedPdus(userDataDir).length;
      await clickInlineAction(running, 'Send enquire_link');
      await notification(page, new RegExp(`^${CONNECTION}: enquire_link_resp in \\d+ ms`)).waitFor(WAIT);
      assert.ok(loggedPdus(userDataDir).slice(before).some((p) => p.command === 'enquire_link_resp'));

      // The problem row opens the file at the line and column.
      await problem.click();
      await page.getByRole('tab', { name: /^broken\.smpp\.json/ }).waitFor(WAIT);
      await cursorStatus(page).filter({ hasText: /^Ln 4, Col 5$/ }).waitFor(WAIT);
      await clearHovers(page);
      await screenshot(page, 'everyday-7-live-reload.png');
    }));

  it('logged no error of the extension in the extension host', () => {
    assert.deepEqual(findExtensionErrors(server.userDataDir), []);
  });
});
