// Captured frames pasted as bytes: finds the TCP payload behind Ethernet II (with up to two
// 802.1Q / 802.1ad tags), Linux cooked (SLL, SLL2), BSD loopback or raw IPv4/IPv6 headers, so a
// frame copied from Wireshark decodes as the SMPP it carries. The reverse of what pcap.ts writes.
// Reads a few header octets: constant work per frame. Browser-safe: no Buffer, no node: imports.

import { readU32 } from './bytes';

/** TCP ports SMPP is commonly served on: a payload there is taken even if it does not start a PDU. */
const SMPP_PORTS: readonly number[] = [2775, 3550, 8775];

const ETHERTYPE_IPV4 = 0x0800;
const ETHERTYPE_IPV6 = 0x86dd;
const ETHERTYPE_VLAN = [0x8100, 0x88a8];
const IP_PROTO_TCP = 6;

export interface FramePayload {
  /** The TCP payload is frame[start, end). */
  start: number;
  end: number;
  /** The headers removed, e.g. "Ethernet/IPv4/TCP". */
  description: string;
}

/** True when the bytes could start an SMPP PDU: a sane command_length and a command_id SMPP defines bits of. */
function looksLikeSmppStart(b: Uint8Array): boolean {
  if (b.length < 8) return b.length > 0 && b[0] === 0;
  const len = readU32(b, 0);
  const id = readU32(b, 4);
  return len >= 16 && len < 0x1000000 && (id & 0x7ffe0000) === 0;
}

/**
 * Where the TCP payload of a captured frame lies, or undefined when the bytes are not a frame
 * (too short, or they already start like an SMPP PDU).
 */
export function tcpPayload(frame: Uint8Array): FramePayload | undefined {
  const b = frame;
  if (b.length < 40 || looksLikeSmppStart(b)) return undefined;
  const u16 = (o: number): number => (b[o]! << 8) | b[o + 1]!;
  const candidates: { l3: number; link: string; proto?: number }[] = [];
  // Ethernet II, with up to two VLAN tags.
  let et = 12;
  let tags = 0;
  while (b.length > et + 2 && ETHERTYPE_VLAN.includes(u16(et)) && tags < 2) {
    et += 4;
    tags++;
  }
  candidates.push({ l3: et + 2, link: tags ? 'Ethernet/802.1Q' : 'Ethernet', proto: u16(et) });
  candidates.push({ l3: 16, link: 'Linux cooked', proto: u16(14) });
  candidates.push({ l3: 20, link: 'Linux cooked v2', proto: u16(0) });
  const af = b[0]! | (b[1]! << 8) | (b[2]! << 16) | (b[3]! << 24);
  if (af === 2 || af === 24 || af === 28 || af === 30) candidates.push({ l3: 4, link: 'loopback', proto: af === 2 ? ETHERTYPE_IPV4 : ETHERTYPE_IPV6 });
  candidates.push({ l3: 0, link: '' });
  for (const c of candidates) {
    if (c.proto !== undefined && c.proto !== ETHERTYPE_IPV4 && c.proto !== ETHERTYPE_IPV6) continue;
    const r = ipTcpPayload(b, c.l3);
    if (r) return { start: r.start, end: r.end, description: [c.link, r.ip, 'TCP'].filter(Boolean).join('/') };
  }
  return undefined;
}

function ipTcpPayload(b: Uint8Array, l3: number): { start: number; end: number; ip: string } | undefined {
  if (l3 + 20 > b.length) return undefined;
  const u16 = (o: number): number => (b[o]! << 8) | b[o + 1]!;
  let tcp: number;
  let end: number;
  let ip: string;
  const version = b[l3]! >> 4;
  if (version === 4) {
    const ihl = (b[l3]! & 0x0f) * 4;
    const total = u16(l3 + 2);
    if (ihl < 20 || b[l3 + 9] !== IP_PROTO_TCP || total < ihl + 20) return undefined;
    if ((u16(l3 + 6) & 0x1fff) !== 0) return undefined; // a later fragment
    tcp = l3 + ihl;
    end = Math.min(b.length, l3 + total);
    ip = 'IPv4';
  } else if (version === 6) {
    if (l3 + 40 > b.length || b[l3 + 6] !== IP_PROTO_TCP) return undefined;
    tcp = l3 + 40;
    end = Math.min(b.length, tcp + u16(l3 + 4));
    ip = 'IPv6';
  } else return undefined;
  if (tcp + 20 > end) return undefined;
  const doff = (b[tcp + 12]! >> 4) * 4;
  if (doff < 20 || tcp + doff > end) return undefined;
  const start = tcp + doff;
  // Accept an empty payload, a PDU start, or a continuation on an SMPP port.
  const smppPort = SMPP_PORTS.includes(u16(tcp)) || SMPP_PORTS.includes(u16(tcp + 2));
  if (start < end && !looksLikeSmppStart(b.subarray(start, Math.min(end, start + 8))) && !smppPort) return undefined;
  return { start, end, ip };
}
