// Maps the connection model to rows of the `smpp.connections` view. It only reads the model:
// no row reaches into a socket or a file.
import * as vscode from 'vscode';
import type { ConfigProblem } from './config/connectionFile';
import type { ConnectionEntry, ConnectionFileEntry, ConnectionModel } from './connectionModel';
import { Disposable } from './lifecycle';

export type Row =
  | { kind: 'file'; file: ConnectionFileEntry }
  | { kind: 'connection'; connection: ConnectionEntry }
  | { kind: 'problem'; file: ConnectionFileEntry; problem: ConfigProblem; connection?: ConnectionEntry };

export class ConnectionsTreeProvider extends Disposable implements vscode.TreeDataProvider<Row> {
  private readonly changeEmitter = this.register(new vscode.EventEmitter<Row | undefined>());
  readonly onDidChangeTreeData = this.changeEmitter.event;

  constructor(private readonly model: ConnectionModel) {
    super();
    this.register(model.onDidChange(() => this.changeEmitter.fire(undefined)));
  }

  async getChildren(row?: Row): Promise<Row[]> {
    if (!row) {
      await this.model.ready();
      const files = this.model.fileEntries;
      if (files.length === 1) return fileChildren(files[0]);
      return files.map((file) => ({ kind: 'file', file }));
    }
    if (row.kind === 'file') return fileChildren(row.file);
    if (row.kind === 'connection') {
      return row.connection.parsed.problems.map((problem) => ({ kind: 'problem', file: row.connection.file, problem, connection: row.connection }));
    }
    return [];
  }

  getTreeItem(row: Row): vscode.TreeItem {
    switch (row.kind) {
      case 'file':
        return fileItem(row.file);
      case 'connection':
        return connectionItem(row.connection);
      case 'problem':
        return problemItem(row.file, row.problem);
    }
  }
}

function fileChildren(file: ConnectionFileEntry): Row[] {
  return [
    ...file.problems.map((problem): Row => ({ kind: 'problem', file, problem })),
    ...file.connections.map((connection): Row => ({ kind: 'connection', connection })),
  ];
}

function fileItem(file: ConnectionFileEntry): vscode.TreeItem {
  const item = new vscode.TreeItem(file.label, vscode.TreeItemCollapsibleState.Expanded);
  item.id = `file:${file.uri.toString()}`;
  item.resourceUri = file.uri;
  item.contextValue = 'smpp.file';
  item.iconPath = file.problems.some((p) => p.severity === 'error') ? new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground')) : vscode.ThemeIcon.File;
  item.description = `${file.connections.length} connection${file.connections.length === 1 ? '' : 's'}`;
  item.command = { command: 'smpp.openDefinition', title: 'Open Definition', arguments: [file.uri, 1, 1] };
  return item;
}

function connectionItem(connection: ConnectionEntry): vscode.TreeItem {
  const def = connection.parsed.definition;
  const errors = connection.parsed.problems.filter((p) => p.severity === 'error');
  const item = new vscode.TreeItem(def.name, connection.parsed.problems.length ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
  item.id = `connection:${connection.id}`;
  item.contextValue = errors.length ? 'smpp.connection.invalid' : 'smpp.connection';
  item.description = errors.length ? `invalid: ${errors[0].message}` : 'closed';
  item.iconPath = errors.length
    ? new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'))
    : new vscode.ThemeIcon('debug-disconnect', new vscode.ThemeColor('disabledForeground'));
  const endpoint = def.simulator ? 'built-in SMSC simulator (loopback)' : `${def.host}:${def.port}${def.tls ? ' (TLS)' : ''}`;
  const tooltip = new vscode.MarkdownString(undefined, true);
  tooltip.appendMarkdown(`**${escapeMd(def.name)}**\n\n`);
  tooltip.appendMarkdown(`- Endpoint: ${escapeMd(endpoint)}\n`);
  tooltip.appendMarkdown(`- Bind: ${def.bind} as \`${escapeMd(def.system_id)}\`, SMPP ${def.interface_version}\n`);
  for (const p of connection.parsed.problems) tooltip.appendMarkdown(`- ${p.severity === 'error' ? '$(error)' : '$(warning)'} ${escapeMd(p.message)} (line ${p.line})\n`);
  item.tooltip = tooltip;
  return item;
}

function problemItem(file: ConnectionFileEntry, problem: ConfigProblem): vscode.TreeItem {
  const item = new vscode.TreeItem(problem.message, vscode.TreeItemCollapsibleState.None);
  item.description = `${file.label}:${problem.line}:${problem.column}`;
  item.contextValue = 'smpp.problem';
  item.iconPath = new vscode.ThemeIcon(problem.severity === 'error' ? 'error' : 'warning', new vscode.ThemeColor(problem.severity === 'error' ? 'errorForeground' : 'editorWarning.foreground'));
  item.tooltip = `${file.label}, line ${problem.line}, column ${problem.column}: ${problem.message}`;
  item.command = { command: 'smpp.openDefinition', title: 'Open Definition', arguments: [file.uri, problem.line, problem.column] };
  return item;
}

function escapeMd(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}
