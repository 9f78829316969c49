// Seeded fuzzing of the hex box: random PDUs (one or several back to back) written out in every
// format people paste (plain and spaced hex, 0x and \x prefixes, C and decimal arrays, Node's
// <Buffer>, Python bytes, base64, xxd, hexdump -C, od, and tshark -x of a captured Ethernet
// frame), then often broken (characters cut, doubled or inserted). A clean paste gives back
// exactly its PDUs with no problem; any paste parses without throwing, places every problem
// inside the text at the line and column its index has, and every PDU it yields decodes, with
// and without the field tree, with each problem and field inside the PDU.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decode, encode } from '../../../src/smpp/codec';
import { parseHexInput } from '../../../src/smpp/hexInput';
import { generateCorpus } from '../../fixtures/corpus';
import { GOOD_FIXTURES, hex } from '../../fixtures/pdus';
import { toHex } from '../smpp/helpers';
import { below, inputs, lineColumn, random, SEED, seedText } from './support';

const PASTES = inputs(20_000);
const PDUS: Uint8Array[] = [...GOOD_FIXTURES.map((f) => hex(f.hex)), ...generateCorpus(SEED ^ 0x4e1, 200).map((p) => Uint8Array.from(encode(p)))];

const h2 = (x: number): string => x.toString(16).padStart(2, '0');
const ascii = (b: Uint8Array): string => Array.from(b, (x) => (x >= 0x20 && x < 0x7f ? String.fromCharCode(x) : '.')).join('');
function rows(b: Uint8Array, width: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let o = 0; o < b.length; o += width) out.push(b.subarray(o, o + width));
  return out;
}

/** An Ethernet II / IPv4 / TCP frame around `payload`, as a capture holds it. */
function frame(payload: Uint8Array): Uint8Array {
  const f = new Uint8Array(54 + payload.length);
  f.set([0x02, 0, 0, 0, 0, 1, 0x02, 0, 0, 0, 0, 2, 0x08, 0x00]);
  const ipLength = 40 + payload.length;
  f.set([0x45, 0, ipLength >> 8, ipLength & 0xff, 0x12, 0x34, 0x40, 0, 64, 6, 0, 0, 127, 0, 0, 1, 127, 0, 0, 1], 14);
  f.set([0x9c, 0x40, 0x0a, 0xd7, 0, 0, 0, 1, 0, 0, 0, 1, 0x50, 0x18, 0x20, 0, 0, 0, 0, 0], 34);
  f.set(payload, 54);
  return f;
}

/** The formats, each writing bytes as its tool or language does. */
const FORMATS: readonly [string, (b: Uint8Array, r: () => number) => string][] = [
  ['plain hex', (b, r) => (r() < 0.5 ? toHex(b) : toHex(b).toUpperCase())],
  ['spaced hex over lines', (b) => rows(b, 16).map((row) => Array.from(row, h2).join(' ')).join('\n')],
  ['0x list', (b) => Array.from(b, (x) => '0x' + h2(x)).join(', ')],
  ['\\x escapes', (b) => Array.from(b, (x) => '\\x' + h2(x)).join('')],
  ['C array', (b) => `unsigned char pdu[] = {\n  ${Array.from(b, (x) => '0x' + h2(x).toUpperCase()).join(', ')}\n};`],
  ['decimal array', (b) => `[${Array.from(b).join(', ')}]`],
  ['Node Buffer', (b) => `<Buffer ${Array.from(b, h2).join(' ')}>`],
  ['Python bytes', (b) => `b'${Array.from(b, (x) => '\\x' + h2(x)).join('')}'`],
  ['base64', (b) => btoa(String.fromCharCode(...b))],
  [
    'xxd',
    (b) =>
      rows(b, 16)
        .map((row, i) => {
          const groups: string[] = [];
          for (let g = 0; g < row.length; g += 2) groups.push(Array.from(row.subarray(g, g + 2), h2).join(''));
          return `${(i * 16).toString(16).padStart(8, '0')}: ${groups.join(' ').padEnd(39)}  ${ascii(row)}`;
        })
        .join('\n'),
  ],
  [
    'hexdump -C',
    (b) =>
      [
        ...rows(b, 16).map((row, i) => {
          const cells = Array.from(row, h2);
          const left = cells.slice(0, 8).join(' ');
          const right = cells.slice(8).join(' ');
          return `${(i * 16).toString(16).padStart(8, '0')}  ${(left + '  ' + right).padEnd(48)}  |${ascii(row)}|`;
        }),
        b.length.toString(16).padStart(8, '0'),
      ].join('\n'),
  ],
  [
    'od -Ax -tx1 -v',
    (b) => [...rows(b, 16).map((row, i) => `${(i * 16).toString(16).padStart(6, '0')} ${Array.from(row, h2).join(' ')}`), b.length.toString(16).padStart(6, '0')].join('\n'),
  ],
  [
    'tshark -x of a frame',
    (b) =>
      rows(frame(b), 16)
        .map((row, i) => `${(i * 16).toString(16).padStart(4, '0')}  ${Array.from(row, h2).join(' ').padEnd(47)}   ${ascii(row)}`)
        .join('\n'),
  ],
];

const NOISE = ['[', ']', '{', ',', '0x', '\\x', '/*', 'g', 'zz', '\n', '  ', '0', 'ff', '|', ':', '<', '€', '\u0000', '\r\n'];

function breakText(text: string, r: () => number): string {
  const at = below(r, text.length + 1);
  switch (below(r, 3)) {
    case 0:
      return text.slice(0, at) + text.slice(at + 1 + below(r, 8));
    case 1:
      return text.slice(0, at) + text.slice(at, at + 1 + below(r, 30)) + text.slice(at);
    default:
      return text.slice(0, at) + NOISE[below(r, NOISE.length)]! + text.slice(at);
  }
}

let fieldsChecked = 0;

/** What is wrong with decoding `pdu`, or undefined. */
function checkDecode(pdu: Uint8Array, fields: boolean): string | undefined {
  let result: ReturnType<typeof decode>;
  try {
    result = decode(pdu, { fields });
  } catch (err) {
    return `decode threw ${String(err)}`;
  }
  for (const p of result.problems) {
    if (p.offset < 0 || p.offset + (p.length ?? 0) > pdu.length) return `problem at ${p.offset}+${p.length} outside a ${pdu.length}-octet PDU: ${p.message}`;
  }
  const stack = [...(result.fields ?? [])];
  while (stack.length > 0) {
    const node = stack.pop()!;
    fieldsChecked++;
    if (node.offset < 0 || node.offset + node.length > pdu.length) return `field ${node.name} at ${node.offset}+${node.length} outside a ${pdu.length}-octet PDU`;
    if (node.children) stack.push(...node.children);
  }
  return undefined;
}

describe(`fuzz: ${PASTES} pastes in every format, clean and broken (${seedText})`, () => {
  it('give back their PDUs when clean, and locate every problem when not', () => {
    const r = random(0x4e5);
    for (let i = 0; i < PASTES; i++) {
      const count = 1 + (r() < 0.7 ? 0 : below(r, 4));
      const pdus = Array.from({ length: count }, () => PDUS[below(r, PDUS.length)]!);
      const all = new Uint8Array(pdus.reduce((n, p) => n + p.length, 0));
      pdus.reduce((o, p) => (all.set(p, o), o + p.length), 0);
      const [name, write] = FORMATS[below(r, FORMATS.length)]!;
      const clean = r() < 0.4;
      let text = write(all, r);
      if (!clean) for (let k = 1 + below(r, 3); k > 0; k--) text = breakText(text, r);
      const where = `${seedText}, paste #${i} (${name}${clean ? '' : ', broken'}):\n${text}`;
      let result: ReturnType<typeof parseHexInput>;
      try {
        result = parseHexInput(text);
      } catch (err) {
        assert.fail(`parseHexInput threw ${String(err)}; ${where}`);
      }
      if (clean) {
        assert.deepEqual(result.problems, [], where);
        assert.deepEqual(result.pdus.map(toHex), pdus.map(toHex), `the pasted PDUs; ${where}`);
      }
      for (const p of result.problems) {
        if (p.message.length === 0) assert.fail(`a problem without words; ${where}`);
        if (!(p.index >= 0 && p.index <= text.length)) assert.fail(`problem index ${p.index} outside the text: ${p.message}; ${where}`);
        const at = lineColumn(text, p.index);
        if (at.line !== p.line || at.column !== p.column) assert.fail(`problem at line ${p.line}, column ${p.column}, but its index ${p.index} is line ${at.line}, column ${at.column}: ${p.message}; ${where}`);
      }
      for (const pdu of result.pdus) {
        const fault = checkDecode(pdu, i % 4 === 0);
        if (fault !== undefined) assert.fail(`${fault}; PDU ${toHex(pdu)}; ${where}`);
      }
    }
    assert.ok(fieldsChecked > PASTES, `${fieldsChecked} fields of field trees checked`);
  });
});
