// One of our roles in its own Node process, for the benches that watch it from outside
// (bench/roles.ts runs it bundled, with --expose-gc). Prints {"port":N} once ready, runs until
// stdin closes, then prints one line of what it saw (its peak memory, and what its capture
// holds) and exits.
//
//   role.ts simulator               the SMSC simulator, as bench/servers/simulator.ts runs it
//   role.ts proxy <upstream port>   an SmppProxy in front of 127.0.0.1:<port>, as the extension host
//                                   runs it: attachProxyCapture(proxy, new CaptureStore(10_000), 'bench')
//   role.ts esme <smsc port>        an EsmeSession bound as a transceiver to 127.0.0.1:<port> with the
//                                   product's defaults (window 10, enquire_link after 30 s of silence,
//                                   10 s response timeout), feeding a CaptureStore(10_000) as the
//                                   session manager does; prints the port it bound to
import { readFileSync } from 'node:fs';
import { CaptureStore } from '../../src/smpp/capture';
import { tcpConnector } from '../../src/smpp/link/transport';
import { attachProxyCapture } from '../../src/smpp/proxy/capture';
import { SmppProxy } from '../../src/smpp/proxy/proxy';
import { EsmeSession } from '../../src/smpp/session/esme';
import { SmscSimulator } from '../../src/smpp/simulator/smsc';

/** What the role prints when stdin closes. Memory in octets. */
export interface RoleReport {
  role: string;
  /** RSS once the role was ready (listening, or bound). */
  rssReady: number;
  /** The largest RSS seen by sampling every 20 ms. */
  rssSampled: number;
  /** The kernel's high-water mark of the RSS (VmHWM), where /proc has it. */
  vmHwm?: number;
  /** The largest heapUsed seen by the same sampling. */
  heapSampled: number;
  /** heapUsed after a full collection at the end (run node with --expose-gc): what is still held. */
  heapAfterGc?: number;
  /** Records in the role's capture, and how many it dropped to stay within 10 000. */
  captured?: number;
  dropped?: number;
  /** PDUs read from the peer and written to it (the ESME). */
  pdus?: { in: number; out: number };
}

const [role, portArg] = process.argv.slice(2);
let rssSampled = 0;
let heapSampled = 0;
const sample = (): void => {
  const m = process.memoryUsage();
  rssSampled = Math.max(rssSampled, m.rss);
  heapSampled = Math.max(heapSampled, m.heapUsed);
};
setInterval(sample, 20);

function vmHwm(): number | undefined {
  try {
    const m = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    return m ? Number(m[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

async function start(): Promise<{ port: number; extra: () => Partial<RoleReport>; stop: () => Promise<void> }> {
  const peer = Number(portArg);
  switch (role) {
    case 'simulator': {
      const sim = new SmscSimulator({ host: '127.0.0.1', port: 0, deliveryReceiptDelay: 0, enquireLinkInterval: 0, moInterval: 0 });
      const { port } = await sim.listen();
      return { port, extra: () => ({}), stop: () => sim.close() };
    }
    case 'proxy': {
      const proxy = new SmppProxy({ port: 0, upstream: tcpConnector({ host: '127.0.0.1', port: peer }) });
      const store = new CaptureStore(10_000);
      attachProxyCapture(proxy, store, 'bench');
      const { port } = await proxy.listen();
      return { port, extra: () => ({ captured: store.size, dropped: store.dropped }), stop: () => proxy.close() };
    }
    case 'esme': {
      const session = new EsmeSession({
        connector: tcpConnector({ host: '127.0.0.1', port: peer }),
        bind: { type: 'transceiver', system_id: 'bench', password: 'bench' },
        enquireLinkInterval: 30_000,
        responseTimeout: 10_000,
        window: 10,
        reconnect: false,
      });
      const store = new CaptureStore(10_000);
      session.on('pdu', (e) => store.add('bench', e));
      session.on('warning', () => undefined);
      await session.bind();
      return {
        port: peer,
        extra: () => ({ captured: store.size, dropped: store.dropped, pdus: { ...session.counters } }),
        stop: async () => session.close(),
      };
    }
    default:
      throw new Error(`role must be simulator, proxy or esme, not ${String(role)}`);
  }
}

start().then(
  ({ port, extra, stop }) => {
    sample();
    const rssReady = process.memoryUsage().rss;
    process.stdout.write(JSON.stringify({ port }) + '\n');
    process.stdin.resume();
    process.stdin.on('end', () => {
      sample();
      const hwm = vmHwm();
      const report: RoleReport = { role: role!, rssReady, rssSampled, heapSampled, ...extra() };
      if (hwm !== undefined) report.vmHwm = hwm;
      const gc = (globalThis as { gc?: () => void }).gc;
      if (gc) {
        gc();
        report.heapAfterGc = process.memoryUsage().heapUsed;
      }
      process.stdout.write(JSON.stringify(report) + '\n', () => {
        // Close cleanly when it can; a peer that never answers an unbind does not hold the exit up.
        const timer = setTimeout(() => process.exit(0), 2_000);
        void stop().finally(() => {
          clearTimeout(timer);
          process.exit(0);
        });
      });
    });
  },
  (err: unknown) => {
    console.error(`role ${String(role)}: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
