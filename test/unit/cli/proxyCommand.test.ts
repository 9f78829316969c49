// `smpp-panel proxy`, run as its own process through the command line entry point: node-smpp binds
// through it to our simulator and submits; SIGINT makes it write the pcap of both legs, which tshark
// reads with the password masked, and exit 0. A port in use or an SMSC that does not answer makes
// it exit 1 with the cause.
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync, writeFileSync } from 'node:fs';
import * as net from 'node:net';
import { join, resolve } from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import { call, connectNodeSmpp } from '../../support/nodeSmppClient';
import { startSmsc } from '../../support/smscHarness';
import { tempDir } from '../../support/tempDir';

const root = resolve(__dirname, '../../..');
const cli = join(root, 'src', 'cli', 'main.ts');
const TIMEOUT = { timeout: 60_000 };

interface Cli {
  child: ChildProcessWithoutNullStreams;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

function startCli(t: TestContext, args: string[]): Cli {
  const child = spawn(process.execPath, ['--import', 'tsx', cli, 'proxy', ...args], { cwd: root, env: { ...process.env, SMPP_PROXY_TEST_PW: 'upstream9' } });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (s: string) => (out += s));
  child.stderr.setEncoding('utf8').on('data', (s: string) => (err += s));
  const exited = once(child, 'close').then(([code]) => code as number | null);
  t.after(async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await exited;
    }
  });
  return { child, stdout: () => out, stderr: () => err, exited };
}

/** Resolves with the port once the proxy says where it listens (or rejects if it exits first). */
function listening(c: Cli): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const check = (): void => {
      const m = /listening on 127\.0\.0\.1:(\d+)/.exec(c.stdout());
      if (m) {
        c.child.stdout.off('data', check);
        resolvePort(Number(m[1]));
      }
    };
    c.child.stdout.on('data', check);
    void c.exited.then((code) => reject(new Error(`the proxy exited (${String(code)}) before listening:\n${c.stderr()}`)));
    check();
  });
}

function connectionFile(connection: Record<string, unknown>): string {
  const path = join(tempDir('smpp-cli-proxy'), 'proxy.smpp.json');
  writeFileSync(path, JSON.stringify({ connections: [{ name: 'Via proxy', system_id: 'app', password: '${env:SMPP_PROXY_TEST_PW}', ...connection }] }));
  return path;
}

describe('smpp-panel proxy', TIMEOUT, () => {
  it('relays node-smpp to the simulator, logs both legs, and on SIGINT writes a pcap of both legs with the password masked', async (t) => {
    const s = await startSmsc(t);
    const file = connectionFile({ host: '127.0.0.1', port: s.port, proxy: { listen: 2776 } });
    const pcap = join(tempDir('smpp-cli-proxy-out'), 'both.pcap');
    const c = startCli(t, [file, '--connection', 'Via proxy', '--listen', '0', '--pcap', pcap]);
    const port = await listening(c);

    const { client } = await connectNodeSmpp(t, port);
    const bound = await call((cb) => client.bind_transceiver({ system_id: 'app', password: 'secret1' }, cb));
    assert.equal(bound.command_status, 0);
    const resp = await call((cb) => client.submit_sm({ destination_addr: '447700900001', short_message: 'through the proxy' }, cb));
    assert.equal(resp.command_status, 0);
    assert.ok(resp.message_id);
    await call((cb) => client.unbind(cb));
    const submitted = s.smscPdus.items.filter((e) => e.direction === 'in' && e.command === 'submit_sm');
    assert.equal(submitted.length, 1, 'the simulator got the submit');

    c.child.kill('SIGINT');
    assert.equal(await c.exited, 0, c.stderr());
    assert.match(c.stdout(), /\[client 1\] app → proxy bind_transceiver seq=\d+/);
    assert.match(c.stdout(), /\[client 1\] proxy → SMSC submit_sm seq=\d+/);
    assert.match(c.stdout(), /\[client 1\] SMSC → proxy submit_sm_resp seq=\d+ ESME_ROK/);
    assert.match(c.stdout(), /Wrote \d+ PDUs of both legs to .*both\.pcap \(passwords masked\)/);
    assert.match(c.stdout(), /Analyser proxy stopped \(SIGINT\)\.\n$/);

    const bytes = readFileSync(pcap);
    assert.equal(bytes.includes(Buffer.from('secret1')), false, 'the password is not in the file');
    const r = spawnSync('tshark', ['-r', pcap, '-Y', 'smpp', '-T', 'fields', '-E', 'separator=|', '-e', 'tcp.stream', '-e', 'smpp.command_id', '-e', 'smpp.password'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const rows = r.stdout.trim().split('\n').map((l) => l.split('|'));
    const binds = rows.filter((x) => x[1] === '0x00000009');
    assert.equal(binds.length, 2, 'the bind on both legs');
    assert.notEqual(binds[0]![0], binds[1]![0], 'two TCP streams: app↔proxy and proxy↔smsc');
    for (const b of binds) assert.match(b[2]!, /^\*+$/, 'the password masked');
    assert.equal(rows.filter((x) => x[1] === '0x00000004').length, 2, 'the submit on both legs');
  });

  it('keeps the password in the pcap with --include-passwords, and logs no line per PDU with --quiet', async (t) => {
    const s = await startSmsc(t);
    const file = connectionFile({ host: '127.0.0.1', port: s.port, proxy: { listen: 2776 } });
    const pcap = join(tempDir('smpp-cli-proxy-out'), 'with-passwords.pcap');
    const c = startCli(t, [file, '--listen', '0', '--pcap', pcap, '--include-passwords', '--quiet']);
    const port = await listening(c);
    const { client } = await connectNodeSmpp(t, port);
    assert.equal((await call((cb) => client.bind_transceiver({ system_id: 'app', password: 'secret1' }, cb))).command_status, 0);
    await call((cb) => client.unbind(cb));
    c.child.kill('SIGTERM');
    assert.equal(await c.exited, 0, c.stderr());
    assert.match(c.stdout(), /\[client 1\] application connected from 127\.0\.0\.1:\d+/);
    assert.doesNotMatch(c.stdout(), /bind_transceiver/, '--quiet: no line per PDU');
    assert.match(c.stdout(), /Wrote \d+ PDUs of both legs to .*with-passwords\.pcap \(passwords included\)/);
    assert.match(c.stdout(), /Analyser proxy stopped \(SIGTERM\)\.\n$/);
    const r = spawnSync('tshark', ['-r', pcap, '-Y', 'smpp.command_id == 0x00000009', '-T', 'fields', '-e', 'smpp.password'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(r.stdout.trim().split('\n'), ['secret1', 'secret1'], 'the password on both legs');
  });

  it('exits 1 naming the port when it cannot listen', async (t) => {
    const s = await startSmsc(t);
    const blocker = net.createServer();
    blocker.listen(0, '127.0.0.1');
    await once(blocker, 'listening');
    t.after(() => blocker.close());
    const taken = (blocker.address() as net.AddressInfo).port;
    const c = startCli(t, [connectionFile({ host: '127.0.0.1', port: s.port, proxy: { listen: taken } })]);
    assert.equal(await c.exited, 1);
    assert.match(c.stderr(), new RegExp(`^smpp-panel proxy: Via proxy: the proxy cannot listen on 127\\.0\\.0\\.1:${taken}: the port is already in use\\n$`));
  });

  it('exits 1 naming the SMSC when it cannot reach it', async (t) => {
    const closed = net.createServer();
    closed.listen(0, '127.0.0.1');
    await once(closed, 'listening');
    const port = (closed.address() as net.AddressInfo).port;
    closed.close();
    await once(closed, 'close');
    const c = startCli(t, [connectionFile({ host: '127.0.0.1', port, proxy: { listen: 2776 }, responseTimeout: 2 }), '--listen', '0']);
    assert.equal(await c.exited, 1);
    assert.match(c.stderr(), new RegExp(`^smpp-panel proxy: Via proxy: cannot reach the SMSC at 127\\.0\\.0\\.1:${port}: .*refused`));
  });

  it('names what is wrong with the command line or the file', async (t) => {
    const noProxy = connectionFile({ host: '127.0.0.1', port: 2775 });
    const a = startCli(t, [noProxy]);
    assert.equal(await a.exited, 1);
    assert.match(a.stderr(), /has no connection with a "proxy" block/);
    const b = startCli(t, [noProxy, '--listen', 'x']);
    assert.equal(await b.exited, 2);
    assert.match(b.stderr(), /--listen must be a port 0\.\.65535, got "x"/);
  });
});
