// The SMPP analyser proxy: the user's own application binds to it, and it binds onward to the
// SMSC, one upstream connection per application connection, relaying PDU by PDU both ways and
// publishing every PDU of both legs for the capture. It listens on loopback unless told
// otherwise. Clock and upstream connector are injected; it never imports `vscode`.
//
//   const proxy = new SmppProxy({ port: 2776, upstream: tcpConnector({ host, port }) });
//   proxy.on('pdu', (e) => capture.add(name, e, { leg: e.leg, local: e.local, remote: e.remote }));
//   await proxy.listen();
//   ...
//   await proxy.close();
import { EventEmitter } from 'node:events';
import * as net from 'node:net';
import { systemClock, type Clock } from '../link/clock';
import { describeSocketError, type Connector } from '../link/transport';
import { ProxyClient, type ClientHost } from './client';
import type { Endpoint, ProxyClientInfo, ProxyEvents, ProxyPduEvent } from './types';

export interface ProxyOptions {
  /** The port applications connect to; 0 takes a free one. */
  port: number;
  /** The address to listen on. Default 127.0.0.1: only this machine can connect. */
  host?: string;
  /** Opens the connection to the SMSC (TCP/TLS, or the built-in simulator), once per application connection. */
  upstream: Connector;
  /**
   * When given, the system_id and password of every bind the application sends are replaced by
   * these before the bind goes on, so the application never holds the real password.
   */
  credentials?: { system_id: string; password: string };
  /** How long the proxy waits for the answer to its own unbind, and for a peer to close, ms. Default 10 000. */
  responseTimeout?: number;
  /** How long a relayed request waits for its response before the proxy forgets it, ms. Default 120 000. */
  relayTimeout?: number;
  /** Largest command_length accepted from either side. */
  maxPduLength?: number;
  /**
   * Requests one application may hold unanswered through the proxy (and the SMSC toward it);
   * past it the proxy stops reading from that side until answers go back. Default 1000.
   */
  maxOutstanding?: number;
  /** Close an application that has not bound within this many ms (SMPP 5.0 session_init_timer); 0 = never. Default 60 000. */
  sessionInitTimeout?: number;
  /** Close an application that has sent nothing for this many ms (SMPP 5.0 inactivity_timer); 0 = never. Default 300 000. */
  inactivityTimeout?: number;
  clock?: Clock;
}

export class SmppProxy extends EventEmitter<ProxyEvents> {
  private readonly clock: Clock;
  private readonly host: ClientHost;
  private server: net.Server | undefined;
  private readonly clientsById = new Map<number, ProxyClient>();
  private readonly sockets = new Set<net.Socket>();
  private nextClientId = 1;
  private eventIds = 0;
  private closing: Promise<void> | undefined;
  private listenAddress: Endpoint | undefined;

  constructor(readonly options: ProxyOptions) {
    super();
    this.clock = options.clock ?? systemClock();
    this.host = {
      clock: this.clock,
      connector: options.upstream,
      credentials: options.credentials,
      responseTimeout: options.responseTimeout ?? 10_000,
      relayTimeout: options.relayTimeout ?? 120_000,
      maxPduLength: options.maxPduLength,
      maxOutstanding: Math.max(1, options.maxOutstanding ?? 1000),
      sessionInitTimeout: options.sessionInitTimeout ?? 60_000,
      inactivityTimeout: options.inactivityTimeout ?? 300_000,
      nextEventId: () => ++this.eventIds,
      publishing: () => this.listenerCount('pdu') > 0,
      publish: (e: ProxyPduEvent) => {
        this.emit('pdu', e);
      },
      warn: (client: number, message: string) => this.emit('warning', { client, message }),
      changed: (client: ProxyClient) => this.emit('change', client.info),
      closed: (client: ProxyClient, cause: string) => {
        this.clientsById.delete(client.id);
        this.emit('clientClosed', { info: client.info, cause });
      },
    };
  }

  /** Starts listening; resolves with the address, or rejects with a plain cause (port in use, …). */
  listen(): Promise<Endpoint> {
    if (this.server) return Promise.reject(new Error('the proxy is already listening'));
    if (this.closing) return Promise.reject(new Error('the proxy is closed'));
    const host = this.options.host ?? '127.0.0.1';
    const port = this.options.port;
    if (!Number.isInteger(port) || port < 0 || port > 0xffff) return Promise.reject(new RangeError(`the proxy's port must be 1..65535 (0 for a free one), not ${port}`));
    const server = net.createServer((socket) => this.accept(socket));
    this.server = server;
    return new Promise<Endpoint>((resolve, reject) => {
      const fail = (err: Error & { code?: string }): void => {
        this.server = undefined;
        const why = err.code === 'EADDRINUSE' ? 'the port is already in use' : err.code === 'EACCES' ? 'permission denied (ports below 1024 need privileges)' : describeSocketError(err);
        reject(new Error(`the proxy cannot listen on ${host}:${port}: ${why}`, { cause: err }));
      };
      server.once('error', fail);
      server.listen(port, host, () => {
        server.off('error', fail);
        server.on('error', (err) => this.emit('warning', { message: `proxy server: ${err.message}` }));
        const a = server.address() as net.AddressInfo;
        this.listenAddress = { host: a.address, port: a.port };
        this.emit('listening', this.listenAddress);
        resolve(this.listenAddress);
      });
    });
  }

  /** Where the proxy listens, once it does. */
  get address(): Endpoint | undefined {
    return this.listenAddress;
  }

  get clientCount(): number {
    return this.clientsById.size;
  }

  /** A snapshot of every connected application. */
  get clients(): ProxyClientInfo[] {
    return [...this.clientsById.values()].map((c) => c.info);
  }

  client(id: number): ProxyClientInfo | undefined {
    return this.clientsById.get(id)?.info;
  }

  /** Backpressure on a client's two legs. */
  clientFlow(id: number): ProxyClient['flow'] | undefined {
    return this.clientsById.get(id)?.flow;
  }

  /** Requests not yet answered across every client (relayed, or the proxy's own). */
  get outstanding(): number {
    let n = 0;
    for (const c of this.clientsById.values()) n += c.outstanding;
    return n;
  }

  /** Ends one application's session cleanly (both sides unbound), e.g. from a tree row. */
  disconnect(id: number, cause = 'disconnected by the user'): Promise<void> {
    const c = this.clientsById.get(id);
    if (!c) return Promise.resolve();
    const closed = c.whenClosed();
    c.shutdown(cause);
    return closed;
  }

  /**
   * Stops listening and ends every client: a bound application and a bound SMSC each get the
   * proxy's unbind; connections close once it is answered, or after responseTimeout.
   * Resolves when no server, socket or timer of the proxy is left.
   */
  close(): Promise<void> {
    this.closing ??= this.doClose();
    return this.closing;
  }

  private async doClose(): Promise<void> {
    const server = this.server;
    const serverClosed = server ? new Promise<void>((resolve) => server.close(() => resolve())) : Promise.resolve();
    const clients = [...this.clientsById.values()];
    const closed = clients.map((c) => c.whenClosed());
    for (const c of clients) c.shutdown('the proxy is closing');
    await Promise.all(closed);
    for (const s of this.sockets) s.destroy();
    await serverClosed;
    this.server = undefined;
    this.emit('close');
  }

  private accept(socket: net.Socket): void {
    if (this.closing) {
      socket.destroy();
      return;
    }
    this.sockets.add(socket);
    socket.once('close', () => this.sockets.delete(socket));
    const client = new ProxyClient(this.host, this.nextClientId++, socket);
    this.clientsById.set(client.id, client);
    this.emit('client', client.info);
  }
}
