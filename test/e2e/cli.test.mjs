// The `smpp-panel` bin as users run it: the production bundle dist/cli.js, built by
// `npm run package` before the e2e tests run.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const cli = join(root, 'dist', 'cli.js');

function run(args, input) {
  return spawnSync(process.execPath, [cli, ...args], { cwd: root, input, encoding: 'utf8', timeout: 60_000 });
}

describe('the bundled smpp-panel command line', () => {
  it('exists (npm run package builds it)', () => {
    assert.ok(existsSync(cli), `${cli} is missing: run npm run package`);
  });

  it('validates the example connection file', () => {
    const r = run(['validate', 'examples/demo.smpp.json']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /3 connection\(s\): Local simulator, Simulator \(receiver\), Analyser proxy/);
  });

  it('decodes a submit_sm from the facts vectors', () => {
    const r = run(['decode', '00000039000000040000000000004FE80001013430343034000101343439353133363139323000000000000001000000084024232125262F3A']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /destination_addr\s+"44951361920"/);
  });

  it('binds to the built-in simulator and prints the enquire_link round trip', () => {
    const r = run(['enquire-link', 'examples/demo.smpp.json', '--connection', 'Local simulator']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /enquire_link_resp in \d+ ms/);
  });

  it('exits non-zero and names the bad character of malformed hex', () => {
    const r = run(['decode', '0000001g']);
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /column/);
  });
});
