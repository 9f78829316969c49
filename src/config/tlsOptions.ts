// A connection's TLS options for Node: the CA, certificate and key PEM files its `tls` names (paths
// relative to its .smpp.json), read through the caller's file system (Node's in the CLI, VS Code's
// in the extension). Certificates are verified unless the file says `"rejectUnauthorized": false`.
// A file that cannot be read is a TlsFileError naming the connection, the field, the resolved path
// and, in words, what is wrong.
import type { TcpEndpoint } from '../smpp/link/transport';
import type { TlsOptions } from './connectionFile';
import { fileErrorWords } from './fileErrors';

export class TlsFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TlsFileError';
  }
}

/** A file named in `tls`: its resolved path (for people) and how to read it. */
export interface TlsFile {
  path: string;
  read(): PromiseLike<Uint8Array> | Uint8Array;
}

const FILE_FIELDS = ['ca', 'cert', 'key'] as const;

/** Node's TLS connection options, as the transport takes them. */
export type TlsConnectOptions = Exclude<TcpEndpoint['tls'], false | undefined>;

export async function tlsConnectionOptions(connection: string, tls: boolean | TlsOptions, open: (relative: string) => TlsFile): Promise<TlsConnectOptions> {
  if (tls === true) return { rejectUnauthorized: true };
  if (tls === false) return {};
  const out: TlsConnectOptions = {};
  const text = new TextDecoder('utf-8');
  // One after the other, so that of several bad files the message always names the first.
  for (const field of FILE_FIELDS) {
    const relative = tls[field];
    if (!relative) continue;
    const file = open(relative);
    try {
      // PEM files: text, as Node takes them.
      out[field] = text.decode(await file.read());
    } catch (err) {
      throw new TlsFileError(`${connection}: cannot read tls.${field} ${file.path}: ${fileErrorWords(err)}`);
    }
  }
  if (tls.servername) out.servername = tls.servername;
  out.rejectUnauthorized = tls.rejectUnauthorized !== false;
  return out;
}
