// Cross-check against an independent implementation: node-smpp (npm `smpp`, lib/pdu.js). Over a
// seeded corpus of generated PDUs, node-smpp encodes and we decode, and we encode and node-smpp
// decodes; both encoders must produce the same bytes.
//
// Where node-smpp is known to differ, the comparison is made at the level that is well defined:
// - TLV sizes: node-smpp writes source_telematics_id in 2 octets (the 3.4 spec says 1) and
//   dest_addr_np_country in 4 (5.0 says 5), and reads integer TLVs at its own size, ignoring the
//   length field. broadcast_end_time is written without its NUL (the spec says C-Octet String).
//   Tested separately below: we read all of them by their length field.
// - destination_port is `dest_port` in node-smpp; failed_broadcast_area_identifier is its name
//   for broadcast_area_identifier inside broadcast_sm_resp.
// - TLVs: node-smpp keeps one value per name (the last) except for the five it marks
//   `multiple`, and writes TLVs grouped by name in key order; vendor tags cannot be encoded by
//   name. The corpus is normalised to that shape before node-smpp sees it.
// - Text: node-smpp picks the charset with `data_coding & 0x0F` (so 0xF2, GSM 7-bit class 2,
//   becomes "2", binary, and 0xC8, message waiting in GSM 7-bit, becomes UCS-2) and turns time
//   strings into Dates relative to the clock. Values are therefore compared raw (its filters off);
//   text is compared only for data_coding 0x03 and 0x08, where both agree on the charset.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decode, encode } from '../../../src/smpp/codec';
import { tlvByTag } from '../../../src/smpp/tables/tlvs';
import { decodeText } from '../../../src/smpp/text/index';
import { generateCorpus } from '../../fixtures/corpus';
import { DERIVED, NS_NAME, PDU, normalise, nsDecodeRaw, nsDefs, nsOptions, nsTlvValue, specOf } from '../../fixtures/nodesmpp';
import { plain, toHex } from './helpers';

const OUR_NAME: Readonly<Record<string, string>> = { dest_port: 'destination_port', failed_broadcast_area_identifier: 'broadcast_area_identifier' };

const CORPUS = generateCorpus(0xc0ffee, 240).map(normalise);

describe('node-smpp cross-check (' + CORPUS.length + ' generated PDUs)', () => {
  it('covers every SMPP 3.4 and 5.0 command node-smpp knows', () => {
    const seen = new Set(CORPUS.map((p) => p.command));
    assert.ok(seen.size >= 30, 'commands covered: ' + seen.size);
    assert.ok(CORPUS.length >= 200);
  });

  it('node-smpp and we encode the same bytes', () => {
    for (const p of CORPUS) {
      const ours = toHex(encode(p));
      const theirs = toHex(new PDU(p.command, nsOptions(p)).toBuffer());
      assert.equal(ours, theirs, p.command + ' #' + p.sequence_number);
    }
  });

  it('node-smpp encodes, we decode: the same values', () => {
    for (const p of CORPUS) {
      const bytes = new PDU(p.command, nsOptions(p)).toBuffer();
      const r = decode(bytes);
      const where = p.command + ' #' + p.sequence_number;
      assert.deepEqual(r.problems, [], where);
      assert.equal(r.pdu.command, p.command, where);
      assert.equal(r.pdu.command_length, bytes.length, where);
      assert.equal(r.pdu.sequence_number, p.sequence_number, where);
      assert.equal(r.pdu.command_status, p.command_status ?? 0, where);
      const body = r.pdu.body as Record<string, unknown>;
      for (const [k, v] of Object.entries((p.body ?? {}) as Record<string, unknown>)) {
        assert.deepEqual(plain(body[k]), plain(v), where + ' ' + k);
      }
      assert.deepEqual(
        r.pdu.tlvs.map((t) => t.tag),
        (p.tlvs ?? []).map((t) => specOf(t)!.tag),
        where + ' TLV tags',
      );
      r.pdu.tlvs.forEach((t, i) => assert.deepEqual(plain(t.value), plain(p.tlvs![i]!.value), where + ' ' + t.name));
    }
  });

  it('we encode, node-smpp decodes: the same raw values', () => {
    for (const p of CORPUS) {
      const ns = nsDecodeRaw(encode(p));
      const where = p.command + ' #' + p.sequence_number;
      assert.equal(ns.command, p.command, where);
      assert.equal(ns.sequence_number, p.sequence_number, where);
      assert.equal(ns.command_status, p.command_status ?? 0, where);
      for (const [k, v] of Object.entries((p.body ?? {}) as Record<string, unknown>)) {
        if (DERIVED.has(k)) continue;
        // node-smpp's destinations carry no dest_flag: it is implied by dl_name being present.
        const want = k === 'dest_address' ? (v as Record<string, unknown>[]).map(({ dest_flag: _flag, ...rest }) => rest) : v;
        assert.deepEqual(plain(ns[k]), plain(want), where + ' ' + k);
      }
      const expected: Record<string, unknown> = {};
      for (const t of p.tlvs ?? []) {
        const spec = specOf(t)!;
        const name = NS_NAME[spec.name] ?? spec.name;
        const v = nsTlvValue(spec, t.value);
        if (nsDefs.tlvs[name]?.multiple === true) expected[name] = [...((expected[name] as unknown[] | undefined) ?? []), v];
        else expected[name] = v;
      }
      for (const [name, v] of Object.entries(expected)) {
        const key = p.command === 'broadcast_sm_resp' && name === 'broadcast_area_identifier' ? 'failed_broadcast_area_identifier' : name;
        assert.deepEqual(plain(ns[key]), plain(v), where + ' ' + name);
      }
    }
  });

  it('node-smpp with its filters on: same header and text where both agree on the charset', () => {
    let texts = 0;
    // A larger corpus, so enough messages in the two shared charsets come up.
    for (const p of generateCorpus(0xbeef, 1500).map(normalise)) {
      const bytes = Buffer.from(encode(p));
      const ns = new PDU(bytes);
      assert.equal(ns.command, p.command);
      assert.equal(ns.sequence_number, p.sequence_number);
      const body = (p.body ?? {}) as Record<string, unknown>;
      const dc = body.data_coding;
      const esm = (body.esm_class as number | undefined) ?? 0;
      const sm = body.short_message;
      if ((dc === 0x03 || dc === 0x08) && (esm & 0x40) === 0 && sm instanceof Uint8Array) {
        const theirs = (ns.short_message as { message: string }).message;
        assert.equal(decodeText(sm, dc).text, theirs, p.command + ' #' + p.sequence_number);
        texts++;
      }
    }
    assert.ok(texts >= 20, 'texts compared: ' + texts);
  });
});

describe('node-smpp cross-check: where the TLV sizes differ, we read by the length field', () => {
  it('source_telematics_id written by node-smpp in 2 octets', () => {
    const bytes = new PDU('submit_sm_resp', { sequence_number: 1, message_id: 'x', source_telematics_id: 0x0102 }).toBuffer();
    const r = decode(bytes);
    assert.equal(r.pdu.tlvs[0]?.name, 'source_telematics_id');
    assert.equal(r.pdu.tlvs[0]?.length, 2);
    assert.equal(r.pdu.tlvs[0]?.value, 0x0102);
    assert.equal(r.problems[0]?.field, 'source_telematics_id', 'the size differs from the 3.4 spec, and we say so');
    assert.equal(toHex(encode(r.pdu)), toHex(bytes), 're-encodes at the received size');
  });

  it('dest_addr_np_country written by node-smpp in 4 octets', () => {
    const bytes = new PDU('submit_sm_resp', { sequence_number: 1, message_id: 'x', dest_addr_np_country: 358 }).toBuffer();
    const r = decode(bytes);
    assert.equal(r.pdu.tlvs[0]?.value, 358);
    assert.equal(r.pdu.tlvs[0]?.length, 4);
  });

  it('broadcast_end_time written by node-smpp without its NUL', () => {
    const t = '240101120000000+';
    const bytes = new PDU('broadcast_sm_resp', { sequence_number: 1, message_id: 'x', broadcast_end_time: t }).toBuffer();
    const r = decode(bytes);
    assert.equal(r.pdu.tlvs[0]?.value, t);
    assert.match(r.problems[0]!.message, /not NUL-terminated/);
  });

  it('names agree except destination_port / dest_port', () => {
    for (const [ns, def] of Object.entries(nsDefs.tlvs)) {
      const ours = tlvByTag(def.id);
      assert.ok(ours !== undefined, 'we know ' + ns);
      if (ns === 'alert_on_msg_delivery') continue; // node-smpp's alias of alert_on_message_delivery
      assert.equal(ours.name, OUR_NAME[ns] ?? ns);
    }
  });
});
