// Public surface of the analyser proxy.
export { SmppProxy, type ProxyOptions } from './proxy';
export { attachProxyCapture } from './capture';
export {
  LEG_OF,
  isLoopbackHost,
  parseEndpoint,
  type Endpoint,
  type LegState,
  type ProxyClientClosed,
  type ProxyClientInfo,
  type ProxyEvents,
  type ProxyKeepalive,
  type ProxyLeg,
  type ProxyPduEvent,
  type ProxySide,
  type ProxyWarning,
  type UpstreamState,
} from './types';
