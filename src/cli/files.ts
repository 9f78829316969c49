// The files the command line reads: a connection file (refused unread when it is not a regular
// file or is larger than MAX_CONNECTION_FILE_BYTES) and the TLS files a connection names, with
// what went wrong said in words.
import { readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileTooLarge, MAX_CONNECTION_FILE_BYTES, type ConnectionDefinition } from '../config/connectionFile';
import { fileErrorWords } from '../config/fileErrors';
import { tlsConnectionOptions, type TlsConnectOptions } from '../config/tlsOptions';

/** The text of a connection file, or what to print (`path: ...`) when it cannot be read. */
export function readConnectionFile(path: string): { text: string } | { error: string } {
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) return { error: `${path}: cannot read: is a directory, not a file` };
    // A FIFO or a device (/dev/zero) could block or never end.
    if (!stat.isFile()) return { error: `${path}: cannot read: not a regular file` };
    if (stat.size > MAX_CONNECTION_FILE_BYTES) return { error: `${path}: ${fileTooLarge(stat.size).message}` };
    return { text: readFileSync(path, 'utf8') };
  } catch (e) {
    return { error: `${path}: cannot read: ${fileErrorWords(e)}` };
  }
}

/** The TLS options of a connection defined in `file`; a file it names that cannot be read throws TlsFileError. */
export function readTlsOptions(def: Pick<ConnectionDefinition, 'name' | 'tls'>, file: string): Promise<TlsConnectOptions> {
  const dir = dirname(resolve(file));
  return tlsConnectionOptions(def.name, def.tls, (relative) => {
    const path = resolve(dir, relative);
    return { path, read: () => readFileSync(path) };
  });
}
