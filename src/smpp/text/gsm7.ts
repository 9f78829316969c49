// GSM 03.38 (3GPP TS 23.038) default alphabet and its extension table, in both of the forms
// SMPP peers use: unpacked (one septet per octet, the SMPP default for data_coding 0) and
// packed (7-bit packing as on the air interface, with fill bits after a UDH).
// Browser-safe: no Buffer, no node: imports.

import { hexNumber } from '../bytes';
import { latin1 } from '../tables/tlvs';

/** The default alphabet, indexed by septet value. Index 0x1B is the escape to the extension table. */
const DEFAULT_ALPHABET: readonly string[] = [
  '@', '£', '$', '¥', 'è', 'é', 'ù', 'ì', 'ò', 'Ç', '\n', 'Ø', 'ø', '\r', 'Å', 'å',
  'Δ', '_', 'Φ', 'Γ', 'Λ', 'Ω', 'Π', 'Ψ', 'Σ', 'Θ', 'Ξ', '\u001b', 'Æ', 'æ', 'ß', 'É',
  ' ', '!', '"', '#', '¤', '%', '&', "'", '(', ')', '*', '+', ',', '-', '.', '/',
  '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', ':', ';', '<', '=', '>', '?',
  '¡', 'A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'K', 'L', 'M', 'N', 'O',
  'P', 'Q', 'R', 'S', 'T', 'U', 'V', 'W', 'X', 'Y', 'Z', 'Ä', 'Ö', 'Ñ', 'Ü', '§',
  '¿', 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o',
  'p', 'q', 'r', 's', 't', 'u', 'v', 'w', 'x', 'y', 'z', 'ä', 'ö', 'ñ', 'ü', 'à',
];

/** The extension table: septet after 0x1B → character. */
const EXTENSION: ReadonlyMap<number, string> = new Map([
  [0x0a, '\f'],
  [0x14, '^'],
  [0x28, '{'],
  [0x29, '}'],
  [0x2f, '\\'],
  [0x3c, '['],
  [0x3d, '~'],
  [0x3e, ']'],
  [0x40, '|'],
  [0x65, '€'],
]);

export const GSM7_ESCAPE = 0x1b;

/** The default alphabet as UTF-16 code units, by septet (every character is one code unit). */
const DEFAULT_CODES: readonly number[] = DEFAULT_ALPHABET.map((ch) => ch.charCodeAt(0));
/** The extension table as code units, by septet; 0 where the septet has no character. */
const EXTENSION_CODES: readonly number[] = Array.from({ length: 128 }, (_, i) => EXTENSION.get(i)?.charCodeAt(0) ?? 0);

/** 1 for the octets that are the same character in GSM 7-bit as in ASCII (the escape is not). */
const SAME_AS_ASCII: Uint8Array = Uint8Array.from({ length: 256 }, (_, b) => (b < 0x80 && b !== GSM7_ESCAPE && DEFAULT_CODES[b] === b ? 1 : 0));

/**
 * The Latin-1 octet of each septet's character, where it has one: -1 for the escape, the Greek
 * capitals and the octets above 0x7F.
 */
const LATIN1_OF_SEPTET: Int16Array = Int16Array.from({ length: 256 }, (_, b) => (b < 0x80 && b !== GSM7_ESCAPE && DEFAULT_CODES[b]! <= 0xff ? DEFAULT_CODES[b]! : -1));

/** Where decodeUnpacked translates septets to Latin-1 octets; grown as needed. */
let translated = new Uint8Array(256);

/** The problem message of each octet above 0x7F, made the first time it is met. */
const NOT_SEPTET: (string | undefined)[] = new Array<string | undefined>(256);

/** Code units a single String.fromCharCode call is given at most. */
const CHUNK = 8192;

/** The string of the UTF-16 code units in `codes` (one string made, no concatenation per character). */
export function fromCodes(codes: number[]): string {
  const n = codes.length;
  if (n <= CHUNK) return String.fromCharCode.apply(null, codes);
  let s = '';
  for (let i = 0; i < n; i += CHUNK) s += String.fromCharCode.apply(null, codes.slice(i, i + CHUNK));
  return s;
}

const CHAR_TO_SEPTET: ReadonlyMap<string, number> = new Map(
  DEFAULT_ALPHABET.map((ch, i) => [ch, i] as const).filter(([, i]) => i !== GSM7_ESCAPE),
);
const CHAR_TO_EXTENSION: ReadonlyMap<string, number> = new Map([...EXTENSION].map(([k, v]) => [v, k] as const));

/** Every character of the extension table (each costs two septets). */
export const GSM7_EXTENSION_CHARS: readonly string[] = [...EXTENSION.values()];

export interface TextProblem {
  /** Byte offset into the decoded bytes (plus any base offset the caller gave). */
  offset: number;
  message: string;
}

export interface Gsm7DecodeResult {
  text: string;
  problems: TextProblem[];
}

/** Number of septets a character costs: 1, 2 (extension table), or 0 when it cannot be encoded. */
export function gsm7CharCost(ch: string): 0 | 1 | 2 {
  if (CHAR_TO_SEPTET.has(ch)) return 1;
  if (CHAR_TO_EXTENSION.has(ch)) return 2;
  return 0;
}

/** True when every character is in the default alphabet or the extension table. */
export function canEncodeGsm7(text: string): boolean {
  for (const ch of text) if (gsm7CharCost(ch) === 0) return false;
  return true;
}

/**
 * Septets the text needs: extension characters count 2. A character that GSM 7-bit cannot
 * encode counts 1 (it would be sent as '?'); use `canEncodeGsm7` to know whether that happens.
 */
export function septetLength(text: string): number {
  let n = 0;
  for (const ch of text) n += gsm7CharCost(ch) || 1;
  return n;
}

export interface Gsm7Unencodable {
  /** UTF-16 index of the character in the text. */
  index: number;
  char: string;
}

/**
 * Text → septet values (0..0x7F). Characters outside the alphabet are replaced by `replacement`
 * (default '?') and listed in `unencodable`.
 */
export function textToSeptets(text: string, replacement = '?'): { septets: number[]; unencodable: Gsm7Unencodable[] } {
  const septets: number[] = [];
  const unencodable: Gsm7Unencodable[] = [];
  let index = 0;
  for (const ch of text) {
    const s = CHAR_TO_SEPTET.get(ch);
    if (s !== undefined) septets.push(s);
    else {
      const e = CHAR_TO_EXTENSION.get(ch);
      if (e !== undefined) septets.push(GSM7_ESCAPE, e);
      else {
        unencodable.push({ index, char: ch });
        const r = CHAR_TO_SEPTET.get(replacement);
        if (r !== undefined) septets.push(r);
      }
    }
    index += ch.length;
  }
  return { septets, unencodable };
}

/**
 * Septet values → text. `offsetOf(i)` gives the byte offset of septet i for problem reports.
 * An escape followed by a value not in the extension table shows the default-alphabet character
 * (as 3GPP TS 23.038 tells a receiver to) and is reported.
 */
function septetsToText(septets: ArrayLike<number>, offsetOf: (i: number) => number): Gsm7DecodeResult {
  // One code unit per septet at most; the array is made at its full size and cut to what was written.
  const codes: number[] = new Array<number>(septets.length);
  let k = 0;
  const problems: TextProblem[] = [];
  for (let i = 0; i < septets.length; i++) {
    const s = septets[i];
    if (s > 0x7f) {
      problems.push({ offset: offsetOf(i), message: (NOT_SEPTET[s] ??= `${hexNumber(s, 2)} is not a GSM 7-bit septet (above 0x7F)`) });
      codes[k++] = 0xfffd;
      continue;
    }
    if (s !== GSM7_ESCAPE) {
      codes[k++] = DEFAULT_CODES[s];
      continue;
    }
    if (i + 1 >= septets.length) {
      problems.push({ offset: offsetOf(i), message: 'escape (0x1B) at the end of the text, with no extension character after it' });
      continue;
    }
    const next = septets[++i];
    const ext = next <= 0x7f ? EXTENSION_CODES[next] : 0;
    if (ext !== 0) codes[k++] = ext;
    else if (next > 0x7f) {
      problems.push({ offset: offsetOf(i), message: `${hexNumber(next, 2)} after escape is not a GSM 7-bit septet` });
      codes[k++] = 0xfffd;
    } else {
      problems.push({
        offset: offsetOf(i - 1),
        message: `escape 0x1B ${hexNumber(next, 2)} is not in the extension table; shown as the default character`,
      });
      codes[k++] = next === GSM7_ESCAPE ? 0x20 : DEFAULT_CODES[next];
    }
  }
  codes.length = k;
  return { text: fromCodes(codes), problems };
}

/** Decodes unpacked GSM 7-bit (one septet per octet). Octets 0x80 and above are reported, never thrown. */
export function decodeUnpacked(bytes: Uint8Array, baseOffset = 0): Gsm7DecodeResult {
  const n = bytes.length;
  let k = 0;
  while (k < n && SAME_AS_ASCII[bytes[k]] === 1) k++;
  // Letters, digits, most punctuation, LF and CR: the octets are the characters.
  if (k === n) return { text: latin1(bytes, 0, n), problems: [] };
  // No escape, no Greek capital, nothing above 0x7F: each character is one Latin-1 octet.
  if (translated.length < n) translated = new Uint8Array(Math.max(n, translated.length * 2));
  const out = translated;
  let i = k;
  for (; i < n; i++) {
    const c = LATIN1_OF_SEPTET[bytes[i]]!;
    if (c < 0) break;
    out[i] = c;
  }
  if (i === n) {
    for (let j = 0; j < k; j++) out[j] = bytes[j]!;
    return { text: latin1(out, 0, n), problems: [] };
  }
  return septetsToText(bytes, (i) => baseOffset + i);
}

/** Encodes text as unpacked GSM 7-bit. Throws RangeError naming the first character it cannot encode. */
export function encodeUnpacked(text: string): Uint8Array {
  const { septets, unencodable } = textToSeptets(text);
  if (unencodable.length) throw unencodableError(unencodable[0]);
  return Uint8Array.from(septets);
}

export function unencodableError(u: Gsm7Unencodable, encoding = 'GSM 7-bit'): RangeError {
  const cp = u.char.codePointAt(0) ?? 0;
  return new RangeError(
    `character ${JSON.stringify(u.char)} (U+${cp.toString(16).toUpperCase().padStart(4, '0')}) at index ${u.index} cannot be encoded in ${encoding}`,
  );
}

/**
 * Unpacks septets from packed octets. `fillBits` (0..6) are skipped at the start (the padding after
 * a UDH so the text starts on a septet boundary). Without `septetCount`, every whole septet is
 * taken; when exactly 7 spare bits remain at the end and they decode to 0x00 or CR, that septet is
 * padding and is dropped (3GPP TS 23.038 §6.1.2.3.1).
 */
export function unpackSeptets(bytes: Uint8Array, septetCount?: number, fillBits = 0): number[] {
  const fill = Math.max(0, Math.min(6, Math.trunc(fillBits)));
  const totalBits = bytes.length * 8 - fill;
  const available = totalBits > 0 ? Math.floor(totalBits / 7) : 0;
  const count = septetCount === undefined ? available : Math.max(0, Math.min(Math.trunc(septetCount), available));
  const out: number[] = [];
  for (let i = 0; i < count; i++) out.push(septetAt(bytes, fill + i * 7));
  // When the septets exactly fill the octets, a final 0x00 or CR is the padding a sender puts in
  // 7 spare bits. ('@' really at the end is indistinguishable; pass septetCount to keep it.)
  if (septetCount === undefined && count > 0 && totalBits % 7 === 0) {
    const last = out[count - 1];
    if (last === 0x00 || last === 0x0d) out.pop();
  }
  return out;
}

function septetAt(bytes: Uint8Array, bit: number): number {
  const byte = bit >> 3;
  const shift = bit & 7;
  let v = bytes[byte] >> shift;
  if (shift > 1 && byte + 1 < bytes.length) v |= bytes[byte + 1] << (8 - shift);
  return v & 0x7f;
}

/** Packs septet values into octets, after `fillBits` zero bits. */
export function packSeptets(septets: ArrayLike<number>, fillBits = 0): Uint8Array {
  const fill = Math.max(0, Math.min(6, Math.trunc(fillBits)));
  const out = new Uint8Array(Math.ceil((septets.length * 7 + fill) / 8));
  for (let i = 0; i < septets.length; i++) {
    const bit = fill + i * 7;
    const byte = bit >> 3;
    const shift = bit & 7;
    const v = septets[i] & 0x7f;
    out[byte] |= (v << shift) & 0xff;
    if (shift > 1) out[byte + 1] |= v >> (8 - shift);
  }
  return out;
}

/**
 * Decodes packed GSM 7-bit. Problem offsets are the octet where the septet starts (plus
 * `baseOffset`).
 */
export function decodePacked(bytes: Uint8Array, septetCount?: number, fillBits = 0, baseOffset = 0): Gsm7DecodeResult {
  const septets = unpackSeptets(bytes, septetCount, fillBits);
  const fill = Math.max(0, Math.min(6, Math.trunc(fillBits)));
  const result = septetsToText(septets, (i) => baseOffset + ((fill + i * 7) >> 3));
  if (septetCount !== undefined && septetCount > septets.length) {
    result.problems.push({
      offset: baseOffset + bytes.length,
      message: `expected ${septetCount} septets but the data holds only ${septets.length}`,
    });
  }
  return result;
}

/** Encodes text as packed GSM 7-bit after `fillBits` zero bits. Throws RangeError on a character it cannot encode. */
export function encodePacked(text: string, fillBits = 0): Uint8Array {
  const { septets, unencodable } = textToSeptets(text);
  if (unencodable.length) throw unencodableError(unencodable[0]);
  return packSeptets(septets, fillBits);
}

/** Fill bits needed after a UDH of `udhOctets` octets (UDHL included) so the text starts on a septet boundary. */
export function fillBitsAfterUdh(udhOctets: number): number {
  return (7 - ((udhOctets * 8) % 7)) % 7;
}
