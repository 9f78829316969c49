// What the session benchmarks share: servers in their own process, the submit_sm they send, and
// node-smpp's client loop that our code is compared with.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
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
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  await new Promise<void>((resolve) => session.unbind({}, () => resolve()));
  session.destroy();
  return n / seconds;
}

export function fmt(n: number): string {
  return Math.round(n).toLocaleString('en-US').padStart(10);
}
