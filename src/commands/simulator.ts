// "SMPP: Start Local SMSC Simulator" / "Stop Local SMSC Simulator": the built-in simulator on
// a loopback port, for the user's own applications to bind to. Its PDUs go to the SMPP log.
// "SMPP: Simulator Faults…": switches the faults of a simulator connection's running simulator.
import * as vscode from 'vscode';
import { lazy } from '../lazy';
import type { SmppLog } from '../log';
import type { ConnectionModel } from '../model/connectionModel';
import type { ProxyManager } from '../runners/proxyManager';
import type { SessionManager } from '../runners/sessionManager';
import type { RunningSimulator } from '../smpp/simulator/embedded';
import type { SmscFaults } from '../smpp/simulator/faults';
import type { FaultChoice } from '../smpp/simulator/faultText';
import { ask } from './inputs';
import { connectionFor } from './pickConnection';

export function registerSimulatorCommands(log: SmppLog, model: ConnectionModel, sessions: SessionManager, proxies: ProxyManager): vscode.Disposable[] {
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
    vscode.commands.registerCommand('smpp.simulatorFaults', async (arg?: unknown) => {
      // The simulator of a bound session, or of a running proxy in front of it.
      const runnerOf = (id: string): SessionManager | ProxyManager | undefined => (sessions.simulator(id) ? sessions : proxies.simulator(id) ? proxies : undefined);
      const connection = await connectionFor(arg, model, sessions, 'switch simulator faults on', (c) => runnerOf(c.id) !== undefined);
      if (!connection) return;
      const runner = runnerOf(connection.id);
      const sim = runner?.simulator(connection.id);
      const def = connection.parsed.definition;
      if (!runner || !sim) {
        void vscode.window.showInformationMessage(
          !def.simulator ? `${def.name} does not use the built-in simulator.` : def.proxy ? `${def.name} has no simulator running: start the proxy first.` : `${def.name} has no simulator running: bind it first.`,
        );
        return;
      }
      const update = await pickFaults(def.name, sim.currentFaults);
      if (!update) return;
      try {
        runner.setSimulatorFaults(connection, update);
      } catch (err) {
        void vscode.window.showErrorMessage(err instanceof Error ? err.message : String(err));
      }
    }),
    { dispose: () => void stop() },
  ];
}

interface FaultItem extends vscode.QuickPickItem {
  choice: FaultChoice;
}

/**
 * The faults to switch: a pick with every fault, those on ticked; then, for each one ticked that
 * takes a value, that value (the current one to start from). Resolves with the whole update (the
 * ones left unticked switched off), or undefined when the user backs out anywhere.
 */
async function pickFaults(name: string, current: Readonly<SmscFaults>): Promise<SmscFaults | undefined> {
  // A simulator runs, so its bundle (with the faults' words) is loaded.
  const { FAULT_CHOICES, faultValueInput, faultValueText, parseFaultValue } = lazy.simulator();
  const items: FaultItem[] = FAULT_CHOICES.map((choice) => {
    const value = faultValueText(choice.name, current);
    return { label: choice.label, description: current[choice.name] === undefined ? choice.name : `${choice.name}: on${value ? `, ${value}` : ''}`, detail: choice.detail, picked: current[choice.name] !== undefined, choice };
  });
  const picked = await vscode.window.showQuickPick(items, {
    title: `SMPP: simulator faults of ${name}`,
    placeHolder: 'Tick the faults to switch on, untick those to switch off',
    canPickMany: true,
    ignoreFocusOut: true,
  });
  if (!picked) return undefined;
  const on = new Set(picked.map((i) => i.choice.name));
  const update: SmscFaults = {};
  for (const choice of FAULT_CHOICES) {
    if (!on.has(choice.name)) {
      if (current[choice.name] !== undefined) Object.assign(update, { [choice.name]: undefined });
      continue;
    }
    if (!choice.ask) {
      Object.assign(update, { [choice.name]: true });
      continue;
    }
    const prompt = choice.ask.prompt;
    const text = await ask({
      title: `${name}: ${choice.label}`,
      value: faultValueInput(choice.name, current),
      placeholder: choice.ask.placeholder,
      prompt: () => prompt,
      check: (v) => {
        const r = parseFaultValue(choice.name, v);
        return 'error' in r ? r.error : undefined;
      },
      required: true,
    });
    if (text === undefined) return undefined;
    const r = parseFaultValue(choice.name, text);
    if ('error' in r) return undefined;
    Object.assign(update, { [choice.name]: r.value });
  }
  return update;
}
