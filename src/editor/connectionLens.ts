// CodeLens above each connection of a `*.smpp.json`: Bind (or Unbind, naming the state) ·
// enquire_link · Submit · Decoder, each running the command of the same name on that connection.
// Places come from the config parser's positions over the text as it stands in the editor; the
// lenses change when a session's state does (not on every keepalive).
import * as vscode from 'vscode';
import { MAX_CONNECTION_FILE_BYTES, parseConnectionFile } from '../config/connectionFile';
import { Disposable } from '../lifecycle';
import { connectionId } from '../model/connectionModel';
import type { SessionManager } from '../runners/sessionManager';

export class ConnectionLenses extends Disposable implements vscode.CodeLensProvider {
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  readonly onDidChangeCodeLenses = this.changed.event;
  /** The state each lens shows, by connection id. */
  private readonly shown = new Map<string, string>();

  constructor(private readonly sessions: SessionManager) {
    super();
    this.register(
      sessions.onDidChange((id) => {
        const state = this.shown.get(id);
        if (state !== undefined && state !== sessions.info(id).state) this.changed.fire();
      }),
    );
    this.register(vscode.languages.registerCodeLensProvider({ pattern: '**/*.smpp.json' }, this));
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const text = document.getText();
    if (text.length > MAX_CONNECTION_FILE_BYTES) return [];
    const lenses: vscode.CodeLens[] = [];
    for (const c of parseConnectionFile(text).connections) {
      const def = c.definition;
      if (!def.name) continue;
      const id = connectionId(document.uri, def.name);
      const range = new vscode.Range(c.line - 1, 0, c.line - 1, 0);
      const lens = (title: string, command: string, tooltip: string): void => {
        lenses.push(new vscode.CodeLens(range, { title, command, arguments: [id], tooltip }));
      };
      const state = this.sessions.info(id).state;
      this.shown.set(id, state);
      if (def.proxy) lens('Start proxy', 'smpp.startProxy', `Start ${def.name} as an analyser proxy`);
      else if (state === 'closed' || state === 'error') lens('Bind', 'smpp.bind', `Bind ${def.name}`);
      else lens(`${state} · Unbind`, 'smpp.unbind', `Unbind ${def.name}`);
      if (!def.proxy) lens('enquire_link', 'smpp.enquireLink', `Send enquire_link on ${def.name} (binds it first if needed)`);
      if (!def.proxy && def.bind !== 'receiver') lens('Submit', 'smpp.submit', `Submit a short message via ${def.name} (binds it first if needed)`);
      lens('Decoder', 'smpp.showTraffic', `Show the traffic of ${def.name} in the PDU decoder`);
    }
    return lenses;
  }
}
