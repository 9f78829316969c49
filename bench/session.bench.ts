// submit_sm throughput through a whole session, window 100, against a server in its own
// process: our EsmeSession and node-smpp's client, same server, same run. Then the heap across
// many enquire_link round trips on the simulator.
//
//   npm run bench                  # defaults
//   SMPP_BENCH_SUBMITS=100000 SMPP_BENCH_ENQUIRES=1000000 npm run bench
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { EsmeSession } from '../src/smpp/session/esme';
import { tcpConnector } from '../src/smpp/session/transport';
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

const SUBMITS = Number(process.env.SMPP_BENCH_SUBMITS ?? 30_000);
const ENQUIRES = Number(process.env.SMPP_BENCH_ENQUIRES ?? 1_000_000);
const WINDOW = 100;
const ROUNDS = Number(process.env.SMPP_BENCH_ROUNDS ?? 3);

interface Server {
  name: string;
  port: number;
  child: ChildProcess;
}

async function startServer(name: string, args: string[]): Promise<Server> {
  const child = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'inherit'] });
  const rl = createInterface({ input: child.stdout! });
  const [line] = (await once(rl, 'line')) as [string];
  rl.close();
  return { name, port: (JSON.parse(line) as { port: number }).port, child };
}

async function stopServer(s: Server): Promise<void> {
  s.child.stdin?.end();
  if (s.child.exitCode === null) await once(s.child, 'exit');
}

const SUBMIT_BODY = {
  source_addr_ton: 1,
  source_addr_npi: 1,
  source_addr: '447700900000',
  dest_addr_ton: 1,
  dest_addr_npi: 1,
  destination_addr: '447700900123',
  data_coding: 0,
  short_message: 'Benchmark message from SMPP Session Panel',
};

async function ours(port: number, n: number): Promise<number> {
  const s = new EsmeSession({
    connector: tcpConnector({ host: '127.0.0.1', port }),
    bind: { type: 'transceiver', system_id: 'bench', password: 'bench' },
    enquireLinkInterval: 0,
    responseTimeout: 30_000,
    window: WINDOW,
    reconnect: false,
  });
  await s.bind();
  const start = process.hrtime.bigint();
  // Keep the window full without queueing n promises at once: the queue is the engine's, but
  // a real sender also produces as it goes.
  let sent = 0;
  let done = 0;
  await new Promise<void>((resolve, reject) => {
    const next = (): void => {
      while (sent < n && sent - done < WINDOW * 2) {
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
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  await s.unbind();
  return n / seconds;
}

async function nodeSmpp(port: number, n: number): Promise<number> {
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
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  await new Promise<void>((resolve) => session.unbind({}, () => resolve()));
  session.destroy();
  return n / seconds;
}

function fmt(n: number): string {
  return Math.round(n).toLocaleString('en-US').padStart(10);
}

async function throughput(): Promise<void> {
  const servers = [
    await startServer('built-in simulator', ['--import', 'tsx', join(__dirname, 'servers', 'simulator.ts')]),
    await startServer('node-smpp server', [join(__dirname, 'servers', 'node-smpp.cjs')]),
  ];
  try {
    // Pick the faster server, so that the server is not what limits the clients.
    const probe = Math.min(SUBMITS, 10_000);
    const speeds = [];
    for (const s of servers) speeds.push({ s, rate: Math.max(await ours(s.port, probe), await nodeSmpp(s.port, probe)) });
    speeds.sort((a, b) => b.rate - a.rate);
    const server = speeds[0].s;
    console.log(`server: ${server.name} (probe: ${speeds.map((x) => `${x.s.name} ${fmt(x.rate).trim()}/s`).join(', ')})`);
    let bestOurs = 0;
    let bestTheirs = 0;
    for (let r = 0; r < ROUNDS; r++) {
      bestOurs = Math.max(bestOurs, await ours(server.port, SUBMITS));
      bestTheirs = Math.max(bestTheirs, await nodeSmpp(server.port, SUBMITS));
    }
    console.log(`submit_sm, window ${WINDOW}, ${SUBMITS} messages, best of ${ROUNDS}   msg/s`);
    console.log(`ours (EsmeSession)                         ${fmt(bestOurs)}`);
    console.log(`node-smpp client                           ${fmt(bestTheirs)}`);
    console.log(`ratio                                      ${(bestOurs / bestTheirs).toFixed(2).padStart(9)}×  (target ≥ 2×)`);
  } finally {
    for (const s of servers) await stopServer(s);
  }
}

async function heap(): Promise<void> {
  const server = await startServer('built-in simulator', ['--import', 'tsx', join(__dirname, 'servers', 'simulator.ts')]);
  try {
    const s = new EsmeSession({
      connector: tcpConnector({ host: '127.0.0.1', port: server.port }),
      bind: { type: 'transceiver', system_id: 'bench', password: 'bench' },
      enquireLinkInterval: 0,
      responseTimeout: 30_000,
      window: WINDOW,
      reconnect: false,
    });
    await s.bind();
    const gc = (globalThis as { gc?: () => void }).gc;
    const sample = (): number => {
      gc?.();
      return process.memoryUsage().heapUsed / 1024 / 1024;
    };
    const samples: string[] = [`0: ${sample().toFixed(1)} MiB`];
    const step = ENQUIRES / 4;
    const start = process.hrtime.bigint();
    for (let done = 0; done < ENQUIRES; ) {
      const batch = [];
      for (let i = 0; i < WINDOW && done < ENQUIRES; i++, done++) batch.push(s.request('enquire_link'));
      await Promise.all(batch);
      if (done % step === 0) samples.push(`${done.toLocaleString('en-US')}: ${sample().toFixed(1)} MiB`);
    }
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    await s.unbind();
    console.log(`heap across ${ENQUIRES.toLocaleString('en-US')} enquire_link round trips (${Math.round(ENQUIRES / seconds).toLocaleString('en-US')}/s)${gc ? '' : ' (run node with --expose-gc for exact figures)'}:`);
    console.log(`  heap used after N round trips: ${samples.join(' · ')}`);
  } finally {
    await stopServer(server);
  }
}

async function main(): Promise<void> {
  await throughput();
  await heap();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
