// Copy as code from the decoder: the page's `copyAsCode` message passes its guard only whole (hex
// of one PDU, bounded, a connection name the files accept, no other keys), and the host's builder
// turns the PDU into a snippet input bound as its connection (a placeholder SMSC for a paste). The
// node-smpp snippet of a captured submit_sm, run as it is against our simulator, sends the same
// destination, text and vendor TLV.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { pduSnippetInput, PLACEHOLDER_CONNECTION } from '../../../src/decoder/pduSnippet';
import { MAX_ROW_HEX, isWebviewToHost } from '../../../src/shared/decoderMessages';
import { MAX_CONNECTION_NAME } from '../../../src/shared/guards';
import { toHex } from '../../../src/smpp/bytes';
import { encode } from '../../../src/smpp/codec';
import type { SmscPduEvent } from '../../../src/smpp/simulator/events';
import { generateSnippet } from '../../../src/smpp/snippets/index';
import { parseTlvDictionary } from '../../../src/smpp/tables/tlvDictionary';
import { startSmsc } from '../../support/smscHarness';
import { REPO, run, scratch } from '../snippets/support';

const TEXT = 'Copied from the decoder';
const dictionary = parseTlvDictionary([{ tag: 0x1400, name: 'billing_code', type: 'int2' }]).dictionary;
const submit = toHex(
  encode(
    {
      command: 'submit_sm',
      sequence_number: 9,
      body: { source_addr: 'ACME', destination_addr: '447700900123', dest_addr_ton: 1, dest_addr_npi: 1, registered_delivery: 1, short_message: new TextEncoder().encode(TEXT) },
      tlvs: [{ tag: 0x1400, raw: new Uint8Array([0x02, 0x01]) }],
    },
  ),
);
const submitResp = toHex(encode({ command: 'submit_sm_resp', sequence_number: 9, body: { message_id: 'abc' } }));

describe('decoder copyAsCode message guard', () => {
  it('takes a PDU from a connection, and a pasted one', () => {
    assert.equal(isWebviewToHost({ type: 'copyAsCode', hex: submit, connection: 'Local simulator' }), true);
    assert.equal(isWebviewToHost({ type: 'copyAsCode', hex: submit.toUpperCase(), connection: '' }), true);
    assert.equal(isWebviewToHost(JSON.parse(JSON.stringify({ type: 'copyAsCode', hex: submit, connection: '' }))), true);
  });

  it('refuses hex longer than one PDU can be, odd, short or not hex', () => {
    const header = '00000010000000150000000000000001';
    assert.equal(isWebviewToHost({ type: 'copyAsCode', hex: header + '00'.repeat((MAX_ROW_HEX - header.length) / 2), connection: '' }), true, 'at the limit');
    assert.equal(isWebviewToHost({ type: 'copyAsCode', hex: header + '00'.repeat((MAX_ROW_HEX - header.length) / 2 + 1), connection: '' }), false, 'past the limit');
    assert.equal(isWebviewToHost({ type: 'copyAsCode', hex: header + '0', connection: '' }), false, 'half an octet');
    assert.equal(isWebviewToHost({ type: 'copyAsCode', hex: header.slice(0, 30), connection: '' }), false, 'shorter than a header');
    assert.equal(isWebviewToHost({ type: 'copyAsCode', hex: header.slice(0, 30) + 'zz', connection: '' }), false, 'not hex');
    assert.equal(isWebviewToHost({ type: 'copyAsCode', hex: `${header} `, connection: '' }), false, 'spaces');
    assert.equal(isWebviewToHost({ type: 'copyAsCode', hex: [header], connection: '' }), false, 'not a string');
  });

  it('refuses a connection name the connection files would not accept', () => {
    assert.equal(isWebviewToHost({ type: 'copyAsCode', hex: submit, connection: 'x'.repeat(MAX_CONNECTION_NAME) }), true);
    assert.equal(isWebviewToHost({ type: 'copyAsCode', hex: submit, connection: 'x'.repeat(MAX_CONNECTION_NAME + 1) }), false);
    assert.equal(isWebviewToHost({ type: 'copyAsCode', hex: submit, connection: 7 }), false);
    assert.equal(isWebviewToHost({ type: 'copyAsCode', hex: submit }), false, 'no connection');
  });

  it('refuses unknown or missing fields', () => {
    assert.equal(isWebviewToHost({ type: 'copyAsCode', hex: submit, connection: '', language: 'node-smpp' }), false);
    assert.equal(isWebviewToHost({ type: 'copyAsCode', connection: '' }), false);
    assert.equal(isWebviewToHost(JSON.parse(`{"type":"copyAsCode","hex":"${submit}","connection":"","__proto__":{}}`)), false);
  });
});

describe('decoder copyAsCode: the snippet input of a PDU', () => {
  const acme = { connection: { name: 'Acme', host: 'smsc.acme.example', port: 2776, system_id: 'acme', password: '${env:ACME_PW}' }, dictionary };

  it('a captured submit_sm binds as its connection, body and vendor TLV as they were', () => {
    const r = pduSnippetInput(submit, acme);
    assert.ok(r.ok);
    assert.equal(r.command, 'submit_sm');
    assert.equal(r.placeholder, false);
    assert.deepEqual(r.input.connection, acme.connection);
    assert.equal(r.input.pdu.body?.destination_addr, '447700900123');
    assert.deepEqual(r.input.pdu.tlvs, [{ tag: 0x1400, value: 513, length: 2 }]);
    const code = generateSnippet('node-smpp', r.input);
    assert.match(code, /smpp:\/\/smsc\.acme\.example:2776/);
    assert.match(code, /process\.env\.ACME_PW/);
  });

  it('a pasted PDU binds to the placeholder SMSC, which the snippet says to replace', () => {
    const r = pduSnippetInput(submit, undefined, dictionary);
    assert.ok(r.ok);
    assert.equal(r.placeholder, true);
    assert.deepEqual(r.input.connection, PLACEHOLDER_CONNECTION);
    const code = generateSnippet('python-smpplib', r.input);
    assert.match(code.split('\n')[0]!, /placeholder: the PDU was pasted; set the host, port and system_id/);
    assert.match(code, /127\.0\.0\.1/);
  });

  it('a response, an unknown command or a PDU that does not decode is named, not copied', () => {
    assert.deepEqual(pduSnippetInput(submitResp, acme), { ok: false, message: 'submit_sm_resp is a response; a snippet sends a request' });
    assert.deepEqual(pduSnippetInput('00000010000000990000000000000001', undefined), { ok: false, message: 'command_id 0x00000099 is not an SMPP command' });
    const cut = pduSnippetInput(submit.slice(0, 40), undefined);
    assert.equal(cut.ok, false);
    assert.match(!cut.ok ? cut.message : '', /^submit_sm does not decode cleanly: /);
    assert.deepEqual(pduSnippetInput('0000', undefined), { ok: false, message: 'the PDU bytes are not whole (at least a 16-octet header, in hex)' });
  });

  it('the node-smpp snippet of a captured submit_sm sends the same destination, text and vendor TLV to the simulator', { timeout: 60_000 }, async (t) => {
    const s = await startSmsc(t);
    const r = pduSnippetInput(submit, { connection: { name: 'Local simulator', host: '127.0.0.1', port: s.port, system_id: 'copied' }, dictionary });
    assert.ok(r.ok);
    const code = generateSnippet('node-smpp', r.input);
    const ran = await run(process.execPath, [scratch('decoder-copy.js', code)], { NODE_PATH: join(REPO, 'node_modules'), SMPP_PASSWORD: 'pw' });
    assert.equal(ran.code, 0, `${ran.stderr}\n${ran.stdout}\n${code}`);
    const submits = s.smscPdus.items.filter((e: SmscPduEvent) => e.direction === 'in' && e.command === 'submit_sm');
    assert.equal(submits.length, 1);
    const got = submits[0]!.pdu;
    const body = got.body as Record<string, unknown>;
    assert.equal(body.destination_addr, '447700900123');
    assert.equal(body.source_addr, 'ACME');
    assert.equal(new TextDecoder().decode(body.short_message as Uint8Array), TEXT);
    assert.deepEqual([...(got.tlvs.find((x) => x.tag === 0x1400)?.raw ?? [])], [0x02, 0x01]);
  });
});
