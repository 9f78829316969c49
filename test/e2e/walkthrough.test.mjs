// End to end, in a real VS Code (code-server 4.100.3 in headless Chromium, the packaged .vsix
// installed): the getting-started walkthrough on an empty folder. Each step's media shows, and its
// button does the job and ticks the step: a connection file is written, Bind binds the simulator
// (asking for the password), Send enquire_link gets its round trip, the decoder opens, and the
// request file step opens an editor in the request file language, where a typed block's Send answers.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { failOnExtensionError, findExtensionErrors, waitUntil } from '../harness/codeServer.mjs';
import { openE2eSession } from '../harness/e2eSession.mjs';
import { STEP, UI_TIMEOUT, WAIT, clearHovers, notification, pickQuickItem, quickInputBox, runCommand, screenshot, typeIntoInputBox } from '../harness/workbench.mjs';

const TITLE = 'Get started with SMPP Session Panel';
const CONNECTION = 'Local simulator';

describe('the getting-started walkthrough in a real VS Code', { timeout: 15 * 60_000 }, () => {
  /** @type {Awaited<ReturnType<typeof openE2eSession>> | undefined} */
  let session;

  before(async () => {
    session = await openE2eSession({ name: 'walkthrough' });
  });

  after(() => session?.close());

  /** The walkthrough's page in the editor area, opened from the palette when it is not shown. */
  async function walkthrough(page) {
    const container = page.locator('.gettingStartedContainer').filter({ hasText: TITLE });
    if (!(await container.isVisible())) {
      await runCommand(page, 'Welcome: Open Walkthrough...');
      await pickQuickItem(page, TITLE);
    }
    await container.waitFor(WAIT);
    return container;
  }

  /** Shows a step (by its id in package.json); `done` is its checkbox, checked once the step is done. */
  async function showStep(page, id) {
    const container = await walkthrough(page);
    const step = container.locator(`button.getting-started-step[data-step-id$="#${id}"]`);
    if ((await step.getAttribute('aria-expanded', WAIT)) !== 'true') await step.click(WAIT);
    await container.locator(`button.getting-started-step.expanded[data-step-id$="#${id}"]`).waitFor(WAIT);
    return { step, done: container.locator(`[role="checkbox"][data-done-step-id$="#${id}"]`) };
  }

  /** Waits until the step's checkbox is checked. */
  const isDone = (page, done) => done.and(page.locator('[aria-checked="true"]')).waitFor(WAIT);

  /** The shown step's media: markdown or an SVG, each in a webview of its own. */
  // The step's media page; while a step's media is replaced, the webview briefly holds a pending
  // frame beside the active one: only the active one is what the user sees.
  const media = (page) => page.frameLocator('.getting-started-media iframe.webview.ready').frameLocator('iframe#active-frame');

  /** Clicks a button of the step that is shown (a link of its description). */
  const clickStepButton = (step, name) => step.getByRole('button', { name, exact: true }).click(WAIT);

  it('opens with its five steps, none done yet', STEP, async () => {
    assert.ok(session);
    const { page } = session;
    await session.withFailureScreenshot('walkthrough-failure.png', async () => {
      const container = await walkthrough(page);
      const checkboxes = container.locator('[role="checkbox"][data-done-step-id]');
      await waitUntil(async () => ((await checkboxes.count()) === 5 ? true : undefined), { timeoutMs: UI_TIMEOUT, what: 'five step checkboxes' });
      assert.deepEqual(await checkboxes.evaluateAll((boxes) => boxes.map((b) => b.getAttribute('aria-checked'))), ['false', 'false', 'false', 'false', 'false']);
      const titles = await container.locator('button.getting-started-step .step-title').allInnerTexts();
      assert.deepEqual(titles, ['Create a connection file', 'Bind to the simulator', 'Send enquire_link', 'Decode a PDU', 'Write a request file']);
      // The first step's media: the connection file it writes.
      await media(page).getByText('"Local simulator"').first().waitFor(WAIT);
      await clearHovers(page);
      await screenshot(page, 'walkthrough-1-connection-file.png');
    });
  });

  it('creates the connection file from the first step', STEP, async () => {
    assert.ok(session);
    const { page, userDataDir, workspace } = session;
    await session.withFailureScreenshot('walkthrough-failure.png', async () => {
      const { step } = await showStep(page, 'connectionFile');
      await failOnExtensionError(userDataDir, clickStepButton(step, 'New Connection File'));
      const file = path.join(workspace, 'connections.smpp.json');
      await waitUntil(() => fs.existsSync(file) || undefined, { timeoutMs: UI_TIMEOUT, what: 'connections.smpp.json in the workspace' });
      assert.match(fs.readFileSync(file, 'utf8'), new RegExp(`"name": "${CONNECTION}"`));
      await page.getByRole('tab', { name: /^connections\.smpp\.json/ }).waitFor(WAIT);
      await isDone(page, (await showStep(page, 'connectionFile')).done);
    });
  });

  it('binds the simulator from the second step, asking for the password', STEP, async () => {
    assert.ok(session);
    const { page, userDataDir } = session;
    await session.withFailureScreenshot('walkthrough-failure.png', async () => {
      const { step, done } = await showStep(page, 'bind');
      await media(page).locator('svg text', { hasText: 'bound_trx' }).waitFor(WAIT);
      await clearHovers(page);
      await screenshot(page, 'walkthrough-2-bind.png');
      await failOnExtensionError(userDataDir, clickStepButton(step, 'Bind'));
      await pickQuickItem(page, CONNECTION);
      await typeIntoInputBox(page, `SMPP password for ${CONNECTION}`, 'test');
      await quickInputBox(page).press('Enter');
      await notification(page, new RegExp(`^${CONNECTION}: bound_trx`)).waitFor(WAIT);
      await isDone(page, done);
    });
  });

  it('sends enquire_link from the third step and shows the round trip', STEP, async () => {
    assert.ok(session);
    const { page, userDataDir } = session;
    await session.withFailureScreenshot('walkthrough-failure.png', async () => {
      const { step, done } = await showStep(page, 'enquireLink');
      await media(page).locator('svg text', { hasText: 'enquire_link_resp' }).first().waitFor(WAIT);
      await clearHovers(page);
      await screenshot(page, 'walkthrough-3-enquire-link.png');
      await failOnExtensionError(userDataDir, clickStepButton(step, 'Send enquire_link'));
      await pickQuickItem(page, CONNECTION);
      await notification(page, new RegExp(`^${CONNECTION}: enquire_link_resp in \\d+ ms`)).waitFor(WAIT);
      await isDone(page, done);
    });
  });

  it('opens the decoder from the fourth step', STEP, async () => {
    assert.ok(session);
    const { page, userDataDir } = session;
    await session.withFailureScreenshot('walkthrough-failure.png', async () => {
      const { step } = await showStep(page, 'decode');
      await media(page).getByText('0000003e 00000004').waitFor(WAIT);
      await clearHovers(page);
      await screenshot(page, 'walkthrough-4-decode.png');
      await failOnExtensionError(userDataDir, clickStepButton(step, 'Open PDU Decoder'));
      await page.getByRole('tab', { name: /Decoder/ }).waitFor(WAIT);
      await isDone(page, (await showStep(page, 'decode')).done);
    });
  });

  it('opens a request file editor from the fifth step, where a typed block sent completes the step', STEP, async () => {
    assert.ok(session);
    const { page, userDataDir } = session;
    await session.withFailureScreenshot('walkthrough-failure.png', async () => {
      const { step } = await showStep(page, 'requestFile');
      await media(page).getByText('expect receipt DELIVRD within 10s').waitFor(WAIT);
      await clearHovers(page);
      await screenshot(page, 'walkthrough-5-request-file.png');
      await failOnExtensionError(userDataDir, clickStepButton(step, 'New Request File'));
      await page.getByRole('tab', { name: /^Untitled-\d+/ }).waitFor(WAIT);
      await page.locator('.statusbar-item[id="status.editor.mode"]').filter({ hasText: 'SMPP Request' }).waitFor(WAIT);
      // A block typed into it gets its Send above it; "SMPP: Send Request" sends the block at the
      // cursor, which answers beside the file and completes the step. (A CodeLens runs its command
      // inside the extension host, where the walkthrough does not see it.)
      await page.locator('.monaco-editor .view-lines').first().click();
      for (const line of ['### Is the link up?', `connection: ${CONNECTION}`, 'pdu: enquire_link', 'expect status ESME_ROK']) {
        await page.keyboard.type(line);
        await page.keyboard.press('Escape');
        await page.keyboard.press('Enter');
      }
      await page.keyboard.press('ArrowUp');
      await page.locator('.codelens-decoration a', { hasText: /^Send$/ }).first().waitFor(WAIT);
      await failOnExtensionError(userDataDir, runCommand(page, 'SMPP: Send Request'));
      await page.getByRole('tab', { name: /Is the link up.*\.json/ }).waitFor(WAIT);
      await page.locator('.view-line', { hasText: '"statusName": "ESME_ROK"' }).first().waitFor(WAIT);
      assert.deepEqual(findExtensionErrors(userDataDir), []);
      await clearHovers(page);
      await screenshot(page, 'walkthrough-6-request-sent.png');
      await isDone(page, (await showStep(page, 'requestFile')).done);
    });
  });
});
