// The quick pick that commands use when they need a connection: every connection that could do
// the job, bound ones first, each with its state. A job that needs a bound session takes any of
// them: picking one that is not bound binds it first (with progress), then the job runs.
import * as vscode from 'vscode';
import type { ConnectionEntry, ConnectionModel } from '../model/connectionModel';
import type { Row } from '../tree/connectionsTree';
import type { SessionManager } from '../runners/sessionManager';
import type { EsmeSession } from '../smpp/session/esme';
import { lazy } from '../lazy';

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
 * do the job now), bound: one that is not is bound first, with progress (src/commands/bindFirst.ts,
 * which loads with the session engine the bind needs anyway). Undefined when the user
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
  return ready(sessions.session(c.id)) || (await lazy.session().ensureBound(c, sessions, purpose, ready)) ? c : undefined;
}
