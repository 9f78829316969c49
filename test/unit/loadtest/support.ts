// Driving a load test on a manual clock against the simulator over real loopback TCP: time only
// moves when nothing is on the wire, and then only to the next timer that is due, so pacing,
// throttle pauses and receipt delays run in clock time without sleeping.
import type { EsmeSession } from '../../../src/smpp/session/esme';
import type { SmscSimulator } from '../../../src/smpp/simulator/smsc';
import type { ManualClock } from '../../support/manualClock';

/** One turn of the event loop: lets socket callbacks and the promise jobs they start run. */
function turn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Resolves at the next PDU either side reads or writes, a state change, or when `work` settles. */
function activity(session: EsmeSession, sim: SmscSimulator, work: Promise<unknown>): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      session.off('pdu', done);
      session.off('state', done);
      sim.off('pdu', done);
      resolve();
    };
    session.on('pdu', done);
    session.on('state', done);
    sim.on('pdu', done);
    work.then(done, done);
  });
}

/**
 * Resolves with `work`'s result, moving `clock` to its next due timer whenever neither the
 * session nor the simulator waits for an answer (the simulator must answer at once, not after a
 * delay on this clock). Throws if nothing is in flight, no timer is set and `work` still waits.
 */
export async function drive<T>(clock: ManualClock, session: EsmeSession, sim: SmscSimulator, work: Promise<T>): Promise<T> {
  let settled = false;
  const done = work.finally(() => {
    settled = true;
  });
  const busy = (): boolean => session.outstanding > 0 || sim.connections.some((c) => c.outstanding > 0);
  for (;;) {
    await turn();
    if (settled) return done;
    if (busy()) {
      // A response or a request of the simulator's is on its way over TCP.
      await activity(session, sim, done);
      continue;
    }
    const due = clock.nextDue;
    if (due === undefined) {
      await turn();
      if (settled) return done;
      if (!busy() && clock.nextDue === undefined) throw new Error('the load test waits for nothing: no request in flight and no timer set');
      continue;
    }
    clock.advance(due);
  }
}
