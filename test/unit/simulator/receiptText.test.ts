// The simulator's receipt text: which characters it keeps, how it cuts the excerpt, and that no
// character at all turns into an octet outside printable ASCII.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { binaryExcerpt, isReceiptSafe, receiptExcerpt, receiptOctets } from '../../../src/smpp/simulator/receiptText';
import { decodeText } from '../../../src/smpp/text/index';

describe('simulator receipt text', () => {
  it('keeps the printable ASCII characters GSM 03.38 puts at the same code, and no others', () => {
    const dropped: string[] = [];
    for (let c = 0x20; c <= 0x7e; c++) if (!isReceiptSafe(c)) dropped.push(String.fromCharCode(c));
    assert.equal(dropped.join(''), '$@[\\]^_`{|}~');
    for (let c = 0; c < 0x20; c++) assert.equal(isReceiptSafe(c), false, `control 0x${c.toString(16)}`);
    for (const c of [0x7f, 0xa0, 0xe9, 0x20ac, 0x1f44b]) assert.equal(isReceiptSafe(c), false, `U+${c.toString(16)}`);
  });

  it('reads the same as GSM 7-bit, ASCII and Latin-1', () => {
    let all = '';
    for (let c = 0x20; c <= 0x7e; c++) all += String.fromCharCode(c);
    const octets = receiptOctets(all);
    const kept = decodeText(octets, 1).text;
    assert.equal(decodeText(octets, 0).text, kept);
    assert.equal(decodeText(octets, 3).text, kept);
    assert.equal(kept.replace(/\?/g, ''), all.replace(/[$@[\\\]^_`{|}~?]/g, ''));
  });

  it('writes every code point as one octet from 0x20 to 0x7E, never a NUL', () => {
    for (let cp = 0; cp <= 0x10ffff; cp += cp < 0x3000 ? 1 : 0x101) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const o = receiptOctets(String.fromCodePoint(cp));
      assert.equal(o.length, 1, `U+${cp.toString(16)}`);
      assert.ok(o[0] >= 0x20 && o[0] <= 0x7e, `U+${cp.toString(16)} gave 0x${o[0].toString(16)}`);
    }
    // A lone surrogate is one character too.
    assert.deepEqual([...receiptOctets('a\ud800b')], [0x61, 0x3f, 0x62]);
  });

  it('cuts the excerpt at 20 characters, counting a surrogate pair as one', () => {
    assert.equal(receiptExcerpt('mail@example.com'), 'mail?example.com');
    assert.equal(receiptExcerpt('Grüße €5'), 'Gr??e ?5');
    assert.equal(receiptExcerpt('👋'.repeat(25)), '?'.repeat(20));
    assert.equal(receiptExcerpt('0123456789abcdefghijKLMN'), '0123456789abcdefghij');
    assert.equal(receiptExcerpt(''), '');
  });

  it('writes binary data as one ? per octet, at most 20', () => {
    assert.equal(binaryExcerpt(0), '');
    assert.equal(binaryExcerpt(5), '?????');
    assert.equal(binaryExcerpt(140), '?'.repeat(20));
  });
});
