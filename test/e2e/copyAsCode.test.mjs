// End to end, in a real VS Code (code-server 4.100.3 in headless Chromium, the packaged .vsix
// installed): on the examples workspace, "Copy as Code" on the "Local simulator" row puts a
// node-smpp snippet on the clipboard that binds to the simulator where it runs and sends a
// submit_sm; the test runs that snippet with node against the simulator, and it gets its answer.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { REPO_ROOT, failOnExtensionError, findExtensionErrors } from '../harness/codeServer.mjs';
import { exampleFiles, openE2eSession } from '../harness/e2eSession.mjs';
import { STEP, WAIT, clearHovers, notification, pickQuickItem, quickInput, quickInputBox, runCommand, screenshot, setSideBarWidth, showViewContainer, treeItem } from '../harness/workbench.mjs';

const CONNECTION = 'Local simulator';


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

      await row.click({ button: 'right' });
      await page.getByRole('menuitem', { name: 'Copy as Code' }).click(WAIT);
      // The library, with every one listed.
      const options = quickInput(page).getByRole('option');
      await options.first().waitFor(WAIT);
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
});
