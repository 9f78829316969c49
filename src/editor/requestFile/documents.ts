// A request file as the editor holds it, parsed once per version with what the workspace knows:
// the connections its blocks may name, and the vendor TLVs of the connection file they name.
import type * as vscode from 'vscode';
import type { ConnectionEntry, ConnectionModel } from '../../model/connectionModel';
import { parseRequestFile, type ParsedRequestFile, type RequestBlock } from '../../smpp/requests';
import type { TlvDictionary } from '../../smpp/tables/tlvDictionary';

export const REQUEST_LANGUAGE = 'smpp-request';

/** What a request file is read with. */
export interface RequestFileContext {
  /** The workspace's connection names; undefined while none are known (nothing is flagged then). */
  connections?: string[];
  /** The vendor TLVs of the first connection the file names that has any. */
  dictionary?: TlvDictionary;
}

/** The `connection:` values written in a text, in order (a cheap pass before the real parse). */
function namedConnections(text: string): string[] {
  const names: string[] = [];
  for (const m of text.matchAll(/^[ \t]*connection[ \t]*:[ \t]*(.*?)[ \t]*$/gm)) if (m[1]) names.push(m[1]);
  return names;
}

/** The connection a block names, among the workspace's (one in the request file's folder first). */
export function connectionNamed(model: ConnectionModel, name: string, near?: vscode.Uri): ConnectionEntry | undefined {
  const all = model.connections.filter((c) => c.parsed.definition.name === name);
  if (all.length <= 1 || near === undefined) return all[0];
  const folder = near.path.slice(0, near.path.lastIndexOf('/') + 1);
  return all.find((c) => c.file.uri.path.startsWith(folder)) ?? all[0];
}

export function contextFor(text: string, model: ConnectionModel, near?: vscode.Uri): RequestFileContext {
  const names = model.connections.map((c) => c.parsed.definition.name);
  let dictionary: TlvDictionary | undefined;
  for (const name of namedConnections(text)) {
    dictionary = connectionNamed(model, name, near)?.parsed.tlvs;
    if (dictionary) break;
  }
  return { ...(names.length > 0 ? { connections: names } : {}), ...(dictionary ? { dictionary } : {}) };
}

/** Parses documents, keeping the last parse of each (by URI and version). */
export class RequestDocuments {
  private readonly cache = new Map<string, { version: number; modelVersion: number; parsed: ParsedRequestFile; context: RequestFileContext }>();
  private modelVersion = 0;

  constructor(private readonly model: ConnectionModel) {}

  /** The connections changed: every parse is stale. */
  modelChanged(): void {
    this.modelVersion++;
  }

  read(document: vscode.TextDocument): { parsed: ParsedRequestFile; context: RequestFileContext; text: string } {
    const key = document.uri.toString();
    const text = document.getText();
    const hit = this.cache.get(key);
    if (hit && hit.version === document.version && hit.modelVersion === this.modelVersion) return { parsed: hit.parsed, context: hit.context, text };
    const context = contextFor(text, this.model, document.uri);
    const parsed = parseRequestFile(text, context);
    this.cache.set(key, { version: document.version, modelVersion: this.modelVersion, parsed, context });
    return { parsed, context, text };
  }

  forget(document: vscode.TextDocument): void {
    this.cache.delete(document.uri.toString());
  }
}

/** A block that sends something: it names a PDU. */
export function sendable(b: RequestBlock): boolean {
  return b.command !== undefined;
}

/** The block holding a line. */
export function blockAt(parsed: ParsedRequestFile, line: number): RequestBlock | undefined {
  return parsed.blocks.find((b) => b.startLine <= line && line <= b.endLine);
}
