// Finding the PDU written as hex under a cursor in one line, and summarizing it for the hover.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { encode } from '../../../src/smpp/codec';
import { DEFAULT_HEX_WINDOW, findPduAt } from '../../../src/smpp/hexRun';
import { looksLikePdu, oneLine, summarizePdu } from '../../../src/smpp/summary';

const ENQUIRE = '00000010000000150000000000000001';
const ENQUIRE_RESP = '00000010800000150000000000000001';
const SUBMIT = '00000039000000040000000000004fe80001013430343034000101343439353133363139323000000000000001000000084024232125262f3a';
const RECEIPT =
  '000000b900000005000000000000000a434d5400010036353135353535363738000100313233000400000000000000007669643a31383931323733333231207375623a30303120646c7672643a303031207375626d697420646174653a3133303530353038323620646f6e6520646174653a3133303530353038323620737461743a44454c49565244206572723a30303020546578743a444c56524420544f204d4f42494c45000427000102001e0009373042413841363900';

const spaced = (hex: string, sep = ' ') => hex.match(/../g)!.join(sep);

describe('findPduAt', () => {
  it('finds compact hex in a log line, from any digit of it', () => {
    const prefix = '2025-01-25 16:05:01.123 DEBUG smpp out pdu=';
    const line = prefix + SUBMIT + ' (57 bytes)';
    for (const col of [prefix.length, prefix.length + 1, prefix.length + 50, prefix.length + SUBMIT.length - 1]) {
      const m = findPduAt(line, col);
      assert.ok(m, `column ${col}`);
      assert.equal(m.hex, SUBMIT);
      assert.equal(m.start, prefix.length);
      assert.equal(m.end, prefix.length + SUBMIT.length);
      assert.equal(m.bytes.length, 57);
    }
    assert.equal(findPduAt(line, prefix.length - 1), undefined, 'on the "="');
    assert.equal(findPduAt(line, prefix.length + SUBMIT.length + 1), undefined, 'after the run');
    assert.equal(findPduAt(line, 2), undefined, 'in the date');
  });

  it('reads upper-case hex', () => {
    const m = findPduAt(`"${SUBMIT.toUpperCase()}"`, 10);
    assert.equal(m?.hex, SUBMIT);
  });

  it('reads bytes separated by spaces, tabs or colons, also from a separator', () => {
    for (const sep of [' ', '\t', ':']) {
      const text = spaced(RECEIPT, sep);
      const line = `rx ${text} end`;
      const m = findPduAt(line, 3 + 2);
      assert.equal(m?.hex, RECEIPT, JSON.stringify(sep));
      assert.equal(m.start, 3);
      assert.equal(m.end, 3 + text.length);
    }
  });

  it('finds it inside a JSON string', () => {
    const line = `{"ts": 1737820000, "dir": "in", "hex": "${RECEIPT}"},`;
    const m = findPduAt(line, line.indexOf(RECEIPT) + 100);
    assert.equal(m?.hex, RECEIPT);
  });

  it('picks the PDU under the cursor among several back to back', () => {
    const line = ENQUIRE + ENQUIRE_RESP + SUBMIT;
    assert.equal(findPduAt(line, 5)?.hex, ENQUIRE);
    assert.equal(findPduAt(line, 32 + 5)?.hex, ENQUIRE_RESP);
    const m = findPduAt(line, 64 + 20);
    assert.equal(m?.hex, SUBMIT);
    assert.equal(m.start, 64);
  });

  it('skips hex-looking words before the PDU', () => {
    const line = 'cafe 12 ' + spaced(ENQUIRE);
    const m = findPduAt(line, line.length - 2);
    assert.equal(m?.hex, ENQUIRE);
    assert.equal(m.start, 8);
  });

  it('skips a stray digit glued to the front', () => {
    const line = 'seq=a' + ENQUIRE;
    const m = findPduAt(line, 10);
    assert.equal(m?.hex, ENQUIRE);
    assert.equal(m.start, 5);
  });

  it('wants at least 16 bytes, a fitting command_length and a known command', () => {
    assert.equal(findPduAt(ENQUIRE.slice(0, 30), 3), undefined, 'too short');
    assert.equal(findPduAt(SUBMIT.slice(0, -2), 3), undefined, 'truncated');
    assert.equal(findPduAt('0000001000000999' + '0'.repeat(16), 3), undefined, 'unknown command_id');
    assert.equal(findPduAt('00000004000000150000000000000001', 3), undefined, 'command_length below 16');
    assert.equal(findPduAt('0123456789abcdef0123456789abcdef0123', 3), undefined, 'a hash, not a PDU');
  });

  it('does not join bytes across a separator inside a byte', () => {
    // "0 000001000..." splits the first byte: no PDU starts there.
    assert.equal(findPduAt('0 0' + ENQUIRE.slice(2), 5), undefined);
  });

  it('looks only at a window of a huge line', () => {
    const filler = 'x'.repeat(3 * DEFAULT_HEX_WINDOW);
    const line = filler + SUBMIT + filler;
    assert.equal(findPduAt(line, filler.length + 10)?.hex, SUBMIT);
    assert.equal(findPduAt(line, 10), undefined);
    // A PDU longer than the window is not found (its bytes are cut by the window).
    assert.equal(findPduAt(SUBMIT, 20, { window: 64 }), undefined);
  });

  it('stays quick and correct on a long run of hex with no PDU', () => {
    const line = 'ab '.repeat(4000);
    assert.equal(findPduAt(line, 6000), undefined);
    const digits = '7'.repeat(200_000);
    assert.equal(findPduAt(digits, 100_000), undefined);
  });

  it('never throws on odd input', () => {
    let seed = 11;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
    const alphabet = '0123456789abcdefABCDEF :\tx"';
    for (let i = 0; i < 500; i++) {
      let s = rnd() < 0.3 ? ENQUIRE : '';
      const n = Math.floor(rnd() * 120);
      for (let k = 0; k < n; k++) s += alphabet[Math.floor(rnd() * alphabet.length)];
      for (const col of [-1, 0, Math.floor(rnd() * (s.length + 2)), s.length, 1.5]) {
        const m = findPduAt(s, col);
        if (m) {
          assert.equal(looksLikePdu(m.bytes), true);
          assert.ok(m.start >= 0 && m.end <= s.length && m.start < m.end);
        }
      }
    }
  });
});

describe('summarizePdu', () => {
  const bytes = (hex: string) => Uint8Array.from(hex.match(/../g)!.map((b) => parseInt(b, 16)));

  it('a submit_sm: command, seq, addresses and text', () => {
    const s = summarizePdu(bytes(SUBMIT));
    assert.equal(s.command, 'submit_sm');
    assert.equal(s.seq, 0x4fe8);
    assert.equal(s.status, undefined);
    assert.match(s.line, /^submit_sm · seq 20456 · to 44951361920 · from 40404 · ".+"$/);
  });

  it('a deliver_sm receipt: id, stat and err', () => {
    const s = summarizePdu(bytes(RECEIPT));
    assert.equal(s.command, 'deliver_sm');
    assert.ok(s.details.includes('receipt id 1891273321 stat DELIVRD err 000'), s.line);
    assert.doesNotMatch(s.line, /"id:/, 'the receipt replaces the raw text');
  });

  it('a response: its status by name, and its message_id', () => {
    const s = summarizePdu(encode({ command: 'submit_sm_resp', sequence_number: 7, body: { message_id: 'abc123' } }));
    assert.equal(s.line, 'submit_sm_resp · seq 7 · ESME_ROK · message_id abc123');
    const t = summarizePdu(encode({ command: 'submit_sm_resp', sequence_number: 8, command_status: 0x58, body: {} }));
    assert.equal(t.line, 'submit_sm_resp · seq 8 · ESME_RTHROTTLED');
  });

  it('a bind: system_id, never the password', () => {
    const s = summarizePdu(encode({ command: 'bind_transceiver', sequence_number: 1, body: { system_id: 'acme', password: 'hunter2', interface_version: 0x34 } }));
    assert.equal(s.line, 'bind_transceiver · seq 1 · system_id acme');
    assert.doesNotMatch(s.line, /hunter2/);
  });

  it('counts problems and keeps one line', () => {
    const s = summarizePdu(bytes(SUBMIT.slice(0, -4)));
    assert.ok(s.problems > 0);
    assert.match(s.line, /problems?$/);
    const long = summarizePdu(encode({ command: 'submit_sm', body: { destination_addr: '1', short_message: new TextEncoder().encode('line one\nline two ' + 'x'.repeat(100)) } }));
    assert.doesNotMatch(long.line, /\n/);
    assert.match(long.line, /…"$/);
  });

  it('oneLine flattens control characters and cuts', () => {
    assert.equal(oneLine('a\r\n\tb', 10), 'a b');
    assert.equal(oneLine('abcdef', 4), 'abc…');
  });

  it('looksLikePdu wants the exact length and a known command', () => {
    assert.equal(looksLikePdu(bytes(ENQUIRE)), true);
    assert.equal(looksLikePdu(bytes(ENQUIRE + '00')), false);
    assert.equal(looksLikePdu(bytes('0000001000000999' + '0'.repeat(16))), false);
  });
});
