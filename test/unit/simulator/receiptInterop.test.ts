// The simulator's receipts as another system takes them: node-smpp's client (an independent ESME)
// binds as SMPP 3.4 and as 3.3, submits text that is awkward in a receipt (an @, which is 0x00 in
// GSM 7-bit; umlauts and €; Latin-1; UCS-2 with a surrogate pair; 8-bit binary) with
// registered_delivery 1 and 0x11, and checks each receipt's octets as written, as node-smpp's
// decoder reads them, in the SMPP 3.4 Appendix B layout, and as our own parser reads them: printable
// ASCII only, no TLVs to 3.3, and the ENROUTE notification before the final receipt.
import assert from 'node:assert/strict';
import { describe, it, type TestContext } from 'node:test';
import { decode } from '../../../src/smpp/codec';
import { parseReceipt, type ReceiptDate } from '../../../src/smpp/receipt';
import type { SmscPduEvent } from '../../../src/smpp/simulator/events';
import { encodeText } from '../../../src/smpp/text/index';
import { nsDecodeRaw } from '../../fixtures/nodesmpp';
import { ManualClock } from '../../support/manualClock';
import { call, connectNodeSmpp, nsText, type NsPdu, type NsSession } from '../../support/nodeSmppClient';
import { startSmsc, type RunningSmsc } from '../../support/smscHarness';
import { EventLog } from '../../support/waitFor';

const TIMEOUT = { timeout: 20_000 };
const DELAY = 90_000;
// The ManualClock starts at 2026-01-01 00:00 UTC: submits then, final receipts 90 s later.
const SUBMIT_DATE = '2601010000';
const FINAL_DATE = '2601010001';

interface Case {
  name: string;
  data_coding: number;
  bytes: Uint8Array;
  /** What the receipt's text: field must hold. */
  excerpt: string;
}

const CASES: Case[] = [
  { name: 'an @ in GSM 7-bit', data_coding: 0, bytes: encodeText('mail@example.com', 'gsm7'), excerpt: 'mail?example.com' },
  { name: 'umlauts, ß and € in GSM 7-bit', data_coding: 0, bytes: encodeText('Grüße €5', 'gsm7'), excerpt: 'Gr??e ?5' },
  { name: 'Latin-1', data_coding: 3, bytes: encodeText('Crème brûlée à 5$', 'latin1'), excerpt: 'Cr?me br?l?e ? 5?' },
  // 20 characters: the wave (a surrogate pair) is one of them.
  { name: 'UCS-2', data_coding: 8, bytes: encodeText('Привет 👋 mail@x.io and more', 'ucs2'), excerpt: '?????? ? mail?x.io a' },
  { name: '8-bit binary', data_coding: 4, bytes: Uint8Array.from({ length: 25 }, (_, i) => (i * 37) & 0xff), excerpt: '?'.repeat(20) },
];

/** The message_state TLV values and esm_class by stat. */
const KIND = {
  ENROUTE: { state: 1, esmClass: 0x20, dlvrd: '000', done: SUBMIT_DATE },
  DELIVRD: { state: 2, esmClass: 0x04, dlvrd: '001', done: FINAL_DATE },
} as const;

interface Submitted {
  id: string;
  c: Case;
  rd: number;
}

interface Bound {
  s: RunningSmsc;
  clock: ManualClock;
  tx: NsSession;
  rx: NsSession;
  /** Every deliver_sm the receiving client got, answered. */
  delivered: EventLog<NsPdu>;
  /** The bind responses node-smpp got. */
  bindResponses: NsPdu[];
}

/** node-smpp bound to a fresh simulator: one transceiver as 3.4, a transmitter and a receiver as 3.3 (which has no transceiver). */
async function bind(t: TestContext, version: 0x34 | 0x33): Promise<Bound> {
  const clock = new ManualClock();
  const s = await startSmsc(t, { clock, deliveryReceiptDelay: DELAY, inactivityTimeout: 0 });
  const creds = { system_id: 'gateway', password: 'pw', interface_version: version };
  const bindResponses: NsPdu[] = [];
  let tx: NsSession;
  let rx: NsSession;
  if (version === 0x34) {
    tx = rx = (await connectNodeSmpp(t, s.port)).client;
    bindResponses.push(await call((cb) => tx.bind_transceiver(creds, cb)));
  } else {
    tx = (await connectNodeSmpp(t, s.port)).client;
    rx = (await connectNodeSmpp(t, s.port)).client;
    bindResponses.push(await call((cb) => tx.bind_transmitter(creds, cb)));
    bindResponses.push(await call((cb) => rx.bind_receiver(creds, cb)));
  }
  for (const r of bindResponses) assert.equal(r.command_status, 0);
  rx.on('deliver_sm', (pdu: NsPdu) => rx.send(pdu.response()));
  return { s, clock, tx, rx, delivered: new EventLog<NsPdu>(rx, 'deliver_sm'), bindResponses };
}

/** Submits every case with registered_delivery 1 and 0x11; resolves with the message ids. */
async function submitAll(b: Bound): Promise<Submitted[]> {
  const out: Submitted[] = [];
  for (const c of CASES) {
    for (const rd of [0x01, 0x11]) {
      const r = await call((cb) =>
        b.tx.submit_sm(
          { source_addr: '12345', destination_addr: '447700900001', registered_delivery: rd, data_coding: c.data_coding, short_message: Buffer.from(c.bytes) },
          cb,
        ),
      );
      assert.equal(r.command_status, 0, c.name);
      out.push({ id: r.message_id ?? '', c, rd });
    }
  }
  return out;
}

/** The octets the simulator wrote for the deliver_sm node-smpp received. */
function wireOf(s: RunningSmsc, pdu: NsPdu): Uint8Array {
  const e = s.smscPdus.items.find((p: SmscPduEvent) => p.direction === 'out' && p.command === 'deliver_sm' && p.sequence_number === pdu.sequence_number);
  assert.ok(e, `deliver_sm ${pdu.sequence_number} was written`);
  return e.bytes;
}

function dateRaw(d: ReceiptDate | undefined): string | undefined {
  return d?.raw;
}

/** Checks one receipt every way: octets, node-smpp's reading, Appendix B fields, our parser, TLVs. */
function checkReceipt(b: Bound, pdu: NsPdu, sub: Submitted, stat: keyof typeof KIND, version: number): void {
  const kind = KIND[stat];
  const expected = `id:${sub.id} sub:001 dlvrd:${kind.dlvrd} submit date:${SUBMIT_DATE} done date:${kind.done} stat:${stat} err:000 text:${sub.c.excerpt}`;
  const what = `${stat} receipt for ${sub.c.name}, registered_delivery 0x${sub.rd.toString(16)}`;
  const wire = wireOf(b.s, pdu);

  // The octets, as node-smpp's decoder (charset filters off) finds them.
  const raw = nsDecodeRaw(wire);
  const sm = raw.short_message as Buffer;
  assert.ok(Buffer.isBuffer(sm), what);
  assert.ok(!sm.includes(0x00), `${what}: no NUL in the text`);
  assert.ok(sm.every((o) => o >= 0x20 && o <= 0x7e), `${what}: printable ASCII only, got ${sm.toString('hex')}`);
  assert.equal(sm.toString('latin1'), expected, what);
  assert.equal(raw.data_coding, 0, what);
  assert.equal(raw.esm_class, kind.esmClass, what);

  // node-smpp's client reads data_coding 0 as GSM 03.38: the same text.
  assert.equal(nsText(pdu.short_message), expected, what);
  assert.equal(pdu.esm_class, kind.esmClass, what);

  // The Appendix B fields, by our parser.
  const r = parseReceipt(sm.toString('latin1'));
  assert.ok(r, what);
  assert.deepEqual(r.problems, [], what);
  assert.deepEqual(
    { id: r.id, sub: r.sub, dlvrd: r.dlvrd, submit: dateRaw(r.submitDate), done: dateRaw(r.doneDate), stat: r.stat, err: r.err, text: r.text, state: r.messageState },
    { id: sub.id, sub: '001', dlvrd: kind.dlvrd, submit: SUBMIT_DATE, done: kind.done, stat, err: '000', text: sub.c.excerpt, state: kind.state },
    what,
  );

  // TLVs: receipted_message_id and message_state for 3.4, nothing after short_message for 3.3.
  const ours = decode(wire).pdu;
  if (version >= 0x34) {
    assert.deepEqual(ours.tlvs.map((x) => [x.name, x.value]), [['receipted_message_id', sub.id], ['message_state', kind.state]], what);
    assert.equal(pdu.receipted_message_id, sub.id, what);
    assert.equal(pdu.message_state, kind.state, what);
  } else {
    assert.deepEqual(ours.tlvs, [], what);
    assert.equal(pdu.receipted_message_id, undefined, what);
    assert.equal(pdu.message_state, undefined, what);
  }
}

/** Submits every case, checks the ENROUTE notifications, then the final receipts after the delay. */
async function receiptsFor(b: Bound, version: number): Promise<void> {
  const submitted = await submitAll(b);
  const byId = new Map(submitted.map((x) => [x.id, x]));
  const intermediate = submitted.filter((x) => x.rd === 0x11);

  // Before the delivery delay: one ENROUTE notification per 0x11 submit, and nothing else.
  const early = await b.delivered.waitCount(intermediate.length);
  assert.deepEqual(early.map((p) => byId.get(idOf(p))?.rd), intermediate.map(() => 0x11));
  for (const p of early) checkReceipt(b, p, byId.get(idOf(p))!, 'ENROUTE', version);
  // Answered, before the clock jumps past the simulator's response timeout.
  await b.s.smscPdus.waitCount(early.length, (e) => e.direction === 'in' && e.command === 'deliver_sm_resp');

  b.clock.advance(DELAY);
  const all = await b.delivered.waitCount(intermediate.length + submitted.length);
  const finals = all.slice(early.length);
  assert.deepEqual(finals.map(idOf).sort(), submitted.map((x) => x.id).sort());
  for (const p of finals) checkReceipt(b, p, byId.get(idOf(p))!, 'DELIVRD', version);

  // Per message: [ENROUTE, DELIVRD] when 0x11 asked, [DELIVRD] for 1.
  for (const x of submitted) {
    const stats = all.filter((p) => idOf(p) === x.id).map((p) => /stat:(\w+)/.exec(nsText(p.short_message))?.[1]);
    assert.deepEqual(stats, x.rd === 0x11 ? ['ENROUTE', 'DELIVRD'] : ['DELIVRD'], x.c.name);
  }
}

/** The message id a receipt names, read from its text (3.3 receipts have no TLV for it). */
function idOf(p: NsPdu): string {
  return /^id:(\S+) /.exec(nsText(p.short_message))?.[1] ?? '';
}

describe('simulator receipts as node-smpp’s client takes them', TIMEOUT, () => {
  it('SMPP 3.4 transceiver: ASCII receipt text with ? for the rest, the TLVs, ENROUTE before the final receipt', async (t) => {
    const b = await bind(t, 0x34);
    assert.equal(b.bindResponses[0].sc_interface_version, 0x34);
    await receiptsFor(b, 0x34);
  });

  it('SMPP 3.3 transmitter and receiver: the same receipts without TLVs, and no TLV in anything the simulator writes to them', async (t) => {
    const b = await bind(t, 0x33);
    for (const r of b.bindResponses) assert.equal(r.sc_interface_version, undefined);
    await receiptsFor(b, 0x33);

    // An MO asked to go by SAR or message_payload goes to a 3.3 receiver with a UDH instead.
    const long = 'A message from a phone that is long enough to need two parts when it is sent as GSM 7-bit text, '.repeat(2);
    for (const method of ['sar', 'payload'] as const) {
      const before = b.delivered.items.length;
      const result = b.s.sim.injectMo({ from: '447700900123', to: '12345', text: long, method });
      assert.deepEqual({ delivered: result.delivered, parts: result.parts, method: result.method }, { delivered: true, parts: 2, method: 'udh' }, method);
      const parts = (await b.delivered.waitCount(before + 2)).slice(before);
      for (const p of parts) {
        const ours = decode(wireOf(b.s, p)).pdu;
        assert.equal(ours.command, 'deliver_sm');
        assert.equal((ours.body as { esm_class?: number }).esm_class, 0x40, method);
        assert.deepEqual(ours.tlvs, [], method);
      }
      assert.equal(parts.map((p) => nsText(p.short_message)).join(''), long, method);
    }

    // Every PDU written to either 3.3 connection (bind and submit responses, receipts, MOs): no TLV.
    const written = b.s.smscPdus.items.filter((e) => e.direction === 'out');
    assert.deepEqual([...new Set(written.map((e) => e.command))].sort(), ['bind_receiver_resp', 'bind_transmitter_resp', 'deliver_sm', 'submit_sm_resp']);
    for (const e of written) assert.deepEqual(decode(e.bytes).pdu.tlvs, [], `${e.command} ${e.sequence_number}`);
  });
});
