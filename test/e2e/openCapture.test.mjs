// End to end in a real VS Code (code-server 4.100.3 in headless Chromium, the packaged .vsix
// installed): capture files made by dumpcap while our simulator and an ESME talked
// (test/fixtures/pcap/) are opened as a user would. "SMPP: Open Capture File" from the palette,
// with the path typed into VS Code's file dialog, fills the decoder's Capture tab with the pcap's 12
// PDUs under a connection named after the file, in order and with their directions; the explorer's
// context menu on a .pcapng does the same for its two TCP connections, one capture connection each.
// Screenshots go to test-results/ (someone looks at them); a failed step saves the screen as it was.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { REPO_ROOT, failOnExtensionError, findExtensionErrors, waitUntil } from '../harness/codeServer.mjs';
import { openE2eSession } from '../harness/e2eSession.mjs';
import { STEP, UI_TIMEOUT, WAIT, clearHovers, decoderFrame, notification, quickInput, quickInputBox, runCommand, screenshot, showViewContainer } from '../harness/workbench.mjs';

const FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures', 'pcap');

const PCAP_COMMANDS = [
  ['bind_transceiver', 'out'],
  ['bind_transceiver_resp', 'in'],
  ['submit_sm', 'out'],
  ['submit_sm_resp', 'in'],
  ['submit_sm', 'out'],
  ['submit_sm_resp', 'in'],
  ['deliver_sm', 'in'],
  ['deliver_sm', 'in'],
  ['deliver_sm_resp', 'out'],
  ['deliver_sm_resp', 'out'],
  ['unbind', 'out'],
  ['unbind_resp', 'in'],
];

describe('opening a capture file in a real VS Code', { timeout: 15 * 60_000 }, () => {
  /** @type {Awaited<ReturnType<typeof openE2eSession>> | undefined} */
  let session;

  before(async () => {
    session = await openE2eSession({ name: 'open-capture', files: { 'README.md': '# Captures from the carrier\n' } });
    fs.mkdirSync(path.join(session.workspace, 'captures'));
    fs.copyFileSync(path.join(FIXTURES, 'session.pcap'), path.join(session.workspace, 'captures', 'carrier.pcap'));
    fs.copyFileSync(path.join(FIXTURES, 'session.pcapng'), path.join(session.workspace, 'captures', 'carrier.pcapng'));
  });

  after(() => session?.close());

  it('1. from the palette: the pcap fills the Capture tab under a connection named after the file', STEP, async () => {
    assert.ok(session);
    const { page, userDataDir, workspace } = session;
    await session.withFailureScreenshot('open-capture-1-failure.png', async () => {
      // The extension's contributions are in once its view container is.
      await failOnExtensionError(userDataDir, showViewContainer(page, 'SMPP'));
      await runCommand(page, 'SMPP: Open Capture File');
      // VS Code's simple file dialog: type the file's path.
      await quickInput(page).locator('.quick-input-title', { hasText: 'Open a capture file' }).waitFor(WAIT);
      const box = quickInputBox(page);
      // The dialog fills in the workspace folder a moment after it opens: wait for it before typing over it.
      await waitUntil(async () => (await box.inputValue()).replace(/\/$/, '') === workspace, { timeoutMs: UI_TIMEOUT, what: 'the file dialog to show the workspace folder' });
      await box.fill(path.join(workspace, 'captures', 'carrier.pcap'));
      // The dialog lists the folder it reads the typed path in; then its button opens the file.
      await quickInput(page).getByRole('option', { name: /^carrier\.pcap$/ }).waitFor(WAIT);
      await quickInput(page).getByRole('button', { name: 'Open Capture' }).click(WAIT);
      await notification(page, /^carrier\.pcap: 12 PDUs on 1 connection added to the capture\./).waitFor(WAIT);

      const frame = decoderFrame(page);
      const rows = frame.locator('[data-testid="capture-row"]:not([hidden])');
      await frame.locator('[data-testid="capture-count"]', { hasText: /^12 of 12 PDUs$/ }).waitFor(WAIT);
      await rows.nth(11).waitFor(WAIT);
      const seen = await rows.evaluateAll((els) => els.map((el) => [el.getAttribute('data-command'), el.getAttribute('data-direction')]));
      assert.deepEqual(seen, PCAP_COMMANDS);
      const first = await rows.first().innerText();
      assert.match(first, /carrier\.pcap/);
      assert.match(first, /bind_transceiver/);
      // The connection selector shows the file's connection.
      const selector = frame.locator('[data-testid="capture-connection"]');
      assert.equal(await selector.evaluate((el) => /** @type {any} */ (el).value), 'carrier.pcap');
      assert.deepEqual(findExtensionErrors(userDataDir), []);
      await clearHovers(page);
      await screenshot(page, 'open-capture-1-pcap.png');
    });
  });

  it('2. from the explorer context menu: the pcapng, one capture connection per TCP connection', STEP, async () => {
    assert.ok(session);
    const { page, userDataDir } = session;
    await session.withFailureScreenshot('open-capture-2-failure.png', async () => {
      await page.keyboard.press('Control+Shift+E');
      const folder = page.getByRole('treeitem', { name: 'captures' });
      await folder.waitFor(WAIT);
      if ((await folder.getAttribute('aria-expanded')) !== 'true') await folder.click();
      const file = page.getByRole('treeitem', { name: 'carrier.pcapng' });
      await file.waitFor(WAIT);
      // Right after the decoder had focus, a click can land while the menu is still settling and
      // leave it open (nothing runs). The item is chosen as a keyboard user does instead: pointed
      // at (which focuses it in the menu), then Enter; if the menu is still open after that, it is
      // closed and opened again (3 tries).
      const done = notification(page, /^carrier\.pcapng: 14 PDUs on 2 connections added to the capture\./);
      const item = page.getByRole('menuitem', { name: 'Open Capture File' });
      for (let attempt = 1; ; attempt++) {
        await file.click({ button: 'right' });
        await item.hover(WAIT);
        await page.keyboard.press('Enter');
        try {
          await done.waitFor({ timeout: 15_000 });
          break;
        } catch (err) {
          if (attempt === 3) throw err;
          if (await item.isVisible()) await page.keyboard.press('Escape');
        }
      }

      const frame = decoderFrame(page);
      // Several connections: the Capture tab shows all of them (the earlier pcap's too).
      await frame.locator('[data-testid="capture-count"]', { hasText: /^26 PDUs$/ }).waitFor(WAIT);
      const options = await frame.locator('[data-testid="capture-connection"] vscode-option').allTextContents();
      const named = options.map((o) => o.trim()).filter((o) => o.startsWith('carrier.pcapng'));
      assert.equal(named.length, 2, options.join(' | '));
      for (const n of named) assert.match(n, /^carrier\.pcapng · 127\.0\.0\.1:\d+ → 127\.0\.0\.1:27752$/);
      const rows = frame.locator('[data-testid="capture-row"]:not([hidden])');
      await frame.getByRole('row').filter({ hasText: 'carrier.pcapng' }).first().waitFor(WAIT);
      assert.ok((await rows.count()) > 0);
      assert.deepEqual(findExtensionErrors(userDataDir), []);
      await clearHovers(page);
      await screenshot(page, 'open-capture-2-pcapng.png');
    });
  });
});
