// Binding a connection before a job that needs a bound session (enquire_link, submit, a request
// file's Send): with progress, waiting out a bind already under way. In the session bundle, which
// the bind loads anyway, so activation carries none of it.
import * as vscode from 'vscode';
import type { ConnectionEntry } from '../model/connectionModel';
import type { SessionManager } from '../runners/sessionManager';
import type { EsmeSession } from '../smpp/session/esme';

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
