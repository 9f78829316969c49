// One end-to-end session: the packaged .vsix installed in a fresh code-server, a workspace of its
// own, headless Chromium showing the workbench. What every test/e2e/*.test.mjs file that drives
// VS Code sets up and tears down.
//
//   const session = await openE2eSession({ name, fixture, files, env, trusted, settings, viewport });
//
//   name      'everyday': results under test-results/ start with it. Files `<name>-*` left there
//             by an earlier run are removed first (not the logs folder), VS Code's logs go to
//             `<name>-logs/` on close, and the scratch folder is smpp-e2e-<name>-*.
//   fixture   optional: a folder of test/fixtures/workspaces/ ('basic', 'everyday') copied as the
//             workspace. Without it the workspace starts empty.
//   files     optional: { 'relative/path': content } written into the workspace (after the
//             fixture); a content that is not a string is written as pretty JSON.
//   env       optional: extra environment of code-server, which its extension host inherits
//             (what `${env:NAME}` in a .smpp.json reads).
//   trusted   default true: workspace trust is off, so the folder is trusted. false: trust is on,
//             and VS Code asks at start whether to trust the folder (the test answers the dialog).
//   settings  optional: more user settings.
//   viewport  optional: { width, height } of the page (default 1600 × 900, openWorkbench's).
//
// It resolves once the workbench shows, with:
//
//   page        the playwright-core Page showing the workbench of the workspace
//   server      what startCodeServer returned: url, userDataDir, logsDir, stop()...
//   browser     the playwright-core Browser
//   workspace   the workspace folder's path (a scratch copy: write into it freely)
//   userDataDir VS Code's user data folder (= server.userDataDir), for readOutputChannelLog etc.
//   installSeconds  how long ensureCodeServer() took to install code-server; undefined when it
//               was installed already
//   openedAt, workbenchMs  Date.now() when the page started to open, and ms until the workbench
//               showed
//   withFailureScreenshot(file, fn)  runs fn; when it throws, saves the screen to
//               test-results/<file> (e.g. `${name}-3-failure.png`) and throws again
//   close()     copies the logs to test-results/<name>-logs/, closes the browser, stops
//               code-server, removes the scratch folder. Safe to call twice.
//
// When the setup fails half way, it closes what it started (logs copied) and throws. With
// node:test: `before(async () => { session = await openE2eSession({...}) })` and
// `after(() => session?.close())`; or in one test, try { ... } finally { await session.close() }.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT, copyLogs, ensureCodeServer, launchBrowser, startCodeServer } from './codeServer.mjs';
import { RESULTS_DIR, openWorkbench, screenshot } from './workbench.mjs';

/**
 * The environment variable the e2e workspaces' connection files read their password from
 * (`"password": "${env:SMPP_E2E_PASSWORD}"`): pass it in `env`, and the test knows the password
 * and can check that it never shows.
 */
export const PASSWORD_VAR = 'SMPP_E2E_PASSWORD';

/** The package that `npm run package` builds and the sessions install. */
export const VSIX = path.join(REPO_ROOT, 'dist', 'smpp-session-panel.vsix');

/** Every file of examples/ (relative path → text), as a workspace's files. */
export function exampleFiles() {
  const dir = path.join(REPO_ROOT, 'examples');
  const files = {};
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath ?? entry.path, entry.name);
    files[path.relative(dir, file)] = fs.readFileSync(file, 'utf8');
  }
  return files;
}
const FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures', 'workspaces');

/**
 * @param {{
 *   name: string,
 *   fixture?: string,
 *   files?: Record<string, unknown>,
 *   env?: Record<string, string>,
 *   trusted?: boolean,
 *   settings?: Record<string, unknown>,
 *   viewport?: { width: number, height: number },
 * }} options
 */
export async function openE2eSession({ name, fixture, files = {}, env = {}, trusted = true, settings = {}, viewport }) {
  assert.ok(fs.existsSync(VSIX), `${VSIX} is missing: run \`npm run package\` first (\`npm run test:e2e\` does)`);
  const { installSeconds } = await ensureCodeServer();
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  for (const entry of fs.readdirSync(RESULTS_DIR, { withFileTypes: true })) {
    if (entry.isFile() && entry.name.startsWith(`${name}-`)) fs.rmSync(path.join(RESULTS_DIR, entry.name), { force: true });
  }

  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), `smpp-e2e-${name}-`));
  const workspace = path.join(scratch, 'workspace');
  /** @type {Awaited<ReturnType<typeof startCodeServer>> | undefined} */
  let server;
  /** @type {Awaited<ReturnType<typeof launchBrowser>> | undefined} */
  let browser;
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    // Keep VS Code's logs with the results, for reading after a failure.
    if (server) copyLogs(server, path.join(RESULTS_DIR, `${name}-logs`));
    await browser?.close();
    await server?.stop();
    fs.rmSync(scratch, { recursive: true, force: true });
  };

  try {
    if (fixture) fs.cpSync(path.join(FIXTURES, fixture), workspace, { recursive: true });
    else fs.mkdirSync(workspace);
    for (const [file, content] of Object.entries(files)) {
      const target = path.join(workspace, file);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, typeof content === 'string' ? content : `${JSON.stringify(content, null, 2)}\n`);
    }

    server = await startCodeServer({
      workspaceFolder: workspace,
      vsix: VSIX,
      env,
      settings: { 'security.workspace.trust.enabled': !trusted, ...settings },
    });
    browser = await launchBrowser();
    const openedAt = Date.now();
    const page = await openWorkbench(browser.browser, server, workspace, viewport);
    const workbenchMs = Date.now() - openedAt;

    return {
      page,
      server,
      browser: browser.browser,
      workspace,
      userDataDir: server.userDataDir,
      installSeconds,
      openedAt,
      workbenchMs,
      /**
       * @template T
       * @param {string} file
       * @param {() => Promise<T>} fn
       * @returns {Promise<T>}
       */
      async withFailureScreenshot(file, fn) {
        try {
          return await fn();
        } catch (err) {
          await screenshot(page, file).catch(() => {});
          throw err;
        }
      },
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}
