// End to end, request files in a real VS Code (code-server 4.100.3 in headless Chromium, the
// packaged .vsix installed), on a fresh copy of the examples workspace: examples/requests.smpp
// shows its blocks' CodeLens; Send on its submit_sm binds the connection first and shows the
// result beside the file; Send on the query_sm after it asks the SMSC about that very message
// (`${last.message_id}`) and shows its answer; the SMPP log (and so the capture) has both pairs.
// The editor completes field names and marks an unknown one. Above a connection of
// demo.smpp.json, the CodeLens runs enquire_link on it. Each step saves a screenshot under
// test-results/ (someone looks at them).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { failOnExtensionError, findExtensionErrors, readOutputChannelLog, waitUntil } from '../harness/codeServer.mjs';
import { exampleFiles, openE2eSession } from '../harness/e2eSession.mjs';
import { STEP, UI_TIMEOUT, WAIT, clearHovers, clearNotifications, notification, screenshot, showViewContainer } from '../harness/workbench.mjs';

const CONNECTION = 'Local simulator';
const FILE = 'requests.smpp';
const CONNECTION_FILE = 'demo.smpp.json';
/** The blocks of examples/requests.smpp that are sent, by their titles. */
const SUBMIT_BLOCK = 'A text with a delivery receipt';
const QUERY_BLOCK = 'Where is that message?';


/** The tab of a block's result document: the file and the block's title (`?` written `_`). */
function resultTab(title) {
  return new RegExp(`^${FILE.replace(/\./g, '\\.')} · ${title.replace(/[?]/g, '_')}\\.json`);
}

const REQUEST_TAB = /^requests\.smpp(,|$)/;

/** The CodeLens links of the editor showing `file`, by their text. */
function lens(page, text) {
  return page.locator('.codelens-decoration a', { hasText: new RegExp(`^${text}$`) });
}

/** The editor group whose active tab is `tabLabel`. */
function editorGroup(page, tabLabel) {
  return page.locator('.editor-group-container', { has: page.getByRole('tab', { name: tabLabel, selected: true }) });
}

/** The text of the editor whose active tab is `tabLabel` (the lines it shows). */
async function editorText(page, tabLabel) {
  return (await editorGroup(page, tabLabel).locator('.view-lines').innerText()).replace(/\u00a0/g, ' ');
}

/** Text as the editor draws it: spaces may be no-break spaces. */
function drawn(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '[\\s\\u00a0]');
}

/**
 * A CodeLens link (`text`) of the block titled `title` in the request file's editor: the lenses
 * drawn just above its `###` line (the editor draws only what is in view, so lenses are found by
 * where they are, not by their order).
 */
async function blockLens(page, title, text) {
  const group = editorGroup(page, REQUEST_TAB);
  const line = group.locator('.view-line', { hasText: new RegExp(`^###${drawn(` ${title}`)}$`) });
  const decorations = group.locator('.codelens-decoration');
  return waitUntil(
    async () => {
      const lineBox = await line.boundingBox().catch(() => null);
      if (!lineBox) return undefined;
      for (let i = 0; i < (await decorations.count()); i++) {
        const box = await decorations.nth(i).boundingBox();
        if (box && box.y < lineBox.y && lineBox.y - (box.y + box.height) < lineBox.height) return decorations.nth(i).locator('a', { hasText: new RegExp(`^${drawn(text)}$`) });
      }
      return undefined;
    },
    { timeoutMs: UI_TIMEOUT, what: `the CodeLens above "### ${title}"` },
  );
}

/** Opens a workspace file from the Explorer. */
async function openFile(page, name) {
  await showViewContainer(page, 'Explorer');
  await page.getByRole('treeitem', { name, exact: true }).click(WAIT);
  await page.getByRole('tab', { name: new RegExp(`^${name.replace(/\./g, '\\.')}(,|$)`), selected: true }).waitFor(WAIT);
}

/** Shows the request file again, by its tab. */
async function showRequestFile(page) {
  await page.getByRole('tab', { name: REQUEST_TAB }).click(WAIT);
  await editorGroup(page, REQUEST_TAB).waitFor(WAIT);
}

/** The SMPP log's PDU lines of the connection: `Local simulator → query_sm seq=4`. */
function loggedPdus(userDataDir) {
  const re = new RegExp(`^${CONNECTION} ([→←]) (\\w+) seq=(\\d+)(?: (\\w+))?`);
  return readOutputChannelLog(userDataDir)
    .map((e) => re.exec(e.message))
    .filter((m) => m !== null)
    .map((m) => ({ direction: m[1] === '→' ? 'out' : 'in', command: m[2], seq: Number(m[3]), status: m[4] }));
}

describe('request files in a real VS Code', { timeout: 20 * 60_000 }, () => {
  /** @type {Awaited<ReturnType<typeof openE2eSession>> | undefined} */
  let session;

  before(async () => {
    session = await openE2eSession({
      name: 'requests',
      files: exampleFiles(),
      viewport: { width: 1600, height: 1000 },
      // Suggestions only when asked (Ctrl+Space), so that typed text is never taken for one.
      settings: { 'editor.minimap.enabled': false, 'workbench.editor.enablePreview': false, 'editor.quickSuggestions': { other: false, comments: false, strings: false }, 'editor.suggestOnTriggerCharacters': false },
    });
  });

  after(() => session?.close());

  function step(name, fn) {
    assert.ok(session);
    return session.withFailureScreenshot(`requests-${name}-failure.png`, fn);
  }

  it('1. a request file shows Send, Send ×N and Copy as code above each block', STEP, () =>
    step('1-lenses', async () => {
      const { page, userDataDir } = session;
      // The workspace's connection file activates the extension; the status bar counts its connection.
      await failOnExtensionError(userDataDir, page.locator('.statusbar').getByText(/SMPP 0\/\d+/).waitFor(WAIT));
      await openFile(page, FILE);
      // Above a block: Send, Send ×N… and Copy as code.
      await failOnExtensionError(userDataDir, blockLens(page, 'Keepalive', 'Send').then((l) => l.waitFor(WAIT)));
      for (const title of ['Keepalive', SUBMIT_BLOCK, QUERY_BLOCK]) {
        for (const text of ['Send', 'Send ×N…', 'Copy as code']) await (await blockLens(page, title, text)).waitFor(WAIT);
      }
      // The status bar names the language.
      await page.locator('.statusbar-item', { hasText: /^SMPP Request$/ }).waitFor(WAIT);
      await screenshot(page, 'requests-1-lenses.png');
    }));

  it('2. Send on the submit_sm binds the connection and shows the response and the receipt beside the file', STEP, () =>
    step('2-submit', async () => {
      const { page, userDataDir } = session;
      await (await blockLens(page, SUBMIT_BLOCK, 'Send')).click(WAIT);
      const tab = resultTab(SUBMIT_BLOCK);
      await failOnExtensionError(userDataDir, page.getByRole('tab', { name: tab }).waitFor(WAIT));
      const text = await waitUntil(
        async () => {
          const t = await editorText(page, tab).catch(() => '');
          return t.includes('"passed"') ? t : undefined;
        },
        { timeoutMs: UI_TIMEOUT, what: 'the submit_sm result beside the request file' },
      );
      assert.match(text, /"connection": "Local simulator"/);
      assert.match(text, /"passed": true/);
      assert.match(text, /"expect": "status ESME_ROK",\s*"line": \d+,\s*"passed": true/);
      assert.match(text, /"expect": "receipt DELIVRD within 10s",\s*"line": \d+,\s*"passed": true/);
      assert.match(text, /"command": "submit_sm_resp"/);
      assert.match(text, /"statusName": "ESME_ROK"/);
      await page.locator('.statusbar').getByText(/SMPP 1\/\d+/).waitFor(WAIT);
      // The send's progress closes once it is done.
      await notification(page, /^SMPP: sending submit_sm via Local simulator/).waitFor({ state: 'hidden', ...WAIT });
      await clearHovers(page);
      await screenshot(page, 'requests-2-submit.png');
    }));

  it('3. Send on the query_sm asks about that message and shows the answer; both pairs are in the SMPP log', STEP, () =>
    step('3-query', async () => {
      const { page, userDataDir } = session;
      await clearNotifications(page);
      // Back to the request file, then its second block's Send.
      await showRequestFile(page);
      await (await blockLens(page, QUERY_BLOCK, 'Send')).click(WAIT);
      const tab = resultTab(QUERY_BLOCK);
      await page.getByRole('tab', { name: tab }).waitFor(WAIT);
      const text = await waitUntil(
        async () => {
          const t = await editorText(page, tab).catch(() => '');
          return t.includes('"passed"') ? t : undefined;
        },
        { timeoutMs: UI_TIMEOUT, what: 'the query_sm result beside the request file' },
      );
      assert.match(text, /"passed": true/);
      assert.match(text, /"command": "query_sm_resp"/);
      assert.match(text, /"statusName": "ESME_ROK"/);
      assert.match(text, /"message_state": 2/);
      assert.match(text, /"expect": "status ESME_ROK",\s*"line": \d+,\s*"passed": true/);

      // The query names the message the submit got: the same message_id in both results' PDUs, as logged.
      const pdus = loggedPdus(userDataDir);
      const submitResp = pdus.find((p) => p.command === 'submit_sm_resp');
      const query = pdus.find((p) => p.direction === 'out' && p.command === 'query_sm');
      const queryResp = query && pdus.find((p) => p.command === 'query_sm_resp' && p.seq === query.seq);
      assert.ok(submitResp && submitResp.status === 'ESME_ROK', JSON.stringify(pdus));
      assert.ok(queryResp && queryResp.status === 'ESME_ROK', JSON.stringify(pdus));
      assert.deepEqual(findExtensionErrors(userDataDir), []);
      await notification(page, /^SMPP: sending query_sm via Local simulator/).waitFor({ state: 'hidden', ...WAIT });
      await clearHovers(page);
      await screenshot(page, 'requests-3-query.png');
    }));

  it('4. the editor completes a field name of the block\'s PDU and marks a name the PDU does not have', STEP, () =>
    step('4-language', async () => {
      const { page } = session;
      await showRequestFile(page);
      // A new block at the end of the file: a submit_sm whose field names are typed.
      await editorGroup(page, REQUEST_TAB).locator('.view-lines').click(WAIT);
      await page.keyboard.press('Control+End');
      await page.keyboard.type('\n### typed by hand\npdu: submit_sm\ndest_addr_t');
      await page.keyboard.press('Control+Space');
      const suggest = page.locator('.suggest-widget');
      await suggest.getByRole('option', { name: /^dest_addr_ton\b/ }).first().waitFor(WAIT);
      await screenshot(page, 'requests-4-completion.png');
      await page.keyboard.press('Escape');
      await page.keyboard.type('on: international\ndestination_adr: 447700900123');
      // The name submit_sm does not have is marked (a squiggle), and Alt+F8 (the file's next problem) says why.
      await editorGroup(page, REQUEST_TAB).locator('.squiggly-error').first().waitFor(WAIT);
      // Typing may have left the editor's own suggestions open, which take the key: closed first,
      // and Alt+F8 pressed again if the problem's widget has not opened (3 tries).
      const marker = page.locator('.marker-widget').filter({ hasText: /destination_adr/ }).first();
      for (let attempt = 1; ; attempt++) {
        if (await page.locator('.suggest-widget.visible').isVisible()) await page.keyboard.press('Escape');
        await page.keyboard.press('Alt+F8');
        try {
          await marker.waitFor({ timeout: 10_000 });
          break;
        } catch (err) {
          if (attempt === 3) throw err;
        }
      }
      await screenshot(page, 'requests-4-diagnostic.png');
      await page.keyboard.press('Escape');
    }));

  it('5. above a connection of the .smpp.json, the CodeLens shows its state and sends enquire_link', STEP, () =>
    step('5-connection-lens', async () => {
      const { page, userDataDir } = session;
      await clearNotifications(page);
      await openFile(page, CONNECTION_FILE);
      await failOnExtensionError(userDataDir, lens(page, 'bound_trx · Unbind').waitFor(WAIT));
      // Local simulator is the file's first connection.
      for (const name of ['Submit', 'Decoder']) await lens(page, name).first().waitFor(WAIT);
      await lens(page, 'enquire_link').first().click(WAIT);
      await notification(page, new RegExp(`^${CONNECTION}: enquire_link_resp in \\d+ ms`)).waitFor(WAIT);
      await clearHovers(page);
      await screenshot(page, 'requests-5-connection-lens.png');
    }));
});
