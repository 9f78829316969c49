import * as vscode from 'vscode';
import type { SmppLog } from '../log';

export function registerLogCommands(log: SmppLog): vscode.Disposable[] {
  return [vscode.commands.registerCommand('smpp.showLog', () => log.show())];
}
