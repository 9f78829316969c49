// What the views read of a running connection: a session's info (SessionManager.info) and an
// analyser proxy's (ProxyManager.info). Types only, no `vscode`: the row texts
// (src/tree/sessionText.ts, src/tree/proxyText.ts) and their tests import these, never a manager.
import type { Endpoint, ProxyClientInfo } from '../smpp/proxy/types';
import type { KeepaliveEvent, SessionState } from '../smpp/session/esme';

export type DisplayState = SessionState | 'reconnecting' | 'error';

export interface SessionInfo {
  state: DisplayState;
  /** The engine's own state (closed while reconnecting). */
  engineState: SessionState;
  lastKeepalive?: KeepaliveEvent;
  lastError?: string;
  counters: { in: number; out: number };
  reconnectAt?: number;
  /** Where the session connects. */
  endpoint?: string;
  /** Whether the user wants it up (bound and not unbound since). */
  wanted: boolean;
  /** Faults switched on in the connection's built-in simulator, for people (`throttle every submit`); absent when none. */
  simulatorFaults?: string[];
}

export type ProxyState = 'stopped' | 'starting' | 'listening' | 'stopping' | 'error';

export interface ProxyInfo {
  state: ProxyState;
  /** Where it listens (once it does), else where it will. */
  listen: Endpoint;
  /** The SMSC side, for people. */
  upstream?: string;
  clients: ProxyClientInfo[];
  /** Whether binds are sent on with the connection's own system_id and password. */
  rewriteCredentials: boolean;
  lastError?: string;
  /** Faults switched on in the built-in simulator it relays to, for people; absent when none. */
  simulatorFaults?: string[];
}
