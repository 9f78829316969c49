// The Messages tab's model: the capture rows the page holds, fed to the message tracker as they
// come (each row's hex read once), and the text of a message row: its parts ("3/3", "2/3 missing
// 2"), its ids, its latencies, and the words a filter matches (state, connection, numbers with or
// without '+', text, message_id). Receipts are matched by each connection's id format: the one
// chosen in the page, else its profile's messageIdFormat. No DOM, so it is unit-tested.
import type { CaptureRow, Dcs0, IdFormat } from '../src/shared/decoderMessages';
import { fromHex } from '../src/smpp/bytes';
import { MessageTracker, type SmsMessage } from '../src/smpp/messages/index';
import { formatRtt } from './captureModel';

/** The connection a row's messages belong to: an analyser proxy's legs (and applications) apart. */
export function messageConnection(row: Pick<CaptureRow, 'connection' | 'leg' | 'client'>): string {
  if (row.leg === undefined) return row.connection;
  return `${row.connection} (${row.leg}${row.client === undefined ? '' : ` ${row.client}`})`;
}

const own = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

/**
 * The id format for a connection: the one chosen in the page for it, else its profile's (hex or
 * decimal: `profiles`), else the one chosen for every connection (''), else auto.
 */
export function idFormatFor(formats: Readonly<Record<string, IdFormat>>, connection: string, profiles: Readonly<Record<string, IdFormat>> = {}): IdFormat {
  if (own(formats, connection)) return formats[connection]!;
  if (connection !== '' && own(profiles, connection)) return profiles[connection]!;
  if (own(formats, '')) return formats['']!;
  return 'auto';
}

/**
 * The page's formats after a choice of `format` for `connection` in the select: a choice equal
 * to what the connection would have without one (its profile's, or the one for every
 * connection) is no choice, so the default applies again.
 */
export function chooseIdFormat(formats: Readonly<Record<string, IdFormat>>, connection: string, format: IdFormat, profiles: Readonly<Record<string, IdFormat>> = {}): Record<string, IdFormat> {
  const rest: Record<string, IdFormat> = {};
  for (const [k, f] of Object.entries(formats)) if (k !== connection) rest[k] = f;
  return format === idFormatFor(rest, connection, profiles) ? rest : { ...rest, [connection]: format };
}

export interface MessagesSettings {
  dcs0: Dcs0;
  /** Chosen in the page, by connection ('' = every connection). */
  idFormats: Readonly<Record<string, IdFormat>>;
  /** The connections' profiles (hex or decimal only), the default for a connection without a choice of its own. */
  profiles?: Readonly<Record<string, IdFormat>>;
}

export class MessagesModel {
  private tracker: MessageTracker;
  private settings: MessagesSettings;
  /** The capture connection of each message connection label. */
  private readonly bases = new Map<string, string>();
  private readonly search = new WeakMap<SmsMessage, string>();
  private list: SmsMessage[] | undefined;

  constructor(settings: MessagesSettings, maxMessages = 1_000_000) {
    this.settings = settings;
    this.maxMessages = maxMessages;
    this.tracker = this.newTracker();
  }

  private readonly maxMessages: number;

  private newTracker(): MessageTracker {
    const { dcs0, idFormats, profiles } = this.settings;
    return new MessageTracker({ dcs0, idFormat: (connection) => idFormatFor(idFormats, this.bases.get(connection) ?? connection, profiles), maxMessages: this.maxMessages });
  }

  /** Whether these settings differ from the model's (then `reset` with the rows). */
  differs(settings: MessagesSettings): boolean {
    return (
      settings.dcs0 !== this.settings.dcs0 ||
      JSON.stringify(settings.idFormats) !== JSON.stringify(this.settings.idFormats) ||
      JSON.stringify(settings.profiles ?? {}) !== JSON.stringify(this.settings.profiles ?? {})
    );
  }

  /** Starts again from these rows (a capture snapshot, a cleared capture, new settings). */
  reset(rows: readonly CaptureRow[], settings: MessagesSettings = this.settings): void {
    this.settings = { dcs0: settings.dcs0, idFormats: { ...settings.idFormats }, profiles: { ...settings.profiles } };
    this.tracker = this.newTracker();
    this.bases.clear();
    this.list = undefined;
    this.add(rows);
  }

  /** Rows captured since (oldest first). */
  add(rows: readonly CaptureRow[]): void {
    for (const row of rows) {
      const bytes = fromHex(row.hex);
      if (bytes === undefined) continue;
      const connection = messageConnection(row);
      this.bases.set(connection, row.connection);
      this.tracker.add({
        id: row.id,
        connection,
        direction: row.direction,
        timestamp: row.timestamp,
        bytes,
        ...(row.request === undefined ? {} : { requestId: row.request.id }),
      });
    }
    if (rows.length > 0) this.list = undefined;
  }

  /** Every message, oldest first. */
  messages(): readonly SmsMessage[] {
    return (this.list ??= this.tracker.messages());
  }

  /** The capture connection a message belongs to. */
  baseConnection(m: SmsMessage): string {
    return this.bases.get(m.connection) ?? m.connection;
  }

  /** The messages of a connection ('' = all) matching every word of the filter, oldest first. */
  filter(connection: string, text: string): SmsMessage[] {
    const words = text
      .toLowerCase()
      .split(/\s+/)
      .filter((w) => w.length > 0);
    const out: SmsMessage[] = [];
    for (const m of this.messages()) {
      if (connection !== '' && this.baseConnection(m) !== connection) continue;
      if (words.length > 0) {
        const s = this.searchText(m);
        if (!words.every((w) => s.includes(w))) continue;
      }
      out.push(m);
    }
    return out;
  }

  private searchText(m: SmsMessage): string {
    let s = this.search.get(m);
    if (s === undefined) {
      const words = [m.state, m.connection, m.kind, m.kind === 'mt' ? 'submit' : 'mo', `+${m.from}`, `+${m.to}`, m.text, partsText(m), ...m.messageIds];
      if (m.orphan) words.push('orphan', 'without submit');
      if (m.duplicates.length > 0) words.push('duplicate');
      s = words.join('\u0000').toLowerCase();
      this.search.set(m, s);
    }
    return s;
  }
}

/** "3/3", "2/3 missing 2", "3/3 duplicate 2", "—" for a receipt without its submit. */
export function partsText(m: SmsMessage): string {
  if (m.orphan) return '—';
  let s = `${m.received}/${m.total}`;
  if (m.missing.length > 0) s += ` missing ${listNumbers(m.missing)}`;
  if (m.duplicates.length > 0) s += ` duplicate ${listNumbers(m.duplicates)}`;
  if (m.outOfOrder.length > 0) s += ' out of order';
  return s;
}

/** Part numbers as people write them: "2", "2, 5", "2–4, 7". */
export function listNumbers(ns: readonly number[]): string {
  const out: string[] = [];
  let i = 0;
  while (i < ns.length) {
    let j = i;
    while (j + 1 < ns.length && ns[j + 1] === ns[j]! + 1) j++;
    out.push(j - i >= 2 ? `${ns[i]}–${ns[j]}` : j === i ? String(ns[i]) : `${ns[i]}, ${ns[j]}`);
    i = j + 1;
  }
  return out.join(', ');
}

/** How a message travels, for its details line. */
export function methodText(m: SmsMessage): string {
  switch (m.method) {
    case 'udh8':
      return `UDH, 8-bit reference ${m.reference}`;
    case 'udh16':
      return `UDH, 16-bit reference ${m.reference}`;
    case 'sar':
      return `SAR TLVs, reference ${m.reference}`;
    case 'payload':
      return 'message_payload';
    default:
      return 'one PDU';
  }
}

/** The message ids of a row: the first, and how many more. */
export function idsText(m: SmsMessage): string {
  if (m.messageIds.length === 0) return '';
  return m.messageIds.length === 1 ? m.messageIds[0]! : `${m.messageIds[0]} +${m.messageIds.length - 1}`;
}

export function msText(ms: number | undefined): string {
  return ms === undefined ? '' : formatRtt(ms);
}

/** The class a state is shown in: ok (delivered, received), fail, wait (en route, no receipt yet). */
export function stateClass(state: string): 'ok' | 'fail' | 'wait' {
  if (state === 'DELIVRD' || state === 'received' || state === 'ACCEPTD') return 'ok';
  if (state === 'ENROUTE' || state === 'SCHEDULED' || state === 'no receipt' || state === 'receipt') return 'wait';
  return 'fail';
}
