// Bad input gets a bounded answer: every offset decode reports lies inside the PDU, and encode
// refuses, naming the field, what the spec forbids (and what our own decoder would flag).

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decode, encode, EncodeError, type DecodeResult } from '../../../src/smpp/codec';
import { writeU32 } from '../../../src/smpp/bytes';
import { STATUS } from '../../../src/smpp/tables/values';
import { FIXTURES, hex } from '../../fixtures/pdus';
import { generateCorpus } from '../../fixtures/corpus';
import { prng, walk } from './helpers';

/** Offsets that point past the octets decoded: problems and tree nodes alike. */
function outside(r: DecodeResult, n: number): string[] {
  const bad: string[] = [];
  const inside = (offset: number, length: number): boolean =>
    offset >= 0 && length >= 0 && offset + length <= n && (offset < n || length === 0);
  for (const p of r.problems) if (!inside(p.offset, p.length ?? 0)) bad.push('problem ' + p.field + ' at ' + p.offset + '+' + (p.length ?? 0));
  for (const node of walk(r.fields)) if (!inside(node.offset, node.length)) bad.push('node ' + node.name + ' at ' + node.offset + '+' + node.length);
  return bad;
}

/** An EncodeError for `field`, whose message passes `check`. */
function refused(field: string, check: (message: string) => boolean = () => true): (e: unknown) => boolean {
  return (e: unknown) => e instanceof EncodeError && e.field === field && check(e.message);
}

describe('codec: every reported offset lies inside the PDU', () => {
  it('compressed text with nothing after the UDH is reported on the short message, not after the PDU', () => {
    const bytes = hex('000000240000000500000000000000010000003100000032004000000000000020000100');
    const r = decode(bytes, { fields: true });
    assert.ok(r.problems.length > 0);
    assert.deepEqual(outside(r, bytes.length), []);
    const p = r.problems.find((x) => x.field === 'short_message')!;
    assert.match(p.message, /compressed/);
    assert.deepEqual([p.offset, p.length], [35, 1], 'the one octet of the short message');
  });

  it('a UDH element cut before its length octet has its data node inside a 37-octet PDU', () => {
    // submit_sm, every string empty, esm_class 0x40, sm_length 4: UDHL 3, IE 00 (length 0), IE 24 cut.
    const bytes = hex('00000025000000040000000000000001' + '000000' + '00' + '0000' + '00' + '400000' + '0000' + '00000000' + '04' + '03000024');
    assert.equal(bytes.length, 37);
    const r = decode(bytes, { fields: true });
    assert.deepEqual(outside(r, bytes.length), []);
    const ie = [...walk(r.fields)].find((x) => x.name === 'ie_0x24')!;
    assert.deepEqual([ie.offset, ie.length], [36, 1]);
    const data = ie.children?.find((c) => c.name === 'data');
    assert.deepEqual([data?.offset, data?.length], [37, 0]);
  });

  it('holds for every prefix of every fixture, with and without the tree', () => {
    for (const f of FIXTURES) {
      const full = hex(f.hex);
      for (let cut = 0; cut <= full.length; cut++) {
        const b = full.subarray(0, cut);
        assert.deepEqual(outside(decode(b, { fields: true }), cut), [], f.name + ' cut at ' + cut);
      }
    }
  });

  it('holds for generated PDUs with random octets flipped', () => {
    const r = prng(0x11c0dec);
    for (const p of generateCorpus(0x11, 400)) {
      const b = Uint8Array.from(encode(p));
      for (let k = 0; k < 4; k++) {
        const m = b.slice();
        const at = 16 + Math.floor(r() * Math.max(1, m.length - 16));
        if (at < m.length) m[at] = Math.floor(r() * 256);
        assert.deepEqual(outside(decode(m, { fields: true }), m.length), [], p.command + ': ' + Buffer.from(m).toString('hex'));
      }
    }
  });
});

describe('codec: encode refuses what the spec forbids, naming the field', () => {
  it('a NUL inside a C-octet string', () => {
    assert.throws(
      () => encode({ command: 'bind_transmitter', sequence_number: 1, body: { system_id: 'ab\u0000cd', password: 'pw' } }),
      refused('system_id', (m) => /NUL/.test(m) && /position 3/.test(m)),
    );
    assert.throws(
      () => encode({ command: 'submit_sm_resp', sequence_number: 1, body: { message_id: 'a' }, tlvs: [{ name: 'receipted_message_id', value: 'x\u0000y' }] }),
      refused('receipted_message_id', (m) => /NUL/.test(m)),
    );
    assert.throws(
      () => encode({ command: 'submit_multi', sequence_number: 1, body: { dest_address: [{ dest_flag: 2, dl_name: 'l\u0000st' }] } }),
      refused('dl_name'),
    );
  });

  it('a destination_addr over the 21 octets of submit_sm', () => {
    const ok = encode({ command: 'submit_sm', sequence_number: 1, body: { destination_addr: '1'.repeat(20) } });
    assert.deepEqual(decode(ok).problems, []);
    assert.throws(
      () => encode({ command: 'submit_sm', sequence_number: 1, body: { destination_addr: '4'.repeat(28) } }),
      refused('destination_addr', (m) => /29 octets/.test(m) && /21/.test(m)),
    );
    assert.throws(
      () => encode({ command: 'submit_multi', sequence_number: 1, body: { dest_address: [{ dest_flag: 1, dest_addr_ton: 1, dest_addr_npi: 1, destination_addr: '4'.repeat(21) }] } }),
      refused('destination_addr'),
    );
  });

  it('each C-string at its limit encodes, one more octet does not', () => {
    const limits: [string, number][] = [['system_id', 16], ['password', 9], ['system_type', 13], ['address_range', 41]];
    for (const [field, max] of limits) {
      const at = encode({ command: 'bind_transceiver', sequence_number: 1, body: { [field]: 'x'.repeat(max - 1) } });
      assert.deepEqual(decode(at).problems, [], field + ' at its limit');
      assert.throws(() => encode({ command: 'bind_transceiver', sequence_number: 1, body: { [field]: 'x'.repeat(max) } }), refused(field));
    }
  });

  it('a TLV value over its spec length', () => {
    assert.throws(
      () => encode({ command: 'deliver_sm', sequence_number: 1, tlvs: [{ name: 'receipted_message_id', value: 'x'.repeat(65) }] }),
      refused('receipted_message_id', (m) => /65/.test(m)),
    );
    assert.throws(
      () => encode({ command: 'enquire_link', sequence_number: 1, tlvs: [{ name: 'receipted_message_id', value: 'x'.repeat(65), length: 66 }] }),
      refused('receipted_message_id'),
      'an explicit length does not let a value over the limit through',
    );
    // Raw bytes stay the way to send exactly what a test needs, odd sizes included.
    const raw = encode({ command: 'enquire_link', sequence_number: 1, tlvs: [{ tag: 0x0210, raw: hex('0034') }] });
    assert.equal(decode(raw).problems[0]?.status, STATUS.ESME_RINVTLVLEN);
  });

  it('sm_length 255, which the decoder calls reserved', () => {
    const max = encode({ command: 'submit_sm', sequence_number: 1, body: { short_message: new Uint8Array(254) } });
    assert.deepEqual(decode(max).problems, []);
    assert.throws(
      () => encode({ command: 'submit_sm', sequence_number: 1, body: { short_message: new Uint8Array(255) } }),
      refused('short_message', (m) => /sm_length/.test(m) && /254/.test(m)),
    );
    // The same PDU with sm_length 255 and one more octet: the decoder calls the value reserved.
    const bytes = new Uint8Array(max.length + 1);
    bytes.set(max);
    writeU32(bytes, 0, bytes.length);
    bytes[max.length - 255] = 255;
    const p = decode(bytes).problems.find((x) => x.field === 'sm_length');
    assert.equal(p?.status, STATUS.ESME_RINVMSGLEN);
    assert.match(p!.message, /reserved/);
  });

  it('a dest_flag other than 1 or 2, which the decoder reports', () => {
    assert.throws(
      () => encode({ command: 'submit_multi', sequence_number: 1, body: { dest_address: [{ dest_flag: 3, dl_name: 'x' } as never] } }),
      refused('dest_flag'),
    );
  });

  it('a password is never quoted, not even one character of it', () => {
    const password = 'пароль';
    let message = '';
    assert.throws(
      () => encode({ command: 'bind_transmitter', sequence_number: 1, body: { system_id: 'me', password } }),
      (e: unknown) => {
        message = e instanceof EncodeError ? e.message : '';
        return e instanceof EncodeError && e.field === 'password';
      },
    );
    assert.match(message, /position 1/);
    for (const c of password) assert.ok(!message.includes(c) && !message.includes(c.codePointAt(0)!.toString(16).toUpperCase()), message);
    assert.throws(
      () => encode({ command: 'outbind', sequence_number: 1, body: { system_id: 'me', password: 'hunter\u00002' } }),
      refused('password', (m) => /position 7/.test(m) && !m.includes('hunter')),
    );
    // Other fields may show the character: it helps, and it is no secret.
    assert.throws(() => encode({ command: 'submit_sm', body: { source_addr: 'Ω' } }), refused('source_addr', (m) => m.includes('U+3A9')));
  });
});
