// Reading and writing octets, once for the whole core: big-endian u32 (every SMPP header word),
// hex text, and copies. No Node API, so the webview bundles it too.
//
// `Buffer#slice` and `subarray` are views into the same memory. Bytes that are kept past the
// moment they were read go through `copyBytes`, which always copies, whatever kind of Uint8Array
// it is given.

/** The big-endian unsigned 32-bit integer at `at`; bytes missing past the end read as 0. */
export function readU32(b: Uint8Array, at: number): number {
  return (((b[at] ?? 0) << 24) | ((b[at + 1] ?? 0) << 16) | ((b[at + 2] ?? 0) << 8) | (b[at + 3] ?? 0)) >>> 0;
}

/** Writes `v` as a big-endian unsigned 32-bit integer at `at`. */
export function writeU32(b: Uint8Array, at: number, v: number): void {
  b[at] = (v >>> 24) & 0xff;
  b[at + 1] = (v >>> 16) & 0xff;
  b[at + 2] = (v >>> 8) & 0xff;
  b[at + 3] = v & 0xff;
}

/** A copy that owns its memory (never a view), as a plain Uint8Array. */
export function copyBytes(b: Uint8Array): Uint8Array {
  const out = new Uint8Array(b.length);
  out.set(b);
  return out;
}

const HEX_DIGITS = '0123456789abcdef';
const BYTE_HEX: readonly string[] = Array.from({ length: 256 }, (_, i) => HEX_DIGITS[i >> 4] + HEX_DIGITS[i & 15]);

/** Two lower-case hex digits for an octet. */
export function hex2(b: number): string {
  return BYTE_HEX[b & 0xff]!;
}

/** Lower-case hex of every octet, joined by `separator` (none by default). */
export function toHex(bytes: Uint8Array, separator = ''): string {
  if (bytes.length === 0) return '';
  let out = BYTE_HEX[bytes[0]!]!;
  for (let i = 1; i < bytes.length; i++) out += separator + BYTE_HEX[bytes[i]!]!;
  return out;
}

/** `0x` and upper-case hex of a number, zero-padded to `digits`. */
export function hexNumber(v: number, digits = 8): string {
  return '0x' + (v >>> 0).toString(16).toUpperCase().padStart(digits, '0');
}

function nibble(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

/**
 * The octets of a strict hex string (an even number of digits, nothing else). Returns undefined
 * for anything else; callers that need to say where it went wrong parse with hexInput.
 */
export function fromHex(hex: string): Uint8Array | undefined {
  if (hex.length % 2 !== 0) return undefined;
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) {
    const hi = nibble(hex.charCodeAt(2 * i));
    const lo = nibble(hex.charCodeAt(2 * i + 1));
    if (hi < 0 || lo < 0) return undefined;
    out[i] = (hi << 4) | lo;
  }
  return out;
}
