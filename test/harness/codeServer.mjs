// Runs the extension inside a real VS Code: code-server (VS Code's own server with a Node
// extension host) in headless Debian Chromium, driven by playwright-core. See
// ../../../shared/guide/real-vscode.md for why code-server and not @vscode/test-electron.
//
// - ensureCodeServer() installs code-server into the git-ignored .cache/code-server on first
//   use (about 95 s), and returns at once afterwards.
// - startCodeServer() starts one isolated instance (fresh user data, fresh extensions folder,
//   the .vsix installed) on a free loopback port.
// - launchBrowser() starts headless Chromium.
// - readExtensionHostLog(), findActivation() and friends read what VS Code logged.
//
// Every process is started in its own process group and stopped by that group's id.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { preflight } from './preflight.mjs';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CODE_SERVER_VERSION = '4.100.3';
/** The VS Code release inside code-server 4.100.3. */
export const VSCODE_VERSION = '1.100.3';
export const CACHE_DIR = path.join(REPO_ROOT, '.cache', 'code-server');
export const CHROMIUM = '/usr/bin/chromium';
export const EXTENSION_ID = 'smpp-session-panel.smpp-session-panel';

const INSTALL_MARKER = path.join(CACHE_DIR, 'installed.json');
const INSTALL_LOG = path.join(CACHE_DIR, 'install.log');
const LOCK_DIR = path.join(REPO_ROOT, '.cache', 'code-server.lock');
const CODE_SERVER_PACKAGE = path.join(CACHE_DIR, 'node_modules', 'code-server');
const CODE_SERVER_BIN = path.join(CODE_SERVER_PACKAGE, 'out', 'node', 'entry.js');
const VSCODE_DIR = path.join(CODE_SERVER_PACKAGE, 'lib', 'vscode');

// @vscode/ripgrep (a dependency of VS Code) downloads ripgrep from the internet in its
// postinstall, unless it finds the archive in its cache folder under the temp dir.
const RIPGREP_PACKAGE_VERSION = '1.15.11';
const RIPGREP_RELEASE = 'v13.0.0-10';
const RIPGREP_TARGETS = { x64: 'x86_64-unknown-linux-musl', arm64: 'aarch64-unknown-linux-musl' };

// npm 11 blocks dependency install scripts unless allowed. These are the packages with
// install scripts in code-server's shrinkwrap, and in that of its nested lib/vscode project;
// the native modules among them are built here with node-gyp.
const ALLOW_SCRIPTS = ['code-server', 'argon2'];
const VSCODE_ALLOW_SCRIPTS = [
  '@parcel/watcher',
  '@vscode/deviceid',
  '@vscode/ripgrep',
  '@vscode/spdlog',
  '@vscode/windows-process-tree',
  '@vscode/windows-registry',
  'kerberos',
  'native-watchdog',
  'node-pty',
];

// Files that exist only when every needed install script ran.
const INSTALLED_FILES = [
  'node_modules.asar',
  'node_modules/@vscode/ripgrep/bin/rg',
  'node_modules/@vscode/spdlog/build/Release/spdlog.node',
  'node_modules/node-pty/build/Release/pty.node',
  'node_modules/native-watchdog/build/Release/watchdog.node',
  'node_modules/kerberos/build/Release/kerberos.node',
];

/** Logs harness progress to stderr, so that test reporters keep stdout. */
function note(message) {
  process.stderr.write(`[harness] ${message}\n`);
}

// ---------------------------------------------------------------------------------------
// Installing code-server

/** Path of the code-server executable (a Node script) inside the cache. */
export function codeServerBin() {
  return CODE_SERVER_BIN;
}

function readMarker() {
  try {
    return JSON.parse(fs.readFileSync(INSTALL_MARKER, 'utf8'));
  } catch {
    return undefined;
  }
}

/** Whether code-server is installed in .cache/code-server, for this Node major version. */
export function codeServerInstalled() {
  const marker = readMarker();
  return marker?.version === CODE_SERVER_VERSION && marker?.node === process.versions.node.split('.')[0] && fs.existsSync(CODE_SERVER_BIN);
}

function pidAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}

/** A lock folder so that parallel test files install code-server once. */
async function withInstallLock(fn, timeoutMs) {
  fs.mkdirSync(path.dirname(LOCK_DIR), { recursive: true });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      fs.mkdirSync(LOCK_DIR);
      fs.writeFileSync(path.join(LOCK_DIR, 'pid'), String(process.pid));
      break;
    } catch (err) {
      if (err.code !== 'EEXIST') throw err;
      let owner = NaN;
      try {
        owner = Number(fs.readFileSync(path.join(LOCK_DIR, 'pid'), 'utf8'));
      } catch {
        // The owner is between mkdir and writing its pid.
      }
      if (Number.isInteger(owner) && owner > 0 && !pidAlive(owner)) {
        note(`removing a stale install lock of process ${owner}`);
        fs.rmSync(LOCK_DIR, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`Timed out waiting for another code-server install (lock ${LOCK_DIR})`);
      // Another process installs; wait for its lock to go.
      await delay(500);
    }
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(LOCK_DIR, { recursive: true, force: true });
  }
}

/** Environment for child npm processes: without the npm_* variables of an enclosing `npm run`. */
function cleanEnv(extra = {}) {
  const env = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^npm_/i.test(key) || key === 'INIT_CWD' || key === 'NODE_OPTIONS') continue;
    env[key] = value;
  }
  return { ...env, ...extra };
}

/** Runs a command to completion, output appended to `logFile`. Resolves with the exit code. */
function run(command, args, { cwd, env, logFile }) {
  return new Promise((resolve, reject) => {
    const out = fs.openSync(logFile, 'a');
    fs.writeSync(out, `\n$ ${command} ${args.join(' ')}   (in ${cwd})\n`);
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', out, out], detached: true });
    fs.closeSync(out);
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

function tail(file, lines = 40) {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

/** Writes an .npmrc holding `allow-scripts` (and `nodedir`) into a project folder. */
function writeProjectNpmrc(dir, allow) {
  const lines = [];
  if (allow.length > 0) lines.push(`allow-scripts=${allow.join(',')}`);
  // node-gyp downloads Node's headers unless it is told where the installed ones are.
  const prefix = path.resolve(path.dirname(process.execPath), '..');
  if (fs.existsSync(path.join(prefix, 'include', 'node', 'node_api.h'))) lines.push(`nodedir=${prefix}`);
  fs.writeFileSync(path.join(dir, '.npmrc'), `${lines.join('\n')}\n`);
}

function verifyInstall() {
  const missing = INSTALLED_FILES.filter((f) => !fs.existsSync(path.join(VSCODE_DIR, f)));
  if (missing.length > 0) {
    throw new Error(
      `code-server installed without some of its install scripts' output (${missing.join(', ')}).\n` +
        `See ${INSTALL_LOG}:\n${tail(INSTALL_LOG)}`,
    );
  }
}

async function codeServerVersion(scratch) {
  // code-server writes a default config.yaml under XDG_CONFIG_HOME even for --version.
  const { code, stdout } = await capture(process.execPath, [CODE_SERVER_BIN, '--version'], {
    env: cleanEnv({ XDG_CONFIG_HOME: scratch, XDG_DATA_HOME: scratch }),
  });
  if (code !== 0) throw new Error(`code-server --version exited with ${code}: ${stdout}`);
  return stdout.trim();
}

/** Runs a command, resolving with its exit code and combined output. */
function capture(command, args, { cwd = REPO_ROOT, env = process.env } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let stdout = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stdout += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout }));
  });
}

async function install() {
  const started = Date.now();
  fs.rmSync(CACHE_DIR, { recursive: true, force: true });
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  note(`installing code-server ${CODE_SERVER_VERSION} into ${CACHE_DIR} (about 2 minutes; log: ${INSTALL_LOG})`);

  // A private temp dir: @vscode/ripgrep finds its archive there instead of downloading it.
  const tmp = path.join(CACHE_DIR, 'tmp');
  const target = RIPGREP_TARGETS[process.arch];
  if (!target) throw new Error(`No ripgrep archive name known for ${process.arch}`);
  const rgCache = path.join(tmp, `vscode-ripgrep-cache-${RIPGREP_PACKAGE_VERSION}`);
  const rgPack = path.join(tmp, 'rg-pack');
  fs.mkdirSync(rgCache, { recursive: true });
  fs.mkdirSync(rgPack, { recursive: true });
  fs.copyFileSync('/usr/bin/rg', path.join(rgPack, 'rg'));
  fs.chmodSync(path.join(rgPack, 'rg'), 0o755);
  const archive = path.join(rgCache, `ripgrep-${RIPGREP_RELEASE}-${target}.tar.gz`);
  const tarCode = await run('tar', ['czf', archive, '-C', rgPack, 'rg'], { cwd: CACHE_DIR, env: process.env, logFile: INSTALL_LOG });
  if (tarCode !== 0) throw new Error(`tar failed (${tarCode}); see ${INSTALL_LOG}`);

  // npm 11 runs a dependency's install scripts only when a project's `allowScripts` (or its
  // .npmrc's `allow-scripts`) names it, and it refuses `allow-scripts` from the command line
  // or the environment in a project. code-server's postinstall runs a nested `npm install` in
  // lib/vscode and lib/vscode/extensions, which are projects of their own. So: unpack without
  // scripts, give each nested project its own .npmrc, then run the scripts with `npm rebuild`.
  const env = cleanEnv({ TMPDIR: tmp, npm_config_yes: 'true' });
  const npm = (args) => run('npm', args, { cwd: CACHE_DIR, env, logFile: INSTALL_LOG });
  fs.writeFileSync(
    path.join(CACHE_DIR, 'package.json'),
    `${JSON.stringify(
      {
        name: 'code-server-cache',
        private: true,
        description: 'code-server for the end-to-end tests, installed by test/harness/codeServer.mjs',
        dependencies: { 'code-server': CODE_SERVER_VERSION },
        allowScripts: Object.fromEntries(ALLOW_SCRIPTS.map((name) => [name, true])),
      },
      null,
      2,
    )}\n`,
  );
  writeProjectNpmrc(CACHE_DIR, []);
  const flags = ['--unsafe-perm', '--no-audit', '--no-fund', '--foreground-scripts'];
  const failed = (what, code) =>
    new Error(`${what} failed (exit ${code}) while installing code-server ${CODE_SERVER_VERSION}. See ${INSTALL_LOG}:\n${tail(INSTALL_LOG)}`);
  let code = await npm(['install', '--ignore-scripts', ...flags]);
  if (code !== 0) throw failed('npm install --ignore-scripts', code);
  writeProjectNpmrc(VSCODE_DIR, VSCODE_ALLOW_SCRIPTS);
  // Only @parcel/watcher and esbuild there have scripts, and both are dev dependencies,
  // which code-server's postinstall omits.
  writeProjectNpmrc(path.join(VSCODE_DIR, 'extensions'), []);
  code = await npm(['rebuild', ...ALLOW_SCRIPTS, ...flags]);
  if (code !== 0) throw failed(`npm rebuild ${ALLOW_SCRIPTS.join(' ')}`, code);
  verifyInstall();
  const version = (await codeServerVersion(tmp)).split('\n').filter((l) => l.includes(CODE_SERVER_VERSION)).join('\n');
  if (!version.includes(CODE_SERVER_VERSION)) throw new Error(`code-server --version printed ${JSON.stringify(version)}`);
  fs.rmSync(tmp, { recursive: true, force: true });
  const seconds = Math.round((Date.now() - started) / 100) / 10;
  fs.writeFileSync(
    INSTALL_MARKER,
    `${JSON.stringify({ version: CODE_SERVER_VERSION, node: process.versions.node.split('.')[0], versionOutput: version, seconds, at: new Date().toISOString() }, null, 2)}\n`,
  );
  note(`code-server ${CODE_SERVER_VERSION} installed in ${seconds} s`);
  return seconds;
}

/**
 * Installs code-server into .cache/code-server unless it is there already.
 * @returns {Promise<{ bin: string, version: string, installSeconds: number | undefined }>}
 *   installSeconds: how long this call's install took (undefined when it was installed).
 */
export async function ensureCodeServer() {
  if (codeServerInstalled()) return { bin: CODE_SERVER_BIN, version: CODE_SERVER_VERSION, installSeconds: undefined };
  // `npm start` and the test runner install missing Debian packages before they get here (see
  // preflight.mjs); here they are only reported, for a test file run on its own.
  await preflight('start', { install: false });
  let installSeconds;
  await withInstallLock(async () => {
    if (!codeServerInstalled()) installSeconds = await install();
  }, 20 * 60_000);
  return { bin: CODE_SERVER_BIN, version: CODE_SERVER_VERSION, installSeconds };
}

// ---------------------------------------------------------------------------------------
// Starting code-server

/** A free TCP port on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {net.AddressInfo} */ (server.address());
      server.close(() => resolve(port));
    });
  });
}

/** Whether `port` on 127.0.0.1 can be listened on. */
export function portIsFree(port) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

function httpStatus(url) {
  return new Promise((resolve) => {
    const req = http.get(url, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.setTimeout(5000, () => req.destroy());
    req.on('error', () => resolve(0));
  });
}

/** Kills a process group and waits until none of its processes is left. */
export async function killProcessGroup(pid, { graceMs = 10_000 } = {}) {
  const alive = () => {
    try {
      process.kill(-pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  if (!alive()) return;
  try {
    process.kill(-pid, 'SIGTERM');
  } catch {
    return;
  }
  const deadline = Date.now() + graceMs;
  while (alive() && Date.now() < deadline) await delay(50);
  if (alive()) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // Gone meanwhile.
    }
    const hardDeadline = Date.now() + 5000;
    while (alive() && Date.now() < hardDeadline) await delay(50);
  }
}

/**
 * Starts an isolated code-server. Resolves once it answers HTTP.
 * @param {{
 *   workspaceFolder?: string,
 *   settings?: Record<string, unknown>,
 *   extensionsDir?: string,
 *   vsix?: string,
 *   port?: number,
 *   portFallback?: boolean,
 *   logLevel?: string,
 *   readyTimeoutMs?: number,
 *   env?: Record<string, string>,
 * }} options
 *   port: the port to listen on (default: a free one); portFallback: when `port` is taken, use
 *   a free one instead of failing. env: extra environment variables for code-server, which its
 *   extension host inherits (what `${env:NAME}` in a .smpp.json reads).
 */
export async function startCodeServer({ workspaceFolder, settings = {}, extensionsDir, vsix, port, portFallback = false, logLevel, readyTimeoutMs = 120_000, env: extraEnv = {} } = {}) {
  const root = await fsp.mkdtemp(path.join(os.tmpdir(), 'smpp-code-server-'));
  const userDataDir = path.join(root, 'user-data');
  const extDir = extensionsDir ?? path.join(root, 'extensions');
  const home = path.join(root, 'home');
  for (const dir of [path.join(userDataDir, 'User'), extDir, path.join(home, 'config'), path.join(home, 'data')]) {
    fs.mkdirSync(dir, { recursive: true });
  }
  fs.writeFileSync(
    path.join(userDataDir, 'User', 'settings.json'),
    `${JSON.stringify(
      {
        'workbench.startupEditor': 'none',
        'workbench.tips.enabled': false,
        'extensions.autoCheckUpdates': false,
        'extensions.autoUpdate': false,
        'update.mode': 'none',
        'telemetry.telemetryLevel': 'off',
        ...settings,
      },
      null,
      2,
    )}\n`,
  );
  // code-server keeps its own config and state under XDG folders: keep them out of $HOME.
  const env = cleanEnv({ ...extraEnv, XDG_CONFIG_HOME: path.join(home, 'config'), XDG_DATA_HOME: path.join(home, 'data') });
  // code-server takes its port from $PORT over --bind-addr.
  delete env.PORT;
  const common = ['--user-data-dir', userDataDir, '--extensions-dir', extDir, '--config', path.join(home, 'config', 'config.yaml')];

  const removeRoot = () => fs.rmSync(root, { recursive: true, force: true });
  if (vsix) {
    const { code, stdout } = await capture(process.execPath, [CODE_SERVER_BIN, ...common, '--install-extension', path.resolve(vsix), '--force'], { env });
    if (code !== 0 || !/successfully installed/i.test(stdout)) {
      removeRoot();
      throw new Error(`code-server --install-extension ${vsix} failed (exit ${code}):\n${stdout}`);
    }
  }

  const outputLog = path.join(root, 'code-server.log');
  /**
   * Starts code-server on `listenPort` and waits for its "HTTP server listening" line, then
   * for /healthz to answer. Resolves undefined when the port was taken meanwhile.
   */
  const launch = async (listenPort) => {
    const args = [
      CODE_SERVER_BIN,
      ...common,
      '--auth',
      'none',
      '--bind-addr',
      `127.0.0.1:${listenPort}`,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-getting-started-override',
    ];
    if (logLevel) args.push('--log', logLevel);
    if (workspaceFolder) args.push(path.resolve(workspaceFolder));
    const log = fs.createWriteStream(outputLog, { flags: 'a' });
    const child = spawn(process.execPath, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const pid = child.pid;
    if (pid === undefined) throw new Error('code-server did not start');
    /** @type {Promise<void>} */
    const exit = new Promise((resolve) => child.once('exit', () => resolve()));
    child.once('error', () => {});
    let output = '';
    /** @type {Promise<void>} */
    const listening = new Promise((resolve) => {
      const onData = (chunk) => {
        log.write(chunk);
        if (output.length < 100_000) output += chunk;
        if (output.includes(`HTTP server listening on http://127.0.0.1:${listenPort}`)) resolve();
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
    });
    exit.then(() => log.end());

    let stopped = false;
    const stop = async ({ keepFiles = false } = {}) => {
      if (!stopped) {
        stopped = true;
        await killProcessGroup(pid);
        await Promise.race([exit, delay(5000)]);
      }
      if (!keepFiles) removeRoot();
    };

    const url = `http://127.0.0.1:${listenPort}/`;
    try {
      const timeout = delay(readyTimeoutMs, 'timeout', { ref: false });
      const first = await Promise.race([listening.then(() => 'listening'), exit.then(() => 'exit'), timeout]);
      if (first === 'exit') {
        if ((port === undefined || portFallback) && /EADDRINUSE/.test(output)) {
          await stop({ keepFiles: true });
          return undefined;
        }
        throw new Error(`code-server exited before it listened on ${url}:\n${tail(outputLog)}`);
      }
      if (first === 'timeout') throw new Error(`code-server did not listen on ${url} within ${readyTimeoutMs} ms:\n${tail(outputLog)}`);
      const deadline = Date.now() + readyTimeoutMs;
      while ((await httpStatus(`${url}healthz`)) !== 200) {
        if (Date.now() > deadline) throw new Error(`code-server did not answer on ${url}healthz within ${readyTimeoutMs} ms:\n${tail(outputLog)}`);
        await Promise.race([exit, delay(100)]);
      }
    } catch (err) {
      await stop();
      throw err;
    }
    return { url, port: listenPort, pid, exit, stop };
  };

  // A port found free may be taken before code-server binds it: then try another.
  let started;
  for (let attempt = 0; !started; attempt++) {
    if (attempt === 5) {
      removeRoot();
      throw new Error('code-server found no free port in 5 attempts');
    }
    started = await launch(attempt === 0 && port !== undefined ? port : await freePort());
  }
  const { url, pid, exit: exited, stop } = started;
  const chosenPort = started.port;

  return {
    url,
    port: chosenPort,
    pid,
    root,
    userDataDir,
    extensionsDir: extDir,
    logsDir: path.join(userDataDir, 'logs'),
    outputLog,
    /** Resolves when code-server exits by itself or is stopped. */
    exited,
    stop,
  };
}

// ---------------------------------------------------------------------------------------
// The browser

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Starts headless Chromium with a fresh profile.
 * @returns {Promise<{ browser: import('playwright-core').Browser, pid: number, close(): Promise<void> }>}
 */
export async function launchBrowser() {
  // What the browser tests need besides code-server: Chromium, and tshark for exported pcaps.
  await preflight('e2e', { install: false, codeServerInstalled: true });
  const { chromium } = await import('playwright-core');
  // launchServer gives the browser's pid, so that close() can always end it by pid. Playwright
  // starts it in its own process group, with a fresh temp profile that it removes on close.
  const server = await chromium.launchServer({
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  const pid = server.process().pid;
  let browser;
  try {
    browser = await chromium.connect(server.wsEndpoint());
  } catch (err) {
    await server.close().catch(() => {});
    if (pid !== undefined) await killProcessGroup(pid);
    throw err;
  }
  let closed = false;
  return {
    browser,
    pid,
    async close() {
      if (closed) return;
      closed = true;
      await Promise.race([browser.close().catch(() => {}), delay(10_000)]);
      await Promise.race([server.close().catch(() => {}), delay(10_000)]);
      if (pid !== undefined) await killProcessGroup(pid);
    },
  };
}

// ---------------------------------------------------------------------------------------
// Logs

/** Every file under `dir`, recursively. */
export function listFiles(dir) {
  /** @type {string[]} */
  const out = [];
  const walk = (d) => {
    let entries;
    try {
      entries = fs.readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(p);
    }
  };
  walk(dir);
  return out.sort();
}

/**
 * Copies VS Code's logs and code-server's own output into `dir` (emptied first), to read after a
 * run, and before `stop()` removes them.
 * @param {{ logsDir: string, outputLog: string }} server
 */
export function copyLogs(server, dir) {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  if (fs.existsSync(server.logsDir)) fs.cpSync(server.logsDir, dir, { recursive: true });
  if (fs.existsSync(server.outputLog)) fs.copyFileSync(server.outputLog, path.join(dir, 'code-server.log'));
}

/**
 * Polls `probe` until it returns something other than undefined/false, or times out.
 * For conditions that no event announces, such as a line appearing in a log file.
 * @template T
 * @param {() => T | undefined | false | Promise<T | undefined | false>} probe
 * @param {{ timeoutMs?: number, intervalMs?: number, what?: string, signal?: AbortSignal }} [options]
 *   signal: stops the polling; the promise then rejects with the signal's reason.
 * @returns {Promise<T>}
 */
export async function waitUntil(probe, { timeoutMs = 120_000, intervalMs = 200, what = 'condition', signal } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    signal?.throwIfAborted();
    const value = await probe();
    if (value !== undefined && value !== false) return /** @type {T} */ (value);
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await delay(intervalMs, undefined, signal ? { signal } : undefined);
  }
}

/**
 * Resolves or rejects like `promise`, but rejects at once when the extension host log reports
 * an error for the extension meanwhile: a failed activation then fails fast, with its cause.
 * @template T
 * @param {string} userDataDir
 * @param {Promise<T>} promise
 * @returns {Promise<T>}
 */
export async function failOnExtensionError(userDataDir, promise, extensionId = EXTENSION_ID) {
  const stop = new globalThis.AbortController();
  const watch = waitUntil(() => {
    const errors = findExtensionErrors(userDataDir, extensionId);
    return errors.length > 0 ? errors : undefined;
  }, { timeoutMs: 24 * 3_600_000, signal: stop.signal, what: 'extension errors' }).then(
    (errors) => {
      throw new Error(`The extension host log reports errors for ${extensionId}:\n${errors.join('\n')}`);
    },
    () => new Promise(() => {}), // Stopped: never settles, so the race goes to `promise`.
  );
  try {
    return await Promise.race([promise, watch]);
  } finally {
    stop.abort();
  }
}

// VS Code's server writes, under the user data dir:
//   logs/<YYYYMMDDTHHMMSS>/remoteagent.log                        the server
//   logs/<YYYYMMDDTHHMMSS>/exthost<N>/remoteexthost.log           the extension host
//   logs/<YYYYMMDDTHHMMSS>/exthost<N>/<extension id>/<name>.log   an extension's LogOutputChannel
// (`logs/<...>/remoteCLI.log` is from `--install-extension`.) Each line starts with
// `YYYY-MM-DD HH:MM:SS.mmm [level] `; a message may go on over further lines (stacks).

const LOG_LINE = /^(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)\.(\d{3}) \[(\w+)\] ?(.*)$/;

/**
 * Splits a VS Code log into entries.
 * @param {string} text
 * @returns {{ time: number, level: string, message: string }[]} time in ms since the epoch
 */
export function parseLog(text) {
  /** @type {{ time: number, level: string, message: string }[]} */
  const entries = [];
  for (const line of text.split('\n')) {
    const m = LOG_LINE.exec(line);
    if (m) {
      const [, y, mo, d, h, mi, s, ms, level, message] = m;
      // VS Code writes local time.
      const time = new Date(+y, +mo - 1, +d, +h, +mi, +s, +ms).getTime();
      entries.push({ time, level, message });
    } else if (entries.length > 0 && line !== '') {
      entries[entries.length - 1].message += `\n${line}`;
    }
  }
  return entries;
}

function readText(file) {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

/** The extension host log files (remote: remoteexthost.log; desktop: exthost.log). */
export function extensionHostLogFiles(userDataDir) {
  return listFiles(path.join(userDataDir, 'logs')).filter((f) => /[\\/]exthost\d+[\\/](remote)?exthost\.log$/.test(f));
}

/** The parsed entries of every extension host log, in time order. */
export function readExtensionHostLog(userDataDir) {
  return extensionHostLogFiles(userDataDir)
    .flatMap((f) => parseLog(readText(f)))
    .sort((a, b) => a.time - b.time);
}

/**
 * The extension host's record of activating an extension: the line
 * `ExtensionService#_doActivateExtension <id>, startup: <bool>, activationEvent: '<event>'`.
 * @returns {{ time: number, startup: boolean, activationEvent: string, message: string } | undefined}
 */
export function findActivation(userDataDir, extensionId = EXTENSION_ID) {
  const re = new RegExp(`ExtensionService#_doActivateExtension ${extensionId.replace(/\./g, '\\.')}, startup: (true|false), activationEvent: '([^']*)'`);
  for (const e of readExtensionHostLog(userDataDir)) {
    const m = re.exec(e.message);
    if (m) return { time: e.time, startup: m[1] === 'true', activationEvent: m[2], message: e.message };
  }
  return undefined;
}

/**
 * Errors in the extension host log that concern the extension: the activation failure VS Code
 * reports (`Activating extension <id> failed due to an error:` and the error entry after it)
 * and any other error whose text names the extension or its install folder.
 * @returns {string[]}
 */
export function findExtensionErrors(userDataDir, extensionId = EXTENSION_ID) {
  const entries = readExtensionHostLog(userDataDir);
  /** @type {string[]} */
  const errors = [];
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i];
    if (e.level !== 'error') continue;
    if (e.message.startsWith(`Activating extension ${extensionId} failed`)) {
      const next = entries[i + 1];
      errors.push(next && next.level === 'error' ? `${e.message}\n${next.message}` : e.message);
      if (next && next.level === 'error') i++;
    } else if (e.message.includes(extensionId)) {
      errors.push(e.message);
    }
  }
  return errors;
}

/** The file of an extension's LogOutputChannel, e.g. the "SMPP" channel, once it exists. */
export function outputChannelLogFile(userDataDir, channel = 'SMPP', extensionId = EXTENSION_ID) {
  return listFiles(path.join(userDataDir, 'logs')).find(
    (f) => path.basename(f) === `${channel}.log` && path.basename(path.dirname(f)) === extensionId,
  );
}

/** The parsed entries of an extension's LogOutputChannel ([] while it has none). */
export function readOutputChannelLog(userDataDir, channel = 'SMPP', extensionId = EXTENSION_ID) {
  const file = outputChannelLogFile(userDataDir, channel, extensionId);
  return file ? parseLog(readText(file)) : [];
}

/**
 * The extension's own "activated in N ms" line in its SMPP output channel.
 * @returns {{ time: number, ms: number, message: string } | undefined}
 */
export function findSelfReportedActivation(userDataDir) {
  for (const e of readOutputChannelLog(userDataDir)) {
    const m = /activated in ([\d.]+) ?ms/.exec(e.message);
    if (m) return { time: e.time, ms: Number(m[1]), message: e.message };
  }
  return undefined;
}
