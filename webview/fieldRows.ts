// The decoder's field table as plain data: the codec's field tree flattened into rows (with depth,
// a stable path, and whether the row is open), problems placed after what decoded before them, the
// innermost field holding a byte, and how values read in one cell. No DOM, so it is unit-tested.

import type { FieldNode, Problem } from '../src/smpp/fields';

export interface FieldRow {
  kind: 'field';
  /** Index path from the roots, e.g. `1.4.0`. */
  path: string;
  depth: number;
  node: FieldNode;
  hasChildren: boolean;
  open: boolean;
}

export interface ProblemRow {
  kind: 'problem';
  /** The path of the field it belongs to, or `@offset` when none covers it. */
  path: string;
  depth: number;
  problem: Problem;
}

export type TableRow = FieldRow | ProblemRow;

/** Every node by path, in document order, with its depth and parent path. */
export interface IndexedNode {
  path: string;
  parent: string | undefined;
  depth: number;
  node: FieldNode;
}

export function indexFields(roots: readonly FieldNode[]): IndexedNode[] {
  const out: IndexedNode[] = [];
  const walk = (nodes: readonly FieldNode[], prefix: string, parent: string | undefined, depth: number): void => {
    nodes.forEach((node, i) => {
      const path = prefix === '' ? String(i) : prefix + '.' + i;
      out.push({ path, parent, depth, node });
      if (node.children?.length) walk(node.children, path, path, depth + 1);
    });
  };
  walk(roots, '', undefined, 0);
  return out;
}

/**
 * Whether a node starts closed: a bit field (every child a leaf on the node's own bytes) or a TLV
 * with a plain value (tag / length / value leaves). Everything else starts open, so a message's
 * text, UDH elements and receipt parts show at once.
 */
export function startsClosed(node: FieldNode): boolean {
  const kids = node.children;
  if (!kids?.length || kids.some((k) => k.children?.length)) return false;
  const bits = kids.every((k) => k.offset === node.offset && k.length === node.length && node.length <= 4);
  const tlv = kids.length === 3 && kids[0]!.name === 'tag' && kids[1]!.name === 'length' && kids[2]!.name === 'value';
  return bits || tlv;
}

/** The paths that start closed. */
export function defaultClosed(index: readonly IndexedNode[]): Set<string> {
  return new Set(index.filter((n) => startsClosed(n.node)).map((n) => n.path));
}

/**
 * The rows to show: open subtrees expanded, each problem right after the row of the field it is
 * attached to (a closed ancestor shows it instead), and problems no field holds after the last
 * top-level field that starts at or before their offset.
 */
export function buildRows(roots: readonly FieldNode[], closed: ReadonlySet<string>, problems: readonly Problem[]): TableRow[] {
  const rows: TableRow[] = [];
  const attached = new Set<Problem>();
  const walk = (nodes: readonly FieldNode[], prefix: string, depth: number, visible: boolean, carry: Problem[]): void => {
    nodes.forEach((node, i) => {
      const path = prefix === '' ? String(i) : prefix + '.' + i;
      const hasChildren = (node.children?.length ?? 0) > 0;
      const open = hasChildren && !closed.has(path);
      if (node.problem !== undefined) attached.add(node.problem);
      if (visible) {
        rows.push({ kind: 'field', path, depth, node, hasChildren, open });
        if (node.problem !== undefined) rows.push({ kind: 'problem', path, depth: depth + 1, problem: node.problem });
        const hidden: Problem[] = [];
        if (hasChildren) walk(node.children!, path, depth + 1, open, hidden);
        for (const p of hidden) rows.push({ kind: 'problem', path, depth: depth + 1, problem: p });
      } else {
        if (node.problem !== undefined) carry.push(node.problem);
        if (hasChildren) walk(node.children!, path, depth + 1, false, carry);
      }
    });
  };
  walk(roots, '', 0, true, []);

  const loose = problems.filter((p) => !attached.has(p)).sort((a, b) => a.offset - b.offset);
  for (const p of loose) {
    // After the subtree of the last root that starts at or before the problem.
    let at = 0;
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i]!;
      if (r.kind === 'field' && r.depth === 0 && r.node.offset > p.offset) break;
      at = i + 1;
    }
    rows.splice(at, 0, { kind: 'problem', path: '@' + p.offset, depth: 0, problem: p });
  }
  return rows;
}

/**
 * The innermost field holding byte `offset`: the shortest covering node, the shallowest of equal
 * ones (so a bit field's byte picks the field, not one of its bits). Undefined outside every field.
 */
export function innermostAt(index: readonly IndexedNode[], offset: number): IndexedNode | undefined {
  let best: IndexedNode | undefined;
  for (const n of index) {
    const { offset: o, length } = n.node;
    if (length <= 0 || offset < o || offset >= o + length) continue;
    if (best === undefined || length < best.node.length || (length === best.node.length && n.depth < best.depth)) best = n;
  }
  return best;
}

/** The ancestors' paths of `path`, outermost first (`1.4.0` → `1`, `1.4`). */
export function ancestors(path: string): string[] {
  const parts = path.split('.');
  const out: string[] = [];
  for (let i = 1; i < parts.length; i++) out.push(parts.slice(0, i).join('.'));
  return out;
}

/** The nearest row on screen for `path`: itself if shown, else its nearest shown ancestor. */
export function visiblePath(path: string, shown: ReadonlySet<string>): string | undefined {
  if (shown.has(path)) return path;
  const up = ancestors(path);
  for (let i = up.length - 1; i >= 0; i--) if (shown.has(up[i]!)) return up[i];
  return undefined;
}

/**
 * The longest string a value cell shows (a message_payload may hold 64 KiB); anything up to it is
 * shown whole and wraps, so an address or a 160-character text is never cut.
 */
export const MAX_VALUE = 2048;
/** The bytes a value cell shows of an octet string; the bytes pane shows them all. */
export const MAX_VALUE_BYTES = 16;

function cut(s: string): string {
  return s.length > MAX_VALUE ? s.slice(0, MAX_VALUE - 1) + '…' : s;
}

/** A value as one cell: numbers, quoted strings, bytes as hex (the first 16; the bytes pane has them all); '' for structures. */
export function formatValue(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'string') return cut(JSON.stringify(v));
  if (v instanceof Uint8Array) {
    const n = Math.min(v.length, MAX_VALUE_BYTES);
    let s = '';
    for (let i = 0; i < n; i++) s += (i ? ' ' : '') + v[i]!.toString(16).padStart(2, '0');
    return v.length > n ? s + ' …' : s;
  }
  return '';
}

/** What a field filter shows: the rows' paths, and the ancestors of the hits (shown open). */
export interface FieldFilter {
  show: Set<string>;
  open: Set<string>;
  hits: number;
}

/**
 * What a field filter shows: every field whose friendly name, spec name, value or meaning holds
 * `query` (any case), with its ancestors opened (so it shows where it sits) and its descendants.
 * Undefined for an empty query: everything shows.
 */
export function filterFields(index: readonly IndexedNode[], query: string): FieldFilter | undefined {
  const q = query.trim().toLowerCase();
  if (q === '') return undefined;
  const show = new Set<string>();
  const open = new Set<string>();
  const under = new Set<string>();
  let hits = 0;
  // Document order: a parent comes before its children.
  for (const n of index) {
    const node = n.node;
    const hit = [node.label, node.name, formatValue(node.value), node.display].some((w) => w.toLowerCase().includes(q));
    if (n.parent !== undefined && under.has(n.parent)) {
      under.add(n.path);
      show.add(n.path);
    }
    if (!hit) continue;
    hits++;
    under.add(n.path);
    show.add(n.path);
    for (const a of ancestors(n.path)) {
      show.add(a);
      open.add(a);
    }
  }
  return { show, open, hits };
}

/** The display when it says more than the value cell, else ''. */
export function meaning(node: FieldNode): string {
  const v = formatValue(node.value);
  const d = node.display;
  if (d === v || d === String(node.value ?? '') || (typeof node.value === 'string' && d === JSON.stringify(node.value))) return '';
  return d;
}

/** The problems' byte ranges, for marking in the hex view (at least one byte each, clipped to the PDU). */
export function problemBytes(problems: readonly Problem[], size: number): Set<number> {
  const out = new Set<number>();
  for (const p of problems) {
    const from = Math.min(Math.max(0, p.offset), Math.max(0, size - 1));
    const to = Math.min(size, Math.max(from + 1, p.offset + (p.length ?? 1)));
    for (let i = from; i < to; i++) out.add(i);
  }
  return out;
}
