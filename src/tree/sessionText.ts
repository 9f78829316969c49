// How a session reads in the SMPP view's rows: `bound_trx · keepalive 20 s ago · 3 ms`. No
// `vscode` import, so it is tested on its own.
import type { SessionInfo } from '../runners/info';

/**
 * `just now`, `10 s ago` … `80 s ago`, `3 min ago`, `2 h ago`. Seconds go in steps of 10: VS Code
 * rebuilds a tree row's hover whenever the row is refreshed, so a row whose text changed every
 * second would never show its tooltip.
 */
export function ago(at: number, now: number): string {
  const s = Math.max(0, Math.floor((now - at) / 1000));
  if (s < 10) return 'just now';
  if (s < 90) return `${Math.floor(s / 10) * 10} s ago`;
  if (s < 90 * 60) return `${Math.round(s / 60)} min ago`;
  return `${Math.round(s / 3600)} h ago`;
}

/** The description of a connection row: state, then the last keepalive and its round trip. */
export function describeSession(info: SessionInfo, now: number): string {
  const parts: string[] = [info.state];
  if (info.state === 'reconnecting' && info.reconnectAt) parts.push(`next try in ${Math.max(0, Math.ceil((info.reconnectAt - now) / 1000))} s`);
  if (info.lastKeepalive) {
    const k = info.lastKeepalive;
    parts.push(`keepalive ${ago(k.at, now)}`);
    if (k.rtt !== undefined) parts.push(`${k.rtt} ms`);
  }
  if (info.state === 'error' && info.lastError) parts.push(info.lastError);
  return parts.join(' · ');
}

/**
 * Everything a connection row shows of its session (its description, and in its tooltip and
 * details the PDU counters): when this is unchanged, the row need not be refreshed.
 */
export function sessionSignature(info: SessionInfo, now: number): string {
  return `${describeSession(info, now)}|${info.counters.in}/${info.counters.out}|${info.simulatorFaults?.join(',') ?? ''}`;
}
