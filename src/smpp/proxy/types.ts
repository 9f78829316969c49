// What the analyser proxy tells its host: every PDU on both legs (for the capture), the state of
// each connected application, and warnings. Plain data, so the host can map it to tree rows and
// capture records without reaching into sockets.
import type { PduEvent } from '../session/esme';

/** Which peer a leg talks to. */
export type ProxySide = 'app' | 'smsc';

/** The two legs of a proxied session, as the capture names them. */
export type ProxyLeg = 'app↔proxy' | 'proxy↔smsc';

export const LEG_OF: Readonly<Record<ProxySide, ProxyLeg>> = { app: 'app↔proxy', smsc: 'proxy↔smsc' };

export interface Endpoint {
  host: string;
  port: number;
}

/** A leg's session state, as the proxy follows it from the PDUs that cross it. */
export type LegState = 'open' | 'bound_tx' | 'bound_rx' | 'bound_trx' | 'unbound' | 'closed';

/** The upstream connection of one client: not asked for yet, being made, up, or gone. */
export type UpstreamState = 'idle' | 'connecting' | 'up' | 'down';

/**
 * One PDU on one leg. `direction` follows the capture's and pcap's convention: 'out' goes from
 * the side that opened the TCP connection of that leg (the application on app↔proxy, the proxy
 * on proxy↔smsc), so on both legs 'out' is the ESME-to-SMSC direction. `id` is unique within
 * the proxy, and a response's `request.id` names its request's event on the same leg, so one
 * CaptureStore connection can hold every client's traffic and still pair it.
 */
export interface ProxyPduEvent extends PduEvent {
  /** The client (application connection) this PDU belongs to. */
  client: number;
  leg: ProxyLeg;
  from: 'app' | 'proxy' | 'smsc';
  to: 'app' | 'proxy' | 'smsc';
  /**
   * 'received': read from the leg's peer. 'relayed': the proxy's copy of a PDU received on the
   * other leg (`relayOf` names that event). 'proxy': the proxy's own (generic_nack, its unbind,
   * an answer it gave because the other side was gone).
   */
  source: 'received' | 'relayed' | 'proxy';
  relayOf?: number;
  /** The side that opened the connection (the application, or the proxy toward the SMSC). */
  local?: Endpoint;
  /** The side that accepted it (the proxy, or the SMSC). */
  remote?: Endpoint;
}

export interface ProxyKeepalive {
  at: number;
  /** Who sent the enquire_link. */
  side: ProxySide;
  /** The responder's round trip as the proxy measured it, ms. */
  rtt: number;
}

/** A connected application as the host shows it (a child row under the proxy connection). */
export interface ProxyClientInfo {
  id: number;
  /** The application's address. */
  remote: string;
  connectedAt: number;
  /** The application's session state (what the application believes). */
  state: LegState;
  /** The SMSC leg's session state; 'closed' before it is made and after it is gone. */
  upstreamState: LegState;
  upstream: UpstreamState;
  /** The bind the application asked for, and the system_id it gave. */
  bindType?: 'transmitter' | 'receiver' | 'transceiver';
  system_id?: string;
  lastKeepalive?: ProxyKeepalive;
  /** Requests relayed (or sent by the proxy) and not yet answered, on both legs. */
  outstanding: number;
  /** PDUs read from and written to each peer. */
  counters: { app: { in: number; out: number }; smsc: { in: number; out: number } };
}

export interface ProxyClientClosed {
  info: ProxyClientInfo;
  cause: string;
}

export interface ProxyWarning {
  client?: number;
  message: string;
}

export interface ProxyEvents {
  listening: [Endpoint];
  /** An application connected. */
  client: [ProxyClientInfo];
  /** A client's state, keepalive or upstream changed. */
  change: [ProxyClientInfo];
  /** Both of a client's connections are closed; nothing of it is left. */
  clientClosed: [ProxyClientClosed];
  pdu: [ProxyPduEvent];
  warning: [ProxyWarning];
  /** close() finished: no server, no client, no timer. */
  close: [];
}

/** "127.0.0.1:2775" or "[::1]:2775" / "::1:2775" → host and port; undefined when unreadable. */
export function parseEndpoint(address: string | undefined): Endpoint | undefined {
  if (address === undefined) return undefined;
  const at = address.lastIndexOf(':');
  if (at <= 0) return undefined;
  const port = Number(address.slice(at + 1));
  if (!Number.isInteger(port) || port < 1 || port > 0xffff) return undefined;
  return { host: address.slice(0, at).replace(/^\[|\]$/g, ''), port };
}

/**
 * Whether a listening address is reachable from this machine only: `localhost`, 127.0.0.0/8,
 * `::1` (also written in full or IPv4-mapped). Everything else, `0.0.0.0` and `::` included,
 * listens where other machines can reach it.
 */
export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[|\]$/g, '');
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  if (h === '::1' || /^(0{1,4}:){7}0{0,3}1$/.test(h)) return true;
  const v4 = h.startsWith('::ffff:') ? h.slice(7) : h;
  const m = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(v4);
  return m !== null && m.slice(1).every((x) => Number(x) <= 255);
}
