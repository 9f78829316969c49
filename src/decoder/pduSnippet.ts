// Copy as code from the decoder: a snippet's input from the PDU the page shows (its hex) and the
// connection whose capture it came from. A known connection gives its bind settings and vendor
// TLVs; a paste (or a connection no file defines now) gets a placeholder SMSC at 127.0.0.1:2775
// that the snippet's first comment says to replace, and every file's vendor TLVs merged. No
// `vscode`: tested on Node.
import { fromHex } from '../smpp/bytes';
import { decode, type TlvDictionary } from '../smpp/codec';
import { snippetInputFromPdu, type SnippetConnection, type SnippetInput } from '../smpp/snippets';
import { COMMANDS, isCommandName, isResponseId } from '../smpp/tables/commands';

/** What a pasted PDU's snippet binds to; its name is the snippet's first comment. */
export const PLACEHOLDER_CONNECTION: SnippetConnection = {
  name: 'your SMSC (a placeholder: the PDU was pasted; set the host, port and system_id)',
  host: '127.0.0.1',
  port: 2775,
  system_id: '',
};

/** The connection the PDU came from, as the host knows it. */
export interface PduSnippetSource {
  /** Its bind settings for a snippet. */
  connection: SnippetConnection;
  /** Its file's vendor TLVs. */
  dictionary?: TlvDictionary;
}

export type PduSnippet =
  | { ok: true; input: SnippetInput; command: string; placeholder: boolean }
  | { ok: false; message: string };

/** Whether a snippet can send the command: a request of the tables. */
export function isSnippetRequest(command: string): boolean {
  return isCommandName(command) && !isResponseId(COMMANDS[command].id);
}

/**
 * The snippet input for the PDU in `hex`, sent via `source` (undefined: the placeholder SMSC, the
 * PDU read with `fallbackDictionary`, every connection file's merged). A PDU the codec cannot read
 * whole, or a response, gives a message naming what is wrong.
 */
export function pduSnippetInput(hex: string, source: PduSnippetSource | undefined, fallbackDictionary?: TlvDictionary): PduSnippet {
  const bytes = fromHex(hex);
  if (bytes === undefined || bytes.length < 16) return { ok: false, message: 'the PDU bytes are not whole (at least a 16-octet header, in hex)' };
  const dictionary = source ? source.dictionary : fallbackDictionary;
  const { pdu, problems } = decode(bytes, dictionary ? { tlvs: dictionary } : undefined);
  if (pdu.command === 'unknown') return { ok: false, message: `command_id 0x${pdu.command_id.toString(16).padStart(8, '0')} is not an SMPP command` };
  if (!isSnippetRequest(pdu.command)) return { ok: false, message: `${pdu.command} is a response; a snippet sends a request` };
  const problem = problems[0];
  if (problem !== undefined) return { ok: false, message: `${pdu.command} does not decode cleanly: ${problem.field} at offset ${problem.offset}: ${problem.message}` };
  const connection = source ? source.connection : PLACEHOLDER_CONNECTION;
  return { ok: true, input: snippetInputFromPdu(pdu, connection, dictionary ? { dictionary } : {}), command: pdu.command, placeholder: source === undefined };
}
