// One status bar item: bound/total sessions (analyser proxies apart: listening ones add their
// client count), on the warning background when a connection that should be up is down.
// Clicking it opens the SMPP view.
import * as vscode from 'vscode';
import type { ConnectionModel } from '../model/connectionModel';
import { Disposable } from '../lifecycle';
import type { ProxyManager } from '../runners/proxyManager';
import type { SessionManager } from '../runners/sessionManager';

export class SmppStatusBar extends Disposable {
  private readonly item = this.register(vscode.window.createStatusBarItem('smpp.status', vscode.StatusBarAlignment.Left, 10));

  constructor(
    private readonly model: ConnectionModel,
    private readonly sessions: SessionManager,
    private readonly proxies: ProxyManager,
  ) {
    super();
    this.item.name = 'SMPP connections';
    this.item.command = 'smpp.connections.focus';
    this.register(model.onDidChange(() => this.update()));
    this.register(sessions.onDidChange(() => this.update()));
    this.register(proxies.onDidChange(() => this.update()));
    this.update();
  }

  private update(): void {
    const all = this.model.connections;
    const connections = all.filter((c) => !c.parsed.definition.proxy);
    const listening = all.filter((c) => c.parsed.definition.proxy).map((c) => this.proxies.info(c)).filter((p) => p.state === 'listening');
    if (all.length === 0) {
      this.item.hide();
      return;
    }
    const infos = connections.map((c) => ({ name: c.parsed.definition.name, info: this.sessions.info(c.id) }));
    const bound = infos.filter((i) => i.info.state.startsWith('bound_')).length;
    const down = infos.filter((i) => i.info.wanted && !i.info.state.startsWith('bound_'));
    const clients = listening.reduce((n, p) => n + p.clients.length, 0);
    const proxyText = listening.length ? ` $(broadcast) ${clients}` : '';
    this.item.text = `$(radio-tower) SMPP${connections.length ? ` ${bound}/${connections.length}` : ''}${proxyText}`;
    this.item.backgroundColor = down.length ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.tooltip = down.length
      ? `${bound} of ${connections.length} SMPP connections bound. Down: ${down.map((d) => `${d.name} (${d.info.state}${d.info.lastError ? `: ${d.info.lastError}` : ''})`).join(', ')}`
      : `${bound} of ${connections.length} SMPP connections bound`;
    if (listening.length) this.item.tooltip += `; ${listening.length} analyser prox${listening.length === 1 ? 'y' : 'ies'} listening, ${clients} application${clients === 1 ? '' : 's'} connected`;
    this.item.show();
  }
}
