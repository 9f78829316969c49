// Runs a generated snippet as its own process (node, perl, python3, gofmt) and waits for it to end.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tempDir } from '../../support/tempDir';

export const REPO = resolve(__dirname, '../../..');

export interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Writes `text` to a scratch file named `name`; its path. */
export function scratch(name: string, text: string): string {
  const path = join(tempDir('smpp-snippet'), name);
  writeFileSync(path, text);
  return path;
}

/** Runs `command args` until it exits; env is added to a clean PATH/HOME. */
export function run(command: string, args: readonly string[], env: Record<string, string> = {}): Promise<Ran> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, {
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    child.once('error', fail);
    child.once('close', (code) => done({ code, stdout, stderr }));
  });
}
