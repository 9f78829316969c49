// "SMPP: Copy as Code" past its registration (loaded with the request file features, which share
// the snippet generators): asks the library, then what to send (a submit_sm with a text by
// default, a query_sm or an enquire_link), and puts a snippet that binds as the connection does on
// the clipboard. The password stays out of it: the snippet reads the environment.
import * as vscode from 'vscode';
import type { ConnectionEntry } from '../model/connectionModel';
import type { SessionManager } from '../runners/sessionManager';
import type { SnippetInput } from '../smpp/snippets';
import { connectionForSnippet, copySnippet } from './copySnippet';
import { ask } from './inputs';

export { connectionForSnippet } from './copySnippet';

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
  await copySnippet({
    title: `Copy as code (${def.name}): which library?`,
    name: def.name,
    input: async () => {
      const what = await askWhat(def.name);
      if (!what) return undefined;
      return { ...what, connection: connectionForSnippet(def, sessions.info(c.id).endpoint), ...(c.parsed.tlvs ? { dictionary: c.parsed.tlvs } : {}) };
    },
    says: (input) => `sends ${input.pdu.command} via ${def.name}`,
  });
}
