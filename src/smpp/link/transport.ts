// The byte pipe under a session: a TCP or TLS socket in the product, anything in tests.
import * as net from 'node:net';
import * as tls from 'node:tls';
import { readU32 } from '../bytes';
import { commandById, expectsResponse } from '../tables/commands';

export interface Transport {
  /**
   * Queues bytes for the peer. Returns false once the queue is above its high-water mark: the
   * caller should stop producing (the link stops reading from the peer) until `onDrain`.
   */
  write(bytes: Uint8Array): boolean;
  /** Half-close after pending writes. */
  end(): void;
  /** Close at once. */
  destroy(): void;
  /** Stop delivering data (the peer's writes then back up in TCP). */
  pause(): void;
  resume(): void;
  onData(listener: (chunk: Uint8Array) => void): void;
  /** Called each time the write queue has emptied after a write returned false. */
  onDrain(listener: () => void): void;
  /** Called once, when the pipe is gone, with the error that ended it, if any. */
  onClose(listener: (error?: Error) => void): void;
  /** Octets written and not yet handed to the operating system. */
  readonly writableLength: number;
  /** Whether data delivery is paused. */
  readonly isPaused: boolean;
  readonly remote: string;
}

/** Opens a transport; rejects with a clear error when the peer cannot be reached. */
export type Connector = () => Promise<Transport>;

/** The longest a request waits for the peer to answer earlier ones before it is written anyway, ms. */
export const MAX_HOLD_MS = 1;
/** Octets held back at the most; more are written at once, together. */
export const MAX_HELD_OCTETS = 16 * 1024;
/** From this many requests unanswered on, requests are written at once, a turn's together (load). */
export const LOAD_OUTSTANDING = 8;

/** A request that has a response (its command_id's top bit clear; not outbind or alert_notification, by the tables). */
function awaitsAnswer(bytes: Uint8Array): boolean {
  if (bytes.length < 16) return false;
  const id = readU32(bytes, 4);
  if ((id & 0x80000000) !== 0) return false;
  const entry = commandById(id);
  return entry === undefined || expectsResponse(entry.name);
}

/**
 * Counts the responses (command_id with its top bit set, generic_nack among them) in the bytes the
 * peer sends, whatever the chunks, reading only each PDU's first 8 octets.
 */
export class ResponseCounter {
  /** Octets of the current PDU still to pass over. */
  private skip = 0;
  private readonly head = new Uint8Array(8);
  private headLength = 0;

  /** The responses whose header ends in `chunk`. */
  count(chunk: Uint8Array): number {
    let responses = 0;
    let i = 0;
    while (i < chunk.length) {
      if (this.skip > 0) {
        const n = Math.min(this.skip, chunk.length - i);
        this.skip -= n;
        i += n;
        continue;
      }
      const n = Math.min(8 - this.headLength, chunk.length - i);
      this.head.set(chunk.subarray(i, i + n), this.headLength);
      this.headLength += n;
      i += n;
      if (this.headLength < 8) break;
      this.headLength = 0;
      if ((this.head[4]! & 0x80) !== 0) responses++;
      // A length under 16 cannot be framed; the link refuses the stream, and this only goes on.
      this.skip = Math.max(0, readU32(this.head, 0) - 8);
    }
    return responses;
  }
}

/**
 * The write policy.
 *
 * Why it is not simply "what a turn writes leaves in one write": many SMSCs (node-smpp's server
 * among them) do not set TCP_NODELAY, so their kernel applies Nagle's algorithm to what they
 * write: a small segment is held back while an earlier small segment of theirs is not yet
 * acknowledged (Linux: until the last small one sent is acknowledged). When a request of ours
 * reaches such a server while its response to an earlier one is still unacknowledged (two
 * requests in one segment, as when a turn's writes left in one write; or two segments
 * microseconds apart, the second sent before the first response came back), the second response
 * waits for our ACK of the first. Our kernel delays that ACK (delayed ACK: in a request-response
 * exchange it waits to ride on our next data, or for its timer, at least 40 ms on Linux), so the
 * second response arrives only with our next request: about one pacing interval late (0.5 to 1 ms
 * at 2000 msg/s), or tens of ms when nothing follows. node-smpp's own client escapes it because
 * its kernel applies Nagle to it too: its next request waits for the acknowledgement of the
 * previous one, which comes with the response, and then acknowledges that response.
 *
 * So, at low load, requests are clocked by the peer's answers, as Nagle's algorithm would clock
 * them, but with a bound: a request is written at once when none is unanswered; while 1 to
 * LOAD_OUTSTANDING - 1 are, it is held until they are all answered (our next segment then
 * acknowledges the last response), or for MAX_HOLD_MS at the most, or until MAX_HELD_OCTETS are
 * held; what was held leaves in one write. Under load (LOAD_OUTSTANDING or more unanswered)
 * requests are written at once, and those of one turn of the event loop leave in one write
 * (corked until the turn ends), as do responses, which are never held: they answer the peer.
 */
export function socketTransport(socket: net.Socket): Transport {
  let closeError: Error | undefined;
  socket.on('error', (err) => {
    closeError = err;
  });
  socket.setNoDelay(true);
  const remote = `${socket.remoteAddress ?? '?'}:${socket.remotePort ?? '?'}`;
  // What is written in one turn of the event loop leaves in one syscall: cork on the first write,
  // uncork once the turn is over.
  let corked = false;
  const uncork = (): void => {
    if (!corked) return;
    corked = false;
    if (!socket.destroyed) socket.uncork();
  };
  const writeNow = (bytes: Uint8Array): boolean => {
    if (!corked) {
      corked = true;
      socket.cork();
      process.nextTick(uncork);
    }
    return socket.write(bytes);
  };
  // Requests written that await an answer, and whether one was written at low load since the
  // peer's last response (the next then waits for a response).
  let unanswered = 0;
  let waiting = false;
  const responses = new ResponseCounter();
  let held: Uint8Array[] = [];
  let heldOctets = 0;
  let holdTimer: ReturnType<typeof setTimeout> | undefined;
  /** Writes what is held: all of it, or (`one`) up to and including the first request awaiting an answer. */
  const release = (one: boolean): boolean => {
    let accepted = true;
    let n = 0;
    while (n < held.length) {
      const bytes = held[n++]!;
      heldOctets -= bytes.length;
      accepted = writeNow(bytes);
      if (awaitsAnswer(bytes)) {
        unanswered++;
        waiting = true;
        if (one) break;
      }
    }
    held = n === held.length ? [] : held.slice(n);
    if (held.length === 0 && holdTimer !== undefined) {
      clearTimeout(holdTimer);
      holdTimer = undefined;
    }
    return accepted;
  };
  const onHoldExpired = (): void => {
    holdTimer = undefined;
    if (!socket.destroyed) release(false);
  };
  socket.on('data', (chunk: Buffer) => {
    const answers = responses.count(chunk);
    if (answers === 0) return;
    unanswered = Math.max(0, unanswered - answers);
    waiting = false;
    if (held.length > 0) release(unanswered + held.length < LOAD_OUTSTANDING);
  });
  let paused = false;
  return {
    remote,
    write: (bytes) => {
      if (socket.destroyed) return true;
      if (!awaitsAnswer(bytes)) {
        // A response, never held unless requests wait ahead of it (the order is kept).
        if (held.length === 0) return writeNow(bytes);
      } else if (unanswered + held.length >= LOAD_OUTSTANDING) {
        // Load: at once, with what is held ahead of it.
        held.push(bytes);
        heldOctets += bytes.length;
        return release(false);
      } else if (!waiting && held.length === 0) {
        unanswered++;
        waiting = true;
        return writeNow(bytes);
      }
      held.push(bytes);
      heldOctets += bytes.length;
      if (heldOctets >= MAX_HELD_OCTETS) return release(false);
      holdTimer ??= setTimeout(onHoldExpired, MAX_HOLD_MS);
      return true;
    },
    end: () => {
      release(false);
      uncork();
      socket.end();
    },
    destroy: () => {
      if (holdTimer !== undefined) clearTimeout(holdTimer);
      held = [];
      heldOctets = 0;
      socket.destroy();
    },
    pause: () => {
      if (paused) return;
      paused = true;
      socket.pause();
    },
    resume: () => {
      if (!paused) return;
      paused = false;
      socket.resume();
    },
    onData: (listener) => socket.on('data', listener),
    onDrain: (listener) => socket.on('drain', listener),
    onClose: (listener) =>
      socket.once('close', () => {
        if (holdTimer !== undefined) clearTimeout(holdTimer);
        listener(closeError);
      }),
    get writableLength() {
      return socket.writableLength + heldOctets;
    },
    get isPaused() {
      return paused;
    },
  };
}

export interface TcpEndpoint {
  host: string;
  port: number;
  /** TLS options; certificates are verified unless rejectUnauthorized is false. */
  tls?: tls.ConnectionOptions | false;
  /** Give up connecting after this long, ms. */
  connectTimeout?: number;
}

export function tcpConnector(endpoint: TcpEndpoint): Connector {
  return () =>
    new Promise<Transport>((resolve, reject) => {
      const where = `${endpoint.host}:${endpoint.port}`;
      const socket = endpoint.tls
        ? tls.connect({ ...endpoint.tls, host: endpoint.host, port: endpoint.port, servername: endpoint.tls.servername ?? (net.isIP(endpoint.host) ? undefined : endpoint.host) })
        : net.connect({ host: endpoint.host, port: endpoint.port });
      const readyEvent = endpoint.tls ? 'secureConnect' : 'connect';
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new Error(`could not connect to ${where}: no answer in ${endpoint.connectTimeout ?? 10_000} ms`));
      }, endpoint.connectTimeout ?? 10_000);
      const fail = (err: Error & { code?: string }) => {
        clearTimeout(timer);
        socket.destroy();
        reject(new Error(`could not connect to ${where}: ${describeSocketError(err)}`, { cause: err }));
      };
      socket.once('error', fail);
      socket.once(readyEvent, () => {
        clearTimeout(timer);
        socket.off('error', fail);
        resolve(socketTransport(socket));
      });
    });
}

export function describeSocketError(err: Error & { code?: string }): string {
  switch (err.code) {
    case 'ECONNREFUSED':
      return 'connection refused (nothing listens on that port)';
    case 'ENOTFOUND':
      return 'the host name does not resolve';
    case 'ETIMEDOUT':
      return 'the connection timed out';
    case 'ECONNRESET':
      return 'the peer reset the connection';
    case 'EHOSTUNREACH':
      return 'the host is unreachable';
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
      return `the SMSC's certificate is self-signed and not trusted (${err.code}); add its CA with "tls": { "ca": "..." }`;
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
      return `the SMSC's certificate does not verify (${err.code}); add its CA with "tls": { "ca": "..." }`;
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return `the SMSC's certificate is for another host name (${err.message})`;
    case 'CERT_HAS_EXPIRED':
      return "the SMSC's certificate has expired";
    default:
      return err.message;
  }
}
