// Generated values in request files: `${env:NAME}`, `${counter}`, `${random 1000..9999}`,
// `${timestamp}`, `${range 447700900000..447700900099}` and `${last.message_id}`, anywhere in a
// value. `$${` writes a literal `${`. Reading a value's generators (with where each one is) is
// separate from filling them in, so a file is checked before anything is sent.

import { formatSmppTime } from '../time';

/** What a send fills generators in from. Every part is optional: a missing one has a default. */
export interface GeneratorContext {
  /** The environment for `${env:NAME}`. */
  env?: Readonly<Record<string, string | undefined>>;
  /** The send's number in the whole run, from 1: `${counter}`. */
  counter?: number;
  /** The send's index within its block's repeat, from 0: `${range a..b}` gives its nth value. */
  sendIndex?: number;
  /** Milliseconds since the epoch: `${timestamp}`. */
  now?: () => number;
  /** In [0, 1): `${random a..b}`. */
  random?: () => number;
  /** The previous response's body fields and TLVs, by name: `${last.message_id}`. */
  last?: Readonly<Record<string, unknown>>;
}

export type Generator =
  | { kind: 'env'; name: string }
  | { kind: 'counter' }
  | { kind: 'random'; from: number; to: number; width: number }
  | { kind: 'range'; from: number; to: number; width: number }
  | { kind: 'timestamp' }
  | { kind: 'last'; field: string };

/** A value's text split into literal text and generators; `start`/`end` are offsets in the text. */
export type TemplatePart = { text: string } | { generator: Generator; start: number; end: number; source: string };

export interface TemplateProblem {
  start: number;
  end: number;
  message: string;
}

export interface ParsedTemplate {
  parts: TemplatePart[];
  problems: TemplateProblem[];
  /** Whether any part is a generator. */
  generated: boolean;
}

/** The generators, as completion and hover show them. */
export const GENERATORS: readonly { label: string; insert: string; documentation: string }[] = [
  { label: '${env:NAME}', insert: 'env:', documentation: 'The value of the environment variable NAME (an unset one is an error when the block is sent).' },
  { label: '${counter}', insert: 'counter', documentation: 'The number of the send in this run: 1, 2, 3, … across every block and repeat.' },
  { label: '${random a..b}', insert: 'random 1000..9999', documentation: 'A random integer from a to b, both included, new for each send (leading zeros of a keep the width).' },
  { label: '${range a..b}', insert: 'range 447700900000..447700900099', documentation: 'The nth value from a on the nth send of a `repeat` (after b it starts again at a).' },
  {
    label: '${timestamp}',
    insert: 'timestamp',
    documentation: 'Now: an absolute SMPP time in UTC (`YYMMDDhhmmsst00+`) in a time field (schedule_delivery_time, validity_period, broadcast_end_time), Unix seconds anywhere else.',
  },
  { label: '${last.FIELD}', insert: 'last.message_id', documentation: "A field (or TLV) of the previous block's last response, e.g. `${last.message_id}`." },
];

/** The largest integer a range can hold exactly. */
const MAX = Number.MAX_SAFE_INTEGER;

function readRange(kind: 'random' | 'range', args: string): Generator | string {
  const m = /^([0-9]{1,16})\s*\.\.\s*([0-9]{1,16})$/.exec(args);
  if (!m) return `\${${kind} a..b} takes two whole numbers, e.g. \${${kind} 1000..9999}`;
  const from = Number(m[1]);
  const to = Number(m[2]);
  if (from > MAX || to > MAX) return `\${${kind}}: numbers above ${MAX} cannot be counted exactly`;
  if (to < from) return `\${${kind} ${m[1]}..${m[2]}}: the end is below the start`;
  const width = m[1]!.startsWith('0') && m[1]!.length > 1 ? m[1]!.length : 0;
  return { kind, from, to, width };
}

function readGenerator(inner: string): Generator | string {
  const s = inner.trim();
  if (s.startsWith('env:')) {
    const name = s.slice(4).trim();
    return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? { kind: 'env', name } : `\${env:NAME} needs a variable name, not ${JSON.stringify(name)}`;
  }
  if (s === 'counter') return { kind: 'counter' };
  if (s === 'timestamp') return { kind: 'timestamp' };
  if (s.startsWith('last.')) {
    const field = s.slice(5);
    return /^[A-Za-z_][A-Za-z0-9_]*$/.test(field) ? { kind: 'last', field } : `\${last.FIELD} needs a field name, not ${JSON.stringify(field)}`;
  }
  const m = /^(random|range)(?:\s+(.*))?$/.exec(s);
  if (m) return readRange(m[1] as 'random' | 'range', (m[2] ?? '').trim());
  return `unknown generator \${${s}}: use env:NAME, counter, random a..b, range a..b, timestamp or last.FIELD`;
}

/** Splits a value into text and generators, with a problem for each one that cannot be read. */
export function parseTemplate(text: string): ParsedTemplate {
  const parts: TemplatePart[] = [];
  const problems: TemplateProblem[] = [];
  let literal = '';
  let i = 0;
  while (i < text.length) {
    if (text.startsWith('$${', i)) {
      literal += '${';
      i += 3;
      continue;
    }
    if (!text.startsWith('${', i)) {
      literal += text[i];
      i++;
      continue;
    }
    const close = text.indexOf('}', i + 2);
    if (close < 0) {
      problems.push({ start: i, end: text.length, message: '"${" is never closed by "}" (write $${ for a literal ${)' });
      literal += text.slice(i);
      break;
    }
    const source = text.slice(i, close + 1);
    const g = readGenerator(text.slice(i + 2, close));
    if (typeof g === 'string') problems.push({ start: i, end: close + 1, message: g });
    else {
      if (literal !== '') parts.push({ text: literal });
      literal = '';
      parts.push({ generator: g, start: i, end: close + 1, source });
    }
    i = close + 1;
  }
  if (literal !== '') parts.push({ text: literal });
  return { parts, problems, generated: parts.some((p) => 'generator' in p) };
}

function padded(v: number, width: number): string {
  return String(v).padStart(width, '0');
}

/** Where a generator is filled in: a time field takes `${timestamp}` as an SMPP time. */
export interface FillOptions {
  time?: boolean;
}

/** Fills one generator in, or says why it cannot be. */
export function generate(g: Generator, context: GeneratorContext, options: FillOptions = {}): string | { error: string } {
  switch (g.kind) {
    case 'env': {
      const v = (context.env ?? {})[g.name];
      return v === undefined ? { error: `the environment variable ${g.name} is not set` } : v;
    }
    case 'counter':
      return String(context.counter ?? 1);
    case 'random': {
      const r = (context.random ?? Math.random)();
      return padded(g.from + Math.min(g.to - g.from, Math.floor(r * (g.to - g.from + 1))), g.width);
    }
    case 'range':
      return padded(g.from + ((context.sendIndex ?? 0) % (g.to - g.from + 1)), g.width);
    case 'timestamp': {
      const now = (context.now ?? Date.now)();
      return options.time ? formatSmppTime(new Date(now)) : String(Math.floor(now / 1000));
    }
    case 'last': {
      const last = context.last;
      if (last === undefined) return { error: `\${last.${g.field}}: no response came before this block` };
      const v = last[g.field];
      if (v === undefined) return { error: `\${last.${g.field}}: the last response (${String(last.command ?? 'PDU')}) has no ${g.field}` };
      return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : JSON.stringify(v);
    }
  }
}

/** Fills every generator of a parsed value in; the first that cannot be is the error. */
export function fillTemplate(t: ParsedTemplate, context: GeneratorContext, options: FillOptions = {}): { text: string } | { error: string; start: number; end: number } {
  let out = '';
  for (const p of t.parts) {
    if ('text' in p) {
      out += p.text;
      continue;
    }
    const v = generate(p.generator, context, options);
    if (typeof v !== 'string') return { error: v.error, start: p.start, end: p.end };
    out += v;
  }
  return { text: out };
}
