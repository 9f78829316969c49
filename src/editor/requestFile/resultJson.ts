// A sent block's result as the document beside the request file shows it, and its line in the
// SMPP log. No `vscode`.
import type { BlockResult } from '../../smpp/requests';

/** What the result document says: the block, where it was sent, whether it passed, then each send and expectation. */
export function resultDocument(label: string, connection: string, sentAt: Date, r: BlockResult): Record<string, unknown> {
  return {
    block: label,
    connection,
    sentAt: sentAt.toISOString(),
    passed: r.passed,
    ...(r.error === undefined ? {} : { error: r.error }),
    durationMs: r.durationMs,
    expectations: r.expectations.map((e) => ({ expect: e.text, line: e.line + 1, passed: e.passed, ...(e.message === undefined ? {} : { message: e.message }) })),
    // Each send's answer first, then what was sent.
    sends: r.sends.map((s) =>
      jsonSafe({
        send: s.index + 1,
        counter: s.counter,
        ...(s.error === undefined ? {} : { error: s.error }),
        ...(s.response === undefined ? {} : { response: s.response }),
        ...(s.receipts === undefined ? {} : { receipts: s.receipts }),
        ...(s.pdu === undefined ? {} : { request: s.pdu }),
      }),
    ),
  };
}

/** One line for the log: how many were sent and answered, and the expectations' outcome. */
export function summary(r: BlockResult): string {
  const failed = r.expectations.filter((e) => !e.passed).length;
  const expectations = r.expectations.length === 0 ? '' : failed === 0 ? `; ${r.expectations.length} expectation(s) met` : `; ${failed} of ${r.expectations.length} expectation(s) failed`;
  return `${r.sends.length} sent, ${r.sends.filter((s) => s.response).length} answered${expectations}`;
}

/** The result as JSON can carry it: octets as hex, big integers as text, errors as their message. */
export function jsonSafe(value: unknown, depth = 0): unknown {
  if (depth > 20) return '…';
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex');
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Error) return value.message;
  if (value instanceof RegExp) return String(value);
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((v) => jsonSafe(v, depth + 1));
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, jsonSafe(v, depth + 1)]));
  return value;
}
