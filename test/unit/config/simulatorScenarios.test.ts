// A connection file's simulator scenarios, accounts and faults: read into the definition, passed
// to the simulator in its units (seconds to ms, status names to numbers, `${env:NAME}` resolved),
// and every mistake reported with its place, line and column.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import schemaJson from '../../../media/smpp-connections.schema.json';
import { parseConnectionFile, type ParsedConnection } from '../../../src/config/connectionFile';
import { PasswordError } from '../../../src/config/passwords';
import { maskSecrets } from '../../../src/config/secrets';
import { simulatorRunOptions } from '../../../src/config/simulatorOptions';
import { embeddedSmscOptions } from '../../../src/smpp/simulator/embedded';
import { STATUS } from '../../../src/smpp/tables/values';

/** A file with one simulator connection whose simulator block is `block`, its lines as written. */
function parse(block: string): { c: ParsedConnection; lines: string[] } {
  const text = `{ "connections": [\n  { "name": "sim", "simulator": ${block} }\n] }`;
  const parsed = parseConnectionFile(text);
  assert.deepEqual(parsed.problems, []);
  return { c: parsed.connections[0], lines: text.split('\n') };
}

/** The connection's problems as `line:column severity message`. */
function problems(c: ParsedConnection): string[] {
  return c.problems.map((p) => `${p.line}:${p.column} ${p.severity} ${p.message}`);
}

const SCENARIO = `{
    "deliveryReceiptDelay": 2,
    "rules": [
      { "destination": "+44799*", "submitStatus": "ESME_RSUBMITFAIL" },
      { "destination": "447000000001", "submitStatus": 1024, "responseDelay": 1.5 },
      { "destination": "447000000009", "noResponse": true },
      { "destination": "/^1555000000[0-9]$/", "receipt": { "state": "UNDELIV", "error": 1, "delay": 5 }, "moReply": "STOP" }
    ],
    "receiptStates": { "DELIVRD": 90, "UNDELIV": 6, "EXPIRED": 4 },
    "accounts": [{ "system_id": "test", "password": "\${env:SIM_PW}" }, { "system_id": "other", "password": "\${env:OTHER_PW}" }],
    "faults": { "responseDelay": 0.25, "dropEnquireLinkResp": true, "rejectBind": "ESME_RBINDFAIL", "throttle": "all", "closeMidPdu": false, "garbageLength": 8 }
  }`;

describe('connection files: simulator scenarios, accounts and faults', () => {
  it('reads rules, the receipt state mix, accounts and faults into the definition as written', () => {
    const { c } = parse(SCENARIO);
    assert.deepEqual(problems(c), []);
    const sim = c.definition.simulator;
    assert.deepEqual(sim?.rules?.[0], { destination: '+44799*', submitStatus: 'ESME_RSUBMITFAIL' });
    assert.deepEqual(sim?.receiptStates, { DELIVRD: 90, UNDELIV: 6, EXPIRED: 4 });
    assert.deepEqual(sim?.accounts, [{ system_id: 'test', password: '${env:SIM_PW}' }, { system_id: 'other', password: '${env:OTHER_PW}' }]);
    assert.equal(sim?.faults?.rejectBind, 'ESME_RBINDFAIL');
  });

  it('gives the simulator milliseconds, status numbers and resolved passwords, and masks them afterwards', () => {
    const { c } = parse(SCENARIO);
    const options = embeddedSmscOptions(simulatorRunOptions(c.definition.simulator!, { SIM_PW: 'se!cr3t', OTHER_PW: 'pw2' }));
    assert.deepEqual(options.accounts, [{ system_id: 'test', password: 'se!cr3t' }, { system_id: 'other', password: 'pw2' }]);
    assert.deepEqual(options.faults, { responseDelay: 250, dropEnquireLinkResp: true, rejectBind: STATUS.ESME_RBINDFAIL, throttle: 'all', garbageLength: 8 });
    assert.deepEqual(options.scenario, {
      rules: [
        { destination: '+44799*', submitStatus: STATUS.ESME_RSUBMITFAIL },
        { destination: '447000000001', submitStatus: 1024, responseDelay: 1500 },
        { destination: '447000000009', noResponse: true },
        { destination: '/^1555000000[0-9]$/', receipt: { state: 'UNDELIV', error: 1, delay: 5000 }, moReply: 'STOP' },
      ],
      receiptStates: { DELIVRD: 90, UNDELIV: 6, EXPIRED: 4 },
    });
    assert.equal(maskSecrets('bound with se!cr3t'), 'bound with ••••••');
  });

  it('says which account cannot be resolved, without its password', () => {
    const { c } = parse(SCENARIO);
    assert.throws(
      () => simulatorRunOptions(c.definition.simulator!, { SIM_PW: 'x' }),
      (e: unknown) => e instanceof PasswordError && e.message === `the simulator's account "other": the password comes from the environment variable OTHER_PW, which is not set`,
    );
    assert.throws(() => simulatorRunOptions(c.definition.simulator!, { SIM_PW: 'x', OTHER_PW: 'muchtoolong' }), /account "other": the environment variable OTHER_PW holds 11 characters; an SMPP password has at most 8/);
  });

  it('a simulator block without them stays as it was: no rules, no mix, no accounts, only the throttle as a fault', () => {
    const { c } = parse('{ "throttle": { "everyNth": 3 } }');
    assert.deepEqual(problems(c), []);
    const options = embeddedSmscOptions(simulatorRunOptions(c.definition.simulator!, {}));
    assert.deepEqual([options.scenario, options.accounts, options.faults], [undefined, undefined, { throttle: { everyNth: 3 } }]);
  });

  it('reports each mistake with its place, line and column, and makes the connection unusable', () => {
    const block = `{
    "rules": [
      { "destination": "+44799*", "submitStatus": "ESME_RSUBMITFAILED" },
      { "destination": "/[0-9/" },
      { "destination": "1", "receipt": { "state": "DELIVERED", "error": 1000 }, "delay": 5 },
      { "submitStatus": 1 }
    ],
    "receiptStates": { "DELIVRD": 90, "UNDELIV": 6 },
    "accounts": [{ "system_id": "test", "password": "\${prompt}" }, { "system_id": "x", "password": "nine12345" }],
    "throttle": { "perSecond": 5 },
    "faults": { "throttle": { "everyNth": 1 }, "responseDelay": -1 }
  }`;
    const { c, lines } = parse(block);
    const at = (needle: string, from = 0): string => {
      const line = lines.findIndex((l, i) => i >= from && l.includes(needle));
      assert.ok(line >= 0, needle);
      return `${line + 1}:${lines[line].indexOf(needle) + 1}`;
    };
    const got = problems(c);
    const expected = [
      `${at('"ESME_RSUBMITFAILED"')} error connections[0].simulator.rules[0].submitStatus: must be a command_status name such as "ESME_RSUBMITFAIL", or its number 0..4294967295.`,
      `${at('"DELIVERED"')} error connections[0].simulator.rules[2].receipt.state must be one of "DELIVRD", "EXPIRED", "DELETED", "UNDELIV", "ACCEPTD", "UNKNOWN", "REJECTD", not "DELIVERED"`,
      `${at('1000')} error connections[0].simulator.rules[2].receipt.error must be at most 999, not 1000`,
      `${at('"delay": 5 }')} error unknown property "delay"`,
      `${at('{ "submitStatus": 1 }')} error connections[0].simulator.rules[3] is missing "destination"`,
      `${at('"${prompt}"')} error connections[0].simulator.accounts[0].password: password must be \`\${env:NAME}\` or at most 8 characters (\`\${prompt}\` cannot be used for the simulator's accounts).`,
      `${at('"nine12345"')} error connections[0].simulator.accounts[1].password: password must be \`\${env:NAME}\` or at most 8 characters (\`\${prompt}\` cannot be used for the simulator's accounts).`,
      `${at('{ "everyNth": 1 }')} error connections[0].simulator.faults.throttle: throttle must be "all", { "perSecond": N } (1..100000) or { "everyNth": N } (2..1000000).`,
      `${at('-1')} error connections[0].simulator.faults.responseDelay must be at least 0, not -1`,
      `${at('"/[0-9/"')} error connections[0].simulator.rules[1].destination: "/[0-9/" is not a valid regular expression: unterminated character class`,
      `${at('{ "DELIVRD": 90')} error connections[0].simulator.receiptStates: the percentages add up to 96; they must add up to 100`,
      `${at('"nine12345"')} warning connections[0].simulator.accounts[1].password: the password sits in plain text in this file; use "\${env:NAME}" to keep it out`,
      `${at('{ "everyNth": 1 }')} error connections[0].simulator.faults.throttle: the throttle is given twice; keep either the simulator's "throttle" or this one`,
    ];
    assert.deepEqual([...got].sort(), [...expected].sort());
  });

  it('warns when the connection\'s own credentials are not among its simulator\'s accounts', () => {
    const file = (systemId: string, password: string): string =>
      `{ "connections": [\n  { "name": "s", "system_id": "${systemId}", "password": "${password}",\n    "simulator": { "accounts": [{ "system_id": "test", "password": "\${env:PW}" }, { "system_id": "lit", "password": "pw" }] } }\n] }`;
    const warnings = (text: string): string[] =>
      parseConnectionFile(text).connections[0].problems.filter((p) => p.path.endsWith('.simulator.accounts')).map((p) => `${p.line}:${p.column} ${p.severity} ${p.message}`);
    assert.deepEqual(warnings(file('nobody', '${env:PW}')), [
      '3:32 warning connections[0].simulator.accounts: this connection binds as "nobody", which is not among the accounts: its binds will be refused with ESME_RINVSYSID',
    ]);
    assert.deepEqual(warnings(file('lit', 'other')), [
      '3:32 warning connections[0].simulator.accounts: the account "lit" has another password than this connection: its binds will be refused with ESME_RINVPASWD',
    ]);
    assert.deepEqual(warnings(file('lit', 'pw')), []);
    // Passwords from the environment are not compared: they are known only when the simulator starts.
    assert.deepEqual(warnings(file('test', '${env:OTHER}')), []);
  });

  it('the schema lists every command_status name the simulator knows, and nothing else', () => {
    const defs = (schemaJson as unknown as { definitions: Record<string, { anyOf: { enum?: string[] }[] }> }).definitions;
    const names = defs.commandStatus.anyOf.find((b) => b.enum)?.enum;
    assert.deepEqual(names, Object.keys(STATUS));
  });
});
