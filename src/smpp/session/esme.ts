// The ESME side of an SMPP session: connect, bind, keep the link alive in both directions,
// send windowed requests with response timers, answer what the SMSC sends, unbind, reconnect.
// Clock, randomness and the byte pipe are injected, so tests drive every timer by hand.
import { EventEmitter } from 'node:events';
import { RECONNECT_BACKOFF, backoffDelay, type BackoffOptions } from '../link/backoff';
import { systemClock, type Clock, type TimerHandle } from '../link/clock';
import type { Connector, Transport } from '../link/transport';
import { PduStream, type OutgoingPdu, type WirePdu } from '../link/wire';
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
  /** The sequence number before the first request (default 0: the first is 1). */
  initialSequence?: number;
  clock?: Clock;
  random?: () => number;
}

export type Direction = PduDirection;

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
export class SmppRequestError extends Error {
  constructor(
    message: string,
    readonly command: string,
    readonly kind: 'status' | 'timeout' | 'closed' | 'not_bound',
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

interface Pending {
  seq: number;
  command: string;
  sentAt: number;
  /** Counts requests sent on this connection: which were sent before a throttle pause began. */
  sendNo: number;
  eventId: number;
  timer: TimerHandle;
  windowed: boolean;
  queued: Queued;
}

interface Queued {
  command: string;
  body: Record<string, unknown>;
  tlvs?: OutgoingPdu['tlvs'];
  resolve: (r: Response) => void;
  reject: (e: Error) => void;
  retries: number;
  windowed: boolean;
  /** The automatic keepalive: a missing response means the link is dead. */
  keepalive?: boolean;
}

const BOUND_STATES: ReadonlySet<SessionState> = new Set(['bound_tx', 'bound_rx', 'bound_trx']);
const THROTTLE_BACKOFF: BackoffOptions = { initial: 100, max: 5_000, factor: 2, jitter: 0.5 };
const MAX_SEQ = 0x7fffffff;
/** Requests the spec gives no response. */
const NO_RESPONSE: ReadonlySet<string> = new Set(['outbind', 'alert_notification']);

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
  private transport: Transport | undefined;
  private stream: PduStream | undefined;
  private _state: SessionState = 'closed';
  private seq = 0;
  private eventIds = 0;
  private readonly pending = new Map<number, Pending>();
  private readonly queue: Queued[] = [];
  private windowUsed = 0;
  private keepaliveTimer: TimerHandle | undefined;
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
  private unbindWaiter: { resolve: () => void; timer: TimerHandle } | undefined;

  lastKeepalive: KeepaliveEvent | undefined;
  lastError: string | undefined;
  readonly counters = { in: 0, out: 0 };
  /** When the next reconnect attempt is due, if one is scheduled. */
  reconnectAt: number | undefined;

  constructor(readonly options: EsmeOptions) {
    super();
    this.clock = options.clock ?? systemClock();
    this.seq = options.initialSequence ?? 0;
    this.random = options.random ?? Math.random;
  }

  get state(): SessionState {
    return this._state;
  }

  get isBound(): boolean {
    return BOUND_STATES.has(this._state);
  }

  /** Requests sent and not yet answered. */
  get outstanding(): number {
    return this.pending.size;
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

  /** Unbinds politely and closes. Stops any reconnect. */
  async unbind(): Promise<void> {
    this.stopped = true;
    this.clock.clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
    this.reconnectAt = undefined;
    if (!this.transport) {
      if (this._state !== 'closed') this.setState('closed', 'unbound by the user');
      return;
    }
    if (!this.isBound) {
      this.teardown('closed by the user');
      return;
    }
    const done = new Promise<void>((resolve) => {
      const timer = this.clock.setTimeout(() => {
        this.unbindWaiter = undefined;
        resolve();
      }, this.options.unbindTimeout ?? this.options.responseTimeout);
      this.unbindWaiter = { resolve, timer };
    });
    this.setState('unbound', 'unbind sent by the user');
    this.rejectQueued('the session is unbinding');
    this.sendRequestNow({ command: 'unbind', body: {}, resolve: () => undefined, reject: () => undefined, retries: 0, windowed: false });
    await done;
    this.teardown('unbound by the user');
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
  request(command: string, body: Record<string, unknown> = {}, tlvs?: OutgoingPdu['tlvs']): Promise<Response> {
    return this.enqueue(command, body, tlvs, true);
  }

  private enqueue(command: string, body: Record<string, unknown>, tlvs: OutgoingPdu['tlvs'], windowed: boolean, timeout?: number): Promise<Response> {
    return new Promise<Response>((resolve, reject) => {
      const q: Queued = { command, body, tlvs, resolve, reject, retries: 0, windowed };
      const bindCommand = command.startsWith('bind_');
      if (!this.transport || (!bindCommand && !this.isBound && !(command === 'enquire_link' && this.v5 && this._state === 'open'))) {
        reject(new SmppRequestError(`cannot send ${command}: the session is ${this._state}`, command, 'not_bound'));
        return;
      }
      if (!windowed) {
        this.sendRequestNow(q, timeout);
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

  private nextSequence(): number {
    do {
      this.seq = this.seq >= MAX_SEQ ? 1 : this.seq + 1;
    } while (this.pending.has(this.seq));
    return this.seq;
  }

  private sendRequestNow(q: Queued, timeout = this.options.responseTimeout): void {
    const seq = this.nextSequence();
    let eventId: number;
    try {
      eventId = this.send({ command: q.command, command_status: 0, sequence_number: seq, body: q.body, tlvs: q.tlvs });
    } catch (err) {
      q.reject(err instanceof Error ? err : new Error(String(err)));
      return;
    }
    const timer = this.clock.setTimeout(() => this.onResponseTimeout(seq), timeout);
    this.pending.set(seq, { seq, command: q.command, sentAt: this.clock.now(), sendNo: ++this.sends, eventId, timer, windowed: q.windowed, queued: q });
    if (q.windowed) this.windowUsed++;
  }

  /** Encodes and writes a PDU, publishes it, and returns its event id. */
  private send(pdu: OutgoingPdu, request?: { id: number; rtt: number }): number {
    const stream = this.stream;
    if (!stream || !this.transport) throw new SmppRequestError(`cannot send ${pdu.command}: the session is ${this._state}`, pdu.command, 'closed');
    const bytes = stream.encode(pdu);
    this.transport.write(bytes);
    this.counters.out++;
    this.touch();
    const id = ++this.eventIds;
    if (this.listenerCount('pdu') > 0) {
      this.emit('pdu', {
        id,
        direction: 'out',
        timestamp: this.clock.now(),
        bytes,
        command: pdu.command,
        command_id: readU32(bytes, 4),
        command_status: pdu.command_status ?? 0,
        sequence_number: pdu.sequence_number,
        request,
      });
    }
    return id;
  }

  private release(p: Pending): void {
    this.clock.clearTimeout(p.timer);
    this.pending.delete(p.seq);
    if (p.windowed) this.windowUsed--;
  }

  private onResponseTimeout(seq: number): void {
    const p = this.pending.get(seq);
    if (!p) return;
    this.release(p);
    const seconds = ((this.clock.now() - p.sentAt) / 1000).toFixed(1);
    if (p.queued.keepalive) {
      this.linkDead(`no enquire_link_resp within ${seconds} s: the link is dead`);
      return;
    }
    p.queued.reject(new SmppRequestError(`no ${p.command}_resp within ${seconds} s (sequence ${seq})`, p.command, 'timeout'));
    if (p.command.startsWith('bind_')) return;
    this.pump();
  }

  private linkDead(cause: string): void {
    this.lastError = cause;
    this.teardown(cause);
  }

  /** Restarts the inactivity timer: any traffic counts as a sign of life. */
  private touch(): void {
    if (this.keepaliveTimer) this.armKeepalive();
  }

  private armKeepalive(): void {
    this.clock.clearTimeout(this.keepaliveTimer);
    this.keepaliveTimer = undefined;
    const interval = this.options.enquireLinkInterval;
    if (interval <= 0 || !this.isBound) return;
    this.keepaliveTimer = this.clock.setTimeout(() => {
      this.keepaliveTimer = undefined;
      if (!this.isBound) return;
      // Keepalives go around the window: a full window must not hide a dead link.
      this.sendRequestNow({ command: 'enquire_link', body: {}, resolve: () => undefined, reject: () => undefined, retries: 0, windowed: false, keepalive: true });
      this.armKeepalive();
    }, interval);
  }

  private attach(transport: Transport): void {
    this.transport = transport;
    this.stream = new PduStream(this.options.maxPduLength);
    transport.onData((chunk) => this.onData(transport, chunk));
    transport.onClose((error) => {
      if (this.transport !== transport) return;
      const cause = this._state === 'unbound' ? 'the connection closed after unbind' : error ? `the connection dropped: ${error.message}` : 'the SMSC closed the connection';
      if (this._state !== 'unbound') this.lastError = cause;
      this.teardown(cause);
    });
  }

  private onData(transport: Transport, chunk: Uint8Array): void {
    if (this.transport !== transport || !this.stream) return;
    const result = this.stream.push(chunk, (frame) => this.onFrame(frame));
    if (result) {
      // A length that cannot be trusted: nothing after it can be framed. Say why and close.
      this.lastError = result.message;
      if (result.status !== undefined) {
        try {
          this.send({ command: 'generic_nack', command_status: result.status, sequence_number: 0, body: {} });
        } catch {
          // The socket is going anyway.
        }
      }
      // end(), not destroy(): the generic_nack must leave before the socket goes.
      this.teardown(result.message, true);
    }
  }

  private onFrame(frame: Uint8Array): void {
    if (!this.transport) return;
    this.counters.in++;
    this.touch();
    const { pdu, problems } = this.stream!.decode(frame);
    const id = ++this.eventIds;
    const isResponse = (pdu.command_id & 0x80000000) !== 0;
    const pending = isResponse ? this.pending.get(pdu.sequence_number) : undefined;
    const now = this.clock.now();
    if (this.listenerCount('pdu') > 0) {
      this.emit('pdu', {
        id,
        direction: 'in',
        timestamp: now,
        bytes: frame,
        command: pdu.command,
        command_id: pdu.command_id,
        command_status: pdu.command_status,
        sequence_number: pdu.sequence_number,
        pdu,
        request: pending ? { id: pending.eventId, rtt: now - pending.sentAt } : undefined,
      });
    }
    if (isResponse) {
      this.onResponse(pdu, pending, problems.length ? problems[0].message : undefined);
      return;
    }
    const fatal = problems.find((p) => p.status !== undefined);
    if (fatal) {
      this.emit('warning', `malformed ${pdu.command} (sequence ${pdu.sequence_number}): ${fatal.message}`);
      const status = fatal.status as number;
      // A frame that cannot be read gets generic_nack; a readable request with a bad field gets
      // its own response carrying that field's status.
      const unreadable = status === STATUS.ESME_RINVCMDLEN || status === STATUS.ESME_RINVMSGLEN || status === STATUS.ESME_RINVCMDID || pdu.command === 'unknown';
      const resp = unreadable || NO_RESPONSE.has(pdu.command) ? 'generic_nack' : `${pdu.command}_resp`;
      this.trySend({ command: resp, command_status: status, sequence_number: pdu.sequence_number, body: {} }, id, now);
      return;
    }
    this.onRequest(pdu, id, now);
  }

  private trySend(pdu: OutgoingPdu, requestId: number, receivedAt: number): void {
    try {
      this.send(pdu, { id: requestId, rtt: this.clock.now() - receivedAt });
    } catch {
      // Closed meanwhile.
    }
  }

  private onResponse(pdu: WirePdu, pending: Pending | undefined, problem: string | undefined): void {
    if (!pending) {
      this.emit('warning', `${pdu.command} for sequence ${pdu.sequence_number} matches no request`);
      return;
    }
    this.release(pending);
    const rtt = this.clock.now() - pending.sentAt;
    const status = pdu.command_status;
    if (status === STATUS.ESME_RTHROTTLED || status === STATUS.ESME_RMSGQFUL) {
      if (this.onThrottled(pending, status)) return;
    } else if (status === 0) this.throttleCount = 0;
    if (pending.command.startsWith('bind_') && status === 0) this.onBound(pending.command, pdu);
    if (pending.command === 'enquire_link' && status === 0) {
      this.lastKeepalive = { at: this.clock.now(), side: 'esme', rtt };
      this.emit('keepalive', this.lastKeepalive);
    }

    if (status !== 0) {
      const name = statusName(status);
      const meaning = statusMeaning(status);
      const what = pdu.command === 'generic_nack' ? `generic_nack for ${pending.command}` : `${pending.command} refused`;
      pending.queued.reject(new SmppRequestError(`${name}: ${meaning} (${what}, status 0x${status.toString(16).padStart(8, '0')})`, pending.command, 'status', status, pdu));
    } else if (problem && !pending.command.startsWith('bind_') && pdu.command === 'generic_nack') {
      pending.queued.reject(new SmppRequestError(problem, pending.command, 'status', status, pdu));
    } else {
      if (problem) this.emit('warning', `${pdu.command} (sequence ${pdu.sequence_number}): ${problem}`);
      pending.queued.resolve({ pdu, rtt });
    }
    if (pending.command === 'unbind') this.unbindDone();
    this.pump();
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
    this.armKeepalive();
  }

  /**
   * Puts a throttled request back at the head of the queue and pauses sending. The pause grows
   * once per throttling episode, not once per refusal: a request sent before the current pause
   * began is part of the burst that caused it (a window of 10 meets up to 10 refusals at once),
   * so it waits out the same pause. Only a refusal of a request sent after the pause grows it.
   */
  private onThrottled(p: Pending, status: number): boolean {
    const q = p.queued;
    const max = this.options.maxThrottleRetries ?? 5;
    if (!q.windowed || q.retries >= max) return false;
    q.retries++;
    const now = this.clock.now();
    let delay: number;
    if (p.sendNo <= this.throttleStepSends) {
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

  private unbindDone(): void {
    const w = this.unbindWaiter;
    if (!w) return;
    this.unbindWaiter = undefined;
    this.clock.clearTimeout(w.timer);
    w.resolve();
  }

  private onRequest(pdu: WirePdu, eventId: number, receivedAt: number): void {
    const command = pdu.command;
    const respond = (status: number, body: Record<string, unknown> = {}): void => {
      const resp = `${command}_resp`;
      this.trySend({ command: resp, command_status: status, sequence_number: pdu.sequence_number, body: status === 0 ? body : {} }, eventId, receivedAt);
    };
    if (command.startsWith('unknown')) {
      this.emit('warning', `unknown command_id 0x${pdu.command_id.toString(16).padStart(8, '0')} (sequence ${pdu.sequence_number})`);
      this.trySend({ command: 'generic_nack', command_status: STATUS.ESME_RINVCMDID, sequence_number: pdu.sequence_number, body: {} }, eventId, receivedAt);
      return;
    }
    if (!acceptsIncoming(this._state, command, this.v5)) {
      if (command === 'alert_notification' || command === 'outbind') {
        this.emit('warning', `${command} in state ${this._state} ignored`);
        return;
      }
      respond(STATUS.ESME_RINVBNDSTS);
      return;
    }
    switch (command) {
      case 'enquire_link':
        respond(0);
        this.lastKeepalive = { at: receivedAt, side: 'smsc' };
        this.emit('keepalive', this.lastKeepalive);
        return;
      case 'deliver_sm':
        respond(0, { message_id: '' });
        this.emit('deliver', pdu);
        return;
      case 'data_sm':
        respond(0, { message_id: '' });
        this.emit('deliver', pdu);
        return;
      case 'alert_notification':
        this.emit('alert', pdu);
        return;
      case 'unbind':
        respond(0);
        this.setState('unbound', 'the SMSC unbound');
        this.teardown('the SMSC unbound', true);
        return;
      case 'outbind':
        this.setState('outbound', 'the SMSC sent outbind');
        return;
    }
  }

  private rejectQueued(cause: string): void {
    for (const q of this.queue.splice(0)) q.reject(new SmppRequestError(`${q.command} not sent: ${cause}`, q.command, 'closed'));
  }

  /** Closes the transport, rejects everything pending, and schedules a reconnect if due. */
  private teardown(cause: string, end = false): void {
    const transport = this.transport;
    this.transport = undefined;
    this.stream = undefined;
    this.clock.clearTimeout(this.keepaliveTimer);
    this.keepaliveTimer = undefined;
    this.clock.clearTimeout(this.pumpTimer);
    this.pumpTimer = undefined;
    this.pausedUntil = 0;
    this.throttleCount = 0;
    this.throttleStepSends = -1;
    this.retryAt = 0;
    for (const p of [...this.pending.values()]) {
      this.release(p);
      p.queued.reject(new SmppRequestError(`${p.command} (sequence ${p.seq}) got no response: ${cause}`, p.command, 'closed'));
    }
    this.windowUsed = 0;
    this.rejectQueued(cause);
    this.unbindDone();
    if (transport) {
      if (end) {
        // Let the unbind_resp leave, then make sure the socket goes even if the peer never closes.
        transport.end();
        this.clock.setTimeout(() => transport.destroy(), this.options.responseTimeout);
      } else transport.destroy();
    }
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

function readU32(b: Uint8Array, at: number): number {
  return ((b[at] << 24) | (b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3]) >>> 0;
}

export { statusName, statusMeaning };
