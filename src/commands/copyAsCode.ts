// "SMPP: Copy as Code", on a connection row or from the palette: picks the connection here, then
// loads the snippet generators (with the request file features, src/lazy.ts) to ask the rest.
import * as vscode from 'vscode';
import { lazy } from '../lazy';
import type { ConnectionModel } from '../model/connectionModel';
import type { SessionManager } from '../runners/sessionManager';
import { connectionFor } from './pickConnection';

export function registerCopyAsCodeCommand(model: ConnectionModel, sessions: SessionManager): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('smpp.copyAsCode', async (arg?: unknown) => {
      const c = await connectionFor(arg, model, sessions, 'copy as code');
      if (!c) return;
      await lazy.editor().copyConnectionAsCode(c, sessions);
    }),
  ];
}
