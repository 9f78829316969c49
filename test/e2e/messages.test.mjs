// End to end in a real VS Code (code-server 4.100.3 in headless Chromium, the packaged .vsix
// installed): bind a simulator connection, submit a text long enough for 3 parts through "SMPP:
// Submit Short Message" (which asks for a receipt), and read it in the decoder's Messages tab: one
// row, DELIVRD, 3/3, its text as sent; opened, its three parts with their receipts; a click on a
// part's PDU decodes it in the Decoder tab; a filter for another state hides the row. Pasted into
// the Decoder tab, parts of one message show reassembled, the missing and the duplicate named. The
// workspace's "Local simulator" is the example's (messages to +15550000002 end UNDELIV with
// err:001), with a profile giving hex message ids and a vendor TLV in its file: a submit to that
// number with the vendor TLV is an UNDELIV row, err 001, the TLV by name in its details, in the
// capture row's tooltip and in the Decoder tab; a pasted PDU is read with every file's vendor TLVs,
// and an edit of a file renames its TLV in the open decoder. Screenshots go to test-results/
// (someone looks at them); a failed step saves the screen as it was.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { REPO_ROOT, failOnExtensionError, findExtensionErrors, readOutputChannelLog, waitUntil } from '../harness/codeServer.mjs';
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
// The example's Local simulator ends messages to this number UNDELIV with err:001.
const UNDELIV_TO = '+15550000002';
const EXAMPLE = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'examples', 'demo.smpp.json'), 'utf8'));
const LOCAL = EXAMPLE.connections.find((c) => c.name === CONNECTION);
const OPERATOR = { tag: '0x1400', name: 'operator_id', type: 'int1', values: { 1: 'vodafone', 2: 'orange' }, description: 'Operator' };
// Another file: its 0x1400 clashes with demo.smpp.json's (the first in name order wins), its 0x1500 is its own.
const otherFile = (routeName) => ({
  tlvs: [
    { tag: '0x1400', name: 'other_operator', type: 'int2' },
    { tag: '0x1500', name: routeName, type: 'string' },
  ],
  connections: [{ name: 'Other SMSC', simulator: {} }],
});
// submit_sm seq 9 with 0x1400 = 01 and 0x1500 = "R7".
const PASTED_TLVS = '0000004f000000040000000000000009000101343437373030393030303031000101343437373030393030313233000000000000000000000b56656e646f7220544c56731400000101150000025237';
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
        'demo.smpp.json': { tlvs: [OPERATOR], connections: [{ ...LOCAL, profile: { messageIdFormat: 'hex' } }] },
        'other.smpp.json': otherFile('route_code'),
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
      // The file declares a vendor TLV, so Submit asks for optional TLVs: none.
      await typeIntoInputBox(page, /TLVs \(optional\)/, '');
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

  it('5. a submit to +15550000002 with a vendor TLV ends UNDELIV, err 001; the TLV shows by name in the message, the capture and the decoder', STEP, () =>
    step('5-undeliv', async () => {
      await clearNotifications(page);
      await runCommand(page, 'SMPP: Submit Short Message');
      await pickQuickItem(page, CONNECTION);
      await typeIntoInputBox(page, /destination/, UNDELIV_TO);
      await page.keyboard.press('Enter');
      await typeIntoInputBox(page, /text to/, 'This one ends UNDELIV');
      await page.keyboard.press('Enter');
      await typeIntoInputBox(page, /TLVs \(optional\)/, 'operator_id=vodafone');
      await page.keyboard.press('Enter');
      await notification(page, new RegExp(`^${CONNECTION}: submitted to \\${UNDELIV_TO} `)).waitFor(WAIT);
      await waitUntil(() => receiptsAnswered(userDataDir) >= 4, { timeoutMs: UI_TIMEOUT, what: 'the fourth receipt answered (deliver_sm_resp →) in the SMPP log' });

      const frame = decoderFrame(page);
      await frame.locator('[data-testid="tab-messages"]').click();
      await frame.locator('[data-testid="messages-filter"] input').fill('');
      const row = frame.locator('[data-testid="message-row"][data-state="UNDELIV"]');
      await row.waitFor(WAIT);
      assert.equal(await frame.locator('[data-testid="message-row"]').count(), 2);
      const cells = await row.locator('[role="gridcell"]').allInnerTexts();
      assert.match(cells[0], /UNDELIV/);
      assert.equal(cells[2], `MT — → ${UNDELIV_TO.slice(1)}`);
      // The connection's profile gives hex ids: the Receipt ids select starts there and says so.
      const idFormat = frame.locator('[data-testid="messages-id-format"]');
      assert.equal(await idFormat.evaluate((el) => el.value), 'hex');
      assert.equal(await idFormat.locator('vscode-option[value="hex"]').textContent(), 'hex in submit_sm_resp (profile)');
      assert.match(await idFormat.getAttribute('title'), /From Local simulator's profile \(messageIdFormat hex\); a choice here wins/);

      await row.click();
      const details = frame.locator(`[data-testid="message-details"][data-key="${await row.getAttribute('data-key')}"]`);
      await details.waitFor(WAIT);
      const part = details.locator('[data-testid="message-part"]');
      assert.equal(await part.count(), 1);
      assert.match(await part.innerText(), /submit_sm #\d+[\s\S]*operator_id=1 \(vodafone\)[\s\S]*UNDELIV[\s\S]*receipt UNDELIV err 001/);
      await clearHovers(page);
      await screenshot(page, 'messages-5-undeliv.png');

      // Its submit opens in the Decoder tab, read with the connection file's vendor TLVs.
      await part.locator('[data-testid="message-pdu"]').first().click();
      await frame.locator('[data-testid="decoder-source"]', { hasText: new RegExp(`from capture #\\d+ → ${CONNECTION}`) }).waitFor(WAIT);
      const tlv = frame.locator('[data-testid="field-row"][data-field="operator_id"]');
      await tlv.waitFor(WAIT);
      assert.match(await tlv.innerText(), /Operator \(vendor TLV 0x1400\)[\s\S]*1 \(vodafone\)/);
      assert.equal(await frame.locator('[data-testid="decoder-tlvs"]').innerText(), 'vendor TLVs: demo.smpp.json');
      // Picked, its row scrolls into view and its bytes light up.
      await tlv.click();
      await clearHovers(page);
      await screenshot(page, 'messages-5-vendor-tlv-decoded.png');

      // In the Capture tab the row's tooltip names the TLV, and the filter finds it by its value name.
      await frame.locator('[data-testid="tab-capture"]').click();
      const filter = frame.locator('[data-testid="capture-filter"] input');
      await filter.fill('vodafone');
      await frame.locator('[data-testid="capture-count"]', { hasText: /^1 of \d+ PDUs$/ }).waitFor(WAIT);
      const captured = frame.locator('[data-testid="capture-row"][data-command="submit_sm"]:visible');
      assert.equal(await captured.count(), 1);
      await clearHovers(page);
      await screenshot(page, 'messages-5-capture-filtered.png');
      assert.match(await captured.first().getAttribute('title'), /^submit_sm · seq \d+ · to 15550000002 · "This one ends UNDELIV" · operator_id=1 \(vodafone\)$/);
      await filter.fill('');
    }));

  it('6. a pasted PDU is read with every file’s vendor TLVs, the first file winning a clash; an edited file renames its TLV', STEP, () =>
    step('6-pasted-tlvs', async () => {
      const frame = decoderFrame(page);
      await frame.locator('[data-testid="tab-decoder"]').click();
      await frame.locator('[data-testid="clear-input"]').click();
      const input = frame.locator('[data-testid="hex-input"] textarea');
      await page.evaluate((text) => globalThis.navigator.clipboard.writeText(text), PASTED_TLVS);
      await input.click();
      await page.keyboard.press('Control+V');
      const operator = frame.locator('[data-testid="field-row"][data-field="operator_id"]');
      await operator.waitFor(WAIT);
      assert.match(await operator.innerText(), /1 \(vodafone\)/);
      assert.equal(await frame.locator('[data-testid="field-row"][data-field="other_operator"]').count(), 0);
      assert.match(await frame.locator('[data-testid="field-row"][data-field="route_code"]').innerText(), /R7/);
      const label = frame.locator('[data-testid="decoder-tlvs"]');
      assert.equal(await label.innerText(), 'vendor TLVs: demo.smpp.json, other.smpp.json');
      assert.match(await label.getAttribute('title'), /the first file in name order wins/);
      await operator.click();
      await clearHovers(page);
      await screenshot(page, 'messages-6-pasted-tlvs.png');

      // Edited on disk, the file's TLV takes its new name in the open decoder.
      fs.writeFileSync(path.join(session.workspace, 'other.smpp.json'), `${JSON.stringify(otherFile('routing_code'), null, 2)}\n`);
      const renamed = frame.locator('[data-testid="field-row"][data-field="routing_code"]');
      await renamed.waitFor(WAIT);
      await renamed.click();
      await clearHovers(page);
      assert.equal(await frame.locator('[data-testid="field-row"][data-field="route_code"]').count(), 0);
      await screenshot(page, 'messages-6-file-edited.png');
    }));

  it('logged no error of the extension in the extension host', () => {
    assert.deepEqual(findExtensionErrors(userDataDir), []);
  });
});
