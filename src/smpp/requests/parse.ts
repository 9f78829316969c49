// Reads a request file (`*.smpp`): blocks separated by lines starting with `###` (the rest of the
// line is the block's title), `#` comment lines, `name: value` lines (the settings `connection`,
// `pdu` and `repeat`; every other name is a body field of the block's PDU or a TLV), and
// `expect …` lines. Every problem names its line and columns; nothing here throws or sends.

import type { TlvDictionary } from '../codec';
import type { RequestName } from '../session/esme';
import { RECEIPT_STAT_BY_STATE, statToMessageState } from '../receipt';
import { COMMANDS, isCommandName, type CommandName } from '../tables/commands';
import { STATUS } from '../tables/values';
import { buildBlock } from './build';
import type { Expectation, ParsedRequestFile, RequestBlock, RequestField, RequestFileProblem } from './types';
import { MAX_REPEAT, REPEATABLE_TLVS, SETTINGS, bodyField, findTlv, unquote, writableFields } from './values';

export interface ParseOptions {
  /** The connection file's vendor TLVs: their names are TLVs too. */
  dictionary?: TlvDictionary;
  /** The connections a block may name; when given, any other name is a problem. */
  connections?: readonly string[];
}

/** A file larger than this is not read (a request file is written by hand). */
export const MAX_REQUEST_FILE_CHARS = 4 * 1024 * 1024;
/** The longest `within` an `expect receipt` may wait. */
export const MAX_RECEIPT_WAIT_MS = 3_600_000;
/** A receipt expectation without `within` waits this long. */
export const DEFAULT_RECEIPT_WAIT_MS = 30_000;

/** Every command a block may send: the tables' requests (not responses, not generic_nack). */
export const REQUEST_COMMANDS: readonly RequestName[] = (Object.keys(COMMANDS) as CommandName[]).filter(
  (c): c is RequestName => !c.endsWith('_resp') && c !== 'generic_nack',
);

/** The commands whose messages get delivery receipts. */
const SUBMITS: ReadonlySet<string> = new Set(['submit_sm', 'submit_multi', 'data_sm']);

const NAME_LINE = /^(\s*)([A-Za-z_][A-Za-z0-9_]*|0[xX][0-9A-Fa-f]{1,4})\s*:(.*)$/;

/** Levenshtein distance, for "did you mean". */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length]!;
}

/** The closest of `names` to `name`, when it is close enough to be a typo. */
export function closest(name: string, names: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestD = Math.max(3, Math.floor(name.length / 3)) + 1;
  for (const n of names) {
    const d = distance(name.toLowerCase(), n.toLowerCase());
    if (d < bestD) {
      best = n;
      bestD = d;
    }
  }
  return best;
}

const didYouMean = (s: string | undefined): string => (s === undefined ? '' : ` (did you mean ${s}?)`);

interface RawBlock {
  startLine: number;
  endLine: number;
  title?: string;
  lines: { line: number; text: string }[];
}

/** Splits the text into blocks; text before the first `###` is a block when it holds any line. */
function splitBlocks(lines: readonly string[]): RawBlock[] {
  const blocks: RawBlock[] = [];
  let cur: RawBlock = { startLine: 0, endLine: 0, lines: [] };
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i]!;
    const t = text.trim();
    if (t.startsWith('###')) {
      cur.endLine = i - 1;
      if (cur.lines.length > 0 || cur.title !== undefined) blocks.push(cur);
      const title = t.slice(3).trim();
      cur = { startLine: i, endLine: i, lines: [], ...(title === '' ? {} : { title }) };
      continue;
    }
    if (t === '' || t.startsWith('#')) continue;
    cur.lines.push({ line: i, text });
  }
  cur.endLine = Math.max(cur.startLine, lines.length - 1);
  if (cur.lines.length > 0 || cur.title !== undefined) blocks.push(cur);
  return blocks;
}

function lineProblem(line: number, text: string, message: string, severity: 'error' | 'warning' = 'error'): RequestFileProblem {
  const start = text.length - text.trimStart().length;
  return { line, column: start, endColumn: Math.max(text.trimEnd().length, start + 1), message, severity };
}

function statusByName(word: string): number | undefined {
  const t = word.trim();
  if (/^[0-9]{1,10}$/.test(t)) return Number(t);
  if (/^0[xX][0-9A-Fa-f]{1,8}$/.test(t)) return parseInt(t.slice(2), 16);
  const key = t.toUpperCase();
  return key in STATUS ? STATUS[key as keyof typeof STATUS] : undefined;
}

/** Reads `expect …`; a string is the problem's message. */
export function parseExpectation(rest: string, line: number): Expectation | string {
  const text = rest.trim();
  const m = /^(\S+)\s*(.*)$/.exec(text);
  const kind = m?.[1] ?? '';
  const args = (m?.[2] ?? '').trim();
  if (kind === 'status') {
    const status = statusByName(args);
    if (args === '' || status === undefined || status > 0xffffffff) {
      return `expect status takes a command_status name or number (e.g. ESME_ROK, 0x45)${args === '' ? '' : `, not ${JSON.stringify(args)}` + didYouMean(closest(args.toUpperCase(), Object.keys(STATUS)))}`;
    }
    return { kind: 'status', status, text, line };
  }
  if (kind === 'receipt') {
    const r = /^([A-Za-z]+)(?:\s+within\s+([0-9]+(?:\.[0-9]+)?)\s*(ms|s|m)?)?$/.exec(args);
    if (!r) return 'write expect receipt STATE [within 10s], e.g. expect receipt DELIVRD within 30s';
    const state = statToMessageState(r[1]!);
    if (state === undefined) return `${JSON.stringify(r[1])} is not a receipt state; use one of ${Object.values(RECEIPT_STAT_BY_STATE).join(', ')}`;
    const n = r[2] === undefined ? undefined : Number(r[2]);
    const withinMs = n === undefined ? DEFAULT_RECEIPT_WAIT_MS : Math.round(n * (r[3] === 'ms' ? 1 : r[3] === 'm' ? 60_000 : 1000));
    if (withinMs <= 0 || withinMs > MAX_RECEIPT_WAIT_MS) return `expect receipt … within takes more than 0 and at most ${MAX_RECEIPT_WAIT_MS / 60_000} minutes`;
    return { kind: 'receipt', state: RECEIPT_STAT_BY_STATE[state]!, withinMs, text, line };
  }
  if (kind === 'field') {
    const f = /^([A-Za-z_][A-Za-z0-9_]*)\s+matches\s+\/(.*)\/([a-z]*)$/.exec(args);
    if (!f) return 'write expect field NAME matches /PATTERN/, e.g. expect field message_id matches /^[0-9a-f]+$/';
    try {
      return { kind: 'field', field: f[1]!, pattern: new RegExp(f[2]!, f[3]), text, line };
    } catch (e) {
      return `the pattern cannot be read: ${(e as Error).message}`;
    }
  }
  return `unknown expectation ${JSON.stringify(kind)}: use expect status …, expect receipt … or expect field … matches /…/`;
}

function classify(name: string, command: CommandName | undefined, dictionary: TlvDictionary | undefined): RequestField['kind'] | undefined {
  if ((SETTINGS as readonly string[]).includes(name)) return 'setting';
  if (command !== undefined && bodyField(command, name) !== undefined) return 'field';
  if (findTlv(name, dictionary) !== undefined) return 'tlv';
  return undefined;
}

function readBlock(raw: RawBlock, index: number, inherited: string | undefined, options: ParseOptions): RequestBlock {
  const problems: RequestFileProblem[] = [];
  const block: RequestBlock = {
    index,
    startLine: raw.startLine,
    endLine: raw.endLine,
    ...(raw.title === undefined ? {} : { title: raw.title }),
    fields: [],
    repeat: 1,
    expectations: [],
    problems,
  };
  const named: { name: string; value: string; line: number; column: number; valueColumn: number; text: string }[] = [];
  for (const { line, text } of raw.lines) {
    const t = text.trim();
    if (t === 'expect' || t.startsWith('expect ') || t.startsWith('expect\t')) {
      const e = parseExpectation(t.slice(6), line);
      if (typeof e === 'string') problems.push(lineProblem(line, text, e));
      else block.expectations.push(e);
      continue;
    }
    const m = NAME_LINE.exec(text);
    if (!m) {
      problems.push(lineProblem(line, text, 'write a line as name: value (or expect …, or a # comment)'));
      continue;
    }
    const column = m[1]!.length;
    const rest = m[3]!;
    const value = rest.trim();
    const valueColumn = text.length - rest.length + (rest.length - rest.trimStart().length);
    named.push({ name: m[2]!, value, line, column, valueColumn: value === '' ? text.trimEnd().length : valueColumn, text });
  }

  // The PDU first: it decides what the other names mean.
  const pduLine = named.find((n) => n.name === 'pdu');
  let command: CommandName | undefined;
  if (pduLine !== undefined) {
    const v = pduLine.value;
    const range = { line: pduLine.line, column: pduLine.valueColumn, endColumn: pduLine.valueColumn + Math.max(v.length, 1) };
    if (!isCommandName(v)) problems.push({ ...range, message: `unknown PDU ${JSON.stringify(v)}${didYouMean(closest(v, REQUEST_COMMANDS))}; a block sends one of ${REQUEST_COMMANDS.join(', ')}`, severity: 'error' });
    else if (!(REQUEST_COMMANDS as readonly string[]).includes(v)) problems.push({ ...range, message: `${v} is not a request; a block sends a request (its response comes back)`, severity: 'error' });
    else {
      command = v;
      block.command = v as RequestName;
    }
  }

  const seen = new Map<string, number>();
  for (const n of named) {
    const nameRange = { line: n.line, column: n.column, endColumn: n.column + n.name.length };
    const valueRange = { line: n.line, column: n.valueColumn, endColumn: n.valueColumn + Math.max(n.value.length, 1) };
    const kind = classify(n.name, command, options.dictionary);
    if (kind === undefined) {
      if (command === undefined) {
        if (pduLine !== undefined) continue; // the PDU's own problem says enough
        problems.push({ ...nameRange, message: `${n.name}: this block names no PDU, so no field can be read (add pdu: …)`, severity: 'error' });
        continue;
      }
      const known = [...writableFields(command).map((f) => f.name), ...SETTINGS];
      problems.push({ ...nameRange, message: `unknown field ${n.name}: not a field of ${command} nor a TLV (the spec's or the connection file's "tlvs")${didYouMean(closest(n.name, known))}`, severity: 'error' });
      continue;
    }
    const field: RequestField = { name: n.name, value: n.value, line: n.line, column: n.column, valueColumn: n.valueColumn, kind };
    const previous = seen.get(n.name);
    if (previous !== undefined && !(kind === 'tlv' && REPEATABLE_TLVS.has(n.name))) {
      problems.push({ ...nameRange, message: `${n.name} is given twice (first on line ${previous + 1})`, severity: 'error' });
      continue;
    }
    seen.set(n.name, n.line);
    block.fields.push(field);
    if (kind === 'field' && command !== undefined) {
      const spec = bodyField(command, n.name)!;
      if ('lengthOf' in spec && spec.lengthOf !== undefined) {
        problems.push({ ...nameRange, message: `${n.name} is worked out from ${spec.lengthOf}; leave it out`, severity: 'error' });
        continue;
      }
    }
    if (kind === 'setting') {
      if (n.name === 'connection') {
        const u = unquote(n.value);
        const name = 'text' in u ? u.text : n.value;
        if (name === '') problems.push({ ...valueRange, message: 'connection: name a connection of the connection file', severity: 'error' });
        else if (options.connections !== undefined && !options.connections.includes(name)) {
          const list = options.connections.map((c) => JSON.stringify(c)).join(', ') || '(none)';
          problems.push({ ...valueRange, message: `no connection is named ${JSON.stringify(name)}${didYouMean(closest(name, options.connections))}; the connection files have ${list}`, severity: 'error' });
        }
        block.connection = name;
      } else if (n.name === 'repeat') {
        const r = /^[0-9]{1,9}$/.test(n.value) ? Number(n.value) : NaN;
        if (!(r >= 1 && r <= MAX_REPEAT)) problems.push({ ...valueRange, message: `repeat takes a whole number 1..${MAX_REPEAT}, not ${JSON.stringify(n.value)}`, severity: 'error' });
        else block.repeat = r;
      }
      continue;
    }
  }

  if (block.connection === undefined && inherited !== undefined) block.connection = inherited;
  const anyContent = raw.lines.length > 0;
  if (pduLine === undefined && anyContent) {
    const first = raw.lines[0]!;
    problems.push(lineProblem(first.line, first.text, 'this block names no PDU: add a line such as pdu: submit_sm'));
  }

  if (command !== undefined) {
    // Values as written, checked as the codec checks them (generated ones wait for the send).
    // (A generator that cannot be read is said here too.)
    const derived = new Set(problems.map((p) => p.line));
    const checkable: RequestBlock = { ...block, fields: block.fields.filter((f) => f.kind === 'setting' || !derived.has(f.line)) };
    problems.push(...buildBlock(checkable, { dictionary: options.dictionary }, 'check').problems);
    const required = (COMMANDS[command] as { requiredTlvs?: readonly string[] }).requiredTlvs ?? [];
    const missing = required.filter((r) => !block.fields.some((f) => f.kind === 'tlv' && f.name === r));
    if (missing.length > 0 && pduLine !== undefined) {
      problems.push({ line: pduLine.line, column: pduLine.valueColumn, endColumn: pduLine.valueColumn + pduLine.value.length, message: `${command} must carry the TLV${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`, severity: 'error' });
    }
    for (const e of block.expectations) {
      if (e.kind !== 'receipt') continue;
      const text = raw.lines.find((l) => l.line === e.line)!.text;
      if (!SUBMITS.has(command)) problems.push(lineProblem(e.line, text, `${command} gets no delivery receipt; expect receipt is for submit_sm, submit_multi and data_sm`));
      else {
        const rd = block.fields.find((f) => f.name === 'registered_delivery');
        if (rd === undefined || rd.value === '0' || rd.value === 'none') {
          problems.push(lineProblem(e.line, text, 'the SMSC sends a receipt only when asked: add registered_delivery: receipt', 'warning'));
        }
      }
    }
  }
  problems.sort((a, b) => a.line - b.line || a.column - b.column);
  return block;
}

/** Reads a request file into blocks, each with its problems (also listed together, in line order). */
export function parseRequestFile(text: string, options: ParseOptions = {}): ParsedRequestFile {
  if (text.length > MAX_REQUEST_FILE_CHARS) {
    return {
      blocks: [],
      problems: [{ line: 0, column: 0, endColumn: 1, message: `the file has ${text.length} characters; a request file holds at most ${MAX_REQUEST_FILE_CHARS}`, severity: 'error' }],
    };
  }
  const lines = text.split(/\r?\n/);
  const blocks: RequestBlock[] = [];
  let inherited: string | undefined;
  for (const raw of splitBlocks(lines)) {
    const b = readBlock(raw, blocks.length, inherited, options);
    inherited = b.connection;
    blocks.push(b);
  }
  return { blocks, problems: blocks.flatMap((b) => b.problems) };
}
