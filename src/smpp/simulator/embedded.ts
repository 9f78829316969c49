// The simulator as a connection file asks for it: `"simulator": { "deliveryReceiptDelay": 2 }`
// (seconds, as in the file, converted here to the simulator's milliseconds), started on a free
// loopback port for one connection.
import type { Clock } from '../link/clock';
import type { ThrottleFault } from './faults';
import { attachLog } from './log';
import { DEFAULT_INACTIVITY_TIMEOUT, DEFAULT_SESSION_INIT_TIMEOUT, SmscSimulator, type SmscAccount, type SmscOptions } from './smsc';

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
  accounts?: readonly SmscAccount[];
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
  return {
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 0,
    deliveryReceiptDelay: seconds(options.deliveryReceiptDelay, 2),
    moInterval: seconds(options.moInterval, 0),
    enquireLinkInterval: seconds(options.enquireLinkInterval, 0),
    sessionInitTimeout: seconds(options.sessionInitTimer, DEFAULT_SESSION_INIT_TIMEOUT / 1000),
    inactivityTimeout: seconds(options.inactivityTimer, DEFAULT_INACTIVITY_TIMEOUT / 1000),
    ...(options.throttle === undefined ? {} : { faults: { throttle: options.throttle } }),
    ...(options.accounts === undefined ? {} : { accounts: options.accounts }),
    ...(options.clock === undefined ? {} : { clock: options.clock }),
  };
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
