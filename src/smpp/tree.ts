// Builds the decode tree (names, labels, display strings, byte offsets) while the codec decodes.
// Used only when `decode(bytes, { fields: true })` asks for it, so it may be generous with
// strings. Short message content (UDH, text, delivery receipts) is decoded here by the charset,
// UDH and receipt modules, reconciled with the receipted_message_id / message_state TLVs.

import { toHex } from './bytes';
import type { FieldNode, Problem } from './fields';
import { fieldLabel, type FieldSpec } from './tables/commands';
import { describeSize, tlvLabel, type TlvSpec } from './tables/tlvs';
import {
  BROADCAST_AREA_FORMAT_NAMES,
  BROADCAST_FREQUENCY_UNIT_NAMES,
  CALLBACK_DIGIT_MODE_NAMES,
  NETWORK_ERROR_TYPE_NAMES,
  NETWORK_TYPE_NAMES,
  NPI_NAMES,
  TON_NAMES,
  describeStatus,
  describeValue,
  esmClassParts,
  hex,
  isReceiptEsmClass,
  registeredDeliveryParts,
  type BitPart,
  type ValueKind,
} from './tables/values';
import { decodeText, encodingLabel } from './text/index';
import { parseUdh } from './udh';
import { parseReceipt, reconcileReceipt } from './receipt';
import { describeSmppTime } from './time';

/** Mutable while building; handed out as FieldNode. */
interface Node {
  name: string;
  label: string;
  value: unknown;
  display: string;
  offset: number;
  length: number;
  children?: Node[];
  problem?: Problem;
}

interface DecodedTlvLike {
  tag: number;
  name: string;
  length: number;
  value: unknown;
  raw: Uint8Array;
  offset: number;
}

interface PendingMessage {
  node: Node;
  bytes: Uint8Array;
  offset: number;
  field: string;
}

const MAX_HEX_DISPLAY = 64;

/** Octets as spaced lower-case hex, cut after 64 octets. */
export function hexBytes(b: Uint8Array): string {
  if (b.length <= MAX_HEX_DISPLAY) return toHex(b, ' ');
  return toHex(b.subarray(0, MAX_HEX_DISPLAY), ' ') + ' … (' + b.length + ' octets)';
}

function quote(s: string): string {
  return s.length === 0 ? '"" (empty)' : JSON.stringify(s);
}

function named(v: number, name: string | undefined): string {
  return name === undefined ? String(v) : v + ' (' + name + ')';
}

const HEX_KINDS: ReadonlySet<ValueKind> = new Set(['esm_class', 'registered_delivery', 'data_coding', 'interface_version']);

function intDisplay(v: number, kind: ValueKind | undefined, names?: Readonly<Record<number, string>>): string {
  if (kind === undefined) return names === undefined ? String(v) : named(v, names[v]);
  if (kind === 'command_status') return describeStatus(v);
  const name = describeValue(kind, v);
  if (HEX_KINDS.has(kind)) return hex(v, 2) + (name === undefined ? '' : ' (' + name + ')');
  return named(v, name ?? (kind === 'ton' || kind === 'npi' ? 'reserved' : undefined));
}

function bitNodes(parts: BitPart[], offset: number): Node[] {
  return parts.map((p) => ({
    name: p.name,
    label: p.label,
    value: p.value,
    display: bitMask(p.mask) + ' = ' + p.display,
    offset,
    length: 1,
  }));
}

/** `..xx xx..` style picture of a one-octet mask. */
function bitMask(mask: number): string {
  let s = '';
  for (let i = 7; i >= 0; i--) {
    s += (mask >> i) & 1 ? 'x' : '.';
    if (i === 4) s += ' ';
  }
  return s;
}

export class TreeBuilder {
  private readonly roots: Node[] = [];
  private bodyNode: Node | undefined;
  private tlvNode: Node | undefined;
  private readonly pending: PendingMessage[] = [];

  constructor(
    private readonly b: Uint8Array,
    private readonly dcs0: 'gsm7' | 'latin1' | 'ascii' | undefined,
  ) {}

  // ---- header --------------------------------------------------------------------------------

  header(len: number, id: number, status: number, seq: number, command: string): void {
    this.roots.push({
      name: 'header',
      label: 'Header',
      value: undefined,
      display: command + ', seq ' + seq + (status === 0 ? '' : ', ' + describeStatus(status)),
      offset: 0,
      length: 16,
      children: [
        { name: 'command_length', label: 'Command length', value: len, display: String(len), offset: 0, length: 4 },
        { name: 'command_id', label: 'Command', value: id, display: command + ' (' + hex(id, 8) + ')', offset: 4, length: 4 },
        { name: 'command_status', label: 'Command status', value: status, display: describeStatus(status), offset: 8, length: 4 },
        { name: 'sequence_number', label: 'Sequence number', value: seq, display: String(seq), offset: 12, length: 4 },
      ],
    });
  }

  /** A header cut short: one node per complete word, and one for the partial rest. */
  partialHeader(n: number, pdu: { command_length: number; command_id: number; command_status: number; sequence_number: number }, problem: Problem): void {
    const names = ['command_length', 'command_id', 'command_status', 'sequence_number'] as const;
    const children: Node[] = [];
    for (let i = 0; i < 4 && i * 4 < n; i++) {
      const name = names[i]!;
      const complete = i * 4 + 4 <= n;
      const v = pdu[name];
      children.push({
        name,
        label: fieldLabel(name),
        value: complete ? v : undefined,
        display: complete ? (name === 'command_status' ? describeStatus(v) : name === 'command_id' ? hex(v, 8) : String(v)) : 'truncated: ' + hexBytes(this.b.subarray(i * 4, n)),
        offset: i * 4,
        length: complete ? 4 : n - i * 4,
      });
    }
    this.roots.push({ name: 'header', label: 'Header (truncated)', value: undefined, display: problem.message, offset: 0, length: n, children });
  }

  opaqueBody(start: number, end: number, label: string): void {
    if (end <= start) return;
    const raw = this.b.subarray(start, Math.min(end, this.b.length));
    this.roots.push({ name: 'body', label: 'Body', value: raw, display: label + ': ' + hexBytes(raw), offset: start, length: raw.length });
  }

  // ---- mandatory body ------------------------------------------------------------------------

  beginBody(): void {
    this.bodyNode = { name: 'body', label: 'Mandatory parameters', value: undefined, display: '', offset: 16, length: 0, children: [] };
  }

  endBody(o: number): void {
    const node = this.bodyNode;
    if (node === undefined) return;
    node.length = o - 16;
    const n = node.children?.length ?? 0;
    node.display = n === 0 ? 'none' : n + (n === 1 ? ' field' : ' fields');
    if (n > 0) this.roots.push(node);
  }

  missing(f: FieldSpec, o: number, problem: Problem): void {
    this.bodyNode?.children?.push({
      name: f.name,
      label: fieldLabel(f.name),
      value: undefined,
      display: 'missing: the PDU ends here',
      offset: o,
      length: 0,
      problem,
    });
  }

  field(f: FieldSpec, v: unknown, start: number, length: number): void {
    const node: Node = { name: f.name, label: fieldLabel(f.name), value: v, display: '', offset: start, length };
    switch (f.type) {
      case 'int1':
      case 'int2':
      case 'int4': {
        const x = v as number;
        node.display = intDisplay(x, f.values);
        if (f.values === 'esm_class') node.children = bitNodes(esmClassParts(x), start);
        else if (f.values === 'registered_delivery') node.children = bitNodes(registeredDeliveryParts(x), start);
        break;
      }
      case 'cstring': {
        const s = v as string;
        node.display = f.time === true ? quote(s) + ' → ' + describeSmppTime(s) : quote(s);
        break;
      }
      case 'octets': {
        const bytes = v as Uint8Array;
        node.display = bytes.length === 0 ? '(empty)' : hexBytes(bytes);
        if (f.message === true && bytes.length > 0) this.pending.push({ node, bytes, offset: start, field: f.name });
        break;
      }
      case 'dest_list':
        node.children = this.destNodes(v as Record<string, unknown>[], start);
        node.display = (v as unknown[]).length + ' destination(s)';
        break;
      case 'unsuccess_list':
        node.children = this.unsuccessNodes(v as Record<string, unknown>[], start);
        node.display = (v as unknown[]).length + ' unsuccessful SME(s)';
        break;
    }
    this.bodyNode?.children?.push(node);
  }

  private destNodes(list: Record<string, unknown>[], start: number): Node[] {
    const out: Node[] = [];
    let o = start;
    for (let i = 0; i < list.length; i++) {
      const d = list[i]!;
      const children: Node[] = [];
      const begin = o;
      children.push({ name: 'dest_flag', label: fieldLabel('dest_flag'), value: d.dest_flag, display: intDisplay(d.dest_flag as number, 'dest_flag'), offset: o, length: 1 });
      o += 1;
      let display: string;
      if (d.dest_flag === 1) {
        const addr = d.destination_addr as string;
        children.push(
          { name: 'dest_addr_ton', label: fieldLabel('dest_addr_ton'), value: d.dest_addr_ton, display: intDisplay(d.dest_addr_ton as number, 'ton'), offset: o, length: 1 },
          { name: 'dest_addr_npi', label: fieldLabel('dest_addr_npi'), value: d.dest_addr_npi, display: intDisplay(d.dest_addr_npi as number, 'npi'), offset: o + 1, length: 1 },
          { name: 'destination_addr', label: fieldLabel('destination_addr'), value: addr, display: quote(addr), offset: o + 2, length: this.cstringLength(o + 2) },
        );
        o += 2 + this.cstringLength(o + 2);
        display = quote(addr);
      } else {
        const dl = d.dl_name as string;
        children.push({ name: 'dl_name', label: fieldLabel('dl_name'), value: dl, display: quote(dl), offset: o, length: this.cstringLength(o) });
        o += this.cstringLength(o);
        display = 'list ' + quote(dl);
      }
      out.push({ name: 'dest_address[' + i + ']', label: 'Destination ' + (i + 1), value: d, display, offset: begin, length: o - begin, children });
    }
    return out;
  }

  private unsuccessNodes(list: Record<string, unknown>[], start: number): Node[] {
    const out: Node[] = [];
    let o = start;
    for (let i = 0; i < list.length; i++) {
      const d = list[i]!;
      const begin = o;
      const alen = this.cstringLength(o + 2);
      const addr = d.destination_addr as string;
      const status = d.error_status_code as number;
      const children: Node[] = [
        { name: 'dest_addr_ton', label: fieldLabel('dest_addr_ton'), value: d.dest_addr_ton, display: intDisplay(d.dest_addr_ton as number, 'ton'), offset: o, length: 1 },
        { name: 'dest_addr_npi', label: fieldLabel('dest_addr_npi'), value: d.dest_addr_npi, display: intDisplay(d.dest_addr_npi as number, 'npi'), offset: o + 1, length: 1 },
        { name: 'destination_addr', label: fieldLabel('destination_addr'), value: addr, display: quote(addr), offset: o + 2, length: alen },
        { name: 'error_status_code', label: fieldLabel('error_status_code'), value: status, display: describeStatus(status), offset: o + 2 + alen, length: 4 },
      ];
      o += 2 + alen + 4;
      out.push({ name: 'unsuccess_sme[' + i + ']', label: 'Unsuccessful SME ' + (i + 1), value: d, display: quote(addr) + ': ' + describeStatus(status), offset: begin, length: o - begin, children });
    }
    return out;
  }

  /** Octets of the C-string at o, NUL included (to the end of the data when unterminated). */
  private cstringLength(o: number): number {
    const b = this.b;
    let i = o;
    while (i < b.length && b[i] !== 0) i++;
    return i < b.length ? i + 1 - o : i - o;
  }

  // ---- TLVs ----------------------------------------------------------------------------------

  beginTlvs(o: number): void {
    this.tlvNode = { name: 'tlvs', label: 'Optional parameters (TLVs)', value: undefined, display: '', offset: o, length: 0, children: [] };
  }

  endTlvs(o: number): void {
    const node = this.tlvNode;
    if (node === undefined) return;
    node.length = o - node.offset;
    const n = node.children?.length ?? 0;
    node.display = n + (n === 1 ? ' TLV' : ' TLVs');
    if (n > 0) this.roots.push(node);
  }

  brokenTlv(o: number, end: number, problem: Problem): void {
    const raw = this.b.subarray(o, end);
    this.tlvNode?.children?.push({ name: 'tlv', label: 'Truncated TLV header', value: raw, display: hexBytes(raw), offset: o, length: end - o, problem });
  }

  tlv(t: DecodedTlvLike, spec: TlvSpec | undefined, problem: Problem | undefined): void {
    const vo = t.offset + 4;
    const vlen = t.raw.length;
    const valueNode: Node = { name: 'value', label: 'Value', value: t.value, display: '', offset: vo, length: vlen };
    let display: string;
    if (spec === undefined) {
      display = vlen === 0 ? '(empty, raw bytes)' : hexBytes(t.raw) + ' (raw bytes)';
    } else if (t.value === undefined) {
      display = vlen === 0 ? '(empty)' : hexBytes(t.raw) + ' (not readable as ' + describeSize(spec.size) + ')';
    } else {
      display = this.tlvValueDisplay(spec, t.value, vo, vlen, valueNode);
      if (spec.message === true && vlen > 0) this.pending.push({ node: valueNode, bytes: t.raw, offset: vo, field: spec.name });
    }
    valueNode.display = display;
    const node: Node = {
      name: t.name,
      label: tlvLabel(t.tag),
      value: t.value,
      display,
      offset: t.offset,
      length: 4 + vlen,
      children: [
        { name: 'tag', label: 'Tag', value: t.tag, display: hex(t.tag, 4), offset: t.offset, length: 2 },
        { name: 'length', label: 'Length', value: t.length, display: String(t.length), offset: t.offset + 2, length: 2 },
        valueNode,
      ],
    };
    if (problem !== undefined) node.problem = problem;
    this.tlvNode?.children?.push(node);
  }

  private tlvValueDisplay(spec: TlvSpec, v: unknown, o: number, len: number, node: Node): string {
    const sub = (name: string, label: string, value: unknown, display: string, off: number, length: number): Node => ({
      name,
      label,
      value,
      display,
      offset: off,
      length,
    });
    switch (spec.type) {
      case 'int1':
      case 'int2':
      case 'int4':
      case 'uint':
        return intDisplay(v as number, spec.values, spec.names);
      case 'flag_or_int1':
        return v === null ? 'present (no value)' : intDisplay(v as number, spec.values, spec.names);
      case 'cstring':
        return spec.time === true ? quote(v as string) + ' → ' + describeSmppTime(v as string) : quote(v as string);
      case 'text':
        return quote(v as string);
      case 'octets':
        return len === 0 ? '(empty)' : hexBytes(v as Uint8Array);
      case 'network_error_code': {
        const x = v as { type: number; code: number };
        const t = NETWORK_ERROR_TYPE_NAMES[x.type] ?? 'reserved';
        node.children = [sub('type', 'Network type', x.type, named(x.type, t), o, 1), sub('code', 'Error code', x.code, x.code + ' (' + hex(x.code, 4) + ')', o + 1, 2)];
        return t + ' error ' + x.code + ' (' + hex(x.code, 4) + ')';
      }
      case 'callback_num': {
        const x = v as { digitMode: number; ton: number; npi: number; digits: string };
        node.children = [
          sub('digitMode', 'Digit mode', x.digitMode, named(x.digitMode, CALLBACK_DIGIT_MODE_NAMES[x.digitMode]), o, 1),
          sub('ton', 'TON', x.ton, named(x.ton, TON_NAMES[x.ton]), o + 1, 1),
          sub('npi', 'NPI', x.npi, named(x.npi, NPI_NAMES[x.npi]), o + 2, 1),
          sub('digits', 'Digits', x.digits, quote(x.digits), o + 3, len - 3),
        ];
        return quote(x.digits) + ', TON ' + x.ton + ', NPI ' + x.npi + ', ' + (CALLBACK_DIGIT_MODE_NAMES[x.digitMode] ?? 'mode ' + x.digitMode);
      }
      case 'callback_num_atag': {
        const x = v as { dataCoding: number; display: Uint8Array };
        const text = decodeText(x.display, x.dataCoding, this.dcs0 === undefined ? {} : { dcs0: this.dcs0 }).text;
        node.children = [
          sub('dataCoding', 'Data coding', x.dataCoding, intDisplay(x.dataCoding, 'data_coding'), o, 1),
          sub('display', 'Display text', text, quote(text), o + 1, len - 1),
        ];
        return quote(text);
      }
      case 'subaddress': {
        const x = v as { type: number; address: Uint8Array };
        const t = x.type === 0x80 ? 'NSAP (even)' : x.type === 0x88 ? 'NSAP (odd)' : x.type === 0xa0 ? 'user specified' : 'reserved';
        node.children = [sub('type', 'Type', x.type, hex(x.type, 2) + ' (' + t + ')', o, 1), sub('address', 'Address', x.address, hexBytes(x.address), o + 1, len - 1)];
        return t + ': ' + hexBytes(x.address);
      }
      case 'broadcast_area_identifier': {
        const x = v as { format: number; area: Uint8Array };
        const f = BROADCAST_AREA_FORMAT_NAMES[x.format] ?? 'reserved format';
        const area = x.format === 0 ? quote(String.fromCharCode(...x.area)) : hexBytes(x.area);
        node.children = [sub('format', 'Format', x.format, named(x.format, f), o, 1), sub('area', 'Area', x.area, area, o + 1, len - 1)];
        return f + ': ' + area;
      }
      case 'billing_identification': {
        const x = v as { format: number; data: Uint8Array };
        node.children = [sub('format', 'Format', x.format, String(x.format), o, 1), sub('data', 'Data', x.data, hexBytes(x.data), o + 1, len - 1)];
        return 'format ' + x.format + ': ' + hexBytes(x.data);
      }
      case 'broadcast_content_type': {
        const x = v as { network: number; contentType: number };
        node.children = [
          sub('network', 'Network type', x.network, named(x.network, NETWORK_TYPE_NAMES[x.network] ?? (x.network === 0 ? 'generic' : undefined)), o, 1),
          sub('contentType', 'Content type', x.contentType, hex(x.contentType, 4), o + 1, 2),
        ];
        return 'network ' + x.network + ', content type ' + hex(x.contentType, 4);
      }
      case 'broadcast_frequency_interval': {
        const x = v as { unit: number; interval: number };
        const unit = BROADCAST_FREQUENCY_UNIT_NAMES[x.unit] ?? 'reserved unit';
        node.children = [sub('unit', 'Unit', x.unit, named(x.unit, unit), o, 1), sub('interval', 'Interval', x.interval, String(x.interval), o + 1, 2)];
        return x.unit === 0 ? unit : 'every ' + x.interval + ' ' + unit;
      }
      case 'its_session_info': {
        const x = v as { sessionNumber: number; sequenceNumber: number; endOfSession: boolean };
        node.children = [
          sub('sessionNumber', 'Session number', x.sessionNumber, String(x.sessionNumber), o, 1),
          sub('sequenceNumber', 'Sequence number', x.sequenceNumber, String(x.sequenceNumber), o + 1, 1),
          sub('endOfSession', 'End of session', x.endOfSession, x.endOfSession ? 'yes' : 'no', o + 1, 1),
        ];
        return 'session ' + x.sessionNumber + ', sequence ' + x.sequenceNumber + (x.endOfSession ? ', end of session' : '');
      }
      case 'ms_validity': {
        if (typeof v === 'number') return String(v);
        const x = v as { behaviour: number; unit: number; count: number };
        return 'behaviour ' + x.behaviour + ', unit ' + x.unit + ', count ' + x.count;
      }
    }
  }

  // ---- finish ---------------------------------------------------------------------------------

  finish(
    pdu: { body: Record<string, unknown>; tlvs: readonly DecodedTlvLike[] },
    problems: Problem[],
  ): FieldNode[] {
    for (const m of this.pending) this.message(m, pdu, problems);
    for (const p of problems) attachProblem(this.roots, p);
    return this.roots;
  }

  /** Children of short_message / message_payload: UDH elements, the text, receipt parts. */
  private message(m: PendingMessage, pdu: { body: Record<string, unknown>; tlvs: readonly DecodedTlvLike[] }, problems: Problem[]): void {
    const esm = typeof pdu.body.esm_class === 'number' ? pdu.body.esm_class : 0;
    const dc = typeof pdu.body.data_coding === 'number' ? pdu.body.data_coding : 0;
    const children: Node[] = [];
    let hl = 0;
    if ((esm & 0x40) !== 0) {
      const udh = parseUdh(m.bytes);
      hl = udh.headerLength;
      const ies: Node[] = [];
      if (udh.udhl !== undefined) ies.push({ name: 'udhl', label: 'UDH length', value: udh.udhl, display: String(udh.udhl), offset: m.offset, length: 1 });
      for (const e of udh.elements) {
        ies.push({
          name: 'ie_' + hex(e.iei, 2),
          label: e.name,
          value: e.value ?? e.data,
          display: e.display,
          offset: m.offset + e.offset,
          length: e.length,
          children: [
            { name: 'iei', label: 'IEI', value: e.iei, display: hex(e.iei, 2), offset: m.offset + e.offset, length: 1 },
            { name: 'data', label: 'Data', value: e.data, display: hexBytes(e.data), offset: m.offset + e.offset + 2, length: Math.max(0, e.length - 2) },
          ],
        });
      }
      children.push({ name: 'udh', label: 'User data header', value: udh, display: udh.elements.map((e) => e.display).join('; ') || '(empty)', offset: m.offset, length: hl, children: ies });
      for (const p of udh.problems) {
        problems.push({ offset: m.offset + p.offset, field: m.field, expected: 'a well-formed user data header', found: hexBytes(m.bytes.subarray(p.offset, Math.min(hl, p.offset + 8))), message: p.message });
      }
    }
    // Receipts often carry the C-string NUL inside sm_length; it is not text (GSM 7-bit would show '@').
    const receiptEsm = isReceiptEsmClass(esm);
    const nulEnd = receiptEsm && m.bytes.length > hl && m.bytes[m.bytes.length - 1] === 0 ? 1 : 0;
    const content = m.bytes.subarray(hl, m.bytes.length - nulEnd);
    const to = m.offset + hl;
    const opts: { dcs0?: 'gsm7' | 'latin1' | 'ascii'; baseOffset: number } = { baseOffset: to };
    if (this.dcs0 !== undefined) opts.dcs0 = this.dcs0;
    const text = decodeText(content, dc, opts);
    const textNode: Node = { name: 'text', label: 'Text (' + encodingLabel(text.encoding) + ')', value: text.text, display: quote(text.text), offset: to, length: content.length };
    children.push(textNode);
    for (const p of text.problems) {
      problems.push({ offset: p.offset, length: 1, field: m.field, expected: 'text in ' + encodingLabel(text.encoding), found: hexBytes(this.b.subarray(p.offset, p.offset + 1)), message: p.message });
    }
    if (nulEnd === 1) {
      children.push({ name: 'terminator', label: 'NUL terminator', value: 0, display: '00 (a C-string NUL counted in the length; not text)', offset: to + content.length, length: 1 });
    }
    m.node.display = quote(text.text);

    // A delivery receipt: by esm_class, or by text that reads like one.
    const receiptLike = receiptEsm || /\bstat:/i.test(text.text);
    const receipt = receiptLike ? parseReceipt(text.text) : undefined;
    if (receipt !== undefined) {
      const tlvId = findTlv(pdu.tlvs, 'receipted_message_id');
      const tlvState = findTlv(pdu.tlvs, 'message_state');
      const rec = reconcileReceipt(receipt, {
        ...(typeof tlvId === 'string' ? { receipted_message_id: tlvId } : {}),
        ...(typeof tlvState === 'number' ? { message_state: tlvState } : {}),
      });
      // Character offsets map to octets 1:1 for the single-octet alphabets, 2:1 for UCS-2.
      const per = text.text.length === content.length ? 1 : text.text.length * 2 === content.length ? 2 : 0;
      const parts: Node[] = receipt.parts.map((p) => {
        let display = typeof p.value === 'object' ? p.raw + (p.value.date ? ' (' + p.value.date.toISOString() + ')' : '') : p.raw;
        if (p.name === 'id' && rec.idSource === 'tlv' && rec.id !== undefined) display += ' (receipted_message_id TLV: ' + rec.id + ')';
        if (p.name === 'stat' && rec.stateSource === 'tlv' && rec.stateName !== undefined) display += ' (message_state TLV: ' + rec.stateName + ')';
        return {
          name: p.name,
          label: 'Receipt ' + p.key,
          value: p.value,
          display,
          offset: per === 0 ? to : to + p.start * per,
          length: per === 0 ? content.length : (p.end - p.start) * per,
        };
      });
      const summary: string[] = [];
      if (rec.id !== undefined) summary.push('id ' + rec.id + (rec.idSource === 'tlv' ? ' (TLV)' : ''));
      if (rec.stateName !== undefined) summary.push(rec.stateName + (rec.stateSource === 'tlv' ? ' (TLV)' : ''));
      if (receipt.err !== undefined) summary.push('err ' + receipt.err);
      summary.push(...rec.notes);
      children.push({ name: 'receipt', label: 'Delivery receipt', value: rec, display: summary.join(', '), offset: to, length: content.length, children: parts });
    }
    m.node.children = children;
  }
}

function findTlv(tlvs: readonly DecodedTlvLike[], name: string): unknown {
  for (const t of tlvs) if (t.name === name) return t.value;
  return undefined;
}

/** Puts a problem on the deepest node of its field that covers its offset (else any covering node). */
function attachProblem(roots: Node[], p: Problem): void {
  let best: Node | undefined;
  let bestByName: Node | undefined;
  const visit = (nodes: Node[]): void => {
    for (const n of nodes) {
      const covers = p.offset >= n.offset && (p.offset < n.offset + n.length || (n.length === 0 && p.offset === n.offset) || p.offset === n.offset + n.length);
      if (!covers) continue;
      if (p.offset < n.offset + n.length || n.length === 0) best = n;
      if (n.name === p.field) bestByName = n;
      if (n.children !== undefined) visit(n.children);
    }
  };
  visit(roots);
  const target = bestByName ?? best;
  if (target !== undefined && target.problem === undefined) target.problem = p;
}
