// The capture as the page holds it: rows in capture order, bounded like the host's ring, each
// response paired with its request (the page pairs by the response's request id, so a request
// row learns of its response even though the host sent it earlier), a filter by connection and
// text, and the window math of the virtual list. No DOM, so it is unit-tested.
// The analyser proxy's rows carry their leg (app↔proxy, proxy↔smsc): their direction reads
// "app → proxy", "SMSC → proxy" and so on, and the filter matches those words. Ids are unique
// across the capture and a response names its request on the same leg, so pairing needs no leg.

import type { CaptureRow } from '../src/shared/decoderMessages';
import { commandById } from '../src/smpp/tables/commands';
import { statusName } from '../src/smpp/tables/values';

export interface Filter {
  /** '' = every connection. */
  connection: string;
  /** Words, all of which must match (case-insensitive) the connection, command, status, seq, direction, leg, client or summary. */
  text: string;
}

/** Makes the text a row is searched by (its summary: addresses, text, message_id), computed once. */
export type Summarizer = (row: CaptureRow) => string;

export function isResponse(row: Pick<CaptureRow, 'commandId'>): boolean {
  return (row.commandId & 0x80000000) !== 0;
}

/** Whether a request expects a response (every request but outbind and alert_notification). */
export function expectsResponse(row: Pick<CaptureRow, 'commandId'>): boolean {
  if (isResponse(row)) return false;
  return commandById(row.commandId)?.spec.noResponse !== true;
}

/** Who sent a row's PDU to whom, as people read it: the direction cell's text and its tooltip. */
export interface DirectionText {
  text: string;
  title: string;
}

/**
 * An ESME session's rows keep their arrows (→ sent to the SMSC, ← received from it); a proxy's
 * rows name both ends: 'app → proxy', 'proxy → app', 'proxy → SMSC', 'SMSC → proxy'.
 */
export function directionText(row: Pick<CaptureRow, 'direction' | 'leg' | 'client'>): DirectionText {
  const out = row.direction === 'out';
  switch (row.leg) {
    case 'app↔proxy': {
      const app = row.client === undefined ? 'the application' : `the application (${row.client})`;
      return out
        ? { text: 'app → proxy', title: `app → proxy: sent by ${app} to the proxy` }
        : { text: 'proxy → app', title: `proxy → app: sent by the proxy to ${app}` };
    }
    case 'proxy↔smsc': {
      const forApp = row.client === undefined ? '' : ` (for the application ${row.client})`;
      return out
        ? { text: 'proxy → SMSC', title: `proxy → SMSC: sent by the proxy to the SMSC${forApp}` }
        : { text: 'SMSC → proxy', title: `SMSC → proxy: sent by the SMSC to the proxy${forApp}` };
    }
    default:
      return out ? { text: '→', title: 'sent to the SMSC' } : { text: '←', title: 'received from the SMSC' };
  }
}

export type Pairing = { kind: 'response'; requestId: number | undefined; rtt: number | undefined } | { kind: 'request'; responseId: number | undefined; expects: boolean };

export class CaptureModel {
  private rows: CaptureRow[] = [];
  private head = 0;
  private readonly byId = new Map<number, CaptureRow>();
  /** Summaries already made, by row id (a decode each, so kept): as written, and lower-cased for the filter. */
  private readonly lines = new Map<number, string>();
  private readonly searchText = new Map<number, string>();
  private readonly names = new Set<string>();
  /** How many held rows carry a proxy leg. */
  private legged = 0;
  capacity: number;

  constructor(
    capacity = 10_000,
    private readonly summarize: Summarizer = () => '',
  ) {
    this.capacity = Math.max(1, capacity);
  }

  get size(): number {
    return this.rows.length - this.head;
  }

  /** Rows oldest first. */
  all(): readonly CaptureRow[] {
    if (this.head > 0) this.compact();
    return this.rows;
  }

  get(id: number): CaptureRow | undefined {
    return this.byId.get(id);
  }

  /** Whether any held row is an analyser proxy's (carries a leg). */
  hasLegs(): boolean {
    return this.legged > 0;
  }

  /** Connection names seen in the capture, sorted. */
  connections(): string[] {
    return [...this.names].sort((a, b) => a.localeCompare(b));
  }

  reset(rows: readonly CaptureRow[], capacity = this.capacity): void {
    this.capacity = Math.max(1, capacity);
    this.rows = [];
    this.head = 0;
    this.byId.clear();
    this.forgetSummaries();
    this.names.clear();
    this.legged = 0;
    this.add(rows);
  }

  clear(): void {
    this.reset([]);
  }

  /** Appends rows (oldest first), pairs responses with their requests, drops the oldest beyond capacity. Returns the rows added. */
  add(rows: readonly CaptureRow[]): CaptureRow[] {
    const added: CaptureRow[] = [];
    for (const row of rows) {
      if (this.byId.has(row.id)) continue;
      const r: CaptureRow = { ...row };
      this.rows.push(r);
      added.push(r);
      this.byId.set(r.id, r);
      this.names.add(r.connection);
      if (r.leg !== undefined) this.legged++;
      if (r.request !== undefined) {
        const req = this.byId.get(r.request.id);
        if (req !== undefined) req.responseId = r.id;
      }
    }
    while (this.size > this.capacity) {
      const old = this.rows[this.head++]!;
      this.byId.delete(old.id);
      this.lines.delete(old.id);
      this.searchText.delete(old.id);
      if (old.leg !== undefined) this.legged--;
    }
    if (this.head > 4096 && this.head > this.rows.length / 2) this.compact();
    return added.filter((r) => this.byId.get(r.id) === r);
  }

  pairing(row: CaptureRow): Pairing {
    if (isResponse(row)) return { kind: 'response', requestId: row.request?.id, rtt: row.request?.rtt };
    return { kind: 'request', responseId: row.responseId, expects: expectsResponse(row) };
  }

  /** An unanswered request that should have had a response. */
  unanswered(row: CaptureRow): boolean {
    return !isResponse(row) && row.responseId === undefined && expectsResponse(row);
  }

  matches(row: CaptureRow, filter: Filter, words: readonly string[] = splitWords(filter.text)): boolean {
    if (filter.connection !== '' && row.connection !== filter.connection) return false;
    if (words.length === 0) return true;
    // The header fields first; the summary (a decode) only when they do not match every word.
    const base = this.base(row);
    const missing = words.filter((w) => !base.includes(w));
    if (missing.length === 0) return true;
    const summary = this.summary(row);
    return missing.every((w) => summary.includes(w));
  }

  /** The rows passing the filter, oldest first. */
  filter(filter: Filter, rows: readonly CaptureRow[] = this.all()): CaptureRow[] {
    const words = splitWords(filter.text);
    return rows.filter((r) => this.matches(r, filter, words));
  }

  /** Whether the row is still held (not dropped for capacity, not cleared). */
  holds(row: CaptureRow): boolean {
    return this.byId.get(row.id) === row;
  }

  /** The last `count` rows of one connection, oldest first. */
  lastOf(connection: string, count: number): CaptureRow[] {
    const out: CaptureRow[] = [];
    const all = this.all();
    for (let i = all.length - 1; i >= 0 && out.length < count; i--) if (all[i]!.connection === connection) out.push(all[i]!);
    return out.reverse();
  }

  /** The connection of the newest row, or ''. */
  newestConnection(): string {
    return this.size === 0 ? '' : this.rows[this.rows.length - 1]!.connection;
  }

  private base(row: CaptureRow): string {
    const status = isResponse(row) ? statusName(row.status) : '';
    const parts = [row.connection, row.command, status, '#' + row.seq, 'seq ' + row.seq, row.direction];
    if (row.leg !== undefined) {
      // 'app → proxy' and 'app→proxy' both match, and so do the leg ('app↔proxy') and the client.
      const dir = directionText(row).text;
      parts.push(row.leg, dir, dir.replace(/ /g, ''));
      if (row.client !== undefined) parts.push(row.client);
    }
    return parts.join(' \u0000 ').toLowerCase();
  }

  /** A row's one-line summary (a decode, made once and kept). */
  summaryLine(row: CaptureRow): string {
    let s = this.lines.get(row.id);
    if (s === undefined) {
      s = this.summarize(row);
      this.lines.set(row.id, s);
    }
    return s;
  }

  /** Forgets the summaries made: what they are made with changed (a connection file's vendor TLVs). */
  forgetSummaries(): void {
    this.lines.clear();
    this.searchText.clear();
  }

  private summary(row: CaptureRow): string {
    let s = this.searchText.get(row.id);
    if (s === undefined) {
      s = this.summaryLine(row).toLowerCase();
      this.searchText.set(row.id, s);
    }
    return s;
  }

  private compact(): void {
    this.rows = this.rows.slice(this.head);
    this.head = 0;
  }
}

export function splitWords(text: string): string[] {
  return text
    .toLowerCase()
    .split(/\s+/)
    .filter((w) => w.length > 0);
}

export interface VirtualWindow {
  /** First row index to render (inclusive). */
  start: number;
  /** Last row index to render (exclusive). */
  end: number;
  /** Pixels from the top of the list to the first rendered row. */
  offset: number;
  /** Height of the whole list in pixels. */
  total: number;
}

/** The rows a fixed-row-height list must render for a scroll position, with `overscan` rows either side. */
export function virtualWindow(scrollTop: number, viewport: number, rowHeight: number, count: number, overscan = 8): VirtualWindow {
  const total = count * rowHeight;
  if (count === 0 || rowHeight <= 0) return { start: 0, end: 0, offset: 0, total: Math.max(0, total) };
  const top = Math.min(Math.max(0, scrollTop), Math.max(0, total - viewport));
  const first = Math.floor(top / rowHeight);
  const visible = Math.ceil(Math.max(0, viewport) / rowHeight) + 1;
  const start = Math.max(0, first - overscan);
  const end = Math.min(count, first + visible + overscan);
  return { start, end, offset: start * rowHeight, total };
}

/** The scrollTop that brings row `index` fully into view, or undefined when it already is. */
export function scrollToReveal(index: number, scrollTop: number, viewport: number, rowHeight: number): number | undefined {
  const top = index * rowHeight;
  if (top < scrollTop) return top;
  if (top + rowHeight > scrollTop + viewport) return top + rowHeight - viewport;
  return undefined;
}

/** `17:05:12.345` in local time. */
export function formatTime(ms: number): string {
  const d = new Date(ms);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}.${p(d.getMilliseconds(), 3)}`;
}

/** Round trips as people read them: `850 µs`, `12 ms`, `1.25 s`. */
export function formatRtt(ms: number): string {
  if (ms < 1) return `${Math.round(ms * 1000)} µs`;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(2)} s`;
}
