// Request files (`*.smpp`) and the CodeLens of connection files, as registered at activation: the
// commands Send Request, Send Request ×N and Copy Request as Code, and a watch for the first
// request or connection file an editor opens. What they do, and the providers of the request
// language (completion, hover, diagnostics, CodeLens), load with dist/editor.js at that moment.
import * as vscode from 'vscode';
import type { ConnectionModel } from '../model/connectionModel';
import type { SmppLog } from '../log';
import { lazy } from '../lazy';
import type { SessionManager } from '../runners/sessionManager';

type Features = ReturnType<ReturnType<typeof lazy.editor>['editorFeatures']>;

export function registerRequestFiles(model: ConnectionModel, sessions: SessionManager, log: SmppLog): vscode.Disposable[] {
  let features: Features | undefined;
  const load = (): Features => (features ??= lazy.editor().editorFeatures({ model, sessions, log }));
  const opened = (d: vscode.TextDocument): void => {
    if (!features && (d.languageId === 'smpp-request' || d.uri.path.endsWith('.smpp.json'))) load();
  };
  vscode.workspace.textDocuments.forEach(opened);
  return [
    vscode.workspace.onDidOpenTextDocument(opened),
    vscode.commands.registerCommand('smpp.sendRequest', (uri?: unknown, block?: unknown) => load().send(uri, block, false)),
    vscode.commands.registerCommand('smpp.sendRequestRepeat', (uri?: unknown, block?: unknown) => load().send(uri, block, true)),
    vscode.commands.registerCommand('smpp.copyRequestAsCode', (uri?: unknown, block?: unknown) => load().copyAsCode(uri, block)),
    { dispose: () => features?.dispose() },
  ];
}
