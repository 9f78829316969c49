// End to end, in a real VS Code (code-server 4.100.3 in headless Chromium): install the .vsix
// that `npm run package` built, open a workspace holding a .smpp.json, and check that the SMPP
// view lists its connection, that activation logged no error, and how long activation took.
// Results (screenshot, activation.json, VS Code's logs) go to the git-ignored test-results/.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import {
  EXTENSION_ID,
  extensionHostLogFiles,
  failOnExtensionError,
  findActivation,
  findExtensionErrors,
  findSelfReportedActivation,
  outputChannelLogFile,
  waitUntil,
} from '../harness/codeServer.mjs';
import { VSIX, openE2eSession } from '../harness/e2eSession.mjs';
import { RESULTS_DIR as RESULTS } from '../harness/workbench.mjs';

const WAIT = { timeout: 120_000 };

test('the SMPP view lists the connection of a workspace .smpp.json, in code-server', { timeout: 20 * 60_000 }, async () => {
  fs.rmSync(path.join(RESULTS, 'activation.json'), { force: true });
  const session = await openE2eSession({ name: 'foundation', fixture: 'basic', viewport: { width: 1280, height: 800 } });
  const { page, server, installSeconds, workbenchMs } = session;
  const loadStarted = session.openedAt;
  try {
    await session.withFailureScreenshot('foundation-failure.png', async () => {
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
        // Wall clock from opening the page until the workbench shows, and until the
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
    });
  } finally {
    await session.close();
  }
});

