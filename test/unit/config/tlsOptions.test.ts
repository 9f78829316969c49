// The TLS files a connection names are read relative to its file, as text (PEM); one that cannot be
// read names the connection, the field, the resolved path, and what is wrong in words.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { readTlsOptions } from '../../../src/cli/files';
import { fileErrorWords } from '../../../src/config/fileErrors';
import { TlsFileError } from '../../../src/config/tlsOptions';
import { tempDir } from '../../support/tempDir';

describe('TLS files of a connection', () => {
  it('reads ca, cert and key relative to the connection file, and keeps servername and rejectUnauthorized', async () => {
    const dir = tempDir('smpp-tls-files');
    for (const f of ['ca.pem', 'client.pem', 'client.key']) writeFileSync(join(dir, f), `-----BEGIN ${f}-----\n`);
    const options = await readTlsOptions({ name: 'Acme', tls: { ca: 'ca.pem', cert: 'client.pem', key: join(dir, 'client.key'), servername: 'smsc.example', rejectUnauthorized: false } }, join(dir, 'x.smpp.json'));
    assert.deepEqual(options, { ca: '-----BEGIN ca.pem-----\n', cert: '-----BEGIN client.pem-----\n', key: '-----BEGIN client.key-----\n', servername: 'smsc.example', rejectUnauthorized: false });
    assert.deepEqual(await readTlsOptions({ name: 'Acme', tls: true }, join(dir, 'x.smpp.json')), { rejectUnauthorized: true });
  });

  it('of several unreadable files, names the first: tls.ca before tls.key', async () => {
    const dir = tempDir('smpp-tls-files');
    await assert.rejects(readTlsOptions({ name: 'Acme', tls: { key: 'k.pem', ca: 'c.pem' } }, join(dir, 'x.smpp.json')), (e: unknown) => {
      assert.ok(e instanceof TlsFileError);
      assert.equal(e.message, `Acme: cannot read tls.ca ${join(dir, 'c.pem')}: not found`);
      return true;
    });
  });

  it('says permission problems in words, for Node and VS Code errors alike', () => {
    assert.equal(fileErrorWords(Object.assign(new Error('EACCES: permission denied, open /x'), { code: 'EACCES' })), 'permission denied');
    assert.equal(fileErrorWords(Object.assign(new Error('x'), { code: 'NoPermissions' })), 'permission denied');
    assert.equal(fileErrorWords(Object.assign(new Error('x'), { code: 'FileIsADirectory' })), 'is a directory, not a file');
    assert.equal(fileErrorWords(new Error('something else')), 'something else');
  });
});
