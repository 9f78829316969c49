// Activation: what every window that activates the extension pays. The extension host's bundles are
// built as `npm run package` builds them (node esbuild.js --production) into a temporary folder;
// then, in each of several fresh Node processes (bench/activationHost.ts), `vscode` is a stub and
// dist/extension.js is required and activate() runs. Prints the median of require plus activate(),
// and the size of the bundle files loaded by then against the 261 KB that loaded at activation when
// everything did (issue 12). The goals are printed, never enforced. `--quick` runs fewer processes.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { build } from 'esbuild';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { HOST_BUNDLES, targets } = require('../esbuild.js') as {
  HOST_BUNDLES: Record<string, string>;
  targets(options: { production: boolean; outdir: string }): Array<Parameters<typeof build>[0] & { outfile: string }>;
};

const RUNS = process.argv.includes('--quick') ? 5 : 15;
const BEFORE_KIB = 261;
const GOAL_MS = 20;
const GOAL_KIB = BEFORE_KIB / 2;

interface Run {
  requireMs: number;
  activateMs: number;
  loaded: string[];
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
const kib = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KiB`;

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'smpp-activation-bench-'));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  const dist = join(dir, 'dist');
  const host = new Set(Object.keys(HOST_BUNDLES).map((name) => join(dist, `${name}.js`)));
  await Promise.all(targets({ production: true, outdir: dist }).filter((t) => host.has(t.outfile)).map((t) => build(t)));
  const runner = join(dir, 'activationHost.js');
  await build({ entryPoints: [join(__dirname, 'activationHost.ts')], bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile: runner, logLevel: 'warning' });

  const runs: Run[] = [];
  for (let i = 0; i < RUNS; i++) {
    const r = spawnSync(process.execPath, [runner, join(dist, 'extension.js')], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`activation failed (exit ${r.status}):\n${r.stderr}`);
    runs.push(JSON.parse(r.stdout) as Run);
  }

  const total = runs.map((r) => r.requireMs + r.activateMs);
  const ms = median(total);
  console.log(`production bundle, vscode stub, ${RUNS} fresh processes (median, min–max in ms):`);
  console.log(`  require(dist/extension.js)   ${median(runs.map((r) => r.requireMs)).toFixed(1)}`);
  console.log(`  activate()                   ${median(runs.map((r) => r.activateMs)).toFixed(1)}`);
  console.log(`  require + activate()         ${ms.toFixed(1)}  (${Math.min(...total).toFixed(1)}–${Math.max(...total).toFixed(1)})  goal < ${GOAL_MS}: ${ms < GOAL_MS ? 'met' : 'not met'}`);

  const loaded = new Set(runs.flatMap((r) => r.loaded));
  const bytes = [...loaded].reduce((n, f) => n + statSync(f).size, 0);
  const names = [...loaded].map((f) => basename(f)).join(', ');
  console.log(`loaded at activation: ${names}, ${kib(bytes)} (${BEFORE_KIB} KiB before)  goal ≤ ${GOAL_KIB} KiB: ${bytes / 1024 <= GOAL_KIB ? 'met' : 'not met'}`);
  const later = [...host].filter((f) => !loaded.has(f)).map((f) => `${basename(f)} ${kib(statSync(f).size)}`);
  console.log(`loaded at first use: ${later.join(', ')}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
