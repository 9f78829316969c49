// `smpp-panel simulator`: runs the built-in SMSC simulator standalone and logs one line per PDU
// (direction, peer, command, sequence, status) until SIGINT or SIGTERM. The lines of one turn of
// the event loop leave in one write; while the output is not read, lines are counted, not kept.
import { systemClock, type Clock } from '../smpp/link/clock';
import type { SmscListenAddress } from '../smpp/simulator/events';
import type { ThrottleFault } from '../smpp/simulator/faults';
import { attachLog, batchLines } from '../smpp/simulator/log';
import { DEFAULT_INACTIVITY_TIMEOUT, DEFAULT_SESSION_INIT_TIMEOUT, SmscSimulator, type SmscAccount } from '../smpp/simulator/smsc';

export const SIMULATOR_USAGE = `usage: smpp-panel simulator [options]

Runs the built-in SMSC simulator and logs every PDU. Ctrl+C (SIGINT) or SIGTERM stops it.
While the output is not read fast enough, lines are skipped and a line says how many.

options:
  --port N               port to listen on (default 2775; 0 picks a free port)
  --host ADDRESS         address to listen on (default 127.0.0.1, loopback only)
  --receipt-delay MS     delivery receipts this many ms after the submit (default 1000)
  --enquire-link MS      send enquire_link after this many ms of silence (default 0: never)
  --mo-interval MS       send a mobile-originated message this often (default 0: never)
  --session-init-timer SECONDS
                         close a connection not bound within this long (default 60; 0: never)
  --inactivity-timer SECONDS
                         close a connection whose ESME sends nothing for this long (default 300; 0: never)
  --system-id ID         system_id in bind responses (default SMSCSIM)
  --account ID:PASSWORD  accept only these credentials (repeat for more; default: accept all)
  --throttle-per-second N
                         answer submits beyond N in any second with ESME_RTHROTTLED (1..100000)
  --throttle-every-nth N
                         answer every Nth submit with ESME_RTHROTTLED (2..1000000)
  --quiet                no line per PDU, receipt or MO; connections, binds, unbinds,
                         faults and warnings are still logged
`;

/** The bounds a connection file's `"simulator": { "throttle": ... }` has too. */
const THROTTLE_PER_SECOND_MAX = 100_000;
const THROTTLE_EVERY_NTH_MAX = 1_000_000;
/** The bound of the file's `sessionInitTimer` and `inactivityTimer`: a day, in seconds. */
const TIMER_MAX_SECONDS = 86_400;

export interface SimulatorCommandOptions {
  host: string;
  port: number;
  receiptDelay: number;
  enquireLinkInterval: number;
  moInterval: number;
  /** ms (the flag is in seconds); 0 = never. */
  sessionInitTimeout: number;
  /** ms (the flag is in seconds); 0 = never. */
  inactivityTimeout: number;
  systemId: string;
  accounts?: SmscAccount[];
  /** Throttle submits from the start (per connection). */
  throttle?: ThrottleFault;
  /** No line per PDU, receipt or MO. */
  quiet?: boolean;
}

export type ParsedSimulatorArgs = { options: SimulatorCommandOptions; help?: false } | { help: true } | { error: string };

/** Reads the command line; `--flag value` and `--flag=value` both work. */
export function parseSimulatorArgs(args: readonly string[]): ParsedSimulatorArgs {
  const options: SimulatorCommandOptions = {
    host: '127.0.0.1',
    port: 2775,
    receiptDelay: 1000,
    enquireLinkInterval: 0,
    moInterval: 0,
    sessionInitTimeout: DEFAULT_SESSION_INIT_TIMEOUT,
    inactivityTimeout: DEFAULT_INACTIVITY_TIMEOUT,
    systemId: 'SMSCSIM',
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--help' || arg === '-h') return { help: true };
    if (arg === '--quiet') {
      options.quiet = true;
      continue;
    }
    const eq = arg.indexOf('=');
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    const inline = eq > 0 ? arg.slice(eq + 1) : undefined;
    const value = (): string | undefined => inline ?? args[++i];
    const number = (name: string, max: number): number | string => {
      const v = value();
      if (v === undefined) return `${name} needs a value`;
      if (!/^\d+$/.test(v) || Number(v) > max) return `${name} must be a whole number 0..${max}, got ${JSON.stringify(v)}`;
      return Number(v);
    };
    const between = (name: string, min: number, max: number): number | string => {
      const v = value();
      if (v === undefined) return `${name} needs a value`;
      if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max) return `${name} must be a whole number ${min}..${max}, got ${JSON.stringify(v)}`;
      return Number(v);
    };
    let n: number | string;
    switch (flag) {
      case '--port':
        n = number('--port', 65535);
        if (typeof n === 'string') return { error: n };
        options.port = n;
        break;
      case '--receipt-delay':
        n = number('--receipt-delay', 86_400_000);
        if (typeof n === 'string') return { error: n };
        options.receiptDelay = n;
        break;
      case '--enquire-link':
        n = number('--enquire-link', 86_400_000);
        if (typeof n === 'string') return { error: n };
        options.enquireLinkInterval = n;
        break;
      case '--mo-interval':
        n = number('--mo-interval', 86_400_000);
        if (typeof n === 'string') return { error: n };
        options.moInterval = n;
        break;
      case '--session-init-timer':
        n = number('--session-init-timer', TIMER_MAX_SECONDS);
        if (typeof n === 'string') return { error: n };
        options.sessionInitTimeout = n * 1000;
        break;
      case '--inactivity-timer':
        n = number('--inactivity-timer', TIMER_MAX_SECONDS);
        if (typeof n === 'string') return { error: n };
        options.inactivityTimeout = n * 1000;
        break;
      case '--throttle-per-second':
      case '--throttle-every-nth': {
        const perSecond = flag === '--throttle-per-second';
        n = perSecond ? between(flag, 1, THROTTLE_PER_SECOND_MAX) : between(flag, 2, THROTTLE_EVERY_NTH_MAX);
        if (typeof n === 'string') return { error: n };
        if (options.throttle !== undefined) return { error: 'give one of --throttle-per-second and --throttle-every-nth, once' };
        options.throttle = perSecond ? { perSecond: n } : { everyNth: n };
        break;
      }
      case '--host': {
        const v = value();
        if (!v) return { error: '--host needs an address' };
        options.host = v;
        break;
      }
      case '--system-id': {
        const v = value();
        if (v === undefined || v.length === 0 || v.length > 15) return { error: '--system-id needs 1 to 15 characters' };
        options.systemId = v;
        break;
      }
      case '--account': {
        const v = value();
        const colon = v?.indexOf(':') ?? -1;
        if (v === undefined || colon <= 0) return { error: '--account needs ID:PASSWORD' };
        (options.accounts ??= []).push({ system_id: v.slice(0, colon), password: v.slice(colon + 1) });
        break;
      }
      default:
        return { error: `unknown option ${JSON.stringify(arg)}` };
    }
  }
  return { options };
}

export interface SimulatorRunIo {
  /** Writes to the output; false, as a stream's write, when its buffer is over its high-water mark. */
  out: (s: string) => unknown;
  /** Calls `listener` once, when the output has drained after `out` returned false. */
  onceDrain?: (listener: () => void) => void;
  err: (s: string) => void;
  /** Stops the simulator when aborted (besides SIGINT and SIGTERM). */
  signal?: AbortSignal;
  /** Called once listening. */
  onListening?: (address: SmscListenAddress) => void;
  /** Listen for SIGINT and SIGTERM. Default true. */
  handleSignals?: boolean;
  clock?: Clock;
}

/** Runs until stopped; resolves with the exit code (0 stopped cleanly, 1 could not start, 2 usage). */
export async function runSimulator(args: readonly string[], io: SimulatorRunIo): Promise<number> {
  const parsed = parseSimulatorArgs(args);
  if ('error' in parsed) {
    io.err(`smpp-panel simulator: ${parsed.error}\n${SIMULATOR_USAGE}`);
    return 2;
  }
  if (parsed.help === true) {
    io.out(SIMULATOR_USAGE);
    return 0;
  }
  const o = parsed.options;
  const clock = io.clock ?? systemClock();
  const sim = new SmscSimulator({
    host: o.host,
    port: o.port,
    systemId: o.systemId,
    deliveryReceiptDelay: o.receiptDelay,
    enquireLinkInterval: o.enquireLinkInterval,
    moInterval: o.moInterval,
    sessionInitTimeout: o.sessionInitTimeout,
    inactivityTimeout: o.inactivityTimeout,
    clock,
    ...(o.throttle === undefined ? {} : { faults: { throttle: o.throttle } }),
    ...(o.accounts === undefined ? {} : { accounts: o.accounts }),
  });
  const lines = batchLines({ write: io.out, onceDrain: io.onceDrain });
  // Many lines share a millisecond: its timestamp is formatted once.
  let stampedAt = NaN;
  let stamp = '';
  const detach = attachLog(
    sim,
    (line) => {
      const now = clock.now();
      if (now !== stampedAt) {
        stampedAt = now;
        stamp = new Date(now).toISOString();
      }
      lines.line(`${stamp} ${line}`);
    },
    { perMessage: o.quiet !== true },
  );
  let address: SmscListenAddress;
  try {
    address = await sim.listen();
  } catch (e) {
    io.err(`smpp-panel simulator: ${(e as Error).message}\n`);
    detach();
    await sim.close();
    lines.flush();
    return 1;
  }
  const accounts = o.accounts === undefined ? 'any system_id and password' : o.accounts.map((a) => a.system_id).join(', ');
  io.out(`SMSC simulator listening on ${address.host}:${address.port} (system_id ${o.systemId}; accepts ${accounts}; receipts after ${o.receiptDelay} ms${throttleText(o.throttle)}). Ctrl+C stops it.\n`);
  io.onListening?.(address);

  const why = await new Promise<string>((resolve) => {
    const signals = io.handleSignals !== false;
    const onSigint = (): void => finish('SIGINT');
    const onSigterm = (): void => finish('SIGTERM');
    const onAbort = (): void => finish('stopped');
    function finish(reason: string): void {
      if (signals) {
        process.off('SIGINT', onSigint);
        process.off('SIGTERM', onSigterm);
      }
      io.signal?.removeEventListener('abort', onAbort);
      resolve(reason);
    }
    if (signals) {
      process.on('SIGINT', onSigint);
      process.on('SIGTERM', onSigterm);
    }
    if (io.signal?.aborted) finish('stopped');
    else io.signal?.addEventListener('abort', onAbort, { once: true });
  });
  await sim.close();
  detach();
  lines.flush();
  io.out(`SMSC simulator stopped (${why}).\n`);
  return 0;
}

/** `; throttles submits beyond 50 a second`, for the listening line; '' without a throttle. */
function throttleText(t: ThrottleFault | undefined): string {
  if (t === undefined) return '';
  if (t === 'all') return '; throttles every submit';
  if ('perSecond' in t) return `; throttles submits beyond ${t.perSecond} a second`;
  return `; throttles one submit in ${t.everyNth}`;
}

/**
 * For `main()`, which returns an exit code at once: checks the arguments (exit 2 on a mistake),
 * then runs the simulator in the background. A failure to start sets process.exitCode to 1; a
 * clean stop leaves it at 0 and the process ends once the server is closed.
 */
export function simulatorCommand(args: readonly string[], out: (s: string) => unknown, err: (s: string) => void): number {
  const parsed = parseSimulatorArgs(args);
  if ('error' in parsed) {
    err(`smpp-panel simulator: ${parsed.error}\n${SIMULATOR_USAGE}`);
    return 2;
  }
  // main's `out` writes to process.stdout, whose drain tells when it takes more.
  void runSimulator(args, { out, err, onceDrain: (listener) => process.stdout.once('drain', listener) }).then((code) => {
    if (code !== 0) process.exitCode = code;
  });
  return 0;
}
