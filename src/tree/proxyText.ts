// How an analyser proxy reads in the SMPP view and the log: the proxy row
// (`listening 127.0.0.1:2776 · 2 clients`), one row per connected application
// (`bound_trx · keepalive 10 s ago · 3 ms · SMSC bound_trx`), and one log line per PDU. No
// `vscode` import, so it is tested on its own.
import type { ProxyInfo } from '../runners/info';
import { ago } from './sessionText';
import type { Endpoint, ProxyClientInfo, ProxyPduEvent } from '../smpp/proxy/types';
import { statusName } from '../smpp/tables/values';

export function formatEndpoint(e: Endpoint): string {
  return e.host.includes(':') ? `[${e.host}]:${e.port}` : `${e.host}:${e.port}`;
}

/** The description of a proxy connection's row. */
export function describeProxy(info: ProxyInfo): string {
  const where = formatEndpoint(info.listen);
  switch (info.state) {
    case 'listening': {
      const n = info.clients.length;
      return `listening on ${where} · ${n === 0 ? 'no clients' : n === 1 ? '1 client' : `${n} clients`}`;
    }
    case 'starting':
      return `starting on ${where}`;
    case 'stopping':
      return 'stopping: unbinding its clients';
    case 'error':
      return `stopped · ${info.lastError ?? 'failed'}`;
    case 'stopped':
      return `stopped · listens on ${where}`;
  }
}

/** The label of a client's row: the application's address. */
export function proxyClientLabel(c: ProxyClientInfo): string {
  return `App ${c.remote}`;
}

/** The description of a client's row: the application's state, its last keepalive, and the SMSC leg. */
export function describeProxyClient(c: ProxyClientInfo, now: number): string {
  const parts: string[] = [c.state];
  if (c.lastKeepalive) parts.push(`keepalive ${ago(c.lastKeepalive.at, now)}`, `${c.lastKeepalive.rtt} ms`);
  parts.push(`SMSC ${c.upstream === 'up' ? c.upstreamState : c.upstream === 'idle' ? 'not connected yet' : c.upstream}`);
  return parts.join(' · ');
}

/** What a client's tooltip and its detail list say, one line each; never a password. */
export function proxyClientDetails(c: ProxyClientInfo, now: number): string[] {
  const lines = [
    `Application: ${c.remote}, connected ${ago(c.connectedAt, now)} (client ${c.id})`,
    `Bind: ${c.bindType ? `${c.bindType}${c.system_id !== undefined ? ` as "${c.system_id}"` : ''}` : 'not bound yet'}; application side ${c.state}`,
    `SMSC side: ${c.upstream}${c.upstream === 'up' ? `, ${c.upstreamState}` : ''}`,
  ];
  const k = c.lastKeepalive;
  lines.push(k ? `Last keepalive: ${new Date(k.at).toLocaleTimeString()} (${ago(k.at, now)}), sent by the ${k.side === 'app' ? 'application' : 'SMSC'}, round trip ${k.rtt} ms` : 'Last keepalive: none yet');
  lines.push(`PDUs: application ${c.counters.app.in} in, ${c.counters.app.out} out; SMSC ${c.counters.smsc.in} in, ${c.counters.smsc.out} out; ${c.outstanding} awaiting a response`);
  return lines;
}

/** Everything a proxy row and its client rows show: when unchanged, the rows need no refresh. */
export function proxySignature(info: ProxyInfo, now: number): string {
  return [describeProxy(info), info.simulatorFaults?.join(',') ?? '', ...info.clients.map((c) => `${c.id}:${describeProxyClient(c, now)}:${c.counters.app.in}/${c.counters.app.out}/${c.counters.smsc.in}/${c.counters.smsc.out}`)].join('|');
}

const PEER = { app: 'app', proxy: 'proxy', smsc: 'SMSC' } as const;

/** `Proxy [client 1] app → proxy submit_sm seq=2`, `… SMSC → proxy submit_sm_resp seq=7 ESME_ROK 3 ms`. */
export function describeProxyPdu(name: string, e: ProxyPduEvent): string {
  const status = e.command_id & 0x80000000 ? ` ${statusName(e.command_status)}` : '';
  const rtt = e.request ? ` ${e.request.rtt} ms` : '';
  return `${name} [client ${e.client}] ${PEER[e.from]} → ${PEER[e.to]} ${e.command} seq=${e.sequence_number}${status}${rtt}`;
}
