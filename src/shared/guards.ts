// The small checks the message guards in this folder are built from (decoderMessages.ts,
// loadTestMessages.ts). Imports nothing: the webview bundles it.

export type Obj = Record<string, unknown>;

/** A plain object: not null, not an array. */
export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function str(v: unknown, max: number): v is string {
  return typeof v === 'string' && v.length <= max;
}

export function int(v: unknown, min: number, max: number): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
}

export function finite(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

/** A finite number in [min, max] (NaN and the infinities fail). */
export function num(v: unknown, min: number, max = Number.MAX_VALUE): v is number {
  return finite(v) && v >= min && v <= max;
}

export function bool(v: unknown): v is boolean {
  return typeof v === 'boolean';
}

/**
 * True when `v` holds the keys in `required` as its own properties, and no key beyond them and
 * the `optional` ones.
 */
export function keys(v: Obj, required: readonly string[], optional: readonly string[] = []): boolean {
  for (const k of required) if (!Object.prototype.hasOwnProperty.call(v, k)) return false;
  for (const k of Object.keys(v)) if (!required.includes(k) && !optional.includes(k)) return false;
  return true;
}

/** An array of at most `max` items, each passing `item`. */
export function list<T>(v: unknown, max: number, item: (x: unknown) => x is T): v is T[] {
  return Array.isArray(v) && v.length <= max && v.every((x) => item(x));
}

/** An array of at most `maxItems` strings, each at most `maxLength` long. */
export function strings(v: unknown, maxItems: number, maxLength: number): v is string[] {
  return list(v, maxItems, (s): s is string => str(s, maxLength));
}

/** A short description of a rejected message for a log line: its type, if it has one, never its content. */
export function describeRejected(v: unknown): string {
  if (!isObj(v)) return Array.isArray(v) ? 'an array' : v === null ? 'null' : typeof v;
  const t = v.type;
  return typeof t === 'string' ? `a '${t.slice(0, 40)}' message that fails its guard` : 'an object without a type';
}
