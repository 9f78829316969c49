// Seeded fuzzing of connection files: valid files mutated as hands and tools break them (spans
// cut or doubled, stray tokens, values of the wrong type or out of range, keys that name
// Object.prototype's members, NULs and characters no bind can carry). For every file: parsing
// never throws; every problem has words, a JSON path and a position inside the text whose line
// and column agree with its offset; and a connection reported without errors holds only what
// the schema allows, every value of its own, none inherited from a prototype.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseConnectionFile, type ConfigProblem, type ConnectionDefinition } from '../../../src/config/connectionFile';
import { below, inputs, lineColumn, random, seedText } from './support';

const FILES = inputs(4_000);
const ROOT = join(__dirname, '..', '..', '..');

interface PropertySchema {
  type?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  maxLength?: number;
  enum?: unknown[];
}
const schema = JSON.parse(readFileSync(join(ROOT, 'media', 'smpp-connections.schema.json'), 'utf8')) as {
  definitions: { connection: { properties: Record<string, PropertySchema> } };
};
const PROPERTIES = schema.definitions.connection.properties;

const FULL = `{
  // every field, as a careful user writes them
  "connections": [
    {
      "name": "Carrier A",
      "host": "smsc.example.net",
      "port": 2775,
      "tls": { "ca": "certs/ca.pem", "servername": "smsc.example.net", "rejectUnauthorized": true },
      "system_id": "acme",
      "password": "\${env:ACME_PASSWORD}",
      "system_type": "VMA",
      "interface_version": "3.4",
      "bind": "transmitter",
      "addr_ton": 1,
      "addr_npi": 1,
      "address_range": "^447",
      "enquireLinkInterval": 30,
      "responseTimeout": 10,
      "window": 10,
      "reconnect": true,
      "autoBind": false
    },
    {
      "name": "Local simulator",
      "simulator": { "deliveryReceiptDelay": 2, "moInterval": 0, "throttle": { "perSecond": 50 }, "sessionInitTimer": 60, "inactivityTimer": 300 },
      "system_id": "test",
      "password": "\${prompt}",
      "proxy": { "listen": 2776, "sessionInitTimer": 30 }
    }
  ]
}
`;
const BASES = [FULL, readFileSync(join(ROOT, 'examples', 'demo.smpp.json'), 'utf8')];

/** What gets written into a file: tokens, hostile keys and values. */
const TOKENS = [
  '{', '}', '[', ']', ',', ':', '"', '//', '/*', '*/', 'null', 'true', '-', '0', '1e308', '-5', '65536', '0.5', 'NaN',
  '"__proto__": { "window": 0, "responseTimeout": -5 },', '"constructor": 1,', '"toString": "x",', '"hasOwnProperty": true,',
  '"__proto__": null,', '"prototype": {},', '"window": 0,', '"responseTimeout": -5,', '"port": 70000,', '"name": "",',
  '"system_id": "ab\\u0000cd",', '"password": "пароль",', '"system_type": "way too long a type",', '"name": "' + 'n'.repeat(300) + '",',
  '"tls": "yes",', '"bind": "both",', '"interface_version": 3.4,', '"\\u0000"', '"\\ud800"', '\u0000', '€', '\r\n', '\t',
];

function mutate(text: string, r: () => number): string {
  const at = below(r, text.length + 1);
  switch (below(r, 5)) {
    case 0: {
      const n = 1 + below(r, 40);
      return text.slice(0, at) + text.slice(at + n);
    }
    case 1: {
      const n = 1 + below(r, 80);
      return text.slice(0, at) + text.slice(at, at + n) + text.slice(at);
    }
    case 2:
      return text.slice(0, at) + TOKENS[below(r, TOKENS.length)]! + text.slice(at);
    case 3: {
      // A key's value swapped for another token: after the next colon.
      const colon = text.indexOf(':', at);
      if (colon === -1) return text;
      const end = text.slice(colon + 1).search(/[,}\]\n]/);
      return text.slice(0, colon + 1) + ' ' + TOKENS[below(r, TOKENS.length)]! + (end === -1 ? '' : text.slice(colon + 1 + end));
    }
    default: {
      // A member written twice, or a hostile member at the start of an object.
      const brace = text.indexOf('{', at);
      if (brace === -1) return text;
      return text.slice(0, brace + 1) + ' ' + TOKENS[19 + below(r, 16)]! + text.slice(brace + 1);
    }
  }
}

function checkProblem(text: string, p: ConfigProblem): string | undefined {
  if (p.message.length === 0) return 'a problem without words';
  if (!Number.isInteger(p.offset) || p.offset < 0 || p.offset > text.length) return `offset ${p.offset} outside the text`;
  if (!Number.isInteger(p.length) || p.length < 0 || p.offset + p.length > text.length) return `length ${p.length} at ${p.offset} runs past the text`;
  const at = lineColumn(text, p.offset);
  if (at.line !== p.line || at.column !== p.column) return `line ${p.line}, column ${p.column} for offset ${p.offset}, which is line ${at.line}, column ${at.column}`;
  return undefined;
}

/** What is wrong with a connection the parser reported without errors, or undefined. */
function checkDefinition(def: ConnectionDefinition): string | undefined {
  const proto = Object.getPrototypeOf(def) as unknown;
  if (proto !== Object.prototype && proto !== null) return 'the definition has a prototype from the file';
  for (const [key, rule] of Object.entries(PROPERTIES)) {
    if (!Object.hasOwn(def, key)) continue;
    const value = (def as unknown as Record<string, unknown>)[key];
    if (value === undefined) continue;
    if ((rule.type === 'number' || rule.type === 'integer') && (typeof value !== 'number' || !Number.isFinite(value))) return `${key} is ${String(value)}`;
    if (rule.type === 'integer' && !Number.isInteger(value)) return `${key} is ${String(value)}, not an integer`;
    if (typeof value === 'number') {
      if (rule.minimum !== undefined && value < rule.minimum) return `${key} ${value} is below ${rule.minimum}`;
      if (rule.exclusiveMinimum !== undefined && value <= rule.exclusiveMinimum) return `${key} ${value} is not above ${rule.exclusiveMinimum}`;
      if (rule.maximum !== undefined && value > rule.maximum) return `${key} ${value} is above ${rule.maximum}`;
    }
    if (rule.type === 'string' && typeof value !== 'string') return `${key} is not a string`;
    if (rule.maxLength !== undefined && typeof value === 'string' && [...value].length > rule.maxLength) return `${key} is longer than ${rule.maxLength}`;
    if (rule.enum !== undefined && !rule.enum.includes(value)) return `${key} ${JSON.stringify(value)} is not one of ${JSON.stringify(rule.enum)}`;
  }
  for (const field of ['system_id', 'system_type', 'address_range'] as const) {
    for (const ch of def[field]) {
      const code = ch.codePointAt(0)!;
      if (code === 0 || code > 0xff) return `${field} holds a character no bind can carry`;
    }
  }
  return undefined;
}

describe(`fuzz: ${FILES} broken connection files (${seedText})`, () => {
  it('never throw, place every problem inside the text, and let nothing invalid through', () => {
    const r = random(0xc0f1);
    let withErrors = 0;
    for (let i = 0; i < FILES; i++) {
      let text = BASES[below(r, BASES.length)]!;
      const rounds = 1 + below(r, 4);
      for (let k = 0; k < rounds; k++) text = mutate(text, r);
      const where = `${seedText}, file #${i}:\n${text}`;
      let parsed: ReturnType<typeof parseConnectionFile>;
      try {
        parsed = parseConnectionFile(text);
      } catch (err) {
        assert.fail(`parseConnectionFile threw ${String(err)}; ${where}`);
      }
      const all = [...parsed.problems, ...parsed.connections.flatMap((c) => c.problems)];
      for (const p of all) {
        const fault = checkProblem(text, p);
        if (fault !== undefined) assert.fail(`${fault} (${p.path}: ${p.message}); ${where}`);
      }
      if (all.some((p) => p.severity === 'error')) withErrors++;
      for (const c of parsed.connections) {
        if (c.problems.some((p) => p.severity === 'error')) continue;
        const fault = checkDefinition(c.definition);
        if (fault !== undefined) assert.fail(`connection #${c.index} "${c.definition.name}" has no error, yet ${fault}; ${where}`);
      }
    }
    // The mutations must break most files, or the test proves little.
    assert.ok(withErrors > FILES / 2, `${withErrors} of ${FILES} files had errors`);
  });
});
