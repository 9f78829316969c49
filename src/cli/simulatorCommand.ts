// `smpp-panel simulator`: runs the built-in SMSC simulator standalone and logs one line per PDU
// (direction, peer, command, sequence, status) until SIGINT or SIGTERM. The lines of one turn of
// the event loop leave in one write; while the output is not read, lines are counted, not kept.
// `--config FILE` takes a connection's simulator block (rules, receipt states, accounts, faults,
// timers); a flag given as well wins over the file.
import { parseConnectionFile, type ParsedConnection } from '../config/connectionFile';
import { PasswordError } from '../config/passwords';
import { simulatorRunOptions } from '../config/simulatorOptions';
import { systemClock, type Clock } from '../smpp/link/clock';
import { smscFaults, smscScenario, type EmbeddedSimulatorOptions } from '../smpp/simulator/embedded';
import type { SmscListenAddress } from '../smpp/simulator/events';
import type { SmscFaults, ThrottleFault } from '../smpp/simulator/faults';
import { attachLog, batchLines } from '../smpp/simulator/log';
import type { SmscScenario } from '../smpp/simulator/scenarios';
import { DEFAULT_INACTIVITY_TIMEOUT, DEFAULT_SESSION_INIT_TIMEOUT, SmscSimulator, type SmscAccount } from '../smpp/simulator/smsc';
import { readConnectionFile } from './files';
import { untilStopped } from './untilStopped';

export const SIMULATOR_USAGE = `usage: smpp-panel simulator [options]

Runs the built-in SMSC simulator and logs every PDU. Ctrl+C (SIGINT) or SIGTERM stops it.
While the output is not read fast enough, lines are skipped and a line says how many.

options:
  --config FILE          take the simulator settings (rules by destination, receipt states,
                         accounts, faults, timers) of a connection in this .smpp.json file;
                         the flags below, when given, win over the file
  --connection NAME      the connection whose "simulator" block to take (default: the
                         file's only connection with one)
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
  /** A connection file whose simulator block to take. */
  config?: string;
  /** The connection in it, by name. */
  connection?: string;
  /** With `config`: the flags given, which win over the file. */
  given?: string[];
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
  const given = new Set<string>();
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
    given.add(flag);
    switch (flag) {
      case '--config':
      case '--connection': {
        const v = value();
        if (!v) return { error: `${flag} needs ${flag === '--config' ? 'a file' : 'a connection name'}` };
        if (flag === '--config') options.config = v;
        else options.connection = v;
        break;
      }
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
  if (options.connection !== undefined && options.config === undefined) return { error: '--connection needs --config FILE' };
  if (options.config !== undefined) options.given = [...given].filter((f) => f !== '--config' && f !== '--connection');
  return { options };
}

/** What a connection file adds to the command line's options. */
interface FromFile {
  options: SimulatorCommandOptions;
  scenario?: SmscScenario;
  faults?: SmscFaults;
  /** `connection "Local simulator" of demo.smpp.json`, for the listening line. */
  source: string;
}

/**
 * The options with a connection's simulator block under them (a flag given wins), or what to
 * print when the file, the connection or its block cannot be used.
 */
export function simulatorFromFile(o: SimulatorCommandOptions, env: Record<string, string | undefined>): FromFile | { error: string } {
  const file = o.config as string;
  const read = readConnectionFile(file);
  if ('error' in read) return { error: read.error };
  const parsed = parseConnectionFile(read.text);
  const fileErrors = parsed.problems.filter((p) => p.severity === 'error');
  if (fileErrors.length > 0) return { error: fileErrors.map((p) => `${file}:${p.line}:${p.column}: error: ${p.message}`).join('\n') };
  const withSimulator = parsed.connections.filter((c) => c.definition.simulator !== undefined);
  let chosen: ParsedConnection | undefined;
  if (o.connection !== undefined) {
    chosen = parsed.connections.find((c) => c.definition.name === o.connection);
    if (!chosen) return { error: `${file} has no connection named ${JSON.stringify(o.connection)}; it has ${names(parsed.connections)}` };
    if (!chosen.definition.simulator) return { error: `${file}: connection ${JSON.stringify(o.connection)} has no "simulator" block; these have one: ${names(withSimulator)}` };
  } else if (withSimulator.length === 1) {
    chosen = withSimulator[0];
  } else {
    return { error: withSimulator.length === 0 ? `${file} has no connection with a "simulator" block` : `${file} has ${withSimulator.length} connections with a "simulator" block; name one with --connection: ${names(withSimulator)}` };
  }
  const errors = chosen.problems.filter((p) => p.severity === 'error');
  if (errors.length > 0) return { error: errors.map((p) => `${file}:${p.line}:${p.column}: error: ${p.message}`).join('\n') };
  let sim: EmbeddedSimulatorOptions;
  try {
    sim = simulatorRunOptions(chosen.definition.simulator!, env);
  } catch (e) {
    if (e instanceof PasswordError) return { error: `${file}: ${chosen.definition.name}: ${e.message}` };
    throw e;
  }
  const given = new Set(o.given ?? []);
  const ms = (seconds: number | undefined, fallback: number): number => (seconds === undefined ? fallback : Math.round(seconds * 1000));
  const options: SimulatorCommandOptions = { ...o };
  if (!given.has('--receipt-delay')) options.receiptDelay = ms(sim.deliveryReceiptDelay, o.receiptDelay);
  if (!given.has('--enquire-link')) options.enquireLinkInterval = ms(sim.enquireLinkInterval, o.enquireLinkInterval);
  if (!given.has('--mo-interval')) options.moInterval = ms(sim.moInterval, o.moInterval);
  if (!given.has('--session-init-timer')) options.sessionInitTimeout = ms(sim.sessionInitTimer, o.sessionInitTimeout);
  if (!given.has('--inactivity-timer')) options.inactivityTimeout = ms(sim.inactivityTimer, o.inactivityTimeout);
  if (!given.has('--account') && sim.accounts !== undefined) options.accounts = [...sim.accounts];
  const flagThrottle = given.has('--throttle-per-second') || given.has('--throttle-every-nth');
  let faults: SmscFaults | undefined;
  try {
    faults = smscFaults(sim.faults, flagThrottle ? undefined : sim.throttle);
  } catch (e) {
    return { error: `${file}: ${chosen.definition.name}: ${(e as Error).message}` };
  }
  if (faults?.throttle !== undefined && !flagThrottle) options.throttle = faults.throttle;
  if (faults) delete faults.throttle;
  const scenario = smscScenario(sim.rules, sim.receiptStates);
  return {
    options,
    ...(scenario === undefined ? {} : { scenario }),
    ...(faults === undefined || Object.keys(faults).length === 0 ? {} : { faults }),
    source: `connection ${JSON.stringify(chosen.definition.name)} of ${file}`,
  };
}

function names(list: readonly ParsedConnection[]): string {
  return list.length === 0 ? '(none)' : list.map((c) => JSON.stringify(c.definition.name)).join(', ');
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
  /** Where `${env:NAME}` passwords of the file's accounts come from. Default process.env. */
  env?: Record<string, string | undefined>;
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
  let o = parsed.options;
  let fromFile: FromFile | undefined;
  if (o.config !== undefined) {
    const loaded = simulatorFromFile(o, io.env ?? process.env);
    if ('error' in loaded) {
      io.err(`smpp-panel simulator: ${loaded.error}\n`);
      return 1;
    }
    fromFile = loaded;
    o = loaded.options;
  }
  const clock = io.clock ?? systemClock();
  const faults: SmscFaults = { ...fromFile?.faults, ...(o.throttle === undefined ? {} : { throttle: o.throttle }) };
  let sim: SmscSimulator;
  try {
    sim = new SmscSimulator({
      host: o.host,
      port: o.port,
      systemId: o.systemId,
      deliveryReceiptDelay: o.receiptDelay,
      enquireLinkInterval: o.enquireLinkInterval,
      moInterval: o.moInterval,
      sessionInitTimeout: o.sessionInitTimeout,
      inactivityTimeout: o.inactivityTimeout,
      clock,
      ...(Object.keys(faults).length === 0 ? {} : { faults }),
      ...(fromFile?.scenario === undefined ? {} : { scenario: fromFile.scenario }),
      ...(o.accounts === undefined ? {} : { accounts: o.accounts }),
    });
  } catch (e) {
    io.err(`smpp-panel simulator: ${(e as Error).message}\n`);
    return 1;
  }
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
  io.out(`SMSC simulator listening on ${address.host}:${address.port} (system_id ${o.systemId}; accepts ${accounts}; receipts after ${o.receiptDelay} ms${throttleText(o.throttle)}${scenarioText(fromFile)}). Ctrl+C stops it.\n`);
  io.onListening?.(address);

  const why = await untilStopped(io);
  await sim.close();
  detach();
  lines.flush();
  io.out(`SMSC simulator stopped (${why}).\n`);
  return 0;
}

/** `; 2 rules, receipt states DELIVRD 90% UNDELIV 10%, faults rejectBind; from connection "X" of f.smpp.json`, for the listening line. */
function scenarioText(f: FromFile | undefined): string {
  if (f === undefined) return '';
  const parts: string[] = [];
  const rules = f.scenario?.rules?.length ?? 0;
  if (rules > 0) parts.push(`${rules} rule${rules === 1 ? '' : 's'} by destination`);
  const mix = Object.entries(f.scenario?.receiptStates ?? {});
  if (mix.length > 0) parts.push(`receipt states ${mix.map(([k, v]) => `${k} ${v}%`).join(' ')}`);
  const faults = Object.keys(f.faults ?? {});
  if (faults.length > 0) parts.push(`faults ${faults.join(', ')}`);
  parts.push(`from ${f.source}`);
  return `; ${parts.join(', ')}`;
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
