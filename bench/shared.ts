// What the session benchmarks share: servers in their own process, our session bound to one,
// the submit_sm they send, node-smpp's client loop that our code is compared with, and how the
// comparison is measured and printed.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { EsmeSession } from '../src/smpp/session/esme';
import { tcpConnector } from '../src/smpp/link/transport';
import { bundled, median, runs } from './roles';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const smpp = require('smpp') as {
  connect(options: { host: string; port: number }, listener?: () => void): NodeSmppSession;
};

interface NodeSmppPdu {
  command_status: number;
}
interface NodeSmppSession {
  bind_transceiver(options: Record<string, unknown>, cb: (pdu: NodeSmppPdu) => void): void;
  submit_sm(options: Record<string, unknown>, cb: (pdu: NodeSmppPdu) => void): void;
  unbind(options: Record<string, unknown>, cb: (pdu: NodeSmppPdu) => void): void;
  on(event: string, cb: (...args: unknown[]) => void): void;
  close(): void;
  destroy(): void;
}

export const WINDOW = 100;
/** Runs per figure (SMPP_BENCH_ROUNDS, default 5, never fewer than 3); each figure is their median, with the range. */
export const ROUNDS = runs(5);

export interface Server {
  name: string;
  port: number;
  child: ChildProcess;
  /** How it is stopped: its stdin closed (the bench servers), or SIGTERM (the CLI). */
  stopWith?: 'stdin' | 'SIGTERM';
}

/**
 * A server in its own Node process. A bench server script prints {"port":N} and runs until stdin
 * closes; the CLI's simulator prints its listening line (`portLine` finds the port in it) and runs
 * until SIGTERM. What it prints after that is read and dropped, as a terminal would take it.
 */
export async function startServer(name: string, args: string[], portLine?: RegExp): Promise<Server> {
  const child = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'inherit'] });
  const rl = createInterface({ input: child.stdout! });
  let port: number | undefined;
  while (port === undefined) {
    const [line] = (await once(rl, 'line')) as [string];
    if (portLine === undefined) port = (JSON.parse(line) as { port: number }).port;
    else if (portLine.test(line)) port = Number(portLine.exec(line)![1]);
  }
  rl.close();
  child.stdout!.on('data', () => undefined).resume();
  return { name, port, child, stopWith: portLine === undefined ? 'stdin' : 'SIGTERM' };
}

export function startSimulatorServer(): Promise<Server> {
  return startServer('built-in simulator', ['--import', 'tsx', join(__dirname, 'servers', 'simulator.ts')]);
}

export function startNodeSmppServer(): Promise<Server> {
  return startServer('node-smpp server', [join(__dirname, 'servers', 'node-smpp.cjs')]);
}

/** The raw server (bench/servers/raw.ts): pre-encoded answers, nothing decoded. */
export function startRawServer(): Promise<Server> {
  return startServer('raw server', ['--import', 'tsx', join(__dirname, 'servers', 'raw.ts')]);
}

/**
 * `smpp-panel simulator --port 0 --receipt-delay 0 [extra]` as the product ships it (src/cli/main.ts
 * bundled), its output read by this process; `--quiet` among `extra` turns its log off.
 */
export async function startCliSimulator(...extra: string[]): Promise<Server> {
  const cli = await bundled(join(__dirname, '..', 'src', 'cli', 'main.ts'));
  const name = `CLI simulator${extra.includes('--quiet') ? ' --quiet' : ', logging'}`;
  return startServer(name, [cli, 'simulator', '--port', '0', '--receipt-delay', '0', ...extra], / listening on [^ ]+:(\d+) /);
}

export async function stopServer(s: Server): Promise<void> {
  if (s.stopWith === 'SIGTERM') s.child.kill('SIGTERM');
  else s.child.stdin?.end();
  if (s.child.exitCode === null && s.child.signalCode === null) await once(s.child, 'exit');
}

/** Starts the servers one after the other, runs `fn` with them, and stops them whatever happens. */
export async function withServers<T>(starts: Array<() => Promise<Server>>, fn: (servers: Server[]) => Promise<T>): Promise<T> {
  const servers: Server[] = [];
  try {
    for (const start of starts) servers.push(await start());
    return await fn(servers);
  } finally {
    for (const s of servers) await stopServer(s);
  }
}

/** Our EsmeSession bound as a transceiver to a bench server: window WINDOW, no keepalive, no reconnect. */
export async function bindEsme(port: number, window = WINDOW): Promise<EsmeSession> {
  const session = new EsmeSession({
    connector: tcpConnector({ host: '127.0.0.1', port }),
    bind: { type: 'transceiver', system_id: 'bench', password: 'bench' },
    enquireLinkInterval: 0,
    responseTimeout: 30_000,
    window,
    reconnect: false,
  });
  await session.bind();
  return session;
}

/**
 * Our EsmeSession, freshly bound, keeping `window` submit_sm in flight until `n` are answered,
 * then unbound; msg/s. The engine's queue stays short: a real sender produces as it goes.
 */
export async function esmeSubmits(port: number, n: number, window = WINDOW): Promise<number> {
  const s = await bindEsme(port, window);
  const start = process.hrtime.bigint();
  let sent = 0;
  let done = 0;
  await new Promise<void>((resolve, reject) => {
    const next = (): void => {
      while (sent < n && sent - done < window * 2) {
        sent++;
        s.request('submit_sm', SUBMIT_BODY).then(() => {
          done++;
          if (done === n) resolve();
          else next();
        }, reject);
      }
    };
    next();
  });
  const seconds = secondsSince(start);
  await s.unbind();
  return n / seconds;
}

/** Seconds since `start`, a process.hrtime.bigint() reading. */
export function secondsSince(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e9;
}

export const SUBMIT_BODY = {
  source_addr_ton: 1,
  source_addr_npi: 1,
  source_addr: '447700900000',
  dest_addr_ton: 1,
  dest_addr_npi: 1,
  destination_addr: '447700900123',
  data_coding: 0,
  short_message: 'Benchmark message from SMPP Session Panel',
};

/** node-smpp's client bound as a transceiver; close() unbinds and destroys it. */
export async function connectNodeSmpp(port: number): Promise<{ session: NodeSmppSession; close(): Promise<void> }> {
  const session = smpp.connect({ host: '127.0.0.1', port });
  session.on('error', () => undefined);
  await new Promise<void>((resolve, reject) =>
    session.bind_transceiver({ system_id: 'bench', password: 'bench' }, (pdu) => (pdu.command_status === 0 ? resolve() : reject(new Error('bind failed')))),
  );
  return {
    session,
    async close() {
      await new Promise<void>((resolve) => session.unbind({}, () => resolve()));
      session.destroy();
    },
  };
}

/** node-smpp's client keeping WINDOW submit_sm in flight until n are answered; msg/s. */
export async function nodeSmpp(port: number, n: number): Promise<number> {
  const { session, close } = await connectNodeSmpp(port);
  const start = process.hrtime.bigint();
  let sent = 0;
  let done = 0;
  await new Promise<void>((resolve) => {
    const next = (): void => {
      while (sent < n && sent - done < WINDOW) {
        sent++;
        session.submit_sm({ ...SUBMIT_BODY }, () => {
          done++;
          if (done === n) resolve();
          else next();
        });
      }
    };
    next();
  });
  const seconds = secondsSince(start);
  await close();
  return n / seconds;
}

export function fmt(n: number): string {
  return Math.round(n).toLocaleString('en-US').padStart(10);
}

/** The median of a figure's runs and their range: `1.52× (1.31–1.70)`, `12,345 (11,002–13,100)`. */
export function spread(xs: readonly number[], format: (x: number) => string): string {
  return `${format(median(xs))} (${format(Math.min(...xs))}–${format(Math.max(...xs))})`;
}

const thousands = (x: number): string => Math.round(x).toLocaleString('en-US');
const times = (x: number): string => `${x.toFixed(2)}×`;

/**
 * Runs every side once per round, in turn (so that what else the machine does falls on all of them
 * alike), ROUNDS rounds; each side's figures by round.
 */
export async function alternate<K extends string>(sides: Record<K, () => Promise<number>>): Promise<Record<K, number[]>> {
  const out = {} as Record<K, number[]>;
  for (const k of Object.keys(sides) as K[]) out[k] = [];
  for (let r = 0; r < ROUNDS; r++) for (const k of Object.keys(sides) as K[]) out[k].push(await sides[k]());
  return out;
}

/** Round by round, a / b. */
export function ratios(a: readonly number[], b: readonly number[]): number[] {
  return a.map((x, i) => x / b[i]!);
}

/** One line of figures: the label, then the median and range of its runs, msg/s. */
export function printRate(label: string, xs: readonly number[]): void {
  console.log(`  ${label.padEnd(46)}${spread(xs, thousands)} msg/s`);
}

/** A ratio's line: the median and range of the per-round ratio, and whether the median meets the goal (none when 0). */
export function printGoal(label: string, xs: readonly number[], goal: number): void {
  const m = median(xs);
  console.log(`  ${label.padEnd(46)}${spread(xs, times)}${goal > 0 ? `   goal ≥ ${goal}× ${m >= goal ? 'met' : 'NOT MET'}` : ''}`);
}

/** Runs a benchmark's main; a failure prints and exits 1. */
export function runBench(main: () => Promise<void>): void {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
