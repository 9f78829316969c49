// `npm start`: build the .vsix, then open examples/ in VS Code with the extension loaded.
// - With a desktop `code` command: an Extension Development Host on this repository.
// - Otherwise: code-server on 127.0.0.1 with the .vsix installed, until Ctrl+C.
//   PORT picks the port (default 8080; a free one when that is taken). The first time, the
//   Debian packages that installing code-server needs are installed (the `start` preflight),
//   then code-server itself into .cache/code-server. No browser is needed here: you open the
//   printed URL in your own.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { URLSearchParams } from 'node:url';
import { REPO_ROOT, codeServerInstalled, ensureCodeServer, startCodeServer } from './codeServer.mjs';
import { onPath, preflight } from './preflight.mjs';

const EXAMPLES = path.join(REPO_ROOT, 'examples');
const VSIX = path.join(REPO_ROOT, 'dist', 'smpp-session-panel.vsix');

/** Runs a command with the terminal attached; resolves with its exit code. */
function run(command, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: REPO_ROOT, stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

async function main() {
  const desktop = onPath('code');
  if (!desktop) await preflight('start', { codeServerInstalled: codeServerInstalled() });

  const built = await run('npm', ['run', 'package']);
  if (built !== 0) return built;

  if (desktop) {
    console.log(`Opening ${EXAMPLES} in an Extension Development Host`);
    return run('code', [`--extensionDevelopmentPath=${REPO_ROOT}`, EXAMPLES]);
  }

  await ensureCodeServer();
  const wanted = Number(process.env.PORT || 8080);
  if (!Number.isInteger(wanted) || wanted <= 0 || wanted > 65535) throw new Error(`PORT=${process.env.PORT} is not a port number`);
  const server = await startCodeServer({ workspaceFolder: EXAMPLES, vsix: VSIX, port: wanted, portFallback: true });
  if (server.port !== wanted) console.log(`Port ${wanted} is in use; using ${server.port} instead.`);

  let stopping;
  const stop = () => (stopping ??= server.stop());
  const signalled = new Promise((resolve) => {
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.once(signal, () => resolve(signal));
  });
  console.log('');
  console.log(`SMPP Session Panel is running in code-server (VS Code 1.100) with the examples workspace:`);
  console.log('');
  console.log(`    ${server.url}?${new URLSearchParams({ folder: EXAMPLES })}`);
  console.log('');
  console.log(`Logs: ${server.logsDir} (the extension's: exthost*/smpp-session-panel.smpp-session-panel/SMPP.log)`);
  console.log('Press Ctrl+C to stop.');

  try {
    const why = await Promise.race([signalled, server.exited.then(() => 'exit')]);
    if (why === 'exit') {
      stopping ??= server.stop({ keepFiles: true });
      await stopping;
      console.error(`code-server exited by itself; its output is in ${server.outputLog}`);
      return 1;
    }
    console.log(`\nStopping code-server (${why})...`);
    return 0;
  } finally {
    await stop();
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
