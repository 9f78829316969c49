// User Data Header (3GPP TS 23.040 §9.2.3.24): the UDHL octet, then information elements
// (IEI, length, data). Offsets are relative to the start of the short_message.
// Browser-safe: no Buffer, no node: imports.

import { hex2, hexNumber, toHex } from './bytes';

export interface UdhProblem {
  offset: number;
  message: string;
}

export interface ConcatInfo {
  ref: number;
  total: number;
  seq: number;
}

export interface PortInfo {
  dest: number;
  orig: number;
}

export interface SpecialMessageIndication {
  /** Bit 7 of the first octet: the message is to be stored (true) or may be discarded. */
  store: boolean;
  type: 'voicemail' | 'fax' | 'email' | 'other' | 'video';
  /** Raw indication type: bits 0–4 (basic type in bits 0–1, extended type in bits 2–4). */
  typeCode: number;
  profileId: number;
  count: number;
}

export interface UdhElement {
  iei: number;
  name: string;
  /** Offset of the IEI octet. */
  offset: number;
  /** Whole element length: IEI + length octet + data. */
  length: number;
  data: Uint8Array;
  value?: ConcatInfo | PortInfo | SpecialMessageIndication | number;
  display: string;
}

export interface ParsedUdh {
  /** Octets the header occupies, the UDHL octet included (the text starts here). Clamped to the data. */
  headerLength: number;
  /** The UDHL octet's value, when there is one. */
  udhl?: number;
  elements: UdhElement[];
  problems: UdhProblem[];
  /** The concatenation element, if any (8- or 16-bit reference). */
  concat?: ConcatInfo & { sixteenBit: boolean };
  /** The application port element, if any (8- or 16-bit). */
  ports?: PortInfo & { sixteenBit: boolean };
}

const IEI_NAMES: ReadonlyMap<number, string> = new Map([
  [0x00, 'Concatenated short messages, 8-bit reference'],
  [0x01, 'Special SMS message indication'],
  [0x02, 'Reserved'],
  [0x03, 'Value not used (avoids confusion with <LF>)'],
  [0x04, 'Application port addressing, 8-bit address'],
  [0x05, 'Application port addressing, 16-bit address'],
  [0x06, 'SMSC control parameters'],
  [0x07, 'UDH source indicator'],
  [0x08, 'Concatenated short messages, 16-bit reference'],
  [0x09, 'Wireless control message protocol'],
  [0x0a, 'Text formatting'],
  [0x0b, 'Predefined sound'],
  [0x0c, 'User defined sound (iMelody)'],
  [0x0d, 'Predefined animation'],
  [0x0e, 'Large animation'],
  [0x0f, 'Small animation'],
  [0x10, 'Large picture'],
  [0x11, 'Small picture'],
  [0x12, 'Variable picture'],
  [0x13, 'User prompt indicator'],
  [0x14, 'Extended object'],
  [0x15, 'Reused extended object'],
  [0x16, 'Compression control'],
  [0x17, 'Object distribution indicator'],
  [0x18, 'Standard WVG object'],
  [0x19, 'Character size WVG object'],
  [0x1a, 'Extended object data request command'],
  [0x20, 'RFC 822 e-mail header'],
  [0x21, 'Hyperlink format element'],
  [0x22, 'Reply address element'],
  [0x23, 'Enhanced voice mail information'],
  [0x24, 'National language single shift'],
  [0x25, 'National language locking shift'],
]);

/** The 3GPP TS 23.040 name of an information element identifier. */
export function ieiName(iei: number): string {
  const known = IEI_NAMES.get(iei);
  if (known) return known;
  if (iei >= 0x1b && iei <= 0x1f) return 'Reserved for future EMS features';
  if (iei >= 0x70 && iei <= 0x7f) return '(U)SIM toolkit security header';
  if (iei >= 0x80 && iei <= 0x9f) return 'SME to SME specific use';
  if (iei >= 0xc0 && iei <= 0xdf) return 'SC specific use';
  return 'Reserved for future use';
}

/** Data length each well-known IE must have. */
const FIXED_LENGTH: ReadonlyMap<number, number> = new Map([
  [0x00, 3],
  [0x01, 2],
  [0x04, 2],
  [0x05, 4],
  [0x08, 4],
  [0x24, 1],
  [0x25, 1],
]);

const INDICATION_TYPES = ['voicemail', 'fax', 'email', 'other'] as const;

function decodeElement(iei: number, data: Uint8Array, offset: number, problems: UdhProblem[]): { value?: UdhElement['value']; display: string } {
  const expected = FIXED_LENGTH.get(iei);
  if (expected !== undefined && data.length !== expected) {
    problems.push({ offset, message: `${ieiName(iei)}: data length ${data.length}, expected ${expected}` });
    return { display: data.length ? toHex(data, ' ') : '(empty)' };
  }
  switch (iei) {
    case 0x00:
    case 0x08: {
      const ref = iei === 0x00 ? data[0] : (data[0] << 8) | data[1];
      const total = data[iei === 0x00 ? 1 : 2];
      const seq = data[iei === 0x00 ? 2 : 3];
      if (total === 0) problems.push({ offset, message: 'concatenation: total number of parts is 0' });
      else if (seq === 0 || seq > total) problems.push({ offset, message: `concatenation: part ${seq} is outside 1..${total}` });
      const refText = hexNumber(ref, iei === 0x00 ? 2 : 4);
      return { value: { ref, total, seq }, display: `ref ${ref} (${refText}), part ${seq} of ${total}` };
    }
    case 0x04:
    case 0x05: {
      const v = iei === 0x04 ? { dest: data[0], orig: data[1] } : { dest: (data[0] << 8) | data[1], orig: (data[2] << 8) | data[3] };
      return { value: v, display: `destination port ${v.dest}, originator port ${v.orig}` };
    }
    case 0x01: {
      const first = data[0];
      const store = (first & 0x80) !== 0;
      // Bits 6–5 profile ID, bits 4–2 extended type (001 = video), bits 1–0 basic type.
      const extendedType = (first >> 2) & 0x07;
      const basic = first & 0x03;
      const type = extendedType === 1 ? 'video' : INDICATION_TYPES[basic];
      const v: SpecialMessageIndication = { store, type, typeCode: first & 0x1f, profileId: (first >> 5) & 0x03, count: data[1] };
      return { value: v, display: `${v.count} ${type} message${v.count === 1 ? '' : 's'} waiting, ${store ? 'store' : 'discard'}` };
    }
    case 0x24:
    case 0x25:
      return { value: data[0], display: `national language ${data[0]}` };
    default:
      return { display: data.length ? toHex(data, ' ') : '(empty)' };
  }
}

/**
 * Parses the UDH at the start of `bytes` (a short_message whose esm_class has UDHI set). Never
 * throws: a UDHL beyond the data, or an IE running past the UDHL, is reported as a problem.
 */
export function parseUdh(bytes: Uint8Array): ParsedUdh {
  const problems: UdhProblem[] = [];
  const elements: UdhElement[] = [];
  if (bytes.length === 0) {
    problems.push({ offset: 0, message: 'UDHI is set but the short message is empty (no UDH length octet)' });
    return { headerLength: 0, elements, problems };
  }
  const udhl = bytes[0];
  let end = 1 + udhl;
  if (end > bytes.length) {
    problems.push({ offset: 0, message: `UDH length ${udhl} runs past the end of the data (${bytes.length - 1} octets follow)` });
    end = bytes.length;
  }
  const result: ParsedUdh = { headerLength: end, udhl, elements, problems };
  let pos = 1;
  while (pos < end) {
    const iei = bytes[pos];
    if (pos + 1 >= end) {
      problems.push({ offset: pos, message: `information element 0x${hex2(iei)} has no length octet inside the UDH` });
      elements.push({ iei, name: ieiName(iei), offset: pos, length: end - pos, data: new Uint8Array(0), display: '(truncated)' });
      break;
    }
    const len = bytes[pos + 1];
    let dataEnd = pos + 2 + len;
    const truncated = dataEnd > end;
    if (truncated) {
      problems.push({ offset: pos + 1, message: `information element 0x${hex2(iei)} length ${len} runs past the end of the UDH (${end - pos - 2} octets left)` });
      dataEnd = end;
    }
    const data = bytes.slice(pos + 2, dataEnd);
    const element: UdhElement = { iei, name: ieiName(iei), offset: pos, length: dataEnd - pos, data, display: '' };
    if (truncated) element.display = data.length ? `${toHex(data, ' ')} (truncated)` : '(truncated)';
    else {
      const d = decodeElement(iei, data, pos, problems);
      element.display = d.display;
      if (d.value !== undefined) element.value = d.value;
      if ((iei === 0x00 || iei === 0x08) && d.value !== undefined) {
        if (result.concat) problems.push({ offset: pos, message: 'more than one concatenation element' });
        else result.concat = { ...(d.value as ConcatInfo), sixteenBit: iei === 0x08 };
      }
      if ((iei === 0x04 || iei === 0x05) && d.value !== undefined) {
        if (result.ports) problems.push({ offset: pos, message: 'more than one application port element' });
        else result.ports = { ...(d.value as PortInfo), sixteenBit: iei === 0x05 };
      }
    }
    elements.push(element);
    pos = dataEnd;
  }
  return result;
}

/**
 * Builds a concatenation UDH, UDHL included: `05 00 03 ref total seq` or `06 08 04 refHi refLo
 * total seq`. Throws RangeError for out-of-range values.
 */
export function buildConcatUdh(ref: number, total: number, seq: number, sixteenBit: boolean): Uint8Array {
  const maxRef = sixteenBit ? 0xffff : 0xff;
  if (!Number.isInteger(ref) || ref < 0 || ref > maxRef) throw new RangeError(`concatenation reference ${ref} is outside 0..${maxRef}`);
  if (!Number.isInteger(total) || total < 1 || total > 255) throw new RangeError(`total parts ${total} is outside 1..255`);
  if (!Number.isInteger(seq) || seq < 1 || seq > total) throw new RangeError(`part number ${seq} is outside 1..${total}`);
  return sixteenBit ? Uint8Array.of(6, 0x08, 4, ref >> 8, ref & 0xff, total, seq) : Uint8Array.of(5, 0x00, 3, ref, total, seq);
}

/** Builds an application port UDH (UDHL included). 16-bit when either port is above 255 or `sixteenBit` is set. */
export function buildPortUdh(dest: number, orig: number, sixteenBit = dest > 0xff || orig > 0xff): Uint8Array {
  const max = sixteenBit ? 0xffff : 0xff;
  for (const p of [dest, orig]) if (!Number.isInteger(p) || p < 0 || p > max) throw new RangeError(`port ${p} is outside 0..${max}`);
  return sixteenBit ? Uint8Array.of(6, 0x05, 4, dest >> 8, dest & 0xff, orig >> 8, orig & 0xff) : Uint8Array.of(4, 0x04, 2, dest, orig);
}
