// The node-smpp and Net::SMPP snippets, run as they are against our simulator on a free port: what
// the simulator received is what the connection and the PDU asked for (text, data_coding,
// esm_class and UDH or SAR TLVs, a spec TLV and a vendor TLV), and no password is written in them.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import { decodeText } from '../../../src/smpp/text/index';
import type { SmscPduEvent } from '../../../src/smpp/simulator/events';
import { generateSnippet, type SnippetConnection, type SnippetInput, type SnippetLanguage } from '../../../src/smpp/snippets/index';
import { parseTlvDictionary } from '../../../src/smpp/tables/tlvDictionary';
import { startSmsc } from '../../support/smscHarness';
import { REPO, run, scratch } from './support';

const TIMEOUT = { timeout: 60_000 };
const LONG = 'The quick brown fox jumps over the lazy dog, twice: the quick brown fox jumps over the lazy dog. And once more, so that the text goes past the 160 characters one part holds.';
const dictionary = parseTlvDictionary([{ tag: 0x1400, name: 'billing_code', type: 'int2' }]).dictionary;

async function runAgainstSimulator(t: TestContext, language: SnippetLanguage, connection: Omit<SnippetConnection, 'host' | 'port'>, input: Omit<SnippetInput, 'connection'>) {
  const s = await startSmsc(t);
  const source = generateSnippet(language, { ...input, connection: { host: '127.0.0.1', port: s.port, ...connection } });
  const file = scratch(language === 'node-smpp' ? 'send.js' : 'send.pl', source);
  const bound: string[] = [];
  s.sim.on('bind', (b) => bound.push(`${b.type} ${b.system_id} ${b.statusName}`));
  const ran = language === 'node-smpp' ? await run(process.execPath, [file], { NODE_PATH: join(REPO, 'node_modules'), SMPP_PASSWORD: 'pw' }) : await run('perl', [file], { SMPP_PASSWORD: 'pw' });
  assert.equal(ran.code, 0, `the snippet failed:\n${ran.stderr}\n${ran.stdout}\n--- snippet ---\n${source}`);
  const submits = s.smscPdus.items.filter((e: SmscPduEvent) => e.direction === 'in' && e.command === 'submit_sm');
  return { source, ran, submits, bound };
}

function body(e: SmscPduEvent): Record<string, unknown> {
  return e.pdu.body as Record<string, unknown>;
}

function tlv(e: SmscPduEvent, tag: number): Uint8Array | undefined {
  return e.pdu.tlvs.find((x) => x.tag === tag)?.raw;
}

/** The text of a part, its UDH taken off when esm_class says there is one. */
function partText(e: SmscPduEvent): string {
  const b = body(e);
  let sm = b.short_message as Uint8Array;
  if (((b.esm_class as number) & 0x40) !== 0) sm = sm.subarray(sm[0]! + 1);
  return decodeText(sm, b.data_coding as number, { dcs0: 'gsm7' }).text;
}

for (const language of ['node-smpp', 'net-smpp'] as const) {
  describe(`${language} snippet against the simulator`, TIMEOUT, () => {
    it('binds with the connection settings and sends a long text as UDH parts, with a spec TLV and a vendor TLV in each', async (t) => {
      const r = await runAgainstSimulator(
        t,
        language,
        { name: 'Local simulator', system_id: 'snippet', password: 'secret', bind: 'transceiver', concatenation: 'udh8' },
        {
          pdu: { command: 'submit_sm', body: { source_addr: 'ACME', source_addr_ton: 5, destination_addr: '447700900001', dest_addr_ton: 1, dest_addr_npi: 1, registered_delivery: 1 }, tlvs: [{ name: 'user_message_reference', value: 7 }, { name: 'billing_code', value: 513 }] },
          text: LONG,
          dictionary,
        },
      );
      assert.doesNotMatch(r.source, /secret/, 'the literal password stays out of the snippet');
      assert.deepEqual(r.bound, ['transceiver snippet ESME_ROK']);
      assert.equal(r.submits.length, 2);
      const [first, second] = r.submits;
      for (const [i, e] of r.submits.entries()) {
        const b = body(e);
        assert.equal(b.destination_addr, '447700900001');
        assert.equal(b.dest_addr_ton, 1);
        assert.equal(b.source_addr, 'ACME');
        assert.equal(b.source_addr_ton, 5);
        assert.equal(b.registered_delivery, 1);
        assert.equal(b.data_coding, 0);
        assert.equal(b.esm_class, 0x40);
        const sm = b.short_message as Uint8Array;
        assert.deepEqual([...sm.subarray(0, 5)], [0x05, 0x00, 0x03, sm[3], 2], 'an 8-bit concatenation UDH for 2 parts');
        assert.equal(sm[5], i + 1);
        assert.deepEqual([...(tlv(e, 0x0204) ?? [])], [0x00, 0x07], 'user_message_reference');
        assert.deepEqual([...(tlv(e, 0x1400) ?? [])], [0x02, 0x01], 'the vendor TLV');
      }
      assert.equal((body(first!).short_message as Uint8Array)[3], (body(second!).short_message as Uint8Array)[3], 'one reference');
      assert.equal(partText(first!) + partText(second!), LONG);
      assert.match(r.ran.stdout, /submit_sm_resp 1\/2: status 0[^\n]* message_id \S+/);
      assert.match(r.ran.stdout, /submit_sm_resp 2\/2: status 0/);
    });

    it('follows a profile that says SAR: the parts carry sar_* TLVs and no UDH', async (t) => {
      const r = await runAgainstSimulator(t, language, { system_id: 'sar', bind: 'transmitter', concatenation: 'sar', interface_version: '3.4' }, { pdu: { command: 'submit_sm', body: { destination_addr: '447700900002' } }, text: LONG });
      assert.deepEqual(r.bound, ['transmitter sar ESME_ROK']);
      assert.equal(r.submits.length, 2);
      const refs = new Set<string>();
      for (const [i, e] of r.submits.entries()) {
        assert.equal(body(e).esm_class, 0);
        refs.add(Buffer.from(tlv(e, 0x020c) ?? []).toString('hex'));
        assert.deepEqual([...(tlv(e, 0x020e) ?? [])], [2], 'sar_total_segments');
        assert.deepEqual([...(tlv(e, 0x020f) ?? [])], [i + 1], 'sar_segment_seqnum');
      }
      assert.equal(refs.size, 1, 'one sar_msg_ref_num');
      assert.equal(partText(r.submits[0]!) + partText(r.submits[1]!), LONG);
    });

    it('sends a text GSM 7-bit cannot hold as UCS-2, data_coding 8', async (t) => {
      const text = 'Привет, мир ✓';
      const r = await runAgainstSimulator(t, language, { system_id: 'ucs2' }, { pdu: { command: 'submit_sm', body: { destination_addr: '447700900003' } }, text });
      assert.equal(r.submits.length, 1);
      assert.equal(body(r.submits[0]!).data_coding, 8);
      assert.equal(body(r.submits[0]!).esm_class, 0);
      assert.equal(partText(r.submits[0]!), text);
    });
  });
}
