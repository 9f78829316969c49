// The simulator as a connection file asks for it: `"simulator": { "deliveryReceiptDelay": 2 }`
// (seconds, as in the file, converted here to the simulator's milliseconds; command_status by
// name or number), started on a free loopback port for one connection.
import type { Clock } from '../link/clock';
import { STATUS } from '../tables/values';
import type { SmscFaults, ThrottleFault } from './faults';
import { attachLog } from './log';
import type { ReceiptStateName, SmscRule, SmscScenario } from './scenarios';
import { DEFAULT_INACTIVITY_TIMEOUT, DEFAULT_SESSION_INIT_TIMEOUT, SmscSimulator, type SmscAccount, type SmscOptions } from './smsc';

/** A scenario rule as the file writes it: delays in seconds, the status by name or number. */
export interface EmbeddedRule {
  destination: string;
  submitStatus?: number | string;
  responseDelay?: number;
  noResponse?: boolean;
  receipt?: { state?: string; error?: number; delay?: number };
  moReply?: string;
}

/** The faults as the file writes them: the response delay in seconds, rejectBind by name or number. */
export interface EmbeddedFaults {
  responseDelay?: number;
  dropEnquireLinkResp?: boolean;
  rejectBind?: number | string;
  throttle?: ThrottleFault;
  closeMidPdu?: boolean;
  garbageLength?: number;
}

export interface EmbeddedSimulatorOptions {
  /** Seconds before a receipt is sent. Default 2. */
  deliveryReceiptDelay?: number;
  /** Seconds between MO messages; 0 = none. */
  moInterval?: number;
  /** Seconds of silence before the simulator sends enquire_link; 0 = never. */
  enquireLinkInterval?: number;
  /** Seconds a connection has to bind before it is closed (SMPP 5.0 session_init_timer); 0 = never. Default 60. */
  sessionInitTimer?: number;
  /** Seconds without a PDU from the ESME before its connection is closed (SMPP 5.0 inactivity_timer); 0 = never. Default 300. */
  inactivityTimer?: number;
  /**
   * Throttle submits with ESME_RTHROTTLED from the start, as an SMSC with a throughput licence
   * does: `{ perSecond: 50 }` or `{ everyNth: 10 }`. Set as the simulator's initial faults, so
   * `simulator.setFaults({ throttle: undefined })` switches it off at run time.
   */
  throttle?: ThrottleFault;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0: a free port. */
  port?: number;
  /** The credentials accepted, passwords resolved. */
  accounts?: readonly SmscAccount[];
  /** By destination; the first that matches wins. */
  rules?: readonly EmbeddedRule[];
  /** Percentages of final receipt states, adding up to 100. */
  receiptStates?: Readonly<Partial<Record<string, number>>>;
  /** On from the start. */
  faults?: EmbeddedFaults;
  /** [0, 1): the receipt state mix draws from it (tests inject their own). */
  random?: () => number;
  /** Receives one line per PDU and per event. */
  log?: (line: string) => void;
  clock?: Clock;
}

export interface RunningSimulator {
  readonly host: string;
  readonly port: number;
  readonly simulator: SmscSimulator;
  /** Stops listening, closes every connection and clears every timer. */
  close(): Promise<void>;
}

/** The simulator's options (milliseconds) from the embedded ones (seconds, as in the file). */
export function embeddedSmscOptions(options: EmbeddedSimulatorOptions = {}): SmscOptions {
  const seconds = (v: number | undefined, fallback: number): number => Math.round((v ?? fallback) * 1000);
  const faults = smscFaults(options.faults, options.throttle);
  const scenario = smscScenario(options.rules, options.receiptStates);
  return {
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 0,
    deliveryReceiptDelay: seconds(options.deliveryReceiptDelay, 2),
    moInterval: seconds(options.moInterval, 0),
    enquireLinkInterval: seconds(options.enquireLinkInterval, 0),
    sessionInitTimeout: seconds(options.sessionInitTimer, DEFAULT_SESSION_INIT_TIMEOUT / 1000),
    inactivityTimeout: seconds(options.inactivityTimer, DEFAULT_INACTIVITY_TIMEOUT / 1000),
    ...(faults === undefined ? {} : { faults }),
    ...(scenario === undefined ? {} : { scenario }),
    ...(options.accounts === undefined ? {} : { accounts: options.accounts }),
    ...(options.clock === undefined ? {} : { clock: options.clock }),
    ...(options.random === undefined ? {} : { random: options.random }),
  };
}

/** A command_status from its name or number; a RangeError names an unknown name. */
export function commandStatus(v: number | string, what: string): number {
  if (typeof v === 'number') return v;
  if (!Object.hasOwn(STATUS, v)) throw new RangeError(`${what}: ${JSON.stringify(v)} is not a command_status name (such as "ESME_RSUBMITFAIL")`);
  return STATUS[v as keyof typeof STATUS];
}

/** The simulator's faults (ms, numbers) from the file's, with the simulator block's throttle. */
export function smscFaults(f: EmbeddedFaults | undefined, throttle?: ThrottleFault): SmscFaults | undefined {
  if (f === undefined && throttle === undefined) return undefined;
  const out: SmscFaults = {};
  if (f?.responseDelay !== undefined && f.responseDelay > 0) out.responseDelay = Math.round(f.responseDelay * 1000);
  if (f?.dropEnquireLinkResp === true) out.dropEnquireLinkResp = true;
  if (f?.rejectBind !== undefined) out.rejectBind = commandStatus(f.rejectBind, 'faults.rejectBind');
  const t = f?.throttle ?? throttle;
  if (t !== undefined) out.throttle = t;
  if (f?.closeMidPdu === true) out.closeMidPdu = true;
  if (f?.garbageLength !== undefined) out.garbageLength = f.garbageLength;
  return out;
}

/** The simulator's scenario (ms, numbers) from the file's rules and mix; undefined without either. */
export function smscScenario(rules: readonly EmbeddedRule[] | undefined, receiptStates: EmbeddedSimulatorOptions['receiptStates']): SmscScenario | undefined {
  if (rules === undefined && receiptStates === undefined) return undefined;
  const ms = (v: number): number => Math.round(v * 1000);
  const out: SmscScenario = {
    ...(rules === undefined
      ? {}
      : {
          rules: rules.map((r, i): SmscRule => {
            const rule: SmscRule = { destination: r.destination };
            if (r.submitStatus !== undefined) rule.submitStatus = commandStatus(r.submitStatus, `rules[${i}].submitStatus`);
            if (r.responseDelay !== undefined) rule.responseDelay = ms(r.responseDelay);
            if (r.noResponse === true) rule.noResponse = true;
            if (r.receipt !== undefined) {
              rule.receipt = {};
              if (r.receipt.state !== undefined) rule.receipt.state = r.receipt.state as ReceiptStateName;
              if (r.receipt.error !== undefined) rule.receipt.error = r.receipt.error;
              if (r.receipt.delay !== undefined) rule.receipt.delay = ms(r.receipt.delay);
            }
            if (r.moReply !== undefined) rule.moReply = r.moReply;
            return rule;
          }),
        }),
    ...(receiptStates === undefined ? {} : { receiptStates: receiptStates as SmscScenario['receiptStates'] }),
  };
  return out;
}

export async function startSimulator(options: EmbeddedSimulatorOptions = {}): Promise<RunningSimulator> {
  const simulator = new SmscSimulator(embeddedSmscOptions(options));
  const detach = options.log ? attachLog(simulator, options.log) : undefined;
  try {
    const { host, port } = await simulator.listen();
    return {
      host,
      port,
      simulator,
      close: async () => {
        await simulator.close();
        detach?.();
      },
    };
  } catch (err) {
    detach?.();
    await simulator.close();
    throw err;
  }
}
