// What "SMPP: Run Load Test" asks, read and checked: count, rate, window, destination and source
// ranges, and the message (a text, or `#N` for a generated text of N characters). Each parser
// returns the value or a message for people; `loadTestPlan` turns the answers into the load test's
// options and the panel's settings. What was typed is remembered per connection (workspaceState),
// read back through `coerceRemembered`, which trusts nothing it finds there. No `vscode`.
import { DEFAULT_RECEIPT_WAIT_MS, parseAddressRange, type LoadTestOptions } from '../smpp/loadtest';
import { countMessage, planMessage } from '../smpp/split';
import type { LoadViewSettings } from '../shared/loadTestMessages';

/** Destinations for the built-in simulator: UK numbers reserved for drama, never a real phone. */
export const SIMULATOR_TO = '447700900000-447700900999';
export const DEFAULT_COUNT = 1000;
export const DEFAULT_TEXT = 'SMPP Session Panel load test';
/** A real SMSC starts gently; the simulator as fast as the window allows. */
export const DEFAULT_REAL_RATE = 10;
/** After the last response, how long the run waits for missing delivery receipts (as the CLI). */
export const RECEIPT_WAIT_MS = DEFAULT_RECEIPT_WAIT_MS;

export const MAX_COUNT = 100_000_000;
export const MAX_WINDOW = 100_000;
export const MAX_RATE = 1_000_000;
export const MAX_SIZE = 160;

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(error: string): Parsed<T> => ({ ok: false, error });

/** Digits, with `_`, `,` or spaces between groups allowed (`100 000`, `1,000`, `1_000`). */
function wholeNumber(text: string): number | undefined {
  const s = text.trim();
  if (!/^\d{1,3}([ _,]?\d{3})*$/.test(s) && !/^\d+$/.test(s)) return undefined;
  return Number(s.replace(/[ _,]/g, ''));
}

export function parseCount(text: string): Parsed<number> {
  const n = wholeNumber(text);
  if (n === undefined || n < 1 || n > MAX_COUNT) return fail(`The count is a whole number of messages, 1 to ${MAX_COUNT.toLocaleString('en-US')}`);
  return ok(n);
}

/** Messages per second; empty, `0` or `max` = as fast as the window allows (0). */
export function parseRate(text: string): Parsed<number> {
  const s = text.trim().toLowerCase();
  if (s === '' || s === 'max') return ok(0);
  if (!/^\d+(\.\d+)?$/.test(s.replace(/[ _,]/g, ''))) return fail('The rate is a number of messages per second (e.g. 100 or 2.5), or 0 for as fast as the window allows');
  const n = Number(s.replace(/[ _,]/g, ''));
  if (!Number.isFinite(n) || n > MAX_RATE) return fail(`The rate is at most ${MAX_RATE.toLocaleString('en-US')} messages per second`);
  return ok(n);
}

export function parseWindow(text: string): Parsed<number> {
  const n = wholeNumber(text);
  if (n === undefined || n < 1 || n > MAX_WINDOW) return fail(`The window is a whole number of submits in flight at once, 1 to ${MAX_WINDOW.toLocaleString('en-US')}`);
  return ok(n);
}

/** The window the run uses: a session never has more requests outstanding than its own window. */
export function effectiveWindow(asked: number, sessionWindow: number): number {
  return Math.max(1, Math.min(asked, sessionWindow));
}

/** Said when the asked window is more than the session's, in the input box and in the panel. */
export function windowNote(asked: number, sessionWindow: number): string | undefined {
  if (asked <= sessionWindow) return undefined;
  return `The session's window is ${sessionWindow} (the connection's "window"), so at most ${sessionWindow} submits are in flight, not ${asked}. Raise "window" in the connection file to go further.`;
}

const SINGLE_ADDRESS = /^\+?[0-9A-Za-z]{1,20}$/;

/**
 * A destination or source: one address, or a range `FIRST-LAST` of numbers of the same length
 * (cycled through). Returns the range written without spaces. `required`: empty is an error
 * (with that message); otherwise empty means none ('').
 */
export function parseAddressInput(text: string, required: string | undefined): Parsed<string> {
  const s = text.trim();
  if (s === '') return required === undefined ? ok('') : fail(required);
  if (s.includes('-')) {
    try {
      parseAddressRange(s);
    } catch (e) {
      return fail(`A range is FIRST-LAST with the same number of digits at both ends, e.g. ${SIMULATOR_TO}: ${(e as Error).message}`);
    }
    if (!/^\+?\d+\s*-\s*\+?\d+$/.test(s)) return fail(`A range is FIRST-LAST with the same number of digits at both ends, e.g. ${SIMULATOR_TO}`);
    return ok(s.replace(/\s+/g, ''));
  }
  if (!SINGLE_ADDRESS.test(s)) return fail(`An address has 1 to 20 digits (a leading + is allowed) or letters; a range is FIRST-LAST, e.g. ${SIMULATOR_TO}`);
  return ok(s);
}

export interface MessageChoice {
  text?: string;
  size?: number;
  /** For people: `text "…" (28 chars · 1 part · GSM-7)` or `generated, 160 characters (GSM-7)`. */
  description: string;
}

/**
 * The message of every submit: `#N` (1..160) for a generated GSM 7-bit text of N characters that
 * numbers its message, anything else is the text itself (empty: the default text). A text must
 * fit in one part, as a load test sends single-part messages.
 */
export function parseMessageInput(text: string): Parsed<MessageChoice> {
  const size = /^\s*#\s*(\d+)\s*$/.exec(text);
  if (size) {
    const n = Number(size[1]);
    if (n < 1 || n > MAX_SIZE) return fail(`#N generates a text of N characters: N is 1 to ${MAX_SIZE}`);
    return ok({ size: n, description: `generated, ${n} character${n === 1 ? '' : 's'} (GSM-7)` });
  }
  const t = text === '' ? DEFAULT_TEXT : text;
  const plan = planMessage(t, { encoding: 'auto', method: 'udh', ref: 0 });
  if (plan.partCount > 1) return fail(`Too long for one part (${countMessage(t).display}); a load test sends single-part messages. Shorten it, or type #N for a generated text of N characters`);
  const shown = t.length > 60 ? `${t.slice(0, 57)}…` : t;
  return ok({ text: t, description: `text "${shown}" (${countMessage(t).display})` });
}

// ---------------------------------------------------------------------------------------------
// What was typed, remembered per connection
// ---------------------------------------------------------------------------------------------

/** The answers as typed (strings), so the next run pre-fills them exactly. */
export interface LoadInputs {
  count: string;
  rate: string;
  window: string;
  to: string;
  from: string;
  message: string;
}

const INPUT_KEYS: readonly (keyof LoadInputs)[] = ['count', 'rate', 'window', 'to', 'from', 'message'];
const MAX_REMEMBERED = 50;
const MAX_REMEMBERED_TEXT = 1024;

export function defaultInputs(connection: { simulator: boolean; window: number }): LoadInputs {
  return {
    count: String(DEFAULT_COUNT),
    rate: connection.simulator ? '0' : String(DEFAULT_REAL_RATE),
    window: String(connection.window),
    to: connection.simulator ? SIMULATOR_TO : '',
    from: '',
    message: DEFAULT_TEXT,
  };
}

/** What workspaceState held, as a map connection id → inputs; anything malformed is dropped. */
export function coerceRemembered(v: unknown): Record<string, Partial<LoadInputs>> {
  const out: Record<string, Partial<LoadInputs>> = {};
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return out;
  for (const [id, entry] of Object.entries(v as Record<string, unknown>).slice(-MAX_REMEMBERED)) {
    if (id === '__proto__' || typeof entry !== 'object' || entry === null || Array.isArray(entry)) continue;
    const inputs: Partial<LoadInputs> = {};
    for (const k of INPUT_KEYS) {
      const value = (entry as Record<string, unknown>)[k];
      if (typeof value === 'string' && value.length <= MAX_REMEMBERED_TEXT) inputs[k] = value;
    }
    Object.defineProperty(out, id, { value: inputs, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** The remembered map with `inputs` as the newest entry for `id` (at most 50 connections kept). */
export function remember(all: Record<string, Partial<LoadInputs>>, id: string, inputs: LoadInputs): Record<string, Partial<LoadInputs>> {
  const entries = Object.entries(all).filter(([k]) => k !== id);
  entries.push([id, { ...inputs }]);
  const out: Record<string, Partial<LoadInputs>> = {};
  for (const [k, value] of entries.slice(-MAX_REMEMBERED)) Object.defineProperty(out, k, { value, enumerable: true, writable: true, configurable: true });
  return out;
}

/** The pre-filled answers: the remembered ones where valid, else the defaults. */
export function prefill(remembered: Partial<LoadInputs> | undefined, defaults: LoadInputs): LoadInputs {
  const r = remembered ?? {};
  return {
    count: r.count !== undefined && parseCount(r.count).ok ? r.count : defaults.count,
    rate: r.rate !== undefined && parseRate(r.rate).ok ? r.rate : defaults.rate,
    window: r.window !== undefined && parseWindow(r.window).ok ? r.window : defaults.window,
    to: r.to !== undefined && r.to.trim() !== '' && parseAddressInput(r.to, '').ok ? r.to : defaults.to,
    from: r.from !== undefined && parseAddressInput(r.from, undefined).ok ? r.from : defaults.from,
    message: r.message !== undefined && parseMessageInput(r.message).ok ? r.message : defaults.message,
  };
}

// ---------------------------------------------------------------------------------------------
// The plan
// ---------------------------------------------------------------------------------------------

export interface LoadTestPlan {
  options: LoadTestOptions;
  settings: LoadViewSettings;
}

/**
 * The load test's options and the panel's settings from the answers (each already valid; a bad
 * one throws RangeError). Receipts are asked for where they can come back: on a transceiver bind
 * (the same session, as the CLI does), or when `receiver` names a connection bound beside it to
 * the same SMSC and system_id that can receive.
 */
export function loadTestPlan(
  inputs: LoadInputs,
  connection: { name: string; sessionWindow: number; transceiver: boolean; unbindAtEnd: boolean; receiver?: string },
): LoadTestPlan {
  const must = <T>(p: Parsed<T>): T => {
    if (!p.ok) throw new RangeError(p.error);
    return p.value;
  };
  const count = must(parseCount(inputs.count));
  const rate = must(parseRate(inputs.rate));
  const askedWindow = must(parseWindow(inputs.window));
  const to = must(parseAddressInput(inputs.to, 'Name the destinations'));
  const from = must(parseAddressInput(inputs.from, undefined));
  const message = must(parseMessageInput(inputs.message));
  const window = effectiveWindow(askedWindow, connection.sessionWindow);
  const receipts = connection.transceiver || connection.receiver !== undefined;
  const options: LoadTestOptions = { count, rate, window, to, from, receipts, receiptWait: receipts ? RECEIPT_WAIT_MS : 0 };
  if (message.size !== undefined) options.size = message.size;
  else options.text = message.text;
  return {
    options,
    settings: {
      connection: connection.name.slice(0, 256),
      count,
      rate,
      window,
      askedWindow,
      sessionWindow: connection.sessionWindow,
      to,
      from,
      message: message.description,
      receipts,
      receiptWait: options.receiptWait ?? 0,
      unbindAtEnd: connection.unbindAtEnd,
    },
  };
}
