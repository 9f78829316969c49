// End to end, in a real VS Code (code-server 4.100.3 in headless Chromium, the packaged .vsix
// installed): on the examples workspace, "Copy as Code" on the "Local simulator" row puts a
// node-smpp snippet on the clipboard that binds to the simulator where it runs and sends a
// submit_sm; the test runs that snippet with node against the simulator, and it gets its answer.
// Then a submit_sm pasted into the decoder, copied as code with its Copy as code button, gives a
// node-smpp snippet with the same destination and text, bound to a placeholder SMSC; with the
// simulator's address put in, it runs too.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { REPO_ROOT, failOnExtensionError, findExtensionErrors } from '../harness/codeServer.mjs';
import { exampleFiles, openE2eSession } from '../harness/e2eSession.mjs';
import { STEP, WAIT, clearHovers, decoderFrame, hidePanel, notification, pickQuickItem, quickInput, quickInputBox, runCommand, screenshot, setSideBarWidth, showViewContainer, treeItem } from '../harness/workbench.mjs';

const CONNECTION = 'Local simulator';
const PASTED_DESTINATION = '447700900777';
const PASTED_TEXT = 'Pasted into the decoder';

/** A submit_sm as hex, the way someone pastes one from a log. */
function submitSm() {
  const cstring = (s) => [...Buffer.from(s, 'latin1'), 0];
  const body = [
    ...cstring(''), // service_type
    1, 1, ...cstring('447700900001'),
    1, 1, ...cstring(PASTED_DESTINATION),
    0, 0, 0, // esm_class, protocol_id, priority_flag
    ...cstring(''), ...cstring(''), // schedule_delivery_time, validity_period
    1, 0, 0, 0, // registered_delivery, replace_if_present_flag, data_coding, sm_default_msg_id
    PASTED_TEXT.length, ...Buffer.from(PASTED_TEXT, 'latin1'),
  ];
  const header = Buffer.alloc(16);
  header.writeUInt32BE(16 + body.length, 0);
  header.writeUInt32BE(0x00000004, 4);
  header.writeUInt32BE(0, 8);
  header.writeUInt32BE(42, 12);
  return Buffer.concat([header, Buffer.from(body)]).toString('hex');
}


/** Runs a snippet with node (node-smpp from the project's node_modules) until it exits. */
function runSnippet(file, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [file], { env: { PATH: process.env.PATH, NODE_PATH: path.join(REPO_ROOT, 'node_modules'), ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s) => (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s) => (stderr += s));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('Copy as Code in a real VS Code', { timeout: 15 * 60_000 }, () => {
  /** @type {Awaited<ReturnType<typeof openE2eSession>> | undefined} */
  let session;
  /** The port the built-in simulator runs on, from the first snippet. */
  let simulatorPort = '';

  before(async () => {
    session = await openE2eSession({ name: 'copyAsCode', files: exampleFiles() });
  });

  after(() => session?.close());

  it('copies a runnable node-smpp snippet from the connection row, which submits to the simulator', STEP, async () => {
    assert.ok(session);
    const { page, userDataDir, workspace } = session;
    await session.withFailureScreenshot('copyAsCode-failure.png', async () => {
      await failOnExtensionError(userDataDir, showViewContainer(page, 'SMPP'));
      await setSideBarWidth(page, 480);
      // Bound first, so the snippet names the port the built-in simulator runs on.
      await runCommand(page, 'SMPP: Send enquire_link');
      await pickQuickItem(page, CONNECTION);
      const row = treeItem(page, new RegExp(`^${CONNECTION} bound_trx`));
      await row.waitFor(WAIT);

      // A click can land while the context menu is still settling and leave it open (nothing
      // runs): the item is pointed at and chosen with Enter, and the menu opened again if the
      // question has not come (3 tries).
      const item = page.getByRole('menuitem', { name: 'Copy as Code' });
      const options = quickInput(page).getByRole('option');
      for (let attempt = 1; ; attempt++) {
        await row.click({ button: 'right' });
        await item.hover(WAIT);
        await page.keyboard.press('Enter');
        try {
          await options.first().waitFor({ timeout: 15_000 });
          break;
        } catch (err) {
          if (attempt === 3) throw err;
          if (await item.isVisible()) await page.keyboard.press('Escape');
        }
      }
      // The library, with every one listed.
      const libraries = await options.allInnerTexts();
      for (const library of ['node-smpp', 'Net::SMPP', 'python-smpplib', 'jsmpp', 'gosmpp']) assert.ok(libraries.some((t) => t.startsWith(library)), `${library} in ${libraries.join(' | ')}`);
      await clearHovers(page);
      await screenshot(page, 'copyAsCode-1-library.png');
      await pickQuickItem(page, 'node-smpp');
      // What to send: a submit_sm with a text comes first.
      await quickInput(page).locator('.quick-input-title', { hasText: 'what should the snippet send?' }).waitFor(WAIT);
      assert.match((await options.first().innerText()).split('\n')[0], /^submit_sm with a text/);
      await pickQuickItem(page, 'submit_sm with a text');
      // The destination and the text keep their suggested values.
      await quickInput(page).locator('.quick-input-title', { hasText: 'destination' }).waitFor(WAIT);
      assert.equal(await quickInputBox(page).inputValue(), '447700900001');
      await page.keyboard.press('Enter');
      await quickInput(page).locator('.quick-input-title', { hasText: 'text to 447700900001' }).waitFor(WAIT);
      await quickInputBox(page).fill('Copied from VS Code');
      await page.keyboard.press('Enter');

      await notification(page, /^Copied a node-smpp \(JavaScript\) snippet that sends submit_sm via Local simulator to the clipboard/).waitFor(WAIT);
      await clearHovers(page);
      await screenshot(page, 'copyAsCode-2-copied.png');

      const code = await page.evaluate(() => globalThis.navigator.clipboard.readText());
      const url = /smpp\.connect\(\{ url: 'smpp:\/\/127\.0\.0\.1:(\d+)' \}\)/.exec(code);
      assert.ok(url, code);
      simulatorPort = url[1];
      assert.match(code, /session\.submit_sm\(pdus\[n - 1\]/);
      assert.match(code, /session\.bind_transceiver\(/);
      assert.match(code, /system_id: "test"/);
      assert.match(code, /password: process\.env\.SMPP_PASSWORD/);
      assert.doesNotMatch(code, /password: "test"/, 'the password is not written in the snippet');

      // Runnable: it binds to the simulator in the extension host, submits, and unbinds.
      const file = path.join(workspace, 'copied-snippet.js');
      fs.writeFileSync(file, code);
      const ran = await runSnippet(file, { SMPP_PASSWORD: 'test' });
      assert.equal(ran.code, 0, `${ran.stderr}\n${ran.stdout}\n${code}`);
      assert.match(ran.stdout, /^submit_sm_resp 1\/1: status 0 message_id \S+\n$/);
      assert.deepEqual(findExtensionErrors(userDataDir), []);
    });
  });

  it('copies a pasted submit_sm from the decoder as a node-smpp snippet that sends the same destination and text', STEP, async () => {
    assert.ok(session);
    const { page, userDataDir, workspace } = session;
    await session.withFailureScreenshot('copyAsCode-decoder-failure.png', async () => {
      await clearHovers(page);
      await hidePanel(page);
      await runCommand(page, 'SMPP: Open PDU Decoder');
      const frame = decoderFrame(page);
      const input = frame.locator('[data-testid="hex-input"] textarea');
      await input.waitFor(WAIT);
      await page.evaluate((text) => globalThis.navigator.clipboard.writeText(text), submitSm());
      await input.click();
      await page.keyboard.press('Control+V');
      await frame.locator('[data-testid="field-row"][data-field="destination_addr"]').waitFor(WAIT);
      const button = frame.locator('[data-testid="copy-as-code"]');
      assert.equal(await button.getAttribute('disabled'), null, 'a submit_sm can be copied as code');
      assert.match((await button.getAttribute('title')) ?? '', /placeholder SMSC/);
      await button.click();

      // The library chosen last (node-smpp, on the connection row) comes first.
      const options = quickInput(page).getByRole('option');
      await quickInput(page).locator('.quick-input-title', { hasText: 'Copy submit_sm as code: which library?' }).waitFor(WAIT);
      assert.match((await options.first().innerText()).split('\n')[0], /^node-smpp/);
      await pickQuickItem(page, 'node-smpp');
      await notification(page, /^Copied a node-smpp \(JavaScript\) snippet that sends this submit_sm to a placeholder SMSC \(127\.0\.0\.1:2775: put your SMSC's address and system_id in it\) to the clipboard/).waitFor(WAIT);
      await clearHovers(page);
      await screenshot(page, 'copyAsCode-3-decoder.png');

      const code = await page.evaluate(() => globalThis.navigator.clipboard.readText());
      assert.match(code, /session\.submit_sm\(pdus\[n - 1\]/);
      assert.match(code, new RegExp(`destination_addr: "${PASTED_DESTINATION}"`));
      assert.ok(code.includes(`short_message: Buffer.from(${JSON.stringify(PASTED_TEXT)}, 'latin1')`), code);
      assert.match(code.split('\n')[0], /placeholder: the PDU was pasted; set the host, port and system_id/);

      // With the placeholder's address and system_id set to the simulator's, it runs as it is.
      assert.ok(simulatorPort, 'the first step found the simulator');
      const file = path.join(workspace, 'copied-from-decoder.js');
      fs.writeFileSync(file, code.replace("smpp://127.0.0.1:2775", `smpp://127.0.0.1:${simulatorPort}`).replace('system_id: ""', 'system_id: "test"'));
      const ran = await runSnippet(file, { SMPP_PASSWORD: 'test' });
      assert.equal(ran.code, 0, `${ran.stderr}\n${ran.stdout}\n${code}`);
      assert.match(ran.stdout, /^submit_sm_resp 1\/1: status 0 message_id \S+\n$/);
      assert.deepEqual(findExtensionErrors(userDataDir), []);
    });
  });
});
