// A connection file's `"simulator": { "throttle": ... }` reaches the simulator as its initial
// throttle fault, over real loopback TCP on a manual clock: the 51st submit within a second of a
// 50-a-second simulator is refused with ESME_RTHROTTLED, every 10th of an every-10th one is.
// The same for `smpp-panel simulator --throttle-per-second` and for the CLI's `load` path.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import { parseSimulatorArgs, runSimulator } from '../../../src/cli/simulatorCommand';
import { openConnection } from '../../../src/cli/sessionCommands';
import { parseConnectionFile, type SimulatorOptions } from '../../../src/config/connectionFile';
import { SmppRequestError } from '../../../src/smpp/session/esme';
import { startSimulator } from '../../../src/smpp/simulator/embedded';
import type { SmscListenAddress, SmscPduEvent } from '../../../src/smpp/simulator/events';
import { STATUS } from '../../../src/smpp/tables/values';
import { ManualClock } from '../../support/manualClock';
import { esmeFor } from '../../support/smscHarness';
import { tempDir } from '../../support/tempDir';
import { EventLog } from '../../support/waitFor';

const TIMEOUT = { timeout: 20_000 };
const submit = { destination_addr: '447700900001', short_message: 'licence test' };

/** The `simulator` block of a one-connection file, as the extension and the CLI read it. */
function simulatorBlock(simulator: unknown): SimulatorOptions {
  const parsed = parseConnectionFile(JSON.stringify({ connections: [{ name: 'sim', simulator }] }));
  assert.deepEqual(parsed.connections[0].problems, []);
  const options = parsed.connections[0].definition.simulator;
  assert.ok(options);
  return options;
}

/** What the simulator answered to each submit_sm, in order. */
function submitStatuses(pdus: EventLog<SmscPduEvent>): number[] {
  return pdus.filter((e) => e.direction === 'out' && e.command === 'submit_sm_resp').map((e) => e.command_status);
}

/** Resolves with 'ok' or the command_status the request failed with. */
function outcome(p: Promise<unknown>): Promise<'ok' | number> {
  return p.then(
    () => 'ok' as const,
    (err: unknown) => {
      assert.ok(err instanceof SmppRequestError, String(err));
      assert.equal(err.kind, 'status');
      return err.status ?? -1;
    },
  );
}

/** A simulator started from the file's block on a manual clock, an ESME bound to it that does not resend throttled submits. */
async function fromFile(t: TestContext, simulator: unknown) {
  const clock = new ManualClock();
  const running = await startSimulator({ ...simulatorBlock(simulator), clock });
  const pdus = new EventLog<SmscPduEvent>(running.simulator, 'pdu');
  t.after(async () => {
    pdus.stop();
    await running.close();
  });
  const { session } = esmeFor(t, running.port, { clock, window: 100, maxThrottleRetries: 0 });
  await session.bind();
  return { clock, running, pdus, session };
}

describe('simulator: a throttle from the connection file', TIMEOUT, () => {
  it('{ "perSecond": 50 }: 50 submits in a second go through, the 51st is refused with ESME_RTHROTTLED until the second has passed', async (t) => {
    const { clock, running, pdus, session } = await fromFile(t, { throttle: { perSecond: 50 } });
    assert.deepEqual(running.simulator.currentFaults, { throttle: { perSecond: 50 } });

    const first = await Promise.all(Array.from({ length: 50 }, () => outcome(session.request('submit_sm', submit))));
    assert.deepEqual(first, Array(50).fill('ok'));
    assert.equal(await outcome(session.request('submit_sm', submit)), STATUS.ESME_RTHROTTLED);
    clock.advance(999); // still inside the second that holds the 50
    assert.equal(await outcome(session.request('submit_sm', submit)), STATUS.ESME_RTHROTTLED);
    clock.advance(1); // the 50 now lie a full second back
    assert.equal(await outcome(session.request('submit_sm', submit)), 'ok');
    assert.deepEqual(submitStatuses(pdus), [...Array(50).fill(STATUS.ESME_ROK), STATUS.ESME_RTHROTTLED, STATUS.ESME_RTHROTTLED, STATUS.ESME_ROK]);
  });

  it('{ "everyNth": 10 }: the 10th and 20th submits are refused, however slowly they come', async (t) => {
    const { clock, pdus, session } = await fromFile(t, { throttle: { everyNth: 10 } });
    const results: ('ok' | number)[] = [];
    for (let i = 1; i <= 20; i++) {
      results.push(await outcome(session.request('submit_sm', submit)));
      clock.advance(5_000);
    }
    const refused = results.flatMap((r, i) => (r === 'ok' ? [] : [`${i + 1}: 0x${r.toString(16)}`]));
    assert.deepEqual(refused, ['10: 0x58', '20: 0x58']);
    assert.equal(submitStatuses(pdus).length, 20);
  });

  it('is the simulator\'s initial fault, switched off at run time like any other; without it nothing is throttled', async (t) => {
    const { running, session } = await fromFile(t, { throttle: { everyNth: 2 } });
    assert.equal(await outcome(session.request('submit_sm', submit)), 'ok');
    assert.equal(await outcome(session.request('submit_sm', submit)), STATUS.ESME_RTHROTTLED);
    running.simulator.setFaults({ throttle: undefined });
    assert.deepEqual(running.simulator.currentFaults, {});
    for (let i = 0; i < 4; i++) assert.equal(await outcome(session.request('submit_sm', submit)), 'ok');

    const plain = await fromFile(t, { deliveryReceiptDelay: 0 });
    assert.deepEqual(plain.running.simulator.currentFaults, {});
    const all = await Promise.all(Array.from({ length: 60 }, () => outcome(plain.session.request('submit_sm', submit))));
    assert.deepEqual(all, Array(60).fill('ok'));
  });

  it('reaches the simulator the CLI starts for `load` and the other session commands', async () => {
    const dir = tempDir('smpp-throttle-file');
    const file = join(dir, 'throttled.smpp.json');
    writeFileSync(file, JSON.stringify({ connections: [{ name: 'licensed', simulator: { throttle: { perSecond: 50 } }, system_id: 'cli', password: '${env:SMPP_THROTTLE_TEST_PW}' }] }));
    process.env.SMPP_THROTTLE_TEST_PW = 'pw';
    let err = '';
    const opened = await openConnection(file, 'licensed', (s) => (err += s), false);
    assert.equal(err, '');
    assert.ok(opened?.simulator);
    try {
      assert.deepEqual(opened.simulator.simulator.currentFaults, { throttle: { perSecond: 50 } });
    } finally {
      await opened.close();
    }
  });
});

describe('smpp-panel simulator --throttle-per-second / --throttle-every-nth', TIMEOUT, () => {
  it('reads the flags with the bounds of the connection file, one of them at most', () => {
    const defaults = { host: '127.0.0.1', port: 2775, receiptDelay: 1000, enquireLinkInterval: 0, moInterval: 0, sessionInitTimeout: 60_000, inactivityTimeout: 300_000, systemId: 'SMSCSIM' };
    assert.deepEqual(parseSimulatorArgs(['--throttle-per-second', '50']), { options: { ...defaults, throttle: { perSecond: 50 } } });
    assert.deepEqual(parseSimulatorArgs(['--throttle-every-nth=10']), { options: { ...defaults, throttle: { everyNth: 10 } } });
    assert.deepEqual(parseSimulatorArgs(['--throttle-per-second', '0']), { error: '--throttle-per-second must be a whole number 1..100000, got "0"' });
    assert.deepEqual(parseSimulatorArgs(['--throttle-per-second', '100001']), { error: '--throttle-per-second must be a whole number 1..100000, got "100001"' });
    assert.deepEqual(parseSimulatorArgs(['--throttle-per-second', '2.5']), { error: '--throttle-per-second must be a whole number 1..100000, got "2.5"' });
    assert.deepEqual(parseSimulatorArgs(['--throttle-every-nth', '1']), { error: '--throttle-every-nth must be a whole number 2..1000000, got "1"' });
    assert.deepEqual(parseSimulatorArgs(['--throttle-every-nth']), { error: '--throttle-every-nth needs a value' });
    assert.deepEqual(parseSimulatorArgs(['--throttle-per-second', '5', '--throttle-every-nth', '3']), { error: 'give one of --throttle-per-second and --throttle-every-nth, once' });
  });

  it('refuses the 3rd submit within a second at --throttle-per-second 2, and says so when it starts', async (t) => {
    const stop = new AbortController();
    const clock = new ManualClock();
    const out: string[] = [];
    const err: string[] = [];
    let listening: (a: SmscListenAddress) => void = () => undefined;
    const address = new Promise<SmscListenAddress>((resolve) => (listening = resolve));
    const exit = runSimulator(['--port', '0', '--throttle-per-second', '2'], {
      out: (s) => out.push(s),
      err: (s) => err.push(s),
      signal: stop.signal,
      clock,
      handleSignals: false,
      onListening: (a) => listening(a),
    });
    t.after(async () => {
      stop.abort();
      await exit;
    });
    const { port } = await address;
    assert.match(out[0], /; receipts after 1000 ms; throttles submits beyond 2 a second\)\. Ctrl\+C stops it\.\n$/);
    const { session } = esmeFor(t, port, { clock, maxThrottleRetries: 0 });
    await session.bind();
    const results = [];
    for (let i = 0; i < 3; i++) results.push(await outcome(session.request('submit_sm', submit)));
    assert.deepEqual(results, ['ok', 'ok', STATUS.ESME_RTHROTTLED]);
    assert.ok(out.some((l) => / out 127\.0\.0\.1:\d+ submit_sm_resp seq=\d+ status=ESME_RTHROTTLED$/.test(l.trimEnd())), out.join(''));
    await session.unbind();
    stop.abort();
    assert.equal(await exit, 0);
    assert.deepEqual(err, []);
  });
});
