// The simulator's receipt text as octets every receiver reads alike. Receipts go out with
// data_coding 0, the MC default alphabet, as real SMSCs send them; but a receiver may take that
// alphabet to be GSM 03.38 (unpacked), ASCII or Latin-1. So the text holds only the printable
// ASCII characters that GSM 03.38 puts at the same code (letters, digits, space and most
// punctuation), one octet each; everything else, including @ $ _ [ ] { } \ ^ | ~ `, is written
// '?'. No octet is ever 0x00 (GSM's @), so a receiver reading the text as a C string gets it whole.

import { textToSeptets } from '../text/index';

/** data_coding of every receipt the simulator sends: 0, the MC default alphabet (see above). */
export const RECEIPT_DATA_CODING = 0;

/** Appendix B's `text:` holds the first 20 characters of the original message. */
export const RECEIPT_EXCERPT_LENGTH = 20;

const QUESTION_MARK = 0x3f;

/**
 * For each code below 0x80: 1 when it is printable ASCII (0x20–0x7E) and GSM 03.38's default
 * alphabet holds the same character at that code, so ASCII, Latin-1 and GSM readers agree on it.
 * Read from the GSM table itself rather than written out.
 */
const SAME_EVERYWHERE: Uint8Array = (() => {
  const table = new Uint8Array(0x80);
  for (let c = 0x20; c <= 0x7e; c++) {
    const { septets, unencodable } = textToSeptets(String.fromCharCode(c));
    if (unencodable.length === 0 && septets.length === 1 && septets[0] === c) table[c] = 1;
  }
  return table;
})();

/** Whether a code point is written as itself in receipt text. */
export function isReceiptSafe(codePoint: number): boolean {
  return codePoint < 0x80 && SAME_EVERYWHERE[codePoint] === 1;
}

/** The first 20 characters (code points) of a message's text, each one outside the safe set as '?'. */
export function receiptExcerpt(text: string): string {
  let out = '';
  let n = 0;
  for (let i = 0; i < text.length && n < RECEIPT_EXCERPT_LENGTH; n++) {
    const cp = text.codePointAt(i)!;
    i += cp > 0xffff ? 2 : 1;
    out += isReceiptSafe(cp) ? String.fromCharCode(cp) : '?';
  }
  return out;
}

/**
 * The excerpt of a message whose octets are not text (8-bit binary, or an alphabet that cannot be
 * decoded): one '?' per octet, up to 20, so a receiver sees how long it was and no hex that could
 * pass for characters of the message.
 */
export function binaryExcerpt(octets: number): string {
  return '?'.repeat(Math.max(0, Math.min(RECEIPT_EXCERPT_LENGTH, octets)));
}

/** Receipt text as short_message octets: one per character, '?' for any character outside the safe set. */
export function receiptOctets(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  let k = 0;
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i)!;
    i += cp > 0xffff ? 2 : 1;
    out[k++] = isReceiptSafe(cp) ? cp : QUESTION_MARK;
  }
  return k === out.length ? out : out.subarray(0, k);
}
