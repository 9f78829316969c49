// Wiring only: create the model, the sessions, the views and the commands, and hand every
// registration to the extension context for disposal. The session engine, the simulator, the
// proxy, the load test, the decoder and the hover's codec are not loaded here: src/lazy.ts loads
// each the first time it is used.
import * as vscode from 'vscode';
import { registerConnectionFileCommands } from './commands/connectionFiles';
import { registerCopyAsCodeCommand } from './commands/copyAsCode';
import { registerDecoderCommands } from './commands/decoder';
import { registerLoadTestCommand } from './commands/loadTest';
import { registerLogCommands } from './commands/log';
import { registerOpenCaptureCommand } from './commands/openCapture';
import { registerProxyCommands } from './commands/proxy';
import { registerRequestFiles } from './commands/requests';
import { registerSessionCommands } from './commands/session';
import { registerSimulatorCommands } from './commands/simulator';
import { registerSubmitCommand } from './commands/submit';
import { DecoderOnDemand, registerHexHoverOnDemand } from './commands/decoderOnDemand';
import { ConfigDiagnostics } from './editor/configDiagnostics';
import { SmppLog } from './log';
import { ConnectionModel } from './model/connectionModel';
import { ProxyManager } from './runners/proxyManager';
import { SessionManager } from './runners/sessionManager';
import { CaptureStore } from './smpp/capture';
import { ConnectionsTreeProvider } from './tree/connectionsTree';
import { SmppStatusBar } from './tree/statusBar';

export function activate(context: vscode.ExtensionContext): void {
  const started = performance.now();

  // Model
  const log = new SmppLog();
  const model = new ConnectionModel(log);
  const capture = new CaptureStore(vscode.workspace.getConfiguration('smpp').get<number>('captureSize', 10_000));
  const sessions = new SessionManager(model, context.secrets, log, capture);
  const proxies = new ProxyManager(model, context.secrets, log, capture);
  context.subscriptions.push(log, model, sessions, proxies);

  // Views
  const tree = new ConnectionsTreeProvider(model, sessions, proxies);
  context.subscriptions.push(tree, vscode.window.createTreeView('smpp.connections', { treeDataProvider: tree, showCollapseAll: true }));
  context.subscriptions.push(new SmppStatusBar(model, sessions, proxies), new ConfigDiagnostics(model));
  const decoder = new DecoderOnDemand({ extensionUri: context.extensionUri, capture, log, model, sessions });
  context.subscriptions.push(decoder, registerHexHoverOnDemand(model));

  // Commands
  context.subscriptions.push(
    ...registerConnectionFileCommands(model),
    ...registerLogCommands(log),
    ...registerSessionCommands(model, sessions, log),
    ...registerProxyCommands(model, sessions, proxies, log),
    ...registerSubmitCommand(model, sessions, log),
    ...registerLoadTestCommand(context, model, sessions, log),
    ...registerSimulatorCommands(log, model, sessions, proxies),
    ...registerDecoderCommands(decoder, model, sessions),
    ...registerOpenCaptureCommand(decoder, capture, log),
    ...registerRequestFiles(model, sessions, log),
    ...registerCopyAsCodeCommand(model, sessions),
  );

  // Trust: an untrusted workspace lists connections but never connects.
  context.subscriptions.push(vscode.workspace.onDidGrantWorkspaceTrust(() => model.refresh()));

  void model.ready().then(() => autoBind(model, sessions, proxies, log));
  log.info(`SMPP Session Panel activated in ${(performance.now() - started).toFixed(1)} ms (workspace ${vscode.workspace.isTrusted ? 'trusted' : 'untrusted'})`);
}

function autoBind(model: ConnectionModel, sessions: SessionManager, proxies: ProxyManager, log: SmppLog): void {
  if (!vscode.workspace.isTrusted) return;
  for (const c of model.connections) {
    if (!c.parsed.definition.autoBind || c.parsed.problems.some((p) => p.severity === 'error')) continue;
    if (c.parsed.definition.proxy) {
      proxies.start(c).catch((err: unknown) => log.error(`${c.parsed.definition.name}: autoBind could not start the proxy: ${err instanceof Error ? err.message : String(err)}`));
      continue;
    }
    sessions.bind(c).catch((err: unknown) => log.error(`${c.parsed.definition.name}: autoBind failed: ${err instanceof Error ? err.message : String(err)}`));
  }
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
