// Feeds a proxy's PDUs into the capture under one connection name, each marked with its leg and
// its endpoints, so the capture tab, the sequence diagram and the pcap export read it as they
// read a session's (pcap keeps one TCP stream per leg and per application connection).
import type { CaptureStore } from '../capture';
import type { SmppProxy } from './proxy';
import type { ProxyPduEvent } from './types';

/** Adds every PDU the proxy relays or sends to `store` as `connection`; returns the detach function. */
export function attachProxyCapture(proxy: SmppProxy, store: CaptureStore, connection: string): () => void {
  const listener = (e: ProxyPduEvent): void => {
    const extra: { leg: string; local?: ProxyPduEvent['local']; remote?: ProxyPduEvent['remote'] } = { leg: e.leg };
    if (e.local) extra.local = e.local;
    if (e.remote) extra.remote = e.remote;
    store.add(connection, e, extra);
  };
  proxy.on('pdu', listener);
  return () => proxy.off('pdu', listener);
}
