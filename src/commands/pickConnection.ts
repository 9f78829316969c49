// The quick pick that commands use when they need a connection: every connection that could do
// the job, bound ones first, each with its state. A job that needs a bound session takes any of
// them: picking one that is not bound binds it first (with progress), then the job runs.
import * as vscode from 'vscode';
import type { ConnectionEntry, ConnectionModel } from '../model/connectionModel';
import type { Row } from '../tree/connectionsTree';
import type { SessionManager } from '../runners/sessionManager';
import type { EsmeSession } from '../smpp/session/esme';

const ORDER: Record<string, number> = { bound_trx: 0, bound_tx: 0, bound_rx: 0, open: 1, connecting: 1, unbound: 2, reconnecting: 2, error: 3, closed: 4 };

/** The connection a command runs on: the tree row it was invoked from, or the user's pick. */
export async function connectionFor(
  arg: unknown,
  model: ConnectionModel,
  sessions: SessionManager,
  purpose: string,
  filter: (c: ConnectionEntry) => boolean = () => true,
  ready?: (c: ConnectionEntry) => boolean,
): Promise<ConnectionEntry | undefined> {
  const row = arg as Row | undefined;
  if (row && typeof row === 'object' && row.kind === 'connection') return model.get(row.connection.id) ?? row.connection;
  if (typeof arg === 'string') {
    const byId = model.get(arg) ?? model.connections.find((c) => c.parsed.definition.name === arg);
    if (byId) return byId;
  }
  await model.ready();
  const candidates = model.connections.filter((c) => !c.parsed.problems.some((p) => p.severity === 'error')).filter(filter);
  if (candidates.length === 0) {
    void vscode.window.showInformationMessage(
      model.connections.length ? `No connection can ${purpose} right now.` : 'No SMPP connections in this workspace yet. Run "SMPP: New Connection File" to create one.',
    );
    return undefined;
  }
  const items = candidates
    .map((c) => ({ c, info: sessions.info(c.id) }))
    .sort((a, b) => (ORDER[a.info.state] ?? 5) - (ORDER[b.info.state] ?? 5) || a.c.parsed.definition.name.localeCompare(b.c.parsed.definition.name))
    .map(({ c, info }) => ({
      label: c.parsed.definition.name,
      description: ready && !ready(c) ? `${info.state} · binds first` : info.state,
      detail: `${c.file.label} · ${c.parsed.definition.simulator ? 'built-in simulator' : `${c.parsed.definition.host}:${c.parsed.definition.port}`} · ${c.parsed.definition.bind}`,
      connection: c,
    }));
  // ignoreFocusOut: run from the palette while the decoder webview has focus, the pick opens while
  // VS Code hands focus back to the webview (asynchronously), and would close by itself on that blur.
  const picked = await vscode.window.showQuickPick(items, { title: `SMPP: pick a connection to ${purpose}`, matchOnDetail: true, ignoreFocusOut: true });
  return picked?.connection;
}

/** A session that can send requests: bound as anything but a receiver. */
export const canSend = (s: EsmeSession | undefined): boolean => s?.state === 'bound_tx' || s?.state === 'bound_trx';

/**
 * The connection a job that needs a bound session runs on (`ready` says whether its session can
 * do the job now), bound: one that is not is bound first, with progress. Undefined when the user
 * picked none or the bind failed (said in an error message).
 */
export async function boundConnectionFor(
  arg: unknown,
  model: ConnectionModel,
  sessions: SessionManager,
  purpose: string,
  filter: (c: ConnectionEntry) => boolean,
  ready: (s: EsmeSession | undefined) => boolean,
): Promise<ConnectionEntry | undefined> {
  const c = await connectionFor(arg, model, sessions, purpose, filter, (c) => ready(sessions.session(c.id)));
  if (!c) return undefined;
  return (await ensureBound(c, sessions, purpose, ready)) ? c : undefined;
}

/** Binds `c` when its session cannot do the job yet (waiting out a bind already under way). False, said to the user, when it could not. */
export async function ensureBound(c: ConnectionEntry, sessions: SessionManager, purpose: string, ready: (s: EsmeSession | undefined) => boolean): Promise<boolean> {
  const name = c.parsed.definition.name;
  if (ready(sessions.session(c.id))) return true;
  try {
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `SMPP: binding ${name} to ${purpose}…` }, async () => {
      const s = sessions.session(c.id);
      if (s && (s.state === 'connecting' || s.state === 'open')) await boundOrClosed(c, sessions);
      else if (!s?.isBound) await sessions.bind(c);
    });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    void vscode.window.showErrorMessage(`${name}: bind failed: ${message}`);
    return false;
  }
  if (ready(sessions.session(c.id))) return true;
  const state = sessions.info(c.id).state;
  void vscode.window.showErrorMessage(`${name} is ${state}; it cannot ${purpose}${state === 'bound_rx' ? ' as a receiver' : ''}.`);
  return false;
}

/** Resolves when a bind under way ends: bound, or closed or gone (rejects then, with the session's last error). */
function boundOrClosed(c: ConnectionEntry, sessions: SessionManager): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const s = sessions.session(c.id);
      if (s?.isBound) resolve();
      else if (!s || s.state === 'closed') reject(new Error(s?.lastError ?? 'the connection closed'));
      else return false;
      return true;
    };
    if (check()) return;
    const listener = sessions.onDidChange((id) => {
      if (id === c.id && check()) listener.dispose();
    });
  });
}
