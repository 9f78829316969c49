// `"sessionInitTimer"` and `"inactivityTimer"` in a connection file's `simulator` and `proxy`
// blocks: seconds in the file, defaults from the schema (60 and 300, the core's own), milliseconds
// in the simulator's and the proxy's options, and every bad value reported with its field.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseConnectionFile, type ConnectionDefinition } from '../../../src/config/connectionFile';
import { proxyOptions } from '../../../src/config/sessionOptions';
import { embeddedSmscOptions } from '../../../src/smpp/simulator/embedded';
import { DEFAULT_INACTIVITY_TIMEOUT, DEFAULT_SESSION_INIT_TIMEOUT } from '../../../src/smpp/simulator/smsc';

/** The one connection of a file, which must have no problem. */
function only(connection: string): ConnectionDefinition {
  const parsed = parseConnectionFile(`{ "connections": [ ${connection} ] }`);
  assert.deepEqual(parsed.problems, []);
  assert.equal(parsed.connections.length, 1);
  assert.deepEqual(parsed.connections[0].problems, []);
  return parsed.connections[0].definition;
}

function timers(options: { sessionInitTimeout?: number; inactivityTimeout?: number }) {
  return { sessionInitTimeout: options.sessionInitTimeout, inactivityTimeout: options.inactivityTimeout };
}

describe('connection files: session-init and inactivity timers', () => {
  it('reads them in seconds from the simulator block and gives the simulator milliseconds', () => {
    const def = only('{ "name": "s", "simulator": { "sessionInitTimer": 5, "inactivityTimer": 90.5 } }');
    assert.deepEqual(def.simulator, { deliveryReceiptDelay: 2, moInterval: 0, enquireLinkInterval: 0, sessionInitTimer: 5, inactivityTimer: 90.5 });
    assert.deepEqual(timers(embeddedSmscOptions(def.simulator)), { sessionInitTimeout: 5_000, inactivityTimeout: 90_500 });

    const never = only('{ "name": "s", "simulator": { "sessionInitTimer": 0, "inactivityTimer": 0 } }');
    assert.deepEqual(timers(embeddedSmscOptions(never.simulator)), { sessionInitTimeout: 0, inactivityTimeout: 0 });
  });

  it('reads them in seconds from the proxy block and gives the proxy milliseconds', () => {
    const def = only('{ "name": "p", "host": "smpp.example.net", "responseTimeout": 7, "proxy": { "listen": 2776, "sessionInitTimer": 15, "inactivityTimer": 0 } }');
    assert.deepEqual(def.proxy, { listen: 2776, host: '127.0.0.1', rewriteCredentials: false, sessionInitTimer: 15, inactivityTimer: 0 });
    assert.ok(def.proxy);
    assert.deepEqual(proxyOptions(def, def.proxy), { port: 2776, host: '127.0.0.1', responseTimeout: 7_000, sessionInitTimeout: 15_000, inactivityTimeout: 0 });
  });

  it('defaults to 60 and 300 seconds, the core’s own defaults, in both blocks', () => {
    const def = only('{ "name": "p", "simulator": {}, "proxy": { "listen": 2776 } }');
    assert.equal(def.simulator?.sessionInitTimer, 60);
    assert.equal(def.simulator?.inactivityTimer, 300);
    assert.equal(def.proxy?.sessionInitTimer, 60);
    assert.equal(def.proxy?.inactivityTimer, 300);
    const core = { sessionInitTimeout: DEFAULT_SESSION_INIT_TIMEOUT, inactivityTimeout: DEFAULT_INACTIVITY_TIMEOUT };
    assert.deepEqual(core, { sessionInitTimeout: 60_000, inactivityTimeout: 300_000 });
    assert.deepEqual(timers(embeddedSmscOptions(def.simulator)), core);
    assert.deepEqual(timers(embeddedSmscOptions({})), core);
    assert.ok(def.proxy);
    assert.deepEqual(timers(proxyOptions(def, def.proxy)), core);
  });

  it('reports a negative, too large or non-number value with its field, and makes the connection unusable', () => {
    const lines = [
      '{ "name": "a", "simulator": { "sessionInitTimer": -1 } }',
      '{ "name": "b", "simulator": { "inactivityTimer": "300" } }',
      '{ "name": "c", "simulator": { "inactivityTimer": 86401 } }',
      '{ "name": "d", "proxy": { "listen": 2776, "sessionInitTimer": "60" } }',
      '{ "name": "e", "proxy": { "listen": 2776, "inactivityTimer": -0.5 } }',
      '{ "name": "f", "proxy": { "listen": 2776, "sessionInitTimer": null } }',
    ];
    const text = ['{ "connections": [', lines.join(',\n'), '] }'].join('\n');
    const parsed = parseConnectionFile(text);
    assert.deepEqual(parsed.problems, []);
    const found = parsed.connections.map((c) => c.problems.map((p) => `${p.severity} ${p.line}:${p.column} ${p.path}: ${p.message}`));
    const at = (i: number, needle: string) => `${i + 2}:${lines[i].indexOf(needle) + 1}`;
    assert.deepEqual(found, [
      [`error ${at(0, '-1')} connections[0].simulator.sessionInitTimer: connections[0].simulator.sessionInitTimer must be at least 0, not -1`],
      [`error ${at(1, '"300"')} connections[1].simulator.inactivityTimer: connections[1].simulator.inactivityTimer must be number, not string`],
      [`error ${at(2, '86401')} connections[2].simulator.inactivityTimer: connections[2].simulator.inactivityTimer must be at most 86400, not 86401`],
      [`error ${at(3, '"60"')} connections[3].proxy.sessionInitTimer: connections[3].proxy.sessionInitTimer must be number, not string`],
      [`error ${at(4, '-0.5')} connections[4].proxy.inactivityTimer: connections[4].proxy.inactivityTimer must be at least 0, not -0.5`],
      [`error ${at(5, 'null')} connections[5].proxy.sessionInitTimer: connections[5].proxy.sessionInitTimer must be number, not null`],
    ]);
  });

  it('names a misspelt timer with the right spelling', () => {
    const parsed = parseConnectionFile('{ "connections": [ { "name": "s", "simulator": { "inactivityTimeout": 30 } } ] }');
    assert.deepEqual(
      parsed.connections[0].problems.map((p) => `${p.severity} ${p.path}: ${p.message}`),
      ['error connections[0].simulator.inactivityTimeout: unknown property "inactivityTimeout" (did you mean "inactivityTimer"?)'],
    );
  });
});
