// What dist/editor.js sets up when the first request or connection file opens (or a request
// command first runs): the CodeLens of connection files, the request language's providers, and
// the Send and Copy as code actions behind the commands src/commands/requests.ts registers.
import * as vscode from 'vscode';
import type { SmppLog } from '../../log';
import type { ConnectionModel } from '../../model/connectionModel';
import type { SessionManager } from '../../runners/sessionManager';
import { ConnectionLenses } from '../connectionLens';
import { CopyAsCode } from './copyAsCode';
import { RequestDocuments } from './documents';
import { RequestFileProviders } from './providers';
import { ResultDocuments } from './results';
import { RequestSender } from './send';

export interface EditorFeatureServices {
  model: ConnectionModel;
  sessions: SessionManager;
  log: SmppLog;
}

export function editorFeatures({ model, sessions, log }: EditorFeatureServices): {
  send(uri: unknown, block: unknown, askCount: boolean): Promise<void>;
  copyAsCode(uri: unknown, block: unknown): Promise<void>;
} & vscode.Disposable {
  const documents = new RequestDocuments(model);
  const results = new ResultDocuments();
  const disposables: vscode.Disposable[] = [new ConnectionLenses(sessions), new RequestFileProviders(documents, model), results];
  const sender = new RequestSender(documents, model, sessions, log, results);
  const copier = new CopyAsCode(documents, model, sessions);
  return {
    send: (uri, block, askCount) => sender.send(uri, block, askCount),
    copyAsCode: (uri, block) => copier.run(uri, block),
    dispose: () => {
      sender.dispose();
      disposables.forEach((d) => d.dispose());
    },
  };
}
