// Faults the simulator can inject, switched on and off at run time for the whole simulator or
// for one connection. Each has one defined effect; the tests pin the ESME's outcome for each.
import type { WirePdu } from '../link/wire';

/** How submits are throttled with ESME_RTHROTTLED (0x58). */
export type ThrottleFault =
  /** Every submit. */
  | 'all'
  /** Every Nth submit on the connection (the 2nd, 4th, … for 2). */
  | { everyNth: number }
  /** Submits beyond this many accepted in the trailing second on the connection. */
  | { perSecond: number };

export interface SmscFaults {
  /**
   * Delay every response by this many ms (clock time). A function picks the delay per request,
   * e.g. to answer the first submit after the later ones. 0 answers at once.
   */
  responseDelay?: number | ((request: WirePdu) => number);
  /** Leave enquire_link unanswered. */
  dropEnquireLinkResp?: boolean;
  /** Refuse every bind with this command_status (e.g. STATUS.ESME_RBINDFAIL). 0 = off. */
  rejectBind?: number;
  /** Answer submit_sm, submit_multi and data_sm with ESME_RTHROTTLED. */
  throttle?: ThrottleFault;
  /** One-shot: write the first half of the next PDU this side sends, then close the socket. */
  closeMidPdu?: boolean;
  /**
   * One-shot: send the next PDU with this command_length in place of the true one (0xFFFFFFFF
   * has the top bit set, 8 is shorter than the header). The rest of the PDU is sent as it is.
   */
  garbageLength?: number;
}

export type SmscFaultName = keyof SmscFaults;

/** Faults that fire once and then switch themselves off. */
export const ONE_SHOT_FAULTS: readonly SmscFaultName[] = ['closeMidPdu', 'garbageLength'];

/** Merges `update` into `base`: a key given as undefined switches that fault off. */
export function mergeFaults(base: SmscFaults, update: SmscFaults): SmscFaults {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(update)) {
    if (v === undefined || v === false) delete out[k];
    else out[k] = v;
  }
  validateFaults(out as SmscFaults);
  return out as SmscFaults;
}

function validateFaults(f: SmscFaults): void {
  if (typeof f.responseDelay === 'number' && !(f.responseDelay >= 0)) throw new RangeError(`responseDelay must be >= 0 ms, got ${f.responseDelay}`);
  if (f.rejectBind !== undefined && !(Number.isInteger(f.rejectBind) && f.rejectBind >= 0 && f.rejectBind <= 0xffffffff)) {
    throw new RangeError(`rejectBind must be a command_status 0..0xFFFFFFFF, got ${f.rejectBind}`);
  }
  if (f.garbageLength !== undefined && !(Number.isInteger(f.garbageLength) && f.garbageLength >= 0 && f.garbageLength <= 0xffffffff)) {
    throw new RangeError(`garbageLength must be 0..0xFFFFFFFF, got ${f.garbageLength}`);
  }
  const t = f.throttle;
  if (t !== undefined && t !== 'all') {
    if ('everyNth' in t && !(Number.isInteger(t.everyNth) && t.everyNth >= 1)) throw new RangeError(`throttle.everyNth must be an integer >= 1, got ${t.everyNth}`);
    if ('perSecond' in t && !(t.perSecond >= 0)) throw new RangeError(`throttle.perSecond must be >= 0, got ${t.perSecond}`);
  }
}

/** Counts submits on one connection and decides which ones a throttle fault refuses. */
export class ThrottleGate {
  private count = 0;
  /** Clock times of submits accepted while a rate throttle was on. */
  private accepted: number[] = [];

  /** Whether this submit is refused. Call once per submit. */
  refuse(throttle: ThrottleFault | undefined, now: number): boolean {
    this.count++;
    if (throttle === undefined) {
      this.accepted.length = 0;
      return false;
    }
    if (throttle === 'all') return true;
    if ('everyNth' in throttle) return this.count % throttle.everyNth === 0;
    const since = now - 1000;
    let drop = 0;
    while (drop < this.accepted.length && this.accepted[drop] <= since) drop++;
    if (drop > 0) this.accepted.splice(0, drop);
    if (this.accepted.length >= throttle.perSecond) return true;
    this.accepted.push(now);
    return false;
  }
}
