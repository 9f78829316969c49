// One SMPP link: the owner of one peer's byte pipe. It frames and decodes what the peer sends,
// numbers the requests this side sends, keeps them pending with their timers and pairs each
// response with its request, answers what cannot be read, publishes every PDU for the capture,
// and holds the peer to bounds:
//
// - backpressure: when a write is refused (the peer does not read), the link stops reading from
//   that peer until the pipe drains, so a flood meets a full TCP window, not a growing heap;
// - the peer's requests still waiting for this side's answer are capped: past the cap the link
//   stops reading until answers go out;
// - this side's own outstanding requests are capped: past the cap a request is refused at once;
// - only a request's own `_resp`, or a `generic_nack`, answers it; a `generic_nack` fails it
//   whatever its status; any other response is a protocol error and the request keeps waiting;
// - keepalive follows incoming traffic: after `interval` of silence from the peer an
//   enquire_link goes out, and a peer that does not answer it in time is declared dead;
// - an optional session-init timer closes a link that has not bound in time, and an optional
//   inactivity timer one whose peer has sent nothing for that long.
//
// The ESME session, a simulator connection and each proxy leg are roles on top of a link: they
// decide what a request means and what to answer. No role touches a socket.
import { readU32 } from '../bytes';
import type { Problem } from '../fields';
import type { PduHeaderFields } from '../pduEvent';
import { expectsResponse, isCommandName, responseOf } from '../tables/commands';
import { STATUS, statusName } from '../tables/values';
import { TimerSet, type Clock, type TimerHandle } from './clock';
import { Deadlines } from './deadlines';
import type { Transport } from './transport';
import { PduStream, type OutgoingPdu, type WirePdu } from './wire';

const MAX_SEQ = 0x7fffffff;
const EMPTY = new Uint8Array(0);
/** The body of every answer that carries none (encode only reads it). */
const NO_BODY: Readonly<Record<string, unknown>> = Object.freeze({});

/**
 * A copy of a relayed frame under another sequence_number, as a Buffer from Node's pool: the
 * socket takes it as it is (no wrapping), and the frame read from the other peer stays as it was.
 */
function renumbered(frame: Uint8Array, sequence: number): Buffer {
  const out = Buffer.from(frame);
  out.writeUInt32BE(sequence >>> 0, 12);
  return out;
}

/** The first problem that has a command_status (one that makes the PDU unacceptable). */
function firstFault(problems: readonly Problem[]): Problem | undefined {
  for (let i = 0; i < problems.length; i++) if (problems[i]!.status !== undefined) return problems[i];
  return undefined;
}

/** This side's own requests outstanding at once, by default. */
export const DEFAULT_MAX_OUTSTANDING = 10_000;
/** The peer's requests waiting for this side's answer before reading stops, by default. */
export const DEFAULT_MAX_UNANSWERED = 1_000;

/** Statuses that mean the frame itself cannot be read: answered by generic_nack. */
const UNREADABLE: ReadonlySet<number> = new Set([STATUS.ESME_RINVCMDLEN, STATUS.ESME_RINVMSGLEN, STATUS.ESME_RINVCMDID]);

/**
 * One PDU that crossed the link, as the capture and the log see it. `direction` in = read from
 * the peer, out = written to it; `bytes` are shared with the link: copy them to keep them.
 */
export interface LinkEvent extends PduHeaderFields {
  /** From the link's event counter (shared between links where the role wants). */
  id: number;
  /** Decoded values (incoming PDUs, and outgoing ones where the link was asked to). */
  pdu?: WirePdu;
  /** For a response: the event of the request it answers, and the round trip. */
  request?: { id: number; rtt: number };
  /** A write filter's name for what it did to the bytes (a simulator fault). */
  fault?: string;
  /** For a relayed PDU (the proxy): the event id of the PDU it carries from the other link. */
  relayOf?: number;
}

/** A request the peer sent, waiting for this side's answer. */
export interface InboundRequest {
  readonly seq: number;
  readonly command: string;
  readonly eventId: number;
  readonly receivedAt: number;
  /** Answered (or needs no answer); a later answer for it goes nowhere. */
  answered: boolean;
}

export interface LinkResponse {
  pdu: WirePdu;
  frame: Uint8Array;
  eventId: number;
  /** ms from the request's write to the response's read. */
  rtt: number;
  /** Problems in a response that could still be read. */
  problems: readonly Problem[];
}

export interface LinkFailure {
  /**
   * timeout: no answer in time; closed: the link went first; nack: a generic_nack answered it;
   * malformed: the answer could not be read.
   */
  kind: 'timeout' | 'closed' | 'nack' | 'malformed';
  message: string;
  /** The generic_nack or the unreadable response. */
  response?: LinkResponse;
}

export interface RequestCallbacks {
  onResponse?(response: LinkResponse, request: OutboundRequest): void;
  onFail?(failure: LinkFailure, request: OutboundRequest): void;
}

/** A request of this side's that the peer has not answered yet. */
export interface OutboundRequest<M = unknown> {
  readonly seq: number;
  readonly command: string;
  readonly eventId: number;
  readonly sentAt: number;
  /** Whatever the role attached (a relay's origin, a queued promise). */
  readonly meta: M | undefined;
  callbacks: RequestCallbacks | undefined;
  /** When its response timer falls due; set while it waits. */
  due: number;
  settled: boolean;
  lane: unknown;
}

/** What a write filter may do to a PDU on its way out. */
export interface WriteFilterResult {
  bytes: Uint8Array;
  /** Named in the published event. */
  fault: string;
  /** Close the link once these bytes are written, with this cause. */
  thenDestroy?: string;
}

export interface LinkRole {
  /**
   * A request from the peer that can be read. It is registered as waiting for an answer
   * (unless its command has none); answer it with `respond`, `relayResponse` or `nack`.
   */
  onRequest(request: InboundRequest, pdu: WirePdu, frame: Uint8Array): void;
  /** A problem that does not end the link: a malformed PDU, a response to nothing. */
  warn(message: string): void;
  /**
   * The pipe is gone; every pending request has already failed with `closed`. `byPeer` when
   * nothing on this side asked for the close (the peer closed, or the connection dropped).
   */
  closed(cause: string, error: Error | undefined, byPeer: boolean): void;
  /**
   * This side began to close the link (end or destroy, by the role or by the link itself: a
   * dead keepalive, a framing error, a timer). Pending requests have failed; nothing more is
   * read. The socket's close follows, with `closed`.
   */
  closing?(cause: string): void;
}

export interface LinkOptions {
  clock: Clock;
  /** Largest command_length accepted from the peer. */
  maxPduLength?: number;
  /** Own requests outstanding at once. Default DEFAULT_MAX_OUTSTANDING. */
  maxOutstanding?: number;
  /** The peer's requests waiting for an answer before reading stops. Default DEFAULT_MAX_UNANSWERED. */
  maxUnanswered?: number;
  /** The sequence number before the first request (default 0: the first is 1). */
  initialSequence?: number;
  /** Who the peer is, for messages: "the SMSC", "the ESME", "the application". */
  peerName: string;
  /** Event ids; a role that pairs events across links passes one counter to all of them. */
  nextEventId?: () => number;
  /** Receives every PDU; `publishing` says whether anyone listens (events are built only then). */
  publish?: (e: LinkEvent) => void;
  publishing?: () => boolean;
  /** Decode outgoing PDUs for the published event (the simulator's log shows their fields). */
  decodeOutgoing?: boolean;
  /** Sees every encoded PDU before it is written; may change it (the simulator's faults). */
  writeFilter?: (bytes: Uint8Array, pdu: OutgoingPdu | undefined) => WriteFilterResult | undefined;
  /** How long a half-closed link waits for the peer to close before it is destroyed, ms. */
  closeTimeout: number;
}

export class Link {
  private readonly stream: PduStream;
  private readonly timers: TimerSet;
  /** The response timers of own requests. */
  private readonly deadlines: Deadlines<OutboundRequest<unknown>>;
  private readonly maxOutstanding: number;
  private readonly maxUnanswered: number;
  private seq: number;
  private eventIds = 0;
  private readonly nextEventId: () => number;
  /** Own requests awaiting the peer's answer, by sequence_number. */
  private readonly pendingBySeq = new Map<number, OutboundRequest<unknown>>();
  /**
   * The peer's requests the role did not answer while it handled them (a relay, a delayed
   * answer), by the peer's sequence_number (the latest if reused). `unanswered` counts every one.
   */
  readonly inbound = new Map<number, InboundRequest>();
  private unansweredCount = 0;
  /** Frames read while over a limit, handled once under it again. */
  private held: Uint8Array[] = [];
  private heldHead = 0;
  private releasing = false;
  /** A write was refused: reading waits for drain. */
  private writeBlocked = false;
  private ending = false;
  private closedFlag = false;
  private closeCause: string | undefined;
  private keepalive: { interval: number; timeout: number; timer: TimerHandle | undefined; onAnswer?: (rtt: number) => void } | undefined;
  private watch: { sessionInitAt: number | undefined; inactivity: number; timer: TimerHandle | undefined } | undefined;
  /** When the peer last sent a PDU. */
  lastReceivedAt: number;
  readonly counters = { in: 0, out: 0 };

  constructor(
    private readonly transport: Transport,
    private readonly role: LinkRole,
    private readonly options: LinkOptions,
  ) {
    this.stream = new PduStream(options.maxPduLength);
    this.timers = new TimerSet(options.clock);
    this.deadlines = new Deadlines(options.clock, (p) => this.onRequestTimeout(p));
    this.maxOutstanding = options.maxOutstanding ?? DEFAULT_MAX_OUTSTANDING;
    this.maxUnanswered = options.maxUnanswered ?? DEFAULT_MAX_UNANSWERED;
    this.seq = options.initialSequence ?? 0;
    this.nextEventId = options.nextEventId ?? (() => ++this.eventIds);
    this.lastReceivedAt = options.clock.now();
    transport.onData((chunk) => this.onData(chunk));
    transport.onDrain(() => {
      this.writeBlocked = false;
      this.releaseHeld();
    });
    transport.onClose((error) => this.onTransportClosed(error));
  }

  get remote(): string {
    return this.transport.remote;
  }

  /** Neither closing nor closed: reads and writes go on. */
  get isOpen(): boolean {
    return !this.closedFlag && !this.ending;
  }

  get isClosed(): boolean {
    return this.closedFlag;
  }

  /** The sequence_number of the last request sent. */
  get sequence(): number {
    return this.seq;
  }

  /** Own requests awaiting the peer's answer. */
  get outstanding(): number {
    return this.pendingBySeq.size;
  }

  /** The peer's requests awaiting this side's answer. */
  get unanswered(): number {
    return this.unansweredCount;
  }

  /** Reading from the peer is paused (backpressure or too many answers owed). */
  get readingPaused(): boolean {
    return this.transport.isPaused;
  }

  /** Octets written and not yet taken by the operating system. */
  get writableLength(): number {
    return this.transport.writableLength;
  }

  hasPending(test: (command: string) => boolean): boolean {
    for (const p of this.pendingBySeq.values()) if (test(p.command)) return true;
    return false;
  }

  // ---------------------------------------------------------------------------------------------
  // Timers that follow the peer
  // ---------------------------------------------------------------------------------------------

  /**
   * Sends enquire_link after `interval` ms without a PDU from the peer; a peer that does not
   * answer it within `timeout` ms is declared dead and the link is destroyed. `interval` 0 stops.
   */
  startKeepalive(interval: number, timeout: number, onAnswer?: (rtt: number) => void): void {
    this.stopKeepalive();
    if (interval <= 0 || !this.isOpen) return;
    this.keepalive = { interval, timeout, timer: undefined, onAnswer };
    this.armKeepalive(interval);
  }

  stopKeepalive(): void {
    if (!this.keepalive) return;
    this.timers.clear(this.keepalive.timer);
    this.keepalive = undefined;
  }

  private armKeepalive(ms: number): void {
    const k = this.keepalive;
    if (!k) return;
    k.timer = this.timers.set(() => this.onKeepaliveDue(), ms);
  }

  private onKeepaliveDue(): void {
    const k = this.keepalive;
    if (!k || !this.isOpen) return;
    k.timer = undefined;
    const quiet = this.options.clock.now() - this.lastReceivedAt;
    if (quiet < k.interval) {
      this.armKeepalive(k.interval - quiet);
      return;
    }
    // Around any window: a full window must not hide a dead link.
    if (!this.hasPending((c) => c === 'enquire_link')) {
      const sent = this.tryRequest({ command: 'enquire_link', body: {} }, k.timeout, {
        onResponse: (r) => k.onAnswer?.(r.rtt),
        onFail: (f) => {
          if (f.kind === 'timeout') this.destroy(`no enquire_link_resp within ${(k.timeout / 1000).toFixed(1)} s: the link is dead`);
        },
      });
      if (sent === undefined) return;
    }
    this.armKeepalive(k.interval);
  }

  /**
   * Closes the link when it has not bound within `sessionInit` ms (until `bound()` is called),
   * and when the peer sends nothing for `inactivity` ms. 0 switches either off.
   */
  watchPeer(sessionInit: number, inactivity: number): void {
    const now = this.options.clock.now();
    this.watch = { sessionInitAt: sessionInit > 0 ? now + sessionInit : undefined, inactivity, timer: undefined };
    this.armWatch();
  }

  /** The peer has bound: the session-init timer stops. */
  bound(): void {
    if (!this.watch) return;
    this.watch.sessionInitAt = undefined;
    this.armWatch();
  }

  private armWatch(): void {
    const w = this.watch;
    if (!w || !this.isOpen) return;
    this.timers.clear(w.timer);
    w.timer = undefined;
    const now = this.options.clock.now();
    const dues: number[] = [];
    if (w.sessionInitAt !== undefined) dues.push(w.sessionInitAt);
    if (w.inactivity > 0) dues.push(this.lastReceivedAt + w.inactivity);
    if (dues.length === 0) return;
    w.timer = this.timers.set(() => this.onWatchDue(), Math.max(0, Math.min(...dues) - now));
  }

  private onWatchDue(): void {
    const w = this.watch;
    if (!w || !this.isOpen) return;
    w.timer = undefined;
    const now = this.options.clock.now();
    if (w.sessionInitAt !== undefined && now >= w.sessionInitAt) {
      this.destroy(`${this.options.peerName} did not bind within the session-init timer: closed`);
      return;
    }
    if (w.inactivity > 0 && now - this.lastReceivedAt >= w.inactivity) {
      this.destroy(`${this.options.peerName} sent nothing for ${(w.inactivity / 1000).toFixed(1)} s (the inactivity timer): closed`);
      return;
    }
    this.armWatch();
  }

  // ---------------------------------------------------------------------------------------------
  // Reading
  // ---------------------------------------------------------------------------------------------

  private onData(chunk: Uint8Array): void {
    if (!this.isOpen) return;
    const fault = this.stream.push(chunk, (frame) => this.accept(frame));
    if (fault && this.isOpen) {
      // A length that cannot be trusted: nothing after it can be framed. Say why and close.
      this.role.warn(`${this.options.peerName} sent a stream that cannot be framed: ${fault.message}`);
      if (fault.status !== undefined) this.send({ command: 'generic_nack', command_status: fault.status, sequence_number: 0, body: {} });
      // end(), not destroy(): the generic_nack must leave before the socket goes.
      this.end(`framing error from ${this.options.peerName}: ${fault.message}`);
    }
  }

  /** Whether frames must wait: a write was refused, or the peer is owed too many answers. */
  private mustHold(): boolean {
    return this.writeBlocked || this.unansweredCount >= this.maxUnanswered;
  }

  /**
   * Handles a frame now, or holds it while reading is paused. A chunk already read can hold many
   * PDUs; those behind the one that reached a limit wait here (at most what one read brought)
   * instead of going past the cap.
   */
  private accept(frame: Uint8Array): void {
    if (this.heldHead < this.held.length || this.mustHold()) {
      this.held.push(frame);
      return;
    }
    this.onFrame(frame);
  }

  /** Handles held frames while the limits allow; resumes reading once none is left. */
  private releaseHeld(): void {
    if (this.releasing) return;
    this.releasing = true;
    try {
      while (this.heldHead < this.held.length && !this.mustHold() && this.isOpen) {
        const frame = this.held[this.heldHead]!;
        this.held[this.heldHead++] = EMPTY;
        this.onFrame(frame);
      }
      if (this.heldHead === this.held.length) {
        this.held.length = 0;
        this.heldHead = 0;
      }
    } finally {
      this.releasing = false;
    }
    this.updateReading();
  }

  private onFrame(frame: Uint8Array): void {
    if (!this.isOpen) return;
    this.counters.in++;
    const now = this.options.clock.now();
    this.lastReceivedAt = now;
    const { pdu, problems } = this.stream.decode(frame);
    const eventId = this.nextEventId();
    if ((pdu.command_id & 0x80000000) !== 0) {
      this.onResponseFrame(frame, pdu, problems, eventId, now);
      return;
    }
    const expects = expectsResponse(pdu.command);
    const request: InboundRequest = { seq: pdu.sequence_number, command: pdu.command, eventId, receivedAt: now, answered: !expects };
    if (expects) {
      this.unansweredCount++;
      if (this.unansweredCount >= this.maxUnanswered) this.updateReading();
    }
    this.publishIn(eventId, frame, pdu, now, undefined);
    if (pdu.command === 'unknown') {
      this.role.warn(`unknown command_id 0x${pdu.command_id.toString(16).padStart(8, '0')} from ${this.options.peerName} (sequence ${pdu.sequence_number}); answered with generic_nack ESME_RINVCMDID`);
      this.nack(STATUS.ESME_RINVCMDID, pdu.sequence_number, request);
      return;
    }
    const bad = problems.length === 0 ? undefined : firstFault(problems);
    if (bad?.status !== undefined) {
      // A frame that cannot be read gets generic_nack; a readable request with a bad field gets
      // its own response carrying the status that names the field.
      const status = bad.status;
      if (UNREADABLE.has(status) || !expects) {
        this.role.warn(`malformed ${pdu.command} from ${this.options.peerName} (sequence ${pdu.sequence_number}): ${bad.message}; answered with generic_nack ${statusName(status)}`);
        this.nack(status, pdu.sequence_number, request);
      } else {
        this.role.warn(`invalid ${pdu.command} from ${this.options.peerName} (sequence ${pdu.sequence_number}): ${bad.message}; answered with ${statusName(status)}`);
        this.respond(request, status);
      }
      return;
    }
    this.role.onRequest(request, pdu, frame);
    // Only what the role did not answer at once is kept for later (most answers are immediate).
    if (!request.answered && !this.closedFlag) this.inbound.set(request.seq, request);
  }

  private onResponseFrame(frame: Uint8Array, pdu: WirePdu, problems: Problem[], eventId: number, now: number): void {
    const p = this.pendingBySeq.get(pdu.sequence_number);
    const nack = pdu.command === 'generic_nack';
    const answers = p !== undefined && (nack || (isCommandName(p.command) && responseOf(p.command) === pdu.command));
    this.publishIn(eventId, frame, pdu, now, answers ? { id: p.eventId, rtt: now - p.sentAt } : undefined);
    const fault = problems.length === 0 ? undefined : firstFault(problems);
    const unreadable = pdu.command === 'unknown' || (fault !== undefined && problems.some((x) => x.status !== undefined && UNREADABLE.has(x.status)));
    if (!p) {
      this.role.warn(`${pdu.command} (sequence ${pdu.sequence_number}) from ${this.options.peerName} matches no request${nack ? ` (${statusName(pdu.command_status)})` : ''}`);
      if (unreadable && !nack) this.send({ command: 'generic_nack', command_status: STATUS.ESME_RINVCMDLEN, sequence_number: pdu.sequence_number, body: {} });
      return;
    }
    if (!answers) {
      // Only the request's own response, or generic_nack, answers it.
      this.role.warn(`protocol error: ${pdu.command} (sequence ${pdu.sequence_number}) from ${this.options.peerName} does not answer ${p.command}; still waiting for ${isCommandName(p.command) ? (responseOf(p.command) ?? 'its response') : 'its response'}`);
      return;
    }
    this.release(p);
    const response: LinkResponse = { pdu, frame, eventId, rtt: now - p.sentAt, problems };
    if (nack) {
      const status = pdu.command_status;
      p.callbacks?.onFail?.({ kind: 'nack', message: `generic_nack ${status === 0 ? 'with status 0 (ESME_ROK), which still refuses it' : statusName(status)} for ${p.command} (sequence ${p.seq})`, response }, p);
      return;
    }
    if (unreadable) {
      const problem = fault;
      this.send({ command: 'generic_nack', command_status: problem?.status ?? STATUS.ESME_RINVCMDLEN, sequence_number: pdu.sequence_number, body: {} });
      p.callbacks?.onFail?.({ kind: 'malformed', message: `malformed ${pdu.command} from ${this.options.peerName} (sequence ${p.seq}): ${problem?.message ?? 'unreadable'}`, response }, p);
      return;
    }
    p.callbacks?.onResponse?.(response, p);
  }

  // ---------------------------------------------------------------------------------------------
  // Writing
  // ---------------------------------------------------------------------------------------------

  /**
   * Sends a request under the next sequence_number of this side: a PDU to encode, or a frame
   * to renumber (a relay). Throws when it cannot be sent (closed, the outstanding cap reached,
   * a value the codec refuses); resolves nothing itself, the callbacks say what came back.
   */
  request<M>(what: Omit<OutgoingPdu, 'sequence_number'> | Uint8Array, command: string, timeout: number, callbacks?: RequestCallbacks, meta?: M, relayOf?: number): OutboundRequest<M> {
    if (!this.isOpen) throw new LinkError(`cannot send ${command}: the link to ${this.options.peerName} is ${this.closedFlag ? 'closed' : 'closing'}`, 'closed');
    const expects = expectsResponse(command);
    if (expects && this.pendingBySeq.size >= this.maxOutstanding) {
      throw new LinkError(`cannot send ${command}: ${this.pendingBySeq.size} requests to ${this.options.peerName} are already waiting for an answer (the cap)`, 'full');
    }
    const seq = this.nextSequence();
    let bytes: Uint8Array;
    let outgoing: OutgoingPdu | undefined;
    if (what instanceof Uint8Array) bytes = renumbered(what, seq);
    else {
      outgoing = { command: what.command, command_status: what.command_status ?? 0, sequence_number: seq, body: what.body, tlvs: what.tlvs };
      bytes = this.stream.encode(outgoing);
    }
    const now = this.options.clock.now();
    const entry: OutboundRequest<M> = { seq, command, eventId: 0, sentAt: now, meta, callbacks, due: 0, settled: true, lane: undefined };
    if (expects) {
      this.pendingBySeq.set(seq, entry as OutboundRequest<unknown>);
      this.deadlines.add(entry as OutboundRequest<unknown>, timeout, now);
    }
    (entry as { eventId: number }).eventId = this.write(bytes, command, outgoing, undefined, relayOf);
    return entry;
  }

  /** As `request`, but a refusal is reported as a warning and undefined instead of thrown. */
  tryRequest<M>(
    what: Omit<OutgoingPdu, 'sequence_number'> | Uint8Array,
    timeout: number,
    callbacks?: RequestCallbacks,
    meta?: M,
    command = what instanceof Uint8Array ? 'request' : what.command,
    relayOf?: number,
  ): OutboundRequest<M> | undefined {
    try {
      return this.request(what, command, timeout, callbacks, meta, relayOf);
    } catch (err) {
      if (this.isOpen) this.role.warn(err instanceof Error ? err.message : String(err));
      return undefined;
    }
  }

  /**
   * Answers the peer's request with `<command>_resp` (an error response carries no body unless
   * given one); a request that has no response is only marked answered.
   */
  respond(request: InboundRequest, status: number, body: Readonly<Record<string, unknown>> = NO_BODY, tlvs?: OutgoingPdu['tlvs']): void {
    if (request.answered) return;
    const resp = isCommandName(request.command) ? responseOf(request.command) : undefined;
    if (resp === undefined) {
      this.settle(request);
      return;
    }
    this.answerWith({ command: resp, command_status: status, sequence_number: request.seq, body, tlvs }, request);
  }

  /** generic_nack for a PDU that cannot be read (sequence 0 when its number is unknown). */
  nack(status: number, seq: number, request?: InboundRequest): void {
    if (request && !request.answered) this.answerWith({ command: 'generic_nack', command_status: status, sequence_number: seq, body: NO_BODY }, request);
    else this.send({ command: 'generic_nack', command_status: status, sequence_number: seq, body: NO_BODY });
  }

  /** Relays another link's response frame as the answer to `request` (renumbered to it). */
  relayResponse(frame: Uint8Array, request: InboundRequest, command: string, relayOf?: number): number | undefined {
    if (request.answered || !this.isOpen) return undefined;
    this.settle(request);
    return this.write(renumbered(frame, request.seq), command, undefined, request, relayOf);
  }

  /** Writes a response built by the role; its encode failure answers with ESME_RSYSERR instead. */
  answerWith(pdu: OutgoingPdu, request: InboundRequest): number | undefined {
    if (request.answered) return undefined;
    this.settle(request);
    if (!this.isOpen) return undefined;
    let bytes: Uint8Array;
    try {
      bytes = this.stream.encode(pdu);
    } catch (err) {
      this.role.warn(`cannot encode ${pdu.command}: ${err instanceof Error ? err.message : String(err)}; answered with ESME_RSYSERR`);
      bytes = this.stream.encode({ command: pdu.command, command_status: STATUS.ESME_RSYSERR, sequence_number: pdu.sequence_number, body: {} });
      pdu = { ...pdu, command_status: STATUS.ESME_RSYSERR, body: {}, tlvs: undefined };
    }
    return this.write(bytes, pdu.command, pdu, request);
  }

  /** Marks a request of the peer's answered without writing (its answer went another way, or none is due). */
  settle(request: InboundRequest): void {
    if (request.answered) return;
    request.answered = true;
    if (this.inbound.get(request.seq) === request) this.inbound.delete(request.seq);
    this.unansweredCount--;
    if (this.unansweredCount === this.maxUnanswered - 1) this.releaseHeld();
  }

  /** Encodes and writes a PDU that is neither a request nor the answer to one (a stray nack). */
  private send(pdu: OutgoingPdu): void {
    if (!this.isOpen) return;
    try {
      this.write(this.stream.encode(pdu), pdu.command, pdu, undefined);
    } catch (err) {
      this.role.warn(`cannot encode ${pdu.command}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  /** Writes, publishes, and pauses reading when the pipe refuses more. Returns the event id. */
  private write(bytes: Uint8Array, command: string, pdu: OutgoingPdu | undefined, answers: InboundRequest | undefined, relayOf?: number): number {
    const filtered = this.options.writeFilter?.(bytes, pdu);
    const out = filtered?.bytes ?? bytes;
    const accepted = this.transport.write(out);
    this.counters.out++;
    const eventId = this.nextEventId();
    if (this.options.publish && (this.options.publishing?.() ?? true)) {
      const now = this.options.clock.now();
      const e: LinkEvent = {
        id: eventId,
        direction: 'out',
        timestamp: now,
        bytes: out,
        command,
        command_id: readU32(bytes, 4),
        command_status: readU32(bytes, 8),
        sequence_number: readU32(bytes, 12),
      };
      if (this.options.decodeOutgoing) e.pdu = this.stream.decode(bytes).pdu;
      if (answers) e.request = { id: answers.eventId, rtt: now - answers.receivedAt };
      if (filtered) e.fault = filtered.fault;
      if (relayOf !== undefined) e.relayOf = relayOf;
      this.options.publish(e);
    }
    if (filtered?.thenDestroy !== undefined) {
      this.end(filtered.thenDestroy);
      return eventId;
    }
    if (!accepted && !this.writeBlocked) {
      this.writeBlocked = true;
      this.updateReading();
    }
    return eventId;
  }

  private publishIn(eventId: number, frame: Uint8Array, pdu: WirePdu, now: number, request: { id: number; rtt: number } | undefined): void {
    if (!this.options.publish || !(this.options.publishing?.() ?? true)) return;
    const e: LinkEvent = {
      id: eventId,
      direction: 'in',
      timestamp: now,
      bytes: frame,
      command: pdu.command,
      command_id: pdu.command_id,
      command_status: pdu.command_status,
      sequence_number: pdu.sequence_number,
      pdu,
    };
    if (request) e.request = request;
    this.options.publish(e);
  }

  /** Reading goes on only while writes are accepted, the answers owed are under the cap, and nothing is held. */
  private updateReading(): void {
    if (this.closedFlag || this.ending) return;
    if (this.mustHold() || this.heldHead < this.held.length) this.transport.pause();
    else this.transport.resume();
  }

  private nextSequence(): number {
    do {
      this.seq = this.seq >= MAX_SEQ ? 1 : this.seq + 1;
    } while (this.pendingBySeq.has(this.seq));
    return this.seq;
  }

  private release(p: OutboundRequest<unknown>): void {
    this.deadlines.settle(p);
    this.pendingBySeq.delete(p.seq);
  }

  private onRequestTimeout(p: OutboundRequest<unknown>): void {
    if (this.pendingBySeq.get(p.seq) !== p) return;
    this.pendingBySeq.delete(p.seq);
    const seconds = ((this.options.clock.now() - p.sentAt) / 1000).toFixed(1);
    p.callbacks?.onFail?.({ kind: 'timeout', message: `no ${p.command}_resp within ${seconds} s (sequence ${p.seq})` }, p);
  }

  // ---------------------------------------------------------------------------------------------
  // Closing
  // ---------------------------------------------------------------------------------------------

  /** Half-closes after what is written; destroys if the peer has not closed within closeTimeout. */
  end(cause: string): void {
    if (!this.isOpen) return;
    this.beginClose(cause);
    // Reading stops mattering, but a paused socket would never see the peer's FIN.
    this.transport.resume();
    this.transport.end();
    this.timers.set(() => this.transport.destroy(), this.options.closeTimeout);
  }

  /** Closes at once. */
  destroy(cause: string): void {
    if (this.closedFlag) return;
    if (!this.ending) this.beginClose(cause);
    this.transport.destroy();
  }

  private beginClose(cause: string): void {
    this.ending = true;
    this.closeCause ??= cause;
    this.stopPeerTimers();
    this.failPending(this.closeCause);
    this.role.closing?.(this.closeCause);
  }

  /** Nothing more is read once the link is closing: what this side still waits for fails now. */
  private failPending(cause: string): void {
    if (this.pendingBySeq.size === 0) return;
    const pending = [...this.pendingBySeq.values()];
    this.pendingBySeq.clear();
    this.deadlines.clear();
    for (const p of pending) p.settled = true;
    for (const p of pending) p.callbacks?.onFail?.({ kind: 'closed', message: `${p.command} (sequence ${p.seq}) got no response: ${cause}` }, p);
  }

  /** Why the link closed (or is closing), once it is. */
  get cause(): string | undefined {
    return this.closeCause;
  }

  private stopPeerTimers(): void {
    if (this.keepalive) this.timers.clear(this.keepalive.timer);
    this.keepalive = undefined;
    if (this.watch) this.timers.clear(this.watch.timer);
    this.watch = undefined;
  }

  private onTransportClosed(error: Error | undefined): void {
    if (this.closedFlag) return;
    this.closedFlag = true;
    this.ending = true;
    this.stopPeerTimers();
    this.timers.clearAll();
    this.deadlines.clear();
    const byPeer = this.closeCause === undefined;
    const cause = this.closeCause ?? (error ? `the connection to ${this.options.peerName} dropped: ${error.message}` : `${this.options.peerName} closed the connection`);
    this.closeCause = cause;
    this.held = [];
    this.heldHead = 0;
    this.inbound.clear();
    this.unansweredCount = 0;
    this.failPending(cause);
    this.role.closed(cause, error, byPeer);
  }
}

/** Why the link refused to send a request. */
export class LinkError extends Error {
  constructor(
    message: string,
    readonly kind: 'closed' | 'full',
  ) {
    super(message);
    this.name = 'LinkError';
  }
}
