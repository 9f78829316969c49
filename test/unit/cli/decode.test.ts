// `smpp-panel decode` / `smpp-panel encode`: the facts vectors as a tree and as JSON, stdin (also
// through a real child process), pasted dumps, bad input with its position, truncated PDUs, and
// the decode --json | encode --json round trip.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { decodeCommand, encodeCommand } from '../../../src/cli/decodeCommand';
import { main } from '../../../src/cli/main';
import { encode } from '../../../src/smpp/codec';
import { generateCorpus } from '../../fixtures/corpus';
import { BAD_FIXTURES, FIXTURES, GOOD_FIXTURES, type PduFixture } from '../../fixtures/pdus';
import { plain } from '../smpp/helpers';
import { tempDir } from '../../support/tempDir';

interface Run {
  code: number;
  out: string;
  err: string;
}

function run(args: string[]): Run {
  let out = '';
  let err = '';
  const code = main(args, (s) => (out += s), (s) => (err += s));
  if (typeof code !== 'number') throw new Error(`${args[0]} should finish synchronously`);
  return { code, out, err };
}

/** decode / encode with `text` on stdin (injected). */
function withStdin(command: 'decode' | 'encode', args: string[], text: string): Run {
  let out = '';
  let err = '';
  const io = { out: (s: string) => (out += s), err: (s: string) => (err += s), readStdin: () => text };
  const code = command === 'decode' ? decodeCommand(args, io) : encodeCommand(args, io);
  return { code, out, err };
}

function fixture(name: string): PduFixture {
  const f = FIXTURES.find((x) => x.name === name);
  assert.ok(f, name);
  return f;
}

/** Fixture values in the JSON form: octets as lower-case hex. */
function jsonForm(v: unknown): unknown {
  return JSON.parse(JSON.stringify(plain(v)).replace(/"hex:([0-9a-f]*)"/g, '"$1"'));
}

const root = join(__dirname, '..', '..', '..');
const SUBMIT = fixture('submit_sm 40404 → 44951361920');

describe('smpp-panel decode', () => {
  it('prints the field tree of a submit_sm, one line per field with its offset', () => {
    const r = run(['decode', SUBMIT.hex]);
    assert.equal(r.code, 0, r.err);
    assert.equal(r.err, '');
    const lines = r.out.split('\n');
    assert.equal(lines[0], 'submit_sm, seq 20456, 57 octets');
    assert.match(r.out, /^0000 {2}header +submit_sm, seq 20456$/m);
    assert.match(r.out, /^0004 {4}command_id +submit_sm \(0x00000004\)$/m);
    assert.match(r.out, /^000c {4}sequence_number +20456$/m);
    assert.match(r.out, /^0013 {4}source_addr +"40404"$/m);
    assert.match(r.out, /^001b {4}destination_addr +"44951361920"$/m);
    assert.match(r.out, /^0027 {6}udhi +\.x\.\. \.\.\.\. = no UDH$/m, 'bit fields are children, indented');
    assert.match(r.out, /^0030 {4}sm_length +8$/m);
    assert.match(r.out, /^0031 {6}text +"¡¤#!%&\/:"$/m, 'the text decoded (GSM 7-bit by default)');
    // Values line up in one column after the names.
    const starts = lines.slice(1, -1).map((l) => {
      const m = /^[0-9a-f]{4} {2}( *[a-z_]+ +)/.exec(l);
      assert.ok(m, l);
      return 6 + m[1]!.length;
    });
    assert.equal(new Set(starts).size, 1, 'one value column');
    assert.doesNotMatch(r.out, /! problem/);
  });

  it('decodes every facts vector without problems, naming each body field and TLV', () => {
    for (const f of GOOD_FIXTURES) {
      const r = run(['decode', f.hex]);
      assert.equal(r.code, 0, f.name + ': ' + r.err);
      assert.ok(r.out.startsWith(`${f.pdu.command}, seq ${f.pdu.sequence_number}, ${f.hex.length / 2} octets\n`), f.name);
      for (const k of Object.keys(f.pdu.body)) assert.match(r.out, new RegExp(`^[0-9a-f]{4} +${k} `, 'm'), `${f.name}: ${k}`);
      for (const t of f.pdu.tlvs) assert.ok(r.out.includes(t.name), `${f.name}: TLV ${t.name}`);
      assert.doesNotMatch(r.out, /! problem/, f.name);
    }
  });

  it('--json prints the raw values, the field tree and no problems, for every facts vector', () => {
    for (const f of GOOD_FIXTURES) {
      const r = run(['decode', '--json', f.hex]);
      assert.equal(r.code, 0, f.name + ': ' + r.err);
      const j = JSON.parse(r.out) as Record<string, unknown>;
      assert.deepEqual(Object.keys(j), ['command_length', 'command_id', 'command_status', 'sequence_number', 'command', 'body', 'tlvs', 'fields', 'problems']);
      assert.equal(j.command_length, f.hex.length / 2);
      assert.equal(j.command_id, parseInt(f.hex.slice(8, 16), 16));
      assert.equal(j.command, f.pdu.command);
      assert.equal(j.command_status, f.pdu.command_status);
      assert.equal(j.sequence_number, f.pdu.sequence_number);
      assert.deepEqual(j.body, jsonForm(f.pdu.body), f.name);
      const tlvs = j.tlvs as { tag: number; name: string; length: number; value: unknown }[];
      assert.deepEqual(tlvs.map((t) => ({ tag: t.tag, name: t.name, value: t.value })), jsonForm(f.pdu.tlvs), f.name);
      for (const t of tlvs) assert.equal(typeof t.length, 'number');
      const fields = j.fields as { name: string; offset: number; length: number }[];
      assert.equal(fields[0]!.name, 'header');
      assert.deepEqual(j.problems, []);
    }
  });

  it('--json keeps integers as numbers, C-strings as strings and octets as hex', () => {
    const j = JSON.parse(run(['decode', '--json', SUBMIT.hex]).out) as { body: Record<string, unknown> };
    assert.equal(j.body.source_addr_ton, 1);
    assert.equal(j.body.destination_addr, '44951361920');
    assert.equal(j.body.short_message, '4024232125262f3a');
    assert.equal(j.body.sm_length, 8);
  });

  it('decodes several PDUs back to back: a tree each, or a JSON array', () => {
    const both = fixture('enquire_link seq 1').hex + fixture('enquire_link_resp seq 7').hex;
    const text = run(['decode', both]);
    assert.equal(text.code, 0);
    assert.match(text.out, /^PDU 1 of 2: enquire_link, seq 1, 16 octets$/m);
    assert.match(text.out, /^PDU 2 of 2: enquire_link_resp, seq 7, 16 octets$/m);
    const json = JSON.parse(run(['decode', '--json', both]).out) as { command: string }[];
    assert.deepEqual(json.map((p) => p.command), ['enquire_link', 'enquire_link_resp']);
  });

  it('joins several hex arguments (hex pasted unquoted, with spaces)', () => {
    const r = run(['decode', '00000010', '00000015', '00000000', '00000001']);
    assert.equal(r.code, 0);
    assert.ok(r.out.startsWith('enquire_link, seq 1, 16 octets'));
  });

  it('reads stdin with "-"', () => {
    const r = withStdin('decode', ['-'], `${SUBMIT.hex.match(/.{1,32}/g)!.join('\n')}\n`);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /destination_addr +"44951361920"/);
    const j = withStdin('decode', ['-', '--json'], SUBMIT.hex);
    assert.equal((JSON.parse(j.out) as { command: string }).command, 'submit_sm');
  });

  it('reads real stdin through the command line entry point', () => {
    const cli = join(root, 'src', 'cli', 'main.ts');
    const child = spawnSync(process.execPath, ['--import', 'tsx', cli, 'decode', '-', '--json'], { cwd: root, input: SUBMIT.hex + '\n', encoding: 'utf8' });
    assert.equal(child.status, 0, child.stderr);
    assert.equal((JSON.parse(child.stdout) as { sequence_number: number }).sequence_number, 20456);
    const bad = spawnSync(process.execPath, ['--import', 'tsx', cli, 'decode', '-'], { cwd: root, input: 'not hex\n', encoding: 'utf8' });
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /stdin: line 1, column 1: /);
  });

  it('takes a Wireshark hex dump of a whole frame, keeping the TCP payload', () => {
    // Wireshark "Copy as Hex Dump" / tshark -x of an Ethernet/IPv4/TCP frame carrying a submit_sm_resp.
    const dump = [
      '0000  02 00 00 00 00 01 02 00 00 00 00 02 08 00 45 00   ..............E.',
      '0010  00 44 00 02 40 00 40 06 3c af 7f 00 00 02 7f 00   .D..@.@.<.......',
      '0020  00 01 0a d7 c0 00 be 37 79 b2 9e 37 69 b2 50 18   .......7y..7i.P.',
      '0030  ff ff ad c3 00 00 00 00 00 1c 80 00 00 04 00 00   ................',
      '0040  00 00 0a 34 2e e1 39 34 32 35 38 34 33 31 35 39   ...4..9425843159',
      '0050  34 00                                             4.',
    ].join('\n');
    const r = withStdin('decode', ['-'], dump);
    assert.equal(r.code, 0, r.err);
    assert.ok(r.out.startsWith('submit_sm_resp, seq 171192033, 28 octets'));
    assert.match(r.out, /message_id +"94258431594"/);
    assert.match(r.err, /note: .*TCP payload/, 'says the frame headers were removed');
  });

  it('rejects bad hex with its line and column, and prints nothing on stdout', () => {
    const r = withStdin('decode', ['-'], '00000010 00000015\n00000000 0000000g\n');
    assert.equal(r.code, 1);
    assert.equal(r.out, '');
    assert.match(r.err, /stdin: line 2, column 17: unexpected 'g'/);
    const arg = run(['decode', 'hello']);
    assert.equal(arg.code, 1);
    assert.match(arg.err, /input: line 1, column 1: unexpected 'h'/);
    const empty = run(['decode', '   ']);
    assert.equal(empty.code, 1);
    assert.match(empty.err, /no input/);
  });

  it('shows a truncated PDU up to the fault, the problem at its offset, and exits non-zero', () => {
    const cut = SUBMIT.hex.slice(0, 42); // 21 of 57 octets: ends inside source_addr
    const r = run(['decode', cut]);
    assert.equal(r.code, 1);
    assert.ok(r.out.startsWith('submit_sm, seq 20456, 21 octets'));
    assert.match(r.out, /^0000 {6}! problem {15}the PDU is truncated: command_length says 57 but only 21 octets are present .*\[ESME_RINVCMDLEN\]$/m);
    assert.match(r.out, /^0012 {4}source_addr_npi/m, 'fields before the fault are shown');
    assert.match(r.err, /the PDU has problems/);
    const j = run(['decode', '--json', cut]);
    assert.equal(j.code, 1);
    const problems = (JSON.parse(j.out) as { problems: { offset: number; field: string; status?: number }[] }).problems;
    assert.equal(problems[0]!.field, 'command_length');
    assert.equal(problems[0]!.status, 0x02);
    assert.match(j.err, /offset 0 \(0x0000\), command_length: the PDU is truncated/);
  });

  it('shows each malformed facts vector\'s problem at its offset', () => {
    for (const f of BAD_FIXTURES) {
      const r = run(['decode', f.hex]);
      assert.equal(r.code, 1, f.name);
      const at = f.problem!.offset.toString(16).padStart(4, '0');
      assert.match(r.out, new RegExp(`^${at} +! problem `, 'm'), `${f.name}: a problem line at ${at}\n${r.out}`);
    }
  });

  it('takes --dcs0 for the data_coding 0 alphabet', () => {
    const gsm = run(['decode', SUBMIT.hex]);
    const latin = run(['decode', SUBMIT.hex, '--dcs0', 'latin1']);
    assert.match(gsm.out, /text +"¡¤#!%&\/:"/);
    assert.match(latin.out, /text +"@\$#!%&\/:"/);
    assert.match(run(['decode', SUBMIT.hex, '--dcs0=ascii']).out, /text +"@\$#!%&\/:"/);
  });

  it('reports usage errors with exit code 2', () => {
    assert.equal(run(['decode']).code, 2);
    const bad = run(['decode', SUBMIT.hex, '--dcs0', 'ebcdic']);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /--dcs0 takes one of gsm7, latin1, ascii, not "ebcdic"/);
    assert.equal(run(['decode', SUBMIT.hex, '--frob']).code, 2);
    assert.equal(run(['decode', '-', SUBMIT.hex]).code, 2);
    const help = run(['decode', '--help']);
    assert.equal(help.code, 0);
    assert.match(help.out, /usage: smpp-panel decode/);
  });

  it('is listed in the usage', () => {
    const r = run(['help']);
    assert.match(r.out, /decode <hex \| ->/);
    assert.match(r.out, /encode --json <file \| ->/);
  });
});

describe('smpp-panel encode', () => {
  const dir = tempDir('smpp-cli-encode');

  it('round-trips every facts vector: decode --json | encode --json gives the same hex', () => {
    for (const f of GOOD_FIXTURES) {
      const json = run(['decode', '--json', f.hex]).out;
      const file = join(dir, 'pdu.json');
      writeFileSync(file, json);
      const r = run(['encode', '--json', file]);
      assert.equal(r.code, 0, f.name + ': ' + r.err);
      assert.equal(r.out, f.hex + '\n', f.name);
      assert.equal(withStdin('encode', ['--json', '-'], json).out, f.hex + '\n', f.name + ' (stdin)');
    }
  });

  it('round-trips a generated corpus, several PDUs per JSON array', () => {
    const hexes = generateCorpus(0x0c11, 60).map((p) => Buffer.from(encode(p)).toString('hex'));
    const json = run(['decode', '--json', hexes.join('')]);
    assert.equal(json.code, 0, json.err);
    const r = withStdin('encode', ['--json', '-'], json.out);
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(r.out.trimEnd().split('\n'), hexes);
  });

  it('takes a hand-written PDU without fields or problems, by command or command_id', () => {
    const r = withStdin('encode', ['--json', '-'], JSON.stringify({ command: 'enquire_link', sequence_number: 1 }));
    assert.equal(r.out, '00000010000000150000000000000001\n');
    const byId = withStdin('encode', ['-'], JSON.stringify({ command_id: 0x80000015, sequence_number: 7 }));
    assert.equal(byId.out, '00000010800000150000000000000007\n');
  });

  it('names the field at fault', () => {
    const cases: [unknown, RegExp][] = [
      [{ command: 'submit_sm', body: { short_message: 'zz' } }, /field short_message: expected hex digits in pairs/],
      [{ command: 'submit_sm', body: { source_addr_ton: 300 } }, /field source_addr_ton: /],
      [{ command: 'frobnicate' }, /field command: unknown command "frobnicate"/],
      [{ command_id: 0x110 }, /field command: .*command_id 272 is not known/],
      [{ command: 'submit_sm', sequence_number: 'one' }, /field sequence_number: expected a number/],
      [{ command: 'submit_sm', tlvs: [{ name: 'no_such_tlv', value: 1 }] }, /field tlvs\[0\]\.name: unknown TLV name "no_such_tlv"/],
      [{ command: 'submit_sm', tlvs: [{ tag: 0x0424, value: 'xyz' }] }, /field message_payload: /],
      [{ command: 'submit_sm', body: [] }, /field body: /],
      [[{ command: 'enquire_link' }, { command: 'submit_sm', body: { esm_class: 'x' } }], /PDU 2: field esm_class: /],
      [42, /field pdu: expected an object/],
    ];
    for (const [json, message] of cases) {
      const r = withStdin('encode', ['--json', '-'], JSON.stringify(json));
      assert.equal(r.code, 1, JSON.stringify(json));
      assert.equal(r.out, '');
      assert.match(r.err, message, JSON.stringify(json));
    }
  });

  it('reports bad JSON with its line and column, and unreadable files', () => {
    const r = withStdin('encode', ['--json', '-'], '{\n  "command": "submit_sm",\n}');
    assert.equal(r.code, 1);
    assert.match(r.err, /stdin: not valid JSON: line 3, column 1: /);
    const missing = run(['encode', '--json', join(dir, 'nope.json')]);
    assert.equal(missing.code, 1);
    assert.match(missing.err, /nope\.json: cannot read/);
    assert.equal(run(['encode', '--json']).code, 2);
    assert.equal(withStdin('encode', ['-'], '[]').code, 1);
  });
});
