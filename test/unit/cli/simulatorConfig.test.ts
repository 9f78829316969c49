// `smpp-panel simulator --config FILE [--connection NAME]`: the simulator a connection file
// describes (rules by destination, accounts, faults, timers) run from the command line, a flag
// given beside it winning over the file, and every file mistake said with its line.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import { main } from '../../../src/cli/main';
import { parseSimulatorArgs, runSimulator } from '../../../src/cli/simulatorCommand';
import type { SmscListenAddress } from '../../../src/smpp/simulator/events';
import { STATUS } from '../../../src/smpp/tables/values';
import { call, connectNodeSmpp, nsText, type NsPdu } from '../../support/nodeSmppClient';
import { tempDir } from '../../support/tempDir';
import { EventLog } from '../../support/waitFor';

const TIMEOUT = { timeout: 20_000 };

const FILE = `{
  "connections": [
    { "name": "Real SMSC", "host": "smpp.example.net", "system_id": "x", "password": "\${env:REAL_PW}" },
    {
      "name": "Local simulator",
      "simulator": {
        "deliveryReceiptDelay": 0,
        "rules": [
          { "destination": "+15550000002", "receipt": { "state": "UNDELIV", "error": 1 } },
          { "destination": "+44799*", "submitStatus": "ESME_RSUBMITFAIL" }
        ],
        "accounts": [{ "system_id": "test", "password": "\${env:SIM_PW}" }],
        "faults": { "dropEnquireLinkResp": true }
      },
      "system_id": "test",
      "password": "\${env:SIM_PW}"
    },
    { "name": "Second simulator", "simulator": { "throttle": { "everyNth": 2 } } }
  ]
}`;

function fileWith(text: string): string {
  const path = join(tempDir('sim-config'), 'scenario.smpp.json');
  writeFileSync(path, text);
  return path;
}

/** Runs the simulator with `args` until the test ends; resolves once it listens. */
async function run(t: TestContext, args: string[], env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const stop = new AbortController();
  let listening: (a: SmscListenAddress) => void = () => undefined;
  const address = new Promise<SmscListenAddress>((resolve) => (listening = resolve));
  const exit = runSimulator(args, { out: (s) => out.push(s), err: (s) => err.push(s), signal: stop.signal, handleSignals: false, env, onListening: (a) => listening(a) });
  t.after(async () => {
    stop.abort();
    await exit;
  });
  const first = await Promise.race([address, exit.then((code) => ({ code }))]);
  return { out, err, first, exit, stop };
}

describe('smpp-panel simulator --config', TIMEOUT, () => {
  it('reads --config and --connection, and which other flags were given', () => {
    const parsed = parseSimulatorArgs(['--config', 'a.smpp.json', '--connection=Local simulator', '--receipt-delay', '250', '--port', '0']);
    assert.ok('options' in parsed);
    assert.deepEqual([parsed.options.config, parsed.options.connection, parsed.options.given], ['a.smpp.json', 'Local simulator', ['--receipt-delay', '--port']]);
    assert.deepEqual(parseSimulatorArgs(['--connection', 'x']), { error: '--connection needs --config FILE' });
    assert.deepEqual(parseSimulatorArgs(['--config']), { error: '--config needs a file' });
  });

  it('runs the named connection\'s simulator: its accounts, its rules, its faults, and logs the rule that matched', async (t) => {
    const file = fileWith(FILE);
    const r = await run(t, ['--config', file, '--connection', 'Local simulator', '--port', '0'], { SIM_PW: 'pw1' });
    const { port } = r.first as SmscListenAddress;
    assert.match(r.out[0], /accepts test; receipts after 0 ms; 2 rules by destination, faults dropEnquireLinkResp, from connection "Local simulator" of .*scenario\.smpp\.json\)/);

    const refused = (await connectNodeSmpp(t, port)).client;
    assert.equal((await call((cb) => refused.bind_transceiver({ system_id: 'test', password: 'nope' }, cb))).command_status, STATUS.ESME_RINVPASWD);

    const { client } = await connectNodeSmpp(t, port);
    assert.equal((await call((cb) => client.bind_transceiver({ system_id: 'test', password: 'pw1' }, cb))).command_status, 0);
    const delivered = new EventLog<NsPdu>(client, 'deliver_sm');
    client.on('deliver_sm', (pdu: NsPdu) => client.send(pdu.response()));
    assert.equal((await call((cb) => client.submit_sm({ destination_addr: '447991234567', short_message: 'x' }, cb))).command_status, STATUS.ESME_RSUBMITFAIL);
    const ok = await call((cb) => client.submit_sm({ source_addr: '12345', destination_addr: '15550000002', registered_delivery: 1, short_message: 'x' }, cb));
    assert.equal(ok.command_status, 0);
    const receipt = await delivered.wait();
    assert.match(nsText(receipt.short_message), /stat:UNDELIV err:001/);

    // The clients leave first, so the simulator's stop resets no connection under them.
    refused.destroy();
    client.destroy();
    r.stop.abort();
    assert.equal(await r.exit, 0);
    const log = r.out.join('');
    assert.match(log, /rule 127\.0\.0\.1:\d+ submit_sm seq=\d+ destination_addr=447991234567 matched rules\[1\] "\+44799\*": status ESME_RSUBMITFAIL\n/);
    assert.match(log, /destination_addr=15550000002 matched rules\[0\] "\+15550000002": receipt UNDELIV err=1\n/);
    assert.ok(!log.includes('pw1'), 'the password is never logged');
  });

  it('a flag given beside the file wins over it', async (t) => {
    const file = fileWith(FILE);
    const r = await run(t, ['--config', file, '--connection', 'Second simulator', '--port', '0', '--receipt-delay', '250', '--throttle-per-second', '5']);
    assert.match(r.out[0], /receipts after 250 ms; throttles submits beyond 5 a second; from connection "Second simulator"/);
  });

  it('says which connection to name, what is wrong in the file (with its line), and an unset password variable; exits 1', async (t) => {
    const file = fileWith(FILE);
    const several = await run(t, ['--config', file, '--port', '0']);
    assert.deepEqual(several.first, { code: 1 });
    assert.match(several.err.join(''), /has 2 connections with a "simulator" block; name one with --connection: "Local simulator", "Second simulator"\n$/);

    const wrong = await run(t, ['--config', file, '--connection', 'Real SMSC', '--port', '0']);
    assert.match(wrong.err.join(''), /connection "Real SMSC" has no "simulator" block; these have one: "Local simulator", "Second simulator"/);

    const unset = await run(t, ['--config', file, '--connection', 'Local simulator', '--port', '0']);
    assert.match(unset.err.join(''), /Local simulator: the simulator's account "test": the password comes from the environment variable SIM_PW, which is not set\n$/);

    const bad = fileWith('{ "connections": [\n  { "name": "s",\n    "simulator": { "receiptStates": { "DELIVRD": 90, "UNDELIV": 6 } } }\n] }');
    const broken = await run(t, ['--config', bad, '--port', '0']);
    assert.deepEqual(broken.first, { code: 1 });
    assert.match(broken.err.join(''), /scenario\.smpp\.json:3:37: error: connections\[0\]\.simulator\.receiptStates: the percentages add up to 96; they must add up to 100\n$/);

    const missing = await run(t, ['--config', join(tempDir('sim-config'), 'none.smpp.json')]);
    assert.match(missing.err.join(''), /none\.smpp\.json: cannot read: /);
  });

  it('is in main\'s usage and the simulator\'s help', async () => {
    let usage = '';
    main(['help'], (s) => (usage += s));
    assert.match(usage, /\[--config FILE \[--connection NAME\]\]/);
    const help: string[] = [];
    assert.equal(await runSimulator(['--help'], { out: (s) => help.push(s), err: () => undefined, handleSignals: false }), 0);
    assert.match(help[0], /--config FILE {10}take the simulator settings/);
  });
});
