import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseConnectionFile } from '../../../src/config/connectionFile';

const root = join(__dirname, '..', '..', '..');

describe('connection files', () => {
  it('reads the example workspace file with every default filled in', () => {
    const parsed = parseConnectionFile(readFileSync(join(root, 'examples', 'demo.smpp.json'), 'utf8'));
    assert.deepEqual(parsed.problems, []);
    assert.deepEqual(
      parsed.connections.map((c) => c.definition.name),
      ['Local simulator', 'Simulator (receiver)', 'Analyser proxy'],
    );
    assert.deepEqual(parsed.connections[2].definition.proxy, { listen: 2776, host: '127.0.0.1', rewriteCredentials: false, sessionInitTimer: 60, inactivityTimer: 300 });
    const sim = parsed.connections[0].definition;
    assert.equal(sim.bind, 'transceiver');
    assert.equal(sim.interface_version, '3.4');
    assert.equal(sim.port, 2775);
    assert.equal(sim.window, 10);
    assert.equal(sim.responseTimeout, 10);
    assert.equal(sim.reconnect, true);
    assert.equal(sim.tls, false);
    assert.deepEqual(sim.simulator, {
      deliveryReceiptDelay: 2,
      moInterval: 0,
      enquireLinkInterval: 0,
      sessionInitTimer: 60,
      inactivityTimer: 300,
      rules: [{ destination: '+15550000002', receipt: { state: 'UNDELIV', error: 1 } }],
    });
    assert.equal(parsed.connections[1].definition.simulator?.moInterval, 20);
    assert.equal(parsed.connections[1].definition.bind, 'receiver');
  });

  it('reads the issue example with host, TLS off and an environment password', () => {
    const text = `{
      "connections": [{
        "name": "Acme staging",
        "host": "smpp.example.net", "port": 2775,
        "tls": false,
        "system_id": "acme", "password": "\${env:ACME_SMPP_PASSWORD}", "system_type": "",
        "interface_version": "3.4", "bind": "transceiver",
        "addr_ton": 0, "addr_npi": 0, "address_range": "",
        "enquireLinkInterval": 30, "responseTimeout": 10, "window": 10,
        "reconnect": true, "autoBind": false
      }]
    }`;
    const parsed = parseConnectionFile(text);
    assert.deepEqual(parsed.problems, []);
    assert.deepEqual(parsed.connections[0].problems, []);
    assert.equal(parsed.connections[0].definition.host, 'smpp.example.net');
    assert.equal(parsed.connections[0].definition.password, '${env:ACME_SMPP_PASSWORD}');
  });

  it('accepts comments and trailing commas, as VS Code JSON files do', () => {
    const parsed = parseConnectionFile('// staging\n{ "connections": [ { "name": "a", "simulator": {}, }, ], }');
    assert.deepEqual(parsed.problems, []);
    assert.equal(parsed.connections.length, 1);
  });

  it('names the line and column of a syntax error', () => {
    const parsed = parseConnectionFile('{\n  "connections": [\n    { "name": "a" "host": "x" }\n  ]\n}');
    assert.equal(parsed.connections.length, 0);
    assert.equal(parsed.problems.length > 0, true);
    const p = parsed.problems[0];
    assert.equal(p.severity, 'error');
    assert.equal(p.line, 3);
    assert.match(p.message, /JSON syntax: a comma was expected/);
    assert.equal(p.source, 'syntax');
  });

  it('reports an empty file', () => {
    const parsed = parseConnectionFile('   ');
    assert.equal(parsed.problems.length, 1);
    assert.match(parsed.problems[0].message, /empty/);
  });

  it('keeps the good connections of a file with a broken one, and says what is wrong where', () => {
    const text = [
      '{ "connections": [',
      '  { "name": "good", "simulator": {} },',
      '  { "name": "bad", "port": 70000, "bind": "tx", "system_id": "a-very-long-system-id" },',
      '  { "name": "typo", "hots": "example.net" }',
      '] }',
    ].join('\n');
    const parsed = parseConnectionFile(text);
    assert.deepEqual(parsed.problems, []);
    assert.deepEqual(parsed.connections.map((c) => c.definition.name), ['good', 'bad', 'typo']);
    assert.deepEqual(parsed.connections[0].problems, []);
    const bad = parsed.connections[1].problems.map((p) => `${p.line}:${p.path}: ${p.message}`);
    assert.deepEqual(bad, [
      '3:connections[1].port: connections[1].port must be at most 65535, not 70000',
      '3:connections[1].bind: connections[1].bind must be one of "transmitter", "receiver", "transceiver", not "tx"',
      '3:connections[1].system_id: connections[1].system_id has 21 characters; SMPP allows at most 15',
    ]);
    assert.equal(parsed.connections[2].problems[0].message, 'unknown property "hots" (did you mean "host"?)');
    assert.equal(parsed.connections[2].problems[0].line, 4);
  });

  it('refuses two connections with the same name', () => {
    const parsed = parseConnectionFile('{ "connections": [ { "name": "x" }, { "name": "x" } ] }');
    assert.deepEqual(parsed.connections[0].problems, []);
    assert.match(parsed.connections[1].problems[0].message, /two connections are named "x"/);
  });

  it('warns about a plain-text password but accepts env and prompt references', () => {
    const parsed = parseConnectionFile(
      '{ "connections": [ { "name": "a", "password": "secret" }, { "name": "b", "password": "${env:PW}" }, { "name": "c", "password": "${prompt}" } ] }',
    );
    assert.equal(parsed.connections[0].problems.length, 1);
    assert.equal(parsed.connections[0].problems[0].severity, 'warning');
    // The panel marks the file with this one itself; the editor's JSON support cannot know it.
    assert.equal(parsed.connections[0].problems[0].source, 'connection');
    assert.match(parsed.connections[0].problems[0].message, /plain text/);
    assert.deepEqual(parsed.connections[1].problems, []);
    assert.deepEqual(parsed.connections[2].problems, []);
  });

  it('refuses a literal password longer than SMPP allows', () => {
    const parsed = parseConnectionFile('{ "connections": [ { "name": "a", "password": "123456789" } ] }');
    const errors = parsed.connections[0].problems.filter((p) => p.severity === 'error');
    assert.equal(errors.length, 1);
    assert.match(errors[0].message, /password must be `\$\{env:NAME\}`, `\$\{prompt\}`, or at most 8 characters/);
  });

  it('checks the TLS object', () => {
    const parsed = parseConnectionFile('{ "connections": [ { "name": "a", "tls": { "ca": "ca.pem", "rejectUnauthorised": false } } ] }');
    assert.match(parsed.connections[0].problems[0].message, /unknown property "rejectUnauthorised" \(did you mean "rejectUnauthorized"\?\)/);
  });

  it('reads a proxy connection, filling in the proxy defaults; other connections have none', () => {
    const parsed = parseConnectionFile(
      '{ "connections": [ { "name": "p", "proxy": { "listen": 2776 }, "host": "smpp.example.net", "system_id": "a", "password": "${env:PW}" }, { "name": "plain", "simulator": {} } ] }',
    );
    assert.deepEqual(parsed.problems, []);
    assert.deepEqual(parsed.connections[0].problems, []);
    assert.deepEqual(parsed.connections[0].definition.proxy, { listen: 2776, host: '127.0.0.1', rewriteCredentials: false, sessionInitTimer: 60, inactivityTimer: 300 });
    assert.equal(parsed.connections[0].definition.host, 'smpp.example.net');
    assert.equal(parsed.connections[1].definition.proxy, undefined);
    const sim = parseConnectionFile('{ "connections": [ { "name": "s", "simulator": {}, "proxy": { "listen": 2777, "rewriteCredentials": true } } ] }');
    assert.deepEqual(sim.connections[0].definition.proxy, { listen: 2777, host: '127.0.0.1', rewriteCredentials: true, sessionInitTimer: 60, inactivityTimer: 300 });
    assert.deepEqual(sim.connections[0].definition.simulator, { deliveryReceiptDelay: 2, moInterval: 0, enquireLinkInterval: 0, sessionInitTimer: 60, inactivityTimer: 300 });
  });

  it('checks the proxy object against the schema: listen port bounds, required listen, types, typos', () => {
    const text = [
      '{ "connections": [',
      '  { "name": "a", "proxy": { "listen": 0 } },',
      '  { "name": "b", "proxy": { "listen": 65536 } },',
      '  { "name": "c", "proxy": { "host": "127.0.0.1" } },',
      '  { "name": "d", "proxy": { "listen": 2776, "rewriteCredentials": "yes", "listn": 1 } },',
      '  { "name": "e", "proxy": { "listen": 2776, "host": "" } }',
      '] }',
    ].join('\n');
    const parsed = parseConnectionFile(text);
    const messages = parsed.connections.map((c) => c.problems.map((p) => `${p.severity} ${p.line}: ${p.message}`));
    assert.deepEqual(messages, [
      ['error 2: connections[0].proxy.listen must be at least 1, not 0'],
      ['error 3: connections[1].proxy.listen must be at most 65535, not 65536'],
      ['error 4: connections[2].proxy is missing "listen"'],
      ['error 5: connections[3].proxy.rewriteCredentials must be boolean, not string', 'error 5: unknown property "listn" (did you mean "listen"?)'],
      ['error 6: connections[4].proxy.host must not be empty'],
    ]);
  });

  it('warns when the proxy listens where other machines can reach it, and only then', () => {
    const file = (host: string) => parseConnectionFile(`{ "connections": [ { "name": "p", "simulator": {}, "proxy": { "listen": 2776, "host": ${JSON.stringify(host)} } } ] }`);
    for (const host of ['0.0.0.0', '192.168.1.20', '::', 'smpp-proxy.example.net']) {
      const problems = file(host).connections[0].problems;
      assert.equal(problems.length, 1, host);
      assert.equal(problems[0].severity, 'warning');
      assert.equal(problems[0].source, 'connection');
      assert.equal(problems[0].path, 'connections[0].proxy.host');
      assert.equal(problems[0].message, `the proxy listens on ${host}, reachable from other machines; leave "host" out to listen on 127.0.0.1 only`);
      assert.equal(problems[0].line, 1);
      assert.equal(problems[0].column, 1 + `{ "connections": [ { "name": "p", "simulator": {}, "proxy": { "listen": 2776, "host": `.length);
    }
    for (const host of ['127.0.0.1', '127.0.0.2', 'localhost', '::1', '[::1]', '::ffff:127.0.0.1']) assert.deepEqual(file(host).connections[0].problems, [], host);
  });

  it('reports a file without a connections array', () => {
    const parsed = parseConnectionFile('{ "conections": [] }');
    assert.deepEqual(parsed.problems.map((p) => p.message), ['unknown property "conections" (did you mean "connections"?)', 'the file is missing "connections"']);
  });
});
