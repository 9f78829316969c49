// Starts the simulator and our ESME against it over real loopback TCP, and registers their
// shutdown with the test, so every socket and server is closed even when the test fails.
import type { TestContext } from 'node:test';
import { EsmeSession, type BindParameters, type EsmeOptions, type PduEvent, type SessionState, type StateEvent } from '../../src/smpp/session/esme';
import { tcpConnector } from '../../src/smpp/link/transport';
import type { SmscPduEvent } from '../../src/smpp/simulator/events';
import { SmscSimulator, type SmscOptions } from '../../src/smpp/simulator/smsc';
import { ManualClock } from './manualClock';
import { EventLog, next } from './waitFor';
import { seeded } from './random';

export interface RunningSmsc {
  sim: SmscSimulator;
  port: number;
  /** Every PDU the simulator saw or sent. */
  smscPdus: EventLog<SmscPduEvent>;
}

/** A simulator on a free loopback port, closed when the test ends. */
export async function startSmsc(t: TestContext, options: SmscOptions = {}): Promise<RunningSmsc> {
  const sim = new SmscSimulator({ random: seeded(7), ...options });
  const smscPdus = new EventLog<SmscPduEvent>(sim, 'pdu');
  t.after(async () => {
    smscPdus.stop();
    await sim.close();
  });
  const { port } = await sim.listen();
  return { sim, port, smscPdus };
}

export interface EsmeHarness {
  session: EsmeSession;
  states: EventLog<StateEvent>;
  pdus: EventLog<PduEvent>;
}

export type EsmeTestOptions = Partial<Omit<EsmeOptions, 'bind'>> & { bind?: Partial<BindParameters> };

/** Our ESME, pointed at the simulator over TCP, closed when the test ends. */
export function esmeFor(t: TestContext, port: number, options: EsmeTestOptions = {}): EsmeHarness {
  const { bind, ...rest } = options;
  const session = new EsmeSession({
    connector: tcpConnector({ host: '127.0.0.1', port, connectTimeout: 5_000 }),
    bind: { type: 'transceiver', system_id: 'test', password: 'test', ...bind },
    enquireLinkInterval: 0,
    responseTimeout: 5_000,
    window: 10,
    reconnect: false,
    random: () => 0.5,
    ...rest,
  });
  // Rejections the test does not await (e.g. of requests a fault cuts off) must not crash the run.
  session.on('warning', () => undefined);
  const states = new EventLog<StateEvent>(session, 'state');
  const pdus = new EventLog<PduEvent>(session, 'pdu');
  t.after(() => {
    states.stop();
    pdus.stop();
    session.close('the test ended');
  });
  return { session, states, pdus };
}

/** A manual clock, a simulator on it, and a bound ESME on it. */
export async function boundPair(
  t: TestContext,
  sim: SmscOptions = {},
  esme: EsmeTestOptions = {},
): Promise<RunningSmsc & EsmeHarness & { clock: ManualClock }> {
  const clock = (sim.clock as ManualClock | undefined) ?? new ManualClock();
  // The ESME here sends no keepalive and the test clock runs for minutes: the simulator's
  // inactivity timer is off unless a test asks for it (the timer tests do).
  const smsc = await startSmsc(t, { inactivityTimeout: 0, ...sim, clock });
  const h = esmeFor(t, smsc.port, { clock, ...esme });
  await h.session.bind();
  return { ...smsc, ...h, clock };
}

/** Resolves when the session reaches `state`. */
export function stateReached(session: EsmeSession, state: SessionState): Promise<StateEvent> {
  if (session.state === state) return Promise.resolve({ from: state, to: state, cause: 'already there' });
  return next(session, 'state', (e) => e.to === state);
}

