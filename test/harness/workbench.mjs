// Driving VS Code's workbench (code-server in headless Chromium) the way a user does: the command
// palette, quick picks, input boxes, tree rows and their inline actions, notifications, the editor,
// and the decoder webview. ARIA roles and labels first; CSS classes only where VS Code gives no
// role (the quick input box, editor lines, hovers). Every wait is on a condition, never a sleep.
import fs from 'node:fs';
import path from 'node:path';
import { URLSearchParams } from 'node:url';
import { REPO_ROOT } from './codeServer.mjs';

export const RESULTS_DIR = path.join(REPO_ROOT, 'test-results');
/** How long a step of the UI may take on a slow 2-core machine. */
export const UI_TIMEOUT = 60_000;
/** Playwright's wait options for one UI step. */
export const WAIT = { timeout: UI_TIMEOUT };
/** node:test options for one end-to-end step (several UI steps, perhaps a load test). */
export const STEP = { timeout: 5 * 60_000 };

/**
 * Opens `folder` in a new browser context (its own clipboard permissions) and waits for the
 * workbench.
 * @param {import('playwright-core').Browser} browser
 * @param {{ url: string }} server
 * @param {string} folder
 * @returns {Promise<import('playwright-core').Page>}
 */
export async function openWorkbench(browser, server, folder, { width = 1600, height = 900 } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, permissions: ['clipboard-read', 'clipboard-write'] });
  const page = await context.newPage();
  await page.goto(`${server.url}?${new URLSearchParams({ folder })}`);
  await page.locator('.monaco-workbench').waitFor(WAIT);
  return page;
}

/**
 * Shows a view container of the activity bar ("SMPP", "Explorer", ...) in the side bar. A click on
 * the one already shown would hide the side bar, so that one is left alone.
 */
export async function showViewContainer(page, name) {
  const tab = page.getByRole('tab', { name: new RegExp(`^${escapeRegExp(name)}\\b`) }).first();
  await tab.waitFor(WAIT);
  if ((await tab.getAttribute('aria-selected')) !== 'true' || !(await page.locator('.part.sidebar').isVisible())) await tab.click(WAIT);
  await page.locator('.part.sidebar').waitFor(WAIT);
}

/** Hides the panel (Output, Terminal...) when it shows. */
export async function hidePanel(page) {
  const panel = page.locator('.part.panel');
  if (await panel.isVisible()) {
    await runCommand(page, 'View: Toggle Panel Visibility');
    await panel.waitFor({ state: 'hidden', ...WAIT });
  }
}

/** Drags the side bar's edge so that it is `width` pixels wide (the rows' descriptions fit). */
export async function setSideBarWidth(page, width) {
  const bar = await page.locator('.part.sidebar').boundingBox();
  if (!bar) throw new Error('the side bar is not shown');
  const edge = bar.x + bar.width;
  const y = bar.y + bar.height / 2;
  await page.mouse.move(edge - 1, y);
  await page.mouse.down();
  await page.mouse.move(bar.x + width - 1, y, { steps: 10 });
  await page.mouse.up();
}

/** The quick input (command palette, quick picks, input boxes, the simple file dialog). */
export function quickInput(page) {
  return page.locator('.quick-input-widget');
}

/** The text box of the quick input. */
export function quickInputBox(page) {
  return quickInput(page).locator('.quick-input-box input');
}

/**
 * Opens the quick input with `keys`, types `text`, and clicks the item `item` (a regular
 * expression on its accessible name).
 *
 * Right after a click in a webview, VS Code moves focus to the webview asynchronously; a quick
 * input opened in between loses focus and closes by itself (VS Code's own race, not the
 * extension's). So when it closes before the item could be picked, it is opened again (3 tries).
 */
async function quickInputPick(page, keys, text, item) {
  const option = page.getByRole('option', { name: item });
  for (let attempt = 1; ; attempt++) {
    await closeQuickInput(page);
    await page.keyboard.press(keys);
    const box = quickInputBox(page);
    try {
      await box.waitFor({ timeout: 10_000 });
      await box.fill(text, { timeout: 10_000 });
      await option.click({ timeout: 10_000 });
      return;
    } catch (err) {
      if (attempt === 3 || (await box.isVisible())) throw err;
    }
  }
}

/** Opens the command palette and runs the command with this title ("SMPP: Send enquire_link"). */
export async function runCommand(page, title) {
  // A recently used command reads "<title>, recently used".
  await quickInputPick(page, 'Control+Shift+P', `>${title}`, new RegExp(`^${escapeRegExp(title)}(,|$)`));
}

/** Opens a workspace file with Quick Open (Ctrl+P). */
export async function quickOpen(page, fileName) {
  await quickInputPick(page, 'Control+P', fileName, new RegExp(`^${escapeRegExp(fileName)}\\b`));
}

/** Picks the quick pick item whose label starts with `label`. */
export async function pickQuickItem(page, label) {
  await page.getByRole('option', { name: new RegExp(`^${escapeRegExp(label)}(,|$)`) }).click(WAIT);
}

/** Waits for an input box titled like `title`, types `value`, and returns the box's text (prompt, count...). */
export async function typeIntoInputBox(page, title, value) {
  const widget = quickInput(page);
  await widget.locator('.quick-input-title', { hasText: title }).waitFor(WAIT);
  await quickInputBox(page).fill(value);
  return widget;
}

export async function closeQuickInput(page) {
  const widget = quickInput(page);
  if (await widget.isVisible()) {
    await page.keyboard.press('Escape');
    await widget.waitFor({ state: 'hidden', ...WAIT });
  }
}

/** Dismisses every notification, so that the next screenshot shows only the new ones. */
export async function clearNotifications(page) {
  await runCommand(page, 'Notifications: Clear All Notifications');
  await page.locator('.notification-toast').first().waitFor({ state: 'hidden', ...WAIT });
}

/** A notification toast whose text matches (the first, when several do). */
export function notification(page, text) {
  return page.getByRole('dialog', { name: text }).first();
}

/** A row of the SMPP view's tree, by its accessible name (label, then description). */
export function treeItem(page, name) {
  return page.getByRole('tree', { name: 'Connections' }).getByRole('treeitem', { name });
}

/** Hovers a tree row and clicks one of its inline actions ("Bind", "Show Traffic"...). */
export async function clickInlineAction(row, action) {
  await row.hover();
  await row.getByRole('button', { name: action, exact: true }).click(WAIT);
}

/** Moves the mouse off everything and closes hovers, so that a screenshot shows no tooltip. */
export async function clearHovers(page) {
  await page.mouse.move(page.viewportSize().width - 10, page.viewportSize().height / 2);
  await page.locator('.monaco-hover:visible, .workbench-hover:visible').first().waitFor({ state: 'hidden', ...WAIT });
}

/**
 * Rests the mouse on `target` until VS Code shows its tooltip holding `text`, and returns the
 * tooltip. A row refreshed meanwhile drops its pending tooltip (VS Code rebuilds a row's hover on
 * every refresh), so the mouse leaves and comes back, up to 3 times.
 */
export async function showTooltip(page, target, text) {
  const tip = page.locator('.workbench-hover, .monaco-hover').filter({ hasText: text }).first();
  for (let attempt = 1; ; attempt++) {
    await clearHovers(page);
    const box = await target.boundingBox();
    if (!box) throw new Error('the hover target is not shown');
    // A quarter of the way in: on a tree row's label, clear of its inline actions.
    const x = box.x + box.width / 4;
    await page.mouse.move(x, box.y + box.height / 2);
    await page.mouse.move(x + 2, box.y + box.height / 2);
    try {
      await tip.waitFor({ timeout: 10_000 });
      return tip;
    } catch (err) {
      if (attempt === 3) throw err;
    }
  }
}

/** The decoder webview's page: the workbench's webview frame holds the extension's frame. */
export function decoderFrame(page) {
  return page.frameLocator('iframe.webview.ready').frameLocator('iframe');
}

/** The status bar entry that shows the cursor: "Ln 4, Col 5", "Ln 3, Col 60 (370 selected)". */
export function cursorStatus(page) {
  return page.locator('.statusbar-item[id="status.editor.selection"]');
}

/**
 * Saves a screenshot under test-results/ with animations finished (no half-faded toasts).
 * @param {import('playwright-core').Page} page
 * @param {string} name file name, .png
 * @param {{ clip?: { x: number, y: number, width: number, height: number } }} [options]
 */
export async function screenshot(page, name, options = {}) {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, name);
  await page.screenshot({ path: file, animations: 'disabled', ...options });
  return file;
}

export function escapeRegExp(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
