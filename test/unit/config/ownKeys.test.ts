// A key of the file is a property only when the schema names it as its own: `__proto__`,
// `constructor`, `toString` and the like are unknown keys, never a way round the checks, and a
// parsed definition never takes a prototype (or default values) from the file.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseConnectionFile } from '../../../src/config/connectionFile';

const connection = (extra: string) => `{ "connections": [\n  { "name": "a", "simulator": {},\n    ${extra} }\n] }`;

describe('own keys only', () => {
  it('a "__proto__" key is an unknown property, named with its line and column, and fills no field', () => {
    const parsed = parseConnectionFile(connection('"__proto__": { "window": 0, "responseTimeout": -5 }'));
    assert.deepEqual(parsed.problems, []);
    const [c] = parsed.connections;
    assert.deepEqual(
      c.problems.map((p) => `${p.severity} ${p.line}:${p.column} ${p.path}: ${p.message}`),
      ['error 3:5 connections[0].__proto__: unknown property "__proto__"'],
    );
    assert.equal(c.definition.window, 10);
    assert.equal(c.definition.responseTimeout, 10);
    assert.equal(Object.getPrototypeOf(c.definition), Object.prototype);
    assert.equal(Object.hasOwn(c.definition, '__proto__'), false);
  });

  for (const key of ['constructor', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__']) {
    it(`"${key}" is an unknown property`, () => {
      const parsed = parseConnectionFile(connection(`"${key}": 1`));
      assert.deepEqual(
        parsed.connections[0].problems.map((p) => p.message),
        [`unknown property "${key}"`],
      );
    });
  }

  it('in every nested object and at the top of the file too', () => {
    const text = [
      '{ "__proto__": { "x": 1 }, "connections": [',
      '  { "name": "t", "tls": { "ca": "ca.pem", "__proto__": { "rejectUnauthorized": false } } },',
      '  { "name": "s", "simulator": { "constructor": 1, "throttle": { "perSecond": 5, "__proto__": {} } } },',
      '  { "name": "p", "proxy": { "listen": 2776, "__proto__": { "host": "0.0.0.0" } } }',
      '] }',
    ].join('\n');
    const parsed = parseConnectionFile(text);
    assert.deepEqual(parsed.problems.map((p) => `${p.line}:${p.column} ${p.message}`), ['1:3 unknown property "__proto__"']);
    assert.deepEqual(
      parsed.connections.map((c) => c.problems.map((p) => `${p.line}:${p.path}: ${p.message}`)),
      [
        ['2:connections[0].tls.__proto__: unknown property "__proto__"'],
        ['3:connections[1].simulator.constructor: unknown property "constructor"', '3:connections[1].simulator.throttle.__proto__: unknown property "__proto__"'],
        ['4:connections[2].proxy.__proto__: unknown property "__proto__"'],
      ],
    );
    const [t, , p] = parsed.connections.map((c) => c.definition);
    assert.deepEqual(t.tls, { ca: 'ca.pem' });
    assert.equal(Object.getPrototypeOf(t.tls), Object.prototype);
    assert.equal(p.proxy?.host, '127.0.0.1');
  });

  it('a key given twice in one object is an error at the second', () => {
    const parsed = parseConnectionFile('{ "connections": [\n  { "name": "a", "simulator": {},\n    "window": 5, "window": 0 }\n] }');
    assert.deepEqual(
      parsed.connections[0].problems.map((p) => `${p.line}:${p.column} ${p.message}`),
      ['3:18 "window" is given twice in connections[0]; give each property once'],
    );
  });

  it('a very long unknown key is named shortened, and the message stays short', () => {
    const key = 'k'.repeat(100_000);
    const parsed = parseConnectionFile(connection(`"${key}": 1`));
    const [p] = parsed.connections[0].problems;
    assert.match(p.message, /^unknown property "k{40}…" \(100000 characters\)$/);
  });
});
