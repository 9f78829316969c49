// Feeds a proxy's PDUs into the capture under one connection name, each marked with its leg, the
// application it belongs to (on both legs, so several applications can be told apart) and its
// endpoints, so the capture tab, the sequence diagram and the pcap export read it as they
// read a session's (pcap keeps one TCP stream per leg and per application connection).
import type { CaptureRecord, CaptureStore } from '../capture';
import type { SmppProxy } from './proxy';
import { LEG_OF, type Endpoint, type ProxyClientClosed, type ProxyPduEvent } from './types';

/** Adds every PDU the proxy relays or sends to `store` as `connection`; returns the detach function. */
export function attachProxyCapture(proxy: SmppProxy, store: CaptureStore, connection: string): () => void {
  // The application's address, by client: its connection's local side on the app leg.
  const applications = new Map<number, Endpoint>();
  const listener = (e: ProxyPduEvent): void => {
    if (e.leg === LEG_OF.app && e.local && !applications.has(e.client)) applications.set(e.client, e.local);
    const extra: Pick<CaptureRecord, 'leg' | 'application' | 'local' | 'remote'> = { leg: e.leg };
    const application = applications.get(e.client);
    if (application) extra.application = application;
    if (e.local) extra.local = e.local;
    if (e.remote) extra.remote = e.remote;
    store.add(connection, e, extra);
  };
  const forget = (c: ProxyClientClosed): void => void applications.delete(c.info.id);
  proxy.on('pdu', listener);
  proxy.on('clientClosed', forget);
  return () => {
    proxy.off('pdu', listener);
    proxy.off('clientClosed', forget);
  };
}
