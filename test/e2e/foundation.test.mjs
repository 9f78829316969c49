// End to end, in a real VS Code (code-server 4.100.3 in headless Chromium): install the .vsix
// that `npm run package` built, open a workspace holding a .smpp.json, and check that the SMPP
// view lists its connection, that activation logged no error, and how long activation took.
// Results (screenshot, activation.json, VS Code's logs) go to the git-ignored test-results/.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { URLSearchParams } from 'node:url';
import { test } from 'node:test';
import {
  EXTENSION_ID,
  REPO_ROOT,
  copyLogs,
  ensureCodeServer,
  extensionHostLogFiles,
  failOnExtensionError,
  findActivation,
  findExtensionErrors,
  findSelfReportedActivation,
  launchBrowser,
  outputChannelLogFile,
  startCodeServer,
  waitUntil,
} from '../harness/codeServer.mjs';

const VSIX = path.join(REPO_ROOT, 'dist', 'smpp-session-panel.vsix');
const FIXTURE = path.join(REPO_ROOT, 'test', 'fixtures', 'workspaces', 'basic');
const RESULTS = path.join(REPO_ROOT, 'test-results');
const WAIT = { timeout: 120_000 };

test('the SMPP view lists the connection of a workspace .smpp.json, in code-server', { timeout: 20 * 60_000 }, async () => {
  assert.ok(fs.existsSync(VSIX), `${VSIX} is missing: run \`npm run package\` first (\`npm run test:e2e\` does)`);
  const { installSeconds } = await ensureCodeServer();
  fs.mkdirSync(RESULTS, { recursive: true });
  for (const stale of ['foundation-tree.png', 'foundation-failure.png', 'activation.json']) fs.rmSync(path.join(RESULTS, stale), { force: true });

  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'smpp-e2e-'));
  const workspace = path.join(scratch, 'basic');
  fs.cpSync(FIXTURE, workspace, { recursive: true });
  /** @type {Awaited<ReturnType<typeof startCodeServer>> | undefined} */
  let server;
  /** @type {Awaited<ReturnType<typeof launchBrowser>> | undefined} */
  let browser;
  /** @type {import('playwright-core').Page | undefined} */
  let page;
  let passed = false;
  try {
    server = await startCodeServer({
      workspaceFolder: workspace,
      vsix: VSIX,
      settings: { 'security.workspace.trust.enabled': false },
    });
    browser = await launchBrowser();
    page = await browser.browser.newPage({ viewport: { width: 1280, height: 800 } });

    const loadStarted = Date.now();
    await page.goto(`${server.url}?${new URLSearchParams({ folder: workspace })}`);
    await page.locator('.monaco-workbench').waitFor(WAIT);
    const workbenchMs = Date.now() - loadStarted;

    // Opening a workspace that holds a .smpp.json activates the extension by itself
    // (workspaceContains), before anyone opens its view. Its last step in activate() logs
    // "activated in N ms" to its SMPP output channel.
    const { userDataDir } = server;
    await failOnExtensionError(
      userDataDir,
      waitUntil(() => findActivation(userDataDir) && findSelfReportedActivation(userDataDir), {
        what: `the extension host's "_doActivateExtension ${EXTENSION_ID}" line and the extension's "activated" line in its SMPP log`,
      }),
    );
    const activation = findActivation(userDataDir);
    const selfReported = findSelfReportedActivation(userDataDir);
    assert.ok(activation && selfReported);
    assert.match(activation.activationEvent, /^workspaceContains:/, 'activated by the workspace\'s .smpp.json');

    // The activity bar entry of the "SMPP" view container, then the connection in its tree.
    await failOnExtensionError(userDataDir, page.getByRole('tab', { name: /SMPP/ }).first().click(WAIT));
    const item = page.getByRole('treeitem', { name: /Local simulator/ });
    await failOnExtensionError(userDataDir, item.waitFor({ state: 'visible', ...WAIT }));
    const treeItemMs = Date.now() - loadStarted;
    assert.deepEqual(findExtensionErrors(userDataDir), [], 'the extension host log has errors for the extension');

    // Leave no hover tooltip (the activity bar's "SMPP") in the picture.
    await page.mouse.move(900, 500);
    await page.keyboard.press('Escape');
    await page.getByRole('tooltip').waitFor({ state: 'hidden', timeout: 10_000 });
    await page.screenshot({ path: path.join(RESULTS, 'foundation-tree.png') });

    const result = {
      measuredAt: new Date().toISOString(),
      vscode: '1.100.3 (code-server 4.100.3)',
      activationEvent: activation.activationEvent,
      // From the extension host's "_doActivateExtension" line to the extension's own
      // "activated" line: loading dist/extension.js plus running activate().
      activationMs: selfReported.time - activation.time,
      // activate() alone, as the extension measures it.
      activateFunctionMs: selfReported.ms,
      // Wall clock from navigating to the page until the workbench shows, and until the
      // connection's tree item is visible (after activation and a click on the SMPP view).
      pageLoadToWorkbenchMs: workbenchMs,
      pageLoadToTreeItemMs: treeItemMs,
      vsixBytes: fs.statSync(VSIX).size,
      codeServerInstallSeconds: installSeconds ?? null,
      logs: {
        extensionHost: extensionHostLogFiles(userDataDir).map((f) => path.relative(userDataDir, f)),
        smppChannel: path.relative(userDataDir, outputChannelLogFile(userDataDir) ?? ''),
      },
    };
    fs.writeFileSync(path.join(RESULTS, 'activation.json'), `${JSON.stringify(result, null, 2)}\n`);
    console.log(`activation: ${JSON.stringify(result)}`);
    passed = true;
  } finally {
    if (page && !passed) await page.screenshot({ path: path.join(RESULTS, 'foundation-failure.png') }).catch(() => {});
    // Keep VS Code's logs with the results, for reading after a failure.
    if (server) copyLogs(server, path.join(RESULTS, 'foundation-logs'));
    await browser?.close();
    await server?.stop();
    fs.rmSync(scratch, { recursive: true, force: true });
  }
});

