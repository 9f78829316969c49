// One ESME's connection to the simulator, seen from the MC side: the MC role on top of a link.
// The link frames, numbers, times and answers what cannot be read; this role enforces the
// session states as a real MC does, answers binds and messages (with the configured faults), and
// sends the MC's own requests (deliver_sm, enquire_link, unbind).
import type { EventEmitter } from 'node:events';
import type { Socket } from 'node:net';
import type { TlvInput } from '../codec';
import { writeU32 } from '../bytes';
import { responseOf, isCommandName } from '../tables/commands';
import { STATUS, statusName } from '../tables/values';
import { TimerSet, type Clock } from '../link/clock';
import { Link, type InboundRequest, type LinkEvent, type LinkFailure, type WriteFilterResult } from '../link/link';
import { socketTransport } from '../link/transport';
import { decode } from '../codec';
import type { OutgoingPdu, WirePdu } from '../link/wire';
import { ONE_SHOT_FAULTS, ThrottleGate, mergeFaults, type SmscFaultName, type SmscFaults } from './faults';
import type { SmscBindType, SmscEvents, SmscPduEvent, SmscSessionState } from './events';

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
  /** Answer after this many ms (clock time), in place of the responseDelay fault's delay. */
  delay?: number;
  /** Leave the request unanswered. */
  noResponse?: boolean;
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
  /** Close a connection that has not bound within this many ms; 0 = never. */
  readonly sessionInitTimeout: number;
  /** Close a connection whose ESME sends nothing for this many ms; 0 = never. */
  readonly inactivityTimeout: number;
  /** The simulator's own requests (deliver_sm…) outstanding at once on one connection. */
  readonly maxOutstanding: number;
  globalFaults(): SmscFaults;
  consumeGlobalFault(name: SmscFaultName): void;
  authenticate(systemId: string, password: string): number;
  handleMessage(conn: SmscConnection, pdu: WirePdu): HandlerResult;
  /** The bind response went out, or a full connection has room again: deliver what waits. */
  bound(conn: SmscConnection): void;
  closed(conn: SmscConnection, state: SmscSessionState, cause: string): void;
}

/** Callbacks for a request the simulator sends. */
export interface RequestHandlers {
  onResponse?(pdu: WirePdu): void;
  /** No response within responseTimeout, a generic_nack, or the connection closed first. */
  onFail?(reason: LinkFailure['kind']): void;
}

export class SmscConnection {
  readonly remote: string;
  readonly connectedAt: number;
  private _state: SmscSessionState = 'open';
  private _systemId: string | undefined;
  private _bindType: SmscBindType | undefined;
  private _interfaceVersion: number | undefined;
  private faults: SmscFaults = {};
  private hasOwnFaults = false;
  private readonly throttle = new ThrottleGate();
  private readonly link: Link;
  /** Timers of this connection's delayed responses. */
  private readonly timers: TimerSet;
  /** The bind response has been written. */
  private bindAnswered = false;
  private readonly closeWaiters: (() => void)[] = [];

  constructor(
    readonly id: number,
    socket: Socket,
    private readonly host: ConnectionHost,
  ) {
    this.remote = `${socket.remoteAddress ?? '?'}:${socket.remotePort ?? '?'}`;
    this.connectedAt = host.clock.now();
    this.timers = new TimerSet(host.clock);
    this.link = new Link(
      socketTransport(socket),
      {
        onRequest: (request, pdu) => this.onRequest(request, pdu),
        warn: (message) => this.warn(message),
        closed: (cause, _error, byPeer) => this.onClosed(cause, byPeer),
      },
      {
        clock: host.clock,
        maxPduLength: host.maxPduLength,
        maxOutstanding: host.maxOutstanding,
        peerName: 'the ESME',
        closeTimeout: host.responseTimeout,
        publish: (e) => this.publish(e),
        publishing: () => host.events.listenerCount('pdu') > 0,
        decodeOutgoing: true,
        writeFilter: (bytes, pdu) => this.applyFaults(bytes, pdu),
      },
    );
    this.link.watchPeer(host.sessionInitTimeout, host.inactivityTimeout);
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

  /**
   * Whether this ESME may be sent TLVs: it bound as SMPP 3.4 or later (interface_version 0x34 and
   * up). SMPP 3.3 (0x33 and below) has no TLVs, so every PDU written to such a bind leaves them out.
   */
  get takesTlvs(): boolean {
    return this._interfaceVersion !== undefined && this._interfaceVersion >= 0x34;
  }

  get isBound(): boolean {
    return this._state === 'bound_tx' || this._state === 'bound_rx' || this._state === 'bound_trx';
  }

  /** Bound as receiver or transceiver, bind answered, socket usable: deliver_sm may go here. */
  get canReceive(): boolean {
    return this.link.isOpen && this.bindAnswered && (this._state === 'bound_rx' || this._state === 'bound_trx');
  }

  /** Whether another request of the simulator's fits under this connection's cap. */
  get hasRoom(): boolean {
    return this.link.outstanding < this.host.maxOutstanding;
  }

  /** Requests this side sent and not yet answered. */
  get outstanding(): number {
    return this.link.outstanding;
  }

  /** PDUs read from (in) and written to (out) the ESME. */
  get counters(): { readonly in: number; readonly out: number } {
    return this.link.counters;
  }

  /** Reading from the ESME is paused: it does not read what is written to it, or owes too many answers. */
  get readingPaused(): boolean {
    return this.link.readingPaused;
  }

  /** Octets written to the ESME and not yet taken by the operating system. */
  get writableLength(): number {
    return this.link.writableLength;
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
      onResponse: () => this.link.end('unbound by the SMSC'),
      onFail: (reason) => {
        if (reason !== 'closed') this.link.destroy('no unbind_resp: closed by the SMSC');
      },
    });
    if (sent === undefined) this.link.destroy('unbind could not be sent');
    return closed;
  }

  /** Sends enquire_link now; resolves with the round trip in clock ms, or rejects on timeout/close. */
  enquireLink(): Promise<number> {
    return new Promise<number>((resolve, reject) => {
      const sentAt = this.host.clock.now();
      const seq = this.request('enquire_link', {}, undefined, {
        onResponse: () => resolve(this.host.clock.now() - sentAt),
        onFail: (reason) => reject(new Error(reason === 'timeout' ? 'no enquire_link_resp in time' : reason === 'closed' ? 'the connection closed' : 'enquire_link was refused')),
      });
      if (seq === undefined) reject(new Error(`cannot send enquire_link: the connection is ${this._state}`));
    });
  }

  /** Closes the socket at once. */
  destroy(cause = 'closed by the SMSC'): void {
    if (this._state === 'closed') return;
    this.timers.clearAll();
    this.link.destroy(cause);
  }

  /** Resolves once the socket has closed. */
  whenClosed(): Promise<void> {
    if (this._state === 'closed') return Promise.resolve();
    return new Promise((resolve) => this.closeWaiters.push(resolve));
  }

  /**
   * Sends a request (deliver_sm, enquire_link, unbind) and tracks its response. Returns the
   * sequence_number, or undefined when nothing could be sent (closed, or at the cap).
   */
  request(command: string, body: Record<string, unknown>, tlvs?: readonly TlvInput[], handlers?: RequestHandlers): number | undefined {
    if (!this.link.isOpen) return undefined;
    if (!this.hasRoom) return undefined;
    const sent = this.link.tryRequest({ command, body, tlvs: this.takesTlvs ? tlvs : undefined }, this.host.responseTimeout, {
      onResponse: (r, p) => {
        if (r.pdu.command_status !== 0) this.warn(`${p.command} (sequence ${p.seq}) answered with ${statusName(r.pdu.command_status)}`);
        handlers?.onResponse?.(r.pdu);
        this.roomAgain();
      },
      onFail: (f) => {
        if (f.kind !== 'closed') this.warn(f.kind === 'timeout' ? `no response to ${command} within ${this.host.responseTimeout} ms` : f.message);
        handlers?.onFail?.(f.kind);
        if (f.kind !== 'closed') this.roomAgain();
      },
    });
    // (A fault that cut the connection while writing has already failed it with 'closed'.)
    return sent?.seq;
  }

  /** An answer made room: receipts held for this system_id (at the cap, or unbound) may come now. */
  private roomAgain(): void {
    if (this.canReceive && this.hasRoom) this.host.bound(this);
  }

  // ---------------------------------------------------------------------------------------------
  // Requests from the ESME
  // ---------------------------------------------------------------------------------------------

  private onRequest(request: InboundRequest, pdu: WirePdu): void {
    switch (pdu.command) {
      case 'bind_transmitter':
      case 'bind_receiver':
      case 'bind_transceiver':
        this.onBind(request, pdu);
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
        this.reply(request, pdu, { command: 'generic_nack', command_status: STATUS.ESME_RINVCMDID, sequence_number: pdu.sequence_number, body: {} });
        return;
    }
    if (this._state === 'open') {
      this.respond(request, pdu, STATUS.ESME_RINVBNDSTS);
      return;
    }
    switch (pdu.command) {
      case 'enquire_link':
        if (this.effectiveFaults().dropEnquireLinkResp === true) {
          this.fault('dropEnquireLinkResp', `enquire_link sequence ${pdu.sequence_number} left unanswered`);
          this.link.settle(request);
          return;
        }
        this.respond(request, pdu, 0);
        return;
      case 'unbind':
        if (!this.isBound) {
          this.respond(request, pdu, STATUS.ESME_RINVBNDSTS);
          return;
        }
        this._state = 'unbound';
        this.host.events.emit('unbind', { connection: this.id, remote: this.remote, system_id: this._systemId, by: 'esme' });
        this.respond(request, pdu, 0, {}, undefined, () => this.link.end('unbound by the ESME'));
        return;
      case 'submit_sm':
      case 'submit_multi':
      case 'query_sm':
      case 'cancel_sm':
      case 'replace_sm':
        if (this._state !== 'bound_tx' && this._state !== 'bound_trx') {
          this.respond(request, pdu, STATUS.ESME_RINVBNDSTS);
          return;
        }
        this.onMessageRequest(request, pdu);
        return;
      case 'data_sm':
        if (!this.isBound) {
          this.respond(request, pdu, STATUS.ESME_RINVBNDSTS);
          return;
        }
        this.onMessageRequest(request, pdu);
        return;
      default:
        this.reply(request, pdu, { command: 'generic_nack', command_status: STATUS.ESME_RINVCMDID, sequence_number: pdu.sequence_number, body: {} });
    }
  }

  private onMessageRequest(request: InboundRequest, pdu: WirePdu): void {
    if (pdu.command === 'submit_sm' || pdu.command === 'submit_multi' || pdu.command === 'data_sm') {
      const throttle = this.effectiveFaults().throttle;
      if (this.throttle.refuse(throttle, this.host.clock.now())) {
        this.fault('throttle', `${pdu.command} sequence ${pdu.sequence_number} answered with ESME_RTHROTTLED`);
        this.respond(request, pdu, STATUS.ESME_RTHROTTLED);
        return;
      }
    }
    const r = this.host.handleMessage(this, pdu);
    if (r.noResponse === true) {
      this.link.settle(request);
      return;
    }
    this.respond(request, pdu, r.status, r.body ?? {}, r.tlvs, r.after, r.delay);
  }

  private onBind(request: InboundRequest, pdu: WirePdu): void {
    const type = BIND_TYPE[pdu.command];
    const body = pdu.body as { system_id?: string; password?: string; interface_version?: number };
    if (this._state !== 'open') {
      this.respond(request, pdu, this.isBound ? STATUS.ESME_RALYBND : STATUS.ESME_RINVBNDSTS, { system_id: this.host.systemId });
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
      this.respond(request, pdu, status, { system_id: this.host.systemId });
      return;
    }
    this._state = BOUND[type];
    this._systemId = systemId;
    this._bindType = type;
    this._interfaceVersion = version;
    this.link.bound();
    this.host.events.emit('bind', event);
    // sc_interface_version goes to 3.4 and later binds only (a 3.3 ESME would not know the TLV).
    const tlvs: TlvInput[] | undefined = this.takesTlvs ? [{ name: 'sc_interface_version', value: this.host.interfaceVersion }] : undefined;
    this.respond(request, pdu, 0, { system_id: this.host.systemId }, tlvs, () => {
      if (!this.isBound) return;
      this.bindAnswered = true;
      // Keepalive follows the ESME's traffic: enquire_link after enquireLinkInterval of silence.
      this.link.startKeepalive(this.host.enquireLinkInterval, this.host.responseTimeout);
      this.host.bound(this);
    });
  }

  // ---------------------------------------------------------------------------------------------
  // Writing
  // ---------------------------------------------------------------------------------------------

  /** Answers a request with its _resp (an error response carries no body unless given one; TLVs only to 3.4+ binds). */
  private respond(request: InboundRequest, pdu: WirePdu, status: number, body: Record<string, unknown> = {}, tlvs?: readonly TlvInput[], after?: () => void, delay?: number): void {
    const name = isCommandName(pdu.command) ? responseOf(pdu.command) : undefined;
    if (name === undefined) {
      this.link.settle(request);
      return;
    }
    this.reply(request, pdu, { command: name, command_status: status, sequence_number: pdu.sequence_number, body, tlvs: this.takesTlvs ? tlvs : undefined }, after, delay);
  }

  /** Sends a response now, or after `delay` ms when given, else after the responseDelay fault's delay. */
  private reply(request: InboundRequest, pdu: WirePdu, response: OutgoingPdu, after?: () => void, ruleDelay?: number): void {
    const delay = ruleDelay ?? this.responseDelay(pdu);
    const send = (): void => {
      if (!this.link.isOpen) return;
      if (response.command === 'generic_nack') this.link.nack(response.command_status ?? 0, response.sequence_number, request);
      else this.link.answerWith(response, request);
      after?.();
    };
    if (delay > 0) this.timers.set(send, delay);
    else send();
  }

  private responseDelay(request: WirePdu): number {
    const d = this.effectiveFaults().responseDelay;
    if (d === undefined) return 0;
    const ms = typeof d === 'function' ? d(request) : d;
    return Number.isFinite(ms) && ms > 0 ? ms : 0;
  }

  /** The one-shot faults that change what is written: a bad command_length, or half a PDU and close. */
  private applyFaults(bytes: Uint8Array, pdu: OutgoingPdu | undefined): WriteFilterResult | undefined {
    const faults = this.effectiveFaults();
    const command = pdu?.command ?? 'PDU';
    const seq = pdu?.sequence_number ?? 0;
    if (faults.garbageLength !== undefined) {
      this.consumeFault('garbageLength');
      const bad = new Uint8Array(bytes);
      writeU32(bad, 0, faults.garbageLength >>> 0);
      this.fault('garbageLength', `${command} sequence ${seq} sent with command_length 0x${(faults.garbageLength >>> 0).toString(16).toUpperCase()} instead of ${bytes.length}`);
      return { bytes: bad, fault: 'garbageLength' };
    }
    if (faults.closeMidPdu === true) {
      this.consumeFault('closeMidPdu');
      const half = bytes.subarray(0, Math.max(1, bytes.length >> 1));
      this.fault('closeMidPdu', `${command} sequence ${seq}: wrote ${half.length} of ${bytes.length} octets, then closed`);
      this.timers.clearAll();
      return { bytes: half, fault: 'closeMidPdu', thenDestroy: `closed in the middle of ${command} (fault)` };
    }
    return undefined;
  }

  // ---------------------------------------------------------------------------------------------
  // Close
  // ---------------------------------------------------------------------------------------------

  private onClosed(linkCause: string, byPeer: boolean): void {
    const state = this._state;
    this._state = 'closed';
    this.timers.clearAll();
    const cause = byPeer && state === 'unbound' ? 'the connection closed after unbind' : linkCause;
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

  private publish(e: LinkEvent): void {
    const event: SmscPduEvent = {
      connection: this.id,
      remote: this.remote,
      direction: e.direction,
      timestamp: e.timestamp,
      bytes: e.bytes,
      command: e.command,
      command_id: e.command_id,
      command_status: e.command_status,
      sequence_number: e.sequence_number,
      pdu: e.pdu ?? decode(e.bytes).pdu,
    };
    if (e.fault === 'garbageLength' || e.fault === 'closeMidPdu') event.fault = e.fault;
    this.host.events.emit('pdu', event);
  }
}
