// `npm run test:electron`: runs the mocha suite in test/electron/suite inside a real VS Code
// desktop (Electron) through @vscode/test-electron, which downloads that VS Code into
// .vscode-test/. Only for machines that can download it; everywhere else the end-to-end tests
// in test/e2e (code-server in headless Chromium) cover the extension in a real VS Code.
//
// The suite is bundled with esbuild into out/electron-suite/ (cjs, `vscode` and `mocha`
// external), since the extension host loads plain JavaScript.
import { runTests } from '@vscode/test-electron';
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const suiteDir = path.join(root, 'test', 'electron', 'suite');
const outDir = path.join(root, 'out', 'electron-suite');
const workspace = path.join(root, 'test', 'fixtures', 'workspaces', 'basic');
// The oldest VS Code that package.json's engines.vscode accepts; VSCODE_TEST_VERSION overrides
// it (for example with "stable" or "insiders").
const version = process.env.VSCODE_TEST_VERSION || '1.100.3';

async function main() {
  fs.rmSync(outDir, { recursive: true, force: true });
  const entryPoints = fs
    .readdirSync(suiteDir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => path.join(suiteDir, f));
  await build({
    entryPoints,
    outbase: suiteDir,
    outdir: outDir,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode', 'mocha'],
    sourcemap: 'inline',
    logLevel: 'warning',
  });

  await runTests({
    version,
    extensionDevelopmentPath: root,
    extensionTestsPath: path.join(outDir, 'index.js'),
    launchArgs: [workspace, '--disable-extensions'],
  });
}

main().catch((err) => {
  console.error('test:electron failed:', err);
  process.exit(1);
});
