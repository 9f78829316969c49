// Builds capture files byte by byte for the reader's tests, from the file formats (libpcap,
// pcapng) and the headers (Ethernet II with 802.1Q tags, Linux cooked v1/v2, BSD loopback, raw
// IPv4/IPv6 with options and extension headers, TCP). Checksums are left zero: the reader does not
// check them, as Wireshark does not by default.

export interface Segment {
  src: string;
  dst: string;
  sport: number;
  dport: number;
  seq: number;
  ack?: number;
  /** 'S' SYN, 'A' ACK, 'F' FIN, 'R' RST, 'P' PSH. Default 'PA'. */
  flags?: string;
  payload?: Uint8Array;
  /** ms since the epoch. */
  time: number;
  /** IPv4: header options (a multiple of 4 octets). */
  ipOptions?: number;
  /** IPv6: a hop-by-hop and a destination options header before TCP. */
  extensions?: boolean;
  /** IPv4: fragment flags and offset field (e.g. 0x2000 for MF). */
  fragment?: number;
  /** Captured octets of the frame (a snap length), when less than the whole. */
  snap?: number;
}

export type Link = 'ethernet' | 'vlan' | 'sll' | 'sll2' | 'null' | 'null-be' | 'raw';

export const LINKTYPES: Record<Link, number> = { ethernet: 1, vlan: 1, sll: 113, sll2: 276, null: 0, 'null-be': 0, raw: 101 };

function flagBits(f: string): number {
  let b = 0;
  if (f.includes('F')) b |= 0x01;
  if (f.includes('S')) b |= 0x02;
  if (f.includes('R')) b |= 0x04;
  if (f.includes('P')) b |= 0x08;
  if (f.includes('A')) b |= 0x10;
  return b;
}

function ipv4(a: string): number[] {
  return a.split('.').map(Number);
}

function ipv6(a: string): number[] {
  const [head, tail] = a.includes('::') ? a.split('::') : [a, undefined];
  const h = head ? head.split(':').filter(Boolean) : [];
  const t = tail ? tail.split(':').filter(Boolean) : [];
  const groups = [...h, ...new Array<string>(8 - h.length - t.length).fill('0'), ...t].map((g) => parseInt(g, 16));
  return groups.flatMap((g) => [g >> 8, g & 0xff]);
}

function u16(n: number): number[] {
  return [(n >> 8) & 0xff, n & 0xff];
}

function u32(n: number): number[] {
  return [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
}

/** The IP packet (IPv4 or IPv6 by the address form) of a TCP segment. */
export function ipPacket(s: Segment): Uint8Array {
  const payload = [...(s.payload ?? [])];
  const tcp = [...u16(s.sport), ...u16(s.dport), ...u32(s.seq >>> 0), ...u32((s.ack ?? 0) >>> 0), 0x50, flagBits(s.flags ?? 'PA'), ...u16(65535), 0, 0, 0, 0, ...payload];
  if (s.src.includes(':')) {
    let next = 6;
    let ext: number[] = [];
    if (s.extensions) {
      // hop-by-hop (8 octets, PadN) → destination options (16 octets) → TCP
      ext = [60, 0, 1, 4, 0, 0, 0, 0, 6, 1, 1, 12, ...new Array<number>(12).fill(0)];
      next = 0;
    }
    const body = [...ext, ...tcp];
    return Uint8Array.from([0x60, 0, 0, 0, ...u16(body.length), next, 64, ...ipv6(s.src), ...ipv6(s.dst), ...body]);
  }
  const options = s.ipOptions ?? 0;
  const ihl = 20 + options;
  const total = ihl + tcp.length;
  return Uint8Array.from([0x40 | (ihl / 4), 0, ...u16(total), 0, 1, ...u16(s.fragment ?? 0x4000), 64, 6, 0, 0, ...ipv4(s.src), ...ipv4(s.dst), ...new Array<number>(options).fill(1), ...tcp]);
}

/** The frame of a segment on a link. */
export function frame(link: Link, s: Segment): Uint8Array {
  const ip = [...ipPacket(s)];
  const v6 = s.src.includes(':');
  const et = v6 ? 0x86dd : 0x0800;
  const mac = [2, 0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 2];
  let head: number[];
  switch (link) {
    case 'ethernet':
      head = [...mac, ...u16(et)];
      break;
    case 'vlan':
      head = [...mac, 0x88, 0xa8, 0, 100, 0x81, 0x00, 0, 200, ...u16(et)];
      break;
    case 'sll':
      head = [0, 0, 0, 1, 0, 6, 2, 0, 0, 0, 0, 1, 0, 0, ...u16(et)];
      break;
    case 'sll2':
      head = [...u16(et), 0, 0, 0, 0, 0, 1, 0, 1, 0, 6, 2, 0, 0, 0, 0, 1, 0, 0];
      break;
    case 'null':
      head = v6 ? [30, 0, 0, 0] : [2, 0, 0, 0];
      break;
    case 'null-be':
      head = v6 ? [0, 0, 0, 30] : [0, 0, 0, 2];
      break;
    case 'raw':
      head = [];
      break;
  }
  const f = Uint8Array.from([...head, ...ip]);
  return s.snap === undefined ? f : f.subarray(0, s.snap);
}

class Writer {
  readonly parts: number[] = [];
  constructor(readonly le: boolean) {}
  u16(n: number): this {
    if (this.le) this.parts.push(n & 0xff, (n >> 8) & 0xff);
    else this.parts.push((n >> 8) & 0xff, n & 0xff);
    return this;
  }
  u32(n: number): this {
    const b = u32(n >>> 0);
    this.parts.push(...(this.le ? b.reverse() : b));
    return this;
  }
  bytes(b: ArrayLike<number>): this {
    for (let i = 0; i < b.length; i++) this.parts.push(b[i]!);
    return this;
  }
  pad(): this {
    while (this.parts.length % 4 !== 0) this.parts.push(0);
    return this;
  }
  result(): Uint8Array {
    return Uint8Array.from(this.parts);
  }
}

export interface PcapOptions {
  le?: boolean;
  nano?: boolean;
  link?: Link;
}

/** A libpcap file of frames on one link. */
export function pcapFile(frames: { time: number; data: Uint8Array; original?: number }[], o: PcapOptions = {}): Uint8Array {
  const w = new Writer(o.le ?? true);
  w.u32(o.nano ? 0xa1b23c4d : 0xa1b2c3d4).u16(2).u16(4).u32(0).u32(0).u32(262144).u32(LINKTYPES[o.link ?? 'ethernet']);
  for (const f of frames) {
    const sec = Math.floor(f.time / 1000);
    const frac = o.nano ? Math.round((f.time - sec * 1000) * 1e6) : Math.round((f.time - sec * 1000) * 1e3);
    w.u32(sec).u32(frac).u32(f.data.length).u32(f.original ?? f.data.length).bytes(f.data);
  }
  return w.result();
}

/** Segments as a pcap file on one link. */
export function pcapOf(segments: Segment[], o: PcapOptions = {}): Uint8Array {
  return pcapFile(
    segments.map((s) => ({ time: s.time, data: frame(o.link ?? 'ethernet', s), original: frame(o.link ?? 'ethernet', { ...s, snap: undefined }).length })),
    o,
  );
}

export interface NgPacket {
  iface: number;
  time: number;
  data: Uint8Array;
  /** 'spb' writes a simple packet block (no timestamp, interface 0). */
  kind?: 'epb' | 'spb';
}

export interface NgInterface {
  link: Link;
  /** if_tsresol: 6 (µs, the default when absent), 9 (ns), or 0x80 | n for 2^-n. */
  tsresol?: number;
}

/** A pcapng file: one section, its interfaces, an unknown block, then the packets. */
export function pcapngFile(interfaces: NgInterface[], packets: NgPacket[], o: { le?: boolean } = {}): Uint8Array {
  const le = o.le ?? true;
  const out: number[] = [];
  const block = (type: number, body: (w: Writer) => void): void => {
    const w = new Writer(le);
    body(w);
    w.pad();
    const b = w.result();
    const all = new Writer(le).u32(type).u32(b.length + 12).bytes(b).u32(b.length + 12).result();
    out.push(...all);
  };
  block(0x0a0d0d0a, (w) => w.u32(0x1a2b3c4d).u16(1).u16(0).u32(0xffffffff).u32(0xffffffff));
  for (const i of interfaces) {
    block(1, (w) => {
      w.u16(LINKTYPES[i.link]).u16(0).u32(262144);
      if (i.tsresol !== undefined) w.u16(9).u16(1).bytes([i.tsresol]).pad();
      w.u16(2).u16(3).bytes([108, 111, 0]).pad(); // if_name "lo"
      w.u16(0).u16(0);
    });
  }
  block(0x00000bad, (w) => w.u32(0xdeadbeef)); // a custom block: skipped
  for (const p of packets) {
    if (p.kind === 'spb') {
      block(3, (w) => w.u32(p.data.length).bytes(p.data));
      continue;
    }
    const r = interfaces[p.iface]!.tsresol;
    const perSecond = r === undefined ? 1e6 : (r & 0x80) !== 0 ? 2 ** (r & 0x7f) : 10 ** r;
    const ts = BigInt(Math.floor(p.time / 1000)) * BigInt(perSecond) + BigInt(Math.round(((p.time % 1000) / 1000) * perSecond));
    block(6, (w) => w.u32(p.iface).u32(Number(ts >> 32n)).u32(Number(ts & 0xffffffffn)).u32(p.data.length).u32(p.data.length).bytes(p.data));
  }
  return Uint8Array.from(out);
}
