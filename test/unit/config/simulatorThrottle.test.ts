// `"simulator": { "throttle": { "perSecond": 50 } }` / `{ "everyNth": 10 }` in a connection file:
// read into the definition, and every malformed throttle reported with its field, line and column.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseConnectionFile } from '../../../src/config/connectionFile';

/** A file with one simulator connection per throttle value, one connection a line (line 2 on). */
function fileWith(...throttles: string[]): string {
  return ['{ "connections": [', throttles.map((t, i) => `  { "name": "c${i}", "simulator": { "throttle": ${t} } }`).join(',\n'), '] }'].join('\n');
}

/** Where `text` starts on its line: the 1-based column of the first `needle` in `line`. */
function columnOf(line: string, needle: string): number {
  const i = line.indexOf(needle);
  assert.ok(i >= 0, `${needle} in ${line}`);
  return i + 1;
}

describe('connection files: the simulator throttle', () => {
  it('reads a rate or an every-Nth throttle into the definition; without one there is none', () => {
    const parsed = parseConnectionFile(fileWith('{ "perSecond": 50 }', '{ "everyNth": 10 }'));
    assert.deepEqual(parsed.problems, []);
    assert.deepEqual(
      parsed.connections.map((c) => c.problems),
      [[], []],
    );
    assert.deepEqual(parsed.connections[0].definition.simulator, { deliveryReceiptDelay: 2, moInterval: 0, enquireLinkInterval: 0, sessionInitTimer: 60, inactivityTimer: 300, throttle: { perSecond: 50 } });
    assert.deepEqual(parsed.connections[1].definition.simulator, { deliveryReceiptDelay: 2, moInterval: 0, enquireLinkInterval: 0, sessionInitTimer: 60, inactivityTimer: 300, throttle: { everyNth: 10 } });

    const plain = parseConnectionFile('{ "connections": [ { "name": "s", "simulator": { "deliveryReceiptDelay": 1 } } ] }');
    assert.deepEqual(plain.connections[0].problems, []);
    assert.deepEqual(plain.connections[0].definition.simulator, { deliveryReceiptDelay: 1, moInterval: 0, enquireLinkInterval: 0, sessionInitTimer: 60, inactivityTimer: 300 });
    assert.equal('throttle' in (plain.connections[0].definition.simulator ?? {}), false);
  });

  it('accepts the bounds: 1 and 100000 a second, every 2nd and every 1000000th', () => {
    const parsed = parseConnectionFile(fileWith('{ "perSecond": 1 }', '{ "perSecond": 100000 }', '{ "everyNth": 2 }', '{ "everyNth": 1000000 }'));
    assert.deepEqual(
      parsed.connections.map((c) => c.problems),
      [[], [], [], []],
    );
    assert.deepEqual(
      parsed.connections.map((c) => c.definition.simulator?.throttle),
      [{ perSecond: 1 }, { perSecond: 100000 }, { everyNth: 2 }, { everyNth: 1000000 }],
    );
  });

  it('reports each bad value with the field, line and column, and makes that connection unusable', () => {
    const throttles = [
      '{ "perSecond": 0 }',
      '{ "perSecond": 100001 }',
      '{ "perSecond": 2.5 }',
      '{ "perSecond": "50" }',
      '{ "everyNth": 1 }',
      '{ "everyNth": 1000001 }',
    ];
    const text = fileWith(...throttles);
    const lines = text.split('\n');
    const parsed = parseConnectionFile(text);
    assert.deepEqual(parsed.problems, []);
    const found = parsed.connections.map((c) => c.problems.map((p) => `${p.severity} ${p.line}:${p.column} ${p.path}: ${p.message}`));
    const at = (i: number, needle: string) => `${i + 2}:${columnOf(lines[i + 1], needle)}`;
    assert.deepEqual(found, [
      [`error ${at(0, '0 }')} connections[0].simulator.throttle.perSecond: connections[0].simulator.throttle.perSecond must be at least 1, not 0`],
      [`error ${at(1, '100001')} connections[1].simulator.throttle.perSecond: connections[1].simulator.throttle.perSecond must be at most 100000, not 100001`],
      [`error ${at(2, '2.5')} connections[2].simulator.throttle.perSecond: connections[2].simulator.throttle.perSecond must be integer, not number`],
      [`error ${at(3, '"50"')} connections[3].simulator.throttle.perSecond: connections[3].simulator.throttle.perSecond must be integer, not string`],
      [`error ${at(4, '1 }')} connections[4].simulator.throttle.everyNth: connections[4].simulator.throttle.everyNth must be at least 2, not 1`],
      [`error ${at(5, '1000001')} connections[5].simulator.throttle.everyNth: connections[5].simulator.throttle.everyNth must be at most 1000000, not 1000001`],
    ]);
  });

  it('wants exactly one of perSecond and everyNth, as an object; a typo is named with its fix', () => {
    const throttles = ['{ "perSecond": 50, "everyNth": 10 }', '{}', '"all"', '{ "perSecnod": 50 }', '50'];
    const text = fileWith(...throttles);
    const lines = text.split('\n');
    const parsed = parseConnectionFile(text);
    const found = parsed.connections.map((c) => c.problems.map((p) => `${p.line}:${p.column} ${p.message}`));
    const one = 'give exactly one of "perSecond" (e.g. { "perSecond": 50 }) or "everyNth" (e.g. { "everyNth": 10 }).';
    const at = (i: number, needle: string) => `${i + 2}:${columnOf(lines[i + 1], needle)}`;
    assert.deepEqual(found, [
      [`${at(0, '{ "perSecond"')} connections[0].simulator.throttle: ${one}`],
      [`${at(1, '{}')} connections[1].simulator.throttle: ${one}`],
      [`${at(2, '"all"')} connections[2].simulator.throttle must be object, not string`],
      [`${at(3, '"perSecnod"')} unknown property "perSecnod" (did you mean "perSecond"?)`, `${at(3, '{ "perSecnod"')} connections[3].simulator.throttle: ${one}`],
      [`${at(4, '50 }')} connections[4].simulator.throttle must be object, not integer`],
    ]);
    for (const c of parsed.connections) {
      assert.ok(c.problems.every((p) => p.severity === 'error' && p.source === 'schema'));
      // A malformed throttle never reaches the definition (the connection cannot be used anyway).
      assert.equal(c.definition.simulator?.throttle, undefined);
    }
  });
});
