// `smpp-panel load` against an independent SMSC (node-smpp's server, its own process) that hangs
// mid-run: the process is stopped with SIGSTOP, so its TCP connection stays open but nothing is
// answered. The load test ends by itself, exits non-zero, and says how many messages were
// acknowledged and why it stopped: the SMSC did not answer the keepalive.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadCommand } from '../../../src/cli/loadCommand';
import { ChildPeer } from '../../support/childPeer';
import { tempDir } from '../../support/tempDir';

const SCRIPT = join(__dirname, '..', '..', 'fixtures', 'peers', 'node-smpp-smsc.cjs');

describe('smpp-panel load against a hung SMSC', { timeout: 60_000 }, () => {
  it('ends by itself, non-zero, with the acknowledged count and the cause', async (t) => {
    const peer = new ChildPeer(SCRIPT, { SMSC_SYSTEM_ID: 'hung', SMSC_PASSWORD: 'pw123' });
    t.after(async () => {
      peer.signal('SIGCONT');
      await peer.stop();
    });
    const port = (await peer.next('listening')).port as number;
    process.env.SMPP_HUNG_TEST_PW = 'pw123';
    const dir = tempDir('smpp-hung');
    const file = join(dir, 'hung.smpp.json');
    writeFileSync(
      file,
      JSON.stringify({
        connections: [{ name: 'hung', host: '127.0.0.1', port, system_id: 'hung', password: '${env:SMPP_HUNG_TEST_PW}', enquireLinkInterval: 1, responseTimeout: 1 }],
      }),
    );
    let out = '';
    let err = '';
    const running = loadCommand([file, '--connection', 'hung', '--count', '1000000', '--rate', '200', '--window', '10', '--to', '447700900001', '--quiet'], (s) => (out += s), (s) => (err += s));
    // Once the SMSC has answered some submits, it hangs with its connection open.
    await peer.next('pdu', (e) => e.command === 'submit_sm' && (e.seq as number) > 20);
    peer.signal('SIGSTOP');
    const code = await running;
    assert.equal(code, 1, `exit code; stderr: ${err}`);
    assert.match(out, /^stopped after \d+\.\d s \(the session closed: no enquire_link_resp within 1\.0 s: the link is dead\)\n/);
    const m = /submitted (\d+) of 1000000 · acknowledged (\d+) · failed (\d+)/.exec(out);
    assert.ok(m, out);
    const [submitted, acknowledged, failed] = [Number(m[1]), Number(m[2]), Number(m[3])];
    assert.ok(acknowledged >= 10, `${acknowledged} acknowledged before the SMSC hung`);
    assert.equal(submitted, acknowledged + failed);
  });
});
