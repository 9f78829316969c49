import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { enquireLinkCommand, submitCommand } from '../../../src/cli/sessionCommands';
import { tempDir } from '../../support/tempDir';

async function run(fn: typeof enquireLinkCommand, args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await fn(args, (s) => (out += s), (s) => (err += s));
  return { code, out, err };
}

function file(content: unknown): string {
  const dir = tempDir('smpp-cli-session');
  const path = join(dir, 'test.smpp.json');
  writeFileSync(path, JSON.stringify(content));
  return path;
}

const simulatorFile = () =>
  file({
    connections: [
      { name: 'sim', simulator: { deliveryReceiptDelay: 0 }, system_id: 'cli', password: '${env:SMPP_CLI_TEST_PW}', bind: 'transceiver' },
      { name: 'rx', simulator: {}, system_id: 'cli', password: 'x', bind: 'receiver' },
    ],
  });

describe('smpp-panel enquire-link', () => {
  it('binds to the built-in simulator, prints the round trip, unbinds and exits 0', async () => {
    process.env.SMPP_CLI_TEST_PW = 'pw';
    const r = await run(enquireLinkCommand, [simulatorFile(), '--connection', 'sim']);
    assert.equal(r.err, '');
    assert.equal(r.code, 0);
    assert.match(r.out, /^sim: bound_trx at the built-in simulator on 127\.0\.0\.1:\d+\nenquire_link_resp in \d+ ms\n$/);
  });

  it('prints the cause and exits non-zero when nothing listens', async () => {
    const f = file({ connections: [{ name: 'down', host: '127.0.0.1', port: 1, system_id: 'a', password: 'b', responseTimeout: 2 }] });
    const r = await run(enquireLinkCommand, [f]);
    assert.equal(r.code, 1);
    assert.match(r.err, /^down: could not connect to 127\.0\.0\.1:1: connection refused/);
  });

  it('names the missing environment variable', async () => {
    delete process.env.SMPP_CLI_TEST_PW;
    const r = await run(enquireLinkCommand, [simulatorFile(), '--connection', 'sim']);
    assert.equal(r.code, 1);
    assert.match(r.err, /SMPP_CLI_TEST_PW, which is not set/);
  });

  it('asks for --connection when the file holds several, listing them', async () => {
    const r = await run(enquireLinkCommand, [simulatorFile()]);
    assert.equal(r.code, 1);
    assert.match(r.err, /pick one with --connection NAME: "sim", "rx"/);
  });

  it('refuses a prompted password, which only the editor can ask for', async () => {
    const f = file({ connections: [{ name: 'p', simulator: {}, system_id: 'a', password: '${prompt}' }] });
    const r = await run(enquireLinkCommand, [f]);
    assert.equal(r.code, 1);
    assert.match(r.err, /only the VS Code extension can ask for/);
  });
});

describe('smpp-panel submit', () => {
  it('sends a text, prints the message_id, waits for and prints the receipt', async () => {
    process.env.SMPP_CLI_TEST_PW = 'pw';
    const r = await run(submitCommand, [simulatorFile(), '--connection', 'sim', '--to', '+447700900123', '--text', 'Hello there', '--receipt']);
    assert.equal(r.err, '');
    assert.equal(r.code, 0);
    const id = /part 1: message_id (\S+)/.exec(r.out)?.[1];
    assert.ok(id, r.out);
    assert.match(r.out, /^1 part\(s\), gsm7, data_coding 0x00\n/);
    assert.match(r.out, new RegExp(`receipt ${id}: id:${id} .*stat:DELIVRD`, 'i'));
  });

  it('splits a long text into parts, one message_id each', async () => {
    process.env.SMPP_CLI_TEST_PW = 'pw';
    const text = 'x'.repeat(400);
    const r = await run(submitCommand, [simulatorFile(), '--connection', 'sim', '--to', '447700900123', '--text', text]);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^3 part\(s\)/);
    assert.equal((r.out.match(/message_id /g) ?? []).length, 3);
  });

  it('refuses to submit on a receiver bind', async () => {
    const r = await run(submitCommand, [simulatorFile(), '--connection', 'rx', '--to', '1', '--text', 'x']);
    assert.equal(r.code, 2);
    assert.match(r.err, /receiver, which cannot submit/);
  });
});
