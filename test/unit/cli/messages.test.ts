// What the command line says when the input is wrong or the peer misbehaves: a config file that
// tries to slip values past the schema, a file too large to read, a TLS file that cannot be read,
// an unbind that is never answered. Each one names what is wrong and where, and exits non-zero.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import { main } from '../../../src/cli/main';
import { enquireLinkCommand, submitCommand } from '../../../src/cli/sessionCommands';
import { MAX_CONNECTION_FILE_BYTES } from '../../../src/config/connectionFile';
import { tempDir } from '../../support/tempDir';
import { esmeFor } from '../../support/smscHarness';
import { RawSmsc } from '../proxy/support';

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, (s) => (out += s), (s) => (err += s));
  return { code, out, err };
}

function file(text: string, name = 'test.smpp.json'): string {
  const path = join(tempDir('smpp-cli-messages'), name);
  writeFileSync(path, text);
  return path;
}

/** A bare SMSC that answers the bind, enquire_link and submit_sm, and never the unbind. */
async function smscIgnoringUnbind(t: TestContext): Promise<number> {
  const { smsc, port } = await RawSmsc.start(t, false);
  void smsc.peers.wait().then((peer) => {
    peer.on('pdu', (pdu) => {
      if (pdu.command === 'bind_transceiver') peer.send({ command: 'bind_transceiver_resp', sequence_number: pdu.sequence_number, body: { system_id: 'RAWSMSC' } });
      if (pdu.command === 'enquire_link') peer.send({ command: 'enquire_link_resp', sequence_number: pdu.sequence_number, body: {} });
      if (pdu.command === 'submit_sm') peer.send({ command: 'submit_sm_resp', sequence_number: pdu.sequence_number, body: { message_id: 'M1' } });
    });
  });
  return port;
}

describe('smpp-panel validate: bounded, clear answers', () => {
  it('a "__proto__" key does not pass: exit 1, naming the key, file, line and column', async () => {
    const f = file('{ "connections": [\n  { "name": "x", "simulator": {},\n    "__proto__": { "window": 0, "responseTimeout": -5 } }\n] }\n');
    const r = await run(['validate', f]);
    assert.equal(r.code, 1);
    assert.equal(r.err, `${f}:3:5: error: unknown property "__proto__"\n`);
  });

  it(`a file over ${MAX_CONNECTION_FILE_BYTES} bytes is refused with its size and the limit, without being read`, async () => {
    const f = file(`{ "connections": [] }${' '.repeat(MAX_CONNECTION_FILE_BYTES)}`);
    const r = await run(['validate', f]);
    assert.equal(r.code, 1);
    assert.equal(r.err, `${f}: the file is 4.0 MiB (${MAX_CONNECTION_FILE_BYTES + 21} bytes), more than the 4 MiB a connection file may have; it was not read\n`);
  });

  it('a missing file and a directory are said in words', async () => {
    const dir = tempDir('smpp-cli-messages');
    const missing = join(dir, 'nope.smpp.json');
    const r = await run(['validate', missing, dir]);
    assert.equal(r.code, 1);
    assert.equal(r.err, `${missing}: cannot read: not found\n${dir}: cannot read: is a directory, not a file\n`);
  });
});

describe('smpp-panel enquire-link: TLS files', () => {
  const withTls = (tls: Record<string, string>) =>
    file(JSON.stringify({ connections: [{ name: 'Acme TLS', host: '127.0.0.1', port: 1, tls, system_id: 'a', password: 'b', responseTimeout: 1 }] }));

  it('a TLS file that does not exist: the connection, the field, the resolved path, "not found"', async () => {
    const f = withTls({ ca: 'certs/ca.pem' });
    const r = await run(['enquire-link', f]);
    assert.equal(r.code, 1);
    assert.equal(r.err, `Acme TLS: cannot read tls.ca ${join(f, '..', 'certs', 'ca.pem')}: not found\n`);
  });

  it('a TLS path that is a directory says so', async () => {
    const f = withTls({ cert: 'certs' });
    mkdirSync(join(f, '..', 'certs'));
    const r = await run(['enquire-link', f]);
    assert.equal(r.code, 1);
    assert.equal(r.err, `Acme TLS: cannot read tls.cert ${join(f, '..', 'certs')}: is a directory, not a file\n`);
  });
});

describe('an unbind that is never answered', () => {
  const fileFor = (port: number) => file(JSON.stringify({ connections: [{ name: 'mute', host: '127.0.0.1', port, system_id: 'a', password: 'b', responseTimeout: 0.2 }] }));

  it('enquire-link says so and exits 1', async (t) => {
    const r = await run(['enquire-link', fileFor(await smscIgnoringUnbind(t))]);
    assert.match(r.out, /^mute: bound_trx at 127\.0\.0\.1:\d+\nenquire_link_resp in \d+ ms\n$/);
    assert.match(r.err, /^mute: no unbind_resp within 0\.2 s; the connection was closed without it\n$/);
    assert.equal(r.code, 1);
  });

  it('submit says so and exits 1, after printing the message_id', async (t) => {
    let out = '';
    let err = '';
    const code = await submitCommand([fileFor(await smscIgnoringUnbind(t)), '--to', '447700900123', '--text', 'hi'], (s) => (out += s), (s) => (err += s));
    assert.match(out, /part 1: message_id M1/);
    assert.match(err, /^mute: no unbind_resp within 0\.2 s/);
    assert.equal(code, 1);
  });

  it('an answered unbind still exits 0 (the built-in simulator answers it)', async () => {
    const f = file(JSON.stringify({ connections: [{ name: 'sim', simulator: {}, system_id: 'a', password: 'b' }] }));
    let err = '';
    const code = await enquireLinkCommand([f], () => undefined, (s) => (err += s));
    assert.equal(err, '');
    assert.equal(code, 0);
  });
});

describe('EsmeSession.unbind says how it ended', () => {
  it('unanswered: the problem, and the session is closed anyway', async (t) => {
    const { session } = esmeFor(t, await smscIgnoringUnbind(t), { responseTimeout: 200 });
    await session.bind();
    assert.deepEqual(await session.unbind(), { problem: 'no unbind_resp within 0.2 s; the connection was closed without it' });
    assert.equal(session.state, 'closed');
  });

  it('answered: no problem', async (t) => {
    const { port } = await RawSmsc.start(t);
    const { session } = esmeFor(t, port);
    await session.bind();
    assert.deepEqual(await session.unbind(), {});
  });
});
