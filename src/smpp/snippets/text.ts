// What the languages' writers share: the comment at the top of a snippet, and literals.
import type { SnippetPlan, SnippetRequest } from './plan';

/** A double-quoted string literal that JavaScript, Python, Java and Go all read the same way. */
export function quoted(s: string): string {
  // JSON escapes quotes, backslashes and control characters; U+2028/9 are escaped for old JavaScript.
  return JSON.stringify(s).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** Integers of flag-like fields read better in hex. */
const HEX_FIELDS: ReadonlySet<string> = new Set(['esm_class', 'data_coding', 'registered_delivery', 'interface_version', 'priority_flag', 'protocol_id']);

export function intLiteral(name: string, v: number): string {
  return HEX_FIELDS.has(name) ? `0x${v.toString(16).padStart(2, '0')}` : String(v);
}

/** The lines of the opening comment, without the comment marker. */
export function headerLines(plan: SnippetPlan, library: string, install: string): string[] {
  const b = plan.bind;
  const what = plan.requests.length === 1 ? `one ${plan.requests[0]!.command}` : `${plan.requests.length} ${plan.requests[0]!.command} PDUs`;
  const lines = [
    `${library}: binds to ${plan.title} (${b.host}:${b.port}${b.tls ? ', TLS' : ''}) as a ${b.bind}, sends ${what}, prints each response and unbinds.`,
    `Install: ${install}`,
    'literal' in b.password ? 'The password is written below as the connection gives it.' : `The password is read from the environment variable ${(b.password as { env: string }).env}.`,
    ...plan.notes,
  ];
  return lines;
}

/** `part 2 of 3: "world"`, for a comment above a PDU made from a text. */
export function partComment(plan: SnippetPlan, r: SnippetRequest, i: number): string | undefined {
  if (r.text === undefined) return undefined;
  const shown = r.text.length > 60 ? `${r.text.slice(0, 57)}...` : r.text;
  return plan.requests.length > 1 ? `part ${i + 1} of ${plan.requests.length}: ${JSON.stringify(shown)}` : `text: ${JSON.stringify(shown)}`;
}

/** `tlv name (0x1400)` for comments. */
export function tlvLabel(t: { name: string; tag: number }): string {
  return `${t.name} (0x${t.tag.toString(16).padStart(4, '0')})`;
}

/** `unsupported` names the library and the command, for a SnippetError. */
export function unsupported(library: string, command: string, supported: readonly string[]): string {
  return `${library} has no call for ${command} in this snippet generator; it writes ${supported.join(', ')}`;
}
