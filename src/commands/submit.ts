// "SMPP: Submit Short Message": destination and text in input boxes, with a live count of
// characters, parts and the encoding that will be used.
import * as vscode from 'vscode';
import type { ConnectionModel } from '../model/connectionModel';
import type { SmppLog } from '../log';
import { lazy } from '../lazy';
import type { SessionManager } from '../runners/sessionManager';
import { ask } from './inputs';
import { connectionFor } from './pickConnection';

export function validateAddress(v: string): string | undefined {
  if (!/^\+?[0-9A-Za-z ]{1,20}$/.test(v)) return 'An address has 1 to 20 digits (a leading + is allowed) or letters';
  return undefined;
}

export function registerSubmitCommand(model: ConnectionModel, sessions: SessionManager, log: SmppLog): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('smpp.submit', async (arg?: unknown) => {
      const c = await connectionFor(arg, model, sessions, 'submit a message', (c) => {
        const s = sessions.session(c.id);
        return s?.state === 'bound_tx' || s?.state === 'bound_trx';
      });
      if (!c) return;
      // Sending needs the session engine, so its message counter is already loaded.
      const { countMessage } = lazy.session();
      const name = c.parsed.definition.name;
      const to = await ask({
        title: `Submit via ${name} (1/2): destination`,
        placeholder: '+447700900123',
        prompt: () => 'The destination address (MSISDN). International numbers get TON 1, NPI 1.',
        check: validateAddress,
        required: true,
      });
      if (to === undefined) return;
      const text = await ask({
        title: `Submit via ${name} (2/2): text to ${to}`,
        placeholder: 'Hello from SMPP Session Panel',
        prompt: (v) => `${countMessage(v).display}. A delivery receipt is requested.`,
        check: (v) => (countMessage(v).parts > 255 ? 'Too long: at most 255 parts' : undefined),
        required: true,
      });
      if (text === undefined) return;
      try {
        const result = await sessions.submit(c, { to, text, receipt: true });
        const ids = result.parts.map((p) => p.messageId).join(', ');
        log.info(`${name}: submitted ${result.plan.partCount} part(s) to ${to}, message_id ${ids}`);
        void vscode.window.showInformationMessage(`${name}: submitted to ${to} (${countMessage(text).display}); message_id ${ids}`);
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        log.error(`${name}: submit failed: ${message}`);
        void vscode.window.showErrorMessage(`${name}: submit failed: ${message}`);
      }
    }),
  ];
}
