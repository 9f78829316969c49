// Short message text: data_coding interpretation (SMPP values and the 3GPP TS 23.038 coding
// groups, never `& 0x0F`), decoding to text with problems at byte offsets, and encoding.
// Browser-safe: no Buffer, no node: imports.
import { fromHex, hexNumber, toHex } from '../bytes';
import { latin1 } from '../tables/tlvs';
import {
  decodePacked,
  fromCodes,
  decodeUnpacked,
  packSeptets,
  textToSeptets,
  unencodableError,
  type Gsm7Unencodable,
  type TextProblem,
} from './gsm7';

export type { TextProblem } from './gsm7';

/** Encodings this module can name. `binary` text is hex. */
export type TextEncoding =
  | 'gsm7'
  | 'gsm7-packed'
  | 'ascii'
  | 'latin1'
  | 'iso-8859-5'
  | 'iso-8859-8'
  | 'ucs2'
  | 'binary'
  | 'jis'
  | 'iso-2022-jp'
  | 'jis-x-0212'
  | 'ks-c-5601';

export interface DecodeTextOptions {
  /** Alphabet assumed for data_coding 0 (MC default). Default 'gsm7'. */
  dcs0?: 'gsm7' | 'latin1' | 'ascii';
  /** GSM 7-bit text is packed (7 bits per septet) rather than one septet per octet. Default false. */
  packed?: boolean;
  /** Packed only: fill bits before the first septet (after a UDH). */
  fillBits?: number;
  /** Packed only: number of septets, when known. */
  septetCount?: number;
  /** Added to every problem offset (e.g. the short_message's offset in the PDU). Default 0. */
  baseOffset?: number;
}

export interface DecodedText {
  text: string;
  encoding: TextEncoding;
  problems: TextProblem[];
}

export type Alphabet = 'default' | 'gsm7' | 'ascii' | 'latin1' | 'binary' | 'jis' | 'iso-8859-5' | 'iso-8859-8' | 'ucs2' | 'pictogram' | 'iso-2022-jp' | 'jis-x-0212' | 'ks-c-5601' | 'reserved';

export interface DataCodingInfo {
  value: number;
  /** SMPP's own table (0x00–0x0F) or a 3GPP TS 23.038 coding group. */
  group: 'smpp' | 'general' | 'auto-delete' | 'reserved' | 'mwi-discard' | 'mwi-store' | 'mwi-store-ucs2' | 'message-class';
  alphabet: Alphabet;
  messageClass?: 0 | 1 | 2 | 3;
  compressed?: boolean;
  /** Message-waiting groups: indication active (bit 3) and type (bits 0–1). */
  indication?: { active: boolean; type: 'voicemail' | 'fax' | 'email' | 'other' };
  description: string;
}

const CLASS_MEANING = ['flash (display immediately)', 'ME-specific', 'SIM-specific', 'TE-specific'] as const;
const INDICATION = ['voicemail', 'fax', 'email', 'other'] as const;

const SMPP_TABLE: readonly { alphabet: Alphabet; description: string }[] = [
  { alphabet: 'default', description: 'MC default alphabet' },
  { alphabet: 'ascii', description: 'IA5 (CCITT T.50) / ASCII' },
  { alphabet: 'binary', description: '8-bit binary' },
  { alphabet: 'latin1', description: 'Latin-1 (ISO-8859-1)' },
  { alphabet: 'binary', description: '8-bit binary' },
  { alphabet: 'jis', description: 'JIS (X 0208-1990)' },
  { alphabet: 'iso-8859-5', description: 'Cyrillic (ISO-8859-5)' },
  { alphabet: 'iso-8859-8', description: 'Latin/Hebrew (ISO-8859-8)' },
  { alphabet: 'ucs2', description: 'UCS-2 (ISO/IEC 10646)' },
  { alphabet: 'pictogram', description: 'Pictogram encoding' },
  { alphabet: 'iso-2022-jp', description: 'ISO-2022-JP (music codes)' },
  { alphabet: 'reserved', description: 'Reserved' },
  { alphabet: 'reserved', description: 'Reserved' },
  { alphabet: 'jis-x-0212', description: 'Extended Kanji JIS (X 0212-1990)' },
  { alphabet: 'ks-c-5601', description: 'KS C 5601 (Korean)' },
  { alphabet: 'reserved', description: 'Reserved' },
];

const ALPHABET_NAME: Partial<Record<Alphabet, string>> = {
  gsm7: 'GSM 7-bit',
  binary: '8-bit data',
  ucs2: 'UCS-2',
  reserved: 'reserved alphabet',
};

/** Splits a data_coding value into its coding group, alphabet, class and indication. */
export function interpretDataCoding(dcs: number): DataCodingInfo {
  const value = dcs & 0xff;
  if (value <= 0x0f) {
    const row = SMPP_TABLE[value];
    return { value, group: 'smpp', alphabet: row.alphabet, description: row.description };
  }
  const top = value >> 4;
  if (top <= 0x07) {
    // 00xx xxxx general data coding, 01xx xxxx automatic deletion: bit 5 compressed,
    // bit 4 class meaningful, bits 3–2 alphabet, bits 1–0 class.
    const group = top <= 0x03 ? 'general' : 'auto-delete';
    const compressed = (value & 0x20) !== 0;
    const alphabetBits = (value >> 2) & 0x03;
    const alphabet: Alphabet = alphabetBits === 0 ? 'gsm7' : alphabetBits === 1 ? 'binary' : alphabetBits === 2 ? 'ucs2' : 'reserved';
    const hasClass = (value & 0x10) !== 0;
    const messageClass = hasClass ? ((value & 0x03) as 0 | 1 | 2 | 3) : undefined;
    const parts: string[] = [];
    if (group === 'auto-delete') parts.push('Marked for automatic deletion');
    if (compressed) parts.push('Compressed');
    if (messageClass !== undefined) parts.push(`Message class ${messageClass}`);
    parts.push(ALPHABET_NAME[alphabet] ?? alphabet);
    const info: DataCodingInfo = { value, group, alphabet, compressed, description: parts.join(', ') };
    if (messageClass !== undefined) info.messageClass = messageClass;
    return info;
  }
  if (top <= 0x0b) return { value, group: 'reserved', alphabet: 'reserved', description: 'Reserved coding group' };
  if (top <= 0x0e) {
    const group = top === 0x0c ? 'mwi-discard' : top === 0x0d ? 'mwi-store' : 'mwi-store-ucs2';
    const indication = { active: (value & 0x08) !== 0, type: INDICATION[value & 0x03] };
    const alphabet: Alphabet = top === 0x0e ? 'ucs2' : 'gsm7';
    const what = top === 0x0c ? 'discard message' : 'store message';
    return {
      value,
      group,
      alphabet,
      indication,
      description: `Message waiting (${what}), ${indication.type} indication ${indication.active ? 'active' : 'inactive'}, ${ALPHABET_NAME[alphabet]}`,
    };
  }
  const messageClass = (value & 0x03) as 0 | 1 | 2 | 3;
  const alphabet: Alphabet = value & 0x04 ? 'binary' : 'gsm7';
  return { value, group: 'message-class', alphabet, messageClass, description: `Message class ${messageClass}, ${ALPHABET_NAME[alphabet]}` };
}

/** A readable name for a data_coding value, e.g. "UCS-2 (ISO/IEC 10646)", "Message class 2, GSM 7-bit". */
export function describeDataCoding(dcs: number): string {
  return interpretDataCoding(dcs).description;
}

/** Meaning of a message class (0–3). */
export function describeMessageClass(messageClass: number): string {
  return CLASS_MEANING[messageClass & 0x03];
}

/** Bytes as lower-case hex without separators. */
export { toHex };

// ISO-8859-5 and ISO-8859-8 as tables, so decoding does not depend on the runtime's ICU build.
// `undefined` marks bytes the standard leaves unassigned.
function buildIso8859_5(): (number | undefined)[] {
  const t: (number | undefined)[] = [];
  for (let b = 0; b < 256; b++) {
    if (b <= 0xa0 || b === 0xad) t.push(b);
    else if (b === 0xf0) t.push(0x2116); // №
    else if (b === 0xfd) t.push(0x00a7); // §
    else t.push(b + 0x360); // Ё..Ќ, Ў..я, ё..ќ, ў, џ
  }
  return t;
}

function buildIso8859_8(): (number | undefined)[] {
  const t: (number | undefined)[] = [];
  for (let b = 0; b < 256; b++) {
    if (b <= 0xa0) t.push(b);
    else if (b === 0xa1) t.push(undefined);
    else if (b === 0xaa) t.push(0x00d7); // ×
    else if (b === 0xba) t.push(0x00f7); // ÷
    else if (b <= 0xbe) t.push(b);
    else if (b <= 0xde) t.push(undefined);
    else if (b === 0xdf) t.push(0x2017); // ‗
    else if (b <= 0xfa) t.push(b - 0xe0 + 0x05d0); // Hebrew letters
    else if (b === 0xfd) t.push(0x200e); // LRM
    else if (b === 0xfe) t.push(0x200f); // RLM
    else t.push(undefined);
  }
  return t;
}

const ISO_8859_5 = buildIso8859_5();
const ISO_8859_8 = buildIso8859_8();
const ISO_8859_5_REVERSE = reverseTable(ISO_8859_5);
const ISO_8859_8_REVERSE = reverseTable(ISO_8859_8);

function reverseTable(t: (number | undefined)[]): Map<number, number> {
  const m = new Map<number, number>();
  t.forEach((cp, b) => {
    if (cp !== undefined) m.set(cp, b);
  });
  return m;
}

function decodeTable(bytes: Uint8Array, table: (number | undefined)[], name: string, base: number): { text: string; problems: TextProblem[] } {
  const codes: number[] = new Array<number>(bytes.length);
  let k = 0;
  const problems: TextProblem[] = [];
  for (let i = 0; i < bytes.length; i++) {
    const cp = table[bytes[i]];
    if (cp === undefined) {
      problems.push({ offset: base + i, message: `${hexNumber(bytes[i], 2)} is not assigned in ${name}` });
      codes[k++] = 0xfffd;
    } else codes[k++] = cp;
  }
  codes.length = k;
  return { text: fromCodes(codes), problems };
}

function decodeAscii(bytes: Uint8Array, base: number): { text: string; problems: TextProblem[] } {
  const problems: TextProblem[] = [];
  let i = 0;
  while (i < bytes.length && bytes[i] <= 0x7f) i++;
  // All IA5: the octets are the characters.
  if (i === bytes.length) return { text: latin1(bytes, 0, bytes.length), problems };
  const codes: number[] = new Array<number>(bytes.length);
  for (let k = 0; k < bytes.length; k++) {
    const b = bytes[k];
    if (b > 0x7f) {
      problems.push({ offset: base + k, message: `${hexNumber(b, 2)} is not an IA5/ASCII character (above 0x7F)` });
      codes[k] = 0xfffd;
    } else codes[k] = b;
  }
  return { text: fromCodes(codes), problems };
}

/** UCS-2/UTF-16 big-endian: surrogate pairs are joined; a lone surrogate or an odd final octet is a problem. */
function decodeUcs2(bytes: Uint8Array, base: number): { text: string; problems: TextProblem[] } {
  const codes: number[] = new Array<number>(bytes.length >> 1);
  let k = 0;
  const problems: TextProblem[] = [];
  const even = bytes.length & ~1;
  for (let i = 0; i < even; i += 2) {
    const u = (bytes[i] << 8) | bytes[i + 1];
    if (u >= 0xd800 && u <= 0xdbff) {
      const lo = i + 2 < even ? (bytes[i + 2] << 8) | bytes[i + 3] : -1;
      if (lo >= 0xdc00 && lo <= 0xdfff) {
        codes[k++] = u;
        codes[k++] = lo;
        i += 2;
        continue;
      }
      problems.push({ offset: base + i, message: `high surrogate 0x${u.toString(16).toUpperCase()} is not followed by a low surrogate` });
      codes[k++] = 0xfffd;
    } else if (u >= 0xdc00 && u <= 0xdfff) {
      problems.push({ offset: base + i, message: `low surrogate 0x${u.toString(16).toUpperCase()} without a high surrogate before it` });
      codes[k++] = 0xfffd;
    } else codes[k++] = u;
  }
  if (bytes.length & 1) {
    problems.push({ offset: base + bytes.length - 1, message: 'UCS-2 text has an odd number of octets; the last octet is left over' });
  }
  codes.length = k;
  return { text: fromCodes(codes), problems };
}

/** Best effort through the runtime's TextDecoder; falls back to hex when the label is missing. */
function decodeWithLabel(bytes: Uint8Array, labels: string[], name: string, base: number): { text: string; problems: TextProblem[]; ok: boolean } {
  for (const label of labels) {
    let decoder: InstanceType<typeof TextDecoder>;
    try {
      decoder = new TextDecoder(label, { fatal: true });
    } catch {
      continue; // label not supported by this runtime
    }
    try {
      return { text: decoder.decode(bytes), problems: [], ok: true };
    } catch {
      const lenient = new TextDecoder(label);
      return {
        text: lenient.decode(bytes),
        problems: [{ offset: base, message: `the text holds byte sequences that are not valid ${name}` }],
        ok: true,
      };
    }
  }
  return { text: toHex(bytes), problems: [{ offset: base, message: `${name} is not supported here; shown as hex` }], ok: false };
}

/** Character codes of the lower-case hex digits, by value. */
const DIGIT_CODES: Uint8Array = Uint8Array.from('0123456789abcdef', (c) => c.charCodeAt(0));

/** Where binaryText writes its digits; grown as needed. */
let digitOctets = new Uint8Array(512);

/** toHex(bytes), as binary text shows: the digits written as octets into one buffer, read as one Latin-1 string. */
function binaryText(bytes: Uint8Array): string {
  const n = bytes.length;
  if (digitOctets.length < n * 2) digitOctets = new Uint8Array(Math.max(n * 2, digitOctets.length * 2));
  const out = digitOctets;
  for (let i = 0; i < n; i++) {
    const x = bytes[i]!;
    out[i * 2] = DIGIT_CODES[x >> 4]!;
    out[i * 2 + 1] = DIGIT_CODES[x & 15]!;
  }
  return latin1(out, 0, n * 2);
}

/** interpretDataCoding of each data_coding value, made the first time decodeText meets it (read only). */
const CODINGS: (DataCodingInfo | undefined)[] = new Array<DataCodingInfo | undefined>(256);

/**
 * Decodes short message bytes by data_coding. Never throws: invalid bytes become U+FFFD (or are
 * skipped) and are listed in `problems` with their offsets.
 */
export function decodeText(bytes: Uint8Array, dataCoding: number, opts: DecodeTextOptions = {}): DecodedText {
  const base = opts.baseOffset ?? 0;
  const info = (CODINGS[dataCoding & 0xff] ??= interpretDataCoding(dataCoding));
  let alphabet = info.alphabet;
  if (alphabet === 'default') alphabet = opts.dcs0 ?? 'gsm7';
  const extra: TextProblem[] = [];
  if (info.compressed) {
    extra.push({ offset: base, message: 'the text is compressed (3GPP TS 23.042), which is not supported; shown as hex' });
    return { text: binaryText(bytes), encoding: 'binary', problems: extra };
  }
  switch (alphabet) {
    case 'gsm7': {
      if (opts.packed) {
        const r = decodePacked(bytes, opts.septetCount, opts.fillBits ?? 0, base);
        return { text: r.text, encoding: 'gsm7-packed', problems: r.problems };
      }
      const r = decodeUnpacked(bytes, base);
      return { text: r.text, encoding: 'gsm7', problems: r.problems };
    }
    case 'ascii': {
      const r = decodeAscii(bytes, base);
      return { text: r.text, encoding: 'ascii', problems: r.problems };
    }
    case 'latin1':
      return { text: latin1(bytes, 0, bytes.length), encoding: 'latin1', problems: [] };
    case 'iso-8859-5': {
      const r = decodeTable(bytes, ISO_8859_5, 'ISO-8859-5', base);
      return { text: r.text, encoding: 'iso-8859-5', problems: r.problems };
    }
    case 'iso-8859-8': {
      const r = decodeTable(bytes, ISO_8859_8, 'ISO-8859-8', base);
      return { text: r.text, encoding: 'iso-8859-8', problems: r.problems };
    }
    case 'ucs2': {
      const r = decodeUcs2(bytes, base);
      return { text: r.text, encoding: 'ucs2', problems: r.problems };
    }
    case 'jis': {
      // SMPP names JIS X 0208; peers send it as Shift_JIS in practice, sometimes as EUC-JP.
      const r = decodeWithLabel(bytes, ['shift_jis', 'euc-jp'], 'JIS (Shift_JIS)', base);
      return { text: r.text, encoding: r.ok ? 'jis' : 'binary', problems: r.problems };
    }
    case 'iso-2022-jp': {
      const r = decodeWithLabel(bytes, ['iso-2022-jp'], 'ISO-2022-JP', base);
      return { text: r.text, encoding: r.ok ? 'iso-2022-jp' : 'binary', problems: r.problems };
    }
    case 'jis-x-0212': {
      const r = decodeWithLabel(bytes, ['euc-jp'], 'JIS X 0212 (EUC-JP)', base);
      return { text: r.text, encoding: r.ok ? 'jis-x-0212' : 'binary', problems: r.problems };
    }
    case 'ks-c-5601': {
      const r = decodeWithLabel(bytes, ['euc-kr'], 'KS C 5601 (EUC-KR)', base);
      return { text: r.text, encoding: r.ok ? 'ks-c-5601' : 'binary', problems: r.problems };
    }
    case 'reserved':
      extra.push({ offset: base, message: `data_coding ${hexNumber(info.value, 2)} is reserved; shown as hex` });
      return { text: binaryText(bytes), encoding: 'binary', problems: extra };
    case 'binary':
    case 'pictogram':
      return { text: binaryText(bytes), encoding: 'binary', problems: [] };
  }
}

/** The encoding a data_coding value implies when sending (data_coding 0 → unpacked GSM 7-bit). */
export function encodingForDataCoding(dataCoding: number, dcs0: 'gsm7' | 'latin1' | 'ascii' = 'gsm7'): TextEncoding {
  const a = interpretDataCoding(dataCoding).alphabet;
  switch (a) {
    case 'default':
      return dcs0;
    case 'pictogram':
    case 'reserved':
      return 'binary';
    default:
      return a;
  }
}

export interface LossyEncoding {
  bytes: Uint8Array;
  /** Characters that could not be encoded and were replaced by '?'. */
  unencodable: Gsm7Unencodable[];
}

/** Encodes text, replacing characters the encoding cannot hold with '?' and listing them. */
export function encodeTextLossy(text: string, encoding: TextEncoding | number): LossyEncoding {
  const enc = typeof encoding === 'number' ? encodingForDataCoding(encoding) : encoding;
  switch (enc) {
    case 'gsm7':
    case 'gsm7-packed': {
      const { septets, unencodable } = textToSeptets(text);
      return { bytes: enc === 'gsm7' ? Uint8Array.from(septets) : packSeptets(septets), unencodable };
    }
    case 'ucs2': {
      const bytes = new Uint8Array(text.length * 2);
      for (let i = 0; i < text.length; i++) {
        const u = text.charCodeAt(i);
        bytes[2 * i] = u >> 8;
        bytes[2 * i + 1] = u & 0xff;
      }
      return { bytes, unencodable: [] };
    }
    case 'ascii':
      return encodeByMap(text, (cp) => (cp <= 0x7f ? cp : undefined));
    case 'latin1':
      return encodeByMap(text, (cp) => (cp <= 0xff ? cp : undefined));
    case 'iso-8859-5':
      return encodeByMap(text, (cp) => ISO_8859_5_REVERSE.get(cp));
    case 'iso-8859-8':
      return encodeByMap(text, (cp) => ISO_8859_8_REVERSE.get(cp));
    case 'binary':
      return { bytes: hexToBytes(text), unencodable: [] };
    default:
      throw new RangeError(`encoding text as ${enc} is not supported`);
  }
}

function encodeByMap(text: string, map: (cp: number) => number | undefined): LossyEncoding {
  const out: number[] = [];
  const unencodable: Gsm7Unencodable[] = [];
  let index = 0;
  for (const ch of text) {
    const b = map(ch.codePointAt(0) ?? 0);
    if (b === undefined) {
      unencodable.push({ index, char: ch });
      out.push(0x3f);
    } else out.push(b);
    index += ch.length;
  }
  return { bytes: Uint8Array.from(out), unencodable };
}

function hexToBytes(hex: string): Uint8Array {
  const out = fromHex(hex.replace(/\s+/g, ''));
  if (out === undefined) throw new RangeError('binary text must be hex digits in pairs');
  return out;
}

/**
 * Encodes text (for `binary`, text is hex). A number is taken as a data_coding value. Throws
 * RangeError naming the first character the encoding cannot hold.
 */
export function encodeText(text: string, encoding: TextEncoding | number): Uint8Array {
  const enc = typeof encoding === 'number' ? encodingForDataCoding(encoding) : encoding;
  const { bytes, unencodable } = encodeTextLossy(text, enc);
  if (unencodable.length) throw unencodableError(unencodable[0], enc);
  return bytes;
}

/** The encoding's display name for counters and trees. */
export function encodingLabel(encoding: TextEncoding): string {
  switch (encoding) {
    case 'gsm7':
      return 'GSM-7';
    case 'gsm7-packed':
      return 'GSM-7 (packed)';
    case 'ucs2':
      return 'UCS-2';
    case 'latin1':
      return 'Latin-1';
    case 'ascii':
      return 'ASCII';
    case 'binary':
      return 'binary';
    default:
      return encoding.toUpperCase();
  }
}

export {
  canEncodeGsm7,
  septetLength,
  decodePacked,
  decodeUnpacked,
  encodePacked,
  encodeUnpacked,
  packSeptets,
  unpackSeptets,
  fillBitsAfterUdh,
  textToSeptets,
  gsm7CharCost,
  GSM7_EXTENSION_CHARS,
} from './gsm7';
