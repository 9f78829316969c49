// The proxy's capture records own their bytes. The link publishes views of socket chunks (and
// renumbers relayed PDUs), so a record that kept a view could show one sequence_number in its
// header fields and another in its bytes; and masking passwords for a pcap export must write to a
// copy, never to the stored record. Here the application numbers its requests from far above
// where the proxy starts, so any mix-up of the two legs' bytes shows.
import assert from 'node:assert/strict';
import { describe, it, type TestContext } from 'node:test';
import { readU32 } from '../../../src/smpp/bytes';
import type { CaptureRecord } from '../../../src/smpp/capture';
import { tcpConnector } from '../../../src/smpp/link/transport';
import { writePcap } from '../../../src/smpp/pcap';
import type { ProxyPduEvent } from '../../../src/smpp/proxy/types';
import { ManualClock } from '../../support/manualClock';
import { RawSmppClient } from '../../support/rawSmppClient';
import { startSmsc } from '../../support/smscHarness';
import { assertNothingLeft, assertPaired, startProxy, type RunningProxy } from './support';

const APP_FIRST_SEQUENCE = 0x10000000;
const PASSWORD = 'Pw0rd!';
const SUBMITS = 5;
const ENQUIRE_LINKS = 3;

const latin1 = (b: Uint8Array): string => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1');

/**
 * Through the proxy to the simulator: a bind with a password, enquire_links and submits whose
 * delivery receipts come back as deliver_sm (answered by the application), then an unbind. The
 * application numbers from APP_FIRST_SEQUENCE; the proxy numbers each leg from 1. Returns the
 * proxy and every byte array the proxy published (the link's views, which the test may scribble
 * over afterwards, as a link that reuses its buffers would).
 */
async function proxiedSession(t: TestContext): Promise<{ p: RunningProxy; published: Uint8Array[] }> {
  const simClock = new ManualClock();
  const s = await startSmsc(t, { clock: simClock, deliveryReceiptDelay: 0, inactivityTimeout: 0 });
  const p = await startProxy(t, tcpConnector({ host: '127.0.0.1', port: s.port }));
  // After the capture's listener: sees the same bytes the capture was given.
  const published: Uint8Array[] = [];
  const keep = (e: ProxyPduEvent): void => void published.push(e.bytes);
  p.proxy.on('pdu', keep);
  t.after(() => void p.proxy.off('pdu', keep));

  const app = await RawSmppClient.connect(p.port);
  t.after(() => app.close());
  app.on('pdu', (pdu) => {
    if (pdu.command === 'deliver_sm') app.send({ command: 'deliver_sm_resp', sequence_number: pdu.sequence_number, body: {} });
  });
  let seq = APP_FIRST_SEQUENCE;
  const bindSeq = app.send({ command: 'bind_transceiver', sequence_number: seq++, body: { system_id: 'capture', password: PASSWORD, interface_version: 0x34 } });
  assert.equal((await app.response(bindSeq)).command_status, 0);
  for (let i = 0; i < ENQUIRE_LINKS; i++) {
    const n = app.send({ command: 'enquire_link', sequence_number: seq++, body: {} });
    assert.equal((await app.response(n)).command, 'enquire_link_resp');
  }
  for (let i = 0; i < SUBMITS; i++) {
    const n = app.send({
      command: 'submit_sm',
      sequence_number: seq++,
      body: { source_addr: '12345', destination_addr: `44770090000${i}`, registered_delivery: 1, short_message: `message ${i}` },
    });
    const resp = await app.response(n);
    assert.equal(resp.command_status, 0, `submit ${i}`);
    // The receipt is due at once on the simulator's clock.
    simClock.advance(0);
  }
  await app.received.waitCount(SUBMITS, (pdu) => pdu.command === 'deliver_sm');
  const unbindSeq = app.send({ command: 'unbind', sequence_number: seq++, body: {} });
  await app.response(unbindSeq);
  await app.closed;
  await assertNothingLeft(p);
  return { p, published };
}

/** Every record's header fields are those its own bytes say. */
function assertHeadersMatchBytes(records: readonly CaptureRecord[]): void {
  for (const r of records) {
    const what = `#${r.id} ${r.leg} ${r.direction} ${r.command} seq ${r.sequence_number}`;
    assert.equal(r.bytes.length, readU32(r.bytes, 0), `${what}: command_length`);
    assert.equal(r.command_id, readU32(r.bytes, 4), `${what}: command_id`);
    assert.equal(r.command_status, readU32(r.bytes, 8), `${what}: command_status`);
    assert.equal(r.sequence_number, readU32(r.bytes, 12), `${what}: sequence_number`);
  }
}

describe('the bytes of proxy capture records', { timeout: 30_000 }, () => {
  it('hold, on both legs, the header each record shows, even after the published bytes are overwritten', async (t) => {
    const { p, published } = await proxiedSession(t);
    const records = p.capture.records();
    for (const leg of ['app↔proxy', 'proxy↔smsc']) {
      const onLeg = records.filter((r) => r.leg === leg);
      // bind, enquire_links, submits, deliver_sms, unbind: each a request and its response.
      assert.equal(onLeg.length, 2 * (1 + ENQUIRE_LINKS + 2 * SUBMITS + 1), `${leg}: ${onLeg.map((r) => r.command).join(' ')}`);
      assertPaired(records, leg);
    }
    // The two legs number differently: the application's requests from far above the proxy's.
    const appBind = records.find((r) => r.leg === 'app↔proxy' && r.command === 'bind_transceiver')!;
    const smscBind = records.find((r) => r.leg === 'proxy↔smsc' && r.command === 'bind_transceiver')!;
    assert.equal(appBind.sequence_number, APP_FIRST_SEQUENCE);
    assert.equal(smscBind.sequence_number, 1);
    const appSubmits = records.filter((r) => r.leg === 'app↔proxy' && r.command === 'submit_sm').map((r) => r.sequence_number);
    const smscSubmits = records.filter((r) => r.leg === 'proxy↔smsc' && r.command === 'submit_sm').map((r) => r.sequence_number);
    for (const n of appSubmits) assert.ok(n > APP_FIRST_SEQUENCE, `application submit seq ${n}`);
    for (const n of smscSubmits) assert.ok(n < APP_FIRST_SEQUENCE, `proxy submit seq ${n}`);

    assertHeadersMatchBytes(records);
    // Pooled buffers may share an ArrayBuffer; what matters is that no record's octets lie inside published ones.
    const overlaps = (a: Uint8Array, b: Uint8Array): boolean => a.buffer === b.buffer && a.byteOffset < b.byteOffset + b.byteLength && b.byteOffset < a.byteOffset + a.byteLength;
    for (const r of records) assert.ok(!published.some((b) => overlaps(r.bytes, b)), `#${r.id} ${r.leg} ${r.command}: the record's bytes are a copy, not a view of what was published`);

    // A link that reuses its buffers (or renumbers a frame where it lies) writes over what it
    // published: the capture must not change with it.
    assert.equal(published.length, records.length);
    for (const b of published) b.fill(0xee);
    assertHeadersMatchBytes(records);
    assert.ok(latin1(appBind.bytes).includes(`\0${PASSWORD}\0`));
  });

  it('keeps the real password when an export masks it, so a later unmasked export has it', async (t) => {
    const { p } = await proxiedSession(t);
    const records = p.capture.records();
    const binds = records.filter((r) => r.command === 'bind_transceiver');
    assert.equal(binds.length, 2, 'one bind on each leg');
    const stored = binds.map((r) => r.bytes.slice());
    for (const r of binds) assert.ok(latin1(r.bytes).includes(`\0${PASSWORD}\0`), `${r.leg}: the bind holds the password`);

    // What Export Capture does with smpp.export.includePasswords off, then on.
    const masked = latin1(writePcap(records, { maskPasswords: true }));
    assert.equal(masked.includes(PASSWORD), false, 'the masked export has no password');
    assert.equal(masked.split(`\0${'*'.repeat(PASSWORD.length)}\0`).length - 1, 2, 'the masked export has both binds masked');
    binds.forEach((r, i) => assert.deepEqual(r.bytes, stored[i], `${r.leg}: the stored bind is unchanged by the masked export`));
    for (const r of p.capture.records().filter((x) => x.command === 'bind_transceiver')) {
      assert.ok(latin1(r.bytes).includes(`\0${PASSWORD}\0`), `${r.leg}: the stored bind still holds the password`);
    }

    const unmasked = latin1(writePcap(p.capture.records(), { maskPasswords: false }));
    assert.equal(unmasked.split(`\0${PASSWORD}\0`).length - 1, 2, 'the unmasked export has the password in both binds');
    assert.equal(unmasked.includes('*'.repeat(PASSWORD.length)), false, 'and no mask left over from the first export');
    // The default (no options) masks, and still leaves the store alone.
    assert.equal(latin1(writePcap(p.capture.records())).includes(PASSWORD), false);
    binds.forEach((r, i) => assert.deepEqual(r.bytes, stored[i]));
  });
});
