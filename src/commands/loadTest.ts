// "SMPP: Run Load Test": registered at activation; its questions, the run and its panel
// (src/commands/loadTestRun.ts, dist/loadtest-host.js) load when the command first runs.
import * as vscode from 'vscode';
import type { ConnectionModel } from '../model/connectionModel';
import type { SmppLog } from '../log';
import type { SessionManager } from '../runners/sessionManager';
import type { loadTests } from './loadTestRun';
import { lazy } from '../lazy';

export function registerLoadTestCommand(context: vscode.ExtensionContext, model: ConnectionModel, sessions: SessionManager, log: SmppLog): vscode.Disposable[] {
  let tests: ReturnType<typeof loadTests> | undefined;
  return [
    vscode.commands.registerCommand('smpp.runLoadTest', (arg?: unknown) => (tests ??= lazy.loadTest().loadTests(context, model, sessions, log)).run(arg)),
    // Closing the panels cancels their runs.
    { dispose: () => tests?.dispose() },
  ];
}
