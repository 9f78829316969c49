// End to end, in a real VS Code (code-server 4.100.3 in headless Chromium, the packaged .vsix
// installed) at laptop size: a 1500 × 900 window with the side bar open. A submit_sm with a
// 14-digit destination and a 60-character text, pasted into the decoder, reads in full: the
// address and the text show whole (no cell scrolls or cuts them), every meaning too, Offset and
// Length are not clipped, the Field column shows one name (the spec name as its tooltip, and the
// field filter finds it), the bytes pane fits beside or under the fields, and hovering a row still
// lights its bytes. Dragging the Value column's edge widens it. Screenshots in Dark Modern, Dark
// High Contrast and Light High Contrast go to test-results/ (someone looks at them); a failed step
// saves the screen as it was.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { failOnExtensionError, findExtensionErrors } from '../harness/codeServer.mjs';
import { openE2eSession } from '../harness/e2eSession.mjs';
import { STEP, WAIT, clearHovers, decoderFrame, hidePanel, pickQuickItem, quickInputBox, runCommand, screenshot, showViewContainer } from '../harness/workbench.mjs';

const DESTINATION = '44770090012345';
const TEXT = 'Your verification code is 482913. It expires in ten minutes.';

/** A C-octet string's bytes. */
const cstring = (s) => [...Buffer.from(s, 'latin1'), 0];

/** submit_sm (SMPP 3.4, 4.4.1) seq 42 from 447700900001 to DESTINATION (both TON 1, NPI 1), TEXT in data_coding 0, a receipt asked for. */
function submitSm() {
  const body = [
    ...cstring(''), // service_type
    1, 1, ...cstring('447700900001'),
    1, 1, ...cstring(DESTINATION),
    0, 0, 0, // esm_class, protocol_id, priority_flag
    ...cstring(''), ...cstring(''), // schedule_delivery_time, validity_period
    1, 0, 0, 0, // registered_delivery, replace_if_present_flag, data_coding, sm_default_msg_id
    TEXT.length, ...Buffer.from(TEXT, 'latin1'),
  ];
  const header = Buffer.alloc(16);
  header.writeUInt32BE(16 + body.length, 0);
  header.writeUInt32BE(0x00000004, 4);
  header.writeUInt32BE(0, 8);
  header.writeUInt32BE(42, 12);
  return Buffer.concat([header, Buffer.from(body)]).toString('hex');
}

/** The themes to look at: their settings id, their name in the picker, and the kind the webview's body says it is. */
const THEMES = [
  { id: 'Default Dark Modern', label: 'Dark Modern', kind: 'vscode-dark', file: 'dark-modern' },
  { id: 'Default High Contrast', label: 'Dark High Contrast', kind: 'vscode-high-contrast', file: 'dark-high-contrast' },
  { id: 'Default High Contrast Light', label: 'Light High Contrast', kind: 'vscode-high-contrast-light', file: 'light-high-contrast' },
];

describe('the decoder at laptop width in a real VS Code', { timeout: 20 * 60_000 }, () => {
  /** @type {Awaited<ReturnType<typeof openE2eSession>> | undefined} */
  let session;
  /** @type {import('playwright-core').Page} */
  let page;

  function step(name, fn) {
    assert.ok(session);
    return session.withFailureScreenshot(`decoderLayout-${name}-failure.png`, fn);
  }

  /** Picks a colour theme with "Preferences: Color Theme", as a user does, and waits for the decoder to take it. */
  async function setTheme(theme) {
    await runCommand(page, 'Preferences: Color Theme');
    await quickInputBox(page).fill(theme.label);
    await pickQuickItem(page, theme.label);
    await decoderFrame(page).locator(`body[data-vscode-theme-kind="${theme.kind}"]`).waitFor(WAIT);
  }

  before(async () => {
    session = await openE2eSession({
      name: 'decoderLayout',
      viewport: { width: 1500, height: 900 },
      settings: { 'workbench.colorTheme': THEMES[0].id },
    });
    ({ page } = session);
  });

  after(() => session?.close());

  it('1. a submit_sm pasted at 1500 px with the side bar open reads in full', STEP, () =>
    step('1-read', async () => {
      // The side bar open on the SMPP view; its title bar's decoder button says the extension is up.
      await showViewContainer(page, 'SMPP');
      await failOnExtensionError(session.userDataDir, page.locator('.part.sidebar').getByRole('button', { name: 'Open PDU Decoder' }).waitFor(WAIT));
      await hidePanel(page);
      await runCommand(page, 'SMPP: Open PDU Decoder');
      const frame = decoderFrame(page);
      const input = frame.locator('[data-testid="hex-input"] textarea');
      await input.waitFor(WAIT);
      await page.evaluate((text) => globalThis.navigator.clipboard.writeText(text), submitSm());
      await input.click();
      await page.keyboard.press('Control+V');

      const row = (name) => frame.locator(`[data-testid="field-row"][data-field="${name}"]`);
      const destination = row('destination_addr');
      await destination.waitFor(WAIT);
      assert.equal(await frame.locator('[data-testid="problem-row"]').count(), 0);

      // The address and the text, whole, in their value cells.
      assert.equal(await destination.locator('.value').innerText(), `"${DESTINATION}"`);
      assert.equal(await row('text').locator('.value').innerText(), JSON.stringify(TEXT));

      // No cell of the table hides part of what it holds: not a value, not a meaning, not a name,
      // not an offset or length (their header cells included), and the table does not scroll sideways.
      const clipped = await frame.locator('[data-testid="field-table"]').evaluate((table) => {
        const out = [];
        for (const cell of table.querySelectorAll('.frow > .c')) {
          const r = cell.getBoundingClientRect();
          const t = table.getBoundingClientRect();
          const field = cell.closest('[data-field]')?.getAttribute('data-field') ?? 'header';
          if (cell.scrollWidth > cell.clientWidth + 1) out.push(`${field} ${cell.className}: scrolls (${cell.scrollWidth} > ${cell.clientWidth})`);
          if (r.right > t.right + 1 || r.left < t.left - 1) out.push(`${field} ${cell.className}: outside the table`);
          if (globalThis.getComputedStyle(cell).textOverflow === 'ellipsis') out.push(`${field} ${cell.className}: ellipsis`);
        }
        if (table.scrollWidth > table.clientWidth + 1) out.push(`the table scrolls sideways (${table.scrollWidth} > ${table.clientWidth})`);
        return out;
      });
      assert.deepEqual(clipped, []);
      const header = frame.locator('.frow.head');
      assert.deepEqual(await header.locator('[role="columnheader"]').allInnerTexts(), ['Field', 'Value', 'Meaning', 'Offset', 'Length']);
      // destination_addr: octets 34..48 (after 16 + 1 + 2 + 13 + 2), 15 of them (14 digits and the NUL).
      assert.equal(await destination.locator('.offset').innerText(), '34');
      assert.equal(await destination.locator('.length').innerText(), '15');

      // One name in the Field column, the friendly one; the spec's spelling is its tooltip.
      const name = destination.locator('.name');
      assert.equal((await name.innerText()).trim(), 'Destination address');
      assert.equal(await name.getAttribute('title'), 'destination_addr');

      // The bytes pane fits the window (8 bytes a line beside the fields, or under them), nothing of it cut.
      const layout = await frame.locator('[data-testid="decoder-panes"]').getAttribute('data-layout');
      assert.match(layout ?? '', /^(beside-8|beside-16|stacked)$/);
      const hex = frame.locator('.hex-pane');
      assert.ok(await hex.evaluate((el) => el.scrollWidth <= el.clientWidth + 1), 'the bytes pane shows its lines whole');

      // Hovering the row still lights its bytes, and only them.
      await destination.hover();
      await frame.locator('[data-testid="hex-view"] [data-offset="48"].hl').waitFor(WAIT);
      const lit = await frame.locator('[data-testid="hex-view"] [data-offset].hl').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-offset'))));
      assert.deepEqual(lit, Array.from({ length: 15 }, (_, i) => 34 + i));
      await clearHovers(page);
      await screenshot(page, `decoderLayout-1-${THEMES[0].file}.png`);
      assert.deepEqual(findExtensionErrors(session.userDataDir), []);
    }));

  it('2. the field filter finds a field by its spec name', STEP, () =>
    step('2-filter', async () => {
      const frame = decoderFrame(page);
      const filter = frame.locator('[data-testid="field-filter"] input');
      await filter.fill('destination_addr');
      await frame.locator('[data-testid="field-filter-count"]', { hasText: /^1 field$/ }).waitFor(WAIT);
      const fields = await frame.locator('[data-testid="field-row"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-field')));
      assert.ok(fields.includes('destination_addr'), fields.join(' '));
      assert.ok(!fields.includes('source_addr') && !fields.includes('text'), fields.join(' '));
      await filter.fill('');
      await frame.locator('[data-testid="field-row"][data-field="text"]').waitFor(WAIT);
    }));

  it('3. dragging the Value column’s edge widens it', STEP, () =>
    step('3-resize', async () => {
      const frame = decoderFrame(page);
      const value = frame.locator('[data-testid="field-row"][data-field="destination_addr"] .value');
      const before = await value.boundingBox();
      const grip = frame.locator('[data-testid="resize-value"]');
      const box = await grip.boundingBox();
      assert.ok(before && box);
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await page.mouse.down();
      await page.mouse.move(box.x + box.width / 2 + 60, box.y + box.height / 2, { steps: 6 });
      await page.mouse.up();
      const after = await value.boundingBox();
      assert.ok(after);
      assert.ok(Math.abs(after.width - before.width - 60) <= 2, `the Value column went from ${before.width} to ${after.width} px`);
      // A double click on the edge gives the fitted widths back.
      await grip.dblclick();
      await frame.locator('[data-testid="field-row"][data-field="destination_addr"] .value').evaluate((el, w) => {
        if (Math.abs(el.getBoundingClientRect().width - w) > 2) throw new Error(`the Value column is ${el.getBoundingClientRect().width} px, not ${w}`);
      }, before.width);
    }));

  for (const [i, theme] of THEMES.slice(1).entries()) {
    it(`${4 + i}. reads in ${theme.label}`, STEP, () =>
      step(`${4 + i}-${theme.file}`, async () => {
        await setTheme(theme);
        const frame = decoderFrame(page);
        // The row picked, as a user reading it would: its bytes lit in the pane.
        await frame.locator('[data-testid="field-row"][data-field="text"]').click();
        await frame.locator('[data-testid="hex-view"] [data-offset].hl').first().waitFor(WAIT);
        await clearHovers(page);
        await screenshot(page, `decoderLayout-${4 + i}-${theme.file}.png`);
      }));
  }
});
