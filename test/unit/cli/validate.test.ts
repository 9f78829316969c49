import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { main } from '../../../src/cli/main';
import { tempDir } from '../../support/tempDir';

function run(args: string[]): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const code = main(args, (s) => (out += s), (s) => (err += s));
  if (typeof code !== 'number') throw new Error(`${args[0]} should finish synchronously`);
  return { code, out, err };
}

describe('smpp-panel validate', () => {
  const root = join(__dirname, '..', '..', '..');

  it('accepts the example file and lists its connections', () => {
    const r = run(['validate', join(root, 'examples', 'demo.smpp.json')]);
    assert.equal(r.code, 0);
    assert.match(r.out, /3 connection\(s\): Local simulator, Simulator \(receiver\), Analyser proxy/);
    assert.equal(r.err, '');
  });

  it('exits non-zero and names file, line and column of each error', () => {
    const dir = tempDir('smpp-cli');
    const file = join(dir, 'broken.smpp.json');
    writeFileSync(file, '{\n  "connections": [\n    { "name": "x", "port": "2775" }\n  ]\n}\n');
    const r = run(['validate', file]);
    assert.equal(r.code, 1);
    assert.equal(r.err, `${file}:3:28: error: connections[0].port must be integer, not string\n`);
  });

  it('reports a missing file without throwing', () => {
    const r = run(['validate', '/nonexistent/x.smpp.json']);
    assert.equal(r.code, 1);
    assert.match(r.err, /cannot read/);
  });

  it('rejects an unknown command with the usage', () => {
    const r = run(['frobnicate']);
    assert.equal(r.code, 2);
    assert.match(r.err, /unknown command "frobnicate"/);
  });
});
