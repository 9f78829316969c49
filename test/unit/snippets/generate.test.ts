// The snippets of every language: Python ones compile (python3 -m py_compile), Go ones parse
// (gofmt -e), Java ones hold balanced brackets and jsmpp's calls; the password is an environment
// read unless the input says to write it; bad input is refused with the field named; a captured
// PDU becomes a snippet of the same PDU.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decode, encode } from '../../../src/smpp/codec';
import { generateSnippet, planSnippet, SNIPPET_LANGUAGES, snippetInputFromPdu, SnippetError, type SnippetInput, type SnippetLanguage } from '../../../src/smpp/snippets/index';
import { run, scratch } from './support';

const connection = { name: 'Acme', host: 'smsc.example.net', port: 2775, system_id: 'acme', password: 'hunter2', system_type: 'VMA', interface_version: '3.4' as const };
const LONG = 'A text long enough to need two parts when the GSM 7-bit alphabet carries it, which takes 161 characters or more: so here are a few more words to get past that line.';

const CASES: Record<string, SnippetInput> = {
  'a long text with UDH': { connection, pdu: { command: 'submit_sm', body: { destination_addr: '447700900001', registered_delivery: 1 }, tlvs: [{ name: 'user_message_reference', value: 7 }] }, text: LONG },
  'a long text with SAR over TLS': { connection: { ...connection, concatenation: 'sar', tls: true }, pdu: { command: 'submit_sm', body: { destination_addr: '447700900001' } }, text: LONG },
  'a UCS-2 text': { connection, pdu: { command: 'submit_sm', body: { destination_addr: '447700900001' } }, text: 'Grüße ✓ "quoted" \\ back\nslash' },
  'a query_sm': { connection, pdu: { command: 'query_sm', body: { message_id: 'abc123', source_addr: '12345' } } },
  'a data_sm with message_payload': { connection, pdu: { command: 'data_sm', body: { destination_addr: '447700900002' } }, text: 'payload text' },
};

function balanced(source: string): boolean {
  const stack: string[] = [];
  const pairs: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
  // Strings and comments are left out: a bracket inside them does not count.
  const code = source.replace(/"(?:[^"\\]|\\.)*"/g, '""').replace(/\/\/[^\n]*|\/\*[\s\S]*?\*\//g, '');
  for (const ch of code) {
    if ('([{'.includes(ch)) stack.push(ch);
    else if (ch in pairs && stack.pop() !== pairs[ch]) return false;
  }
  return stack.length === 0;
}

describe('snippets: every language', () => {
  for (const [what, input] of Object.entries(CASES)) {
    it(`python-smpplib: ${what} compiles`, async () => {
      const file = scratch('send.py', generateSnippet('python-smpplib', input));
      const r = await run('python3', ['-m', 'py_compile', file]);
      assert.equal(r.code, 0, r.stderr);
    });

    it(`gosmpp: ${what} parses as Go`, async () => {
      const source = generateSnippet('gosmpp', input);
      const file = scratch('main.go', source);
      const r = await run('gofmt', ['-e', '-l', file]);
      assert.equal(r.code, 0, `${r.stderr}\n${source}`);
      assert.equal(r.stderr, '');
    });

    it(`jsmpp: ${what} is balanced and calls jsmpp`, () => {
      const source = generateSnippet('jsmpp', input);
      assert.ok(balanced(source), source);
      assert.match(source, /session\.connectAndBind\("smsc\.example\.net", 2775, new BindParameter\(BindType\.BIND_TRX, "acme", password, "VMA"/);
      assert.match(source, /session\.unbindAndClose\(\);/);
      if (input.pdu.command === 'submit_sm') assert.match(source, /session\.submitShortMessage\(/);
      if (input.pdu.command === 'query_sm') assert.match(source, /session\.queryShortMessage\("abc123"/);
      if (input.pdu.command === 'data_sm') assert.match(source, /session\.dataShortMessage\([\s\S]*new OptionalParameter\.OctetString\(\(short\) 0x0424/);
    });
  }

  it('the SAR parts name jsmpp’s SAR parameters and gosmpp’s TLV fields', () => {
    const java = generateSnippet('jsmpp', CASES['a long text with SAR over TLS']!);
    assert.equal(java.match(/new OptionalParameter\.Sar_msg_ref_num\(\(short\) \d+\)/g)?.length, 2);
    assert.match(java, /new OptionalParameter\.Sar_segment_seqnum\(\(byte\) 2\)/);
    const go = generateSnippet('gosmpp', CASES['a long text with SAR over TLS']!);
    assert.equal(go.match(/RegisterOptionalParam\(pdu\.Field\{Tag: pdu\.Tag\(0x020c\)/g)?.length, 2);
    assert.match(go, /tls\.Dial\("tcp", addr/);
  });

  it('reads the password from the environment, never writing a literal one unless told to', () => {
    for (const { id } of SNIPPET_LANGUAGES) {
      const source = generateSnippet(id, CASES['a query_sm']!);
      assert.doesNotMatch(source, /hunter2/, id);
      assert.match(source, /SMPP_PASSWORD/, id);
      const fromEnv = generateSnippet(id, { ...CASES['a query_sm']!, connection: { ...connection, password: '${env:ACME_PW}' } });
      assert.match(fromEnv, /ACME_PW/, id);
      assert.doesNotMatch(fromEnv, /SMPP_PASSWORD/, id);
      const literal = generateSnippet(id, { ...CASES['a query_sm']!, connection: { ...connection, includePassword: true } });
      assert.match(literal, /"hunter2"|'hunter2'/, id);
    }
  });

  it('refuses what it cannot write, naming it', () => {
    const bad = (language: SnippetLanguage, input: SnippetInput, message: RegExp): void => assert.throws(() => generateSnippet(language, input), (e: unknown) => e instanceof SnippetError && message.test(e.message));
    bad('node-smpp', { connection, pdu: { command: 'submit_sm_resp' } }, /submit_sm_resp is a response/);
    bad('node-smpp', { connection, pdu: { command: 'send_sms' } }, /unknown command "send_sms"/);
    bad('node-smpp', { connection, pdu: { command: 'submit_sm', body: { esm_class: 'x' } } }, /^submit_sm: .*esm_class/);
    bad('node-smpp', { connection, pdu: { command: 'submit_sm', tlvs: [{ name: 'no_such_tlv', value: 1 }] } }, /no_such_tlv/);
    bad('node-smpp', { connection, pdu: { command: 'submit_sm', tlvs: [{ name: 'sar_msg_ref_num', value: 1 }] }, text: LONG }, /sar_msg_ref_num is set by the way the text is sent/);
    bad('node-smpp', { connection: { ...connection, port: 70000 }, pdu: { command: 'enquire_link' } }, /connection\.port must be 1\.\.65535/);
    bad('node-smpp', { connection, pdu: { command: 'query_sm' }, text: 'hi' }, /query_sm carries no text/);
    bad('jsmpp', { connection, pdu: { command: 'broadcast_sm' } }, /jsmpp has no call for broadcast_sm/);
    bad('net-smpp', { connection, pdu: { command: 'submit_multi' } }, /Net::SMPP has no call for submit_multi/);
  });

  it('a captured submit_sm becomes a snippet of the same PDU, with its UDH and TLVs as they were', () => {
    const bytes = encode({
      command: 'submit_sm',
      sequence_number: 9,
      body: { destination_addr: '447700900009', esm_class: 0x40, data_coding: 0, short_message: Uint8Array.from([5, 0, 3, 0x2a, 2, 1, 0x48, 0x69]) },
      tlvs: [{ name: 'user_message_reference', value: 3 }],
    });
    const pdu = decode(bytes).pdu;
    for (const form of [pdu, JSON.parse(JSON.stringify({ ...pdu, body: { ...pdu.body, short_message: '0500032a02014869' }, tlvs: [{ tag: 0x0204, name: 'user_message_reference', length: 2, value: 3 }] }))]) {
      const plan = planSnippet(snippetInputFromPdu(form, connection));
      assert.equal(plan.requests.length, 1);
      const r = plan.requests[0]!;
      assert.deepEqual([...(r.fields.find((f) => f.name === 'short_message')!.value as Uint8Array)], [5, 0, 3, 0x2a, 2, 1, 0x48, 0x69]);
      assert.equal(r.fields.find((f) => f.name === 'esm_class')!.value, 0x40);
      assert.deepEqual(r.tlvs.map((t) => [t.name, t.int?.value]), [['user_message_reference', 3]]);
    }
    const js = generateSnippet('node-smpp', snippetInputFromPdu(pdu, connection));
    assert.match(js, /short_message: Buffer\.concat\(\[Buffer\.from\('0500032a0201', 'hex'\) \/\* UDH \*\/, Buffer\.from\("Hi", 'latin1'\)\]\)/);
  });
});
