// Builds the decode tree (names, labels, display strings, byte offsets) while the codec decodes.
// Used only when `decode(bytes, { fields: true })` asks for it, so it may be generous with
// strings. Short message content (UDH, text, delivery receipts) is decoded here by the charset,
// UDH and receipt modules, reconciled with the receipted_message_id / message_state TLVs.

import { hex2 } from './bytes';
import type { FieldNode, Problem } from './fields';
import { fieldLabel, type FieldSpec } from './tables/commands';
import { tlvLabel, type TlvSpec } from './tables/tlvs';
import { describeStatus, hex, isReceiptEsmClass } from './tables/values';
import { decodeText, encodingLabel } from './text/index';
import { parseUdh } from './udh';
import { parseReceipt, receiptDateIso, reconcileReceipt, type ReceiptTlvs } from './receipt';
import { hexBytes, node, quote, statusDisplay, type TreeNode as Node } from './codec/describe';
import { TLV_TYPES, describeSize, fieldType, type FieldType, type TreeContext } from './codec/types';

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
  /** The node named `field`: the body field's own node, or a TLV's node above its value node. */
  owner: Node;
}

/** The words of a command_id: `submit_sm (0x00000004)`, and `submit_sm, seq ` that starts the header's display. */
interface CommandWords {
  readonly seq: string;
  /** The header's command_id node, shared. */
  readonly node: Node;
}

/** The words of each command_id seen (the known ones, and a few unknown). */
const COMMAND_WORDS = new Map<number, CommandWords>();

function commandWords(command: string, id: number): CommandWords {
  let w = COMMAND_WORDS.get(id);
  if (w === undefined) {
    w = { seq: command + ', seq ', node: shared({ name: 'command_id', label: 'Command', value: id, display: command + ' (' + hex(id, 8) + ')', offset: 4, length: 4 }) };
    if (COMMAND_WORDS.size < 4096) COMMAND_WORDS.set(id, w);
  }
  return w;
}

// Shared nodes. A node whose value is a number or an empty string reads the same in every tree
// where it has the same place (a header word, a one-octet field at the same offset): it is made
// once, frozen, and put in each such tree. A problem that lands on a shared node lands on a copy
// (see `attachProblem`), so no tree ever changes another's.

/** At most this many shared nodes of one kind are kept (past it, nodes are made per tree). */
const MAX_SHARED = 4096;

/** n, with its children and theirs, frozen: a node to share between trees. */
function shared(n: Node): Node {
  const children = n.children;
  if (children !== undefined) {
    for (let i = 0; i < children.length; i++) shared(children[i]!);
    Object.freeze(children);
  }
  return Object.freeze(n);
}

/** The command_length nodes, by length (up to 4095). */
const LENGTH_NODES: (Node | undefined)[] = new Array<Node | undefined>(4096);

function lengthNode(len: number): Node {
  const n = len < 4096 ? LENGTH_NODES[len] : undefined;
  if (n !== undefined) return n;
  const made: Node = { name: 'command_length', label: 'Command length', value: len, display: String(len), offset: 0, length: 4 };
  if (len < 4096) LENGTH_NODES[len] = shared(made);
  return made;
}

/** The command_status nodes, by status: ESME_ROK's, and the others seen. */
const STATUS_NODES = new Map<number, Node>();
let okNode: Node | undefined;

function statusNode(status: number): Node {
  if (status === 0 && okNode !== undefined) return okNode;
  let n = STATUS_NODES.get(status);
  if (n === undefined) {
    n = { name: 'command_status', label: 'Command status', value: status, display: statusDisplay(status), offset: 8, length: 4 };
    if (STATUS_NODES.size < MAX_SHARED) STATUS_NODES.set(status, shared(n));
    if (status === 0) okNode = n;
  }
  return n;
}

const HEADER_NAMES = ['command_length', 'command_id', 'command_status', 'sequence_number'] as const;

/** What the tree needs of a command's body fields, by index: labels and type descriptors, made once. */
interface BodyPlan {
  readonly labels: readonly string[];
  readonly types: readonly FieldType[];
  /**
   * The shared nodes of the one-octet integers (lengths aside) and C-strings, by offset then
   * value (256 for an empty string); undefined for the other fields.
   */
  readonly shared: readonly (SharedByOffset | undefined)[];
}

/**
 * By offset (below SHARED_OFFSETS): the field's shared nodes there, as pairs of slot (the value
 * 0..255, or 256 for an empty string) and node, at most SHARED_PER_OFFSET pairs. Small and
 * scanned in order, they stay in the processor's cache where tables by value would not.
 */
type SharedByOffset = (unknown[] | undefined)[];

const SHARED_OFFSETS = 1024;
const SHARED_PER_OFFSET = 16;

const BODY_PLANS = new Map<readonly FieldSpec[], BodyPlan>();

function bodyPlan(fields: readonly FieldSpec[]): BodyPlan {
  let p = BODY_PLANS.get(fields);
  if (p === undefined) {
    p = {
      labels: fields.map((f) => fieldLabel(f.name)),
      types: fields.map(fieldType),
      // A length (sm_length) takes too many values at one offset to be worth keeping.
      shared: fields.map((f) => ((f.type === 'int1' && f.lengthOf === undefined) || f.type === 'cstring' ? [] : undefined)),
    };
    BODY_PLANS.set(fields, p);
  }
  return p;
}

/** The slot of a field's node among shared nodes at its offset: its value, 256 for '', else -1. */
function sharedSlot(v: unknown, start: number, length: number): number {
  if (length !== 1 || start >= SHARED_OFFSETS) return -1;
  return typeof v === 'number' ? v : v === '' ? 256 : -1;
}

/** `18 fields`, `2 TLVs`: the displays of the body and TLV nodes, by count, made once each. */
const FIELD_COUNTS: (string | undefined)[] = [];
const TLV_COUNTS: (string | undefined)[] = [];

/** The words of a TLV tag: its display (`0x0427`) and its label. */
interface TagWords {
  readonly display: string;
  readonly label: string;
}

/** The words of each TLV tag seen (few distinct tags ever appear). */
const TAG_WORDS = new Map<number, TagWords>();

function tagWords(tag: number): TagWords {
  let w = TAG_WORDS.get(tag);
  if (w === undefined) {
    w = { display: hex(tag, 4), label: tlvLabel(tag) };
    if (TAG_WORDS.size < 4096) TAG_WORDS.set(tag, w);
  }
  return w;
}

/** `Text (GSM-7)` and `text in GSM-7` for each encoding. */
const TEXT_LABELS = new Map<string, readonly [label: string, expected: string]>();

function textWords(encoding: string): readonly [label: string, expected: string] {
  let s = TEXT_LABELS.get(encoding);
  if (s === undefined) TEXT_LABELS.set(encoding, (s = ['Text (' + encoding + ')', 'text in ' + encoding]));
  return s;
}

function textLabel(encoding: string): string {
  return textWords(encoding)[0];
}

function textExpected(encoding: string): string {
  return textWords(encoding)[1];
}

export class TreeBuilder implements TreeContext {
  /** The header, the body and the TLVs, as there are: made at 3, cut to their count at the end. */
  private readonly roots: Node[] = new Array<Node>(3);
  private rootCount = 0;
  private bodyNode: Node | undefined;
  /** The body node's children, made at the size of the command's body, and how many are set. */
  private bodyChildren: Node[] | undefined;
  private bodyCount = 0;
  private tlvNode: Node | undefined;
  private plan: BodyPlan | undefined;
  /** The messages to decode at the end, made at the first. */
  private pending: PendingMessage[] | undefined;
  /** What decodeText is told for each message (the offset changes), made at the first message. */
  private textOptions: { dcs0?: 'gsm7' | 'latin1' | 'ascii'; baseOffset: number } | undefined;
  /** By problem index: the node a problem found inside its message's owner node goes to, without a search. */
  private targets: (Node | undefined)[] | undefined;

  constructor(
    readonly b: Uint8Array,
    readonly dcs0: 'gsm7' | 'latin1' | 'ascii' | undefined,
  ) {}

  content(n: Node, bytes: Uint8Array, offset: number, field: string): void {
    (this.pending ??= []).push({ node: n, bytes, offset, field, owner: n });
  }

  // ---- header --------------------------------------------------------------------------------

  header(len: number, id: number, status: number, seq: number, command: string): void {
    const seqText = String(seq);
    const words = commandWords(command, id);
    const statusWord = statusNode(status);
    this.roots[this.rootCount++] = {
      name: 'header',
      label: 'Header',
      value: undefined,
      display: status === 0 ? words.seq + seqText : words.seq + seqText + ', ' + statusWord.display,
      offset: 0,
      length: 16,
      children: [
        lengthNode(len),
        words.node,
        statusWord,
        { name: 'sequence_number', label: 'Sequence number', value: seq, display: seqText, offset: 12, length: 4 },
      ],
    };
  }

  /** A header cut short: one node per complete word, and one for the partial rest. */
  partialHeader(n: number, pdu: { command_length: number; command_id: number; command_status: number; sequence_number: number }, problem: Problem): void {
    const children: Node[] = [];
    for (let i = 0; i < 4 && i * 4 < n; i++) {
      const name = HEADER_NAMES[i]!;
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
    this.roots[this.rootCount++] = { name: 'header', label: 'Header (truncated)', value: undefined, display: problem.message, offset: 0, length: n, children };
  }

  opaqueBody(start: number, end: number, label: string): void {
    if (end <= start) return;
    const raw = this.b.subarray(start, Math.min(end, this.b.length));
    this.roots[this.rootCount++] = { name: 'body', label: 'Body', value: raw, display: label + ': ' + hexBytes(raw), offset: start, length: raw.length };
  }

  // ---- mandatory body ------------------------------------------------------------------------

  beginBody(fields: readonly FieldSpec[]): void {
    this.plan = bodyPlan(fields);
    this.bodyChildren = new Array<Node>(fields.length);
    this.bodyNode = { name: 'body', label: 'Mandatory parameters', value: undefined, display: '', offset: 16, length: 0, children: this.bodyChildren };
  }

  endBody(o: number): void {
    const node = this.bodyNode;
    if (node === undefined) return;
    node.length = o - 16;
    const n = this.bodyCount;
    if (n < this.bodyChildren!.length) this.bodyChildren!.length = n;
    node.display = n === 0 ? 'none' : (FIELD_COUNTS[n] ??= n + (n === 1 ? ' field' : ' fields'));
    if (n > 0) this.roots[this.rootCount++] = node;
  }

  missing(i: number, f: FieldSpec, o: number, problem: Problem): void {
    this.bodyChildren![this.bodyCount++] = {
      name: f.name,
      label: this.plan!.labels[i]!,
      value: undefined,
      display: 'missing: the PDU ends here',
      offset: o,
      length: 0,
      problem,
    };
  }

  /** Field i of the body (f), read as v from octets [start, start + length). */
  field(i: number, f: FieldSpec, v: unknown, start: number, length: number): void {
    const plan = this.plan!;
    const byOffset = plan.shared[i];
    const slot = byOffset === undefined ? -1 : sharedSlot(v, start, length);
    const pairs = slot < 0 ? undefined : byOffset![start];
    let n: Node | undefined;
    if (pairs !== undefined) {
      for (let k = 0; k < pairs.length; k += 2) {
        if (pairs[k] === slot) {
          n = pairs[k + 1] as Node;
          break;
        }
      }
    }
    if (n === undefined) {
      n = node(f.name, plan.labels[i]!, v, '', start, length);
      n.display = v === undefined ? 'truncated: ' + hexBytes(this.b.subarray(start, start + length)) : plan.types[i]!.describe(n, v, f, this);
      if (pairs !== undefined) {
        if (pairs.length < SHARED_PER_OFFSET * 2) pairs.push(slot, shared(n));
      } else if (slot >= 0) byOffset![start] = [slot, shared(n)];
    }
    this.bodyChildren![this.bodyCount++] = n;
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
    node.display = n < 256 ? (TLV_COUNTS[n] ??= n + (n === 1 ? ' TLV' : ' TLVs')) : n + ' TLVs';
    if (n > 0) this.roots[this.rootCount++] = node;
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
      display = TLV_TYPES[spec.type].describe(valueNode, t.value, spec, this);
    }
    const pending = this.pending === undefined ? 0 : this.pending.length;
    valueNode.display = display;
    // A dictionary's vendor TLV carries its own label (dictionaries differ: not kept by tag).
    const words = spec?.label === undefined ? tagWords(t.tag) : { display: hex(t.tag, 4), label: spec.label };
    const node: Node = {
      name: t.name,
      label: words.label,
      value: t.value,
      display,
      offset: t.offset,
      length: 4 + vlen,
      children: [
        { name: 'tag', label: 'Tag', value: t.tag, display: words.display, offset: t.offset, length: 2 },
        { name: 'length', label: 'Length', value: t.length, display: String(t.length), offset: t.offset + 2, length: 2 },
        valueNode,
      ],
    };
    if (problem !== undefined) node.problem = problem;
    // A message in the value is the TLV's: the TLV's node carries its name.
    if (pending > 0 && this.pending![pending - 1]!.node === valueNode) this.pending![pending - 1]!.owner = node;
    this.tlvNode?.children?.push(node);
  }

  // ---- finish ---------------------------------------------------------------------------------

  finish(
    pdu: { body: Record<string, unknown>; tlvs: readonly DecodedTlvLike[] },
    problems: Problem[],
  ): FieldNode[] {
    if (this.rootCount < 3) this.roots.length = this.rootCount;
    if (this.pending !== undefined) for (const m of this.pending) this.message(m, pdu, problems);
    const targets = this.targets;
    for (let i = 0; i < problems.length; i++) {
      const p = problems[i]!;
      const target = targets === undefined ? undefined : targets[i];
      if (target === undefined) attachProblem(this.roots, p);
      else if (target.problem === undefined) target.problem = p;
    }
    return this.roots;
  }

  /**
   * Adds a problem of message m. One strictly inside m's owner node goes there, as the search
   * would put it: no other node of that name covers the offset, and the owner is the deepest one.
   */
  private report(problems: Problem[], m: PendingMessage, p: Problem): void {
    const o = m.owner;
    if (p.offset >= o.offset && p.offset < o.offset + o.length) (this.targets ??= [])[problems.length] = o;
    problems.push(p);
  }

  /** Children of short_message / message_payload: UDH elements, the text, receipt parts. */
  private message(m: PendingMessage, pdu: { body: Record<string, unknown>; tlvs: readonly DecodedTlvLike[] }, problems: Problem[]): void {
    const esm = typeof pdu.body.esm_class === 'number' ? pdu.body.esm_class : 0;
    const dc = typeof pdu.body.data_coding === 'number' ? pdu.body.data_coding : 0;
    let udhNode: Node | undefined;
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
            // An element cut before its length octet has no data: a node of length 0 where it ends.
            { name: 'data', label: 'Data', value: e.data, display: hexBytes(e.data), offset: m.offset + e.offset + Math.min(2, e.length), length: Math.max(0, e.length - 2) },
          ],
        });
      }
      let display = '';
      for (let i = 0; i < udh.elements.length; i++) display = i === 0 ? udh.elements[0]!.display : display + '; ' + udh.elements[i]!.display;
      udhNode = { name: 'udh', label: 'User data header', value: udh, display: display || '(empty)', offset: m.offset, length: hl, children: ies };
      for (const p of udh.problems) {
        this.report(problems, m, { offset: m.offset + p.offset, field: m.field, expected: 'a well-formed user data header', found: hexBytes(m.bytes.subarray(p.offset, Math.min(hl, p.offset + 8))), message: p.message });
      }
    }
    // Receipts often carry the C-string NUL inside sm_length; it is not text (GSM 7-bit would show '@').
    const receiptEsm = isReceiptEsmClass(esm);
    const nulEnd = receiptEsm && m.bytes.length > hl && m.bytes[m.bytes.length - 1] === 0 ? 1 : 0;
    const content = hl === 0 && nulEnd === 0 ? m.bytes : m.bytes.subarray(hl, m.bytes.length - nulEnd);
    const to = m.offset + hl;
    const opts = (this.textOptions ??= this.dcs0 === undefined ? { baseOffset: 0 } : { baseOffset: 0, dcs0: this.dcs0 });
    opts.baseOffset = to;
    const text = decodeText(content, dc, opts);
    const encoding = encodingLabel(text.encoding);
    const quoted = quote(text.text);
    const textNode = node('text', textLabel(encoding), text.text, quoted, to, content.length);
    for (const p of text.problems) {
      // A problem with no text octets to point at (all UDH, say) covers the whole message field.
      const whole = content.length === 0;
      const at = whole ? m.offset : p.offset;
      this.report(problems, m, {
        offset: at,
        length: whole ? m.bytes.length : 1,
        field: m.field,
        expected: textExpected(encoding),
        found: whole ? hexBytes(m.bytes) : hex2(this.b[at]!),
        message: p.message,
      });
    }
    m.node.display = quoted;

    // A delivery receipt: by esm_class, or by text that reads like one.
    const receiptLike = receiptEsm || hasStatKey(text.text);
    const receipt = receiptLike ? parseReceipt(text.text) : undefined;
    let receiptNode: Node | undefined;
    if (receipt !== undefined) {
      const tlvs: ReceiptTlvs = {};
      const tlvId = findTlv(pdu.tlvs, 'receipted_message_id');
      if (typeof tlvId === 'string') tlvs.receipted_message_id = tlvId;
      const tlvState = findTlv(pdu.tlvs, 'message_state');
      if (typeof tlvState === 'number') tlvs.message_state = tlvState;
      const rec = reconcileReceipt(receipt, tlvs);
      // Character offsets map to octets 1:1 for the single-octet alphabets, 2:1 for UCS-2.
      const per = text.text.length === content.length ? 1 : text.text.length * 2 === content.length ? 2 : 0;
      const parts: Node[] = new Array<Node>(receipt.parts.length);
      for (let i = 0; i < parts.length; i++) {
        const p = receipt.parts[i]!;
        const iso = typeof p.value === 'object' ? receiptDateIso(p.value) : undefined;
        let display = iso === undefined ? p.raw : p.raw + ' (' + iso + ')';
        if (p.name === 'id' && rec.idSource === 'tlv' && rec.id !== undefined) display += ' (receipted_message_id TLV: ' + rec.id + ')';
        if (p.name === 'stat' && rec.stateSource === 'tlv' && rec.stateName !== undefined) display += ' (message_state TLV: ' + rec.stateName + ')';
        parts[i] = node(
          p.name,
          receiptLabel(p.key),
          p.value,
          display,
          per === 0 ? to : to + p.start * per,
          per === 0 ? content.length : (p.end - p.start) * per,
        );
      }
      let summary = '';
      if (rec.id !== undefined) summary = 'id ' + rec.id + (rec.idSource === 'tlv' ? ' (TLV)' : '');
      if (rec.stateName !== undefined) summary = joined(summary, rec.stateName + (rec.stateSource === 'tlv' ? ' (TLV)' : ''));
      if (receipt.err !== undefined) summary = joined(summary, 'err ' + receipt.err);
      for (const note of rec.notes) summary = joined(summary, note);
      receiptNode = { name: 'receipt', label: 'Delivery receipt', value: rec, display: summary, offset: to, length: content.length, children: parts };
    }
    // The UDH, the text, the NUL and the receipt, as there are.
    const children = new Array<Node>((udhNode === undefined ? 1 : 2) + nulEnd + (receiptNode === undefined ? 0 : 1));
    let k = 0;
    if (udhNode !== undefined) children[k++] = udhNode;
    children[k++] = textNode;
    if (nulEnd === 1) children[k++] = { name: 'terminator', label: 'NUL terminator', value: 0, display: '00 (a C-string NUL counted in the length; not text)', offset: to + content.length, length: 1 };
    if (receiptNode !== undefined) children[k] = receiptNode;
    m.node.children = children;
  }
}

/** Whether `stat:` (in any case) starts a word of s, as /\bstat:/i finds it: looked for back from each colon. */
function hasStatKey(s: string): boolean {
  for (let c = s.indexOf(':', 4); c >= 0; c = s.indexOf(':', c + 1)) {
    // Or-ing 0x20 folds only the ASCII capitals onto these lower-case letters.
    if ((s.charCodeAt(c - 4) | 0x20) !== 0x73 || (s.charCodeAt(c - 3) | 0x20) !== 0x74) continue;
    if ((s.charCodeAt(c - 2) | 0x20) !== 0x61 || (s.charCodeAt(c - 1) | 0x20) !== 0x74) continue;
    if (c === 4 || !isWordChar(s.charCodeAt(c - 5))) return true;
  }
  return false;
}

/** Whether c is in \w: an ASCII letter or digit, or `_`. */
function isWordChar(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a) || c === 0x5f;
}

/** `a, b`, or b alone when a is empty. */
function joined(a: string, b: string): string {
  return a === '' ? b : a + ', ' + b;
}

/** `Receipt submit date` for each key as written, remembered (keys come in few spellings). */
const RECEIPT_LABELS = new Map<string, string>();

function receiptLabel(key: string): string {
  let s = RECEIPT_LABELS.get(key);
  if (s === undefined) {
    s = 'Receipt ' + key;
    if (RECEIPT_LABELS.size < 1024) RECEIPT_LABELS.set(key, s);
  }
  return s;
}

function findTlv(tlvs: readonly DecodedTlvLike[], name: string): unknown {
  for (const t of tlvs) if (t.name === name) return t.value;
  return undefined;
}

/** Puts a problem on the deepest node of its field that covers its offset (else any covering node). */
function attachProblem(roots: Node[], p: Problem): void {
  const found: { best: Node | undefined; byName: Node | undefined } = { best: undefined, byName: undefined };
  visitCovering(roots, p, found);
  const target = found.byName ?? found.best;
  if (target === undefined || target.problem !== undefined) return;
  (Object.isFrozen(target) ? own(roots, target)! : target).problem = p;
}

/**
 * Makes a shared node the tree's own: it, and each shared node above it, are replaced by a copy
 * (children arrays copied too), so that it can take a problem. Returns the copy of `target`.
 */
function own(nodes: Node[], target: Node): Node | undefined {
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i]!;
    if (n !== target && (n.children === undefined || !contains(n.children, target))) continue;
    let mine = n;
    if (Object.isFrozen(n)) {
      mine = { ...n };
      if (n.children !== undefined) mine.children = n.children.slice();
      nodes[i] = mine;
    } else if (mine.children !== undefined && Object.isFrozen(mine.children)) mine.children = mine.children.slice();
    return n === target ? mine : own(mine.children!, target);
  }
  return undefined;
}

function contains(nodes: readonly Node[], target: Node): boolean {
  for (const n of nodes) if (n === target || (n.children !== undefined && contains(n.children, target))) return true;
  return false;
}

/** Walks the nodes that cover p's offset, depth first, noting the last covering node and the last of p's field. */
function visitCovering(nodes: Node[], p: Problem, found: { best: Node | undefined; byName: Node | undefined }): void {
  const at = p.offset;
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i]!;
    const end = n.offset + n.length;
    if (at < n.offset || at > end) continue;
    if (at < end || n.length === 0) found.best = n;
    if (n.name === p.field) found.byName = n;
    if (n.children !== undefined) visitCovering(n.children, p, found);
  }
}
