// Commands that drive a connection's session: bind, unbind, enquire_link (binding first when
// needed), forget password.
import * as vscode from 'vscode';
import type { ConnectionModel } from '../model/connectionModel';
import type { SmppLog } from '../log';
import type { SessionManager } from '../runners/sessionManager';
import { boundConnectionFor, connectionFor } from './pickConnection';

export function registerSessionCommands(model: ConnectionModel, sessions: SessionManager, log: SmppLog): vscode.Disposable[] {
  const fail = (what: string, err: unknown): void => {
    const message = err instanceof Error ? err.message : String(err);
    log.error(`${what}: ${message}`);
    void vscode.window.showErrorMessage(`${what}: ${message}`);
  };
  return [
    vscode.commands.registerCommand('smpp.bind', async (arg?: unknown) => {
      const c = await connectionFor(arg, model, sessions, 'bind', (c) => !c.parsed.definition.proxy && !sessions.session(c.id)?.isBound);
      if (!c) return;
      const name = c.parsed.definition.name;
      // An analyser proxy is not bound itself: it listens, and the application binds through it.
      if (c.parsed.definition.proxy) return vscode.commands.executeCommand('smpp.startProxy', c.id);
      try {
        await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: `SMPP: binding ${name}` }, () => sessions.bind(c));
        const info = sessions.info(c.id);
        void vscode.window.showInformationMessage(`${name}: ${info.state} (${info.endpoint ?? ''})`);
      } catch (err) {
        fail(`${name}: bind failed`, err);
      }
    }),
    vscode.commands.registerCommand('smpp.unbind', async (arg?: unknown) => {
      const c = await connectionFor(arg, model, sessions, 'unbind', (c) => sessions.info(c.id).state !== 'closed');
      if (!c) return;
      try {
        await sessions.unbind(c);
      } catch (err) {
        fail(`${c.parsed.definition.name}: unbind failed`, err);
      }
    }),
    vscode.commands.registerCommand('smpp.enquireLink', async (arg?: unknown) => {
      const c = await boundConnectionFor(arg, model, sessions, 'send enquire_link', (c) => !c.parsed.definition.proxy, (s) => s?.isBound === true);
      if (!c) return;
      const name = c.parsed.definition.name;
      try {
        const rtt = await sessions.enquireLink(c);
        void vscode.window.showInformationMessage(`${name}: enquire_link_resp in ${rtt} ms`);
      } catch (err) {
        fail(`${name}: enquire_link failed`, err);
      }
    }),
    vscode.commands.registerCommand('smpp.forgetPassword', async (arg?: unknown) => {
      const c = await connectionFor(arg, model, sessions, 'forget the stored password of', (c) => c.parsed.definition.password === '${prompt}');
      if (!c) return;
      const had = await sessions.forgetPassword(c);
      void vscode.window.showInformationMessage(had ? `${c.parsed.definition.name}: stored password forgotten.` : `${c.parsed.definition.name}: no password was stored.`);
    }),
  ];
}
