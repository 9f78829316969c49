// Scenarios: what the simulator does with a message, chosen by its destination. Rules match a
// destination pattern (the first that matches wins) and set the submit's status, when and whether
// it is answered, the receipt's state, error code and delay, and a reply from the handset; a mix
// of receipt states by percentage covers the messages no rule gives a state. Plain data in,
// checked once; `random` (the simulator's injected one) picks from the mix.
import { destinationMatcher } from '../destinationPattern';
import { MESSAGE_STATE } from './store';

export { destinationMatcher };

/** The final states a receipt can report, by the stat word it carries. */
export const RECEIPT_STATES = {
  DELIVRD: MESSAGE_STATE.DELIVERED,
  EXPIRED: MESSAGE_STATE.EXPIRED,
  DELETED: MESSAGE_STATE.DELETED,
  UNDELIV: MESSAGE_STATE.UNDELIVERABLE,
  ACCEPTD: MESSAGE_STATE.ACCEPTED,
  UNKNOWN: MESSAGE_STATE.UNKNOWN,
  REJECTD: MESSAGE_STATE.REJECTED,
} as const;

export type ReceiptStateName = keyof typeof RECEIPT_STATES;

export interface SmscRuleReceipt {
  /** The final state the receipt (and query_sm) reports. Default: from the mix, else DELIVRD. */
  state?: ReceiptStateName;
  /** `err:` in the receipt text (0..999) and the network_error_code TLV (GSM) to SMPP 3.4+ binds. */
  error?: number;
  /** ms from the submit to the final state and its receipt. Default: the simulator's deliveryReceiptDelay. */
  delay?: number;
}

export interface SmscRule {
  /**
   * The destination_addr pattern, a leading `+` ignored on both sides. `*` stands for any run of
   * characters (none included), `?` for one, the rest for itself, and the whole address must
   * match: `+44799*`, `447000000002`. Written `/…/`, a regular expression (unanchored unless it
   * says so): `/^4470+2$/`.
   */
  destination: string;
  /** command_status of the submit's response. A non-zero status refuses the message (no receipt). */
  submitStatus?: number;
  /** ms before the submit is answered. */
  responseDelay?: number;
  /** Leave the submit unanswered (the message is not taken). */
  noResponse?: boolean;
  receipt?: SmscRuleReceipt;
  /** Text sent back to the submitter as a deliver_sm from the destination, once the message is delivered. */
  moReply?: string;
}

export interface SmscScenario {
  rules?: readonly SmscRule[];
  /** Percentages of final receipt states, summing to 100: `{ DELIVRD: 90, UNDELIV: 6, EXPIRED: 4 }`. */
  receiptStates?: Readonly<Partial<Record<ReceiptStateName, number>>>;
}

/** A rule that matched, with its place in the list (0-based) for the log. */
export interface RuleMatch {
  index: number;
  rule: SmscRule;
}

/** Largest error code the receipt's three-digit `err:` field holds. */
export const MAX_RECEIPT_ERROR = 999;

/** Why a scenario cannot be run, or undefined when it can. */
export function scenarioProblem(s: SmscScenario): string | undefined {
  for (const [i, rule] of (s.rules ?? []).entries()) {
    const where = `rules[${i}]`;
    const m = destinationMatcher(rule.destination);
    if (typeof m !== 'function') return `${where}.destination: ${m.error}`;
    if (rule.submitStatus !== undefined && !(Number.isInteger(rule.submitStatus) && rule.submitStatus >= 0 && rule.submitStatus <= 0xffffffff)) {
      return `${where}.submitStatus must be a command_status 0..0xFFFFFFFF, got ${rule.submitStatus}`;
    }
    if (rule.responseDelay !== undefined && !(rule.responseDelay >= 0 && Number.isFinite(rule.responseDelay))) return `${where}.responseDelay must be >= 0 ms, got ${rule.responseDelay}`;
    const r = rule.receipt;
    if (r?.state !== undefined && !Object.hasOwn(RECEIPT_STATES, r.state)) return `${where}.receipt.state must be one of ${Object.keys(RECEIPT_STATES).join(', ')}, got ${String(r.state)}`;
    if (r?.error !== undefined && !(Number.isInteger(r.error) && r.error >= 0 && r.error <= MAX_RECEIPT_ERROR)) return `${where}.receipt.error must be 0..${MAX_RECEIPT_ERROR}, got ${r.error}`;
    if (r?.delay !== undefined && !(r.delay >= 0 && Number.isFinite(r.delay))) return `${where}.receipt.delay must be >= 0 ms, got ${r.delay}`;
  }
  const mix = s.receiptStates;
  if (mix !== undefined) {
    let sum = 0;
    for (const [name, percent] of Object.entries(mix)) {
      if (!Object.hasOwn(RECEIPT_STATES, name)) return `receiptStates: ${name} is not a receipt state (${Object.keys(RECEIPT_STATES).join(', ')})`;
      if (!(typeof percent === 'number' && percent >= 0 && percent <= 100)) return `receiptStates.${name} must be a percentage 0..100, got ${String(percent)}`;
      sum += percent;
    }
    if (Math.abs(sum - 100) > 1e-9) return `receiptStates must add up to 100, not ${+sum.toFixed(6)}`;
  }
  return undefined;
}

/** A checked scenario, ready to match destinations and pick states. */
export class Scenario {
  private readonly rules: { rule: SmscRule; test: (address: string) => boolean }[];
  /** The mix as cumulative percentages, in the order given; empty without one. */
  private readonly mix: { state: number; upTo: number }[] = [];

  constructor(s: SmscScenario = {}) {
    const problem = scenarioProblem(s);
    if (problem !== undefined) throw new RangeError(problem);
    this.rules = (s.rules ?? []).map((rule) => ({ rule, test: destinationMatcher(rule.destination) as (address: string) => boolean }));
    let upTo = 0;
    for (const [name, percent] of Object.entries(s.receiptStates ?? {})) {
      if (!percent) continue;
      upTo += percent;
      this.mix.push({ state: RECEIPT_STATES[name as ReceiptStateName], upTo });
    }
  }

  /** Whether there is anything to do: without rules or a mix the simulator goes its plain way. */
  get active(): boolean {
    return this.rules.length > 0 || this.mix.length > 0;
  }

  get hasMix(): boolean {
    return this.mix.length > 0;
  }

  /** The first rule whose pattern matches the address (a leading `+` ignored). */
  match(destination: string): RuleMatch | undefined {
    if (this.rules.length === 0) return undefined;
    const address = destination.startsWith('+') ? destination.slice(1) : destination;
    for (let i = 0; i < this.rules.length; i++) if (this.rules[i]!.test(address)) return { index: i, rule: this.rules[i]!.rule };
    return undefined;
  }

  /** A final state from the mix, by one draw of `random` ([0, 1)); DELIVERED without a mix. */
  pickState(random: () => number): number {
    if (this.mix.length === 0) return MESSAGE_STATE.DELIVERED;
    const x = random() * this.mix[this.mix.length - 1]!.upTo;
    for (const m of this.mix) if (x < m.upTo) return m.state;
    return this.mix[this.mix.length - 1]!.state;
  }
}

/** `receipt UNDELIV err=1 after 5000 ms`, `status ESME_RSUBMITFAIL`, … : what a rule does, for the log. */
export function describeRule(rule: SmscRule, statusName: (code: number) => string): string {
  const parts: string[] = [];
  if (rule.noResponse === true) parts.push('no response');
  else {
    if (rule.submitStatus !== undefined) parts.push(`status ${statusName(rule.submitStatus)}`);
    if (rule.responseDelay !== undefined) parts.push(`answered after ${rule.responseDelay} ms`);
  }
  const r = rule.receipt;
  if (r !== undefined && !(rule.submitStatus !== undefined && rule.submitStatus !== 0)) {
    const bits = [r.state ?? 'state by the mix', ...(r.error === undefined ? [] : [`err=${r.error}`]), ...(r.delay === undefined ? [] : [`after ${r.delay} ms`])];
    parts.push(`receipt ${bits.join(' ')}`);
  }
  if (rule.moReply !== undefined) parts.push('MO reply');
  return parts.join(', ') || 'no change';
}
