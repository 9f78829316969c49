// Feeds a proxy's PDUs into the capture under one connection name, each marked with its leg, the
// application it belongs to (on both legs, so several applications can be told apart) and its
// endpoints, so the capture tab, the sequence diagram and the pcap export read it as they
// read a session's (pcap keeps one TCP stream per leg and per application connection).
//
// The PDUs of one turn of the event loop are recorded at the end of that turn (or once 256 wait),
// after the proxy has relayed them: the capture costs the relay no latency. A record still copies its bytes
// (the link's event bytes are views of the socket's chunks, which nothing writes to).
import type { CaptureRecord, CaptureStore } from '../capture';
import type { SmppProxy } from './proxy';
import { LEG_OF, type Endpoint, type ProxyClientClosed, type ProxyPduEvent } from './types';

/** PDUs held for the end of the turn, at most; a window's worth, not a flood's. */
const MAX_HELD = 256;

/** Adds every PDU the proxy relays or sends to `store` as `connection`; returns the detach function. */
export function attachProxyCapture(proxy: SmppProxy, store: CaptureStore, connection: string): () => void {
  // The application's address, by client: its connection's local side on the app leg.
  const applications = new Map<number, Endpoint>();
  let queue: ProxyPduEvent[] = [];
  let detached = false;
  const flush = (): void => {
    const q = queue;
    queue = [];
    if (!detached) for (const e of q) add(e);
  };
  const listener = (e: ProxyPduEvent): void => {
    if (queue.length === 0) setImmediate(flush);
    queue.push(e);
    // A flood's turn reads thousands of PDUs: those are recorded as they come, not all held.
    if (queue.length >= MAX_HELD) flush();
  };
  // One object for the extra fields of every record: add() copies them out at once.
  const extra: Pick<CaptureRecord, 'leg' | 'application' | 'local' | 'remote'> = {};
  const add = (e: ProxyPduEvent): void => {
    if (e.leg === LEG_OF.app && e.local && !applications.has(e.client)) applications.set(e.client, e.local);
    extra.leg = e.leg;
    extra.application = applications.get(e.client);
    extra.local = e.local;
    extra.remote = e.remote;
    store.add(connection, e, extra);
  };
  const forget = (c: ProxyClientClosed): void => {
    flush(); // the client's last PDUs still name it
    applications.delete(c.info.id);
  };
  proxy.on('pdu', listener);
  proxy.on('clientClosed', forget);
  return () => {
    flush();
    detached = true;
    proxy.off('pdu', listener);
    proxy.off('clientClosed', forget);
  };
}
