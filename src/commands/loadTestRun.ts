// "SMPP: Run Load Test": on a connection (its tree row, or picked), asks count, rate, window,
// destinations, sources and the message (each pre-filled with what was typed last time on that
// connection), binds the connection when it is not bound (with the window asked for, and then,
// unless the user asks to stay bound, unbinds it at the end), and runs the test in a panel of its
// own. One run per connection
// at a time. Untrusted workspaces never connect, so the command refuses there. This is the
// command past its registration (src/commands/loadTest.ts): it loads when the command first runs.
import * as vscode from 'vscode';
import { UNTRUSTED_MESSAGE } from '../model/connectionPassword';
import type { ConnectionEntry, ConnectionModel } from '../model/connectionModel';
import type { SmppLog } from '../log';
import {
  coerceRemembered,
  defaultInputs,
  loadTestPlan,
  parseAddressInput,
  parseCount,
  parseMessageInput,
  parseRate,
  parseWindow,
  prefill,
  remember,
  windowNote,
  type LoadInputs,
  type Parsed,
} from '../loadtest/inputs';
import { LoadTestPanel } from '../loadtest/loadTestPanel';
import type { SessionManager } from '../runners/sessionManager';
import type { EsmeSession } from '../smpp/session/esme';
import { ask } from './inputs';
import { connectionFor } from './pickConnection';

/** workspaceState key: connection id → the answers typed last time. */
export const REMEMBERED_INPUTS_KEY = 'smpp.loadTest.lastInputs';

const error = <T>(p: Parsed<T>): string | undefined => (p.ok ? undefined : p.error);

function canLoad(c: ConnectionEntry): boolean {
  return !c.parsed.definition.proxy && c.parsed.definition.bind !== 'receiver';
}

/**
 * Where the receipts of a transmitter's submits come back: another connection of the window to
 * the same SMSC (host, port) and system_id, bound as a receiver or transceiver. Not for the
 * built-in simulator, which runs one per connection.
 */
function receiverBeside(c: ConnectionEntry, model: ConnectionModel, sessions: SessionManager): { name: string; session: EsmeSession } | undefined {
  const d = c.parsed.definition;
  if (d.simulator || d.proxy) return undefined;
  for (const o of model.connections) {
    const od = o.parsed.definition;
    if (o.id === c.id || od.simulator || od.proxy || od.host !== d.host || od.port !== d.port || od.system_id !== d.system_id) continue;
    const session = sessions.session(o.id);
    if (session?.state === 'bound_rx' || session?.state === 'bound_trx') return { name: od.name, session };
  }
  return undefined;
}

/** The load tests of the window: `run` is the command; `dispose` closes their panels, which cancels the runs. */
export function loadTests(context: vscode.ExtensionContext, model: ConnectionModel, sessions: SessionManager, log: SmppLog): { run(arg?: unknown): Promise<void> } & vscode.Disposable {
  /** The run going on each connection (by id). */
  const running = new Map<string, LoadTestPanel>();
  const services = { extensionUri: context.extensionUri, log, sessions };

  const fail = (message: string): void => {
    log.error(message);
    void vscode.window.showErrorMessage(message);
  };

  /** `sessionWindow` undefined: the command binds for the run, with the window asked for. */
  async function askInputs(c: ConnectionEntry, sessionWindow: number | undefined, total: number): Promise<LoadInputs | undefined> {
    const def = c.parsed.definition;
    const name = def.name;
    const simulator = def.simulator !== undefined;
    const remembered = coerceRemembered(context.workspaceState.get<unknown>(REMEMBERED_INPUTS_KEY));
    const start = prefill(remembered[c.id], defaultInputs({ simulator, window: sessionWindow ?? def.window }));
    const title = (step: number, what: string): string => `Load test on ${name} (${step}/${total}): ${what}`;

    const count = await ask({
      title: title(1, 'count'),
      value: start.count,
      placeholder: '1000',
      prompt: () => 'How many messages to submit.',
      check: (v) => error(parseCount(v)),
    });
    if (count === undefined) return undefined;
    const rate = await ask({
      title: title(2, 'rate'),
      value: start.rate,
      placeholder: '0 = as fast as the window allows',
      prompt: () => 'Messages per second. 0 or empty: as fast as the window allows.',
      check: (v) => error(parseRate(v)),
    });
    if (rate === undefined) return undefined;
    const window = await ask({
      title: title(3, 'window'),
      value: start.window,
      placeholder: String(sessionWindow ?? def.window),
      prompt: () =>
        sessionWindow === undefined
          ? `Submits in flight at once. ${name} binds for the test with this window (its file says ${def.window}).`
          : `Submits in flight at once. The bound session's own window is ${sessionWindow}.`,
      check: (v) => error(parseWindow(v)),
      warn: (v) => {
        const p = parseWindow(v);
        return p.ok && sessionWindow !== undefined ? windowNote(p.value, sessionWindow) : undefined;
      },
    });
    if (window === undefined) return undefined;
    const required = simulator
      ? 'Name the destinations, e.g. 447700900000-447700900999'
      : `Name the destinations: a load test against ${def.host}:${def.port} sends real messages`;
    const to = await ask({
      title: title(4, 'destinations'),
      value: start.to,
      placeholder: '447700900000-447700900999',
      prompt: () =>
        simulator
          ? 'One address, or a range FIRST-LAST cycled through.'
          : `One address, or a range FIRST-LAST cycled through. These messages go to ${def.host}:${def.port}: name numbers that may receive them.`,
      check: (v) => error(parseAddressInput(v, required)),
    });
    if (to === undefined) return undefined;
    const from = await ask({
      title: title(5, 'source (optional)'),
      value: start.from,
      placeholder: 'empty: no source address',
      prompt: () => 'The source: one address (digits or letters), or a range FIRST-LAST. Empty: none.',
      check: (v) => error(parseAddressInput(v, undefined)),
    });
    if (from === undefined) return undefined;
    const message = await ask({
      title: title(6, 'message'),
      value: start.message,
      placeholder: 'a text, or #160 for a generated text of 160 characters',
      prompt: (v) => {
        const p = parseMessageInput(v);
        return `${p.ok ? `Sends: ${p.value.description}. ` : ''}The text of every message (one part), or #N for a generated GSM-7 text of N characters (1 to 160). Empty: the default text.`;
      },
      check: (v) => error(parseMessageInput(v)),
    });
    if (message === undefined) return undefined;
    return { count, rate, window, to, from, message };
  }

  async function runLoadTest(arg?: unknown): Promise<void> {
    const c = await connectionFor(arg, model, sessions, 'run a load test on', canLoad);
    if (!c) return;
    const def = c.parsed.definition;
    const name = def.name;
    if (!vscode.workspace.isTrusted) return fail(`${name}: cannot run a load test: ${UNTRUSTED_MESSAGE}`);
    if (def.proxy) return fail(`${name} is an analyser proxy: a load test runs on an ESME connection`);
    if (def.bind === 'receiver') return fail(`${name} binds as a receiver, which cannot submit`);
    const problem = c.parsed.problems.find((p) => p.severity === 'error');
    if (problem) return fail(`${name} cannot run a load test: ${problem.message} (line ${problem.line})`);
    const current = running.get(c.id);
    if (current?.running) {
      current.reveal();
      void vscode.window.showInformationMessage(`${name}: a load test is already running; cancel it or wait for its end.`);
      return;
    }

    const existing = sessions.session(c.id);
    if (existing?.state === 'bound_rx') return fail(`${name} is bound as a receiver; a receiver cannot submit`);
    if (existing && !existing.isBound && existing.state !== 'closed') return fail(`${name} is ${existing.state}; wait until it is bound, or unbind it first`);
    const wasBound = existing?.isBound === true;
    const inputs = await askInputs(c, wasBound ? existing.options.window : undefined, wasBound ? 6 : 7);
    if (!inputs) return;
    const remembered = coerceRemembered(context.workspaceState.get<unknown>(REMEMBERED_INPUTS_KEY));
    await context.workspaceState.update(REMEMBERED_INPUTS_KEY, remember(remembered, c.id, inputs));

    // Another run may have started on this connection while the questions were open.
    const meanwhile = running.get(c.id);
    if (meanwhile?.running) {
      meanwhile.reveal();
      void vscode.window.showInformationMessage(`${name}: a load test started meanwhile; cancel it or wait for its end.`);
      return;
    }
    let unbindAtEnd = false;
    if (!wasBound) {
      const items = [
        { label: 'Unbind when done', description: 'nothing is left bound', unbind: true },
        { label: 'Stay bound', description: `${name} stays bound after the test`, unbind: false },
      ];
      const picked = await vscode.window.showQuickPick(items, { title: `Load test on ${name} (7/7): ${name} is not bound; it binds for the test`, ignoreFocusOut: true });
      if (!picked) return;
      unbindAtEnd = picked.unbind;
      // Bound for the run, the session takes the window asked for when it is wider than the file's.
      const asked = parseWindow(inputs.window);
      const window = asked.ok ? Math.max(def.window, asked.value) : def.window;
      try {
        await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: `SMPP: binding ${name}` }, () => sessions.bind(c, { window }));
      } catch (err) {
        return fail(`${name}: bind failed: ${err instanceof Error ? err.message : String(err)}`);
      }
    }

    const session = sessions.session(c.id);
    if (!session?.isBound) return fail(`${name} is ${session?.state ?? 'closed'}; bind it before the load test`);
    try {
      const transceiver = session.state === 'bound_trx';
      const receiver = transceiver ? undefined : receiverBeside(c, model, sessions);
      const plan = loadTestPlan(inputs, { name, sessionWindow: session.options.window, transceiver, unbindAtEnd, ...(receiver ? { receiver: receiver.name } : {}) });
      if (receiver) {
        plan.options.receivers = [receiver.session];
        log.info(`${name}: load test: its receipts come back on ${receiver.name}, bound beside it`);
      }
      const panel = LoadTestPanel.start(services, { connection: c, session, options: plan.options, settings: plan.settings, unbindAtEnd });
      running.set(c.id, panel);
      void panel.finished.finally(() => {
        if (running.get(c.id) === panel) running.delete(c.id);
      });
    } catch (err) {
      if (unbindAtEnd) await sessions.unbind(c).catch(() => undefined);
      fail(`${name}: the load test could not start: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  return {
    run: runLoadTest,
    dispose: () => {
      for (const panel of running.values()) panel.dispose();
      running.clear();
    },
  };
}
