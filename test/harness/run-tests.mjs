// Runs every `*.test.ts` / `*.test.mjs` file under the given folders (or the given files) with Node's own test
// runner, loading TypeScript through tsx. Node 20's `--test` does not expand globs itself.
// First, the Debian packages those tests need (preflight.mjs): the `unit` ones for files under
// test/unit, the `e2e` ones for files under test/e2e; installed when run as root with apt-get.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { REPO_ROOT, codeServerInstalled } from './codeServer.mjs';
import { PreflightError, preflight } from './preflight.mjs';

const roots = process.argv.slice(2);
if (roots.length === 0) {
  console.error('usage: node test/harness/run-tests.mjs <folder|file> [<folder|file> ...]');
  process.exit(2);
}

function collect(dir, out) {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) collect(path, out);
    else if (/\.test\.(ts|mjs)$/.test(name)) out.push(path);
  }
  return out;
}

const files = roots.flatMap((r) => (statSync(r).isDirectory() ? collect(r, []) : [r]));
if (files.length === 0) {
  console.error(`no test files under ${roots.join(', ')}`);
  process.exit(1);
}

const under = (folder) => files.some((f) => relative(REPO_ROOT, resolve(f)).startsWith(join('test', folder) + sep));
try {
  if (under('unit')) await preflight('unit');
  if (under('e2e')) await preflight('e2e', { codeServerInstalled: codeServerInstalled() });
} catch (err) {
  if (!(err instanceof PreflightError)) throw err;
  console.error(err.message);
  process.exit(1);
}

const args = ['--import', 'tsx', '--test', '--test-reporter=spec'];
if (process.env.TEST_CONCURRENCY) args.push(`--test-concurrency=${process.env.TEST_CONCURRENCY}`);
const result = spawnSync(process.execPath, [...args, ...files], { stdio: 'inherit' });
process.exit(result.status ?? 1);
