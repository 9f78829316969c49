// parseHexInput: everything people paste, back-to-back PDUs, and hostile input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseHexInput } from '../../../src/smpp/hexInput';

const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');

// Every test vector of the facts file.
const VECTORS: Record<string, string> = {
  enquire_link: '00000010000000150000000000000001',
  enquire_link_resp: '00000010800000150000000000000007',
  generic_nack: '00000010800000000000000100082a77',
  unbind: '00000010000000060000000000000001',
  unbind_resp: '00000010800000060000000000000001',
  bind_transceiver: '00000023000000090000000000039951414c4c5f545700414c4c5f5457000034010200',
  bind_transmitter: '0000002d0000000200000000000000027465737400736563726574004f5441003402063132372e302e302e2a00',
  bind_transceiver_resp: '0000001d80000009000000000000000154534937353838000210000134',
  bind_transceiver_resp_error: '00000015800000090000000e00004db3534d534300',
  submit_sm: '00000039000000040000000000004FE80001013430343034000101343439353133363139323000000000000001000000084024232125262F3A',
  submit_sm_f2: '000000360000000400000000000024440005006d6f62696c65776179000101313230383233300000000000000100f2000548454c4c4f',
  submit_sm_resp: '0000001c80000004000000000a342ee1393432353834333135393400',
  query_sm_resp: '0000001c800000030000000000000000536d73633230303300000700',
  deliver_sm_payload: '00000040000000050000000000657E4E0002013434393531333631393200040934303430340000000000000000000000000E0001010006000101042400024F6B',
  deliver_sm_receipt:
    '000000b900000005000000000000000a434d5400010036353135353535363738000100313233000400000000000000007669643a31383931323733333231207375623a30303120646c7672643a303031207375626d697420646174653a3133303530353038323620646f6e6520646174653a3133303530353038323620737461743a44454c49565244206572723a30303020546578743a444c56524420544f204d4f42494c45000427000102001e0009373042413841363900',
  unknown_command: '0000001000000110000000000a342ee7',
};
const RECEIPT = VECTORS.deliver_sm_receipt;
const SUBMIT = VECTORS.submit_sm.toLowerCase();

// `tshark -x` of a frame carrying the receipt (the frame was made with text2pcap, which adds a
// dummy Ethernet/IPv4/TCP header). The ASCII column holds hex-looking text ("70BA8A69") and a
// line whose last byte is a space.
const TSHARK_FRAME = [
  '0000  20 52 45 43 56 00 20 53 45 4e 44 00 08 00 45 00    RECV. SEND...E.',
  '0010  00 e1 12 34 00 00 ff 06 91 dd 0a 01 01 01 0a 02   ...4............',
  '0020  02 02 9c 40 0a d7 00 00 00 00 00 00 00 00 50 00   ...@..........P.',
  '0030  20 00 04 a2 00 00 00 00 00 b9 00 00 00 05 00 00    ...............',
  '0040  00 00 00 00 00 0a 43 4d 54 00 01 00 36 35 31 35   ......CMT...6515',
  '0050  35 35 35 36 37 38 00 01 00 31 32 33 00 04 00 00   555678...123....',
  '0060  00 00 00 00 00 00 76 69 64 3a 31 38 39 31 32 37   ......vid:189127',
  '0070  33 33 32 31 20 73 75 62 3a 30 30 31 20 64 6c 76   3321 sub:001 dlv',
  '0080  72 64 3a 30 30 31 20 73 75 62 6d 69 74 20 64 61   rd:001 submit da',
  '0090  74 65 3a 31 33 30 35 30 35 30 38 32 36 20 64 6f   te:1305050826 do',
  '00a0  6e 65 20 64 61 74 65 3a 31 33 30 35 30 35 30 38   ne date:13050508',
  '00b0  32 36 20 73 74 61 74 3a 44 45 4c 49 56 52 44 20   26 stat:DELIVRD ',
  '00c0  65 72 72 3a 30 30 30 20 54 65 78 74 3a 44 4c 56   err:000 Text:DLV',
  '00d0  52 44 20 54 4f 20 4d 4f 42 49 4c 45 00 04 27 00   RD TO MOBILE..\'.',
  '00e0  01 02 00 1e 00 09 37 30 42 41 38 41 36 39 00      ......70BA8A69.',
  '',
].join('\n');

// `tshark -x` of one frame carrying enquire_link and enquire_link_resp back to back.
const TSHARK_TWO_PDUS = [
  '0000  20 52 45 43 56 00 20 53 45 4e 44 00 08 00 45 00    RECV. SEND...E.',
  '0010  00 48 12 34 00 00 ff 06 92 76 0a 01 01 01 0a 02   .H.4.....v......',
  '0020  02 02 0a d7 9c 41 00 00 00 00 00 00 00 00 50 00   .....A........P.',
  '0030  20 00 51 54 00 00 00 00 00 10 00 00 00 15 00 00    .QT............',
  '0040  00 00 00 00 00 01 00 00 00 10 80 00 00 15 00 00   ................',
  '0050  00 00 00 00 00 07                                 ......',
].join('\n');

// The submit_sm vector through xxd, hexdump -C and od -Ax -tx1 -v (real output of each tool).
const XXD = [
  '00000000: 0000 0039 0000 0004 0000 0000 0000 4fe8  ...9..........O.',
  '00000010: 0001 0134 3034 3034 0001 0134 3439 3531  ...40404...44951',
  '00000020: 3336 3139 3230 0000 0000 0000 0100 0000  361920..........',
  '00000030: 0840 2423 2125 262f 3a                   .@$#!%&/:',
].join('\n');
const HEXDUMP_C = [
  '00000000  00 00 00 39 00 00 00 04  00 00 00 00 00 00 4f e8  |...9..........O.|',
  '00000010  00 01 01 34 30 34 30 34  00 01 01 34 34 39 35 31  |...40404...44951|',
  '00000020  33 36 31 39 32 30 00 00  00 00 00 00 01 00 00 00  |361920..........|',
  '00000030  08 40 24 23 21 25 26 2f  3a                       |.@$#!%&/:|',
  '00000039',
].join('\n');
const OD = [
  '000000 00 00 00 39 00 00 00 04 00 00 00 00 00 00 4f e8',
  '000010 00 01 01 34 30 34 30 34 00 01 01 34 34 39 35 31',
  '000020 33 36 31 39 32 30 00 00 00 00 00 00 01 00 00 00',
  '000030 08 40 24 23 21 25 26 2f 3a',
  '000039',
].join('\n');

function ok(text: string, format: string, expectedHex: string[]): void {
  const r = parseHexInput(text);
  assert.deepEqual(r.problems, [], JSON.stringify(r.problems));
  assert.equal(r.format, format);
  assert.deepEqual(r.pdus.map(hex), expectedHex.map((h) => h.toLowerCase()));
  assert.equal(hex(r.bytes), expectedHex.join('').toLowerCase());
}

test('every facts vector as plain hex', () => {
  for (const [name, h] of Object.entries(VECTORS)) {
    const r = parseHexInput(h);
    assert.deepEqual(r.problems, [], name);
    assert.equal(r.format, 'hex');
    assert.deepEqual(r.pdus.map(hex), [h.toLowerCase()], name);
  }
});

test('all facts vectors back to back, split by command_length', () => {
  const all = Object.values(VECTORS);
  ok(all.join(''), 'hex', all);
  ok(all.join('\n'), 'hex', all);
  ok(all.map((h) => h.match(/../g)?.join(' ')).join('\n'), 'hex', all);
});

test('separators: spaces, newlines, colons, dashes, commas, CRLF, upper and lower case', () => {
  const e = VECTORS.enquire_link;
  ok('00 00 00 10 00 00 00 15 00 00 00 00 00 00 00 01', 'hex', [e]);
  ok('00:00:00:10:00:00:00:15:00:00:00:00:00:00:00:01', 'hex', [e]);
  ok('00-00-00-10-00-00-00-15-00-00-00-00-00-00-00-01', 'hex', [e]);
  ok('00000010\r\n00000015\r\n00000000\r\n00000001\r\n', 'hex', [e]);
  ok('  0000 0010 0000 0015 0000 0000 0000 0001  ', 'hex', [e]);
  ok(VECTORS.generic_nack.toUpperCase(), 'hex', [VECTORS.generic_nack]);
  // A stream wrapped at an odd column: digits pair across the line breaks.
  ok('0000001000000\n0150000000000000\n001', 'hex', [e]);
});

test('prefixes and array literals: 0x, \\x, C, Java, JS, decimal arrays, xxd -i', () => {
  const e = VECTORS.enquire_link;
  ok('0x00 0x00 0x00 0x10 0x00 0x00 0x00 0x15 0x00 0x00 0x00 0x00 0x00 0x00 0x00 0x01', 'hex-prefixed', [e]);
  ok('0x00,0x00,0x00,0x10,0x00,0x00,0x00,0x15,0x00,0x00,0x00,0x00,0x00,0x00,0x00,0x01', 'hex-prefixed', [e]);
  ok('\\x00\\x00\\x00\\x10\\x00\\x00\\x00\\x15\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x01', 'hex-prefixed', [e]);
  ok('{ 0x00, 0x00, 0x00, 0x10, 0x00, 0x00, 0x00, 0x15, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01 }', 'c-array', [e]);
  ok('byte[] pdu = new byte[] { 0x00, 0x00, 0x00, (byte)0x10, 0x00, 0x00, 0x00, 0x15,\n  0, 0, 0, 0, 0, 0, 0, 1 };', 'c-array', [e]);
  ok('static const unsigned char pkt[16] = { /* header */\n  0x00, 0x00, 0x00, 0x10, // length\n  0x00, 0x00, 0x00, 0x15, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01 };', 'c-array', [e]);
  ok('[0, 0, 0, 16, 0, 0, 0, 21, 0, 0, 0, 0, 0, 0, 0, 1]', 'decimal-array', [e]);
  ok('new byte[] {0, 0, 0, 16, -128, 0, 0, 21, 0, 0, 0, 0, 0, 0, 0, 7}', 'decimal-array', ['00000010800000150000000000000007']);
  ok('let b: [u8; 16] = [0x00u8, 0x00, 0x00, 0x10, 0x00, 0x00, 0x00, 0x15, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01];', 'c-array', [e]);
  const xxdI = 'unsigned char sub_bin[] = {\n  0x00, 0x00, 0x00, 0x10, 0x00, 0x00, 0x00, 0x15, 0x00, 0x00, 0x00, 0x00,\n  0x00, 0x00, 0x00, 0x01\n};\nunsigned int sub_bin_len = 16;\n';
  ok(xxdI, 'c-array', [e]);
});

test('Node <Buffer …> and Python b\'…\'', () => {
  const e = VECTORS.enquire_link;
  ok('<Buffer 00 00 00 10 00 00 00 15 00 00 00 00 00 00 00 01>', 'node-buffer', [e]);
  ok("b'\\x00\\x00\\x00\\x10\\x00\\x00\\x00\\x15\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x01'", 'python-bytes', [e]);
  // Python shows printable bytes as characters: "TSI7588".
  ok("b'\\x00\\x00\\x00\\x1d\\x80\\x00\\x00\\t\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x01TSI7588\\x00\\x02\\x10\\x00\\x014'", 'python-bytes', [VECTORS.bind_transceiver_resp]);
  const cut = parseHexInput('<Buffer 00 00 00 10 00 00 00 15 ... 8 more bytes>');
  assert.match(cut.problems.map((p) => p.message).join('\n'), /8 more bytes are not shown/);
});

test('base64, detected when the text is not hex', () => {
  const b64 = 'AAAAuQAAAAUAAAAAAAAACkNNVAABADY1MTU1NTU2NzgAAQAxMjMABAAAAAAAAAAAdmlkOjE4OTEyNzMzMjEgc3ViOjAwMSBkbHZyZDowMDEg\nc3VibWl0IGRhdGU6MTMwNTA1MDgyNiBkb25lIGRhdGU6MTMwNTA1MDgyNiBzdGF0OkRFTElWUkQgZXJyOjAwMCBUZXh0OkRMVlJEIFRP\nIE1PQklMRQAEJwABAgAeAAk3MEJBOEE2OQA=\n';
  ok(b64, 'base64', [RECEIPT]);
  ok('AAAAEAAAABUAAAAAAAAAAQ==', 'base64', [VECTORS.enquire_link]);
  ok('AAAAEAAAABUAAAAAAAAAAQ', 'base64', [VECTORS.enquire_link]); // no padding
});

test('tshark -x / Wireshark hex dump of a captured frame: frame headers removed, ASCII column ignored', () => {
  const r = parseHexInput(TSHARK_FRAME);
  assert.deepEqual(r.problems, []);
  assert.equal(r.format, 'wireshark');
  assert.deepEqual(r.pdus.map(hex), [RECEIPT]);
  assert.match(r.notes[0], /Ethernet\/IPv4\/TCP headers \(54 bytes\)/);
  const two = parseHexInput(TSHARK_TWO_PDUS);
  assert.deepEqual(two.problems, []);
  assert.deepEqual(two.pdus.map(hex), [VECTORS.enquire_link, VECTORS.enquire_link_resp]);
});

test('Wireshark "Copy as Hex Dump" layout of SMPP bytes alone, ASCII column of hex letters', () => {
  // Offset, three spaces, bytes, three spaces, ASCII: the last line's ASCII "abcd" is valid hex.
  const dump = [
    '0000   00 00 00 14 00 00 00 15 00 00 00 00 00 00 00 01   ................',
    '0010   61 62 63 64                                       abcd',
  ].join('\n');
  ok(dump, 'wireshark', ['000000140000001500000000000000016162636' + '4']);
  // A single line whose ASCII column happens to read as hex bytes.
  ok('0000  00 00 00 10 00 00 00 15 00 00 00 00 00 00 00 01  ................', 'wireshark', [VECTORS.enquire_link]);
  // Older Wireshark: an extra space between the 8-byte halves, in both columns.
  ok(
    '0000  00 00 00 10 00 00 00 15  00 00 00 00 00 00 00 01   ........ ........\n0010  00 00 00 10 80 00 00 15  00 00 00 00 00 00 00 07   ........ ........',
    'wireshark',
    [VECTORS.enquire_link, VECTORS.enquire_link_resp],
  );
});

test('xxd, hexdump -C and od output', () => {
  ok(XXD, 'xxd', [SUBMIT]);
  ok(HEXDUMP_C, 'hexdump', [SUBMIT]);
  ok(OD, 'od', [SUBMIT]);
  ok(XXD + '\n', 'xxd', [SUBMIT]);
});

test('hex dump faults: broken offsets and a bad byte are located', () => {
  const wrong = HEXDUMP_C.replace('00000020  33', '00000028  33');
  const r = parseHexInput(wrong);
  assert.ok(r.problems.some((p) => p.line === 3 && p.column === 1 && /offset/.test(p.message)), JSON.stringify(r.problems));
  const bad = parseHexInput(OD.replace('000010 00 01 01 34', '000010 00 01 0g 34'));
  const p = bad.problems[0];
  assert.equal(p.line, 2);
  assert.equal(p.column, 15);
  assert.match(p.message, /'g'/);
});

test('bad characters are reported with line and column', () => {
  const r = parseHexInput('00000010 00000015\n00000000 0000000G');
  assert.equal(r.problems[0].line, 2);
  assert.equal(r.problems[0].column, 17);
  assert.equal(r.problems[0].index, 34);
  assert.match(r.problems[0].message, /unexpected 'G'/);
  const words = parseHexInput('hello world');
  assert.equal(words.problems[0].column, 1);
  assert.match(words.problems[0].message, /'h' in "hello"/);
  const punct = parseHexInput('0000 0010 ?? 0000');
  assert.equal(punct.problems[0].column, 11);
});

test('odd digit counts, partial PDUs and short command_length are problems', () => {
  const odd = parseHexInput('0000001000000015000000000000001');
  assert.match(odd.problems[0].message, /odd number of hex digits/);
  assert.equal(odd.problems[0].column, 31);

  const partial = parseHexInput(VECTORS.enquire_link + '0000001000000015');
  assert.equal(partial.pdus.length, 2);
  assert.equal(partial.pdus[1].length, 8);
  assert.match(partial.problems[0].message, /PDU 2 at byte 16: command_length 16 but only 8 bytes left/);
  assert.equal(partial.problems[0].column, 33);

  const short = parseHexInput('0000000f000000060000000000000000');
  assert.equal(short.pdus.length, 1);
  assert.match(short.problems[0].message, /command_length 15 is less than 16/);

  const tail = parseHexInput(VECTORS.enquire_link + '0000');
  assert.match(tail.problems[0].message, /too short for a command_length/);

  const empty = parseHexInput(' \n\t ');
  assert.equal(empty.format, 'empty');
  assert.equal(empty.problems.length, 1);
  assert.deepEqual(empty.pdus, []);
});

test('large pastes: 20 000 PDUs back to back as hex and as a hexdump -C listing', () => {
  const e = VECTORS.enquire_link;
  const r = parseHexInput(e.repeat(20000));
  assert.deepEqual(r.problems, []);
  assert.equal(r.pdus.length, 20000);
  const bytes = r.bytes;
  const lines: string[] = [];
  for (let i = 0; i < bytes.length; i += 16) {
    const row = Array.from(bytes.subarray(i, i + 16), (x) => x.toString(16).padStart(2, '0'));
    lines.push(`${i.toString(16).padStart(8, '0')}  ${row.slice(0, 8).join(' ')}  ${row.slice(8).join(' ')}  |................|`);
  }
  const d = parseHexInput(lines.join('\n'));
  assert.deepEqual(d.problems, []);
  assert.equal(d.format, 'hexdump');
  assert.equal(d.pdus.length, 20000);
});

test('never throws, and every problem points inside the input', () => {
  let seed = 4242;
  const next = () => {
    seed = (seed + 0x6d2b79f5) >>> 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const alphabet = '0123456789abcdefABCDEFxX \n\t:,;-{}[]()|<>\'"\\=+/bBgG%.';
  const seeds = [TSHARK_FRAME, XXD, HEXDUMP_C, OD, RECEIPT, 'AAAAEAAAABUAAAAAAAAAAQ=='];
  for (let i = 0; i < 3000; i++) {
    let text: string;
    if (i % 2 === 0) {
      text = '';
      const n = Math.floor(next() * 80);
      for (let k = 0; k < n; k++) text += alphabet[Math.floor(next() * alphabet.length)];
    } else {
      // Mutate a real paste: replace, delete or insert characters.
      const chars = [...seeds[i % seeds.length]];
      const edits = 1 + Math.floor(next() * 5);
      for (let k = 0; k < edits; k++) {
        const at = Math.floor(next() * chars.length);
        const c = alphabet[Math.floor(next() * alphabet.length)];
        const op = Math.floor(next() * 3);
        if (op === 0) chars[at] = c;
        else if (op === 1) chars.splice(at, 1);
        else chars.splice(at, 0, c);
      }
      text = chars.join('');
    }
    const r = parseHexInput(text);
    for (const p of r.problems) {
      assert.ok(p.index >= 0 && p.index <= text.length, `index ${p.index} of ${text.length}`);
      assert.ok(p.line >= 1 && p.column >= 1);
    }
    let total = 0;
    for (const pdu of r.pdus) total += pdu.length;
    assert.equal(total, r.bytes.length);
  }
});

const MIB = 1024 * 1024;

test("hostile runs of '[', '[,', '{' and '/*' (1 MiB each) give a bounded list of located problems", () => {
  const brackets = parseHexInput('['.repeat(MIB));
  assert.deepEqual(brackets.pdus, []);
  assert.deepEqual(
    brackets.problems.map((p) => [p.index, p.line, p.column, p.message]),
    [[0, 1, 1, "line 1, column 1: unexpected '[': expected hex digits"]],
  );

  // Every '[' opens a list that is never closed: listed up to the cap, the rest counted.
  const lists = parseHexInput('[,'.repeat(MIB / 2));
  assert.deepEqual(lists.pdus, []);
  assert.equal(lists.problems.length, 21);
  assert.equal(lists.problems[1]!.message, "line 1, column 3: '[' is never closed by ']'");
  assert.match(lists.problems[20]!.message, /^…and \d+ more problems$/);

  const braces = parseHexInput('{'.repeat(MIB));
  assert.equal(braces.problems[0]!.message, "line 1, column 1: '{' is never closed by '}'");

  // "/*/*/" is one comment; what follows it starts with a '*' that is not hex.
  const comments = parseHexInput('/*'.repeat(MIB / 2));
  assert.deepEqual(comments.pdus, []);
  assert.equal(comments.problems[0]!.message, "line 1, column 6: unexpected '*': expected hex digits");
});

test('0x and \\x without digits, odd digit counts and long tokens are named where they are', () => {
  const bare = parseHexInput('0x');
  assert.equal(bare.problems[0]!.message, 'line 1, column 2: unexpected \'x\' in "0x": expected hex digits');
  const slash = parseHexInput('\\x00\\x01\n\\x');
  assert.deepEqual(
    slash.problems.map((p) => [p.line, p.column, p.message]),
    [
      [2, 1, "line 2, column 1: '\\x' is not followed by hex digits"],
      [1, 3, 'line 1, column 3: PDU 1 at byte 0: only 2 bytes left, too short for a command_length'],
    ],
  );
  // A token of 1 MiB - 3 digits: the last digit is reported, the message shows the token's start.
  const odd = parseHexInput('00 ' + '0'.repeat(MIB - 3));
  assert.equal(odd.problems[0]!.index, MIB - 1);
  assert.equal(odd.problems[0]!.message, `line 1, column ${MIB}: odd number of hex digits in "${'0'.repeat(24)}…": the last digit has no partner`);
  assert.equal(odd.bytes.length, 1 + (MIB - 4) / 2);
  // Alone, such a run is a stream wrapped at an odd column: digits pair across it, one is left over.
  const alone = parseHexInput('0'.repeat(MIB - 1));
  assert.equal(alone.problems[0]!.message, `line 1, column ${MIB - 1}: odd number of hex digits: the last digit '0' has no partner`);
  // A dump group too long to be bytes of a dump line.
  const wide = parseHexInput('00000000: 00000010000000150000000000000001');
  assert.equal(wide.problems[0]!.message, 'line 1, column 11: a group of 32 hex digits is too long for a dump line (at most 16)');
});

test('1 MiB of random text ends with a capped, located list of problems', () => {
  let seed = 99;
  const next = (): number => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed >>> 8;
  };
  const chars: string[] = [];
  for (let i = 0; i < MIB; i++) chars.push(String.fromCharCode(32 + (next() % 95)));
  const text = chars.join('');
  const r = parseHexInput(text);
  assert.equal(r.problems.length, 21);
  for (const p of r.problems) assert.ok(p.index >= 0 && p.index <= text.length);
  assert.match(r.problems[20]!.message, /^…and \d+ more problems$/);
});

test('a 1 MiB dump line with double spaces between bytes reads every byte', () => {
  const count = (MIB - 8) / 4;
  const r = parseHexInput('0000  ' + '00  '.repeat(count));
  assert.equal(r.format, 'wireshark');
  assert.equal(r.bytes.length, count);
  // All zero: command_length 0 cannot be split, so the bytes are kept as one PDU and reported.
  assert.equal(r.pdus.length, 1);
  assert.equal(r.problems[0]!.message, `line 1, column 7: PDU 1 at byte 0: command_length 0 is less than 16; the remaining ${count} bytes are kept as one PDU`);
});

test("the split uses the framer's command_length limits: a hostile length is reported, not trusted", () => {
  const e = VECTORS.enquire_link;
  // 70 000 octets announced and present: beyond the framer's 64 KiB limit.
  const big = '000111700000000400000000000000' + '02' + '00'.repeat(70_000 - 16);
  const r = parseHexInput(e + '\n' + big);
  assert.equal(r.pdus.length, 2);
  assert.equal(hex(r.pdus[0]!), e);
  assert.equal(r.pdus[1]!.length, 70_000);
  assert.equal(r.problems.length, 1);
  assert.equal(r.problems[0]!.line, 2);
  assert.equal(r.problems[0]!.column, 1);
  assert.equal(r.problems[0]!.message, 'line 2, column 1: PDU 2 at byte 16: command_length 70000 is larger than the limit of 65536 octets, so it is not trusted; the remaining 70000 bytes are kept as one PDU');

  const top = parseHexInput(e + ' 80000010 00000015 00000000 00000001');
  assert.equal(top.problems[0]!.column, 34);
  assert.match(top.problems[0]!.message, /PDU 2 at byte 16: command_length 0x80000010 has its top bit set, which no SMPP PDU has; the remaining 16 bytes are kept as one PDU$/);

  // In a dump, the problem points at the byte's line and column.
  const dump = parseHexInput(['0000  00 00 00 10 00 00 00 15 00 00 00 00 00 00 00 01', '0010  00 00 00 0f 00 00 00 15 00 00 00 00 00 00 00 01'].join('\n'));
  assert.equal(dump.problems[0]!.message, 'line 2, column 7: PDU 2 at byte 16: command_length 15 is less than 16; the remaining 16 bytes are kept as one PDU');
});

