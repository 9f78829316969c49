// Completion and hover for request files, as plain data (labels, kinds, words, ranges): the
// editor's providers only turn them into its own types. PDU names, the fields of a block's PDU,
// coded values, TLV names (the vendor dictionary's too), connection names, generators,
// expectations; hovers say what a field means, its type and size, and what a value stands for.

import type { TlvDictionary } from '../codec';
import { RECEIPT_STAT_BY_STATE } from '../receipt';
import { COMMANDS, fieldLabel, isCommandName, responseOf, type CommandName, type FieldSpec } from '../tables/commands';
import { TLVS, tlvLabel, type TlvSpec } from '../tables/tlvs';
import { STATUS, describeStatus, hex, statusMeaning } from '../tables/values';
import { codedValues, describeCoded, readCodedValue, tlvCodedValues, type CodedValueSet } from './codedValues';
import { FIELD_MEANINGS, SETTING_MEANINGS } from './fieldDocs';
import { GENERATORS, parseTemplate } from './generators';
import { REQUEST_COMMANDS, parseRequestFile } from './parse';
import type { RequestBlock } from './types';
import { SETTINGS, bodyField, findTlv, writableFields } from './values';

export interface LanguageOptions {
  dictionary?: TlvDictionary;
  /** Connection names for `connection:`. */
  connections?: readonly string[];
}

/** A range on one line (0-based, as problems have them), endColumn exclusive. */
export interface LineRange {
  line: number;
  column: number;
  endColumn: number;
}

export type CompletionKind = 'setting' | 'field' | 'tlv' | 'command' | 'value' | 'connection' | 'expectation' | 'generator';

export interface RequestCompletion {
  label: string;
  kind: CompletionKind;
  detail?: string;
  /** Markdown. */
  documentation?: string;
  /** What replaces `range` (defaults to the label); plain text, never a snippet. */
  insertText?: string;
  /** Always false: kept so an editor can tell snippets from text. */
  snippet?: boolean;
  /** Orders the list: settings, then the PDU's fields, then TLVs. */
  sortText?: string;
  range: LineRange;
}

export interface RequestHover {
  markdown: string;
  range: LineRange;
}

function blockAt(text: string, line: number, options: LanguageOptions): RequestBlock | undefined {
  const parsed = parseRequestFile(text, options.dictionary === undefined ? {} : { dictionary: options.dictionary });
  return parsed.blocks.find((b) => b.startLine <= line && line <= b.endLine);
}

/** What the type of a body field is, in words. */
export function fieldTypeWords(f: FieldSpec): string {
  switch (f.type) {
    case 'int1':
      return 'integer, 1 octet';
    case 'int2':
      return 'integer, 2 octets';
    case 'int4':
      return 'integer, 4 octets';
    case 'cstring':
      return `C-octet string, at most ${f.max - 1} characters${f.time ? ' (SMPP time)' : ''}`;
    case 'octets':
      return `octets, at most ${f.max}`;
    case 'dest_list':
      return 'list of destinations';
    case 'unsuccess_list':
      return 'list of unsuccessful destinations';
  }
}

export function tlvTypeWords(t: TlvSpec): string {
  const size = t.size === undefined ? '' : typeof t.size === 'number' ? `, ${t.size} octet${t.size === 1 ? '' : 's'}` : `, ${t.size[0]}..${t.size[1]} octets`;
  const type = t.type === 'cstring' ? 'C-octet string' : t.type === 'text' ? 'text' : t.type === 'octets' ? (t.message ? 'message octets (text or 0x…)' : 'octets (hex)') : /^(int|uint|flag)/.test(t.type) ? 'integer' : `${t.type} (a JSON object or hex)`;
  return type + size;
}

function tlvLabelOf(t: TlvSpec): string {
  return t.label ?? tlvLabel(t.tag);
}

function tlvDetail(t: TlvSpec): string {
  return `TLV ${hex(t.tag, 4)}${t.since ? ` (SMPP ${t.since})` : ' (vendor)'} · ${tlvTypeWords(t)}`;
}

function valuesTable(set: CodedValueSet, limit = 16): string {
  const rows = set.values.slice(0, limit).map((v) => `- \`${v.word}\` = ${v.value}: ${v.meaning}`);
  if (set.values.length > limit) rows.push(`- … ${set.values.length - limit} more`);
  return (set.flags ? 'Names (join several with `|`):\n' : 'Names:\n') + rows.join('\n');
}

function allTlvs(dictionary: TlvDictionary | undefined): TlvSpec[] {
  return [...(TLVS as readonly TlvSpec[]), ...(dictionary?.entries.map((e) => dictionary.byTag(e.tag)!) ?? [])];
}

function valueSetFor(command: CommandName | undefined, name: string, dictionary: TlvDictionary | undefined): CodedValueSet | undefined {
  const f = command === undefined ? undefined : bodyField(command, name);
  if (f !== undefined) return (f.type === 'int1' || f.type === 'int2' || f.type === 'int4') && f.values !== undefined ? codedValues(f.values) : undefined;
  const t = findTlv(name, dictionary);
  return t?.kind === 'tlv' ? tlvCodedValues(t.spec) : undefined;
}

/** The word (letters, digits, `_`, `.`) that ends at `character`. */
function wordStart(s: string, character: number): number {
  let i = character;
  while (i > 0 && /[A-Za-z0-9_.]/.test(s[i - 1]!)) i--;
  return i;
}

/** Completion items at a position of a request file. */
export function completionsAt(text: string, line: number, character: number, options: LanguageOptions = {}): RequestCompletion[] {
  const lines = text.split(/\r?\n/);
  const full = lines[line] ?? '';
  const cur = full.slice(0, character);
  const start = wordStart(cur, character);
  const range: LineRange = { line, column: start, endColumn: character };
  const block = blockAt(text, line, options);
  const command = block?.command;
  const dict = options.dictionary;

  if (/^\s*#/.test(cur)) return [];

  // Inside `${…`: the generators.
  const open = cur.lastIndexOf('${');
  if (open >= 0 && cur.indexOf('}', open) < 0 && cur[open - 1] !== '$') {
    const r: LineRange = { line, column: open + 2, endColumn: character };
    return GENERATORS.map((g) => ({ label: g.label, kind: 'generator', documentation: g.documentation, insertText: g.insert, range: r }));
  }

  const expect = /^\s*expect\s+(.*)$/.exec(cur);
  if (expect) {
    const rest = expect[1]!;
    if (/^\S*$/.test(rest)) {
      return [
        { label: 'status', kind: 'expectation', detail: 'expect status ESME_ROK', documentation: 'Every response has this command_status.', insertText: 'status ', range },
        { label: 'receipt', kind: 'expectation', detail: 'expect receipt DELIVRD within 10s', documentation: 'Every message gets a receipt in this state within the time (default 30 s).', insertText: 'receipt ', range },
        { label: 'field', kind: 'expectation', detail: 'expect field message_id matches /…/', documentation: 'A field or TLV of every response matches the pattern.', insertText: 'field ', range },
      ];
    }
    if (/^status\s+\S*$/.test(rest)) {
      return Object.keys(STATUS).map((name) => ({ label: name, kind: 'value', detail: describeStatus(STATUS[name as keyof typeof STATUS]), documentation: statusMeaning(STATUS[name as keyof typeof STATUS]), range }));
    }
    if (/^receipt\s+\S*$/.test(rest)) {
      return Object.values(RECEIPT_STAT_BY_STATE).map((s) => ({ label: s, kind: 'value', range }));
    }
    if (/^receipt\s+\S+\s+\S*$/.test(rest) && !/within/.test(rest.split(/\s+/).slice(2).join(' '))) {
      return [{ label: 'within', kind: 'expectation', insertText: 'within 30s', range }];
    }
    if (/^field\s+\w*$/.test(rest) && command !== undefined) {
      const resp = responseOf(command);
      const fields = resp === undefined ? [] : (COMMANDS[resp].body as readonly FieldSpec[]).map((f) => f.name);
      return fields.map((f) => ({ label: f, kind: 'field', detail: fieldLabel(f), insertText: `${f} matches /`, range }));
    }
    return [];
  }

  const named = /^(\s*)([A-Za-z_][A-Za-z0-9_]*|0[xX][0-9A-Fa-f]{1,4})\s*:\s*(.*)$/.exec(cur);
  if (named) {
    const name = named[2]!;
    const valueSoFar = named[3]!;
    if (name === 'pdu') {
      return REQUEST_COMMANDS.map((c) => ({ label: c, kind: 'command', detail: `${hex(COMMANDS[c].id, 8)} · SMPP ${COMMANDS[c].since}`, range }));
    }
    if (name === 'connection') {
      const r: LineRange = { line, column: character - valueSoFar.length, endColumn: character };
      return (options.connections ?? []).map((c) => ({ label: c, kind: 'connection', range: r }));
    }
    const set = valueSetFor(command, name, dict);
    if (set === undefined) return [];
    const bar = cur.lastIndexOf('|');
    const r: LineRange = set.flags && bar > cur.indexOf(':') ? { line, column: wordStart(cur, character), endColumn: character } : range;
    return set.values.map((v) => ({ label: v.word, kind: 'value', detail: `${v.value} (${hex(v.value, 2)})`, documentation: v.meaning, range: r }));
  }

  // A name at the start of a line.
  if (!/^\s*[A-Za-z0-9_]*$/.test(cur)) return [];
  const given = new Set(block?.fields.map((f) => f.name) ?? []);
  const items: RequestCompletion[] = [];
  for (const s of SETTINGS) if (!given.has(s)) items.push({ label: s, kind: 'setting', sortText: '0' + s, documentation: SETTING_MEANINGS[s], insertText: `${s}: `, range });
  items.push({ label: 'expect', kind: 'expectation', sortText: '1expect', documentation: 'An expectation: expect status …, expect receipt … within …, expect field … matches /…/', insertText: 'expect ', range });
  if (command !== undefined) {
    for (const f of writableFields(command)) {
      if (given.has(f.name)) continue;
      items.push({ label: f.name, kind: 'field', sortText: '2' + f.name, detail: `${fieldLabel(f.name)} · ${fieldTypeWords(f)}`, documentation: FIELD_MEANINGS[f.name] ?? '', insertText: `${f.name}: `, range });
    }
  }
  for (const t of allTlvs(dict)) {
    if (given.has(t.name)) continue;
    items.push({ label: t.name, kind: 'tlv', sortText: '3' + t.name, detail: tlvDetail(t), documentation: tlvLabelOf(t), insertText: `${t.name}: `, range });
  }
  return items;
}

/** The hover at a position of a request file, if there is something to say. */
export function hoverAt(text: string, line: number, character: number, options: LanguageOptions = {}): RequestHover | undefined {
  const lines = text.split(/\r?\n/);
  const full = lines[line] ?? '';
  const block = blockAt(text, line, options);
  const command = block?.command;
  const dict = options.dictionary;

  const expect = /^(\s*expect\s+status\s+)(\S+)/.exec(full);
  if (expect && character >= expect[1]!.length && character <= expect[0].length) {
    const word = expect[2]!;
    const code = word.toUpperCase() in STATUS ? STATUS[word.toUpperCase() as keyof typeof STATUS] : Number(word);
    if (!Number.isInteger(code)) return undefined;
    return { markdown: `**${describeStatus(code)}**\n\n${statusMeaning(code)}`, range: { line, column: expect[1]!.length, endColumn: expect[0].length } };
  }

  const m = /^(\s*)([A-Za-z_][A-Za-z0-9_]*|0[xX][0-9A-Fa-f]{1,4})(\s*:\s*)(.*?)\s*$/.exec(full);
  if (!m) return undefined;
  const name = m[2]!;
  const nameStart = m[1]!.length;
  const nameEnd = nameStart + name.length;
  const valueStart = nameEnd + m[3]!.length;
  const value = m[4]!;
  const onName = character >= nameStart && character <= nameEnd;
  const onValue = character >= valueStart && character <= valueStart + value.length;
  const nameRange: LineRange = { line, column: nameStart, endColumn: nameEnd };
  const valueRange: LineRange = { line, column: valueStart, endColumn: valueStart + value.length };

  if (onValue) {
    // A generator under the cursor.
    for (const p of parseTemplate(value).parts) {
      if (!('generator' in p)) continue;
      if (character >= valueStart + p.start && character <= valueStart + p.end) {
        const doc = GENERATORS.find((g) => g.label.startsWith('${' + p.generator.kind));
        return { markdown: `**${p.source}**\n\n${doc?.documentation ?? ''}`, range: { line, column: valueStart + p.start, endColumn: valueStart + p.end } };
      }
    }
    if (name === 'pdu' && isCommandName(value)) {
      const c = value;
      const spec = COMMANDS[c];
      const resp = responseOf(c);
      const fields = writableFields(c).map((f) => f.name);
      return {
        markdown: `**${c}** · command_id ${hex(spec.id, 8)} · SMPP ${spec.since}\n\n${resp === undefined ? 'No response is sent to it.' : `Answered by ${resp}.`}${fields.length ? `\n\nFields: ${fields.join(', ')}` : '\n\nNo body.'}`,
        range: valueRange,
      };
    }
    const set = valueSetFor(command, name, dict);
    if (set !== undefined) {
      const v = readCodedValue(set, value) ?? (/^[0-9]+$/.test(value) ? Number(value) : /^0[xX][0-9a-fA-F]+$/.test(value) ? parseInt(value.slice(2), 16) : undefined);
      if (v === undefined) return undefined;
      const f = command === undefined ? undefined : bodyField(command, name);
      const meaning = f !== undefined && 'values' in f && f.values !== undefined ? describeCoded(f.values, v) : set.values.find((x) => x.value === v)?.meaning;
      return { markdown: `**${name}** = ${v} (${hex(v, 2)})${meaning ? `: ${meaning}` : ''}`, range: valueRange };
    }
    return undefined;
  }
  if (!onName) return undefined;

  if ((SETTINGS as readonly string[]).includes(name)) return { markdown: `**${name}**\n\n${SETTING_MEANINGS[name] ?? ''}`, range: nameRange };
  const f = command === undefined ? undefined : bodyField(command, name);
  if (f !== undefined) {
    const parts = [`**${name}** · ${fieldLabel(name)}`, `${fieldTypeWords(f)}`];
    const meaning = FIELD_MEANINGS[name];
    if (meaning) parts.push(meaning);
    if ('lengthOf' in f && f.lengthOf !== undefined) parts.push(`Worked out from ${f.lengthOf}; leave it out.`);
    if ((f.type === 'int1' || f.type === 'int2' || f.type === 'int4') && f.values !== undefined) parts.push(valuesTable(codedValues(f.values)));
    return { markdown: parts.join('\n\n'), range: nameRange };
  }
  const t = findTlv(name, dict);
  if (t?.kind === 'tlv') {
    const parts = [`**${t.spec.name}** · ${tlvLabelOf(t.spec)}`, tlvDetail(t.spec)];
    const set = tlvCodedValues(t.spec);
    if (set !== undefined) parts.push(valuesTable(set));
    return { markdown: parts.join('\n\n'), range: nameRange };
  }
  if (t?.kind === 'tag') return { markdown: `**TLV ${hex(t.tag, 4)}**\n\nA tag the spec and the connection file's "tlvs" do not name: its value is sent as the octets written in hex.`, range: nameRange };
  return undefined;
}
