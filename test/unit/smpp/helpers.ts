// Shared helpers for the protocol-core tests.

import type { FieldNode } from '../../../src/smpp/fields';

/** Bytes as lower-case hex. */
export function toHex(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.length).toString('hex');
}

/** A deep copy with every Uint8Array (Buffer or not) replaced by `hex:<digits>`, for deepEqual. */
export function plain(v: unknown): unknown {
  if (v instanceof Uint8Array) return 'hex:' + toHex(v);
  if (Array.isArray(v)) return v.map(plain);
  if (v !== null && typeof v === 'object' && !(v instanceof Date)) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = plain(x);
    return out;
  }
  return v;
}

/** Every node of a tree, depth first. */
export function* walk(nodes: readonly FieldNode[] | undefined): Generator<FieldNode> {
  for (const n of nodes ?? []) {
    yield n;
    yield* walk(n.children);
  }
}

/** The first node (depth first) with this name. */
export function findNode(nodes: readonly FieldNode[] | undefined, name: string): FieldNode | undefined {
  for (const n of walk(nodes)) if (n.name === name) return n;
  return undefined;
}

export { prng } from '../../fixtures/corpus';
