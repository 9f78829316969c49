// Wiring only: create the model, the views and the commands, and hand every registration to
// the extension context for disposal.
import * as vscode from 'vscode';
import { registerConnectionFileCommands } from './commands/connectionFiles';
import { registerLogCommands } from './commands/log';
import { ConnectionModel } from './connectionModel';
import { ConnectionsTreeProvider } from './connectionsTree';
import { SmppLog } from './log';

export function activate(context: vscode.ExtensionContext): void {
  const started = performance.now();
  const log = new SmppLog();
  const model = new ConnectionModel(log);
  const tree = new ConnectionsTreeProvider(model);
  context.subscriptions.push(log, model, tree);

  // Views
  context.subscriptions.push(vscode.window.createTreeView('smpp.connections', { treeDataProvider: tree, showCollapseAll: true }));

  // Commands
  context.subscriptions.push(...registerConnectionFileCommands(model), ...registerLogCommands(log));

  void model.ready();
  log.info(`SMPP Session Panel activated in ${(performance.now() - started).toFixed(1)} ms (workspace ${vscode.workspace.isTrusted ? 'trusted' : 'untrusted'})`);
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
