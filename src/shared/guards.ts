// The small checks the message guards in this folder are built from (decoderMessages.ts,
// loadTestMessages.ts). Imports nothing: the webview bundles it.

export type Obj = Record<string, unknown>;

/**
 * The longest connection name, in characters (code points, as JSON Schema counts them): the
 * connection file schema's maxLength for `name`, and what the pages accept.
 */
export const MAX_CONNECTION_NAME = 256;

/** A plain object: not null, not an array. */
export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function str(v: unknown, max: number): v is string {
  return typeof v === 'string' && v.length <= max;
}

/** A string of at most `max` characters, counted as code points (as JSON Schema's maxLength counts). */
export function chars(v: unknown, max: number): v is string {
  if (typeof v !== 'string') return false;
  if (v.length <= max) return true;
  if (v.length > 2 * max) return false;
  let n = 0;
  for (const _ of v) if (++n > max) return false;
  return true;
}

/** A connection name the connection file accepts. */
export function connectionName(v: unknown): v is string {
  return chars(v, MAX_CONNECTION_NAME);
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

/**
 * A plain object of at most `max` keys, each an integer 0..`maxKey` written in decimal without
 * leading zeros (as JSON writes a number-keyed record), each value passing `value`.
 */
export function numberKeyed<T>(v: unknown, max: number, maxKey: number, value: (x: unknown) => x is T): v is Record<number, T> {
  if (!isObj(v)) return false;
  const ks = Object.keys(v);
  if (ks.length > max) return false;
  for (const k of ks) {
    if (!/^(?:0|[1-9][0-9]{0,15})$/.test(k) || Number(k) > maxKey || !value(v[k])) return false;
  }
  return true;
}

/**
 * The items of an array that pass `item`, and how many did not (one bad row costs that row, not
 * the batch). Items past `max` count as dropped. Undefined when `v` is not an array.
 */
export function sift<T>(v: unknown, max: number, item: (x: unknown) => x is T): { items: T[]; dropped: number } | undefined {
  if (!Array.isArray(v)) return undefined;
  const items: T[] = [];
  const n = Math.min(v.length, max);
  for (let i = 0; i < n; i++) {
    const x: unknown = v[i];
    if (item(x)) items.push(x);
  }
  return { items, dropped: v.length - items.length };
}

/** A short description of a rejected message for a log line: its type, if it has one, never its content. */
export function describeRejected(v: unknown): string {
  if (!isObj(v)) return Array.isArray(v) ? 'an array' : v === null ? 'null' : typeof v;
  const t = v.type;
  return typeof t === 'string' ? `a '${t.slice(0, 40)}' message that fails its guard` : 'an object without a type';
}
