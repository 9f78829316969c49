// One status bar item: bound/total connections, on the warning background when a connection
// that should be up is down. Clicking it opens the SMPP view.
import * as vscode from 'vscode';
import type { ConnectionModel } from './connectionModel';
import { Disposable } from './lifecycle';
import type { SessionManager } from './sessionManager';

export class SmppStatusBar extends Disposable {
  private readonly item = this.register(vscode.window.createStatusBarItem('smpp.status', vscode.StatusBarAlignment.Left, 10));

  constructor(
    private readonly model: ConnectionModel,
    private readonly sessions: SessionManager,
  ) {
    super();
    this.item.name = 'SMPP connections';
    this.item.command = 'smpp.connections.focus';
    this.register(model.onDidChange(() => this.update()));
    this.register(sessions.onDidChange(() => this.update()));
    this.update();
  }

  private update(): void {
    const connections = this.model.connections;
    if (connections.length === 0) {
      this.item.hide();
      return;
    }
    const infos = connections.map((c) => ({ name: c.parsed.definition.name, info: this.sessions.info(c.id) }));
    const bound = infos.filter((i) => i.info.state.startsWith('bound_')).length;
    const down = infos.filter((i) => i.info.wanted && !i.info.state.startsWith('bound_'));
    this.item.text = `$(radio-tower) SMPP ${bound}/${connections.length}`;
    this.item.backgroundColor = down.length ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.tooltip = down.length
      ? `${bound} of ${connections.length} SMPP connections bound. Down: ${down.map((d) => `${d.name} (${d.info.state}${d.info.lastError ? `: ${d.info.lastError}` : ''})`).join(', ')}`
      : `${bound} of ${connections.length} SMPP connections bound`;
    this.item.show();
  }
}
