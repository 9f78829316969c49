// The ESME side of an SMPP session, as a role on top of a link: connect, bind, keep the link
// alive in both directions, send windowed requests, answer what the SMSC sends, unbind,
// reconnect. The link frames, numbers, times and checks every response; a peer that stops
// answering is declared dead by the link's keepalive, which follows incoming traffic only.
// Clock, randomness and the byte pipe are injected, so tests drive every timer by hand.
import { EventEmitter } from 'node:events';
import { RECONNECT_BACKOFF, backoffDelay, type BackoffOptions } from '../link/backoff';
import { systemClock, type Clock, type TimerHandle } from '../link/clock';
import { Link, LinkError, type InboundRequest, type LinkEvent, type LinkFailure, type LinkResponse, type OutboundRequest, type RequestCallbacks } from '../link/link';
import type { Connector, Transport } from '../link/transport';
import type { OutgoingPdu, WirePdu } from '../link/wire';
import type { BodyInput, CommandName } from '../tables/commands';
import { STATUS, statusName, statusMeaning } from '../tables/values';
import type { PduDirection, PduHeaderFields } from '../pduEvent';

export type SessionState = 'closed' | 'connecting' | 'open' | 'bound_tx' | 'bound_rx' | 'bound_trx' | 'unbound' | 'outbound';
export type BindType = 'transmitter' | 'receiver' | 'transceiver';

export const BOUND_STATE: Record<BindType, SessionState> = {
  transmitter: 'bound_tx',
  receiver: 'bound_rx',
  transceiver: 'bound_trx',
};

export interface BindParameters {
  type: BindType;
  system_id: string;
  password: string;
  system_type?: string;
  /** 0x33, 0x34 or 0x50. */
  interface_version?: number;
  addr_ton?: number;
  addr_npi?: number;
  address_range?: string;
}

export interface EsmeOptions {
  connector: Connector;
  bind: BindParameters;
  /** Send enquire_link after this much silence, ms; 0 = never. */
  enquireLinkInterval: number;
  /** A request without a response after this long fails, ms. */
  responseTimeout: number;
  /** Bind must be answered within this, ms. Defaults to responseTimeout. */
  bindTimeout?: number;
  /** Requests outstanding at once; the rest wait in a queue. */
  window: number;
  /** Reconnect after the link drops. */
  reconnect: boolean;
  reconnectBackoff?: BackoffOptions;
  /** Slow-down after ESME_RTHROTTLED / ESME_RMSGQFUL. */
  throttleBackoff?: BackoffOptions;
  /** How often a throttled request is sent again before it fails. */
  maxThrottleRetries?: number;
  /** Wait this long for unbind_resp before closing anyway, ms. Defaults to responseTimeout. */
  unbindTimeout?: number;
  maxPduLength?: number;
  /** Requests waiting for room in the window, at most; past it a request is refused at once. Default 100 000. */
  maxQueued?: number;
  /** The sequence number before the first request (default 0: the first is 1). */
  initialSequence?: number;
  clock?: Clock;
  random?: () => number;
}

export type Direction = PduDirection;

/** The commands an ESME sends as requests: every command that is neither a response nor generic_nack. */
export type RequestName = Exclude<CommandName, `${string}_resp` | 'generic_nack'>;

/** One PDU that crossed the wire, as the capture and the log see it. */
export interface PduEvent extends PduHeaderFields {
  /** Unique within the session. */
  id: number;
  /** The decoded values, where the session decoded them (incoming) or built them (outgoing). */
  pdu?: WirePdu;
  /** For a response: the id of the request event it answers, and the round trip in ms. */
  request?: { id: number; rtt: number };
}

export interface StateEvent {
  from: SessionState;
  to: SessionState;
  cause: string;
}

export interface KeepaliveEvent {
  at: number;
  /** Who sent the enquire_link. */
  side: 'esme' | 'smsc';
  /** Our enquire_link's round trip, ms; undefined for the SMSC's. */
  rtt?: number;
}

export interface ReconnectEvent {
  attempt: number;
  delay: number;
  at: number;
  cause: string;
}

export interface ThrottleEvent {
  status: number;
  delay: number;
  command: string;
}

export interface EsmeEvents {
  state: [StateEvent];
  pdu: [PduEvent];
  keepalive: [KeepaliveEvent];
  deliver: [WirePdu];
  alert: [WirePdu];
  reconnecting: [ReconnectEvent];
  throttled: [ThrottleEvent];
  /** A problem that did not end the session: a malformed PDU, an unexpected response. */
  warning: [string];
}

/** A request that ended without a usable response. */
/** How an unbind ended: `problem` says why no unbind_resp with status 0 answered it. */
export interface UnbindOutcome {
  problem?: string;
}

export class SmppRequestError extends Error {
  constructor(
    message: string,
    readonly command: string,
    /** full: the queue of requests waiting for room in the window is at its cap (maxQueued). */
    readonly kind: 'status' | 'timeout' | 'closed' | 'not_bound' | 'full',
    readonly status?: number,
    readonly response?: WirePdu,
  ) {
    super(message);
    this.name = 'SmppRequestError';
  }
}

export interface Response {
  pdu: WirePdu;
  rtt: number;
}

/** A request sent through the link carries its Queued entry. */
type Pending = OutboundRequest<Queued>;

interface Queued {
  command: string;
  body: Record<string, unknown>;
  tlvs?: OutgoingPdu['tlvs'];
  resolve: (r: Response) => void;
  reject: (e: Error) => void;
  retries: number;
  windowed: boolean;
  /** Counts requests sent on this connection: which were sent before a throttle pause began. */
  sendNo: number;
}

const BOUND_STATES: ReadonlySet<SessionState> = new Set(['bound_tx', 'bound_rx', 'bound_trx']);
const THROTTLE_BACKOFF: BackoffOptions = { initial: 100, max: 5_000, factor: 2, jitter: 0.5 };
const DEFAULT_MAX_QUEUED = 100_000;
/** deliver_sm_resp and data_sm_resp: the ESME gives no message_id of its own. */
const NO_MESSAGE_ID: Readonly<Record<string, unknown>> = Object.freeze({ message_id: '' });

/** Which incoming requests each state accepts (SMPP 3.4 section 2.3, 5.0 section 2.4). */
function acceptsIncoming(state: SessionState, command: string, v5: boolean): boolean {
  const bound = BOUND_STATES.has(state);
  switch (command) {
    case 'enquire_link':
      return bound || (v5 && (state === 'open' || state === 'unbound' || state === 'outbound'));
    case 'unbind':
    case 'data_sm':
      return bound;
    case 'deliver_sm':
    case 'alert_notification':
      return state === 'bound_rx' || state === 'bound_trx';
    case 'outbind':
      return state === 'open' || state === 'outbound';
    default:
      return false;
  }
}

export class EsmeSession extends EventEmitter<EsmeEvents> {
  private readonly clock: Clock;
  private readonly random: () => number;
  private link: Link | undefined;
  private _state: SessionState = 'closed';
  /** The last sequence_number used, carried from one connection to the next. */
  private seq = 0;
  private eventIds = 0;
  private readonly queue: Queued[] = [];
  private windowUsed = 0;
  private reconnectTimer: TimerHandle | undefined;
  private pumpTimer: TimerHandle | undefined;
  private pausedUntil = 0;
  private throttleCount = 0;
  /** Requests sent so far, and how many had been sent when the last throttle pause began. */
  private sends = 0;
  private throttleStepSends = -1;
  /** Where the next throttled request of the current pause goes back into the queue (keeps their order). */
  private retryAt = 0;
  private reconnectAttempt = 0;
  /** Set by the user's unbind/close: no reconnect after it. */
  private stopped = false;
  private everBound = false;
  private unbindWaiter: { resolve: (outcome: UnbindOutcome) => void; timer: TimerHandle } | undefined;
  /** PDUs of the connections before the current one. */
  private readonly pastCounters = { in: 0, out: 0 };
  /** What the link calls back with for every request the session sends (one object, not one per request). */
  private readonly answers: RequestCallbacks = {
    onResponse: (r, p) => this.onResponse(r, p as Pending),
    onFail: (f, p) => this.onFail(f, p as Pending),
  };

  lastKeepalive: KeepaliveEvent | undefined;
  lastError: string | undefined;
  /** When the next reconnect attempt is due, if one is scheduled. */
  reconnectAt: number | undefined;

  constructor(readonly options: EsmeOptions) {
    super();
    this.clock = options.clock ?? systemClock();
    this.seq = options.initialSequence ?? 0;
    this.random = options.random ?? Math.random;
  }

  /** PDUs read (in) and written (out) over the session's life, across reconnects. */
  get counters(): { in: number; out: number } {
    const now = this.link?.counters;
    return { in: this.pastCounters.in + (now?.in ?? 0), out: this.pastCounters.out + (now?.out ?? 0) };
  }

  /** Reading from the SMSC is paused: it does not read what the session writes. */
  get readingPaused(): boolean {
    return this.link?.readingPaused ?? false;
  }

  /** Octets written to the SMSC and not yet taken by the operating system. */
  get writableLength(): number {
    return this.link?.writableLength ?? 0;
  }

  get state(): SessionState {
    return this._state;
  }

  get isBound(): boolean {
    return BOUND_STATES.has(this._state);
  }

  /** Requests sent and not yet answered. */
  get outstanding(): number {
    return this.link?.outstanding ?? 0;
  }

  /** Requests waiting for room in the window. */
  get queued(): number {
    return this.queue.length;
  }

  private get v5(): boolean {
    return (this.options.bind.interface_version ?? 0x34) >= 0x50;
  }

  /**
   * Connects and binds. Resolves with the bind response once bound; rejects with the cause
   * otherwise. With `reconnect`, a connection that cannot be made is tried again with backoff.
   */
  async bind(): Promise<Response> {
    if (this._state !== 'closed') throw new Error(`cannot bind: the session is ${this._state}`);
    this.stopped = false;
    this.clock.clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
    this.reconnectAt = undefined;
    return this.connectAndBind();
  }

  private async connectAndBind(): Promise<Response> {
    this.setState('connecting', 'connecting');
    let transport: Transport;
    try {
      transport = await this.options.connector();
    } catch (err) {
      const cause = err instanceof Error ? err.message : String(err);
      this.lastError = cause;
      this.setState('closed', cause);
      this.scheduleReconnect(cause);
      throw err;
    }
    if (this.stopped) {
      transport.destroy();
      throw new Error('the bind was cancelled');
    }
    this.attach(transport);
    this.setState('open', `connected to ${transport.remote}`);
    const b = this.options.bind;
    const command = `bind_${b.type}`;
    try {
      const response = await this.enqueue(
        command,
        {
          system_id: b.system_id,
          password: b.password,
          system_type: b.system_type ?? '',
          interface_version: b.interface_version ?? 0x34,
          addr_ton: b.addr_ton ?? 0,
          addr_npi: b.addr_npi ?? 0,
          address_range: b.address_range ?? '',
        },
        undefined,
        false,
        this.options.bindTimeout ?? this.options.responseTimeout,
      );
      // onResponse has already moved to the bound state, before any PDU behind the bind_resp.
      return response;
    } catch (err) {
      const refused = err instanceof SmppRequestError && err.kind === 'status';
      const cause = err instanceof Error ? err.message : String(err);
      this.lastError = cause;
      // A refused bind will be refused again: do not hammer the SMSC with the same credentials.
      if (refused) this.stopped = true;
      this.teardown(cause);
      throw err;
    }
  }

  /**
   * Unbinds politely and closes. Stops any reconnect. Resolves once closed, with `problem` set when
   * no unbind_resp with status 0 answered (the session closes all the same).
   */
  async unbind(): Promise<UnbindOutcome> {
    this.stopped = true;
    this.clock.clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
    this.reconnectAt = undefined;
    if (!this.link) {
      if (this._state !== 'closed') this.setState('closed', 'unbound by the user');
      return {};
    }
    if (!this.isBound) {
      this.teardown('closed by the user');
      return {};
    }
    const timeout = this.options.unbindTimeout ?? this.options.responseTimeout;
    const unanswered = `no unbind_resp within ${(timeout / 1000).toFixed(1)} s; the connection was closed without it`;
    const done = new Promise<UnbindOutcome>((resolve) => {
      this.unbindWaiter = { resolve, timer: this.clock.setTimeout(() => this.unbindDone(unanswered), timeout) };
    });
    this.setState('unbound', 'unbind sent by the user');
    this.rejectQueued('the session is unbinding');
    const failed = (e: Error): void =>
      this.unbindDone(!(e instanceof SmppRequestError) || e.kind === 'timeout' ? unanswered : e.kind === 'status' ? e.message : `no unbind_resp: ${e.message}`);
    this.sendRequestNow({ command: 'unbind', body: {}, resolve: () => this.unbindDone(), reject: failed, retries: 0, windowed: false, sendNo: 0 }, timeout);
    const outcome = await done;
    this.teardown('unbound by the user');
    return outcome;
  }

  /** Closes the socket at once, rejecting everything pending. Stops any reconnect. */
  close(cause = 'closed by the user'): void {
    this.stopped = true;
    this.clock.clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
    this.reconnectAt = undefined;
    this.teardown(cause);
  }

  /** Sends one enquire_link and resolves with its round trip. */
  async enquireLink(): Promise<number> {
    const r = await this.enqueue('enquire_link', {}, undefined, false);
    return r.rtt;
  }

  /**
   * Sends a request through the window. Resolves with the response when its status is 0;
   * rejects with SmppRequestError on an error status, a timeout, or a closed session.
   */
  request<C extends RequestName>(command: C, body: BodyInput<C> = {} as BodyInput<C>, tlvs?: OutgoingPdu['tlvs']): Promise<Response> {
    return this.enqueue(command, body as Record<string, unknown>, tlvs, true);
  }

  private enqueue(command: string, body: Record<string, unknown>, tlvs: OutgoingPdu['tlvs'], windowed: boolean, timeout?: number): Promise<Response> {
    return new Promise<Response>((resolve, reject) => {
      const q: Queued = { command, body, tlvs, resolve, reject, retries: 0, windowed, sendNo: 0 };
      const bindCommand = command.startsWith('bind_');
      if (!this.link || (!bindCommand && !this.isBound && !(command === 'enquire_link' && this.v5 && this._state === 'open'))) {
        reject(new SmppRequestError(`cannot send ${command}: the session is ${this._state}`, command, 'not_bound'));
        return;
      }
      if (!windowed) {
        this.sendRequestNow(q, timeout);
        return;
      }
      if (this.queue.length >= (this.options.maxQueued ?? DEFAULT_MAX_QUEUED)) {
        reject(new SmppRequestError(`cannot send ${command}: ${this.queue.length} requests already wait for room in the window (maxQueued)`, command, 'full'));
        return;
      }
      this.queue.push(q);
      this.pump();
    });
  }

  /** Sends queued requests while the window has room and no throttle pause is running. */
  private pump(): void {
    if (!this.isBound || this.queue.length === 0) return;
    const now = this.clock.now();
    if (now < this.pausedUntil) {
      if (!this.pumpTimer) {
        this.pumpTimer = this.clock.setTimeout(() => {
          this.pumpTimer = undefined;
          this.pump();
        }, this.pausedUntil - now);
      }
      return;
    }
    this.retryAt = 0;
    while (this.windowUsed < this.options.window && this.queue.length > 0) {
      this.sendRequestNow(this.queue.shift() as Queued);
    }
  }

  private sendRequestNow(q: Queued, timeout = this.options.responseTimeout): void {
    const link = this.link;
    if (!link) {
      q.reject(new SmppRequestError(`cannot send ${q.command}: the session is ${this._state}`, q.command, 'closed'));
      return;
    }
    q.sendNo = ++this.sends;
    try {
      link.request<Queued>({ command: q.command, body: q.body, tlvs: q.tlvs }, q.command, timeout, this.answers, q);
    } catch (err) {
      q.reject(err instanceof LinkError ? new SmppRequestError(err.message, q.command, 'closed') : err instanceof Error ? err : new Error(String(err)));
      return;
    }
    if (q.windowed) this.windowUsed++;
  }

  private release(p: Pending): void {
    if (p.meta?.windowed) this.windowUsed--;
  }

  private onFail(f: LinkFailure, p: Pending): void {
    this.release(p);
    const q = p.meta!;
    if (f.kind === 'timeout') {
      q.reject(new SmppRequestError(f.message, p.command, 'timeout'));
      if (!p.command.startsWith('bind_')) this.pump();
      return;
    }
    if (f.kind === 'closed') {
      q.reject(new SmppRequestError(f.message, p.command, 'closed'));
      if (p.command === 'unbind') this.unbindDone();
      return;
    }
    // A generic_nack refuses the request whatever its status; so does an answer that cannot be read.
    const status = f.response?.pdu.command_status ?? STATUS.ESME_RSYSERR;
    const why = f.kind === 'nack' ? `${statusName(status)}: ${status === 0 ? 'a generic_nack refuses the request even with status 0' : statusMeaning(status)} (generic_nack for ${p.command}, status 0x${status.toString(16).padStart(8, '0')})` : f.message;
    q.reject(new SmppRequestError(why, p.command, 'status', status, f.response?.pdu));
    if (p.command === 'unbind') this.unbindDone();
    this.pump();
  }

  private onResponse(r: LinkResponse, p: Pending): void {
    this.release(p);
    const { pdu, rtt } = r;
    const q = p.meta!;
    const status = pdu.command_status;
    if (status === STATUS.ESME_RTHROTTLED || status === STATUS.ESME_RMSGQFUL) {
      if (this.onThrottled(p, status)) return;
    } else if (status === 0) this.throttleCount = 0;
    if (p.command.startsWith('bind_') && status === 0) this.onBound(p.command, pdu);
    if (p.command === 'enquire_link' && status === 0) this.keepaliveAnswered(rtt);
    if (status !== 0) {
      q.reject(new SmppRequestError(`${statusName(status)}: ${statusMeaning(status)} (${p.command} refused, status 0x${status.toString(16).padStart(8, '0')})`, p.command, 'status', status, pdu));
    } else {
      const problem = r.problems.find((x) => x.status !== undefined) ?? r.problems[0];
      if (problem) this.emit('warning', `${pdu.command} (sequence ${pdu.sequence_number}): ${problem.message}`);
      q.resolve({ pdu, rtt });
    }
    if (p.command === 'unbind') this.unbindDone();
    this.pump();
  }

  private keepaliveAnswered(rtt: number): void {
    this.lastKeepalive = { at: this.clock.now(), side: 'esme', rtt };
    this.emit('keepalive', this.lastKeepalive);
  }

  private attach(transport: Transport): void {
    const link: Link = new Link(
      transport,
      {
        onRequest: (request, pdu) => this.onRequest(request, pdu),
        warn: (message) => this.emit('warning', message),
        // A link that begins to close itself (a dead keepalive, a framing error) ends the session now.
        closing: (cause) => {
          if (this.link !== link) return;
          this.lastError = cause;
          this.teardown(cause);
        },
        closed: (cause, error, byPeer) => {
          if (this.link !== link) return;
          const why = this._state === 'unbound' && byPeer ? 'the connection closed after unbind' : error ? `the connection dropped: ${error.message}` : byPeer ? 'the SMSC closed the connection' : cause;
          if (this._state !== 'unbound') this.lastError = why;
          this.teardown(why);
        },
      },
      {
        clock: this.clock,
        maxPduLength: this.options.maxPduLength,
        initialSequence: this.seq,
        peerName: 'the SMSC',
        nextEventId: () => ++this.eventIds,
        publish: (e) => this.publish(e),
        publishing: () => this.listenerCount('pdu') > 0,
        closeTimeout: this.options.responseTimeout,
      },
    );
    this.link = link;
  }

  /** The link's event is the session's: a PduEvent already (emitted as it is, no copy). */
  private publish(e: LinkEvent): void {
    this.emit('pdu', e);
  }

  /**
   * Enters the bound state as soon as the bind_resp is read, so that a PDU in the same chunk
   * right behind it (a stored receipt, an enquire_link) meets the bound session.
   */
  private onBound(command: string, pdu: WirePdu): void {
    this.everBound = true;
    this.reconnectAttempt = 0;
    this.lastError = undefined;
    const smsc = (pdu.body as Record<string, unknown>).system_id;
    this.setState(BOUND_STATE[this.options.bind.type], `${command} accepted by ${typeof smsc === 'string' && smsc ? smsc : 'the SMSC'}`);
    // Keepalive follows the SMSC's traffic: after enquireLinkInterval of silence an enquire_link
    // goes out around the window, and an SMSC that does not answer it is declared dead.
    this.link?.startKeepalive(this.options.enquireLinkInterval, this.options.responseTimeout, (rtt) => this.keepaliveAnswered(rtt));
  }

  /**
   * Puts a throttled request back at the head of the queue and pauses sending. The pause grows
   * once per throttling episode, not once per refusal: a request sent before the current pause
   * began is part of the burst that caused it (a window of 10 meets up to 10 refusals at once),
   * so it waits out the same pause. Only a refusal of a request sent after the pause grows it.
   */
  private onThrottled(p: Pending, status: number): boolean {
    const q = p.meta!;
    const max = this.options.maxThrottleRetries ?? 5;
    if (!q.windowed || q.retries >= max) return false;
    q.retries++;
    const now = this.clock.now();
    let delay: number;
    if (p.meta!.sendNo <= this.throttleStepSends) {
      delay = Math.max(0, this.pausedUntil - now);
    } else {
      delay = backoffDelay(this.throttleCount++, this.options.throttleBackoff ?? THROTTLE_BACKOFF, this.random);
      this.pausedUntil = Math.max(this.pausedUntil, now + delay);
      this.throttleStepSends = this.sends;
      this.retryAt = 0;
    }
    // Requests refused in one burst go back in the order they were first sent.
    this.queue.splice(Math.min(this.retryAt++, this.queue.length), 0, q);
    this.emit('throttled', { status, delay, command: q.command });
    this.pump();
    return true;
  }

  /** Ends the wait for unbind_resp: answered, or `problem` says why not. */
  private unbindDone(problem?: string): void {
    const w = this.unbindWaiter;
    if (!w) return;
    this.unbindWaiter = undefined;
    this.clock.clearTimeout(w.timer);
    w.resolve(problem === undefined ? {} : { problem });
  }

  private onRequest(request: InboundRequest, pdu: WirePdu): void {
    const link = this.link;
    if (!link) return;
    const command = pdu.command;
    if (!acceptsIncoming(this._state, command, this.v5)) {
      if (command === 'alert_notification' || command === 'outbind') {
        this.emit('warning', `${command} in state ${this._state} ignored`);
        return;
      }
      link.respond(request, STATUS.ESME_RINVBNDSTS);
      return;
    }
    switch (command) {
      case 'enquire_link':
        link.respond(request, 0);
        this.lastKeepalive = { at: request.receivedAt, side: 'smsc' };
        this.emit('keepalive', this.lastKeepalive);
        return;
      case 'deliver_sm':
      case 'data_sm':
        link.respond(request, 0, NO_MESSAGE_ID);
        this.emit('deliver', pdu);
        return;
      case 'alert_notification':
        this.emit('alert', pdu);
        return;
      case 'unbind':
        link.respond(request, 0);
        this.setState('unbound', 'the SMSC unbound');
        this.teardown('the SMSC unbound', true);
        return;
      case 'outbind':
        this.setState('outbound', 'the SMSC sent outbind');
        return;
      default:
        link.respond(request, STATUS.ESME_RINVCMDID);
    }
  }

  private rejectQueued(cause: string): void {
    for (const q of this.queue.splice(0)) q.reject(new SmppRequestError(`${q.command} not sent: ${cause}`, q.command, 'closed'));
  }

  /** Closes the link, rejects everything pending, and schedules a reconnect if due. */
  private teardown(cause: string, end = false): void {
    const link = this.link;
    this.link = undefined;
    this.clock.clearTimeout(this.pumpTimer);
    this.pumpTimer = undefined;
    this.pausedUntil = 0;
    this.throttleCount = 0;
    this.throttleStepSends = -1;
    this.retryAt = 0;
    if (link) {
      this.seq = link.sequence;
      // Pending requests fail at once, with this cause. end(): the unbind_resp leaves before the
      // socket goes, which the link destroys anyway if the peer never closes.
      if (link.isOpen) {
        if (end) link.end(cause);
        else link.destroy(cause);
      }
      this.pastCounters.in += link.counters.in;
      this.pastCounters.out += link.counters.out;
    }
    this.windowUsed = 0;
    this.rejectQueued(cause);
    this.unbindDone();
    if (this._state !== 'closed') this.setState('closed', cause);
    this.scheduleReconnect(cause);
  }

  private scheduleReconnect(cause: string): void {
    if (this.stopped || !this.options.reconnect || this.reconnectTimer) return;
    // Reconnect a session that was up, and keep trying one whose connection could not be made.
    if (!this.everBound && this.reconnectAttempt === 0 && !cause.startsWith('could not connect')) return;
    const attempt = this.reconnectAttempt++;
    const delay = backoffDelay(attempt, this.options.reconnectBackoff ?? RECONNECT_BACKOFF, this.random);
    this.reconnectAt = this.clock.now() + delay;
    this.emit('reconnecting', { attempt: attempt + 1, delay, at: this.reconnectAt, cause });
    this.reconnectTimer = this.clock.setTimeout(() => {
      this.reconnectTimer = undefined;
      this.reconnectAt = undefined;
      if (this.stopped || this._state !== 'closed') return;
      this.connectAndBind().catch(() => {
        // Reported through state events and lastError; the next attempt is scheduled.
      });
    }, delay);
  }

  private setState(to: SessionState, cause: string): void {
    const from = this._state;
    if (from === to) return;
    this._state = to;
    this.emit('state', { from, to, cause });
  }
}

export { statusName, statusMeaning };
