// Reads the TLS files a connection names (paths relative to its .smpp.json) through VS Code's file
// system into Node TLS options; src/config/tlsOptions.ts says what goes where and what went wrong.
import * as vscode from 'vscode';
import type { ConnectionDefinition } from '../config/connectionFile';
import { tlsConnectionOptions, type TlsConnectOptions } from '../config/tlsOptions';

export function loadTlsOptions(def: Pick<ConnectionDefinition, 'name' | 'tls'>, fileUri: vscode.Uri): Promise<TlsConnectOptions> {
  const dir = vscode.Uri.joinPath(fileUri, '..');
  return tlsConnectionOptions(def.name, def.tls, (relative) => {
    const uri = relative.startsWith('/') ? vscode.Uri.file(relative) : vscode.Uri.joinPath(dir, relative);
    return { path: uri.fsPath, read: () => vscode.workspace.fs.readFile(uri) };
  });
}
