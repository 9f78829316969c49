// `smpp-panel simulator`: arguments (the timers among them), one log line per PDU, and a clean
// stop on abort or SIGTERM.
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { describe, it } from 'node:test';
import { main } from '../../../src/cli/main';
import { parseSimulatorArgs, runSimulator } from '../../../src/cli/simulatorCommand';
import type { WirePdu } from '../../../src/smpp/link/wire';
import type { SmscListenAddress } from '../../../src/smpp/simulator/events';
import { ManualClock } from '../../support/manualClock';
import { RawSmppClient } from '../../support/rawSmppClient';
import { esmeFor, startSmsc } from '../../support/smscHarness';
import { EventLog } from '../../support/waitFor';

const TIMEOUT = { timeout: 20_000 };

function io(signal?: AbortSignal, clock?: ManualClock) {
  const out: string[] = [];
  const err: string[] = [];
  let listening: (a: SmscListenAddress) => void = () => undefined;
  const address = new Promise<SmscListenAddress>((resolve) => (listening = resolve));
  return {
    out,
    err,
    address,
    io: { out: (s: string) => out.push(s), err: (s: string) => err.push(s), signal, clock, handleSignals: false, onListening: (a: SmscListenAddress) => listening(a) },
  };
}

describe('smpp-panel simulator', TIMEOUT, () => {
  it('reads its options', () => {
    assert.deepEqual(parseSimulatorArgs([]), {
      options: { host: '127.0.0.1', port: 2775, receiptDelay: 1000, enquireLinkInterval: 0, moInterval: 0, sessionInitTimeout: 60_000, inactivityTimeout: 300_000, systemId: 'SMSCSIM' },
    });
    assert.deepEqual(parseSimulatorArgs(['--port', '0', '--host=0.0.0.0', '--receipt-delay', '250', '--enquire-link=30000', '--mo-interval', '5000', '--system-id', 'X', '--account', 'a:b:c']), {
      options: { host: '0.0.0.0', port: 0, receiptDelay: 250, enquireLinkInterval: 30000, moInterval: 5000, sessionInitTimeout: 60_000, inactivityTimeout: 300_000, systemId: 'X', accounts: [{ system_id: 'a', password: 'b:c' }] },
    });
    assert.deepEqual(parseSimulatorArgs(['--port', '70000']), { error: '--port must be a whole number 0..65535, got "70000"' });
    assert.deepEqual(parseSimulatorArgs(['--receipt-delay']), { error: '--receipt-delay needs a value' });
    assert.deepEqual(parseSimulatorArgs(['--frobnicate']), { error: 'unknown option "--frobnicate"' });
    assert.deepEqual(parseSimulatorArgs(['--account', 'nocolon']), { error: '--account needs ID:PASSWORD' });
    assert.deepEqual(parseSimulatorArgs(['-h']), { help: true });
  });

  it('reads --session-init-timer and --inactivity-timer in seconds, 0..86400, and refuses anything else', () => {
    const defaults = { host: '127.0.0.1', port: 2775, receiptDelay: 1000, enquireLinkInterval: 0, moInterval: 0, systemId: 'SMSCSIM' };
    assert.deepEqual(parseSimulatorArgs(['--session-init-timer', '30', '--inactivity-timer=0']), {
      options: { ...defaults, sessionInitTimeout: 30_000, inactivityTimeout: 0 },
    });
    assert.deepEqual(parseSimulatorArgs(['--session-init-timer=0', '--inactivity-timer', '86400']), {
      options: { ...defaults, sessionInitTimeout: 0, inactivityTimeout: 86_400_000 },
    });
    assert.deepEqual(parseSimulatorArgs(['--session-init-timer', '-1']), { error: '--session-init-timer must be a whole number 0..86400, got "-1"' });
    assert.deepEqual(parseSimulatorArgs(['--session-init-timer', '2.5']), { error: '--session-init-timer must be a whole number 0..86400, got "2.5"' });
    assert.deepEqual(parseSimulatorArgs(['--inactivity-timer', 'soon']), { error: '--inactivity-timer must be a whole number 0..86400, got "soon"' });
    assert.deepEqual(parseSimulatorArgs(['--inactivity-timer=86401']), { error: '--inactivity-timer must be a whole number 0..86400, got "86401"' });
    assert.deepEqual(parseSimulatorArgs(['--inactivity-timer']), { error: '--inactivity-timer needs a value' });
  });

  it('refuses a bad timer with the reason and the usage, whose help lists both timers', async () => {
    const bad = io();
    assert.equal(await runSimulator(['--port', '0', '--inactivity-timer', '-5'], bad.io), 2);
    assert.deepEqual(bad.out, []);
    assert.match(bad.err[0], /^smpp-panel simulator: --inactivity-timer must be a whole number 0\.\.86400, got "-5"\n/);
    assert.match(bad.err[0], /usage: smpp-panel simulator \[options\]/);
    const help = io();
    assert.equal(await runSimulator(['--help'], help.io), 0);
    assert.match(help.out[0], /\n {2}--session-init-timer SECONDS\n {25}close a connection not bound within this long \(default 60; 0: never\)\n/);
    assert.match(help.out[0], /\n {2}--inactivity-timer SECONDS\n {25}close a connection whose ESME sends nothing for this long \(default 300; 0: never\)\n/);
  });

  it('closes a connection that does not bind within --session-init-timer seconds, and says why', async (t) => {
    const stop = new AbortController();
    const clock = new ManualClock();
    const run = io(stop.signal, clock);
    const lines = new EventEmitter();
    const logged = new EventLog<string>(lines, 'line');
    const exit = runSimulator(['--port', '0', '--session-init-timer', '5', '--inactivity-timer', '0'], {
      ...run.io,
      out: (s: string) => {
        run.out.push(s);
        for (const line of s.split(/(?<=\n)/)) lines.emit('line', line);
      },
    });
    t.after(async () => {
      stop.abort();
      await exit;
      logged.stop();
    });
    const { port } = await run.address;
    const raw = await RawSmppClient.connect(port);
    t.after(() => raw.close());
    await logged.wait((l) => / connect /.test(l));
    clock.advance(4_999);
    const seq = raw.send({ command: 'enquire_link', body: {} });
    const answer = await Promise.race([raw.response(seq).then((r) => r.command), raw.closed.then(() => 'closed')]);
    assert.equal(answer, 'enquire_link_resp', 'still connected after 4.999 s');
    clock.advance(1);
    await raw.closed;
    const line = await logged.wait((l) => / disconnect /.test(l));
    assert.match(line, /disconnect 127\.0\.0\.1:\d+: the ESME did not bind within the session-init timer: closed\n$/);
  });

  it('is wired into main: a bad option exits 2 with the usage, without starting anything', () => {
    let out = '';
    let err = '';
    const code = main(['simulator', '--port', 'x'], (s) => (out += s), (s) => (err += s));
    assert.equal(code, 2);
    assert.equal(out, '');
    assert.match(err, /^smpp-panel simulator: --port must be a whole number/);
    assert.match(err, /usage: smpp-panel simulator \[options\]/);
    let usage = '';
    main(['help'], (s) => (usage += s));
    assert.match(usage, /simulator \[--port 2775\] \[--host 127\.0\.0\.1\] \[--receipt-delay MS\]/);
  });

  it('runs, logs one line per PDU with direction, peer, command, sequence and status, and stops cleanly', async (t) => {
    const stop = new AbortController();
    const clock = new ManualClock(Date.UTC(2026, 4, 1, 12, 0, 0));
    const run = io(stop.signal, clock);
    const exit = runSimulator(['--port', '0', '--receipt-delay', '500'], run.io);
    t.after(async () => {
      stop.abort();
      await exit;
    });
    const { port, host } = await run.address;
    assert.equal(host, '127.0.0.1');
    assert.match(run.out[0], new RegExp(`^SMSC simulator listening on 127\\.0\\.0\\.1:${port} \\(system_id SMSCSIM; accepts any system_id and password; receipts after 500 ms\\)\\. Ctrl\\+C stops it\\.\\n$`));

    const { session } = esmeFor(t, port, { clock });
    const delivered = new EventLog<WirePdu>(session, 'deliver');
    await session.bind();
    await session.request('submit_sm', { source_addr: '12345', destination_addr: '447700900001', registered_delivery: 1, short_message: 'cli' });
    clock.advance(500);
    await delivered.wait();
    await session.unbind();
    stop.abort();
    assert.equal(await exit, 0);
    assert.equal(run.out[run.out.length - 1], 'SMSC simulator stopped (stopped).\n');

    const pduLines = run.out
      .join('')
      .split('\n')
      .filter((l) => / (in |out) /.test(l))
      .map((l) => l.replace(/127\.0\.0\.1:\d+/, 'PEER'));
    assert.deepEqual(pduLines, [
      '2026-05-01T12:00:00.000Z in  PEER bind_transceiver seq=1 status=ESME_ROK',
      '2026-05-01T12:00:00.000Z out PEER bind_transceiver_resp seq=1 status=ESME_ROK',
      '2026-05-01T12:00:00.000Z in  PEER submit_sm seq=2 status=ESME_ROK',
      '2026-05-01T12:00:00.000Z out PEER submit_sm_resp seq=2 status=ESME_ROK',
      '2026-05-01T12:00:00.500Z out PEER deliver_sm seq=1 status=ESME_ROK',
      '2026-05-01T12:00:00.500Z in  PEER deliver_sm_resp seq=1 status=ESME_ROK',
      '2026-05-01T12:00:00.500Z in  PEER unbind seq=3 status=ESME_ROK',
      '2026-05-01T12:00:00.500Z out PEER unbind_resp seq=3 status=ESME_ROK',
    ]);
    assert.deepEqual(run.err, []);
    // The bind request, its answer and the bind line come from one read: they leave in one write.
    const bindWrite = run.out.find((chunk) => chunk.includes(' bind_transceiver seq=1'));
    assert.match(bindWrite ?? '', / in {2}\S+ bind_transceiver seq=1 [^\n]*\n.*bind \S+ transceiver [^\n]*\n.* out \S+ bind_transceiver_resp seq=1 [^\n]*\n/s);
    assert.ok(run.out.every((chunk) => chunk.endsWith('\n')), 'each write ends a line');
  });

  it('with --quiet logs the connection, the bind and the unbind but no PDU', async (t) => {
    assert.deepEqual(parseSimulatorArgs(['--quiet', '--port', '0']), {
      options: { host: '127.0.0.1', port: 0, receiptDelay: 1000, enquireLinkInterval: 0, moInterval: 0, sessionInitTimeout: 60_000, inactivityTimeout: 300_000, systemId: 'SMSCSIM', quiet: true },
    });
    const stop = new AbortController();
    const run = io(stop.signal);
    const exit = runSimulator(['--port', '0', '--quiet'], run.io);
    t.after(async () => {
      stop.abort();
      await exit;
    });
    const { port } = await run.address;
    const { session } = esmeFor(t, port);
    await session.bind();
    await Promise.all(Array.from({ length: 20 }, () => session.request('submit_sm', { destination_addr: '447700900001', short_message: 'quiet' })));
    await session.unbind();
    stop.abort();
    assert.equal(await exit, 0);
    const lines = run.out.join('').split('\n').filter((l) => l !== '').map((l) => l.replace(/^\S+ /, '').replace(/127\.0\.0\.1:\d+/, 'PEER').replace(/connection \d+/, 'connection N'));
    assert.deepEqual(lines.slice(1, 4), ['connect PEER (connection N)', 'bind PEER transceiver system_id="test" accepted', 'unbind PEER by the ESME']);
    assert.ok(!lines.some((l) => / (in |out) /.test(l)), lines.join('\n'));
  });

  it('stops on SIGTERM and removes its signal handlers', async (t) => {
    const before = { int: process.listenerCount('SIGINT'), term: process.listenerCount('SIGTERM') };
    const stop = new AbortController();
    const run = io(stop.signal);
    const exit = runSimulator(['--port', '0'], { ...run.io, handleSignals: true });
    t.after(async () => {
      stop.abort(); // only matters when an assertion failed before SIGTERM
      await exit;
    });
    await run.address;
    assert.equal(process.listenerCount('SIGTERM'), before.term + 1);
    process.emit('SIGTERM', 'SIGTERM');
    assert.equal(await exit, 0);
    assert.equal(run.out[run.out.length - 1], 'SMSC simulator stopped (SIGTERM).\n');
    assert.deepEqual({ int: process.listenerCount('SIGINT'), term: process.listenerCount('SIGTERM') }, before);
  });

  it('exits 1 with the reason when the port is taken, and 2 on a bad option', async (t) => {
    const s = await startSmsc(t);
    const run = io();
    assert.equal(await runSimulator(['--port', String(s.port)], run.io), 1);
    assert.deepEqual(run.err, [`smpp-panel simulator: the simulator cannot listen on 127.0.0.1:${s.port}: port ${s.port} is already in use\n`]);
    const bad = io();
    assert.equal(await runSimulator(['--mo-interval', '-1'], bad.io), 2);
    assert.match(bad.err[0], /--mo-interval must be a whole number/);
    const help = io();
    assert.equal(await runSimulator(['--help'], help.io), 0);
    assert.match(help.out[0], /^usage: smpp-panel simulator/);
  });
});
