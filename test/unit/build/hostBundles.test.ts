// The extension host's bundles, built as esbuild.js builds them (in memory): what activation loads
// (extension.js) holds none of the parts that load at first use; each of those parts is in the
// bundle src/lazy.ts loads for it; extension.js reaches the other bundles only through src/lazy.ts;
// and the modules that must be one copy in the extension host are.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { build, type BuildOptions, type Metafile } from 'esbuild';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const config = require('../../../esbuild.js') as {
  HOST_BUNDLES: Record<string, string>;
  ONE_COPY: Record<string, string>;
  targets(options: { production: boolean; outdir: string }): Array<BuildOptions & { outfile: string }>;
};

const OUTDIR = join(__dirname, 'unwritten');
const LAZY = Object.keys(config.HOST_BUNDLES).filter((name) => name !== 'extension');

/** Source modules that only a bundle loaded at first use may hold, and the bundle that does. */
const AT_FIRST_USE: Record<string, string[]> = {
  session: ['src/commands/bindFirst.ts', 'src/smpp/session/esme.ts', 'src/smpp/session/messaging.ts', 'src/smpp/link/link.ts', 'src/smpp/codec/decode.ts', 'src/smpp/split.ts'],
  simulator: ['src/smpp/simulator/embedded.ts', 'src/smpp/simulator/smsc.ts', 'src/smpp/simulator/connection.ts'],
  proxy: ['src/smpp/proxy/proxy.ts', 'src/smpp/proxy/client.ts', 'src/smpp/proxy/capture.ts'],
  'loadtest-host': ['src/commands/loadTestRun.ts', 'src/loadtest/inputs.ts', 'src/loadtest/loadTestPanel.ts', 'src/smpp/loadtest.ts'],
  decoder: ['src/decoder/decoderPanel.ts', 'src/decoder/exportCapture.ts', 'src/smpp/pcap.ts', 'src/editor/hexHover.ts', 'src/smpp/summary.ts', 'src/smpp/tree.ts'],
  editor: ['src/editor/connectionLens.ts', 'src/editor/requestFile/features.ts', 'src/editor/requestFile/send.ts', 'src/smpp/requests/parse.ts', 'src/smpp/requests/language.ts', 'src/smpp/snippets/index.ts'],
};

let meta: Record<string, Metafile>;

before(async () => {
  const host = new Map(Object.keys(config.HOST_BUNDLES).map((name) => [join(OUTDIR, `${name}.js`), name]));
  const builds = config.targets({ production: true, outdir: OUTDIR }).filter((t) => host.has(t.outfile));
  const results = await Promise.all(builds.map((t) => build({ ...t, write: false, metafile: true })));
  meta = Object.fromEntries(builds.map((t, i) => [host.get(t.outfile)!, results[i]!.metafile]));
});

/** Whether any of `file`'s code is in `bundle` (the build reads more than tree shaking keeps). */
const holds = (bundle: string, file: string): boolean => Object.values(meta[bundle]!.outputs).some((o) => (o.inputs[file]?.bytesInOutput ?? 0) > 0);
const bundlesHolding = (file: string): string[] => Object.keys(meta).filter((b) => holds(b, file));

describe('extension host bundles', () => {
  it('are built, one per entry of esbuild.js', () => {
    assert.deepEqual(Object.keys(meta).sort(), Object.keys(config.HOST_BUNDLES).sort());
    assert.deepEqual(Object.keys(AT_FIRST_USE).sort(), LAZY.sort());
  });

  it('load nothing at activation that loads at first use: the session engine, simulator, proxy, load test, decoder and field tree, request files and snippets', () => {
    for (const [bundle, files] of Object.entries(AT_FIRST_USE)) {
      for (const file of files) {
        assert.ok(!(file in meta.extension!.inputs), `${file} is in extension.js`);
        assert.ok(holds(bundle, file), `${file} is not in ${bundle}.js`);
      }
    }
    assert.deepEqual(Object.keys(meta.extension!.inputs).filter((f) => f.startsWith('src/smpp/simulator/')), []);
  });

  it('reach the bundles loaded at first use only through src/lazy.ts, which loads each of them', () => {
    const required = new Set<string>();
    for (const [file, input] of Object.entries(meta.extension!.inputs)) {
      for (const i of input.imports) {
        const bundle = /^\.\/(.+)\.js$/.exec(i.path)?.[1];
        if (bundle === undefined || !(bundle in config.HOST_BUNDLES)) continue;
        assert.equal(file, 'src/lazy.ts', `${file} imports ${i.path}`);
        assert.equal(i.kind, 'require-call');
        required.add(bundle);
      }
    }
    assert.deepEqual([...required].sort(), [...LAZY].sort());
  });

  it('carry one copy of the session engine, in session.js, which the load test takes its errors from', () => {
    assert.deepEqual(config.ONE_COPY, { 'src/smpp/session/esme.ts': 'session' });
    assert.deepEqual(bundlesHolding('src/smpp/session/esme.ts'), ['session']);
    const fromSession = Object.values(meta['loadtest-host']!.inputs).flatMap((input) => input.imports.filter((i) => i.path === './session.js' && i.kind === 'import-statement'));
    assert.ok(fromSession.length > 0, 'loadtest-host.js does not take src/smpp/session/esme.ts from session.js');
  });

  it('register the passwords the log masks in extension.js only', () => {
    assert.deepEqual(bundlesHolding('src/config/secrets.ts'), ['extension']);
  });

  it('keep what loads at activation to at most half of the 261 KiB that used to', () => {
    const bytes = Object.values(meta.extension!.outputs).reduce((n, o) => n + (o.entryPoint ? o.bytes : 0), 0);
    assert.ok(bytes <= (261 * 1024) / 2, `extension.js is ${bytes} bytes`);
  });
});
