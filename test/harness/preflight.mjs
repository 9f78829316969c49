// The Debian packages that `npm start` and `npm test` need, per purpose, and why.
//
// - start: what installing code-server into .cache/code-server needs (its native modules are
//   built with node-gyp). Nothing once code-server is installed.
// - e2e:   those, plus the browser the end-to-end tests drive and tshark, which reads the pcap
//          files they export.
// - unit:  the tools whose output the protocol tests cross-check: tshark, xxd, hexdump; and
//          Net::SMPP and gofmt, which run and parse the snippets of "Copy as Code".
//
// preflight() finds the missing ones. Run as root with apt-get on PATH, it installs them
// (saying which and why first, and how long it took); otherwise, or with SMPP_NO_APT=1, it
// stops with the one command that installs them. The package check, the PATH, whether we are
// root and the apt runner can all be given, so that tests install nothing.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

/**
 * @typedef {object} Package
 * @property {string} why        what it is needed for, as the user reads it
 * @property {string[]} commands any of these on PATH counts as installed (e.g. a python3 not
 *   from Debian); empty when only the Debian package will do, because a fixed path is used
 * @property {string[]} files    where dpkg-query is missing: these files count as installed
 * @property {boolean} [build]   needed only to install code-server, not once it is installed
 */

/** @type {Record<string, Package>} */
export const PACKAGES = {
  ripgrep: {
    why: "code-server's install puts /usr/bin/rg into VS Code instead of downloading ripgrep",
    commands: [],
    files: ['/usr/bin/rg'],
    build: true,
  },
  'libkrb5-dev': {
    why: "the Kerberos headers, to build code-server's kerberos module",
    commands: [],
    files: ['/usr/include/krb5.h'],
    build: true,
  },
  'g++': { why: "node-gyp compiles code-server's native modules with it", commands: ['g++'], files: [], build: true },
  make: { why: "node-gyp builds code-server's native modules with it", commands: ['make'], files: [], build: true },
  python3: { why: 'node-gyp runs on it', commands: ['python3'], files: [], build: true },
  chromium: {
    why: 'the headless browser the end-to-end tests drive (/usr/bin/chromium)',
    commands: [],
    files: ['/usr/bin/chromium'],
  },
  tshark: {
    why: "Wireshark's SMPP dissector, which the tests check our PDUs and pcap files against",
    commands: ['tshark'],
    files: [],
  },
  xxd: { why: "the hex input tests read xxd's output", commands: ['xxd'], files: [] },
  bsdextrautils: { why: 'hexdump -C, whose output the hex input tests read', commands: ['hexdump'], files: [] },
  'libnet-smpp-perl': {
    why: 'Net::SMPP, with which the tests run the Perl snippets of "Copy as Code" against the simulator',
    commands: [],
    files: ['/usr/share/perl5/Net/SMPP.pm'],
  },
  'golang-go': { why: 'gofmt, which checks that the Go snippets of "Copy as Code" parse', commands: ['gofmt'], files: [] },
};

const CODE_SERVER_BUILD = Object.keys(PACKAGES).filter((name) => PACKAGES[name].build);

/** Each purpose: whom the packages are for, and which. */
export const PURPOSES = {
  start: { title: 'npm start (to install code-server into .cache/code-server)', packages: CODE_SERVER_BUILD },
  e2e: { title: 'the end-to-end tests', packages: [...CODE_SERVER_BUILD, 'chromium', 'tshark'] },
  unit: { title: 'the unit tests', packages: ['tshark', 'xxd', 'bsdextrautils', 'libnet-smpp-perl', 'golang-go'] },
};

/** Thrown when packages are missing and were not installed; its message says what to run. */
export class PreflightError extends Error {
  /** @param {string} message @param {string[]} missing */
  constructor(message, missing) {
    super(message);
    this.name = 'PreflightError';
    this.missing = missing;
  }
}

function isExecutable(file) {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** Whether `command` is an executable file in one of PATH's folders. */
export function onPath(command, env = process.env) {
  return (env.PATH ?? '')
    .split(path.delimiter)
    .filter(Boolean)
    .some((dir) => isExecutable(path.join(dir, command)));
}

/**
 * The real package check: the names among `names` that dpkg-query reports installed. Without
 * dpkg-query, the packages whose files exist.
 * @param {string[]} names
 * @param {NodeJS.ProcessEnv} env
 * @returns {string[]}
 */
export function dpkgQuery(names, env = process.env) {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Package}\\t${Status}\\n', ...names], { env, encoding: 'utf8' });
  if (r.error) return names.filter((name) => PACKAGES[name]?.files.length && PACKAGES[name].files.every((f) => fs.existsSync(f)));
  // dpkg-query exits 1 when one of the names is unknown, and still lists the others.
  return r.stdout
    .split('\n')
    .map((line) => line.split('\t'))
    .filter(([name, status]) => names.includes(name) && status === 'install ok installed')
    .map(([name]) => name);
}

/** Runs `apt-get <args>` with no questions asked; resolves with its exit code. */
export function runAptGet(args, env = process.env) {
  return new Promise((resolve, reject) => {
    const child = spawn('apt-get', args, { env: { ...env, DEBIAN_FRONTEND: 'noninteractive' }, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

/**
 * @typedef {object} PreflightOptions
 * @property {NodeJS.ProcessEnv} [env] PATH for the command checks, and SMPP_NO_APT
 * @property {(names: string[], env: NodeJS.ProcessEnv) => string[]} [dpkgQuery] which of the names are installed
 * @property {boolean} [isRoot]
 * @property {(args: string[], env: NodeJS.ProcessEnv) => Promise<number>} [runAptGet]
 * @property {boolean} [install] false: never install, only report
 * @property {boolean} [codeServerInstalled] leave out what only installing code-server needs
 * @property {(line: string) => void} [log]
 */

function withDefaults(options) {
  const env = options.env ?? process.env;
  return {
    env,
    dpkgQuery: options.dpkgQuery ?? dpkgQuery,
    isRoot: options.isRoot ?? process.getuid?.() === 0,
    runAptGet: options.runAptGet ?? runAptGet,
    install: options.install ?? true,
    noApt: /^(1|true|yes)$/i.test(env.SMPP_NO_APT ?? ''),
    codeServerInstalled: options.codeServerInstalled ?? false,
    log: options.log ?? ((line) => process.stderr.write(`[preflight] ${line}\n`)),
  };
}

function wanted(purpose, codeServerInstalled) {
  const entry = PURPOSES[purpose];
  if (!entry) throw new Error(`unknown preflight purpose ${JSON.stringify(purpose)}; one of ${Object.keys(PURPOSES).join(', ')}`);
  return codeServerInstalled ? entry.packages.filter((name) => !PACKAGES[name].build) : entry.packages;
}

/**
 * The packages of `purpose` that are missing, in the order PURPOSES lists them.
 * @param {keyof typeof PURPOSES} purpose
 * @param {PreflightOptions} [options]
 */
export function missingPackages(purpose, options = {}) {
  const o = withDefaults(options);
  return missingOf(wanted(purpose, o.codeServerInstalled), o);
}

function missingOf(names, o) {
  const byCommand = names.filter((name) => !PACKAGES[name].commands.some((c) => onPath(c, o.env)));
  if (byCommand.length === 0) return [];
  const installed = new Set(o.dpkgQuery(byCommand, o.env));
  return byCommand.filter((name) => !installed.has(name));
}

const listed = (names) => names.map((name) => `  - ${name}: ${PACKAGES[name].why}`).join('\n');

/**
 * Makes sure the packages `purpose` needs are there: installs the missing ones when it can,
 * and throws a PreflightError naming them, why, and the command to run when it cannot.
 * @param {keyof typeof PURPOSES} purpose
 * @param {PreflightOptions} [options]
 * @returns {Promise<{ installed: string[] }>}
 */
export async function preflight(purpose, options = {}) {
  const o = withDefaults(options);
  const title = PURPOSES[purpose]?.title;
  const missing = missingOf(wanted(purpose, o.codeServerInstalled), o);
  if (missing.length === 0) return { installed: [] };

  const sudo = o.isRoot ? '' : 'sudo ';
  const command = `${sudo}apt-get update && ${sudo}apt-get install -y ${missing.join(' ')}`;
  const header = `Missing Debian packages for ${title}:\n${listed(missing)}`;
  const fail = (reason) => new PreflightError(`${header}\n${reason}\nInstall them with:\n  ${command}`, missing);
  if (!o.install) throw fail('(`npm start` and `npm test` install them themselves when run as root.)');
  if (o.noApt) throw fail('SMPP_NO_APT is set, so they are not installed here.');
  if (!o.isRoot) throw fail('Not running as root, so they are not installed here.');
  if (!onPath('apt-get', o.env)) throw fail('apt-get is not on PATH, so they are not installed here (the names are Debian packages).');

  o.log(`Installing missing Debian packages for ${title} with apt-get:\n${listed(missing)}`);
  const started = performance.now();
  for (const args of [['update'], ['install', '-y', ...missing]]) {
    o.log(`$ apt-get ${args.join(' ')}`);
    const code = await o.runAptGet(args, o.env);
    if (code !== 0) throw fail(`apt-get ${args[0]} failed (exit ${code}).`);
  }
  const still = missingOf(missing, o);
  if (still.length > 0) throw fail(`apt-get install succeeded, but ${still.join(', ')} still ${still.length === 1 ? 'is' : 'are'} not installed.`);
  o.log(`installed ${missing.join(' ')} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return { installed: missing };
}
