// The load test tests' shared parts: a finished run's data, the panel's settings and a snapshot as fixtures,
// and driving a load test on a manual clock against the simulator over real loopback TCP (time
// only moves when nothing is on the wire, and then only to the next timer that is due, so pacing,
// throttle pauses and receipt delays run in clock time without sleeping).
import type { LoadViewSettings, LoadViewSnapshot } from '../../../src/shared/loadTestMessages';
import type { LoadTestData } from '../../../src/smpp/loadtest';
import type { EsmeSession } from '../../../src/smpp/session/esme';
import type { SmscSimulator } from '../../../src/smpp/simulator/smsc';
import type { ManualClock } from '../../support/manualClock';

/**
 * A finished run of 25 messages at 10/s, window 5: one failed (throttled), two throttling pauses,
 * 20 receipts (18 DELIVRD, 2 UNDELIV; 4 outstanding, 1 unmatched), over three seconds. A new object
 * each call; `over` replaces whole fields.
 */
export function loadTestData(over: Partial<LoadTestData> = {}): LoadTestData {
  return {
    startedAt: 1_767_225_600_000,
    endedAt: 1_767_225_602_500,
    durationMs: 2_500,
    running: false,
    cancelled: false,
    settings: { count: 25, rate: 10, window: 5, from: '12345', to: '447700900000-447700900009', dataCoding: 0, octets: 28, receipts: true, receiptWait: 10_000, maxOutstandingReceipts: 100_000 },
    totals: { requested: 25, submitted: 25, acknowledged: 24, failed: 1, receipts: 20, throttled: 2, inFlight: 0 },
    achievedRate: 9.8,
    rtt: { samples: 24, min: 1, mean: 3.5, p50: 3, p90: 6, p99: 9, max: 9 },
    errors: { ESME_RTHROTTLED: 1 },
    throttles: [
      { at: 310, status: 'ESME_RTHROTTLED', delay: 75 },
      { at: 1_400, status: 'ESME_RTHROTTLED', delay: 150 },
    ],
    series: [
      { second: 0, submitted: 10, acknowledged: 10, failed: 0, receipts: 8, throttled: 1, notDelivered: 0, receiptMs: 40.5 },
      { second: 1, submitted: 10, acknowledged: 9, failed: 1, receipts: 8, throttled: 1, notDelivered: 2, receiptMs: 52 },
      { second: 2, submitted: 5, acknowledged: 5, failed: 0, receipts: 4, throttled: 0, notDelivered: 0, receiptMs: 0.4 },
    ],
    receipts: {
      asked: true,
      matched: 20,
      intermediate: 0,
      outstanding: 4,
      unmatched: 1,
      notTracked: 0,
      states: { DELIVRD: 18, UNDELIV: 2 },
      latency: { samples: 20, min: 0.4, mean: 41.2, p50: 40.1, p90: 60, p99: 75.3, max: 75.3 },
      waiting: false,
    },
    ...over,
  };
}

/** The settings of a run of 1000 generated messages as fast as a window of 10 allows (50 asked). */
export function viewSettings(over: Partial<LoadViewSettings> = {}): LoadViewSettings {
  return {
    connection: 'Local simulator',
    count: 1000,
    rate: 0,
    window: 10,
    askedWindow: 50,
    sessionWindow: 10,
    to: '447700900000-447700900999',
    from: '',
    message: 'generated, 160 characters (GSM-7)',
    receipts: true,
    receiptWait: 10_000,
    unbindAtEnd: true,
    ...over,
  };
}

/** A snapshot 2.5 s into that run: 400 submitted, 8 in flight, a throttling pause, three points. */
export function viewSnapshot(over: Partial<LoadViewSnapshot> = {}): LoadViewSnapshot {
  return {
    running: true,
    cancelled: false,
    stopReason: '',
    durationMs: 2500,
    totals: { requested: 1000, submitted: 400, acknowledged: 390, failed: 2, receipts: 300, throttled: 1, inFlight: 8 },
    achievedRate: 156.2,
    rtt: { samples: 390, min: 1, mean: 3.4, p50: 3, p90: 6, p99: 9, max: 12 },
    errors: [{ status: 'ESME_RTHROTTLED', count: 2 }],
    throttles: [{ at: 1200, status: 'ESME_RTHROTTLED', delay: 250 }],
    throttlesOmitted: 0,
    bucketSeconds: 1,
    series: [
      { second: 0, submitted: 200, acknowledged: 195, failed: 1, receipts: 100, throttled: 0, notDelivered: 0 },
      { second: 1, submitted: 200, acknowledged: 195, failed: 1, receipts: 200, throttled: 1, notDelivered: 3 },
      { second: 2, submitted: 0.5, acknowledged: 0, failed: 0, receipts: 0, throttled: 0, notDelivered: 0 },
    ],
    receipts: {
      matched: 300,
      intermediate: 0,
      outstanding: 90,
      unmatched: 0,
      notTracked: 0,
      states: [
        { state: 'DELIVRD', count: 297 },
        { state: 'UNDELIV', count: 3 },
      ],
      latency: { samples: 300, min: 1.2, mean: 20.4, p50: 18.5, p90: 31, p99: 44.9, max: 50.1 },
      waiting: false,
    },
    ...over,
  };
}

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
