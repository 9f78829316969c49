// Copy as code: a runnable snippet that binds as a connection does and sends one PDU (or the parts
// of a text) with an SMPP client library, its data_coding, esm_class, UDH or SAR TLVs and other
// TLVs filled in. No `vscode`: the host, the request files and the CLI share it.
//
//   generateSnippet('node-smpp', { connection: { host, port, system_id, password: '${env:SMSC_PW}' },
//                                  pdu: { command: 'submit_sm', body: { destination_addr: '447700900001' } },
//                                  text: 'Hello' })
import { toJsonPdu, type DecodedPdu, type JsonPdu } from '../codec';
import { gosmppSnippet } from './gosmpp';
import { jsmppSnippet } from './jsmpp';
import { netSmppSnippet } from './netSmpp';
import { nodeSmppSnippet } from './nodeSmpp';
import { planSnippet, type SnippetPlan } from './plan';
import { pythonSmpplibSnippet } from './pythonSmpplib';
import type { SnippetConnection, SnippetInput, SnippetLanguage } from './types';

export { SnippetError, type SnippetConnection, type SnippetInput, type SnippetLanguage, type SnippetPdu, type SnippetTlvInput } from './types';
export { DEFAULT_PASSWORD_ENV, planSnippet } from './plan';

export interface SnippetLanguageInfo {
  id: SnippetLanguage;
  /** The library, as its users call it. */
  library: string;
  /** The programming language. */
  language: string;
  /** VS Code's language id, for opening a snippet in an editor. */
  languageId: string;
  /** File extension, with the dot. */
  extension: string;
}

export const SNIPPET_LANGUAGES: readonly SnippetLanguageInfo[] = [
  { id: 'node-smpp', library: 'node-smpp', language: 'JavaScript', languageId: 'javascript', extension: '.js' },
  { id: 'net-smpp', library: 'Net::SMPP', language: 'Perl', languageId: 'perl', extension: '.pl' },
  { id: 'python-smpplib', library: 'python-smpplib', language: 'Python', languageId: 'python', extension: '.py' },
  { id: 'jsmpp', library: 'jsmpp', language: 'Java', languageId: 'java', extension: '.java' },
  { id: 'gosmpp', library: 'gosmpp', language: 'Go', languageId: 'go', extension: '.go' },
];

const WRITERS: Readonly<Record<SnippetLanguage, (plan: SnippetPlan) => string>> = {
  'node-smpp': nodeSmppSnippet,
  'net-smpp': netSmppSnippet,
  'python-smpplib': pythonSmpplibSnippet,
  jsmpp: jsmppSnippet,
  gosmpp: gosmppSnippet,
};

export function isSnippetLanguage(id: string): id is SnippetLanguage {
  return Object.hasOwn(WRITERS, id);
}

/** The snippet's source text. Throws SnippetError for input it cannot write (naming the field, TLV or command). */
export function generateSnippet(language: SnippetLanguage, input: SnippetInput): string {
  const write = WRITERS[language];
  if (write === undefined) throw new TypeError(`unknown snippet language ${JSON.stringify(language)}`);
  return write(planSnippet(input));
}

/**
 * A snippet's input from a captured PDU (decoded, or its JSON form) and the connection it was
 * sent on: the body and TLVs as they were, the text already in short_message's octets.
 */
export function snippetInputFromPdu(pdu: DecodedPdu | JsonPdu, connection: SnippetConnection, options: Pick<SnippetInput, 'dictionary'> = {}): SnippetInput {
  const json: JsonPdu = isJsonPdu(pdu) ? pdu : toJsonPdu(pdu);
  return {
    connection,
    pdu: { command: json.command, body: json.body, tlvs: json.tlvs.map((t) => ({ tag: t.tag, value: t.value, length: t.length })) },
    ...(options.dictionary ? { dictionary: options.dictionary } : {}),
  };
}

function isJsonPdu(pdu: DecodedPdu | JsonPdu): pdu is JsonPdu {
  for (const v of Object.values(pdu.body as Record<string, unknown>)) if (v instanceof Uint8Array) return false;
  return pdu.tlvs.every((t) => !('raw' in t));
}
