// The simulator's message store: what was submitted, by whom, to where, and its state. Bounded:
// the oldest messages are forgotten first, so a long benchmark never grows the heap.

export const MESSAGE_STATE = {
  ENROUTE: 1,
  DELIVERED: 2,
  EXPIRED: 3,
  DELETED: 4,
  UNDELIVERABLE: 5,
  ACCEPTED: 6,
  UNKNOWN: 7,
  REJECTED: 8,
} as const;

export interface SmscAddress {
  ton: number;
  npi: number;
  addr: string;
}

export interface StoredMessage {
  readonly id: string;
  /** system_id of the session that submitted it. */
  readonly systemId: string;
  /** The connection that submitted it. */
  readonly connection: number;
  readonly command: 'submit_sm' | 'submit_multi' | 'data_sm';
  readonly serviceType: string;
  readonly source: SmscAddress;
  /** The destinations that were accepted. */
  readonly destinations: readonly SmscAddress[];
  dataCoding: number;
  registeredDelivery: number;
  /** The message text, decoded by data_coding (UDH stripped). */
  text: string;
  /** The text is the message's octets in hex: 8-bit data, or an alphabet that cannot be decoded. */
  binary: boolean;
  readonly submittedAt: number;
  /** When the message counts as delivered (submit time + deliveryReceiptDelay). */
  readonly deliverAt: number;
  /** A state reached before delivery (DELETED by cancel_sm), with when. */
  finalState?: number;
  finalAt?: number;
  /**
   * What a scenario planned for each destination (same order as `destinations`); absent when no
   * rule or mix applied, which means DELIVERED at `deliverAt` with error 0 and no reply.
   */
  outcomes?: readonly DestinationOutcome[];
}

/** A destination's planned end: its final state, error code and time, and a reply from the handset. */
export interface DestinationOutcome {
  state: number;
  /** `err:` in the receipt; undefined leaves the network_error_code TLV out. */
  error?: number;
  /** When the final state is reached (clock ms). */
  at: number;
  moReply?: string;
  /** The rule that planned it (0-based), if one did. */
  rule?: number;
}

/** The planned end of destination `i`, or the plain one: DELIVERED at `deliverAt`. */
export function outcomeOf(m: StoredMessage, i: number): DestinationOutcome {
  return m.outcomes?.[i] ?? { state: MESSAGE_STATE.DELIVERED, at: m.deliverAt };
}

/**
 * The message's state at `now`: its final state if it has one, else its (first destination's)
 * planned state once due (DELIVERED without a plan), else ENROUTE.
 */
export function messageState(m: StoredMessage, now: number): number {
  if (m.finalState !== undefined) return m.finalState;
  const o = m.outcomes?.[0];
  if (o === undefined) return now >= m.deliverAt ? MESSAGE_STATE.DELIVERED : MESSAGE_STATE.ENROUTE;
  return now >= o.at ? o.state : MESSAGE_STATE.ENROUTE;
}

/** When the message reached a final state, or undefined while it is en route. */
export function finalDate(m: StoredMessage, now: number): number | undefined {
  if (m.finalState !== undefined) return m.finalAt;
  const at = m.outcomes?.[0]?.at ?? m.deliverAt;
  return now >= at ? at : undefined;
}

/** The error code query_sm reports: the planned one once the planned state is reached, else 0. */
export function messageError(m: StoredMessage, now: number): number {
  const o = m.outcomes?.[0];
  return m.finalState === undefined && o !== undefined && now >= o.at ? (o.error ?? 0) : 0;
}

/** Whether registered_delivery asks for an MC receipt on success (1 = always, 3 = success only). */
export function wantsReceiptOnSuccess(registeredDelivery: number): boolean {
  const r = registeredDelivery & 0x03;
  return r === 1 || r === 3;
}

/** Whether registered_delivery asks for an MC receipt on failure (1 = always, 2 = failure only). */
export function wantsReceiptOnFailure(registeredDelivery: number): boolean {
  const r = registeredDelivery & 0x03;
  return r === 1 || r === 2;
}

/** Whether registered_delivery asks for a receipt of this final state (DELIVERED is success, the rest failure). */
export function wantsReceiptFor(registeredDelivery: number, state: number): boolean {
  return state === MESSAGE_STATE.DELIVERED ? wantsReceiptOnSuccess(registeredDelivery) : wantsReceiptOnFailure(registeredDelivery);
}

/**
 * Whether registered_delivery asks for intermediate notifications (bit 4, 0x10). SMPP 3.4 §5.2.17
 * keeps this bit apart from bits 0–1: it asks for notifications before the final state whatever
 * is asked of the final receipt.
 */
export function wantsIntermediateNotification(registeredDelivery: number): boolean {
  return (registeredDelivery & 0x10) !== 0;
}

export class MessageStore {
  private readonly messages = new Map<string, StoredMessage>();
  /** Ids in arrival order, as a ring: the slot at `head` is the oldest once the ring is full. */
  private readonly order: string[] = [];
  private head = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`the message store needs a capacity >= 1, got ${capacity}`);
  }

  get size(): number {
    return this.messages.size;
  }

  add(m: StoredMessage): void {
    // (Evicting with Map.keys().next() would be O(n) per call in V8 once deletions pile up at the
    // front of the table; the ring keeps it O(1).)
    if (this.order.length < this.capacity) {
      this.order.push(m.id);
    } else {
      this.messages.delete(this.order[this.head]);
      this.order[this.head] = m.id;
      this.head = (this.head + 1) % this.capacity;
    }
    this.messages.set(m.id, m);
  }

  get(id: string): StoredMessage | undefined {
    return this.messages.get(id);
  }

  values(): IterableIterator<StoredMessage> {
    return this.messages.values();
  }

  clear(): void {
    this.messages.clear();
    this.order.length = 0;
    this.head = 0;
  }
}
