// Words for values in the field tree: quoted strings, hex octets, named integers and bit fields.
// The field type descriptors (./types) and the tree builder (../tree) both write displays with these.

import type { Problem } from '../fields';
import { latin1 } from '../tables/tlvs';
import { describeStatus, describeValue, hex, type BitPart, type ValueKind } from '../tables/values';

/** A field tree node while it is built; handed out as FieldNode. */
export interface TreeNode {
  name: string;
  label: string;
  value: unknown;
  display: string;
  offset: number;
  length: number;
  children?: TreeNode[];
  problem?: Problem;
}

export function node(name: string, label: string, value: unknown, display: string, offset: number, length: number): TreeNode {
  return { name, label, value, display, offset, length };
}

const MAX_HEX_DISPLAY = 64;

/** Character codes of the lower-case hex digits. */
const HEX_CODES: readonly number[] = Array.from('0123456789abcdef', (c) => c.charCodeAt(0));

/** Where hexBytes writes its characters, one octet each, before reading them as one string. */
const HEX_OUT = new Uint8Array(MAX_HEX_DISPLAY * 3 - 1);

/** Octets as spaced lower-case hex, cut after 64 octets: made as one string, not a character at a time. */
export function hexBytes(b: Uint8Array): string {
  const n = Math.min(b.length, MAX_HEX_DISPLAY);
  if (n === 0) return '';
  const out = HEX_OUT;
  for (let i = 0, k = 0; i < n; i++) {
    if (i > 0) out[k++] = 0x20;
    const x = b[i]!;
    out[k++] = HEX_CODES[x >> 4]!;
    out[k++] = HEX_CODES[x & 15]!;
  }
  const hex = latin1(out, 0, n * 3 - 1);
  return b.length <= MAX_HEX_DISPLAY ? hex : hex + ' … (' + b.length + ' octets)';
}

/** A string in double quotes, escaped as JSON would; `"" (empty)` for nothing. */
export function quote(s: string): string {
  if (s.length === 0) return '"" (empty)';
  // JSON escapes only control characters, `"`, `\` and lone surrogates: any other string is
  // quoted as it is (surrogates, paired or not, go the long way).
  return NEEDS_ESCAPE.test(s) ? JSON.stringify(s) : '"' + s + '"';
}

const NEEDS_ESCAPE = /[^\x20-\x21\x23-\x5b\x5d-\ud7ff\ue000-\uffff]/;

export function named(v: number, name: string | undefined): string {
  return name === undefined ? String(v) : v + ' (' + name + ')';
}

const HEX_KINDS: ReadonlySet<ValueKind> = new Set(['esm_class', 'registered_delivery', 'data_coding', 'interface_version']);

/** Displays of one-octet values, per kind, made the first time each is asked for. */
const OCTET_DISPLAYS = new Map<ValueKind, string[]>();

/** Status displays seen so far (few distinct codes ever appear). */
const STATUS_DISPLAYS = new Map<number, string>();

/** `ESME_ROK (0x00000000)`, remembered. */
export function statusDisplay(code: number): string {
  let s = STATUS_DISPLAYS.get(code);
  if (s === undefined) {
    s = describeStatus(code);
    if (STATUS_DISPLAYS.size < 4096) STATUS_DISPLAYS.set(code, s);
  }
  return s;
}

/** An integer with its name: `1 (International)`, `0x40 (UDHI)`, `ESME_ROK (0x00000000)`. */
export function intDisplay(v: number, kind: ValueKind | undefined, names?: Readonly<Record<number, string>>): string {
  if (kind === undefined) return names === undefined ? String(v) : named(v, names[v]);
  if (kind === 'command_status') return statusDisplay(v);
  if (v >= 0 && v <= 0xff) {
    let table = OCTET_DISPLAYS.get(kind);
    if (table === undefined) OCTET_DISPLAYS.set(kind, (table = new Array<string>(256)));
    return (table[v] ??= kindDisplay(v, kind));
  }
  return kindDisplay(v, kind);
}

function kindDisplay(v: number, kind: ValueKind): string {
  const name = describeValue(kind, v);
  if (HEX_KINDS.has(kind)) return hex(v, 2) + (name === undefined ? '' : ' (' + name + ')');
  return named(v, name ?? (kind === 'ton' || kind === 'npi' ? 'reserved' : undefined));
}

/** `..xx xx..` pictures of the 256 one-octet masks, made once. */
const MASKS: readonly string[] = Array.from({ length: 256 }, (_, mask) => {
  let s = '';
  for (let i = 7; i >= 0; i--) {
    s += (mask >> i) & 1 ? 'x' : '.';
    if (i === 4) s += ' ';
  }
  return s;
});

/** A one-octet value's bit fields, with their displays, made once per value. */
export function bitFields(partsOf: (v: number) => readonly BitPart[]): (v: number, offset: number) => TreeNode[] {
  const made: (readonly BitPart[])[] = new Array<readonly BitPart[]>(256);
  return (v, offset) => {
    const parts = (made[v & 0xff] ??= partsOf(v & 0xff).map((p) => ({ ...p, display: MASKS[p.mask & 0xff] + ' = ' + p.display })));
    const out: TreeNode[] = new Array<TreeNode>(parts.length);
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i]!;
      out[i] = node(p.name, p.label, p.value, p.display, offset, 1);
    }
    return out;
  };
}
