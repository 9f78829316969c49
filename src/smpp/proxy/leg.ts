// One leg of a proxied session: the connection to the application or to the SMSC, as a role on
// top of a link. The link frames, numbers the proxy's requests on this leg from its own counter,
// pairs responses with requests, answers what cannot be read and holds the peer to its bounds;
// the leg remembers which request of the other leg each of its requests relays (so the
// response can be renumbered back), and publishes every PDU for the capture with its leg.
import type { Clock } from '../link/clock';
import { Link, type InboundRequest, type LinkEvent, type LinkFailure, type LinkResponse, type OutboundRequest, type RequestCallbacks } from '../link/link';
import type { Transport } from '../link/transport';
import type { OutgoingPdu, WirePdu } from '../link/wire';
import { LEG_OF, type Endpoint, type LegState, type ProxyPduEvent, type ProxySide } from './types';

export type { InboundRequest } from '../link/link';

/** Callbacks of a request the proxy sends on its own account (its unbind). */
export interface OwnRequestHandlers {
  onResponse(pdu: WirePdu): void;
  onFail(reason: LinkFailure['kind']): void;
}

/**
 * What the proxy attached to a request it sent on a leg: for a relay, the request on the other
 * leg that this one carries; for the proxy's own request, its handlers.
 */
export type RequestMeta = InboundRequest | OwnRequestHandlers;

function isOwn(meta: RequestMeta | undefined): meta is OwnRequestHandlers {
  return meta !== undefined && 'onResponse' in meta;
}

/** For a relayed request: the request on the other leg that it carries. */
export function originOf(request: ProxyRequest): InboundRequest | undefined {
  return isOwn(request.meta) ? undefined : request.meta;
}

export type ProxyRequest = OutboundRequest<RequestMeta>;

export interface LegHost {
  readonly clock: Clock;
  readonly clientId: number;
  /** How long the proxy waits for the answer to its own request (and for a peer to close), ms. */
  readonly responseTimeout: number;
  /** How long a relayed request waits for its response before it is forgotten, ms. */
  readonly relayTimeout: number;
  readonly maxPduLength: number | undefined;
  /** Requests of one peer the proxy may hold unanswered (relayed and waiting) before it stops reading. */
  readonly maxOutstanding: number;
  nextEventId(): number;
  publishing(): boolean;
  publish(e: ProxyPduEvent): void;
  warn(message: string): void;
  /** A readable request from the peer (kept in `inbound` until answered, when it expects an answer). */
  onRequest(leg: Leg, request: InboundRequest, pdu: WirePdu, frame: Uint8Array): void;
  /** The answer to a relayed request: its response, or a generic_nack. */
  onRelayAnswer(leg: Leg, response: LinkResponse, request: ProxyRequest): void;
  /** A relayed request got no response in time and was forgotten, or its answer could not be read. */
  onRelayFailed(leg: Leg, request: ProxyRequest, failure: LinkFailure): void;
  onClosed(leg: Leg, cause: string): void;
}

export interface LegEndpoints {
  local?: Endpoint;
  remote?: Endpoint;
}

export class Leg {
  state: LegState = 'open';
  /** The proxy has sent its own unbind on this leg. */
  unbinding = false;
  private readonly link: Link;

  constructor(
    private readonly host: LegHost,
    readonly side: ProxySide,
    transport: Transport,
    readonly endpoints: LegEndpoints,
  ) {
    const who = side === 'app' ? 'the application' : 'the SMSC';
    this.link = new Link(
      transport,
      {
        onRequest: (request, pdu, frame) => host.onRequest(this, request, pdu, frame),
        warn: (message) => host.warn(message),
        closed: (cause) => host.onClosed(this, cause),
      },
      {
        clock: host.clock,
        maxPduLength: host.maxPduLength,
        maxOutstanding: host.maxOutstanding,
        maxUnanswered: host.maxOutstanding,
        peerName: who,
        nextEventId: () => host.nextEventId(),
        publishing: host.publishing,
        publish: (e) => this.publish(e),
        closeTimeout: host.responseTimeout,
      },
    );
  }

  get remote(): string {
    return this.link.remote;
  }

  get isOpen(): boolean {
    return this.link.isOpen;
  }

  get isClosed(): boolean {
    return this.link.isClosed;
  }

  get isBound(): boolean {
    return this.state === 'bound_tx' || this.state === 'bound_rx' || this.state === 'bound_trx';
  }

  /** PDUs read from the peer (in) and written to it (out). */
  get counters(): { readonly in: number; readonly out: number } {
    return this.link.counters;
  }

  /** Requests of the peer's awaiting the proxy's answer. */
  get inbound(): ReadonlyMap<number, InboundRequest> {
    return this.link.inbound;
  }

  /** Requests of the proxy's awaiting the peer's answer. */
  get outstanding(): number {
    return this.link.outstanding;
  }

  /** Requests of the peer's still owed an answer. */
  get unanswered(): number {
    return this.link.unanswered;
  }

  get readingPaused(): boolean {
    return this.link.readingPaused;
  }

  get writableLength(): number {
    return this.link.writableLength;
  }

  /** Closes the leg when its peer has not bound within `sessionInit` ms, or sends nothing for `inactivity` ms (0 = never). */
  watchPeer(sessionInit: number, inactivity: number): void {
    this.link.watchPeer(sessionInit, inactivity);
  }

  /** The leg's session state; binding stops its session-init timer. */
  setState(state: LegState): void {
    this.state = state;
    if (this.isBound) this.link.bound();
  }

  hasPending(command: (c: string) => boolean): boolean {
    return this.link.hasPending(command);
  }

  /**
   * Sends a request under the proxy's own sequence_number: a relayed frame (renumbered), a
   * re-encoded PDU (a bind with rewritten credentials), or the proxy's own request.
   */
  sendRequest(what: Uint8Array | Omit<OutgoingPdu, 'sequence_number'>, command: string, meta: RequestMeta, relayOf?: number): number | undefined {
    const timeout = isOwn(meta) ? this.host.responseTimeout : this.host.relayTimeout;
    return this.link.tryRequest<RequestMeta>(what, timeout, this.answers, meta, command, relayOf)?.seq;
  }

  /** What the link calls back with for every request the leg sends (one object, not one per request). */
  private readonly answers: RequestCallbacks = {
    onResponse: (r, p) => this.onAnswer(r, p as ProxyRequest),
    onFail: (f, p) => this.onFail(f, p as ProxyRequest),
  };

  private onAnswer(response: LinkResponse, request: ProxyRequest): void {
    if (isOwn(request.meta)) request.meta.onResponse(response.pdu);
    else this.host.onRelayAnswer(this, response, request);
  }

  private onFail(failure: LinkFailure, request: ProxyRequest): void {
    if (isOwn(request.meta)) {
      request.meta.onFail(failure.kind);
      return;
    }
    // A generic_nack answers a relayed request like any response: the requester gets it.
    if (failure.kind === 'nack' && failure.response) this.host.onRelayAnswer(this, failure.response, request);
    else if (failure.kind !== 'closed') this.host.onRelayFailed(this, request, failure);
  }

  /** Relays the response to the peer's `request` (the frame renumbered to its sequence). */
  relayResponse(frame: Uint8Array, request: InboundRequest, command: string, relayOf: number): boolean {
    return this.link.relayResponse(frame, request, command, relayOf) !== undefined;
  }

  /**
   * Answers the peer's request itself: `<command>_resp` with `status` (and no body unless
   * given one), or nothing for a request that has no response (alert_notification, outbind).
   */
  answer(request: InboundRequest, status: number, body: Record<string, unknown> = {}): void {
    this.link.respond(request, status, status === 0 ? body : {});
  }

  /** Forgets a request of the peer's as answered. */
  settled(request: InboundRequest): void {
    this.link.settle(request);
  }

  /** Half-closes after what is written; destroys if the peer has not closed within responseTimeout. */
  end(cause: string): void {
    this.link.end(cause);
  }

  destroy(cause: string): void {
    this.link.destroy(cause);
  }

  /** Decorates the link's event with the leg, the ends and the source, in place (it is the link's own, made for this call). */
  private publish(e: LinkEvent): void {
    const fromPeer = e.direction === 'in';
    const peer = this.side;
    const out = e as LinkEvent & ProxyPduEvent;
    out.client = this.host.clientId;
    out.leg = LEG_OF[peer];
    out.from = fromPeer ? peer : 'proxy';
    out.to = fromPeer ? 'proxy' : peer;
    out.source = fromPeer ? 'received' : e.relayOf !== undefined ? 'relayed' : 'proxy';
    // 'out' is always from the side that opened this leg's connection (see ProxyPduEvent).
    out.direction = fromPeer === (peer === 'app') ? 'out' : 'in';
    if (this.endpoints.local) out.local = this.endpoints.local;
    if (this.endpoints.remote) out.remote = this.endpoints.remote;
    this.host.publish(out);
  }
}
