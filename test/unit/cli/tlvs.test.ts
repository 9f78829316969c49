// Vendor TLVs and the provider profile on the command line: decode and encode --tlvs FILE, and
// submit --tlv NAME=VALUE / --concat / --dcs0 against our simulator, checking what it received.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { decodeCommand, encodeCommand } from '../../../src/cli/decodeCommand';
import { main } from '../../../src/cli/main';
import { submitCommand } from '../../../src/cli/sessionCommands';
import { decode, encode, parseTlvDictionary } from '../../../src/smpp/codec';
import { startSmsc } from '../../support/smscHarness';
import { tempDir } from '../../support/tempDir';

const TLVS = [
  { tag: '0x1400', name: 'operator_id', type: 'int2', values: { '1': 'vodafone' } },
  { tag: '0x1401', name: 'billing_code', type: 'cstring' },
];
const dictionary = parseTlvDictionary(TLVS).dictionary;

function write(name: string, content: unknown): string {
  const path = join(tempDir('smpp-cli-tlvs'), name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return path;
}

function io(stdin = ''): { out: string; err: string; io: Parameters<typeof decodeCommand>[1] } {
  const r = { out: '', err: '', io: undefined as unknown as Parameters<typeof decodeCommand>[1] };
  r.io = { out: (s) => (r.out += s), err: (s) => (r.err += s), readStdin: () => stdin };
  return r;
}

const PDU_HEX = Buffer.from(
  encode(
    {
      command: 'submit_sm',
      sequence_number: 5,
      body: { destination_addr: '447700900123', short_message: new TextEncoder().encode('Hi') },
      tlvs: [
        { name: 'operator_id', value: 1 },
        { name: 'billing_code', value: 'B7' },
      ],
    },
    { tlvs: dictionary },
  ),
).toString('hex');

describe('smpp-panel decode --tlvs', () => {
  it('shows the vendor TLVs of a dictionary file by name, typed value and value name', () => {
    const r = io();
    const code = decodeCommand([PDU_HEX, '--tlvs', write('vendor.json', { tlvs: TLVS })], r.io);
    assert.equal(r.err, '');
    assert.equal(code, 0);
    assert.match(r.out, /^002f {4}operator_id +1 \(vodafone\)$/m);
    assert.match(r.out, /^0035 {4}billing_code +"B7"$/m);
  });

  it('takes a connection file with "tlvs" as well', () => {
    const r = io();
    const file = write('c.smpp.json', { tlvs: TLVS, connections: [{ name: 'x', simulator: {} }] });
    assert.equal(decodeCommand([PDU_HEX, `--tlvs=${file}`, '--json'], r.io), 0);
    const json = JSON.parse(r.out) as { tlvs: unknown[] };
    assert.deepEqual(json.tlvs, [
      { tag: 0x1400, name: 'operator_id', length: 2, value: 1, valueName: 'vodafone' },
      { tag: 0x1401, name: 'billing_code', length: 3, value: 'B7' },
    ]);
  });

  it('without --tlvs they are vendor TLVs in raw bytes', () => {
    const r = io();
    decodeCommand([PDU_HEX], r.io);
    assert.match(r.out, /vendor_0x1400 +00 01 \(raw bytes\)/);
  });

  it('names each problem of a broken dictionary with its line and column, and decodes nothing', () => {
    const file = write('bad.json', '{\n  "tlvs": [\n    { "tag": "0x0427", "name": "x", "type": "int1" }\n  ]\n}\n');
    const r = io();
    assert.equal(decodeCommand([PDU_HEX, '--tlvs', file], r.io), 1);
    assert.equal(r.out, '');
    assert.equal(
      r.err,
      `${file}:3:14: error: tlvs[0].tag 0x0427 is the spec's message_state; a vendor TLV needs a tag of its own (vendor tags are 0x1400..0x3FFF)\n` +
        `smpp-panel decode: --tlvs ${file}: fix the vendor TLVs above first\n`,
    );
  });

  it('says when the file cannot be read, or --tlvs has no file', () => {
    const r = io();
    assert.equal(decodeCommand([PDU_HEX, '--tlvs', '/nonexistent/tlvs.json'], r.io), 1);
    assert.match(r.err, /--tlvs \/nonexistent\/tlvs\.json: cannot read: ENOENT/);
    const u = io();
    assert.equal(decodeCommand([PDU_HEX, '--tlvs'], u.io), 2);
    assert.match(u.err, /--tlvs takes a file/);
  });
});

describe('smpp-panel validate with vendor TLVs and a profile', () => {
  it('names a clash with the spec and a bad profile value by line and column, and exits 1', async () => {
    const file = write(
      'v.smpp.json',
      '{\n  "tlvs": [ { "tag": "0x1400", "name": "message_state", "type": "int1" } ],\n  "connections": [ { "name": "a", "profile": { "concatenation": "udh7" } } ]\n}\n',
    );
    let out = '';
    let err = '';
    const code = await main(['validate', file], (s) => (out += s), (s) => (err += s));
    assert.equal(code, 1);
    assert.equal(
      err,
      `${file}:2:40: error: tlvs[0].name "message_state" is the name of the spec's TLV 0x0427; give the vendor TLV a name of its own\n` +
        `${file}:3:65: error: connections[0].profile.concatenation must be one of "udh8", "udh16", "sar", "payload", not "udh7"\n`,
    );
    assert.equal(out, `${file}: 1 connection(s): a\n`);
  });
});

describe('smpp-panel encode --tlvs', () => {
  it('reads vendor TLVs by name and typed value, back to the same bytes', () => {
    const file = write('vendor.json', { tlvs: TLVS });
    const d = io();
    decodeCommand([PDU_HEX, '--tlvs', file, '--json'], d.io);
    const e = io(d.out);
    assert.equal(encodeCommand(['--json', '-', '--tlvs', file], e.io), 0);
    assert.equal(e.out.trim(), PDU_HEX);
    // Without the dictionary, the name is unknown.
    const n = io(JSON.stringify({ command: 'submit_sm', tlvs: [{ name: 'operator_id', value: 1 }] }));
    assert.equal(encodeCommand(['--json', '-'], n.io), 1);
    assert.match(n.err, /unknown TLV name "operator_id": give its tag/);
  });
});

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await submitCommand(args, (s) => (out += s), (s) => (err += s));
  return { code, out, err };
}

describe('smpp-panel submit --tlv, --concat, --dcs0 (to our simulator)', () => {
  it('sends vendor and spec TLVs by name in every part, with the concatenation asked for', async (t) => {
    const { port, smscPdus } = await startSmsc(t);
    const file = write('sim.smpp.json', { tlvs: TLVS, connections: [{ name: 'smsc', host: '127.0.0.1', port, system_id: 'cli', password: 'x', bind: 'transmitter' }] });
    const text = 'A long text. '.repeat(15);
    const r = await run([file, '--to', '447700900123', '--text', text, '--tlv', 'operator_id=vodafone', '--tlv=billing_code="A, B"', '--tlv', 'user_message_reference=9', '--concat', 'sar']);
    assert.equal(r.err, '');
    assert.equal(r.code, 0);
    assert.match(r.out, /^2 part\(s\), gsm7, data_coding 0x00\n/);
    const got = smscPdus.filter((e) => e.direction === 'in' && e.command === 'submit_sm');
    assert.equal(got.length, 2);
    for (const e of got) {
      const { pdu } = decode(e.bytes, { tlvs: dictionary });
      assert.deepEqual(
        pdu.tlvs.map((x) => [x.name, x.value]),
        [
          ['sar_msg_ref_num', pdu.tlvs[0]!.value],
          ['sar_total_segments', 2],
          ['sar_segment_seqnum', pdu.tlvs[2]!.value],
          ['operator_id', 1],
          ['billing_code', 'A, B'],
          ['user_message_reference', 9],
        ],
      );
    }
  });

  it("follows the connection's profile (payload, latin1), and the command line wins over it", async (t) => {
    const { port, smscPdus } = await startSmsc(t);
    const file = write('p.smpp.json', { connections: [{ name: 'p', host: '127.0.0.1', port, system_id: 'cli', password: 'x', profile: { concatenation: 'payload', dcs0: 'latin1' } }] });
    const text = 'Grüße aus Köln. '.repeat(12);
    const a = await run([file, '--to', '447700900123', '--text', text]);
    assert.equal(a.err, '');
    // Two parts for the handset, one submit_sm with one message_id.
    assert.match(a.out, /^2 part\(s\), latin1, data_coding 0x00\npart 1: message_id \S+ \(\d+ ms\)\n$/);
    const first = smscPdus.filter((e) => e.direction === 'in' && e.command === 'submit_sm');
    assert.equal(first.length, 1);
    assert.equal(Buffer.from(first[0]!.pdu.tlvs.find((x) => x.name === 'message_payload')!.value as Uint8Array).toString('latin1'), text);
    const b = await run([file, '--to', '447700900123', '--text', text, '--concat', 'udh16', '--dcs0', 'gsm7']);
    assert.equal(b.err, '');
    assert.match(b.out, /^2 part\(s\), gsm7, data_coding 0x00\n/);
  });

  it('refuses a --tlv it cannot send, naming it, and sends nothing', async (t) => {
    const { port, smscPdus } = await startSmsc(t);
    const file = write('s.smpp.json', { tlvs: TLVS, connections: [{ name: 's', host: '127.0.0.1', port, system_id: 'cli', password: 'x' }] });
    const r = await run([file, '--to', '447700900123', '--text', 'hi', '--tlv', 'operator_id=orange', '--tlv', 'nosuch=1']);
    assert.equal(r.code, 2);
    assert.equal(
      r.err,
      'smpp-panel submit: --tlv operator_id takes an integer 0..65535 or one of its value names (vodafone), not "orange"\n',
    );
    const s = await run([file, '--to', '447700900123', '--text', 'hi', '--tlv', 'nosuch=1']);
    assert.match(s.err, /--tlv nosuch: no TLV has this name/);
    assert.equal(smscPdus.filter((e) => e.command === 'submit_sm').length, 0);
  });

  it('refuses an unknown --concat or --dcs0 before connecting', async () => {
    const r = await run(['/nonexistent.smpp.json', '--to', '1', '--text', 'x', '--concat', 'udh32']);
    assert.equal(r.code, 2);
    assert.equal(r.err, 'smpp-panel submit: --concat takes one of udh8, udh16, sar, payload, not "udh32"\n');
    const d = await run(['/nonexistent.smpp.json', '--to', '1', '--text', 'x', '--dcs0', 'utf8']);
    assert.equal(d.err, 'smpp-panel submit: --dcs0 takes one of gsm7, latin1, ascii, not "utf8"\n');
    const t = await run(['/nonexistent.smpp.json', '--to', '1', '--text', 'x', '--tlv']);
    assert.match(t.err, /^smpp-panel submit: --tlv needs a value \(NAME=VALUE\)\n/);
  });
});
