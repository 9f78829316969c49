// What the session benchmarks share: servers in their own process, our session bound to one,
// the submit_sm they send, node-smpp's client loop that our code is compared with, and how the
// comparison is measured and printed.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { EsmeSession } from '../src/smpp/session/esme';
import { tcpConnector } from '../src/smpp/link/transport';
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
/** How often each side runs; the best run counts. */
export const ROUNDS = Number(process.env.SMPP_BENCH_ROUNDS ?? 3);

export interface Server {
  name: string;
  port: number;
  child: ChildProcess;
}

/** A bench server script in its own Node process; it prints {"port":N} and runs until stdin closes. */
export async function startServer(name: string, args: string[]): Promise<Server> {
  const child = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'inherit'] });
  const rl = createInterface({ input: child.stdout! });
  const [line] = (await once(rl, 'line')) as [string];
  rl.close();
  return { name, port: (JSON.parse(line) as { port: number }).port, child };
}

export function startSimulatorServer(): Promise<Server> {
  return startServer('built-in simulator', ['--import', 'tsx', join(__dirname, 'servers', 'simulator.ts')]);
}

export function startNodeSmppServer(): Promise<Server> {
  return startServer('node-smpp server', [join(__dirname, 'servers', 'node-smpp.cjs')]);
}

export async function stopServer(s: Server): Promise<void> {
  s.child.stdin?.end();
  if (s.child.exitCode === null) await once(s.child, 'exit');
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

/** node-smpp's client keeping WINDOW submit_sm in flight until n are answered; msg/s. */
export async function nodeSmpp(port: number, n: number): Promise<number> {
  const session = smpp.connect({ host: '127.0.0.1', port });
  session.on('error', () => undefined);
  await new Promise<void>((resolve, reject) =>
    session.bind_transceiver({ system_id: 'bench', password: 'bench' }, (pdu) => (pdu.command_status === 0 ? resolve() : reject(new Error('bind failed')))),
  );
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
  await new Promise<void>((resolve) => session.unbind({}, () => resolve()));
  session.destroy();
  return n / seconds;
}

export function fmt(n: number): string {
  return Math.round(n).toLocaleString('en-US').padStart(10);
}

/** One side of a comparison: its label, its best msg/s, and what its line says after the figure. */
export interface Side {
  label: string;
  rate: number;
  /** Printed right after the figure, leading spaces included. */
  note?: string;
}

/**
 * Prints a comparison: the heading (then "msg/s"), our line, node-smpp's line, and the ratio of
 * ours to theirs (then `ratioNote`, leading spaces included), figures in one column.
 */
export function printComparison(heading: string, ours: Side, theirs: Side, ratioNote = ''): void {
  console.log(`${heading}   msg/s`);
  for (const side of [ours, theirs]) console.log(`${side.label.padEnd(43)}${fmt(side.rate)}${side.note ?? ''}`);
  console.log(`${'ratio'.padEnd(43)}${(ours.rate / theirs.rate).toFixed(2).padStart(9)}×${ratioNote}`);
}

/** Runs ours, then theirs, ROUNDS times over; the best run of each by msg/s. */
export async function bestOfRounds<T extends { rate: number }>(ours: () => Promise<T>, theirs: () => Promise<number>): Promise<{ ours: T; theirs: number }> {
  let best: T | undefined;
  let bestTheirs = 0;
  for (let r = 0; r < ROUNDS; r++) {
    const run = await ours();
    if (best === undefined || run.rate > best.rate) best = run;
    bestTheirs = Math.max(bestTheirs, await theirs());
  }
  if (best === undefined) throw new Error(`SMPP_BENCH_ROUNDS must be 1 or more, not ${ROUNDS}`);
  return { ours: best, theirs: bestTheirs };
}

/** Runs a benchmark's main; a failure prints and exits 1. */
export function runBench(main: () => Promise<void>): void {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
