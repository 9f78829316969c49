// One leg of a proxied session: the connection to the application or to the SMSC. It frames
// and decodes what the peer sends, numbers the requests the proxy sends on it from its own
// counter, remembers which request each of those relays (so the response can be renumbered for
// the other leg), pairs every response with its request for the capture, and keeps its timers
// so that nothing outlives the connection.
import { TimerSet, type Clock, type TimerHandle } from '../link/clock';
import type { Transport } from '../link/transport';
import { PduStream, type OutgoingPdu, type WirePdu } from '../link/wire';
import type { Problem } from '../fields';
import { isCommandName, responseOf } from '../tables/commands';
import { STATUS } from '../tables/values';
import { LEG_OF, type Endpoint, type LegState, type ProxyPduEvent, type ProxySide } from './types';

const MAX_SEQ = 0x7fffffff;

/** A request the peer sent on this leg. */
export interface InboundRequest {
  seq: number;
  command: string;
  eventId: number;
  receivedAt: number;
  /** Answered (relayed or by the proxy); a later answer for it goes nowhere. */
  answered: boolean;
}

/** Whether a request is answered at all (alert_notification and outbind are not). */
export function expectsResponse(command: string): boolean {
  return isCommandName(command) ? responseOf(command) !== undefined : true;
}

/** Callbacks of a request the proxy sends on its own account (its unbind). */
export interface OwnRequestHandlers {
  onResponse(pdu: WirePdu): void;
  onFail(reason: 'timeout' | 'closed' | 'malformed'): void;
}

/** A request the proxy sent on this leg and the peer has not answered yet. */
export interface OutboundRequest {
  seq: number;
  command: string;
  eventId: number;
  sentAt: number;
  timer: TimerHandle;
  /** For a relay: the request on the other leg that this one carries. */
  origin?: InboundRequest;
  /** For the proxy's own request. */
  handlers?: OwnRequestHandlers;
}

export interface LegHost {
  readonly clock: Clock;
  readonly clientId: number;
  /** How long the proxy waits for the answer to its own request (and for a peer to close), ms. */
  readonly responseTimeout: number;
  /** How long a relayed request waits for its response before it is forgotten, ms. */
  readonly relayTimeout: number;
  readonly maxPduLength: number | undefined;
  nextEventId(): number;
  publish(e: ProxyPduEvent): void;
  warn(message: string): void;
  /**
   * A PDU read from the peer: for a request, `request` (kept in `inbound` until answered when
   * it expects an answer); for a response, `matched`, the request of ours it answers.
   */
  onFrame(leg: Leg, frame: Uint8Array, pdu: WirePdu, problems: Problem[], eventId: number, request: InboundRequest | undefined, matched: OutboundRequest | undefined): void;
  /** A relayed request got no response in time and was forgotten. */
  onRelayExpired(leg: Leg, request: OutboundRequest): void;
  onClosed(leg: Leg, cause: string): void;
}

export interface LegEndpoints {
  local?: Endpoint;
  remote?: Endpoint;
}

/** A copy of a frame with another sequence_number. */
function withSequence(frame: Uint8Array, seq: number): Uint8Array {
  const out = frame.slice();
  out[12] = (seq >>> 24) & 0xff;
  out[13] = (seq >>> 16) & 0xff;
  out[14] = (seq >>> 8) & 0xff;
  out[15] = seq & 0xff;
  return out;
}

function rd32(b: Uint8Array, o: number): number {
  return ((b[o]! << 24) | (b[o + 1]! << 16) | (b[o + 2]! << 8) | b[o + 3]!) >>> 0;
}

export class Leg {
  state: LegState = 'open';
  /** Requests of the peer awaiting the proxy's answer, by the peer's sequence_number (the latest, if the peer reuses one). */
  readonly inbound = new Map<number, InboundRequest>();
  /** Requests of the proxy awaiting the peer's answer, by the proxy's sequence_number. */
  readonly pending = new Map<number, OutboundRequest>();
  /** PDUs read from the peer (in) and written to it (out). */
  readonly counters = { in: 0, out: 0 };
  /** The proxy has sent its own unbind on this leg. */
  unbinding = false;
  private readonly stream: PduStream;
  private readonly timers: TimerSet;
  private seq = 0;
  private ending = false;
  private closed = false;
  private closeCause: string | undefined;
  private closeError: Error | undefined;

  constructor(
    private readonly host: LegHost,
    readonly side: ProxySide,
    private readonly transport: Transport,
    readonly endpoints: LegEndpoints,
  ) {
    this.timers = new TimerSet(host.clock);
    this.stream = new PduStream(host.maxPduLength);
    transport.onData((chunk) => this.onData(chunk));
    transport.onClose((error) => {
      this.closeError = error;
      this.onTransportClosed();
    });
  }

  get remote(): string {
    return this.transport.remote;
  }

  get isOpen(): boolean {
    return !this.closed && !this.ending;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  get isBound(): boolean {
    return this.state === 'bound_tx' || this.state === 'bound_rx' || this.state === 'bound_trx';
  }

  hasPending(command: (c: string) => boolean): boolean {
    for (const p of this.pending.values()) if (command(p.command)) return true;
    return false;
  }

  // ---------------------------------------------------------------------------------------------
  // Reading
  // ---------------------------------------------------------------------------------------------

  private onData(chunk: Uint8Array): void {
    if (!this.isOpen) return;
    const fault = this.stream.push(chunk, (frame) => this.onFrame(frame));
    if (fault && this.isOpen) {
      // A length that cannot be trusted: nothing after it can be framed. Say why and close.
      this.host.warn(`${this.side === 'app' ? 'the application' : 'the SMSC'} sent a stream that cannot be framed: ${fault.message}`);
      if (fault.status !== undefined) this.write({ command: 'generic_nack', command_status: fault.status, sequence_number: 0, body: {} }, 'proxy');
      // end(), not destroy(): the generic_nack must leave before the connection closes.
      this.end(`framing error from ${this.side === 'app' ? 'the application' : 'the SMSC'}: ${fault.message}`);
    }
  }

  private onFrame(frame: Uint8Array): void {
    if (!this.isOpen) return;
    this.counters.in++;
    const now = this.host.clock.now();
    const { pdu, problems } = this.stream.decode(frame);
    const eventId = this.host.nextEventId();
    const isResponse = (pdu.command_id & 0x80000000) !== 0;
    let matched: OutboundRequest | undefined;
    let request: InboundRequest | undefined;
    if (isResponse) {
      matched = this.pending.get(pdu.sequence_number);
      if (matched) {
        this.pending.delete(matched.seq);
        this.timers.clear(matched.timer);
      }
    } else {
      request = { seq: pdu.sequence_number, command: pdu.command, eventId, receivedAt: now, answered: false };
      if (expectsResponse(pdu.command)) this.inbound.set(request.seq, request);
      else request.answered = true;
    }
    this.publish(eventId, 'received', frame, pdu.command, pdu.command_id, pdu.command_status, pdu.sequence_number, now, pdu, matched ? { id: matched.eventId, rtt: now - matched.sentAt } : undefined);
    this.host.onFrame(this, frame, pdu, problems, eventId, request, matched);
  }

  // ---------------------------------------------------------------------------------------------
  // Writing
  // ---------------------------------------------------------------------------------------------

  /**
   * Sends a request under the proxy's own sequence_number: a relayed frame (renumbered), a
   * re-encoded PDU (a bind with rewritten credentials), or the proxy's own request.
   */
  sendRequest(what: Uint8Array | OutgoingPdu, command: string, link: { origin: InboundRequest; relayOf: number } | { handlers: OwnRequestHandlers }): number | undefined {
    if (!this.isOpen) return undefined;
    const seq = this.nextSequence();
    let bytes: Uint8Array;
    try {
      bytes = what instanceof Uint8Array ? withSequence(what, seq) : this.stream.encode({ ...what, sequence_number: seq });
    } catch (err) {
      this.host.warn(`cannot encode ${command}: ${err instanceof Error ? err.message : String(err)}`);
      return undefined;
    }
    const now = this.host.clock.now();
    const eventId = this.writeBytes(bytes, 'origin' in link ? 'relayed' : 'proxy', command, now, undefined, 'origin' in link ? link.relayOf : undefined);
    // alert_notification and outbind get no response: nothing to wait for.
    if (!expectsResponse(command)) return seq;
    const timeout = 'origin' in link ? this.host.relayTimeout : this.host.responseTimeout;
    const timer = this.timers.set(() => this.onRequestTimeout(seq), timeout);
    const entry: OutboundRequest = { seq, command, eventId, sentAt: now, timer };
    if ('origin' in link) entry.origin = link.origin;
    else entry.handlers = link.handlers;
    this.pending.set(seq, entry);
    return seq;
  }

  /** Relays the response to the peer's `request` (the frame renumbered to its sequence). */
  relayResponse(frame: Uint8Array, request: InboundRequest, command: string, relayOf: number): boolean {
    if (request.answered || !this.isOpen) return false;
    this.settled(request);
    const now = this.host.clock.now();
    this.writeBytes(withSequence(frame, request.seq), 'relayed', command, now, { id: request.eventId, rtt: now - request.receivedAt }, relayOf);
    return true;
  }

  /**
   * Answers the peer's request itself: `<command>_resp` with `status` (and no body unless
   * given one), or nothing for a request that has no response (alert_notification, outbind).
   */
  answer(request: InboundRequest, status: number, body: Record<string, unknown> = {}): void {
    if (request.answered) return;
    const resp = isCommandName(request.command) ? responseOf(request.command) : undefined;
    if (resp === undefined) {
      this.settled(request);
      return;
    }
    this.respond({ command: resp, command_status: status, sequence_number: request.seq, body: status === 0 ? body : {} }, request);
  }

  /** generic_nack for a PDU of the peer's that cannot be read (sequence 0 when unknown). */
  nack(status: number, seq: number, request?: InboundRequest): void {
    if (request?.answered) return;
    this.respond({ command: 'generic_nack', command_status: status, sequence_number: seq, body: {} }, request);
  }

  /** Forgets a request of the peer's as answered. */
  settled(request: InboundRequest): void {
    request.answered = true;
    if (this.inbound.get(request.seq) === request) this.inbound.delete(request.seq);
  }

  private respond(pdu: OutgoingPdu, request: InboundRequest | undefined): void {
    if (request) this.settled(request);
    if (!this.isOpen) return;
    const now = this.host.clock.now();
    this.write(pdu, 'proxy', request ? { id: request.eventId, rtt: now - request.receivedAt } : undefined);
  }

  private write(pdu: OutgoingPdu, source: ProxyPduEvent['source'], request?: { id: number; rtt: number }): void {
    let bytes: Uint8Array;
    try {
      bytes = this.stream.encode(pdu);
    } catch (err) {
      this.host.warn(`cannot encode ${pdu.command}: ${err instanceof Error ? err.message : String(err)}`);
      return;
    }
    this.writeBytes(bytes, source, pdu.command, this.host.clock.now(), request);
  }

  private writeBytes(bytes: Uint8Array, source: ProxyPduEvent['source'], command: string, now: number, request: { id: number; rtt: number } | undefined, relayOf?: number): number {
    this.transport.write(bytes);
    this.counters.out++;
    const eventId = this.host.nextEventId();
    this.publish(eventId, source, bytes, command, rd32(bytes, 4), rd32(bytes, 8), rd32(bytes, 12), now, undefined, request, relayOf);
    return eventId;
  }

  private publish(
    id: number,
    source: ProxyPduEvent['source'],
    bytes: Uint8Array,
    command: string,
    command_id: number,
    command_status: number,
    sequence_number: number,
    timestamp: number,
    pdu: WirePdu | undefined,
    request: { id: number; rtt: number } | undefined,
    relayOf?: number,
  ): void {
    const fromPeer = source === 'received';
    const peer = this.side;
    // 'out' is always from the side that opened this leg's connection (see ProxyPduEvent).
    const direction = fromPeer === (peer === 'app') ? 'out' : 'in';
    const e: ProxyPduEvent = {
      id,
      client: this.host.clientId,
      leg: LEG_OF[peer],
      from: fromPeer ? peer : 'proxy',
      to: fromPeer ? 'proxy' : peer,
      source,
      direction,
      timestamp,
      bytes,
      command,
      command_id,
      command_status,
      sequence_number,
    };
    if (pdu) e.pdu = pdu;
    if (request) e.request = request;
    if (relayOf !== undefined) e.relayOf = relayOf;
    if (this.endpoints.local) e.local = this.endpoints.local;
    if (this.endpoints.remote) e.remote = this.endpoints.remote;
    this.host.publish(e);
  }

  private nextSequence(): number {
    do {
      this.seq = this.seq >= MAX_SEQ ? 1 : this.seq + 1;
    } while (this.pending.has(this.seq));
    return this.seq;
  }

  private onRequestTimeout(seq: number): void {
    const p = this.pending.get(seq);
    if (!p) return;
    this.pending.delete(seq);
    if (p.handlers) {
      p.handlers.onFail('timeout');
      return;
    }
    this.host.onRelayExpired(this, p);
  }

  // ---------------------------------------------------------------------------------------------
  // Closing
  // ---------------------------------------------------------------------------------------------

  /** Half-closes after what is written; destroys if the peer has not closed within responseTimeout. */
  end(cause: string): void {
    if (!this.isOpen) return;
    this.ending = true;
    this.closeCause ??= cause;
    this.transport.end();
    this.timers.set(() => this.transport.destroy(), this.host.responseTimeout);
  }

  destroy(cause: string): void {
    if (this.closed) return;
    this.ending = true;
    this.closeCause ??= cause;
    this.transport.destroy();
  }

  private onTransportClosed(): void {
    if (this.closed) return;
    this.closed = true;
    this.ending = true;
    this.state = 'closed';
    this.timers.clearAll();
    const own = [...this.pending.values()].filter((p) => p.handlers);
    this.pending.clear();
    this.inbound.clear();
    for (const p of own) p.handlers?.onFail('closed');
    const who = this.side === 'app' ? 'the application' : 'the SMSC';
    const cause = this.closeCause ?? (this.closeError ? `${who} connection dropped: ${this.closeError.message}` : `${who} closed the connection`);
    this.host.onClosed(this, cause);
  }
}

/** The status to nack a PDU with when it cannot be read at all, else undefined. */
export function unreadableStatus(pdu: WirePdu, problems: readonly Problem[]): number | undefined {
  if (pdu.command === 'unknown') return STATUS.ESME_RINVCMDID;
  for (const p of problems) {
    if (p.status === STATUS.ESME_RINVCMDLEN || p.status === STATUS.ESME_RINVMSGLEN || p.status === STATUS.ESME_RINVCMDID) return p.status;
  }
  return undefined;
}
