// The byte pipe under a session: a TCP or TLS socket in the product, anything in tests.
import * as net from 'node:net';
import * as tls from 'node:tls';

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

export function socketTransport(socket: net.Socket): Transport {
  let closeError: Error | undefined;
  socket.on('error', (err) => {
    closeError = err;
  });
  socket.setNoDelay(true);
  const remote = `${socket.remoteAddress ?? '?'}:${socket.remotePort ?? '?'}`;
  // PDUs written in one turn of the event loop leave in one syscall: cork on the first write,
  // uncork once the turn is over.
  let corked = false;
  const uncork = (): void => {
    if (!corked) return;
    corked = false;
    if (!socket.destroyed) socket.uncork();
  };
  let paused = false;
  return {
    remote,
    write: (bytes) => {
      if (socket.destroyed) return true;
      if (!corked) {
        corked = true;
        socket.cork();
        process.nextTick(uncork);
      }
      return socket.write(bytes);
    },
    end: () => {
      uncork();
      socket.end();
    },
    destroy: () => socket.destroy(),
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
    onClose: (listener) => socket.once('close', () => listener(closeError)),
    get writableLength() {
      return socket.writableLength;
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
