// One ESME's connection to the simulator, seen from the MC side: framing, session states as a
// real MC enforces them, binds, keepalive, responses (with the configured faults), and the
// requests the MC sends itself (deliver_sm, enquire_link, unbind).
import type { EventEmitter } from 'node:events';
import type { Socket } from 'node:net';
import type { TlvInput } from '../codec';
import { responseOf, isCommandName } from '../tables/commands';
import { STATUS, statusName } from '../tables/values';
import { TimerSet, type Clock, type TimerHandle } from '../link/clock';
import { PduStream, type OutgoingPdu, type WirePdu } from '../link/wire';
import { ONE_SHOT_FAULTS, ThrottleGate, mergeFaults, type SmscFaultName, type SmscFaults } from './faults';
import type { SmscBindType, SmscDirection, SmscEvents, SmscPduEvent, SmscSessionState } from './events';

const MAX_SEQ = 0x7fffffff;

const BOUND: Record<SmscBindType, SmscSessionState> = {
  transmitter: 'bound_tx',
  receiver: 'bound_rx',
  transceiver: 'bound_trx',
};

const BIND_TYPE: Readonly<Record<string, SmscBindType>> = {
  bind_transmitter: 'transmitter',
  bind_receiver: 'receiver',
  bind_transceiver: 'transceiver',
};

/** What the simulator answers to a message request (submit_sm, query_sm, …). */
export interface HandlerResult {
  status: number;
  body?: Record<string, unknown>;
  tlvs?: TlvInput[];
  /** Runs once the response is written. */
  after?: () => void;
}

/** The simulator as a connection sees it. */
export interface ConnectionHost {
  readonly clock: Clock;
  readonly events: EventEmitter<SmscEvents>;
  readonly systemId: string;
  readonly interfaceVersion: number;
  readonly enquireLinkInterval: number;
  readonly responseTimeout: number;
  readonly maxPduLength: number | undefined;
  globalFaults(): SmscFaults;
  consumeGlobalFault(name: SmscFaultName): void;
  authenticate(systemId: string, password: string): number;
  handleMessage(conn: SmscConnection, pdu: WirePdu): HandlerResult;
  /** The bind response went out: deliver what waits for this system_id. */
  bound(conn: SmscConnection): void;
  closed(conn: SmscConnection, state: SmscSessionState, cause: string): void;
}

/** Callbacks for a request the simulator sends. */
export interface RequestHandlers {
  onResponse?(pdu: WirePdu): void;
  /** No response within responseTimeout, or the connection closed first. */
  onFail?(reason: 'timeout' | 'closed'): void;
}

interface OwnRequest {
  seq: number;
  command: string;
  sentAt: number;
  timer: TimerHandle;
  handlers: RequestHandlers | undefined;
}

export class SmscConnection {
  readonly remote: string;
  readonly connectedAt: number;
  readonly counters = { in: 0, out: 0 };
  private _state: SmscSessionState = 'open';
  private _systemId: string | undefined;
  private _bindType: SmscBindType | undefined;
  private _interfaceVersion: number | undefined;
  private faults: SmscFaults = {};
  private hasOwnFaults = false;
  private readonly stream: PduStream;
  private readonly throttle = new ThrottleGate();
  private seq = 0;
  private readonly pending = new Map<number, OwnRequest>();
  private readonly timers: TimerSet;
  private idleTimer: TimerHandle | undefined;
  private lastActivity: number;
  private corked = false;
  /** The bind response has been written. */
  private bindAnswered = false;
  /** No more reading or writing: the socket is closing or closed. */
  private dead = false;
  private closeCause: string | undefined;
  private socketError: Error | undefined;
  private readonly closeWaiters: (() => void)[] = [];

  constructor(
    readonly id: number,
    private readonly socket: Socket,
    private readonly host: ConnectionHost,
  ) {
    this.remote = `${socket.remoteAddress ?? '?'}:${socket.remotePort ?? '?'}`;
    this.connectedAt = host.clock.now();
    this.lastActivity = this.connectedAt;
    this.timers = new TimerSet(host.clock);
    this.stream = new PduStream(host.maxPduLength);
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', (err) => {
      this.socketError = err;
    });
    socket.once('close', () => this.onSocketClose());
  }

  get state(): SmscSessionState {
    return this._state;
  }

  get systemId(): string | undefined {
    return this._systemId;
  }

  get bindType(): SmscBindType | undefined {
    return this._bindType;
  }

  get interfaceVersion(): number | undefined {
    return this._interfaceVersion;
  }

  get isBound(): boolean {
    return this._state === 'bound_tx' || this._state === 'bound_rx' || this._state === 'bound_trx';
  }

  /** Bound as receiver or transceiver, bind answered, socket usable: deliver_sm may go here. */
  get canReceive(): boolean {
    return !this.dead && this.bindAnswered && (this._state === 'bound_rx' || this._state === 'bound_trx');
  }

  /** Requests this side sent and not yet answered. */
  get outstanding(): number {
    return this.pending.size;
  }

  /** Faults set on this connection alone (they win over the simulator's). */
  get connectionFaults(): Readonly<SmscFaults> {
    return this.faults;
  }

  /** Switches faults on this connection; a key given as undefined or false switches it off. */
  setFaults(faults: SmscFaults): void {
    this.faults = mergeFaults(this.faults, faults);
    this.hasOwnFaults = Object.keys(this.faults).length > 0;
  }

  clearFaults(): void {
    this.faults = {};
    this.hasOwnFaults = false;
  }

  /** Sends unbind; resolves once the connection has closed (after unbind_resp, or its timeout). */
  unbind(): Promise<void> {
    if (!this.isBound) return this.whenClosed();
    const closed = this.whenClosed();
    this._state = 'unbound';
    this.host.events.emit('unbind', { connection: this.id, remote: this.remote, system_id: this._systemId, by: 'smsc' });
    const sent = this.request('unbind', {}, undefined, {
      onResponse: () => this.end('unbound by the SMSC'),
      onFail: (reason) => {
        if (reason === 'timeout') this.destroy('no unbind_resp: closed by the SMSC');
      },
    });
    if (sent === undefined) this.destroy('unbind could not be sent');
    return closed;
  }

  /** Sends enquire_link now; resolves with the round trip in clock ms, or rejects on timeout/close. */
  enquireLink(): Promise<number> {
    return new Promise<number>((resolve, reject) => {
      const sentAt = this.host.clock.now();
      const seq = this.request('enquire_link', {}, undefined, {
        onResponse: () => resolve(this.host.clock.now() - sentAt),
        onFail: (reason) => reject(new Error(reason === 'timeout' ? 'no enquire_link_resp in time' : 'the connection closed')),
      });
      if (seq === undefined) reject(new Error(`cannot send enquire_link: the connection is ${this._state}`));
    });
  }

  /** Closes the socket at once. */
  destroy(cause = 'closed by the SMSC'): void {
    if (this._state === 'closed') return;
    this.closeCause ??= cause;
    this.dead = true;
    this.stopTimers();
    this.socket.destroy();
  }

  /** Resolves once the socket has closed. */
  whenClosed(): Promise<void> {
    if (this._state === 'closed') return Promise.resolve();
    return new Promise((resolve) => this.closeWaiters.push(resolve));
  }

  /**
   * Sends a request (deliver_sm, enquire_link, unbind) and tracks its response. Returns the
   * sequence_number, or undefined when nothing could be sent.
   */
  request(command: string, body: Record<string, unknown>, tlvs?: readonly TlvInput[], handlers?: RequestHandlers): number | undefined {
    if (this.dead) return undefined;
    const seq = this.nextSequence();
    if (!this.send({ command, command_status: 0, sequence_number: seq, body, tlvs })) return undefined;
    if (this.dead) {
      // A fault cut the connection while writing; the request is lost with it.
      handlers?.onFail?.('closed');
      return seq;
    }
    const timer = this.timers.set(() => this.onRequestTimeout(seq), this.host.responseTimeout);
    this.pending.set(seq, { seq, command, sentAt: this.host.clock.now(), timer, handlers });
    return seq;
  }

  // ---------------------------------------------------------------------------------------------
  // Reading
  // ---------------------------------------------------------------------------------------------

  private onData(chunk: Buffer): void {
    if (this.dead) return;
    const fault = this.stream.push(chunk, (frame) => this.onFrame(frame));
    if (fault && !this.dead) {
      this.warn(`cannot frame the stream: ${fault.message}`);
      if (fault.status !== undefined) this.send({ command: 'generic_nack', command_status: fault.status, sequence_number: 0, body: {} });
      this.end(`framing error: ${fault.message}`);
    }
  }

  private onFrame(frame: Uint8Array): void {
    if (this.dead) return;
    this.counters.in++;
    this.lastActivity = this.host.clock.now();
    const { pdu, problems } = this.stream.decode(frame);
    this.publish('in', frame, pdu);
    if ((pdu.command_id & 0x80000000) !== 0) {
      this.onResponse(pdu);
      return;
    }
    if (pdu.command === 'unknown') {
      this.warn(`unknown command_id 0x${pdu.command_id.toString(16).padStart(8, '0')} (sequence ${pdu.sequence_number})`);
      this.reply(pdu, { command: 'generic_nack', command_status: STATUS.ESME_RINVCMDID, sequence_number: pdu.sequence_number, body: {} });
      return;
    }
    const bad = problems.find((p) => p.status !== undefined);
    if (bad?.status !== undefined) {
      this.warn(`malformed ${pdu.command} (sequence ${pdu.sequence_number}): ${bad.message}`);
      const status = bad.status;
      const resp = isCommandName(pdu.command) ? responseOf(pdu.command) : undefined;
      // A body that cannot be read is answered with generic_nack; a readable body with a bad
      // value gets its own _resp carrying the status that names the field.
      if (resp === undefined || status === STATUS.ESME_RINVMSGLEN || status === STATUS.ESME_RINVCMDLEN || status === STATUS.ESME_RINVCMDID) {
        this.reply(pdu, { command: 'generic_nack', command_status: status, sequence_number: pdu.sequence_number, body: {} });
      } else {
        this.respond(pdu, status);
      }
      return;
    }
    this.onRequest(pdu);
  }

  private onResponse(pdu: WirePdu): void {
    const p = this.pending.get(pdu.sequence_number);
    if (!p) {
      if (pdu.command === 'generic_nack') this.warn(`generic_nack ${statusName(pdu.command_status)} for sequence ${pdu.sequence_number}`);
      else this.warn(`${pdu.command} for sequence ${pdu.sequence_number} matches no request`);
      return;
    }
    this.pending.delete(p.seq);
    this.timers.clear(p.timer);
    if (pdu.command_status !== 0) this.warn(`${p.command} (sequence ${p.seq}) answered with ${statusName(pdu.command_status)}`);
    p.handlers?.onResponse?.(pdu);
  }

  private onRequestTimeout(seq: number): void {
    const p = this.pending.get(seq);
    if (!p) return;
    this.pending.delete(seq);
    this.warn(`no response to ${p.command} (sequence ${seq}) within ${this.host.responseTimeout} ms`);
    p.handlers?.onFail?.('timeout');
  }

  private onRequest(pdu: WirePdu): void {
    switch (pdu.command) {
      case 'bind_transmitter':
      case 'bind_receiver':
      case 'bind_transceiver':
        this.onBind(pdu);
        return;
      case 'alert_notification':
      case 'outbind':
      case 'deliver_sm':
      case 'broadcast_sm':
      case 'query_broadcast_sm':
      case 'cancel_broadcast_sm':
      case 'param_retrieve':
      case 'query_last_msgs':
      case 'query_msg_details':
        // Not something an ESME sends to this MC.
        this.warn(`${pdu.command} is not supported by the simulator (sequence ${pdu.sequence_number})`);
        this.reply(pdu, { command: 'generic_nack', command_status: STATUS.ESME_RINVCMDID, sequence_number: pdu.sequence_number, body: {} });
        return;
    }
    if (this._state === 'open') {
      this.respond(pdu, STATUS.ESME_RINVBNDSTS);
      return;
    }
    switch (pdu.command) {
      case 'enquire_link':
        if (this.effectiveFaults().dropEnquireLinkResp === true) {
          this.fault('dropEnquireLinkResp', `enquire_link sequence ${pdu.sequence_number} left unanswered`);
          return;
        }
        this.respond(pdu, 0);
        return;
      case 'unbind':
        if (!this.isBound) {
          this.respond(pdu, STATUS.ESME_RINVBNDSTS);
          return;
        }
        this._state = 'unbound';
        this.host.events.emit('unbind', { connection: this.id, remote: this.remote, system_id: this._systemId, by: 'esme' });
        this.respond(pdu, 0, {}, undefined, () => this.end('unbound by the ESME'));
        return;
      case 'submit_sm':
      case 'submit_multi':
      case 'query_sm':
      case 'cancel_sm':
      case 'replace_sm':
        if (this._state !== 'bound_tx' && this._state !== 'bound_trx') {
          this.respond(pdu, STATUS.ESME_RINVBNDSTS);
          return;
        }
        this.onMessageRequest(pdu);
        return;
      case 'data_sm':
        if (!this.isBound) {
          this.respond(pdu, STATUS.ESME_RINVBNDSTS);
          return;
        }
        this.onMessageRequest(pdu);
        return;
      default:
        this.reply(pdu, { command: 'generic_nack', command_status: STATUS.ESME_RINVCMDID, sequence_number: pdu.sequence_number, body: {} });
    }
  }

  private onMessageRequest(pdu: WirePdu): void {
    if (pdu.command === 'submit_sm' || pdu.command === 'submit_multi' || pdu.command === 'data_sm') {
      const throttle = this.effectiveFaults().throttle;
      if (this.throttle.refuse(throttle, this.host.clock.now())) {
        this.fault('throttle', `${pdu.command} sequence ${pdu.sequence_number} answered with ESME_RTHROTTLED`);
        this.respond(pdu, STATUS.ESME_RTHROTTLED);
        return;
      }
    }
    const r = this.host.handleMessage(this, pdu);
    this.respond(pdu, r.status, r.body ?? {}, r.tlvs, r.after);
  }

  private onBind(pdu: WirePdu): void {
    const type = BIND_TYPE[pdu.command];
    const body = pdu.body as { system_id?: string; password?: string; interface_version?: number };
    if (this._state !== 'open') {
      this.respond(pdu, this.isBound ? STATUS.ESME_RALYBND : STATUS.ESME_RINVBNDSTS, { system_id: this.host.systemId });
      return;
    }
    const systemId = body.system_id ?? '';
    const version = body.interface_version ?? 0;
    const rejectBind = this.effectiveFaults().rejectBind;
    let status: number;
    if (rejectBind !== undefined && rejectBind !== 0) {
      status = rejectBind;
      this.fault('rejectBind', `${pdu.command} from ${systemId || '(empty system_id)'} refused with ${statusName(status)}`);
    } else {
      status = this.host.authenticate(systemId, body.password ?? '');
    }
    const event = {
      connection: this.id,
      remote: this.remote,
      type,
      system_id: systemId,
      interface_version: version,
      status,
      statusName: statusName(status),
      accepted: status === 0,
    };
    if (status !== 0) {
      this.host.events.emit('bind', event);
      this.respond(pdu, status, { system_id: this.host.systemId });
      return;
    }
    this._state = BOUND[type];
    this._systemId = systemId;
    this._bindType = type;
    this._interfaceVersion = version;
    this.host.events.emit('bind', event);
    // sc_interface_version goes to 3.4 and later binds only (a 3.3 ESME would not know the TLV).
    const tlvs: TlvInput[] | undefined = version >= 0x34 ? [{ name: 'sc_interface_version', value: this.host.interfaceVersion }] : undefined;
    this.respond(pdu, 0, { system_id: this.host.systemId }, tlvs, () => {
      if (!this.isBound) return;
      this.bindAnswered = true;
      this.armIdle();
      this.host.bound(this);
    });
  }

  // ---------------------------------------------------------------------------------------------
  // Writing
  // ---------------------------------------------------------------------------------------------

  /** Answers a request with its _resp (an error response carries no body unless given one). */
  private respond(request: WirePdu, status: number, body: Record<string, unknown> = {}, tlvs?: readonly TlvInput[], after?: () => void): void {
    const name = isCommandName(request.command) ? responseOf(request.command) : undefined;
    if (name === undefined) return;
    this.reply(request, { command: name, command_status: status, sequence_number: request.sequence_number, body, tlvs }, after);
  }

  /** Sends a response now, or after the responseDelay fault's delay. */
  private reply(request: WirePdu, response: OutgoingPdu, after?: () => void): void {
    const delay = this.responseDelay(request);
    if (delay > 0) {
      this.timers.set(() => {
        if (this.dead) return;
        this.send(response);
        after?.();
      }, delay);
      return;
    }
    this.send(response);
    after?.();
  }

  private responseDelay(request: WirePdu): number {
    const d = this.effectiveFaults().responseDelay;
    if (d === undefined) return 0;
    const ms = typeof d === 'function' ? d(request) : d;
    return Number.isFinite(ms) && ms > 0 ? ms : 0;
  }

  /** Encodes and writes a PDU, applying one-shot faults. Returns false when nothing was written. */
  private send(pdu: OutgoingPdu): boolean {
    if (this.dead || this.socket.destroyed) return false;
    let bytes: Uint8Array;
    try {
      bytes = this.stream.encode(pdu);
    } catch (err) {
      this.warn(`cannot encode ${pdu.command}: ${err instanceof Error ? err.message : String(err)}`);
      return false;
    }
    this.counters.out++;
    this.lastActivity = this.host.clock.now();
    const faults = this.effectiveFaults();
    if (faults.garbageLength !== undefined) {
      this.consumeFault('garbageLength');
      const bad = Buffer.from(bytes);
      bad.writeUInt32BE(faults.garbageLength >>> 0, 0);
      this.write(bad);
      this.publish('out', bad, this.stream.decode(bytes).pdu, 'garbageLength');
      this.fault('garbageLength', `${pdu.command} sequence ${pdu.sequence_number} sent with command_length 0x${(faults.garbageLength >>> 0).toString(16).toUpperCase()} instead of ${bytes.length}`);
      return true;
    }
    if (faults.closeMidPdu === true) {
      this.consumeFault('closeMidPdu');
      const half = bytes.subarray(0, Math.max(1, bytes.length >> 1));
      this.publish('out', half, this.stream.decode(bytes).pdu, 'closeMidPdu');
      this.fault('closeMidPdu', `${pdu.command} sequence ${pdu.sequence_number}: wrote ${half.length} of ${bytes.length} octets, then closed`);
      this.closeCause ??= `closed in the middle of ${pdu.command} (fault)`;
      this.dead = true;
      this.stopTimers();
      this.uncork();
      this.socket.write(half, () => this.socket.destroy());
      return true;
    }
    this.write(bytes);
    if (this.host.events.listenerCount('pdu') > 0) this.publish('out', bytes, this.stream.decode(bytes).pdu);
    return true;
  }

  /** Writes, batching every PDU of one tick into one write. */
  private write(bytes: Uint8Array): void {
    if (!this.corked) {
      this.corked = true;
      this.socket.cork();
      process.nextTick(() => this.uncork());
    }
    this.socket.write(bytes);
  }

  private uncork(): void {
    if (!this.corked) return;
    this.corked = false;
    this.socket.uncork();
  }

  /** Half-closes after pending writes; the socket closes when the peer closes its side. */
  private end(cause: string): void {
    if (this.dead) return;
    this.closeCause ??= cause;
    this.dead = true;
    this.stopTimers();
    this.uncork();
    this.socket.end();
    // A peer that never closes its side must not keep the socket open for ever.
    this.timers.set(() => this.socket.destroy(), this.host.responseTimeout);
  }

  private nextSequence(): number {
    do {
      this.seq = this.seq >= MAX_SEQ ? 1 : this.seq + 1;
    } while (this.pending.has(this.seq));
    return this.seq;
  }

  // ---------------------------------------------------------------------------------------------
  // Keepalive, timers, close
  // ---------------------------------------------------------------------------------------------

  /** Sends enquire_link after enquireLinkInterval ms without traffic while bound. */
  private armIdle(): void {
    const interval = this.host.enquireLinkInterval;
    if (interval <= 0 || this.idleTimer !== undefined) return;
    this.idleTimer = this.timers.set(() => this.onIdle(), interval);
  }

  private onIdle(): void {
    this.idleTimer = undefined;
    if (this.dead || !this.isBound) return;
    const interval = this.host.enquireLinkInterval;
    const quiet = this.host.clock.now() - this.lastActivity;
    if (quiet < interval) {
      this.idleTimer = this.timers.set(() => this.onIdle(), interval - quiet);
      return;
    }
    this.request('enquire_link', {}, undefined, {
      onFail: (reason) => {
        if (reason === 'timeout') this.destroy(`no enquire_link_resp within ${this.host.responseTimeout} ms: the link is dead`);
      },
    });
    this.armIdle();
  }

  private stopTimers(): void {
    this.timers.clearAll();
    this.idleTimer = undefined;
  }

  private onSocketClose(): void {
    const state = this._state;
    this.dead = true;
    this._state = 'closed';
    this.stopTimers();
    const cause =
      this.closeCause ??
      (this.socketError ? `the connection dropped: ${this.socketError.message}` : state === 'unbound' ? 'the connection closed after unbind' : 'the ESME closed the connection');
    const pending = [...this.pending.values()];
    this.pending.clear();
    for (const p of pending) p.handlers?.onFail?.('closed');
    this.host.closed(this, state, cause);
    for (const w of this.closeWaiters.splice(0)) w();
  }

  // ---------------------------------------------------------------------------------------------
  // Helpers
  // ---------------------------------------------------------------------------------------------

  private effectiveFaults(): SmscFaults {
    const global = this.host.globalFaults();
    return this.hasOwnFaults ? { ...global, ...this.faults } : global;
  }

  private consumeFault(name: SmscFaultName): void {
    if (!ONE_SHOT_FAULTS.includes(name)) return;
    if (this.faults[name] !== undefined) {
      this.setFaults({ [name]: undefined });
    } else this.host.consumeGlobalFault(name);
  }

  private fault(fault: SmscFaultName, detail: string): void {
    this.host.events.emit('fault', { connection: this.id, remote: this.remote, fault, detail });
  }

  private warn(message: string): void {
    this.host.events.emit('warning', { connection: this.id, message });
  }

  private publish(direction: SmscDirection, bytes: Uint8Array, pdu: WirePdu, fault?: SmscPduEvent['fault']): void {
    if (this.host.events.listenerCount('pdu') === 0) return;
    const event: SmscPduEvent = {
      connection: this.id,
      remote: this.remote,
      direction,
      timestamp: this.host.clock.now(),
      bytes,
      command: pdu.command,
      command_id: pdu.command_id,
      command_status: pdu.command_status,
      sequence_number: pdu.sequence_number,
      pdu,
    };
    if (fault !== undefined) event.fault = fault;
    this.host.events.emit('pdu', event);
  }
}
