// A provider's profile in the session's text submit: each concatenation method (UDH with an 8- or
// 16-bit reference, SAR TLVs, one message_payload) and the alphabet of data_coding 0, sent over
// loopback TCP to our simulator and to node-smpp's server (its own process), checking what
// arrived; extra TLVs (the spec's and a dictionary's vendor TLVs) in every part.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it, type TestContext } from 'node:test';
import { decode, EncodeError, parseTlvDictionary, type DecodedPdu } from '../../../src/smpp/codec';
import { EsmeSession } from '../../../src/smpp/session/esme';
import { planText, submitText, type TextSubmission } from '../../../src/smpp/session/messaging';
import { tcpConnector } from '../../../src/smpp/link/transport';
import type { SmscPduEvent } from '../../../src/smpp/simulator/events';
import { ChildPeer, type PeerEvent } from '../../support/childPeer';
import { boundPair } from '../../support/smscHarness';

const RECORDER = join(__dirname, '..', '..', 'fixtures', 'peers', 'node-smpp-recorder.cjs');
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const LONG = 'The quick brown fox jumps over the lazy dog. '.repeat(5).trim(); // 229 GSM characters
const dictionary = parseTlvDictionary([{ tag: '0x1400', name: 'operator_id', type: 'int2', values: { '7': 'acme' } }]).dictionary;

/** Sends a text through our session to our simulator; resolves with the result and the submit_sm PDUs the simulator received. */
async function sendToSimulator(t: TestContext, m: Omit<TextSubmission, 'to'>): Promise<{ result: Awaited<ReturnType<typeof submitText>>; received: SmscPduEvent[] }> {
  const { session, smscPdus } = await boundPair(t);
  const result = await submitText(session, { to: '447700900123', ...m });
  const received = await smscPdus.waitCount(result.parts.length, (e) => e.direction === 'in' && e.command === 'submit_sm');
  return { result, received };
}

const body = (e: SmscPduEvent): { esm_class: number; data_coding: number; short_message: Uint8Array } => e.pdu.body as never;
const tlv = (pdu: DecodedPdu, name: string): unknown => pdu.tlvs.find((t) => t.name === name)?.value;

describe('submit by the profile, to our simulator', () => {
  it('udh8: each part starts with a concatenation UDH (8-bit reference, one for all) and sets UDHI', async (t) => {
    const { result, received } = await sendToSimulator(t, { text: LONG, method: 'udh' });
    assert.equal(received.length, 2);
    const ref = body(received[0]!).short_message[3];
    received.forEach((e, i) => {
      const sm = body(e).short_message;
      assert.equal(body(e).esm_class, 0x40);
      assert.equal(hex(sm.subarray(0, 6)), '050003' + ref!.toString(16).padStart(2, '0') + '02' + '0' + (i + 1));
    });
    const text = received.map((e) => Buffer.from(body(e).short_message.subarray(6)).toString('latin1')).join('');
    assert.equal(text, LONG);
    assert.equal(result.parts.length, 2);
  });

  it('udh16: each part starts with a concatenation UDH with a 16-bit reference', async (t) => {
    const { received } = await sendToSimulator(t, { text: LONG, method: 'udh16' });
    assert.equal(received.length, 2);
    const ref = hex(body(received[0]!).short_message.subarray(3, 5));
    received.forEach((e, i) => {
      assert.equal(body(e).esm_class, 0x40);
      assert.equal(hex(body(e).short_message.subarray(0, 7)), '060804' + ref + '020' + (i + 1));
    });
    assert.equal(body(received[0]!).short_message.length, 7 + 152);
  });

  it('sar: no UDH, the three SAR TLVs in each part with one reference', async (t) => {
    const { received } = await sendToSimulator(t, { text: LONG, method: 'sar' });
    assert.equal(received.length, 2);
    const refs = received.map((e) => tlv(e.pdu, 'sar_msg_ref_num'));
    assert.equal(refs[0], refs[1]);
    assert.deepEqual(
      received.map((e) => [body(e).esm_class, tlv(e.pdu, 'sar_total_segments'), tlv(e.pdu, 'sar_segment_seqnum'), body(e).short_message.length]),
      [
        [0, 2, 1, 153],
        [0, 2, 2, LONG.length - 153],
      ],
    );
  });

  it('payload: one submit_sm, empty short_message, the whole text in message_payload', async (t) => {
    const { result, received } = await sendToSimulator(t, { text: LONG, method: 'payload' });
    assert.equal(received.length, 1);
    assert.equal(result.parts.length, 1);
    assert.equal(body(received[0]!).short_message.length, 0);
    assert.equal(Buffer.from(tlv(received[0]!.pdu, 'message_payload') as Uint8Array).toString('latin1'), LONG);
  });

  it('extra TLVs, a vendor one by the dictionary and a spec one, go in every part', async (t) => {
    const { received } = await sendToSimulator(t, {
      text: LONG,
      method: 'sar',
      dictionary,
      tlvs: [
        { name: 'operator_id', value: 7 },
        { name: 'user_message_reference', value: 42 },
      ],
    });
    for (const e of received) {
      const { pdu, problems } = decode(e.bytes, { tlvs: dictionary });
      assert.deepEqual(problems, []);
      const op = pdu.tlvs.find((x) => x.name === 'operator_id');
      assert.deepEqual([op?.tag, op?.value, op?.valueName], [0x1400, 7, 'acme']);
      assert.equal(tlv(pdu, 'user_message_reference'), 42);
    }
  });

  it('refuses, before sending anything, a TLV the method sets itself or a value its type cannot hold', async (t) => {
    const { session, smscPdus } = await boundPair(t);
    await assert.rejects(
      submitText(session, { to: '1234567', text: LONG, method: 'sar', tlvs: [{ name: 'sar_msg_ref_num', value: 1 }] }),
      (e: unknown) => e instanceof EncodeError && /sar_msg_ref_num: is set by the way the text is sent \(sar\)/.test(e.message),
    );
    await assert.rejects(
      submitText(session, { to: '1234567', text: 'hi', dictionary, tlvs: [{ name: 'operator_id', value: 70000 }] }),
      (e: unknown) => e instanceof EncodeError && e.field === 'operator_id',
    );
    await session.enquireLink();
    assert.equal(smscPdus.filter((e) => e.command === 'submit_sm').length, 0);
  });
});

describe('the alphabet of data_coding 0 (profile dcs0)', () => {
  it('latin1: text Latin-1 holds goes as data_coding 0, one octet a character', async (t) => {
    const { result, received } = await sendToSimulator(t, { text: 'Grüße, café à 10€?'.replace('€', 'E'), dcs0: 'latin1' });
    assert.equal(result.alphabet, 'latin1');
    assert.equal(body(received[0]!).data_coding, 0);
    assert.equal(hex(body(received[0]!).short_message), Buffer.from('Grüße, café à 10E?', 'latin1').toString('hex'));
  });

  it('latin1: text beyond Latin-1 goes as UCS-2', async (t) => {
    const { result, received } = await sendToSimulator(t, { text: 'Price: 10€', dcs0: 'latin1' });
    assert.equal(result.alphabet, 'ucs2');
    assert.equal(body(received[0]!).data_coding, 8);
  });

  it('ascii: ASCII text goes as data_coding 0 in ASCII; an accent makes it UCS-2', async (t) => {
    const { result, received } = await sendToSimulator(t, { text: 'Hello {world} [1] ~', dcs0: 'ascii' });
    assert.equal(result.alphabet, 'ascii');
    assert.equal(body(received[0]!).data_coding, 0);
    assert.equal(Buffer.from(body(received[0]!).short_message).toString('latin1'), 'Hello {world} [1] ~');
    assert.equal(planText('café', 'auto', 'udh', 'ascii').alphabet, 'ucs2');
  });

  it('gsm7 (the default): the GSM alphabet, one septet an octet', async (t) => {
    const { result, received } = await sendToSimulator(t, { text: 'Hello {x}' });
    assert.equal(result.alphabet, 'gsm7');
    // "{" is an escape pair in GSM 7-bit: 1B 28.
    assert.equal(hex(body(received[0]!).short_message), '48656c6c6f201b28781b29');
  });

  it('a long Latin-1 text is split at 134 octets a part (140 with the UDH)', async (t) => {
    const text = 'é'.repeat(200);
    const { received } = await sendToSimulator(t, { text, dcs0: 'latin1', method: 'udh' });
    assert.deepEqual(
      received.map((e) => [body(e).data_coding, body(e).short_message.length]),
      [
        [0, 140],
        [0, 6 + 66],
      ],
    );
  });

  it('data_coding 0 asked for explicitly sends what the alphabet cannot hold as "?" and says so', () => {
    const { plan, alphabet } = planText('café', 'gsm7', 'udh', 'ascii');
    assert.equal(alphabet, 'ascii');
    assert.equal(plan.dataCoding, 0);
    assert.equal(Buffer.from(plan.parts[0]!.shortMessage).toString('latin1'), 'caf?');
    assert.deepEqual(plan.problems.map((p) => [p.index, p.message]), [[3, `"é" (U+00E9) cannot be sent in ASCII (data_coding 0 at this SMSC); it is sent as '?'`]]);
  });
});

describe('submit by the profile, to node-smpp’s server (separate process)', () => {
  let peer: ChildPeer;
  let session: EsmeSession;

  before(async () => {
    peer = new ChildPeer(RECORDER);
    const port = (await peer.next('listening')).port as number;
    session = new EsmeSession({
      connector: tcpConnector({ host: '127.0.0.1', port }),
      bind: { type: 'transmitter', system_id: 'esme', password: 'pw' },
      enquireLinkInterval: 0,
      responseTimeout: 10_000,
      window: 10,
      reconnect: false,
    });
    await session.bind();
  });

  after(async () => {
    session.close();
    await peer.stop();
  });

  /** Submits and returns the submit events node-smpp's server reported for this text. */
  async function send(m: Omit<TextSubmission, 'to'>): Promise<PeerEvent[]> {
    const r = await submitText(session, { to: '447700900123', ...m });
    const ids = new Set(r.parts.map((p) => p.messageId));
    const events: PeerEvent[] = [];
    for (const id of ids) events.push(await peer.next('submit', (e) => e.id === id));
    return events;
  }

  type Sm = { udh?: { hex: string }[]; message: string };

  it('udh8 and udh16: node-smpp finds the concatenation element in each part', async () => {
    const u8 = await send({ text: LONG, method: 'udh' });
    assert.equal(u8.length, 2);
    const ref8 = (u8[0]!.short_message as Sm).udh![0]!.hex.slice(4, 6);
    assert.deepEqual(
      u8.map((e) => [e.esm_class, (e.short_message as Sm).udh![0]!.hex]),
      [
        [0x40, `0003${ref8}0201`],
        [0x40, `0003${ref8}0202`],
      ],
    );
    assert.equal(u8.map((e) => (e.short_message as Sm).message).join(''), LONG);
    const u16 = await send({ text: LONG, method: 'udh16' });
    const ref16 = (u16[0]!.short_message as Sm).udh![0]!.hex.slice(4, 8);
    assert.deepEqual(
      u16.map((e) => (e.short_message as Sm).udh![0]!.hex),
      [`0804${ref16}0201`, `0804${ref16}0202`],
    );
  });

  it('sar: node-smpp reads the SAR TLVs of each part', async () => {
    const parts = await send({ text: LONG, method: 'sar' });
    assert.deepEqual(
      parts.map((e) => [e.esm_class, e.sar_msg_ref_num === parts[0]!.sar_msg_ref_num, e.sar_total_segments, e.sar_segment_seqnum, (e.short_message as Sm).udh]),
      [
        [0, true, 2, 1, undefined],
        [0, true, 2, 2, undefined],
      ],
    );
    assert.equal(parts.map((e) => (e.short_message as Sm).message).join(''), LONG);
  });

  it('payload: node-smpp reads the whole text from message_payload', async () => {
    const [e] = await send({ text: LONG, method: 'payload' });
    assert.equal((e!.message_payload as Sm).message, LONG);
    assert.equal((e!.short_message as Sm).message, '');
  });

  it('a vendor TLV arrives in every part under its tag, with the octets of its type', async () => {
    const parts = await send({ text: LONG, method: 'udh16', dictionary, tlvs: [{ name: 'operator_id', value: 0x0102 }] });
    assert.deepEqual(
      parts.map((e) => e.unknown),
      [{ '0x1400': '0102' }, { '0x1400': '0102' }],
    );
  });
});
