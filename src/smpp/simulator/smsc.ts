// The built-in SMSC simulator (the MC side): a TCP server on loopback that accepts binds, answers
// submits from a bounded message store, sends delivery receipts and mobile-originated messages,
// keeps links alive, and injects faults on request. Clock and randomness are injected, so tests
// drive every timer by hand. Never imports `vscode`.
import { EventEmitter } from 'node:events';
import * as net from 'node:net';
import { tlvValue, type TlvInput } from '../codec';
import { formatReceipt, RECEIPT_STAT_BY_STATE } from '../receipt';
import { TimerSet, systemClock, type Clock, type TimerHandle } from '../link/clock';
import type { WirePdu } from '../link/wire';
import { planMessage, type PlanEncoding, type PlanMethod } from '../split';
import { STATUS, statusName } from '../tables/values';
import { decodeText } from '../text/index';
import { formatSmppTime } from '../time';
import { SmscConnection, type ConnectionHost, type HandlerResult } from './connection';
import type { SmscEvents, SmscListenAddress, SmscSessionState } from './events';
import { mergeFaults, type SmscFaults } from './faults';
import { RECEIPT_DATA_CODING, binaryExcerpt, receiptExcerpt, receiptOctets } from './receiptText';
import { RECEIPT_STATES, Scenario, describeRule, type RuleMatch, type SmscScenario } from './scenarios';
import {
  MESSAGE_STATE,
  MessageStore,
  finalDate,
  messageError,
  messageState,
  outcomeOf,
  wantsIntermediateNotification,
  wantsReceiptFor,
  wantsReceiptOnFailure,
  type DestinationOutcome,
  type SmscAddress,
  type StoredMessage,
} from './store';

export interface SmscAccount {
  system_id: string;
  password: string;
}

export interface SmscOptions {
  /** Default 127.0.0.1: loopback only. */
  host?: string;
  /** Default 0: any free port (listen() resolves with the one bound). */
  port?: number;
  /** The system_id in bind responses. Default 'SMSCSIM'. */
  systemId?: string;
  /** sc_interface_version sent to 3.4+ binds. Default 0x34. */
  interfaceVersion?: number;
  /** Accepted credentials. Undefined accepts every system_id and password. */
  accounts?: readonly SmscAccount[];
  /** A submitted message is delivered (and its receipt sent) this many ms after the submit. Default 1000. */
  deliveryReceiptDelay?: number;
  /** Send enquire_link after this many ms without traffic on a bound connection; 0 = never (default). */
  enquireLinkInterval?: number;
  /** How long the simulator waits for responses to its own requests, ms. Default 10 000. */
  responseTimeout?: number;
  /** Send a mobile-originated message every this many ms to a bound receiver; 0 = never (default). */
  moInterval?: number;
  /** What the periodic MO looks like. */
  mo?: Partial<MoInput>;
  /** Faults switched on from the start. */
  faults?: SmscFaults;
  /** Rules by destination and a mix of receipt states (scenarios.ts). Checked here: a bad one throws a RangeError. */
  scenario?: SmscScenario;
  /** Messages kept for query_sm / cancel_sm / replace_sm; the oldest are forgotten first. Default 10 000. */
  maxStoredMessages?: number;
  /**
   * Receipts kept while no receiver can take them (none bound, or every one at its cap), for all
   * system_ids together; past it the oldest is dropped, and the log says so. Default 10 000.
   */
  maxWaitingDeliveries?: number;
  /** The simulator's own requests (deliver_sm…) outstanding at once on one connection. Default 1000. */
  maxOutstanding?: number;
  /** Close a connection that has not bound within this many ms (SMPP 5.0 session_init_timer); 0 = never. Default 60 000. */
  sessionInitTimeout?: number;
  /** Close a connection whose ESME has sent nothing for this many ms (SMPP 5.0 inactivity_timer); 0 = never. Default 300 000. */
  inactivityTimeout?: number;
  /** Largest command_length accepted. Default 65 536. */
  maxPduLength?: number;
  clock?: Clock;
  /** [0, 1); used for message ids, concatenation references and the receipt state mix. */
  random?: () => number;
}

export interface MoInput {
  /** The mobile's number (deliver_sm source_addr). */
  from: string;
  /** The short code or number it was sent to (deliver_sm destination_addr). */
  to: string;
  text: string;
  /** Deliver only to sessions bound with this system_id; default any receiver. */
  system_id?: string;
  /** Default 'auto': GSM 7-bit when every character fits, else UCS-2. */
  encoding?: PlanEncoding;
  /**
   * How long text is split. Default 'udh' (8-bit concatenation reference). 'sar' and 'payload'
   * need TLVs: to an SMPP 3.3 bind the message goes split by 'udh' instead.
   */
  method?: PlanMethod;
}

export interface MoResult {
  delivered: boolean;
  /** The connection it went to. */
  connection?: number;
  parts: number;
  data_coding?: number;
  /** How it was split: the method asked for, or 'udh' where an SMPP 3.3 bind cannot take TLVs. */
  method?: PlanMethod;
  /** Why it was not delivered. */
  reason?: string;
}

/** A snapshot of a stored message, for hosts and tests. */
export interface SmscMessageInfo {
  id: string;
  system_id: string;
  source_addr: string;
  destinations: string[];
  text: string;
  message_state: number;
  registered_delivery: number;
  submitted_at: number;
}

interface DeliveryPart {
  body: Record<string, unknown>;
  tlvs: TlvInput[];
}

interface Delivery {
  kind: 'receipt' | 'mo';
  systemId: string | undefined;
  preferred: number | undefined;
  parts: DeliveryPart[];
  attempts: number;
  receipt?: { message_id: string; destination_addr: string; message_state: number; stat: string; text: string };
  mo?: { from: string; to: string; text: string; data_coding: number };
}

/** A receipt held for a receiver, in its system_id's queue and in the arrival order of all. */
interface Waiting {
  delivery: Delivery;
  systemId: string;
  /** Still waiting (not delivered, not dropped). */
  live: boolean;
}

const MAX_DELIVERY_ATTEMPTS = 3;
export const DEFAULT_SESSION_INIT_TIMEOUT = 60_000;
export const DEFAULT_INACTIVITY_TIMEOUT = 300_000;
export const DEFAULT_MAX_WAITING_DELIVERIES = 10_000;

export class SmscSimulator extends EventEmitter<SmscEvents> {
  readonly clock: Clock;
  readonly random: () => number;
  readonly deliveryReceiptDelay: number;
  private readonly options: SmscOptions;
  private server: net.Server | undefined;
  private addr: SmscListenAddress | undefined;
  private readonly conns = new Map<number, SmscConnection>();
  private nextConnectionId = 1;
  private faults: SmscFaults;
  private readonly scenario: Scenario;
  private readonly store: MessageStore;
  private readonly timers: TimerSet;
  private readonly receiptTimers = new Map<string, TimerHandle[]>();
  /** Receipts waiting for a receiver, by system_id; `waitingCount` counts them all. */
  private readonly waiting = new Map<string, Waiting[]>();
  private waitingCount = 0;
  /** Every waiting receipt in arrival order (delivered ones marked, and skipped), for the global cap. */
  private waitingOrder: Waiting[] = [];
  private waitingHead = 0;
  private waitingDead = 0;
  private readonly maxWaiting: number;
  private readonly host: ConnectionHost;
  private readonly idBase: number;
  private idCounter = 0;
  private roundRobin = 0;
  private moCount = 0;
  private closed = false;

  constructor(options: SmscOptions = {}) {
    super();
    this.options = options;
    this.clock = options.clock ?? systemClock();
    this.random = options.random ?? Math.random;
    this.deliveryReceiptDelay = nonNegative('deliveryReceiptDelay', options.deliveryReceiptDelay ?? 1000);
    nonNegative('enquireLinkInterval', options.enquireLinkInterval ?? 0);
    nonNegative('moInterval', options.moInterval ?? 0);
    this.faults = mergeFaults({}, options.faults ?? {});
    this.scenario = new Scenario(options.scenario);
    this.store = new MessageStore(options.maxStoredMessages ?? 10_000);
    this.timers = new TimerSet(this.clock);
    this.maxWaiting = options.maxWaitingDeliveries ?? DEFAULT_MAX_WAITING_DELIVERIES;
    this.idBase = Math.floor(this.random() * 0x1000000000);
    this.host = {
      clock: this.clock,
      events: this,
      systemId: options.systemId ?? 'SMSCSIM',
      interfaceVersion: options.interfaceVersion ?? 0x34,
      enquireLinkInterval: options.enquireLinkInterval ?? 0,
      responseTimeout: options.responseTimeout ?? 10_000,
      maxPduLength: options.maxPduLength,
      sessionInitTimeout: nonNegative('sessionInitTimeout', options.sessionInitTimeout ?? DEFAULT_SESSION_INIT_TIMEOUT),
      inactivityTimeout: nonNegative('inactivityTimeout', options.inactivityTimeout ?? DEFAULT_INACTIVITY_TIMEOUT),
      maxOutstanding: Math.max(1, options.maxOutstanding ?? 1000),
      globalFaults: () => this.faults,
      consumeGlobalFault: (name) => this.setFaults({ [name]: undefined }),
      authenticate: (id, password) => this.authenticate(id, password),
      handleMessage: (conn, pdu) => this.handleMessage(conn, pdu),
      bound: (conn) => this.flushWaiting(conn),
      closed: (conn, state, cause) => this.onConnectionClosed(conn, state, cause),
    };
  }

  /** Starts listening; resolves with the address actually bound (port 0 picks a free port). */
  listen(): Promise<SmscListenAddress> {
    if (this.closed) return Promise.reject(new Error('the simulator was closed; create a new one'));
    if (this.server) return Promise.reject(new Error('the simulator is already listening'));
    const host = this.options.host ?? '127.0.0.1';
    const port = this.options.port ?? 0;
    const server = net.createServer((socket) => this.accept(socket));
    this.server = server;
    return new Promise<SmscListenAddress>((resolve, reject) => {
      const fail = (err: Error & { code?: string }): void => {
        this.server = undefined;
        const why = err.code === 'EADDRINUSE' ? `port ${port} is already in use` : err.code === 'EACCES' ? `no permission to listen on port ${port}` : err.message;
        reject(new Error(`the simulator cannot listen on ${host}:${port}: ${why}`, { cause: err }));
      };
      server.once('error', fail);
      server.listen({ host, port }, () => {
        server.off('error', fail);
        server.on('error', (err) => this.emit('warning', { message: `server error: ${err.message}` }));
        const a = server.address() as net.AddressInfo;
        this.addr = { host: a.address, port: a.port };
        this.startMoTimer();
        this.emit('listening', this.addr);
        resolve(this.addr);
      });
    });
  }

  /** Where it listens, once listening. */
  get address(): SmscListenAddress | undefined {
    return this.addr;
  }

  /** Open connections, oldest first. */
  get connections(): SmscConnection[] {
    return [...this.conns.values()];
  }

  connection(id: number): SmscConnection | undefined {
    return this.conns.get(id);
  }

  /** The faults switched on for every connection. */
  get currentFaults(): Readonly<SmscFaults> {
    return this.faults;
  }

  /**
   * Switches faults for every connection (a connection's own faults win). A key given as
   * undefined or false switches that fault off; keys not given stay as they are.
   */
  setFaults(faults: SmscFaults): void {
    this.faults = mergeFaults(this.faults, faults);
  }

  clearFaults(): void {
    this.faults = {};
  }

  /** Messages in the store. */
  get storedMessages(): number {
    return this.store.size;
  }

  /** A stored message as it stands now, or undefined. */
  message(id: string): SmscMessageInfo | undefined {
    const m = this.store.get(id);
    if (!m) return undefined;
    return {
      id: m.id,
      system_id: m.systemId,
      source_addr: m.source.addr,
      destinations: m.destinations.map((d) => d.addr),
      text: m.text,
      message_state: messageState(m, this.clock.now()),
      registered_delivery: m.registeredDelivery,
      submitted_at: m.submittedAt,
    };
  }

  /** Receipts waiting for a receiver of this system_id (all of them without one). */
  waitingDeliveries(systemId?: string): number {
    if (systemId === undefined) return this.waitingCount;
    return this.waiting.get(systemId)?.length ?? 0;
  }

  /**
   * Sends a mobile-originated message now, as one deliver_sm per part, to a session bound as
   * receiver or transceiver (of `system_id`, when given).
   */
  injectMo(mo: MoInput): MoResult {
    const target = this.pickReceiver(mo.system_id, undefined);
    if (!target) {
      return { delivered: false, parts: 0, reason: `no session is bound as receiver or transceiver${mo.system_id === undefined ? '' : ` for system_id ${mo.system_id}`}` };
    }
    return this.moTo(target, mo, address(mo.from), address(mo.to));
  }

  /** Sends a mobile-originated message to this receiver, as one deliver_sm per part. */
  private moTo(target: SmscConnection, mo: MoInput, from: SmscAddress, to: SmscAddress): MoResult {
    const asked = mo.method ?? 'udh';
    // SAR and message_payload are TLVs, which SMPP 3.3 does not have.
    const method = !target.takesTlvs && (asked === 'sar' || asked === 'payload') ? 'udh' : asked;
    const ref = Math.floor(this.random() * (method === 'udh' ? 0x100 : 0x10000));
    const plan = planMessage(mo.text, { encoding: mo.encoding ?? 'auto', method, ref });
    const parts: DeliveryPart[] = plan.parts.map((p) => {
      const tlvs: TlvInput[] = [];
      if (p.tlvs) {
        tlvs.push({ name: 'sar_msg_ref_num', value: p.tlvs.sar_msg_ref_num });
        tlvs.push({ name: 'sar_total_segments', value: p.tlvs.sar_total_segments });
        tlvs.push({ name: 'sar_segment_seqnum', value: p.tlvs.sar_segment_seqnum });
      }
      if (p.messagePayload) tlvs.push({ name: 'message_payload', value: p.messagePayload });
      return {
        body: {
          service_type: '',
          source_addr_ton: from.ton,
          source_addr_npi: from.npi,
          source_addr: from.addr,
          dest_addr_ton: to.ton,
          dest_addr_npi: to.npi,
          destination_addr: to.addr,
          esm_class: p.esmClassUdhi ? 0x40 : 0,
          data_coding: plan.dataCoding,
          short_message: p.shortMessage,
        },
        tlvs,
      };
    });
    this.deliver(target, {
      kind: 'mo',
      systemId: mo.system_id,
      preferred: undefined,
      parts,
      attempts: 0,
      mo: { from: from.addr, to: to.addr, text: mo.text, data_coding: plan.dataCoding },
    });
    return { delivered: true, connection: target.id, parts: parts.length, data_coding: plan.dataCoding, method };
  }

  /** Stops listening, closes every connection and clears every timer. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.timers.clearAll();
    this.receiptTimers.clear();
    this.clearWaiting();
    const conns = [...this.conns.values()];
    for (const c of conns) c.destroy('the simulator stopped');
    const server = this.server;
    this.server = undefined;
    await Promise.all([
      ...conns.map((c) => c.whenClosed()),
      new Promise<void>((resolve) => {
        if (server) server.close(() => resolve());
        else resolve();
      }),
    ]);
    this.emit('close');
  }

  // ---------------------------------------------------------------------------------------------
  // Connections
  // ---------------------------------------------------------------------------------------------

  private accept(socket: net.Socket): void {
    if (this.closed) {
      socket.destroy();
      return;
    }
    const conn = new SmscConnection(this.nextConnectionId++, socket, this.host);
    this.conns.set(conn.id, conn);
    this.emit('connect', conn);
  }

  private onConnectionClosed(conn: SmscConnection, state: SmscSessionState, cause: string): void {
    this.conns.delete(conn.id);
    this.emit('disconnect', { connection: conn.id, remote: conn.remote, system_id: conn.systemId, state, cause });
  }

  private authenticate(systemId: string, password: string): number {
    const accounts = this.options.accounts;
    if (accounts === undefined) return STATUS.ESME_ROK;
    const account = accounts.find((a) => a.system_id === systemId);
    if (!account) return STATUS.ESME_RINVSYSID;
    return account.password === password ? STATUS.ESME_ROK : STATUS.ESME_RINVPASWD;
  }

  // ---------------------------------------------------------------------------------------------
  // Messages
  // ---------------------------------------------------------------------------------------------

  private handleMessage(conn: SmscConnection, pdu: WirePdu): HandlerResult {
    switch (pdu.command) {
      case 'submit_sm': {
        const b = pdu.body;
        if (!b.destination_addr) return { status: STATUS.ESME_RINVDSTADR };
        const hit = this.matchRule(conn, pdu, b.destination_addr);
        const refused = refusal(hit);
        if (refused) return refused;
        const m = this.storeMessage(conn, 'submit_sm', b.service_type, sourceOf(b), [
          { ton: b.dest_addr_ton ?? 0, npi: b.dest_addr_npi ?? 0, addr: b.destination_addr },
        ], b.esm_class ?? 0, b.data_coding ?? 0, b.registered_delivery ?? 0, messageBytes(b.short_message, pdu), hit && [hit]);
        return timed({ status: 0, body: { message_id: m.id }, after: () => this.accepted(m) }, hit);
      }
      case 'submit_multi': {
        const b = pdu.body;
        const dests = b.dest_address ?? [];
        if (dests.length === 0) return { status: STATUS.ESME_RINVNUMDESTS };
        const accepted: SmscAddress[] = [];
        const hits: (RuleMatch | undefined)[] = [];
        const unsuccess: { dest_addr_ton: number; dest_addr_npi: number; destination_addr: string; error_status_code: number }[] = [];
        // Each destination is matched on its own: a refusing rule puts it among the unsuccessful
        // ones; the response waits for the longest delay, and goes unanswered if any rule says so.
        let delay: number | undefined;
        let noResponse = false;
        for (const d of dests) {
          if (d.dest_flag === 2) {
            // Distribution lists are not provisioned on the simulator.
            unsuccess.push({ dest_addr_ton: 0, dest_addr_npi: 0, destination_addr: d.dl_name, error_status_code: STATUS.ESME_RINVDLNAME });
          } else if (!d.destination_addr) {
            unsuccess.push({ dest_addr_ton: d.dest_addr_ton, dest_addr_npi: d.dest_addr_npi, destination_addr: '', error_status_code: STATUS.ESME_RINVDSTADR });
          } else {
            const hit = this.matchRule(conn, pdu, d.destination_addr);
            if (hit?.rule.noResponse === true) noResponse = true;
            if (hit?.rule.responseDelay !== undefined) delay = Math.max(delay ?? 0, hit.rule.responseDelay);
            const status = hit?.rule.submitStatus ?? 0;
            if (status !== 0) {
              unsuccess.push({ dest_addr_ton: d.dest_addr_ton, dest_addr_npi: d.dest_addr_npi, destination_addr: d.destination_addr, error_status_code: status });
              continue;
            }
            accepted.push({ ton: d.dest_addr_ton, npi: d.dest_addr_npi, addr: d.destination_addr });
            hits.push(hit);
          }
        }
        if (noResponse) return { status: 0, noResponse: true };
        const m = this.storeMessage(conn, 'submit_multi', b.service_type, sourceOf(b), accepted, b.esm_class ?? 0, b.data_coding ?? 0, b.registered_delivery ?? 0, messageBytes(b.short_message, pdu), hits);
        return { status: 0, body: { message_id: m.id, unsuccess_sme: unsuccess }, after: () => this.accepted(m), ...(delay === undefined ? {} : { delay }) };
      }
      case 'data_sm': {
        const b = pdu.body;
        if (!b.destination_addr) return { status: STATUS.ESME_RINVDSTADR };
        const hit = this.matchRule(conn, pdu, b.destination_addr);
        const refused = refusal(hit);
        if (refused) return refused;
        const m = this.storeMessage(conn, 'data_sm', b.service_type, sourceOf(b), [
          { ton: b.dest_addr_ton ?? 0, npi: b.dest_addr_npi ?? 0, addr: b.destination_addr },
        ], b.esm_class ?? 0, b.data_coding ?? 0, b.registered_delivery ?? 0, messageBytes(undefined, pdu), hit && [hit]);
        return timed({ status: 0, body: { message_id: m.id }, after: () => this.accepted(m) }, hit);
      }
      case 'query_sm': {
        const m = this.ownMessage(conn, pdu.body.message_id);
        if (!m) return { status: STATUS.ESME_RINVMSGID };
        const now = this.clock.now();
        const done = finalDate(m, now);
        return {
          status: 0,
          body: { message_id: m.id, final_date: done === undefined ? '' : smppTime(done), message_state: messageState(m, now), error_code: Math.min(0xff, messageError(m, now)) },
        };
      }
      case 'cancel_sm': {
        const b = pdu.body;
        const now = this.clock.now();
        let targets: StoredMessage[];
        if (b.message_id) {
          const m = this.ownMessage(conn, b.message_id);
          if (!m) return { status: STATUS.ESME_RINVMSGID };
          targets = [m];
        } else {
          // No message_id: every message from source_addr (to destination_addr, when given).
          const src = b.source_addr ?? '';
          const dst = b.destination_addr ?? '';
          targets = [...this.store.values()].filter(
            (m) => m.systemId === conn.systemId && m.source.addr === src && (dst === '' || m.destinations.some((d) => d.addr === dst)),
          );
        }
        targets = targets.filter((m) => messageState(m, now) === MESSAGE_STATE.ENROUTE);
        if (targets.length === 0) return { status: STATUS.ESME_RCANCELFAIL };
        // Deleted now; the DELETED receipts follow the cancel_sm_resp.
        for (const m of targets) this.cancel(m);
        return { status: 0, after: () => targets.forEach((m) => this.sendFailureReceipts(m)) };
      }
      case 'replace_sm': {
        const b = pdu.body;
        const m = this.ownMessage(conn, b.message_id);
        if (!m) return { status: STATUS.ESME_RINVMSGID };
        if (messageState(m, this.clock.now()) !== MESSAGE_STATE.ENROUTE) return { status: STATUS.ESME_RREPLACEFAIL };
        const text = messageText(messageBytes(b.short_message, pdu), 0, m.dataCoding);
        m.text = text.text;
        m.binary = text.binary;
        const rd = b.registered_delivery ?? m.registeredDelivery;
        const reschedule = rd !== m.registeredDelivery;
        m.registeredDelivery = rd;
        return {
          status: 0,
          after: () => {
            if (!reschedule) return;
            this.clearReceiptTimers(m.id);
            this.scheduleReceipts(m);
          },
        };
      }
      default:
        return { status: STATUS.ESME_RINVCMDID };
    }
  }

  private storeMessage(
    conn: SmscConnection,
    command: StoredMessage['command'],
    serviceType: string | undefined,
    source: SmscAddress,
    destinations: SmscAddress[],
    esmClass: number,
    dataCoding: number,
    registeredDelivery: number,
    bytes: Uint8Array,
    hits?: readonly (RuleMatch | undefined)[],
  ): StoredMessage {
    const now = this.clock.now();
    const text = messageText(bytes, esmClass, dataCoding);
    const deliverAt = now + this.deliveryReceiptDelay;
    const m: StoredMessage = {
      id: this.nextMessageId(),
      systemId: conn.systemId ?? '',
      connection: conn.id,
      command,
      serviceType: serviceType ?? '',
      source,
      destinations,
      dataCoding,
      registeredDelivery,
      text: text.text,
      binary: text.binary,
      submittedAt: now,
      deliverAt,
    };
    if (this.scenario.active) m.outcomes = destinations.map((_, i) => this.plan(hits?.[i], now, deliverAt));
    this.store.add(m);
    return m;
  }

  /** A destination's end as its rule and the mix decide. */
  private plan(hit: RuleMatch | undefined, now: number, deliverAt: number): DestinationOutcome {
    const r = hit?.rule.receipt;
    const o: DestinationOutcome = {
      state: r?.state !== undefined ? (RECEIPT_STATE_CODES[r.state] ?? MESSAGE_STATE.DELIVERED) : this.scenario.pickState(this.random),
      at: r?.delay !== undefined ? now + r.delay : deliverAt,
    };
    if (r?.error !== undefined) o.error = r.error;
    if (hit?.rule.moReply !== undefined) o.moReply = hit.rule.moReply;
    if (hit !== undefined) o.rule = hit.index;
    return o;
  }

  /** The rule for a destination, told to the log when one matches. */
  private matchRule(conn: SmscConnection, pdu: WirePdu, destination: string): RuleMatch | undefined {
    const hit = this.scenario.match(destination);
    if (hit && this.listenerCount('rule') > 0) {
      this.emit('rule', {
        connection: conn.id,
        remote: conn.remote,
        command: pdu.command,
        sequence_number: pdu.sequence_number,
        destination_addr: destination,
        rule: hit.index,
        destination: hit.rule.destination,
        effect: describeRule(hit.rule, statusName),
      });
    }
    return hit;
  }

  private ownMessage(conn: SmscConnection, id: string | undefined): StoredMessage | undefined {
    if (!id) return undefined;
    const m = this.store.get(id);
    return m && m.systemId === conn.systemId ? m : undefined;
  }

  private nextMessageId(): string {
    return (this.idBase + this.idCounter++).toString(16).padStart(10, '0');
  }

  /** The response to the submit went out: the ENROUTE notification when asked for, then the final receipt's timer. */
  private accepted(m: StoredMessage): void {
    if (!this.closed && wantsIntermediateNotification(m.registeredDelivery)) {
      for (const d of m.destinations) this.sendReceipt(m, d, MESSAGE_STATE.ENROUTE);
    }
    this.scheduleReceipts(m);
  }

  /** One timer per moment a destination reaches its final state: its receipt, when asked for, and its reply. */
  private scheduleReceipts(m: StoredMessage): void {
    if (this.closed || m.destinations.length === 0) return;
    const now = this.clock.now();
    if (m.outcomes === undefined) {
      if (!wantsReceiptFor(m.registeredDelivery, MESSAGE_STATE.DELIVERED)) return;
      const handle = this.timers.set(() => {
        this.receiptTimers.delete(m.id);
        for (const d of m.destinations) this.sendReceipt(m, d, MESSAGE_STATE.DELIVERED);
      }, Math.max(0, m.deliverAt - now));
      this.receiptTimers.set(m.id, [handle]);
      return;
    }
    const byTime = new Map<number, number[]>();
    m.destinations.forEach((_, i) => {
      const o = outcomeOf(m, i);
      if (!wantsReceiptFor(m.registeredDelivery, o.state) && o.moReply === undefined) return;
      const list = byTime.get(o.at);
      if (list) list.push(i);
      else byTime.set(o.at, [i]);
    });
    const handles: TimerHandle[] = [];
    for (const [at, indexes] of byTime) {
      const handle = this.timers.set(() => {
        const left = (this.receiptTimers.get(m.id) ?? []).filter((h) => h !== handle);
        if (left.length > 0) this.receiptTimers.set(m.id, left);
        else this.receiptTimers.delete(m.id);
        for (const i of indexes) this.reachFinal(m, i);
      }, Math.max(0, at - now));
      handles.push(handle);
    }
    if (handles.length > 0) this.receiptTimers.set(m.id, handles);
  }

  /** Destination `i` reached its planned final state: the receipt when asked for, then the handset's reply. */
  private reachFinal(m: StoredMessage, i: number): void {
    const o = outcomeOf(m, i);
    const d = m.destinations[i]!;
    if (wantsReceiptFor(m.registeredDelivery, o.state)) this.sendReceipt(m, d, o.state, o.error);
    if (o.moReply !== undefined) this.sendMoReply(m, d, o.moReply);
  }

  /** A reply from the handset: a deliver_sm from the destination to the submitter, to its own receivers. */
  private sendMoReply(m: StoredMessage, from: SmscAddress, text: string): void {
    const target = this.pickReceiver(m.systemId, m.connection);
    if (!target) {
      this.emit('warning', { message: `MO reply from ${from.addr} to ${m.source.addr} dropped: no receiver of system_id ${m.systemId} can take it` });
      return;
    }
    this.moTo(target, { from: from.addr, to: m.source.addr, text, system_id: m.systemId }, { ton: from.ton, npi: from.npi, addr: from.addr }, { ...m.source });
  }

  private clearReceiptTimers(id: string): void {
    for (const t of this.receiptTimers.get(id) ?? []) this.timers.clear(t);
    this.receiptTimers.delete(id);
  }

  private cancel(m: StoredMessage): void {
    m.finalState = MESSAGE_STATE.DELETED;
    m.finalAt = this.clock.now();
    this.clearReceiptTimers(m.id);
  }

  private sendFailureReceipts(m: StoredMessage): void {
    if (m.finalState === undefined || !wantsReceiptOnFailure(m.registeredDelivery)) return;
    for (const d of m.destinations) this.sendReceipt(m, d, m.finalState);
  }

  /**
   * Sends a receipt in the SMPP 3.4 Appendix B layout: the final one (esm_class 0x04), or, for
   * ENROUTE, an intermediate notification (esm_class 0x20). Its text is printable ASCII that reads
   * the same in every default alphabet (receiptText.ts); the receipted_message_id and
   * message_state TLVs go with it, and the connection leaves them out for SMPP 3.3 binds.
   */
  private sendReceipt(m: StoredMessage, dest: SmscAddress, state: number, error?: number): void {
    const now = this.clock.now();
    const stat = RECEIPT_STAT_BY_STATE[state] ?? 'UNKNOWN';
    const intermediate = state === MESSAGE_STATE.ENROUTE;
    const text = formatReceipt({
      id: m.id,
      sub: 1,
      dlvrd: state === MESSAGE_STATE.DELIVERED ? 1 : 0,
      submitDate: new Date(m.submittedAt),
      doneDate: new Date(now),
      stat,
      err: error ?? 0,
      text: m.binary ? binaryExcerpt(m.text.length >> 1) : receiptExcerpt(m.text),
    });
    this.route({
      kind: 'receipt',
      systemId: m.systemId,
      preferred: m.connection,
      attempts: 0,
      parts: [
        {
          body: {
            service_type: m.serviceType,
            source_addr_ton: dest.ton,
            source_addr_npi: dest.npi,
            source_addr: dest.addr,
            dest_addr_ton: m.source.ton,
            dest_addr_npi: m.source.npi,
            destination_addr: m.source.addr,
            esm_class: intermediate ? 0x20 : 0x04,
            data_coding: RECEIPT_DATA_CODING,
            short_message: receiptOctets(text),
          },
          tlvs: [
            { name: 'receipted_message_id', value: m.id },
            { name: 'message_state', value: state },
            // The error as a GSM network's (type 3), when a rule gives one.
            ...(error === undefined || intermediate ? [] : [{ name: 'network_error_code', value: { type: 3, code: error } }]),
          ],
        },
      ],
      receipt: { message_id: m.id, destination_addr: dest.addr, message_state: state, stat, text },
    });
  }

  // ---------------------------------------------------------------------------------------------
  // Delivery to receivers
  // ---------------------------------------------------------------------------------------------

  /** Sends a delivery to a receiver now, or (receipts) keeps it until one can take it. */
  private route(d: Delivery): void {
    if (this.closed) return;
    const target = this.pickReceiver(d.systemId, d.preferred);
    if (target) {
      this.deliver(target, d);
      return;
    }
    if (d.kind !== 'receipt' || d.systemId === undefined) {
      const busy = this.hasReceiver(d.systemId);
      this.emit('warning', { message: `${d.kind === 'mo' ? 'MO message' : 'receipt'} dropped: ${busy ? 'every receiver has its maximum of deliveries outstanding' : 'no receiver is bound'}` });
      return;
    }
    this.hold(d, d.systemId);
  }

  /**
   * Keeps a receipt until a receiver of its system_id can take it. One cap holds for all
   * system_ids together: past it the oldest receipt of all is dropped, and the log says so.
   */
  private hold(d: Delivery, systemId: string): void {
    let queue = this.waiting.get(systemId);
    if (!queue) {
      queue = [];
      this.waiting.set(systemId, queue);
    }
    const entry: Waiting = { delivery: d, systemId, live: true };
    queue.push(entry);
    this.waitingOrder.push(entry);
    this.waitingCount++;
    if (this.waitingCount > this.maxWaiting) this.dropOldestWaiting();
  }

  private dropOldestWaiting(): void {
    while (this.waitingHead < this.waitingOrder.length) {
      const oldest = this.waitingOrder[this.waitingHead++]!;
      if (!oldest.live) {
        this.waitingDead--;
        continue;
      }
      // The oldest of all is also the oldest of its system_id: the head of that queue.
      const queue = this.waiting.get(oldest.systemId)!;
      queue.shift();
      if (queue.length === 0) this.waiting.delete(oldest.systemId);
      oldest.live = false;
      this.waitingCount--;
      this.emit('warning', { message: `more than ${this.maxWaiting} receipts wait for a receiver; receipt for message ${oldest.delivery.receipt?.message_id ?? '?'} (${oldest.systemId}) dropped` });
      break;
    }
    this.compactWaiting();
  }

  /** Keeps the arrival order no larger than twice the receipts that still wait. */
  private compactWaiting(): void {
    const length = this.waitingOrder.length - this.waitingHead;
    if (this.waitingHead > 64 && this.waitingHead * 2 > this.waitingOrder.length) {
      this.waitingOrder.splice(0, this.waitingHead);
      this.waitingHead = 0;
    }
    if (this.waitingDead > 64 && this.waitingDead * 2 > length) {
      this.waitingOrder = this.waitingOrder.slice(this.waitingHead).filter((e) => e.live);
      this.waitingHead = 0;
      this.waitingDead = 0;
    }
  }

  private clearWaiting(): void {
    this.waiting.clear();
    this.waitingOrder = [];
    this.waitingHead = 0;
    this.waitingDead = 0;
    this.waitingCount = 0;
  }

  private hasReceiver(systemId: string | undefined): boolean {
    for (const c of this.conns.values()) if (c.canReceive && (systemId === undefined || c.systemId === systemId)) return true;
    return false;
  }

  /** The submitting connection when it can receive, else another receiver of the system_id, in turn. */
  private pickReceiver(systemId: string | undefined, preferred: number | undefined): SmscConnection | undefined {
    if (preferred !== undefined) {
      const c = this.conns.get(preferred);
      if (c?.canReceive && c.hasRoom && (systemId === undefined || c.systemId === systemId)) return c;
    }
    const candidates: SmscConnection[] = [];
    for (const c of this.conns.values()) if (c.canReceive && c.hasRoom && (systemId === undefined || c.systemId === systemId)) candidates.push(c);
    if (candidates.length === 0) return undefined;
    return candidates[this.roundRobin++ % candidates.length];
  }

  private deliver(conn: SmscConnection, d: Delivery): void {
    d.attempts++;
    const seqs: number[] = [];
    let failed = false;
    for (const part of d.parts) {
      const seq = conn.request('deliver_sm', part.body, part.tlvs, {
        onFail: () => {
          // Receipts are stored and forwarded: try again on another (or the next) receiver.
          if (failed) return;
          failed = true;
          if (d.kind === 'receipt' && d.attempts < MAX_DELIVERY_ATTEMPTS) this.route({ ...d, preferred: undefined });
          else this.emit('warning', { connection: conn.id, message: `${d.kind === 'mo' ? 'MO message' : 'receipt'} not acknowledged; given up` });
        },
      });
      if (seq !== undefined) seqs.push(seq);
    }
    if (d.receipt && seqs.length > 0) {
      this.emit('receipt', { connection: conn.id, remote: conn.remote, system_id: conn.systemId ?? '', ...d.receipt, sequence_number: seqs[0] });
    }
    if (d.mo && seqs.length > 0) {
      this.emit('mo', { connection: conn.id, remote: conn.remote, system_id: conn.systemId ?? '', ...d.mo, parts: d.parts.length, sequence_numbers: seqs });
    }
  }

  /** Delivers what waits for this connection's system_id, as far as its cap allows. */
  private flushWaiting(conn: SmscConnection): void {
    if (!conn.canReceive || conn.systemId === undefined) return;
    const queue = this.waiting.get(conn.systemId);
    if (!queue) return;
    let taken = 0;
    while (taken < queue.length && conn.canReceive && conn.hasRoom) {
      const entry = queue[taken++]!;
      entry.live = false;
      this.waitingDead++;
      this.deliver(conn, entry.delivery);
    }
    queue.splice(0, taken);
    this.waitingCount -= taken;
    if (queue.length === 0) this.waiting.delete(conn.systemId);
    this.compactWaiting();
  }

  // ---------------------------------------------------------------------------------------------
  // Periodic MO, timers
  // ---------------------------------------------------------------------------------------------

  private startMoTimer(): void {
    const every = this.options.moInterval ?? 0;
    if (every <= 0) return;
    const tick = (): void => {
      if (this.closed) return;
      const n = ++this.moCount;
      const t = this.options.mo ?? {};
      const result = this.injectMo({
        from: t.from ?? '447700900001',
        to: t.to ?? '12345',
        text: t.text ?? `MO message ${n} from the simulator`,
        ...(t.system_id === undefined ? {} : { system_id: t.system_id }),
        ...(t.encoding === undefined ? {} : { encoding: t.encoding }),
        ...(t.method === undefined ? {} : { method: t.method }),
      });
      if (!result.delivered) this.emit('warning', { message: `periodic MO ${n} skipped: ${result.reason ?? 'not delivered'}` });
      this.timers.set(tick, every);
    };
    this.timers.set(tick, every);
  }
}

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

const RECEIPT_STATE_CODES: Readonly<Record<string, number>> = RECEIPT_STATES;

/** A rule that refuses the message: its status (with its delay), or no answer at all. */
function refusal(hit: RuleMatch | undefined): HandlerResult | undefined {
  if (hit === undefined) return undefined;
  const r = hit.rule;
  if (r.noResponse === true) return { status: 0, noResponse: true };
  if (r.submitStatus !== undefined && r.submitStatus !== 0) return timed({ status: r.submitStatus }, hit);
  return undefined;
}

/** The result with the rule's response delay, when it has one. */
function timed(result: HandlerResult, hit: RuleMatch | undefined): HandlerResult {
  if (hit?.rule.responseDelay !== undefined) result.delay = hit.rule.responseDelay;
  return result;
}

function nonNegative(name: string, v: number): number {
  if (!(Number.isFinite(v) && v >= 0)) throw new RangeError(`${name} must be a number of ms >= 0, got ${v}`);
  return v;
}

function sourceOf(b: { source_addr_ton?: number; source_addr_npi?: number; source_addr?: string }): SmscAddress {
  return { ton: b.source_addr_ton ?? 0, npi: b.source_addr_npi ?? 0, addr: b.source_addr ?? '' };
}

/** short_message, or message_payload when short_message is empty. */
function messageBytes(shortMessage: Uint8Array | undefined, pdu: WirePdu): Uint8Array {
  if (shortMessage && shortMessage.length > 0) return shortMessage;
  const payload = tlvValue(pdu, 'message_payload');
  return payload instanceof Uint8Array ? payload : new Uint8Array(0);
}

/**
 * The text of a message: UDH skipped (esm_class 0x40), decoded by data_coding. `binary` says the
 * text is the octets in hex (8-bit data, or an alphabet that cannot be decoded).
 */
function messageText(bytes: Uint8Array, esmClass: number, dataCoding: number): { text: string; binary: boolean } {
  let b = bytes;
  if ((esmClass & 0x40) !== 0 && b.length > 0) b = b.subarray(Math.min(b.length, 1 + b[0]));
  const decoded = decodeText(b, dataCoding);
  return { text: decoded.text, binary: decoded.encoding === 'binary' };
}

/** TON/NPI for an address as a phone network would guess them. */
function address(raw: string): SmscAddress {
  const s = raw.trim();
  if (/^\+\d+$/.test(s)) return { ton: 1, npi: 1, addr: s.slice(1) };
  if (/^\d{9,}$/.test(s)) return { ton: 1, npi: 1, addr: s };
  if (/^\d+$/.test(s)) return { ton: 3, npi: 0, addr: s };
  return { ton: 5, npi: 0, addr: s };
}

function smppTime(ms: number): string {
  try {
    return formatSmppTime(new Date(ms));
  } catch {
    return '';
  }
}
