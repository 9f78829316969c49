// One application connected to the proxy, and its own upstream connection to the SMSC.
//
// Relaying: PDU by PDU, both ways. A request gets a fresh sequence_number from the proxy's
// counter on the leg it goes out on; the response is renumbered back to the original request's
// sequence_number before it is relayed. So each leg's numbering stays consistent whatever the
// other peer does (reused or out-of-range sequence numbers, the proxy's own requests on a leg).
//
// Faults stay on their side:
// - the application goes (drops, or sends a stream that cannot be framed): the SMSC's requests
//   still waiting for the application get ESME_RX_T_APPN (so the SMSC delivers them again
//   later), then the SMSC leg is unbound (after a bind still in flight is answered) and closed;
// - the SMSC goes (drops, cannot be reached, or sends a stream that cannot be framed): the
//   application's requests still unanswered get their _resp with ESME_RSYSERR (an unbind gets
//   unbind_resp, a waiting bind ESME_RBINDFAIL), then a bound application gets an unbind of the
//   proxy's own, and its connection is closed once it answers (or after responseTimeout);
// - a PDU that cannot be read gets generic_nack on its own side and is not relayed; a request
//   that can be read but has a bad field gets its own _resp with that field's status; a
//   response that cannot be read is answered, toward the requester, with ESME_RSYSERR (the
//   application) or ESME_RX_T_APPN (the SMSC);
// - an application holds at most maxOutstanding requests unanswered through the proxy: past
//   that the proxy stops reading from it until answers go back (and a peer that does not read
//   what the proxy writes is not read from either).
import type { Socket } from 'node:net';
import type { Clock } from '../link/clock';
import { socketTransport, type Connector, type Transport } from '../link/transport';
import type { WirePdu } from '../link/wire';
import type { LinkFailure, LinkResponse } from '../link/link';
import { copyBytes } from '../bytes';
import { STATUS } from '../tables/values';
import { Leg, originOf, type InboundRequest, type LegHost, type ProxyRequest } from './leg';
import { parseEndpoint, type LegState, type ProxyClientInfo, type ProxyKeepalive, type ProxyPduEvent, type ProxySide, type UpstreamState } from './types';

const BOUND: Readonly<Record<string, LegState>> = {
  bind_transmitter: 'bound_tx',
  bind_receiver: 'bound_rx',
  bind_transceiver: 'bound_trx',
};

const BIND_TYPE: Readonly<Record<string, 'transmitter' | 'receiver' | 'transceiver'>> = {
  bind_transmitter: 'transmitter',
  bind_receiver: 'receiver',
  bind_transceiver: 'transceiver',
};

/**
 * How a request relayed to the other side is answered when that side can no longer answer it:
 * a system error for the application; for the SMSC, a temporary application error, so that it
 * delivers the message (a receipt, an MO) again later.
 */
const FAILED: Readonly<Record<ProxySide, number>> = { app: STATUS.ESME_RSYSERR, smsc: STATUS.ESME_RX_T_APPN };

/** Requests from the application held while the upstream connection is being made. */
const MAX_WAITING = 100;

/** What a client needs from its proxy. */
export interface ClientHost {
  readonly clock: Clock;
  readonly connector: Connector;
  readonly credentials: { system_id: string; password: string } | undefined;
  readonly responseTimeout: number;
  readonly relayTimeout: number;
  readonly maxPduLength: number | undefined;
  /** Requests of one application (and of the SMSC toward it) held unanswered at once. */
  readonly maxOutstanding: number;
  /** Close an application that has not bound within this many ms; 0 = never. */
  readonly sessionInitTimeout: number;
  /** Close an application that has sent nothing for this many ms; 0 = never. */
  readonly inactivityTimeout: number;
  nextEventId(): number;
  /** Whether anyone listens to the PDUs (events are built only then). */
  publishing(): boolean;
  publish(e: ProxyPduEvent): void;
  warn(client: number, message: string): void;
  changed(client: ProxyClient): void;
  closed(client: ProxyClient, cause: string): void;
}

export interface LegFlow {
  readingPaused: boolean;
  writableLength: number;
  /** Requests of the leg's peer the proxy has not answered yet. */
  unanswered: number;
  /** Requests of the proxy's on the leg not answered yet. */
  outstanding: number;
}

interface Waiting {
  frame: Uint8Array;
  pdu: WirePdu;
  request: InboundRequest;
}

export class ProxyClient {
  readonly connectedAt: number;
  private readonly app: Leg;
  private smsc: Leg | undefined;
  private upstream: UpstreamState = 'idle';
  private waiting: Waiting[] = [];
  /** A side that is gone or being cut: nothing more is relayed to it. */
  private readonly detached: Record<ProxySide, boolean> = { app: false, smsc: false };
  private bindType: ProxyClientInfo['bindType'];
  private systemId: string | undefined;
  private lastKeepalive: ProxyKeepalive | undefined;
  private finished = false;
  private firstCause: string | undefined;
  private readonly closeWaiters: (() => void)[] = [];

  constructor(
    private readonly host: ClientHost,
    readonly id: number,
    socket: Socket,
  ) {
    this.connectedAt = host.clock.now();
    const app = socketTransport(socket);
    // The application opened this leg: it is the local side, the proxy the remote one.
    const local = socket.remoteAddress !== undefined && socket.remotePort !== undefined ? { host: socket.remoteAddress, port: socket.remotePort } : undefined;
    const remote = socket.localAddress !== undefined && socket.localPort !== undefined ? { host: socket.localAddress, port: socket.localPort } : undefined;
    this.app = new Leg(this.legHost(), 'app', app, { local, remote });
    this.app.watchPeer(host.sessionInitTimeout, host.inactivityTimeout);
  }

  get info(): ProxyClientInfo {
    const info: ProxyClientInfo = {
      id: this.id,
      remote: this.app.remote,
      connectedAt: this.connectedAt,
      state: this.app.state,
      upstreamState: this.smsc?.state ?? 'closed',
      upstream: this.upstream,
      outstanding: this.outstanding,
      counters: { app: { ...this.app.counters }, smsc: this.smsc ? { ...this.smsc.counters } : { in: 0, out: 0 } },
    };
    if (this.bindType) info.bindType = this.bindType;
    if (this.systemId !== undefined) info.system_id = this.systemId;
    if (this.lastKeepalive) info.lastKeepalive = { ...this.lastKeepalive };
    return info;
  }

  /** Requests relayed or sent by the proxy and not answered yet, on both legs, plus waiting ones. */
  get outstanding(): number {
    return this.app.outstanding + this.app.unanswered + (this.smsc ? this.smsc.outstanding + this.smsc.unanswered : 0);
  }

  /** Backpressure on each leg: whether the proxy reads from it, what waits to be written to it, what it owes. */
  get flow(): Record<ProxySide, LegFlow | undefined> {
    const of = (leg: Leg | undefined): LegFlow | undefined =>
      leg && { readingPaused: leg.readingPaused, writableLength: leg.writableLength, unanswered: leg.unanswered, outstanding: leg.outstanding };
    return { app: of(this.app), smsc: of(this.smsc) };
  }

  get isFinished(): boolean {
    return this.finished;
  }

  /** Resolves once both connections are closed. */
  whenClosed(): Promise<void> {
    if (this.finished) return Promise.resolve();
    return new Promise((resolve) => this.closeWaiters.push(resolve));
  }

  /** Ends the client cleanly: both bound sides get the proxy's unbind, then both connections close. */
  shutdown(cause: string): void {
    if (this.finished) return;
    this.firstCause ??= cause;
    this.detach('smsc', cause);
    this.detach('app', cause);
  }

  private legHost(): LegHost {
    const host = this.host;
    return {
      clock: host.clock,
      clientId: this.id,
      responseTimeout: host.responseTimeout,
      relayTimeout: host.relayTimeout,
      maxPduLength: host.maxPduLength,
      maxOutstanding: host.maxOutstanding,
      nextEventId: () => host.nextEventId(),
      publishing: () => host.publishing(),
      publish: (e) => host.publish(e),
      warn: (m) => host.warn(this.id, m),
      onRequest: (leg, request, pdu, frame) => {
        this.onRequest(leg, frame, pdu, request);
        this.afterFrame(leg);
      },
      onRelayAnswer: (leg, response, request) => {
        this.onRelayAnswer(leg, response, request);
        this.afterFrame(leg);
      },
      onRelayFailed: (leg, request, failure) => {
        this.onRelayFailed(leg, request, failure);
        this.afterFrame(leg);
      },
      onClosed: (leg, cause) => this.onLegClosed(leg, cause),
    };
  }

  private leg(side: ProxySide): Leg | undefined {
    return side === 'app' ? this.app : this.smsc;
  }

  private who(side: ProxySide): string {
    return side === 'app' ? 'the application' : 'the SMSC';
  }

  // ---------------------------------------------------------------------------------------------
  // Relaying
  // ---------------------------------------------------------------------------------------------

  /** After what a PDU from `leg` asked: brings the leg on toward its end if its partner is gone. */
  private afterFrame(leg: Leg): void {
    const other: ProxySide = leg.side === 'app' ? 'smsc' : 'app';
    if (this.detached[other]) this.settle(leg);
  }

  private onRequest(leg: Leg, frame: Uint8Array, pdu: WirePdu, request: InboundRequest): void {
    const side = leg.side;
    const otherSide: ProxySide = side === 'app' ? 'smsc' : 'app';
    if (this.detached[otherSide]) {
      this.answerAlone(leg, request);
      return;
    }
    if (side === 'app' && pdu.command in BOUND) {
      this.bindType = BIND_TYPE[pdu.command];
      this.systemId = (pdu.body as { system_id?: string }).system_id ?? '';
      this.changed();
    }
    if (pdu.command === 'unbind') {
      leg.setState('unbound');
      this.changed();
    }
    if (side === 'app' && this.upstream !== 'up') {
      if (this.waiting.length >= MAX_WAITING) {
        leg.answer(request, STATUS.ESME_RMSGQFUL);
        return;
      }
      this.waiting.push({ frame: copyBytes(frame), pdu, request });
      this.connectUpstream();
      return;
    }
    this.relayRequest(leg, frame, pdu, request);
  }

  private relayRequest(from: Leg, frame: Uint8Array, pdu: WirePdu, request: InboundRequest): void {
    const to = this.leg(from.side === 'app' ? 'smsc' : 'app');
    if (!to || !to.isOpen) {
      this.answerAlone(from, request);
      return;
    }
    const credentials = this.host.credentials;
    const rewrite = from.side === 'app' && credentials !== undefined && pdu.command in BOUND;
    const what = rewrite
      ? { command: pdu.command, body: { ...(pdu.body as Record<string, unknown>), system_id: credentials.system_id, password: credentials.password }, tlvs: pdu.tlvs }
      : frame;
    const sent = to.sendRequest(what, pdu.command, request, request.eventId);
    if (sent === undefined) {
      from.answer(request, STATUS.ESME_RSYSERR);
      return;
    }
    if (pdu.command === 'unbind') to.setState('unbound');
  }

  /** The answer (its response, or a generic_nack) to a request relayed on `leg`. */
  private onRelayAnswer(leg: Leg, response: LinkResponse, matched: ProxyRequest): void {
    const side = leg.side;
    const otherSide: ProxySide = side === 'app' ? 'smsc' : 'app';
    const { pdu, frame, eventId, problems } = response;
    const invalid = problems.length === 0 ? undefined : problems.find((p) => p.status !== undefined);
    if (invalid) this.warn(`${pdu.command} from ${this.who(side)} (sequence ${pdu.sequence_number}): ${invalid.message}; relayed as it is`);

    const now = this.host.clock.now();
    if (pdu.command_status === 0 && pdu.command !== 'generic_nack' && matched.command in BOUND) {
      leg.setState(BOUND[matched.command]!);
      this.changed();
    }
    if (matched.command === 'enquire_link' && pdu.command === 'enquire_link_resp') {
      this.lastKeepalive = { at: now, side: otherSide, rtt: now - matched.sentAt };
      this.changed();
    }
    const origin = originOf(matched);
    const to = this.leg(otherSide);
    if (!origin || !to || this.detached[otherSide]) return;
    if (!to.relayResponse(frame, origin, pdu.command, eventId)) return;
    if (pdu.command_status === 0 && pdu.command !== 'generic_nack' && matched.command in BOUND) {
      to.setState(BOUND[matched.command]!);
      this.changed();
    }
    if (matched.command === 'unbind') {
      // The session is over on both legs: whoever asked for the unbind has its answer.
      this.changed();
      to.end(`unbind answered by ${this.who(side)}`);
      leg.end(`unbind answered by ${this.who(side)}`);
    }
  }

  /** A relayed request that will not be answered: no answer in time, or one that cannot be read. */
  private onRelayFailed(leg: Leg, request: ProxyRequest, failure: LinkFailure): void {
    const otherSide: ProxySide = leg.side === 'app' ? 'smsc' : 'app';
    const origin = originOf(request);
    if (failure.kind === 'malformed') {
      if (origin) this.leg(otherSide)?.answer(origin, FAILED[otherSide]);
      return;
    }
    const seconds = (this.host.relayTimeout / 1000).toFixed(1);
    this.warn(`${this.who(leg.side)} did not answer ${request.command} (proxy sequence ${request.seq}) within ${seconds} s; forgotten`);
    // The requester keeps its own timer; the proxy only forgets the pairing.
    if (origin) this.leg(otherSide)?.settled(origin);
  }

  /** A request arriving while the other side is gone or being cut. */
  private answerAlone(leg: Leg, request: InboundRequest): void {
    switch (request.command) {
      case 'enquire_link':
        leg.answer(request, 0);
        return;
      case 'unbind':
        leg.setState('unbound');
        leg.answer(request, 0);
        leg.end(`${this.who(leg.side)} unbound`);
        this.changed();
        return;
      case 'bind_transmitter':
      case 'bind_receiver':
      case 'bind_transceiver':
        leg.answer(request, STATUS.ESME_RBINDFAIL);
        return;
      default:
        // Nothing for alert_notification and outbind, which get no response.
        leg.answer(request, STATUS.ESME_RINVBNDSTS);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // The upstream connection
  // ---------------------------------------------------------------------------------------------

  private connectUpstream(): void {
    if (this.upstream !== 'idle') return;
    this.upstream = 'connecting';
    this.changed();
    let promise: Promise<Transport>;
    try {
      promise = this.host.connector();
    } catch (err) {
      promise = Promise.reject(err instanceof Error ? err : new Error(String(err)));
    }
    promise.then(
      (transport) => this.onUpstreamConnected(transport),
      (err: unknown) => {
        this.upstream = 'down';
        const cause = `could not reach the SMSC: ${err instanceof Error ? err.message : String(err)}`;
        this.warn(cause);
        this.firstCause ??= cause;
        this.detach('smsc', cause);
        this.changed();
        this.maybeFinished();
      },
    );
  }

  private onUpstreamConnected(transport: Transport): void {
    if (this.detached.smsc || this.detached.app) {
      // The application left (or the proxy is closing) while the connection was being made.
      transport.onClose(() => {
        this.upstream = 'down';
        this.changed();
        this.maybeFinished();
      });
      transport.destroy();
      return;
    }
    this.smsc = new Leg(this.legHost(), 'smsc', transport, { remote: parseEndpoint(transport.remote) });
    this.upstream = 'up';
    this.changed();
    const waiting = this.waiting;
    this.waiting = [];
    for (const w of waiting) {
      if (this.detached.smsc) this.answerAlone(this.app, w.request);
      else this.relayRequest(this.app, w.frame, w.pdu, w.request);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Faults and closing
  // ---------------------------------------------------------------------------------------------

  private onLegClosed(leg: Leg, cause: string): void {
    if (leg.side === 'smsc') this.upstream = 'down';
    this.firstCause ??= cause;
    this.detach(leg.side, cause);
    this.changed();
    this.maybeFinished();
  }

  /**
   * Stops relaying to `side` (gone, or being cut) and brings the other side to a clean end:
   * its unanswered requests are answered, then it is unbound (if bound) and closed.
   */
  private detach(side: ProxySide, cause: string): void {
    const otherSide: ProxySide = side === 'app' ? 'smsc' : 'app';
    const first = !this.detached[side];
    this.detached[side] = true;
    if (first) {
      const leg = this.leg(side);
      if (leg?.isOpen) this.settle(leg);
    }
    const survivor = this.leg(otherSide);
    if (first && survivor?.isOpen) {
      // Requests the survivor sent through, or that wait for the upstream: they will not be answered.
      const waiting = this.waiting;
      this.waiting = [];
      for (const w of waiting) this.answerAlone(survivor, w.request);
      for (const request of [...survivor.inbound.values()]) {
        if (request.command === 'unbind') survivor.setState('unbound');
        survivor.answer(request, request.command === 'unbind' || request.command === 'enquire_link' ? 0 : request.command in BOUND ? STATUS.ESME_RBINDFAIL : FAILED[otherSide]);
      }
      this.warn(`${cause}: ending ${this.who(otherSide)}'s session cleanly`);
    }
    if (survivor?.isOpen) this.settle(survivor);
    if (side === 'app') this.waiting = [];
  }

  /** Brings a leg whose partner is detached toward its end, one step at a time. */
  private settle(leg: Leg): void {
    if (!leg.isOpen) return;
    // A bind or unbind still in flight on this leg decides what comes next: wait for it.
    if (leg.hasPending((c) => c in BOUND || c === 'unbind')) return;
    if (leg.isBound) {
      if (!leg.unbinding) this.unbind(leg);
      return;
    }
    if (leg.unanswered > 0) return;
    leg.end(`the session through the proxy is over (${this.firstCause ?? 'closed'})`);
  }

  private unbind(leg: Leg): void {
    leg.unbinding = true;
    leg.setState('unbound');
    this.changed();
    const sent = leg.sendRequest({ command: 'unbind', body: {} }, 'unbind', {
      onResponse: () => leg.end(`unbound by the proxy`),
      onFail: (reason) => {
        if (reason === 'closed') return;
        leg.destroy(reason === 'timeout' ? `no unbind_resp from ${this.who(leg.side)}: closed by the proxy` : `malformed unbind_resp from ${this.who(leg.side)}`);
      },
    });
    if (sent === undefined) leg.destroy('unbind could not be sent');
  }

  private maybeFinished(): void {
    if (this.finished) return;
    if (!this.app.isClosed) return;
    if (this.upstream === 'connecting') return;
    if (this.smsc && !this.smsc.isClosed) return;
    this.finished = true;
    this.waiting = [];
    this.host.closed(this, this.firstCause ?? 'closed');
    for (const w of this.closeWaiters.splice(0)) w();
  }

  private changed(): void {
    if (!this.finished) this.host.changed(this);
  }

  private warn(message: string): void {
    this.host.warn(this.id, message);
  }
}
