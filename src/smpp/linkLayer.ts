// Captured frames pasted as bytes: finds the TCP payload behind Ethernet II (with up to two
// 802.1Q / 802.1ad tags), Linux cooked (SLL, SLL2), BSD loopback or raw IPv4/IPv6 headers, so a
// frame copied from Wireshark decodes as the SMPP it carries. The reverse of what pcap.ts writes.
// For a capture file, whose header names the link type, it reads the IP and TCP headers in full
// (addresses, ports, sequence numbers, flags; IPv4 options and IPv6 extension headers skipped).
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
  const s = ipTcpSegment(b, l3);
  if (s === undefined || s.kind !== 'tcp') return undefined;
  // Accept an empty payload, a PDU start, or a continuation on an SMPP port.
  const smppPort = SMPP_PORTS.includes(s.srcPort) || SMPP_PORTS.includes(s.dstPort);
  if (s.start < s.end && !looksLikeSmppStart(b.subarray(s.start, Math.min(s.end, s.start + 8))) && !smppPort) return undefined;
  return { start: s.start, end: s.end, ip: s.ip };
}

// ---------------------------------------------------------------------------------------------
// Frames of a capture file, whose link type the file names: the IP and TCP headers in full.
// ---------------------------------------------------------------------------------------------

/** The link-layer header types (LINKTYPE_*) a capture file may name that carry IP. */
export const LINKTYPE = {
  NULL: 0,
  ETHERNET: 1,
  RAW_DLT12: 12,
  RAW_DLT14: 14,
  RAW: 101,
  LOOP: 108,
  LINUX_SLL: 113,
  IPV4: 228,
  IPV6: 229,
  LINUX_SLL2: 276,
} as const;

/** What a link type is called, for messages. */
export function linkTypeName(linkType: number): string {
  switch (linkType) {
    case LINKTYPE.NULL:
      return 'BSD loopback';
    case LINKTYPE.ETHERNET:
      return 'Ethernet';
    case LINKTYPE.RAW_DLT12:
    case LINKTYPE.RAW_DLT14:
    case LINKTYPE.RAW:
    case LINKTYPE.IPV4:
    case LINKTYPE.IPV6:
      return 'raw IP';
    case LINKTYPE.LOOP:
      return 'OpenBSD loopback';
    case LINKTYPE.LINUX_SLL:
      return 'Linux cooked (SLL)';
    case LINKTYPE.LINUX_SLL2:
      return 'Linux cooked v2 (SLL2)';
    default:
      return `link type ${linkType}`;
  }
}

/** True when frames of this link type can be read. */
export function isSupportedLinkType(linkType: number): boolean {
  return Object.values(LINKTYPE).includes(linkType as (typeof LINKTYPE)[keyof typeof LINKTYPE]);
}

/**
 * Where the IP header of a frame of `linkType` starts, or undefined when the frame carries no IP
 * (ARP, a link type not read, a frame too short). Ethernet frames may carry 802.1Q / 802.1ad tags.
 */
export function networkOffset(linkType: number, b: Uint8Array): number | undefined {
  const u16 = (o: number): number => (b[o]! << 8) | b[o + 1]!;
  const ip = (proto: number, at: number): number | undefined => (proto === ETHERTYPE_IPV4 || proto === ETHERTYPE_IPV6) && at < b.length ? at : undefined;
  switch (linkType) {
    case LINKTYPE.ETHERNET: {
      let et = 12;
      for (let tags = 0; b.length >= et + 2 && [...ETHERTYPE_VLAN, 0x9100].includes(u16(et)) && tags < 4; tags++) et += 4;
      return b.length < et + 2 ? undefined : ip(u16(et), et + 2);
    }
    case LINKTYPE.LINUX_SLL:
      return b.length < 16 ? undefined : ip(u16(14), 16);
    case LINKTYPE.LINUX_SLL2:
      return b.length < 20 ? undefined : ip(u16(0), 20);
    case LINKTYPE.NULL:
    case LINKTYPE.LOOP: {
      if (b.length < 4) return undefined;
      // The address family, in the byte order of the machine that captured (NULL) or big-endian (LOOP).
      const le = b[0]! | (b[1]! << 8) | (b[2]! << 16) | (b[3]! << 24);
      const be = readU32(b, 0);
      const af = linkType === LINKTYPE.LOOP ? be : le <= 0xffff ? le : be;
      if (af === 2) return ip(ETHERTYPE_IPV4, 4);
      if (af === 10 || af === 24 || af === 28 || af === 30) return ip(ETHERTYPE_IPV6, 4);
      return undefined;
    }
    case LINKTYPE.RAW_DLT12:
    case LINKTYPE.RAW_DLT14:
    case LINKTYPE.RAW:
    case LINKTYPE.IPV4:
    case LINKTYPE.IPV6:
      return b.length > 0 ? 0 : undefined;
    default:
      return undefined;
  }
}

/** A TCP segment: its addresses, numbers and flags, and where its payload lies in the frame. */
export interface TcpSegmentInfo {
  kind: 'tcp';
  ip: 'IPv4' | 'IPv6';
  src: string;
  dst: string;
  srcPort: number;
  dstPort: number;
  seq: number;
  ack: number;
  /** TCP flags octet (FIN 0x01, SYN 0x02, RST 0x04, PSH 0x08, ACK 0x10). */
  flags: number;
  /** The payload captured is frame[start, end). */
  start: number;
  end: number;
  /** Payload octets the IP header declares beyond what the frame holds (a snap length cut them). */
  missing: number;
}

/** An IP fragment (not reassembled), or an IP packet that is not TCP. */
export type IpPacketInfo = TcpSegmentInfo | { kind: 'fragment'; ip: 'IPv4' | 'IPv6'; src: string; dst: string } | { kind: 'other' };

export const TCP_FIN = 0x01;
export const TCP_SYN = 0x02;
export const TCP_RST = 0x04;
export const TCP_ACK = 0x10;

/** IPv6 extension headers skipped on the way to TCP: hop-by-hop, routing, destination options, AH. */
const IPV6_EXTENSIONS = new Set([0, 43, 60, 51]);
const IPV6_FRAGMENT = 44;

/**
 * The IPv4 or IPv6 packet at frame[l3]: a TCP segment with its headers read (IPv4 options and
 * IPv6 extension headers skipped), a fragment, or something else; undefined when the headers are
 * cut short or impossible.
 */
export function ipTcpSegment(b: Uint8Array, l3: number): IpPacketInfo | undefined {
  if (l3 + 20 > b.length) return undefined;
  const u16 = (o: number): number => (b[o]! << 8) | b[o + 1]!;
  let tcp: number;
  let declaredEnd: number;
  let ip: 'IPv4' | 'IPv6';
  let src: string;
  let dst: string;
  const version = b[l3]! >> 4;
  if (version === 4) {
    const ihl = (b[l3]! & 0x0f) * 4;
    const total = u16(l3 + 2);
    if (ihl < 20 || total < ihl || l3 + ihl > b.length) return undefined;
    ip = 'IPv4';
    src = ipv4Text(b, l3 + 12);
    dst = ipv4Text(b, l3 + 16);
    if (b[l3 + 9] !== IP_PROTO_TCP) return { kind: 'other' };
    if ((u16(l3 + 6) & 0x3fff) !== 0) return { kind: 'fragment', ip, src, dst }; // MF set or an offset
    if (total < ihl + 20) return undefined;
    tcp = l3 + ihl;
    declaredEnd = l3 + total;
  } else if (version === 6) {
    if (l3 + 40 > b.length) return undefined;
    ip = 'IPv6';
    src = ipv6Text(b, l3 + 8);
    dst = ipv6Text(b, l3 + 24);
    declaredEnd = l3 + 40 + u16(l3 + 4);
    let next = b[l3 + 6]!;
    let at = l3 + 40;
    for (let hops = 0; next !== IP_PROTO_TCP; hops++) {
      if (at + 8 > b.length || hops > 8) return next === IP_PROTO_TCP ? undefined : { kind: 'other' };
      if (next === IPV6_FRAGMENT) {
        if ((u16(at + 2) & 0xfff9) !== 0) return { kind: 'fragment', ip, src, dst }; // an offset or M set
        next = b[at]!;
        at += 8;
      } else if (IPV6_EXTENSIONS.has(next)) {
        const length = next === 51 ? (b[at + 1]! + 2) * 4 : (b[at + 1]! + 1) * 8;
        next = b[at]!;
        at += length;
      } else return { kind: 'other' };
    }
    tcp = at;
  } else return undefined;
  if (tcp + 20 > b.length || tcp + 20 > declaredEnd) return undefined;
  const doff = (b[tcp + 12]! >> 4) * 4;
  if (doff < 20 || tcp + doff > declaredEnd || tcp + doff > b.length) return undefined;
  const start = tcp + doff;
  const end = Math.min(b.length, declaredEnd);
  return {
    kind: 'tcp',
    ip,
    src,
    dst,
    srcPort: u16(tcp),
    dstPort: u16(tcp + 2),
    seq: readU32(b, tcp + 4),
    ack: readU32(b, tcp + 8),
    flags: b[tcp + 13]!,
    start,
    end,
    missing: declaredEnd - end,
  };
}

function ipv4Text(b: Uint8Array, at: number): string {
  return `${b[at]}.${b[at + 1]}.${b[at + 2]}.${b[at + 3]}`;
}

/** An IPv6 address as RFC 5952 writes it: lower case, the longest run of zero groups as "::". */
function ipv6Text(b: Uint8Array, at: number): string {
  const groups: number[] = [];
  for (let i = 0; i < 8; i++) groups.push((b[at + 2 * i]! << 8) | b[at + 2 * i + 1]!);
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const text = (g: number[]): string => g.map((x) => x.toString(16)).join(':');
  if (bestStart < 0) return text(groups);
  return `${text(groups.slice(0, bestStart))}::${text(groups.slice(bestStart + bestLength))}`;
}
