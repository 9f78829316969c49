// Message ids as lookup keys. An SMSC may give a message_id in hex in submit_sm_resp and in
// decimal in the receipt (or the other way round), so besides the id as written, an id is also
// keyed by the number it reads as: in hex when it is all hex digits, in decimal when it is all
// decimal digits. Matching then is a few map lookups, never a scan. Browser-safe.

/**
 * How receipts' ids relate to submit_sm_resp's message_id on a connection:
 * - `as-is`: the same text (no number reading);
 * - `hex`: message_id is a hex number; a receipt may give it in hex (any case, leading zeros) or in decimal;
 * - `decimal`: message_id is a decimal number; a receipt may give it in decimal (leading zeros) or in hex;
 * - `auto` (default): the same text first, then either reading.
 */
export type IdFormat = 'as-is' | 'hex' | 'decimal' | 'auto';

export const ID_FORMATS: readonly IdFormat[] = ['as-is', 'hex', 'decimal', 'auto'];

/** Longer ids are not read as numbers (compareMessageIds' limit too). */
const MAX_DIGITS = 40;

function isDigits(s: string): boolean {
  if (s.length === 0 || s.length > MAX_DIGITS) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

function isHexDigits(s: string): boolean {
  if (s.length === 0 || s.length > MAX_DIGITS) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const l = c | 0x20;
    if (!((c >= 0x30 && c <= 0x39) || (l >= 0x61 && l <= 0x66))) return false;
  }
  return true;
}

/** The id as written, for exact matching: without trailing NULs and surrounding spaces. */
export function exactKey(id: string): string {
  let e = id.length;
  while (e > 0 && id.charCodeAt(e - 1) === 0) e--;
  return id.slice(0, e).trim();
}

/** The number the id reads as in hex (canonical: lower-case hex, no leading zeros), or undefined. */
export function hexValue(id: string): string | undefined {
  if (!isHexDigits(id)) return undefined;
  let i = 0;
  while (i < id.length - 1 && id.charCodeAt(i) === 0x30) i++;
  return (i === 0 ? id : id.slice(i)).toLowerCase();
}

/** The number the id reads as in decimal (in the same canonical hex form), or undefined. */
export function decimalValue(id: string): string | undefined {
  if (!isDigits(id)) return undefined;
  // Up to 15 digits a double holds the number exactly.
  return id.length <= 15 ? Number(id).toString(16) : BigInt(id).toString(16);
}

/** The readings of a receipt's id to look up among message_ids read in hex, in order of preference. */
export function receiptKeysForHexIds(receiptId: string, format: IdFormat): string[] {
  if (format !== 'hex' && format !== 'auto') return [];
  const out: string[] = [];
  const h = hexValue(receiptId);
  if (h !== undefined) out.push(h);
  const d = decimalValue(receiptId);
  if (d !== undefined && d !== h) out.push(d);
  return out;
}

/** The readings of a receipt's id to look up among message_ids read in decimal, in order of preference. */
export function receiptKeysForDecimalIds(receiptId: string, format: IdFormat): string[] {
  if (format !== 'decimal' && format !== 'auto') return [];
  const out: string[] = [];
  const d = decimalValue(receiptId);
  if (d !== undefined) out.push(d);
  const h = hexValue(receiptId);
  if (h !== undefined && h !== d) out.push(h);
  return out;
}
