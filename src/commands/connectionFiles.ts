// Commands about the connection files themselves: scaffold a new one, open a definition,
// re-scan the workspace.
import * as vscode from 'vscode';
import type { ConnectionModel } from '../model/connectionModel';
import type { Row } from '../tree/connectionsTree';

export const NEW_FILE_TEMPLATE = `{
  "connections": [
    {
      "name": "Local simulator",
      "simulator": { "deliveryReceiptDelay": 2 },
      "system_id": "test",
      "password": "\${prompt}",
      "bind": "transceiver"
    }
  ]
}
`;

export function registerConnectionFileCommands(model: ConnectionModel): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('smpp.refreshConnections', () => model.refresh()),
    vscode.commands.registerCommand('smpp.newConnectionFile', newConnectionFile),
    vscode.commands.registerCommand('smpp.openDefinition', (target?: Row | vscode.Uri, line?: number, column?: number) => openDefinition(target, line, column)),
  ];
}

async function newConnectionFile(): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) {
    void vscode.window.showWarningMessage('Open a folder first: SMPP connections live in *.smpp.json files in the workspace.');
    return;
  }
  let uri = vscode.Uri.joinPath(folder.uri, 'connections.smpp.json');
  for (let i = 2; await exists(uri); i++) uri = vscode.Uri.joinPath(folder.uri, `connections-${i}.smpp.json`);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(NEW_FILE_TEMPLATE));
  await vscode.window.showTextDocument(uri);
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

async function openDefinition(target: Row | vscode.Uri | undefined, line = 1, column = 1): Promise<void> {
  let uri: vscode.Uri | undefined;
  if (target instanceof vscode.Uri) uri = target;
  else if (target?.kind === 'connection') {
    uri = target.connection.file.uri;
    line = target.connection.parsed.line;
    column = target.connection.parsed.column;
  } else if (target?.kind === 'file') uri = target.file.uri;
  else if (target?.kind === 'problem') {
    uri = target.file.uri;
    line = target.problem.line;
    column = target.problem.column;
  }
  if (!uri) return;
  const pos = new vscode.Position(Math.max(0, line - 1), Math.max(0, column - 1));
  await vscode.window.showTextDocument(uri, { selection: new vscode.Range(pos, pos) });
}
