// "SMPP: Copy as Code" past its registration (loaded with the request file features, which share
// the snippet generators): asks the library, then what to send (a submit_sm with a text by
// default, a query_sm or an enquire_link), and puts a snippet that binds as the connection does on
// the clipboard. The password stays out of it: the snippet reads the environment.
import * as vscode from 'vscode';
import type { ConnectionDefinition } from '../config/connectionFile';
import { snippetConnection } from '../editor/requestFile/snippetConnection';
import type { ConnectionEntry } from '../model/connectionModel';
import type { SessionManager } from '../runners/sessionManager';
import { generateSnippet, SNIPPET_LANGUAGES, type SnippetConnection, type SnippetInput, type SnippetLanguageInfo } from '../smpp/snippets';
import { ask } from './inputs';

let lastLanguage: SnippetLanguageInfo['id'] | undefined;

/** Where an application reaches the connection: a proxy's listening address, else its SMSC (or running simulator). */
export function connectionForSnippet(def: ConnectionDefinition, endpoint: string | undefined): SnippetConnection {
  const c = snippetConnection(def, endpoint);
  if (def.proxy) return { ...c, host: def.proxy.host ?? '127.0.0.1', port: def.proxy.listen, tls: false };
  return c;
}

const WHAT = [
  { label: 'submit_sm with a text', description: 'split as the connection’s profile says', command: 'submit_sm' },
  { label: 'query_sm', description: 'the state of a message by its message_id', command: 'query_sm' },
  { label: 'enquire_link', description: 'a keepalive round trip', command: 'enquire_link' },
] as const;

/** What to send, asked; undefined when the user cancels. */
async function askWhat(name: string): Promise<Omit<SnippetInput, 'connection'> | undefined> {
  const what = await vscode.window.showQuickPick([...WHAT], { title: `Copy as code (${name}): what should the snippet send?`, ignoreFocusOut: true });
  if (!what) return undefined;
  if (what.command === 'enquire_link') return { pdu: { command: 'enquire_link' } };
  if (what.command === 'query_sm') {
    const id = await ask({
      title: `Copy as code (${name}): query_sm`,
      value: '',
      placeholder: 'the message_id a submit_sm_resp gave',
      prompt: () => 'The message_id to ask about (up to 64 characters).',
      check: (v) => (v.length > 64 ? 'At most 64 characters' : undefined),
      required: true,
    });
    return id === undefined ? undefined : { pdu: { command: 'query_sm', body: { message_id: id } } };
  }
  const to = await ask({
    title: `Copy as code (${name}): destination`,
    value: '447700900001',
    placeholder: '447700900001',
    prompt: () => 'The destination address. International numbers get TON 1, NPI 1.',
    check: (v) => (/^\+?[0-9A-Za-z]{1,20}$/.test(v) ? undefined : 'Up to 20 digits or letters'),
    required: true,
  });
  if (to === undefined) return undefined;
  const text = await ask({
    title: `Copy as code (${name}): text to ${to}`,
    value: 'Hello from SMPP Session Panel',
    placeholder: 'Hello from SMPP Session Panel',
    prompt: () => 'The text; a long one is split as the connection’s profile says (UDH, SAR or message_payload).',
    check: () => undefined,
    required: true,
  });
  if (text === undefined) return undefined;
  const international = /^\+?\d{11,15}$/.test(to);
  return {
    pdu: { command: 'submit_sm', body: { destination_addr: to.replace(/^\+/, ''), dest_addr_ton: international ? 1 : 0, dest_addr_npi: international ? 1 : 0, registered_delivery: 1 } },
    text,
  };
}

/** Runs the command on a connection picked already. */
export async function copyConnectionAsCode(c: ConnectionEntry, sessions: SessionManager): Promise<void> {
  const def = c.parsed.definition;
  const items = [...SNIPPET_LANGUAGES]
    .sort((a, b) => Number(b.id === lastLanguage) - Number(a.id === lastLanguage))
    .map((l) => ({ label: l.library, description: l.language, language: l }));
  const picked = await vscode.window.showQuickPick(items, { title: `Copy as code (${def.name}): which library?`, ignoreFocusOut: true });
  if (!picked) return;
  lastLanguage = picked.language.id;
  const what = await askWhat(def.name);
  if (!what) return;
  let code: string;
  try {
    code = generateSnippet(picked.language.id, {
      ...what,
      connection: connectionForSnippet(def, sessions.info(c.id).endpoint),
      ...(c.parsed.tlvs ? { dictionary: c.parsed.tlvs } : {}),
    });
  } catch (err) {
    void vscode.window.showErrorMessage(`${def.name}: no ${picked.label} snippet: ${err instanceof Error ? err.message : String(err)}`);
    return;
  }
  await vscode.env.clipboard.writeText(code);
  const open = 'Open in Editor';
  const answer = await vscode.window.showInformationMessage(`Copied a ${picked.label} (${picked.language.language}) snippet that sends ${what.pdu.command} via ${def.name} to the clipboard.`, open);
  if (answer === open) await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ language: picked.language.languageId, content: code }));
}
