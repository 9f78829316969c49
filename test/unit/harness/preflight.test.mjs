// The Debian package preflight of `npm start` and `npm test` (test/harness/preflight.mjs), on a
// PATH of stand-in commands, a stand-in package database and a stand-in apt-get: nothing is
// installed, nor is the real dpkg-query or apt-get run.
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { PreflightError, dpkgQuery, preflight } from '../../harness/preflight.mjs';

const root = mkdtempSync(join(tmpdir(), 'smpp-preflight-'));
after(() => rmSync(root, { recursive: true, force: true }));

/** A folder holding executables of these names, which exit 99 if ever run (none should be). */
function binDir(name, commands) {
  const dir = join(root, name);
  mkdirSync(dir);
  for (const command of commands) {
    writeFileSync(join(dir, command), '#!/bin/sh\nexit 99\n');
    chmodSync(join(dir, command), 0o755);
  }
  return dir;
}

// Everything but Chromium: the build tools and tshark, xxd, hexdump and gofmt are commands on PATH;
// ripgrep, libkrb5-dev and libnet-smpp-perl are in the package database.
const TOOLS = ['g++', 'make', 'python3', 'tshark', 'xxd', 'hexdump', 'gofmt'];
const withApt = binDir('with-apt', [...TOOLS, 'apt-get']);
const withoutApt = binDir('without-apt', TOOLS);
const noTshark = binDir('no-tshark', ['g++', 'make', 'python3', 'xxd', 'hexdump', 'gofmt', 'apt-get']);
const noSnippetTools = binDir('no-snippet-tools', ['g++', 'make', 'python3', 'tshark', 'xxd', 'hexdump', 'apt-get']);

/**
 * A machine: its PATH, the packages its database holds, and an apt-get that installs into it.
 * `events` records what was printed and what apt-get was asked, in order.
 */
function machine({ path, packages = ['ripgrep', 'libkrb5-dev', 'libnet-smpp-perl'], isRoot, aptExit = 0, env = {} }) {
  const installed = new Set(packages);
  /** @type {(string | string[])[]} */
  const events = [];
  const options = {
    env: { PATH: path, ...env },
    isRoot,
    dpkgQuery: (names) => names.filter((n) => installed.has(n)),
    runAptGet: async (args) => {
      events.push(['apt-get', ...args]);
      if (aptExit === 0 && args[0] === 'install') for (const name of args.slice(2)) installed.add(name);
      return aptExit;
    },
    log: (line) => events.push(line),
  };
  return { options, events, installed };
}

/** The PreflightError of `run`, which must throw one. */
async function failure(run) {
  const err = await run.then(
    () => assert.fail('the preflight passed'),
    (e) => e,
  );
  assert.ok(err instanceof PreflightError, String(err));
  return err;
}

test('chromium missing, not root: npm start passes; the e2e preflight names chromium, why, and the command', async () => {
  const { options, events } = machine({ path: withoutApt, isRoot: false });

  assert.deepEqual(await preflight('start', options), { installed: [] });
  assert.deepEqual(await preflight('unit', options), { installed: [] });

  const err = await failure(preflight('e2e', options));
  assert.equal(
    err.message,
    [
      'Missing Debian packages for the end-to-end tests:',
      '  - chromium: the headless browser the end-to-end tests drive (/usr/bin/chromium)',
      'Not running as root, so they are not installed here.',
      'Install them with:',
      '  sudo apt-get update && sudo apt-get install -y chromium',
    ].join('\n'),
  );
  assert.deepEqual(err.missing, ['chromium']);
  assert.deepEqual(events, [], 'nothing is installed, nothing printed besides the error');
});

test('root with apt-get: apt-get is asked for exactly the missing packages, after saying which and why', async () => {
  const { options, events, installed } = machine({ path: noTshark, isRoot: true });

  assert.deepEqual(await preflight('start', options), { installed: [] });
  assert.deepEqual(events, [], 'npm start installs nothing: code-server needs neither chromium nor tshark');

  assert.deepEqual(await preflight('e2e', options), { installed: ['chromium', 'tshark'] });
  assert.deepEqual(events.slice(0, 5), [
    [
      'Installing missing Debian packages for the end-to-end tests with apt-get:',
      '  - chromium: the headless browser the end-to-end tests drive (/usr/bin/chromium)',
      "  - tshark: Wireshark's SMPP dissector, which the tests check our PDUs and pcap files against",
    ].join('\n'),
    '$ apt-get update',
    ['apt-get', 'update'],
    '$ apt-get install -y chromium tshark',
    ['apt-get', 'install', '-y', 'chromium', 'tshark'],
  ]);
  assert.match(String(events[5]), /^installed chromium tshark in \d+\.\d s$/);
  assert.equal(events.length, 6);
  assert.ok(installed.has('chromium') && installed.has('tshark'));

  // Once installed, the next run finds nothing to do.
  assert.deepEqual(await preflight('unit', options), { installed: [] });
  assert.equal(events.length, 6);
});

test('the unit preflight asks for tshark alone when it is the one missing', async () => {
  const { options, events } = machine({ path: noTshark, isRoot: true });
  assert.deepEqual(await preflight('unit', options), { installed: ['tshark'] });
  assert.deepEqual(
    events.filter((e) => Array.isArray(e)),
    [
      ['apt-get', 'update'],
      ['apt-get', 'install', '-y', 'tshark'],
    ],
  );
});

test('the unit preflight installs Net::SMPP and gofmt for the snippet tests, saying why', async () => {
  const { options, events } = machine({ path: noSnippetTools, packages: ['ripgrep', 'libkrb5-dev'], isRoot: true });
  assert.deepEqual(await preflight('start', options), { installed: [] });
  assert.deepEqual(await preflight('unit', options), { installed: ['libnet-smpp-perl', 'golang-go'] });
  assert.deepEqual(events[0], [
    'Installing missing Debian packages for the unit tests with apt-get:',
    '  - libnet-smpp-perl: Net::SMPP, with which the tests run the Perl snippets of "Copy as Code" against the simulator',
    '  - golang-go: gofmt, which checks that the Go snippets of "Copy as Code" parse',
  ].join('\n'));
  assert.deepEqual(events.filter((e) => Array.isArray(e)).at(-1), ['apt-get', 'install', '-y', 'libnet-smpp-perl', 'golang-go']);
});

test('apt-get failing: the error names the packages, the exit code and the command to run', async () => {
  const { options } = machine({ path: withApt, isRoot: true, aptExit: 100 });
  const err = await failure(preflight('e2e', options));
  assert.match(err.message, /^Missing Debian packages for the end-to-end tests:\n {2}- chromium: the headless browser/);
  assert.match(err.message, /\napt-get update failed \(exit 100\)\.\nInstall them with:\n {2}apt-get update && apt-get install -y chromium$/);
});

test('root without apt-get on PATH, or with SMPP_NO_APT=1: nothing is installed, the command is printed', async () => {
  const noApt = machine({ path: withoutApt, isRoot: true });
  const err = await failure(preflight('e2e', noApt.options));
  assert.match(err.message, /\napt-get is not on PATH, so they are not installed here \(the names are Debian packages\)\.\nInstall them with:\n {2}apt-get update && apt-get install -y chromium$/);
  assert.deepEqual(noApt.events, []);

  const optOut = machine({ path: withApt, isRoot: true, env: { SMPP_NO_APT: '1' } });
  const err2 = await failure(preflight('e2e', optOut.options));
  assert.match(err2.message, /\nSMPP_NO_APT is set, so they are not installed here\.\n/);
  assert.deepEqual(optOut.events, []);
});

test('what only installing code-server needs is left out once it is installed', async () => {
  // A bare machine: no build tools, no ripgrep, no Kerberos headers.
  const bare = machine({ path: binDir('bare', ['xxd', 'hexdump']), packages: [], isRoot: false });
  const err = await failure(preflight('start', bare.options));
  assert.match(err.message, /^Missing Debian packages for npm start \(to install code-server into \.cache\/code-server\):\n/);
  assert.match(err.message, /\n {2}sudo apt-get update && sudo apt-get install -y ripgrep libkrb5-dev g\+\+ make python3$/);
  assert.match(err.message, /\n {2}- libkrb5-dev: the Kerberos headers, to build code-server's kerberos module\n/);

  assert.deepEqual(await preflight('start', { ...bare.options, codeServerInstalled: true }), { installed: [] });
  const e2e = await failure(preflight('e2e', { ...bare.options, codeServerInstalled: true }));
  assert.deepEqual(e2e.missing, ['chromium', 'tshark']);
});

test('a test file run on its own (install: false) is told what to install, even as root', async () => {
  const { options, events } = machine({ path: withApt, isRoot: true });
  const err = await failure(preflight('e2e', { ...options, install: false }));
  assert.match(err.message, /\n\(`npm start` and `npm test` install them themselves when run as root\.\)\nInstall them with:\n {2}apt-get update && apt-get install -y chromium$/);
  assert.deepEqual(events, []);
});

test('the real package check reads dpkg-query: only "install ok installed" counts', () => {
  const dir = binDir('dpkg', []);
  // dpkg-query -W exits 1 when a name is unknown, and still lists the others.
  writeFileSync(
    join(dir, 'dpkg-query'),
    `#!/bin/sh\nprintf 'chromium\\tinstall ok installed\\ntshark\\tdeinstall ok config-files\\n'\necho "dpkg-query: no packages found matching xxd" >&2\nexit 1\n`,
  );
  chmodSync(join(dir, 'dpkg-query'), 0o755);
  assert.deepEqual(dpkgQuery(['chromium', 'tshark', 'xxd'], { PATH: dir }), ['chromium']);
});
