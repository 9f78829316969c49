// Commands of the analyser proxy: start it (applications can then bind to it), stop it (its
// clients are unbound on both sides first), and disconnect one application from a client row.
import * as vscode from 'vscode';
import type { ConnectionModel } from '../model/connectionModel';
import type { Row } from '../tree/connectionsTree';
import type { SmppLog } from '../log';
import type { ProxyManager } from '../runners/proxyManager';
import { formatEndpoint } from '../tree/proxyText';
import type { SessionManager } from '../runners/sessionManager';
import { connectionFor } from './pickConnection';

export function registerProxyCommands(model: ConnectionModel, sessions: SessionManager, proxies: ProxyManager, log: SmppLog): vscode.Disposable[] {
  const fail = (what: string, err: unknown): void => {
    const message = err instanceof Error ? err.message : String(err);
    log.error(`${what}: ${message}`);
    void vscode.window.showErrorMessage(`${what}: ${message}`);
  };
  const isProxy = (running: boolean) => (c: { id: string; parsed: { definition: { proxy?: unknown } } }) => c.parsed.definition.proxy !== undefined && proxies.isRunning(c.id) === running;
  return [
    vscode.commands.registerCommand('smpp.startProxy', async (arg?: unknown) => {
      const c = await connectionFor(arg, model, sessions, 'start as an analyser proxy', isProxy(false));
      if (!c) return;
      const name = c.parsed.definition.name;
      try {
        const address = await proxies.start(c);
        void vscode.window.showInformationMessage(`${name}: analyser proxy listening on ${formatEndpoint(address)}. Point your application there; every PDU it exchanges appears in the capture.`);
      } catch (err) {
        fail(`${name}: the proxy did not start`, err);
      }
    }),
    vscode.commands.registerCommand('smpp.stopProxy', async (arg?: unknown) => {
      const c = await connectionFor(arg, model, sessions, 'stop as an analyser proxy', isProxy(true));
      if (!c) return;
      try {
        await proxies.stop(c);
      } catch (err) {
        fail(`${c.parsed.definition.name}: the proxy did not stop cleanly`, err);
      }
    }),
    vscode.commands.registerCommand('smpp.disconnectProxyClient', async (arg?: unknown) => {
      const row = arg as Row | undefined;
      if (!row || typeof row !== 'object' || row.kind !== 'proxyClient') {
        void vscode.window.showInformationMessage('Run "Disconnect Application" from an application row under an analyser proxy in the SMPP view.');
        return;
      }
      const c = model.get(row.connection.id) ?? row.connection;
      try {
        await proxies.disconnect(c, row.client);
      } catch (err) {
        fail(`${c.parsed.definition.name}: client ${row.client} did not disconnect cleanly`, err);
      }
    }),
  ];
}
