// Builds the bundles: the extension host (Node, cjs, `vscode` external), the decoder webview and
// the load test panel's page (browser), and the `smpp-panel` command line (Node). Type checking
// runs separately (`npm run typecheck`), as esbuild only strips types.
//
// The extension host is several bundles. `extension.js` is what VS Code loads at activation; the
// others load at first use: src/lazy.ts requires `./<name>.js` when a command, the view or a panel
// first needs one, and each is built from its entry module in src/bundles/. Code used by several
// bundles is in each of them; only the session engine must be one copy (see `oneCopy`).
'use strict';
const path = require('node:path');
const esbuild = require('esbuild');

/** The extension host's bundles, by file name in dist/ (without `.js`), and their entry modules. */
const HOST_BUNDLES = {
  extension: 'src/extension.ts',
  session: 'src/bundles/session.ts',
  simulator: 'src/bundles/simulator.ts',
  proxy: 'src/bundles/proxy.ts',
  'loadtest-host': 'src/bundles/loadTestHost.ts',
  decoder: 'src/bundles/decoder.ts',
  editor: 'src/bundles/editor.ts',
};

/**
 * Modules whose one copy is in a given host bundle: the other bundles take them from it at run time
 * instead of carrying their own. The load test tells a session's errors apart with
 * `instanceof SmppRequestError`, so it must see the session engine's own class.
 */
const ONE_COPY = { 'src/smpp/session/esme.ts': 'session' };

/** Prints build results in the shape of the `$esbuild-watch` problem matcher. */
function problemMatcher(watch) {
  return {
    name: 'esbuild-problem-matcher',
    setup(build) {
      build.onStart(() => {
        if (watch) console.log('[watch] build started');
      });
      build.onEnd((result) => {
        for (const { text, location } of result.errors) {
          console.error(`✘ [ERROR] ${text}`);
          if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
        }
        if (watch) console.log('[watch] build finished');
      });
    },
  };
}

/** Imports of a module in ONE_COPY, in a bundle other than its own, become `require('./<own>.js')`. */
function oneCopy(bundle) {
  const owners = new Map(Object.entries(ONE_COPY).map(([file, owner]) => [path.join(__dirname, file), owner]));
  return {
    name: 'one-copy',
    setup(build) {
      build.onResolve({ filter: /^\.\.?\// }, (args) => {
        const file = path.join(args.resolveDir, args.path);
        const owner = owners.get(file) ?? owners.get(`${file}.ts`);
        return owner === undefined || owner === bundle ? undefined : { path: `./${owner}.js`, external: true };
      });
    },
  };
}

/**
 * esbuild's options for every bundle. `outdir`: where they go (dist/ unless said); `production`:
 * minified, without source maps.
 */
function targets({ production = false, watch = false, outdir = path.join(__dirname, 'dist') } = {}) {
  const common = {
    bundle: true,
    minify: production,
    sourcemap: !production,
    sourcesContent: false,
    logLevel: 'silent',
    absWorkingDir: __dirname,
  };
  const node = {
    ...common,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // Prefer ES module builds: some dependencies' UMD builds (jsonc-parser's) require files
    // at run time that a bundle does not carry.
    mainFields: ['module', 'main'],
  };
  const host = Object.entries(HOST_BUNDLES).map(([name, entry]) => ({
    ...node,
    entryPoints: [entry],
    outfile: path.join(outdir, `${name}.js`),
    // The bundles require each other by name (src/lazy.ts), from the same folder.
    external: ['vscode', ...Object.keys(HOST_BUNDLES).map((other) => `./${other}.js`)],
    plugins: [problemMatcher(watch), oneCopy(name)],
  }));
  return [
    ...host,
    {
      ...common,
      entryPoints: ['webview/main.ts'],
      outfile: path.join(outdir, 'webview.js'),
      platform: 'browser',
      format: 'iife',
      target: 'es2022',
      plugins: [problemMatcher(watch)],
    },
    {
      ...common,
      entryPoints: ['webview/loadtest/main.ts'],
      outfile: path.join(outdir, 'loadtest.js'),
      platform: 'browser',
      format: 'iife',
      target: 'es2022',
      plugins: [problemMatcher(watch)],
    },
    {
      ...node,
      entryPoints: ['src/cli/main.ts'],
      outfile: path.join(outdir, 'cli.js'),
      banner: { js: '#!/usr/bin/env node' },
      plugins: [problemMatcher(watch)],
    },
  ];
}

async function main() {
  const watch = process.argv.includes('--watch');
  const contexts = await Promise.all(targets({ production: process.argv.includes('--production'), watch }).map((t) => esbuild.context(t)));
  if (watch) {
    await Promise.all(contexts.map((c) => c.watch()));
    return;
  }
  try {
    const results = await Promise.all(contexts.map((c) => c.rebuild()));
    const errors = results.reduce((n, r) => n + r.errors.length, 0);
    if (errors > 0) process.exitCode = 1;
  } finally {
    await Promise.all(contexts.map((c) => c.dispose()));
  }
}

module.exports = { HOST_BUNDLES, ONE_COPY, targets };

if (require.main === module) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
