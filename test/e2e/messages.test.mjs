// End to end in a real VS Code (code-server 4.100.3 in headless Chromium, the packaged .vsix
// installed): bind a simulator connection, submit a text long enough for 3 parts through "SMPP:
// Submit Short Message" (which asks for a receipt), and read it in the decoder's Messages tab: one
// row, DELIVRD, 3/3, its text as sent; opened, its three parts with their receipts; a click on a
// part's PDU decodes it in the Decoder tab; a filter for another state hides the row. Pasted into
// the Decoder tab, parts of one message show reassembled, the missing and the duplicate named. Screenshots
// go to test-results/ (someone looks at them); a failed step saves the screen as it was.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { failOnExtensionError, findExtensionErrors, readOutputChannelLog, waitUntil } from '../harness/codeServer.mjs';
import { openE2eSession } from '../harness/e2eSession.mjs';
import {
  STEP,
  UI_TIMEOUT,
  WAIT,
  clearHovers,
  clearNotifications,
  clickInlineAction,
  decoderFrame,
  hidePanel,
  notification,
  pickQuickItem,
  runCommand,
  screenshot,
  showViewContainer,
  treeItem,
  typeIntoInputBox,
} from '../harness/workbench.mjs';

const CONNECTION = 'Local simulator';
const TO = '+447700900123';
// 359 GSM 7-bit characters: three parts of at most 153.
const TEXT = 'Hello from the e2e test of the Messages tab. '.repeat(8).trim();

// Parts 1 and 3 of 3 (UDH, 8-bit reference 7), part 3 twice: submit_sm seq 1, 3 and 4.
const PASTED_PARTS = [
  '00000049000000040000000000000001000101343437373030393030303031000101343437373030393030313233004000000000010000001005000307030150617274206f6e652e20',
  '0000004a0000000400000000000000030001013434373730303930303030310001013434373730303930303132330040000000000100000011050003070303506172742074687265652e',
  '0000004a0000000400000000000000040001013434373730303930303030310001013434373730303930303132330040000000000100000011050003070303506172742074687265652e',
].join('\n');

/** How many deliver_sm_resp the session sent: one per receipt answered. */
function receiptsAnswered(userDataDir) {
  const re = new RegExp(`^${CONNECTION} → deliver_sm_resp seq=`);
  return readOutputChannelLog(userDataDir).filter((e) => re.test(e.message)).length;
}

describe('the Messages tab in a real VS Code', { timeout: 20 * 60_000 }, () => {
  /** @type {Awaited<ReturnType<typeof openE2eSession>> | undefined} */
  let session;
  /** @type {import('playwright-core').Page} */
  let page;
  /** @type {string} */
  let userDataDir;

  function step(name, fn) {
    assert.ok(session);
    return session.withFailureScreenshot(`messages-${name}-failure.png`, fn);
  }

  before(async () => {
    session = await openE2eSession({
      name: 'messages',
      files: {
        'demo.smpp.json': { connections: [{ name: CONNECTION, simulator: { deliveryReceiptDelay: 1 }, system_id: 'test', password: 'test' }] },
      },
    });
    ({ page } = session);
    userDataDir = session.server.userDataDir;
  });

  after(() => session?.close());

  it('1. submits a 3-part text with a receipt through the Submit command', STEP, () =>
    step('1-submit', async () => {
      await failOnExtensionError(userDataDir, showViewContainer(page, 'SMPP'));
      const closed = treeItem(page, new RegExp(`^${CONNECTION} closed$`));
      await failOnExtensionError(userDataDir, closed.waitFor(WAIT));
      await clickInlineAction(closed, 'Bind');
      await treeItem(page, new RegExp(`^${CONNECTION} bound_trx$`)).waitFor(WAIT);
      await clearNotifications(page);

      await runCommand(page, 'SMPP: Submit Short Message');
      await pickQuickItem(page, CONNECTION);
      await typeIntoInputBox(page, /destination/, TO);
      await page.keyboard.press('Enter');
      const textBox = await typeIntoInputBox(page, /text to/, TEXT);
      await textBox.getByText(new RegExp(`${TEXT.length} chars · 3 parts · GSM-7`)).waitFor(WAIT);
      await page.keyboard.press('Enter');
      await notification(page, new RegExp(`^${CONNECTION}: submitted to \\${TO} .*message_id \\w+, \\w+, \\w+`)).waitFor(WAIT);
      // The simulator's three receipts, each answered.
      await waitUntil(() => receiptsAnswered(userDataDir) >= 3, { timeoutMs: UI_TIMEOUT, what: 'three receipts answered (deliver_sm_resp →) in the SMPP log' });
    }));

  it('2. the Messages tab shows one message, DELIVRD, 3/3, with its text; opened, its parts and receipts', STEP, () =>
    step('2-messages', async () => {
      await hidePanel(page);
      await runCommand(page, 'SMPP: Show Traffic');
      await pickQuickItem(page, CONNECTION);
      const frame = decoderFrame(page);
      await frame.locator('[data-testid="capture-row"][data-command="deliver_sm_resp"]').first().waitFor(WAIT);
      await frame.locator('[data-testid="tab-messages"]').click();

      const rows = frame.locator('[data-testid="message-row"]');
      await frame.locator('[data-testid="message-row"][data-state="DELIVRD"]').waitFor(WAIT);
      assert.equal(await rows.count(), 1);
      const row = rows.first();
      assert.equal(await row.getAttribute('data-parts'), '3/3');
      assert.equal(await row.getAttribute('data-kind'), 'mt');
      const cells = await row.locator('[role="gridcell"]').allInnerTexts();
      assert.match(cells[0], /DELIVRD/);
      assert.equal(cells[1], CONNECTION);
      // The Submit command sends no source address.
      assert.equal(cells[2], `MT — → ${TO.slice(1)}`);
      assert.equal(cells[3], '3/3');
      assert.ok(TEXT.startsWith(cells[4].replace(/…$/, '')), cells[4]);
      assert.match(cells[5], /^\w+ \+2$/);
      assert.match(cells[6], /^\d+(\.\d+)? (µs|ms|s)$/);
      assert.match(cells[7], /^\d+(\.\d+)? (ms|s)$/);
      // "Show Traffic" chose the connection.
      assert.equal(await frame.locator('[data-testid="messages-count"]').innerText(), '1 of 1 message');

      await row.click();
      const details = frame.locator('[data-testid="message-details"]');
      await details.waitFor(WAIT);
      assert.equal(await details.locator('[data-testid="message-text"]').innerText(), TEXT);
      const parts = details.locator('[data-testid="message-part"]');
      assert.equal(await parts.count(), 3);
      for (let i = 0; i < 3; i++) {
        const part = parts.nth(i);
        assert.equal(await part.getAttribute('data-part'), String(i + 1));
        assert.match(await part.innerText(), /submit_sm #\d+[\s\S]*submit_sm_resp[\s\S]*message_id \w+[\s\S]*DELIVRD[\s\S]*receipt DELIVRD/);
      }
      await clearHovers(page);
      await screenshot(page, 'messages-2-tab.png');

      // A part's submit opens in the Decoder tab.
      await parts.nth(1).locator('[data-testid="message-pdu"]').first().click();
      await frame.locator('[data-testid="decoder-source"]', { hasText: /from capture #\d+ → Local simulator/ }).waitFor(WAIT);
      assert.match(await frame.locator('[data-testid="pdu-summary"]').innerText(), /^submit_sm · seq \d+ · to 447700900123/);
      await frame.locator('[data-testid="field-row"][data-field="udh"], [data-testid="field-row"][data-field="short_message"]').first().waitFor(WAIT);
      await screenshot(page, 'messages-2-part-decoded.png');
    }));

  it('3. a filter for another state hides the message; its state or number shows it again', STEP, () =>
    step('3-filter', async () => {
      const frame = decoderFrame(page);
      await frame.locator('[data-testid="tab-messages"]').click();
      const filter = frame.locator('[data-testid="messages-filter"] input');
      await filter.fill('UNDELIV');
      await frame.locator('[data-testid="messages-empty"]').waitFor(WAIT);
      assert.equal(await frame.locator('[data-testid="message-row"]').count(), 0);
      await filter.fill('+4477009');
      await frame.locator('[data-testid="message-row"][data-state="DELIVRD"]').waitFor(WAIT);
      await filter.fill('delivrd');
      await frame.locator('[data-testid="message-row"][data-state="DELIVRD"]').waitFor(WAIT);
      assert.equal(await frame.locator('[data-testid="messages-count"]').innerText(), '1 of 1 message');
    }));

  it('4. pasted parts of one message show reassembled in the Decoder tab, the missing and the duplicate part named', STEP, () =>
    step('4-decoder-reassembly', async () => {
      const frame = decoderFrame(page);
      await frame.locator('[data-testid="tab-decoder"]').click();
      await frame.locator('[data-testid="clear-input"]').click();
      const input = frame.locator('[data-testid="hex-input"] textarea');
      await page.evaluate((text) => globalThis.navigator.clipboard.writeText(text), PASTED_PARTS);
      await input.click();
      await page.keyboard.press('Control+V');
      const message = frame.locator('[data-testid="reassembled-message"]');
      await message.waitFor(WAIT);
      assert.equal(await message.count(), 1);
      assert.equal(await message.getAttribute('data-missing'), '2');
      assert.equal(await message.getAttribute('data-duplicates'), '3');
      assert.equal(await message.locator('[data-testid="reassembled-text"]').innerText(), 'Part one. [part 2 missing]Part three.');
      assert.match(await message.innerText(), /2 of 3 parts · missing part 2 · duplicate part 3/);
      // A part's link shows its PDU.
      await message.locator('[data-testid="reassembly-part"]', { hasText: 'part 3 (again) = PDU 3' }).click();
      await frame.locator('[data-testid="pdu-summary"]', { hasText: /^submit_sm · seq 4 / }).waitFor(WAIT);
      await clearHovers(page);
      await screenshot(page, 'messages-4-decoder-reassembly.png');
    }));

  it('logged no error of the extension in the extension host', () => {
    assert.deepEqual(findExtensionErrors(userDataDir), []);
  });
});
