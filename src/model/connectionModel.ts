// The connection model: every `*.smpp.json` in the workspace, parsed, kept current as files
// change, and announced through `onDidChange`. The tree, the status bar and the commands read
// from here; nothing here knows about tree rows.
import * as vscode from 'vscode';
import { fileTooLarge, MAX_CONNECTION_FILE_BYTES, parseConnectionFile, type ConfigProblem, type ParsedConnectionFile, type ParsedConnection } from '../config/connectionFile';
import { fileErrorWords } from '../config/fileErrors';
import { Disposable } from '../lifecycle';
import type { SmppLog } from '../log';

export const CONNECTION_FILE_GLOB = '**/*.smpp.json';
const EXCLUDE_GLOB = '**/node_modules/**';

export interface ConnectionEntry {
  /** Stable id: file URI + connection name. */
  readonly id: string;
  readonly file: ConnectionFileEntry;
  readonly parsed: ParsedConnection;
}

export interface ConnectionFileEntry {
  readonly uri: vscode.Uri;
  /** Path relative to its workspace folder, for display. */
  readonly label: string;
  readonly connections: ConnectionEntry[];
  readonly problems: ConfigProblem[];
}

export function connectionId(uri: vscode.Uri, name: string): string {
  return `${uri.toString()}#${encodeURIComponent(name)}`;
}

export class ConnectionModel extends Disposable {
  private readonly files = new Map<string, ConnectionFileEntry>();
  private readonly changeEmitter = this.register(new vscode.EventEmitter<void>());
  /** Fires after the set of files or connections changed. */
  readonly onDidChange = this.changeEmitter.event;
  private loaded: Promise<void> | undefined;

  constructor(private readonly log: SmppLog) {
    super();
    const watcher = this.register(vscode.workspace.createFileSystemWatcher(CONNECTION_FILE_GLOB));
    this.register(watcher.onDidCreate((uri) => void this.reload(uri)));
    this.register(watcher.onDidChange((uri) => void this.reload(uri)));
    this.register(watcher.onDidDelete((uri) => this.remove(uri)));
    this.register(vscode.workspace.onDidChangeWorkspaceFolders(() => void this.refresh()));
  }

  /** Finds and parses every connection file. Resolves once the first scan has finished. */
  ready(): Promise<void> {
    this.loaded ??= this.refresh();
    return this.loaded;
  }

  async refresh(): Promise<void> {
    const uris = await vscode.workspace.findFiles(CONNECTION_FILE_GLOB, EXCLUDE_GLOB);
    const keep = new Set(uris.map((u) => u.toString()));
    for (const key of [...this.files.keys()]) if (!keep.has(key)) this.files.delete(key);
    await Promise.all(uris.map((u) => this.load(u)));
    this.changeEmitter.fire();
  }

  get fileEntries(): ConnectionFileEntry[] {
    return [...this.files.values()].sort((a, b) => a.label.localeCompare(b.label));
  }

  get connections(): ConnectionEntry[] {
    return this.fileEntries.flatMap((f) => f.connections);
  }

  get(id: string): ConnectionEntry | undefined {
    return this.connections.find((c) => c.id === id);
  }

  private async reload(uri: vscode.Uri): Promise<void> {
    if (uri.path.includes('/node_modules/')) return;
    await this.load(uri);
    this.changeEmitter.fire();
  }

  private remove(uri: vscode.Uri): void {
    if (this.files.delete(uri.toString())) this.changeEmitter.fire();
  }

  private async load(uri: vscode.Uri): Promise<void> {
    let parsed: ParsedConnectionFile;
    try {
      // A file too large is refused unread: parsing it would stall the extension host.
      const { size } = await vscode.workspace.fs.stat(uri);
      parsed = size > MAX_CONNECTION_FILE_BYTES ? { connections: [], problems: [fileTooLarge(size)] } : parseConnectionFile(new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri)));
    } catch (err) {
      this.files.delete(uri.toString());
      this.log.warn(`could not read ${uri.fsPath}: ${fileErrorWords(err)}`);
      return;
    }
    const file: ConnectionFileEntry = {
      uri,
      label: vscode.workspace.asRelativePath(uri, false),
      connections: [],
      problems: parsed.problems,
    };
    for (const c of parsed.connections) {
      file.connections.push({ id: connectionId(uri, c.definition.name), file, parsed: c });
    }
    this.files.set(uri.toString(), file);
    const count = parsed.problems.length + parsed.connections.reduce((n, c) => n + c.problems.length, 0);
    this.log.info(`loaded ${file.label}: ${parsed.connections.length} connection(s)${count ? `, ${count} problem(s)` : ''}`);
  }
}
