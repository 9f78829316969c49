// The steps every "Copy as code" shares (a connection row, a request block, a PDU in the decoder):
// the library asked with a quick pick, the last one chosen first; the snippet written; put on the
// clipboard, and said so with "Open in Editor". This module is bundled into both dist/editor.js
// and dist/decoder.js, so the last choice is kept on globalThis: the two copies share one.
import * as vscode from 'vscode';
import type { ConnectionDefinition } from '../config/connectionFile';
import { snippetConnection } from '../editor/requestFile/snippetConnection';
import { generateSnippet, SNIPPET_LANGUAGES, type SnippetConnection, type SnippetInput, type SnippetLanguageInfo } from '../smpp/snippets';

const LAST = Symbol.for('smpp-panel.snippetLanguage');
type Memory = { [LAST]?: SnippetLanguageInfo['id'] };

/** Where an application reaches the connection: a proxy's listening address, else its SMSC (or running simulator). */
export function connectionForSnippet(def: ConnectionDefinition, endpoint: string | undefined): SnippetConnection {
  const c = snippetConnection(def, endpoint);
  if (def.proxy) return { ...c, host: def.proxy.host ?? '127.0.0.1', port: def.proxy.listen, tls: false };
  return c;
}

/** The libraries, the last one chosen first. */
export function snippetLanguageItems(last: SnippetLanguageInfo['id'] | undefined): { label: string; description: string; language: SnippetLanguageInfo }[] {
  return [...SNIPPET_LANGUAGES]
    .sort((a, b) => Number(b.id === last) - Number(a.id === last))
    .map((l) => ({ label: l.library, description: l.language, language: l }));
}

export interface CopySnippet {
  /** The library quick pick's title. */
  title: string;
  /** What an error message starts with: the connection, the request block, the PDU. */
  name: string;
  /** The input, once the library is picked (it may ask more); undefined when the user cancels. */
  input: () => SnippetInput | undefined | Promise<SnippetInput | undefined>;
  /** What the snippet does, for the message after copying: "sends submit_sm via Local simulator". */
  says: (input: SnippetInput) => string;
}

/** Asks the library, writes the snippet, puts it on the clipboard and offers to open it. */
export async function copySnippet(request: CopySnippet): Promise<void> {
  const memory = globalThis as Memory;
  const picked = await vscode.window.showQuickPick(snippetLanguageItems(memory[LAST]), { title: request.title, ignoreFocusOut: true });
  if (!picked) return;
  memory[LAST] = picked.language.id;
  const input = await request.input();
  if (!input) return;
  let code: string;
  try {
    code = generateSnippet(picked.language.id, input);
  } catch (err) {
    void vscode.window.showErrorMessage(`${request.name}: no ${picked.label} snippet: ${err instanceof Error ? err.message : String(err)}`);
    return;
  }
  await vscode.env.clipboard.writeText(code);
  const open = 'Open in Editor';
  const answer = await vscode.window.showInformationMessage(`Copied a ${picked.label} (${picked.language.language}) snippet that ${request.says(input)} to the clipboard.`, open);
  if (answer === open) await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ language: picked.language.languageId, content: code }));
}
