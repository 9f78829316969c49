// The request file language as the editor gets it, without VS Code: what a file is read with (the
// workspace's connection names, the vendor TLVs of the connection it names), the bind settings a
// snippet takes from a connection, the result document's JSON, and the language's contribution
// (grammar, configuration) as the package ships it.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseConnectionFile } from '../../../src/config/connectionFile';
import { connectionNamed, contextFor } from '../../../src/editor/requestFile/documents';
import { jsonSafe } from '../../../src/editor/requestFile/resultJson';
import { snippetConnection } from '../../../src/editor/requestFile/snippetConnection';
import type { ConnectionEntry, ConnectionModel } from '../../../src/model/connectionModel';
import { parseRequestFile } from '../../../src/smpp/requests';
import { generateSnippet } from '../../../src/smpp/snippets';

const ROOT = join(__dirname, '..', '..', '..');

const VENDOR_FILE = JSON.stringify({
  tlvs: [{ name: 'billing_ref', tag: '0x1501', type: 'cstring' }],
  connections: [
    { name: 'Carrier', host: 'smsc.example.net', port: 2775, system_id: 'acme', password: '${env:CARRIER_PW}' },
    { name: 'Local simulator', simulator: {}, system_id: 'test', password: 'test' },
  ],
});
const PLAIN_FILE = JSON.stringify({ connections: [{ name: 'Local simulator', simulator: {}, system_id: 'other', password: 'x' }] });

/** A model holding the connections of these files (path → text), as the host's model holds them. */
function model(files: Record<string, string>): ConnectionModel {
  const connections: ConnectionEntry[] = [];
  for (const [path, text] of Object.entries(files)) {
    const uri = { path, toString: () => `file://${path}` };
    const file = { uri, label: path.slice(1), connections, problems: [] };
    for (const parsed of parseConnectionFile(text).connections) connections.push({ id: `${uri.toString()}#${parsed.definition.name}`, file, parsed } as unknown as ConnectionEntry);
  }
  return { connections } as unknown as ConnectionModel;
}

const near = (path: string) => ({ path }) as import('vscode').Uri;

describe('what a request file is read with', () => {
  const workspace = model({ '/ws/carrier/carrier.smpp.json': VENDOR_FILE, '/ws/lab/lab.smpp.json': PLAIN_FILE });

  it('knows every connection name of the workspace, so a name no file defines is flagged where it is written', () => {
    const text = '### ask\nconnection: Carier\npdu: enquire_link\n';
    const context = contextFor(text, workspace, near('/ws/carrier/a.smpp'));
    assert.deepEqual(context.connections, ['Carrier', 'Local simulator', 'Local simulator']);
    const problem = parseRequestFile(text, context).problems.find((p) => p.line === 1);
    assert.ok(problem, 'the unknown connection is a problem on its line');
    assert.match(problem.message, /Carier/);
  });

  it('flags no connection name while the workspace has none loaded', () => {
    const context = contextFor('connection: Anything\npdu: enquire_link\n', model({}), undefined);
    assert.equal(context.connections, undefined);
    assert.deepEqual(parseRequestFile('connection: Anything\npdu: enquire_link\n', context).problems, []);
  });

  it('takes the vendor TLVs of the connection the file names, so they are TLVs by name in its blocks', () => {
    const text = '### bill\nconnection: Carrier\npdu: submit_sm\ndestination_addr: 447700900001\nshort_message: hi\nbilling_ref: A-17\n';
    const context = contextFor(text, workspace, near('/ws/carrier/a.smpp'));
    assert.deepEqual(context.dictionary?.entries.map((e) => e.name), ['billing_ref']);
    const parsed = parseRequestFile(text, context);
    assert.deepEqual(parsed.problems, []);
    assert.equal(parsed.blocks[0]!.fields.find((f) => f.name === 'billing_ref')?.kind, 'tlv');
    // Without the dictionary, the same line names nothing.
    assert.ok(parseRequestFile(text, {}).problems.some((p) => p.line === 5));
  });

  it('finds a name two files define in the request file\'s own folder first', () => {
    assert.equal(connectionNamed(workspace, 'Local simulator', near('/ws/lab/x.smpp'))?.parsed.definition.system_id, 'other');
    assert.equal(connectionNamed(workspace, 'Local simulator', near('/ws/carrier/x.smpp'))?.parsed.definition.system_id, 'test');
    assert.equal(connectionNamed(workspace, 'Nobody', near('/ws/lab/x.smpp')), undefined);
  });
});

describe('the bind settings of a snippet', () => {
  const [carrier, simulator] = parseConnectionFile(VENDOR_FILE).connections.map((c) => c.definition);

  it('are the connection\'s own, the password left as the file writes it', () => {
    const c = snippetConnection(carrier!, undefined);
    assert.equal(c.host, 'smsc.example.net');
    assert.equal(c.port, 2775);
    assert.equal(c.system_id, 'acme');
    assert.equal(c.password, '${env:CARRIER_PW}');
    assert.equal(c.tls, false);
    const code = generateSnippet('node-smpp', { connection: c, pdu: { command: 'enquire_link' } });
    assert.match(code, /CARRIER_PW/);
    assert.match(code, /smsc\.example\.net/);
  });

  it('reach a built-in simulator where its session runs, and the standalone simulator\'s port when none does', () => {
    const running = snippetConnection(simulator!, 'built-in simulator on 127.0.0.1:40123');
    assert.deepEqual([running.host, running.port], ['127.0.0.1', 40123]);
    const stopped = snippetConnection(simulator!, undefined);
    assert.deepEqual([stopped.host, stopped.port], ['127.0.0.1', 2775]);
    // A literal password stays out of the snippet unless asked for.
    assert.doesNotMatch(generateSnippet('node-smpp', { connection: running, pdu: { command: 'enquire_link' } }), /password: ['"]test['"]/);
  });
});

describe('the result document', () => {
  it('is JSON: octets as hex, errors as their message, patterns as written', () => {
    const value = { body: { short_message: new Uint8Array([0x48, 0x69]) }, error: new Error('timed out'), pattern: /^[0-9a-f]+$/, at: new Date(0), n: 10n };
    assert.deepEqual(JSON.parse(JSON.stringify(jsonSafe(value))), { body: { short_message: '4869' }, error: 'timed out', pattern: '/^[0-9a-f]+$/', at: '1970-01-01T00:00:00.000Z', n: '10' });
  });
});

describe('the request language as the package ships it', () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    activationEvents: string[];
    contributes: { languages: { id: string; extensions?: string[]; configuration?: string }[]; grammars: { language: string; scopeName: string; path: string }[] };
  };
  const language = pkg.contributes.languages.find((l) => l.id === 'smpp-request');
  const grammar = pkg.contributes.grammars.find((g) => g.language === 'smpp-request');
  const ignore = readFileSync(join(ROOT, '.vscodeignore'), 'utf8').split('\n');

  it('is *.smpp, activates the extension, and its grammar and configuration files are in the package', () => {
    assert.deepEqual(language?.extensions, ['.smpp']);
    assert.ok(pkg.activationEvents.includes('onLanguage:smpp-request'));
    for (const file of [grammar!.path, language!.configuration!]) {
      assert.ok(existsSync(join(ROOT, file)), file);
      const relative = file.replace(/^\.\//, '');
      assert.ok(ignore.some((l) => l === `!${relative}` || (l.endsWith('/**') && relative.startsWith(l.slice(1, -2)))), `${relative} is left out of the .vsix`);
    }
  });

  it('has a grammar whose every pattern compiles and that scopes the parts of a block', () => {
    const g = JSON.parse(readFileSync(join(ROOT, grammar!.path), 'utf8')) as { scopeName: string; repository: Record<string, unknown> };
    assert.equal(g.scopeName, grammar!.scopeName);
    const regexes: string[] = [];
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === 'object') {
        for (const [k, v] of Object.entries(node)) {
          if ((k === 'match' || k === 'begin' || k === 'end') && typeof v === 'string') regexes.push(v);
          else walk(v);
        }
      }
    };
    walk(g.repository);
    for (const r of regexes) assert.doesNotThrow(() => new RegExp(r), r);
    const rule = (name: string) => new RegExp((g.repository[name] as { match?: string; begin?: string }).match ?? (g.repository[name] as { begin: string }).begin);
    assert.equal(rule('separator').exec('### query the message')?.[2], ' query the message');
    assert.ok(rule('comment').test('# a comment'));
    assert.ok(!rule('comment').test('### a block'));
    assert.equal(rule('setting').exec('pdu: query_sm')?.[3], 'query_sm');
    assert.equal(rule('field').exec('  dest_addr_ton: international')?.[1], 'dest_addr_ton');
    assert.equal(rule('expect').exec('expect status ESME_ROK')?.[2], 'status');
    assert.deepEqual(rule('generator').exec('${range 447700900000..447700900099}')?.slice(2, 4), ['range', ' 447700900000..447700900099']);
    assert.equal(rule('generator').exec('${env:SMPP_TO}')?.[2], 'env:');
  });
});
