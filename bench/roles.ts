// What the proxy and flood benchmarks share: one of our roles in its own process
// (bench/servers/role.ts) with the report it prints when it stops, medians, and megabytes.
//
// The role runs from an esbuild bundle, as the product ships its code (dist/*.js), not through
// tsx: tsx's loader alone adds some 40 MB of RSS to a process, which would blur a memory figure.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { build } from 'esbuild';
import type { RoleReport } from './servers/role';

export type { RoleReport } from './servers/role';

/** Runs per figure: SMPP_BENCH_ROUNDS, default `byDefault`, never fewer than 3. */
export function runs(byDefault: number): number {
  return Math.max(3, Number(process.env.SMPP_BENCH_ROUNDS ?? byDefault));
}

export interface Role {
  port: number;
  child: ChildProcess;
  /** Closes the role's stdin; resolves with its report once it has exited. */
  finish(): Promise<RoleReport>;
}

const bundles = new Map<string, Promise<string>>();

/** A TypeScript entry point bundled once per process into a temporary folder, removed at exit; its path. */
export function bundled(entry: string): Promise<string> {
  let bundle = bundles.get(entry);
  if (bundle === undefined) {
    bundle = (async () => {
      const dir = mkdtempSync(join(tmpdir(), 'smpp-bench-'));
      process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
      const outfile = join(dir, 'bundle.js');
      // ES module builds first, as esbuild.js builds the product: some UMD builds (jsonc-parser's) need files a bundle lacks.
      await build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'cjs', target: 'node20', mainFields: ['module', 'main'], outfile, logLevel: 'warning' });
      return outfile;
    })();
    bundles.set(entry, bundle);
  }
  return bundle;
}

/** bench/servers/role.ts, bundled. */
function roleBundle(): Promise<string> {
  return bundled(join(__dirname, 'servers', 'role.ts'));
}

/** Starts bench/servers/role.ts (bundled) with `args` and waits for the port it prints. */
export async function startRole(...args: string[]): Promise<Role> {
  const child = spawn(process.execPath, ['--expose-gc', await roleBundle(), ...args], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines: string[] = [];
  let wake: (() => void) | undefined;
  const rl = createInterface({ input: child.stdout! });
  rl.on('line', (line) => {
    lines.push(line);
    wake?.();
  });
  let exited = false;
  child.once('exit', () => {
    exited = true;
    wake?.();
  });
  const nextLine = async (): Promise<string> => {
    while (lines.length === 0) {
      if (exited) throw new Error(`role ${args.join(' ')} exited (code ${child.exitCode}) without printing`);
      await new Promise<void>((resolve) => (wake = resolve));
      wake = undefined;
    }
    return lines.shift()!;
  };
  const port = (JSON.parse(await nextLine()) as { port: number }).port;
  return {
    port,
    child,
    async finish() {
      child.stdin!.end();
      const report = JSON.parse(await nextLine()) as RoleReport;
      if (child.exitCode === null && child.signalCode === null) await once(child, 'exit');
      return report;
    },
  };
}

/** The larger of the sampled RSS and the kernel's high-water mark, octets. */
export function peakRss(r: RoleReport): number {
  return Math.max(r.rssSampled, r.vmHwm ?? 0);
}

export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export function mb(octets: number): string {
  return (octets / 1024 / 1024).toFixed(1);
}

export function thousands(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}
