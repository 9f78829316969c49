// A connection's password, resolved for a bind: a literal, `${env:NAME}` from the extension
// host's environment, or `${prompt}`, asked once and kept in VS Code's secret storage. Every
// password resolved here is registered with the log's masking before anyone can print it.
import * as vscode from 'vscode';
import { PasswordError, passwordSource, resolveStaticPassword, secretKey } from '../config/passwords';
import { passwordProblem, unsendableAt } from '../config/octetStrings';
import { registerSecret } from '../config/secrets';
import type { ConnectionEntry } from './connectionModel';

export async function resolveConnectionPassword(connection: ConnectionEntry, secrets: vscode.SecretStorage): Promise<string> {
  const def = connection.parsed.definition;
  let value: string | undefined;
  try {
    value = resolveStaticPassword(def.password, process.env);
  } catch (err) {
    if (err instanceof PasswordError) throw new Error(`${def.name}: ${err.message}`);
    throw err;
  }
  if (value === undefined && passwordSource(def.password).kind === 'prompt') {
    const key = secretKey(connection.file.uri.toString(), def.name);
    value = await secrets.get(key);
    if (value === undefined) {
      value = await vscode.window.showInputBox({
        title: `SMPP password for ${def.name}`,
        prompt: `system_id ${def.system_id || '(empty)'}. It is kept in VS Code's secret storage; "SMPP: Forget Stored Password" removes it.`,
        password: true,
        ignoreFocusOut: true,
        validateInput: (v) => {
          if ([...v].length > 8) return 'An SMPP password has at most 8 characters';
          const position = unsendableAt(v);
          return position === 0 ? undefined : `The password ${passwordProblem(position)}`;
        },
      });
      if (value === undefined) throw new Error(`${def.name}: no password given`);
      await secrets.store(key, value);
    }
  }
  const password = value ?? '';
  registerSecret(password);
  return password;
}

/** Forgets a stored `${prompt}` password; true when one was stored. */
export async function forgetConnectionPassword(connection: ConnectionEntry, secrets: vscode.SecretStorage): Promise<boolean> {
  const key = secretKey(connection.file.uri.toString(), connection.parsed.definition.name);
  const had = (await secrets.get(key)) !== undefined;
  await secrets.delete(key);
  return had;
}

/** Why an untrusted workspace does not connect, as bind and the proxy say it. */
export const UNTRUSTED_MESSAGE = 'this workspace is not trusted, so SMPP Session Panel does not connect. Trust the workspace to bind.';
