// ESLint flat config: typescript-eslint's recommended rules, plus the import boundaries of
// docs/ARCHITECTURE.md: the protocol core under src/smpp/ never imports `vscode`; src/config/,
// src/cli/, src/shared/, webview/ and the host's vscode-free row texts import only what their
// row of that table allows.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * The core modules that use no Node API and import only each other, so the webview bundles them
 * (docs/ARCHITECTURE.md, `src/smpp/` row). Paths under src/smpp/, without `.ts`.
 */
const BROWSER_SAFE_CORE = ['codec', 'codec/[^/]+', 'fields', 'tree', 'bytes', 'framer', 'udh', 'receipt', 'time', 'hexInput', 'hexText', 'hexDump', 'hexLiterals', 'hexSource', 'linkLayer', 'pduSplit', 'split', 'summary', 'hexRun', 'tables/[^/]+', 'text/[^/]+', 'messages/[^/]+'];

const NO_VSCODE_IN_CORE = { name: 'vscode', message: 'The protocol core (src/smpp/) must not depend on VS Code.' };

/** src/smpp/codec.ts is the codec's entry point: its modules under src/smpp/codec/ are imported through it. */
const CODEC_ENTRY = { group: ['**/smpp/codec/*', './codec/*', '../codec/*'], message: 'Import the codec from src/smpp/codec, its entry point, not from its modules.' };

/** Node's built-in modules, with and without `node:`. */
const NODE_BUILTIN = `(?:node:|(?:${builtinModules.map((m) => m.replace(/[/]/g, '\\/')).join('|')})(?:/|$))`;

/** A relative path that goes down and then up again (`./a/../b`), which the allow-lists below would misread. */
const DETOUR = { regex: '^(?:\\.\\.?/)*[^.][^/]*/.*\\.\\./', message: 'Import by the direct relative path (no "/../" after a folder name).' };

/**
 * An import boundary: `files` may import only specifiers matching one of `allowed` (regex
 * sources, matched from the start of the specifier). `coreTypesOnly`, if given, is how those files
 * reach src/smpp/ (e.g. `../src/smpp/`): from there, value imports only of the browser-safe
 * modules, type imports of any (they leave no code in the bundle).
 */
function boundary({ files, allowed, message, coreTypesOnly }) {
  const patterns = [DETOUR, { regex: `^(?!(?:${allowed.join('|')}))`, message }];
  if (coreTypesOnly) {
    patterns.push({
      regex: `^${coreTypesOnly}(?!(?:${BROWSER_SAFE_CORE.join('|')})$)`,
      allowTypeImports: true,
      message: `Only the browser-safe core modules (${BROWSER_SAFE_CORE.map((m) => m.replace('[^/]+', '')).join(', ')}) may be imported for their code here; others with \`import type\` only.`,
    });
  }
  return { files, rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns }] } };
}

/** A package, but not `vscode` and not a Node built-in: what a browser bundle may import from node_modules. */
const BROWSER_PACKAGE = `(?!vscode$|${NODE_BUILTIN})[@a-z]`;

export default tseslint.config(
  {
    ignores: ['dist/**', 'out/**', 'node_modules/**', '.vscode-test/**', '.cache/**', 'test-results/**', '*.vsix'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        console: 'readonly',
        process: 'readonly',
        require: 'readonly',
        module: 'writable',
        __dirname: 'readonly',
        Buffer: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        setImmediate: 'readonly',
        URL: 'readonly',
        TextDecoder: 'readonly',
        TextEncoder: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    files: ['esbuild.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['src/smpp/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [NO_VSCODE_IN_CORE], patterns: [CODEC_ENTRY] }],
    },
  },
  // The codec's own modules, and the tree builder its descriptors fill, reach inside it.
  {
    files: ['src/smpp/codec.ts', 'src/smpp/codec/**/*.ts', 'src/smpp/tree.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [NO_VSCODE_IN_CORE] }] },
  },
  {
    files: ['src/**/*.ts', 'webview/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    ignores: ['src/smpp/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [CODEC_ENTRY] }] },
  },
  boundary({
    files: ['src/config/**/*.ts'],
    allowed: ['\\./\\w', '\\.\\./smpp/', '\\.\\./\\.\\./media/smpp-connections\\.schema\\.json$', 'jsonc-parser$'],
    message: 'src/config/ may import only src/smpp/, itself, media/smpp-connections.schema.json and jsonc-parser: not vscode, not the host, not Node built-ins.',
  }),
  boundary({
    files: ['src/cli/**/*.ts'],
    allowed: ['\\./\\w', '\\.\\./smpp/', '\\.\\./config/', '\\.\\./\\.\\./package\\.json$', 'node:'],
    message: 'src/cli/ may import only src/smpp/, src/config/, itself, package.json and node: built-ins: not vscode, not the host.',
  }),
  boundary({
    files: ['src/shared/**/*.ts'],
    allowed: ['\\./\\w', '\\.\\./smpp/'],
    coreTypesOnly: '\\.\\./smpp/',
    message: 'src/shared/ may import only itself and the browser-safe modules of src/smpp/: not vscode, not the host, not Node built-ins, no packages.',
  }),
  boundary({
    files: ['webview/*.ts'],
    allowed: ['\\./\\w', '\\.\\./src/shared/', '\\.\\./src/smpp/', BROWSER_PACKAGE],
    coreTypesOnly: '\\.\\./src/smpp/',
    message: 'webview/ may import only webview/, src/shared/, the browser-safe modules of src/smpp/ and browser packages: not vscode, not the host, not Node built-ins.',
  }),
  boundary({
    files: ['webview/*/**/*.ts'],
    allowed: ['\\./\\w', '\\.\\./\\w', '\\.\\./\\.\\./src/shared/', '\\.\\./\\.\\./src/smpp/', BROWSER_PACKAGE],
    coreTypesOnly: '\\.\\./\\.\\./src/smpp/',
    message: 'webview/ may import only webview/, src/shared/, the browser-safe modules of src/smpp/ and browser packages: not vscode, not the host, not Node built-ins.',
  }),
  // The row texts and the info types they read sit below the managers, without vscode, so the
  // tree tests load them on Node and no manager ↔ text cycle comes back.
  boundary({
    files: ['src/runners/info.ts', 'src/tree/sessionText.ts', 'src/tree/proxyText.ts'],
    allowed: ['\\.\\./smpp/', '\\.\\./runners/info$', '\\./(?:info|sessionText|proxyText)$'],
    message: 'The row texts and src/runners/info.ts may import only src/smpp/, the info types and each other: not vscode, not a manager.',
  }),
);
