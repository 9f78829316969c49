// Words for values in the field tree: quoted strings, hex octets, named integers and bit fields.
// The field type descriptors (./types) and the tree builder (../tree) both write displays with these.

import { toHex } from '../bytes';
import type { Problem } from '../fields';
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

/** Octets as spaced lower-case hex, cut after 64 octets. */
export function hexBytes(b: Uint8Array): string {
  if (b.length <= MAX_HEX_DISPLAY) return toHex(b, ' ');
  return toHex(b.subarray(0, MAX_HEX_DISPLAY), ' ') + ' … (' + b.length + ' octets)';
}

/** A string in double quotes, escaped as JSON would; `"" (empty)` for nothing. */
export function quote(s: string): string {
  if (s.length === 0) return '"" (empty)';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // Printable ASCII other than `"` and `\` needs no escaping; anything else goes the long way.
    if (c < 0x20 || c > 0x7e || c === 0x22 || c === 0x5c) return JSON.stringify(s);
  }
  return '"' + s + '"';
}

export function named(v: number, name: string | undefined): string {
  return name === undefined ? String(v) : v + ' (' + name + ')';
}

const HEX_KINDS: ReadonlySet<ValueKind> = new Set(['esm_class', 'registered_delivery', 'data_coding', 'interface_version']);

/** An integer with its name: `1 (International)`, `0x40 (UDHI)`, `ESME_ROK (0x00000000)`. */
export function intDisplay(v: number, kind: ValueKind | undefined, names?: Readonly<Record<number, string>>): string {
  if (kind === undefined) return names === undefined ? String(v) : named(v, names[v]);
  if (kind === 'command_status') return describeStatus(v);
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

/** One node per bit field of a one-octet value. */
export function bitNodes(parts: readonly BitPart[], offset: number): TreeNode[] {
  const out: TreeNode[] = new Array<TreeNode>(parts.length);
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    out[i] = node(p.name, p.label, p.value, MASKS[p.mask & 0xff] + ' = ' + p.display, offset, 1);
  }
  return out;
}
