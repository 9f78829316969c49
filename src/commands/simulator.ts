// "SMPP: Start Local SMSC Simulator" / "Stop Local SMSC Simulator": the built-in simulator on
// a loopback port, for the user's own applications to bind to. Its PDUs go to the SMPP log.
import * as vscode from 'vscode';
import { lazy } from '../lazy';
import type { SmppLog } from '../log';
import type { RunningSimulator } from '../smpp/simulator/embedded';

export function registerSimulatorCommands(log: SmppLog): vscode.Disposable[] {
  let running: RunningSimulator | undefined;
  const stop = async (): Promise<void> => {
    const r = running;
    running = undefined;
    await vscode.commands.executeCommand('setContext', 'smpp.simulatorRunning', false);
    if (r) {
      await r.close();
      log.info(`local SMSC simulator on ${r.host}:${r.port} stopped`);
    }
  };
  return [
    vscode.commands.registerCommand('smpp.startSimulator', async () => {
      if (running) {
        void vscode.window.showInformationMessage(`The local SMSC simulator already listens on ${running.host}:${running.port}.`);
        return;
      }
      const config = vscode.workspace.getConfiguration('smpp.simulator');
      const port = config.get<number>('port', 2775);
      const options = {
        deliveryReceiptDelay: config.get<number>('deliveryReceiptDelay', 2),
        log: (line: string) => log.info(`[simulator] ${line}`),
      };
      try {
        const { startSimulator } = lazy.simulator();
        try {
          running = await startSimulator({ ...options, port });
        } catch (err) {
          if ((err as { code?: string }).code !== 'EADDRINUSE' || port === 0) throw err;
          log.warn(`port ${port} is in use; the local simulator takes a free port instead`);
          running = await startSimulator({ ...options, port: 0 });
        }
      } catch (err) {
        void vscode.window.showErrorMessage(`The local SMSC simulator could not start: ${err instanceof Error ? err.message : String(err)}`);
        return;
      }
      await vscode.commands.executeCommand('setContext', 'smpp.simulatorRunning', true);
      log.info(`local SMSC simulator listening on ${running.host}:${running.port}`);
      void vscode.window.showInformationMessage(`Local SMSC simulator listening on ${running.host}:${running.port}. Any system_id and password bind.`);
    }),
    vscode.commands.registerCommand('smpp.stopSimulator', async () => {
      if (!running) {
        void vscode.window.showInformationMessage('The local SMSC simulator is not running.');
        return;
      }
      await stop();
    }),
    { dispose: () => void stop() },
  ];
}
