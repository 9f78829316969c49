// Reads the TLS files a connection names (paths relative to its .smpp.json) into Node TLS
// options. Certificates are verified unless the file says `"rejectUnauthorized": false`.
import type { ConnectionOptions } from 'node:tls';
import * as vscode from 'vscode';
import type { TlsOptions } from '../config/connectionFile';

export async function loadTlsOptions(tls: boolean | TlsOptions, fileUri: vscode.Uri): Promise<ConnectionOptions> {
  if (tls === true) return { rejectUnauthorized: true };
  if (tls === false) return {};
  const dir = vscode.Uri.joinPath(fileUri, '..');
  const read = async (what: string, rel: string | undefined): Promise<Buffer | undefined> => {
    if (!rel) return undefined;
    const uri = rel.startsWith('/') ? vscode.Uri.file(rel) : vscode.Uri.joinPath(dir, rel);
    try {
      return Buffer.from(await vscode.workspace.fs.readFile(uri));
    } catch {
      throw new Error(`cannot read the TLS ${what} file ${uri.fsPath}`);
    }
  };
  const [ca, cert, key] = await Promise.all([read('CA', tls.ca), read('certificate', tls.cert), read('key', tls.key)]);
  return {
    ...(ca ? { ca } : {}),
    ...(cert ? { cert } : {}),
    ...(key ? { key } : {}),
    ...(tls.servername ? { servername: tls.servername } : {}),
    rejectUnauthorized: tls.rejectUnauthorized !== false,
  };
}
