// Delivery receipt text: tolerant parsing, reconciliation with the TLVs, and formatting.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareMessageIds, formatReceipt, parseReceipt, parseReceiptDate, receiptDateIso, reconcileReceipt } from '../../../src/smpp/receipt';
import { decodeText } from '../../../src/smpp/text/index';

const fromHex = (h: string) => Uint8Array.from(h.match(/../g) ?? [], (x) => parseInt(x, 16));

// deliver_sm receipt from the facts file (jasmin's PDU tests): esm_class 0x04, data_coding 0,
// short_message "id:1891273321 sub:001 … Text:DLVRD TO MOBILE", then TLVs message_state (0427)
// = 2 and receipted_message_id (001E) = "70BA8A69".
const RECEIPT_PDU =
  '000000b900000005000000000000000a434d5400010036353135353535363738000100313233000400000000000000007669643a31383931323733333231207375623a30303120646c7672643a303031207375626d697420646174653a3133303530353038323620646f6e6520646174653a3133303530353038323620737461743a44454c49565244206572723a30303020546578743a444c56524420544f204d4f42494c45000427000102001e0009373042413841363900';

function receiptFromPdu(): { text: string; offset: number } {
  const pdu = fromHex(RECEIPT_PDU);
  // The short_message starts at "id:"; the octet before it is sm_length.
  let at = -1;
  for (let i = 0; i < pdu.length - 2; i++) if (pdu[i] === 0x69 && pdu[i + 1] === 0x64 && pdu[i + 2] === 0x3a) {
    at = i;
    break;
  }
  const smLength = pdu[at - 1];
  assert.equal(smLength, 0x76);
  // This SMSC NUL-terminated the short_message (sm_length counts the NUL). Read as IA5 the NUL
  // stays a NUL, which the parser drops; read as GSM 7-bit it would be '@' (see the next test).
  return { text: decodeText(pdu.subarray(at, at + smLength), 0, { dcs0: 'ascii' }).text, offset: at };
}

test('facts vector: the receipt text parses into every field with character offsets', () => {
  const { text } = receiptFromPdu();
  const r = parseReceipt(text);
  assert.ok(r);
  assert.equal(r.id, '1891273321');
  assert.equal(r.sub, '001');
  assert.equal(r.dlvrd, '001');
  assert.equal(r.submitDate?.raw, '1305050826');
  assert.equal(r.submitDate?.date?.toISOString(), '2013-05-05T08:26:00.000Z');
  assert.equal(r.doneDate?.date?.toISOString(), '2013-05-05T08:26:00.000Z');
  assert.equal(r.stat, 'DELIVRD');
  assert.equal(r.messageState, 2);
  assert.equal(r.err, '000');
  assert.equal(r.text, 'DLVRD TO MOBILE');
  assert.deepEqual(r.problems, []);
  assert.deepEqual(
    r.parts.map((p) => [p.name, text.slice(p.start, p.end)]),
    [
      ['id', 'id:1891273321'],
      ['sub', 'sub:001'],
      ['dlvrd', 'dlvrd:001'],
      ['submitDate', 'submit date:1305050826'],
      ['doneDate', 'done date:1305050826'],
      ['stat', 'stat:DELIVRD'],
      ['err', 'err:000'],
      ['text', 'Text:DLVRD TO MOBILE'],
    ],
  );
  for (const p of r.parts) assert.equal(text.slice(p.valueStart, p.valueEnd), p.raw);
  assert.equal(r.parts[1].value, 1);
  assert.equal(r.parts[7].key, 'Text');
});

test('facts vector: read as GSM 7-bit, the trailing NUL octet is "@" and stays in the text', () => {
  const pdu = fromHex(RECEIPT_PDU);
  const sm = pdu.subarray(49, 49 + 0x76);
  assert.equal(pdu[48], 0x76); // sm_length
  const r = parseReceipt(decodeText(sm, 0).text);
  assert.equal(r?.text, 'DLVRD TO MOBILE@');
  assert.equal(r?.id, '1891273321');
});

test('facts vector: the TLVs win, and the decimal id is recognised as the hex TLV id', () => {
  const r = parseReceipt(receiptFromPdu().text);
  const rec = reconcileReceipt(r, { receipted_message_id: '70BA8A69', message_state: 2 });
  assert.equal(rec.id, '70BA8A69');
  assert.equal(rec.idSource, 'tlv');
  assert.equal(rec.messageState, 2);
  assert.equal(rec.stateName, 'DELIVERED');
  assert.equal(rec.stateSource, 'tlv');
  assert.deepEqual(rec.disagreements, []);
  assert.equal(rec.notes.length, 1);
  assert.match(rec.notes[0], /decimal form of receipted_message_id 70BA8A69/);
  assert.equal(0x70ba8a69, 1891273321);
});

test('disagreements between text and TLVs are noted, TLVs win', () => {
  const r = parseReceipt('id:ABC123 sub:001 dlvrd:000 submit date:2401011200 done date:2401011201 stat:DELIVRD err:000 text:x');
  const rec = reconcileReceipt(r, { receipted_message_id: 'XYZ999', message_state: 5 });
  assert.equal(rec.id, 'XYZ999');
  assert.equal(rec.messageState, 5);
  assert.equal(rec.stateName, 'UNDELIVERABLE');
  assert.deepEqual(rec.disagreements.map((d) => d.field), ['id', 'state']);
  const noTlvs = reconcileReceipt(r, {});
  assert.equal(noTlvs.id, 'ABC123');
  assert.equal(noTlvs.idSource, 'text');
  assert.equal(noTlvs.messageState, 2);
  assert.equal(noTlvs.stateSource, 'text');
});

test('vendor variations: case, spacing, 12-digit dates, underscores, hex ids, missing fields', () => {
  const a = parseReceipt('ID: 0A1B2C3D  SUB:1 DLVRD:1 SUBMIT DATE:240315103059 DONE DATE:240315103100 STAT:delivrd ERR:0 TEXT:Hello');
  assert.ok(a);
  assert.equal(a.id, '0A1B2C3D');
  assert.equal(a.submitDate?.date?.toISOString(), '2024-03-15T10:30:59.000Z');
  assert.equal(a.doneDate?.date?.toISOString(), '2024-03-15T10:31:00.000Z');
  assert.equal(a.messageState, 2);
  assert.equal(a.text, 'Hello');

  const b = parseReceipt('id:12345 submit_date:2401011200 done_date:2401011300 stat:UNDELIV err:034');
  assert.ok(b);
  assert.equal(b.sub, undefined);
  assert.equal(b.text, undefined);
  assert.equal(b.messageState, 5);
  assert.equal(b.err, '034');

  const c = parseReceipt('id:7 stat:EXPIRED');
  assert.equal(c?.messageState, 3);

  // text: runs to the end even when it holds key-like words.
  const d = parseReceipt('id:1 sub:001 dlvrd:001 stat:DELIVRD err:000 text:id:9 stat:REJECTD\0');
  assert.equal(d?.text, 'id:9 stat:REJECTD');
  assert.equal(d?.stat, 'DELIVRD');

  for (const stat of ['ENROUTE', 'DELIVRD', 'EXPIRED', 'DELETED', 'UNDELIV', 'ACCEPTD', 'UNKNOWN', 'REJECTD']) {
    assert.ok(parseReceipt(`id:1 stat:${stat}`)?.messageState !== undefined, stat);
  }
});

test('bad values are problems, not failures', () => {
  const r = parseReceipt('id:1 sub:abc dlvrd:001 submit date:1313131313 done date:2402300000 stat:WHATEVER err:000 text:');
  assert.ok(r);
  assert.equal(r.submitDate?.date, undefined);
  assert.equal(r.doneDate?.date, undefined); // 30 February
  assert.equal(r.messageState, undefined);
  assert.equal(r.text, '');
  assert.equal(r.problems.length, 4);
});

test('text that is not a receipt gives undefined', () => {
  for (const t of ['', 'Hello world', 'id:5', 'Your order id:77 is ready', 'The stat: of things', 'text:only stat', 'sub:1 dlvrd:1']) {
    assert.equal(parseReceipt(t), undefined, t);
  }
});

test('keys: only after the start, whitespace, a comma or a semicolon, and only before a colon', () => {
  const parts = (text: string) => parseReceipt(text)?.parts.map((p) => [p.name, p.key, p.raw]);
  assert.equal(parts('xid:1 stat:DELIVRD'), undefined);
  assert.equal(parts('id:stat:DELIVRD'), undefined);
  assert.deepEqual(parts('id:1,stat:DELIVRD;err:5'), [['id', 'id', '1'], ['stat', 'stat', 'DELIVRD'], ['err', 'err', '5']]);
  assert.deepEqual(parts('ID \t:7 Submit_Date:2401011200 stat :ENROUTE'), [['id', 'ID', '7'], ['submitDate', 'Submit_Date', '2401011200'], ['stat', 'stat', 'ENROUTE']]);
  assert.deepEqual(parts('sub date:1 id:2 stat:UNDELIV'), [['id', 'id', '2'], ['stat', 'stat', 'UNDELIV']]);
  assert.deepEqual(parts('id:1 submitdate:2401011200 done-date:2401011201'), [['id', 'id', '1'], ['submitDate', 'submitdate', '2401011200'], ['doneDate', 'done-date', '2401011201']]);
  assert.deepEqual(parts('id:9 stat:DELIVRD text:err:1 id:2'), [['id', 'id', '9'], ['stat', 'stat', 'DELIVRD'], ['text', 'text', 'err:1 id:2']]);
  assert.deepEqual(parts('id:3\u00a0stat:ACCEPTD'), [['id', 'id', '3'], ['stat', 'stat', 'ACCEPTD']]);
});

test('receiptDateIso writes what toISOString writes', () => {
  for (const raw of ['1305050826', '130505082659', '20240229235959', '00990101120000']) {
    const date = parseReceiptDate(raw);
    assert.ok(date, raw);
    assert.equal(receiptDateIso({ raw, date }), date.toISOString(), raw);
  }
  assert.equal(receiptDateIso({ raw: '1302300000' }), undefined);
});

test('compareMessageIds', () => {
  assert.equal(compareMessageIds('70ba8a69', '70BA8A69'), 'same');
  assert.equal(compareMessageIds('0042', '42'), 'same');
  assert.equal(compareMessageIds('1891273321', '70BA8A69'), 'text-decimal-of-tlv-hex');
  assert.equal(compareMessageIds('70BA8A69', '1891273321'), 'text-hex-of-tlv-decimal');
  assert.equal(compareMessageIds('abc', 'xyz'), 'different');
  // Control characters are not digits, whatever their low bits.
  assert.equal(compareMessageIds('\u0010', '0'), 'different');
  assert.equal(compareMessageIds('1', '\u0011'), 'different');
});

test('formatReceipt builds text that parses back', () => {
  const submit = new Date('2013-05-05T08:26:00Z');
  const done = new Date('2013-05-05T08:27:30Z');
  const s = formatReceipt({ id: '1891273321', submitDate: submit, doneDate: done, stat: 'DELIVRD', text: 'DLVRD TO MOBILE, and more than twenty', textKey: 'Text' });
  assert.equal(s, 'id:1891273321 sub:001 dlvrd:001 submit date:1305050826 done date:1305050827 stat:DELIVRD err:000 Text:DLVRD TO MOBILE, and');
  const r = parseReceipt(s);
  assert.equal(r?.doneDate?.date?.toISOString(), '2013-05-05T08:27:00.000Z');
  const twelve = formatReceipt({ id: 'ff01', submitDate: submit, doneDate: done, stat: 5, err: 34, dateDigits: 12 });
  assert.match(twelve, /dlvrd:000 .*done date:130505082730 stat:UNDELIV err:034 text:$/);
  assert.equal(parseReceipt(twelve)?.doneDate?.date?.toISOString(), done.toISOString());
  assert.equal(parseReceipt(twelve)?.messageState, 5);
});
