// The messages between the extension host and the decoder webview: one discriminated union per
// direction (`type` on each), shared by both sides. The page says `ready` first; the host holds
// every post until then. A request and its reply are matched by `requestId`. Each side checks what
// it receives with the guards below and drops (and logs) anything that fails them, so a hostile or
// stale page cannot make the host do more than these messages allow. In a batch (capture rows,
// connections, vendor TLV dictionaries and their entries) the page drops only the rows that fail,
// never the batch. Imports only the guard helpers beside it.
import type { IdFormat } from '../smpp/messages/ids';
import type { VendorTlvDefinition, VendorTlvType } from '../smpp/tables/tlvDictionary';
import { connectionName, finite, int, isObj, keys, numberKeyed, sift, str } from './guards';

/** A short description of a rejected message for a log line: its type, if it has one, never its content. */
export { describeRejected } from './guards';

/** The decoder panel's type, as package.json's `onWebviewPanel` activation event names it. */
export const DECODER_VIEW_TYPE = 'smpp.decoder';

export type Dcs0 = 'gsm7' | 'latin1' | 'ascii';
export type DecoderTab = 'decoder' | 'capture' | 'ladder' | 'messages';
export type { IdFormat, VendorTlvDefinition };

/** A connection profile's `messageIdFormat`: how its SMSC writes message ids. */
export type ProfileIdFormat = 'as-is' | 'hex' | 'decimal';

/** What the page knows of a workspace connection beyond its name. */
export interface ConnectionInfo {
  name: string;
  /** Its profile's messageIdFormat ('as-is' when the file gives none). */
  messageIdFormat: ProfileIdFormat;
  /** The `file` of its file's vendor TLV dictionary among the message's `dictionaries`, when the file declares vendor TLVs. */
  tlvs?: string;
}

/** A connection file's vendor TLV dictionary (its checked `tlvs` entries), sent once per file. */
export interface DictionaryInfo {
  /** The file, relative to its workspace folder: what connections name it by, and what people read. */
  file: string;
  entries: VendorTlvDefinition[];
}

/** What the panel restores when VS Code reopens it (also kept in the page's own state). */
export interface DecoderState {
  /** The hex input, as typed or pasted. */
  hex: string;
  /** Where the hex came from (`app.log:12`, `capture #41`), for people. */
  source: string;
  dcs0: Dcs0;
  tab: DecoderTab;
  /** Which of several PDUs in the input is shown (0-based). */
  pduIndex: number;
  /** Capture filter text. */
  filter: string;
  /** Capture / sequence diagram connection; '' means every connection. */
  connection: string;
  /** How many PDUs the sequence diagram shows. */
  ladderCount: number;
  /**
   * The connection whose capture row the decoder input came from (its vendor TLVs are read by
   * that connection file's dictionary); '' for anything else (typed, pasted, Decode Selection),
   * which is read with every connection file's dictionary merged.
   */
  decodeConnection: string;
  /** Messages tab filter text (state, number, text, message_id). */
  messageFilter: string;
  /**
   * How receipts name message ids, by connection ('' = every connection without its own):
   * as-is, hex, decimal or auto (src/smpp/messages/ids.ts).
   */
  idFormats: Record<string, IdFormat>;
  /** The decoder's Field and Value column widths (CSS px) as the user dragged them; absent = fitted to the tab. */
  fieldColumns?: FieldColumns;
}

/** The field table's resizable columns' widths, CSS pixels. */
export interface FieldColumns {
  field: number;
  value: number;
}

/** The two legs of an analyser proxy's session, as the capture names them. */
export type CaptureLeg = 'app↔proxy' | 'proxy↔smsc';

/** A captured PDU as the page receives it: the bytes as lower-case hex. */
export interface CaptureRow {
  /** Unique in the capture, increasing. */
  id: number;
  connection: string;
  direction: 'in' | 'out';
  /** Epoch milliseconds. */
  timestamp: number;
  hex: string;
  command: string;
  commandId: number;
  status: number;
  seq: number;
  /** On a response: its request's id and the round trip in ms. */
  request?: { id: number; rtt: number };
  /** On a request: its response's id, once it came. */
  responseId?: number;
  /**
   * Only on the analyser proxy's rows: the leg the PDU crossed. On both legs 'out' goes from the
   * side that opened that leg's TCP connection (app → proxy, proxy → SMSC), 'in' the other way.
   * Rows without a leg are an ordinary ESME session's.
   */
  leg?: CaptureLeg;
  /**
   * Only with a `leg`: the address of the application the PDU belongs to ("127.0.0.1:51234",
   * "[::1]:51234"), on both legs, so several applications through one proxy can be told apart.
   */
  client?: string;
}

export type ExportOutcome = 'saved' | 'cancelled' | 'empty' | 'failed';

export type HostToWebview =
  /** First answer to `ready`: the state to show and what the host knows. */
  | { type: 'init'; state: DecoderState; connections: ConnectionInfo[]; dictionaries: DictionaryInfo[] }
  /** Decode this input now (Decode Selection / Clipboard, hover link). */
  | { type: 'decode'; hex: string; source: string }
  /** Show the capture tab, filtered to one connection ('' = all). */
  | { type: 'showCapture'; connection: string }
  /** The whole capture (oldest first) and the ring's capacity. Replaces what the page holds. */
  | { type: 'captureSnapshot'; records: CaptureRow[]; capacity: number }
  /** Records captured since the last post, oldest first. */
  | { type: 'captureRecords'; records: CaptureRow[] }
  | { type: 'captureCleared' }
  /**
   * The workspace's connections (for the connection selectors, the Messages tab's receipt id
   * format and the vendor TLVs), each dictionary once; sent again whenever a connection file changes.
   */
  | { type: 'connections'; connections: ConnectionInfo[]; dictionaries: DictionaryInfo[] }
  /** The reply to `exportPcap`. */
  | { type: 'exportResult'; requestId: number; outcome: ExportOutcome; message: string };

export type WebviewToHost =
  | { type: 'ready' }
  | { type: 'stateChanged'; state: DecoderState }
  /** Export the capture as pcap ('' or absent connection = every connection). */
  | { type: 'exportPcap'; requestId: number; connection?: string }
  | { type: 'clearCapture' }
  /** Open text (the decoded PDU as JSON) in an untitled editor. */
  | { type: 'openInEditor'; content: string; language: 'json' | 'plaintext' }
  /**
   * Copy the shown PDU (a request) as code: its bytes in hex, and the connection whose capture it
   * came from (`DecoderState.decodeConnection`; '' for a paste), whose bind settings the snippet takes.
   */
  | { type: 'copyAsCode'; hex: string; connection: string }
  /** Something went wrong in the page; the host writes it to the SMPP log. */
  | { type: 'log'; level: 'info' | 'warn' | 'error'; message: string };

export type HostToWebviewType = HostToWebview['type'];
export type WebviewToHostType = WebviewToHost['type'];

// ---------------------------------------------------------------------------------------------
// Limits
// ---------------------------------------------------------------------------------------------

/** The largest hex input either side accepts (characters). */
export const MAX_HEX_INPUT = 1 << 20;
/** A PDU is at most 64 KiB on the wire (the framer's cap), so 128 Ki hex digits. */
export const MAX_ROW_HEX = 2 * 64 * 1024;
/** The capture ring's largest setting. */
export const MAX_CAPTURE_ROWS = 1_000_000;
/** One PDU's bytes as the page posts them: whole octets, hex digits only, at least a header. */
const PDU_HEX = /^(?:[0-9a-fA-F]{2}){16,}$/;
/** A capture source label or filter text, characters. */
const MAX_LABEL = 256;
const MAX_CONNECTIONS = 10_000;
const MAX_TEXT = 4 << 20;
const MAX_MESSAGE = 4096;
const MAX_LADDER = 5000;
/** Connections with an id format of their own, at most. */
const MAX_ID_FORMATS = 1000;
/** Connection files with a vendor TLV dictionary, at most. */
export const MAX_DICTIONARIES = 1000;
/** Entries of one dictionary, at most (the connection file's own limit, MAX_DICTIONARY_ENTRIES). */
export const MAX_DICTIONARY_SIZE = 4096;
/** Value names of one vendor TLV, at most; the host sends the first ones. */
export const MAX_VALUE_NAMES = 4096;
/** A value name or a description, characters; the host cuts longer ones. */
export const MAX_TLV_WORDS = 256;
/** A connection file's label (its path in the workspace), characters. */
const MAX_FILE_LABEL = 1024;
const UINT32 = 0xffffffff;

export const DEFAULT_STATE: Readonly<DecoderState> = {
  hex: '',
  source: '',
  dcs0: 'gsm7',
  tab: 'decoder',
  pduIndex: 0,
  filter: '',
  connection: '',
  ladderCount: 50,
  decodeConnection: '',
  messageFilter: '',
  idFormats: {},
};

const DCS0: ReadonlySet<string> = new Set<Dcs0>(['gsm7', 'latin1', 'ascii']);
const TABS: ReadonlySet<string> = new Set<DecoderTab>(['decoder', 'capture', 'ladder', 'messages']);
const ID_FORMATS: ReadonlySet<string> = new Set<IdFormat>(['as-is', 'hex', 'decimal', 'auto']);
const OUTCOMES: ReadonlySet<string> = new Set<ExportOutcome>(['saved', 'cancelled', 'empty', 'failed']);
const LANGUAGES: ReadonlySet<string> = new Set(['json', 'plaintext']);
const LEVELS: ReadonlySet<string> = new Set(['info', 'warn', 'error']);
const HEX_ONLY = /^[0-9a-f]*$/;
const LEGS: ReadonlySet<string> = new Set<CaptureLeg>(['app↔proxy', 'proxy↔smsc']);
/** A socket address: IPv4/IPv6 (bracketed or not, with a zone), host names, a port. Nothing else. */
const CLIENT_LABEL = /^[0-9A-Za-z.:%[\]_-]{1,80}$/;

export function isCaptureLeg(v: unknown): v is CaptureLeg {
  return typeof v === 'string' && LEGS.has(v);
}

/** Whether `v` may be a row's `client` label (the host checks before it sends, so no row is dropped for it). */
export function isCaptureClient(v: unknown): v is string {
  return typeof v === 'string' && CLIENT_LABEL.test(v);
}

// ---------------------------------------------------------------------------------------------
// Guards
// ---------------------------------------------------------------------------------------------

const STATE_KEYS = ['hex', 'source', 'dcs0', 'tab', 'pduIndex', 'filter', 'connection', 'ladderCount', 'decodeConnection', 'messageFilter', 'idFormats'] as const;
/** A dragged column's width, CSS px (the page fits it to the tab's width when it shows it). */
const MIN_COLUMN = 40;
const MAX_COLUMN = 4000;

/** The field table's column widths: two whole numbers of pixels, nothing else. */
export function isFieldColumns(v: unknown): v is FieldColumns {
  return isObj(v) && keys(v, ['field', 'value']) && int(v.field, MIN_COLUMN, MAX_COLUMN) && int(v.value, MIN_COLUMN, MAX_COLUMN);
}

/** An id format for each of at most MAX_ID_FORMATS connection names ('' included). */
export function isIdFormats(v: unknown): v is Record<string, IdFormat> {
  if (!isObj(v)) return false;
  const names = Object.keys(v);
  if (names.length > MAX_ID_FORMATS) return false;
  for (const name of names) {
    const f = v[name];
    if (!connectionName(name) || typeof f !== 'string' || !ID_FORMATS.has(f)) return false;
  }
  return true;
}

export function isDecoderState(v: unknown): v is DecoderState {
  return (
    isObj(v) &&
    keys(v, STATE_KEYS, ['fieldColumns']) &&
    str(v.hex, MAX_HEX_INPUT) &&
    str(v.source, MAX_LABEL) &&
    typeof v.dcs0 === 'string' &&
    DCS0.has(v.dcs0) &&
    typeof v.tab === 'string' &&
    TABS.has(v.tab) &&
    int(v.pduIndex, 0, MAX_HEX_INPUT) &&
    str(v.filter, MAX_LABEL) &&
    connectionName(v.connection) &&
    int(v.ladderCount, 1, MAX_LADDER) &&
    connectionName(v.decodeConnection) &&
    str(v.messageFilter, MAX_LABEL) &&
    isIdFormats(v.idFormats) &&
    (v.fieldColumns === undefined || isFieldColumns(v.fieldColumns))
  );
}

/**
 * A state from an older page or a partial one, made whole: every valid field is kept, every
 * missing or invalid one takes its default. Never throws; anything not an object gives the defaults.
 */
export function coerceDecoderState(v: unknown): DecoderState {
  const s: DecoderState = { ...DEFAULT_STATE };
  if (!isObj(v)) return s;
  if (str(v.hex, MAX_HEX_INPUT)) s.hex = v.hex;
  if (str(v.source, MAX_LABEL)) s.source = v.source;
  if (typeof v.dcs0 === 'string' && DCS0.has(v.dcs0)) s.dcs0 = v.dcs0 as Dcs0;
  if (typeof v.tab === 'string' && TABS.has(v.tab)) s.tab = v.tab as DecoderTab;
  if (int(v.pduIndex, 0, MAX_HEX_INPUT)) s.pduIndex = v.pduIndex;
  if (str(v.filter, MAX_LABEL)) s.filter = v.filter;
  if (connectionName(v.connection)) s.connection = v.connection;
  if (int(v.ladderCount, 1, MAX_LADDER)) s.ladderCount = v.ladderCount;
  if (connectionName(v.decodeConnection)) s.decodeConnection = v.decodeConnection;
  if (str(v.messageFilter, MAX_LABEL)) s.messageFilter = v.messageFilter;
  if (isIdFormats(v.idFormats)) s.idFormats = { ...v.idFormats };
  if (isFieldColumns(v.fieldColumns)) s.fieldColumns = { field: v.fieldColumns.field, value: v.fieldColumns.value };
  return s;
}

export function isCaptureRow(v: unknown): v is CaptureRow {
  if (!isObj(v) || !keys(v, ['id', 'connection', 'direction', 'timestamp', 'hex', 'command', 'commandId', 'status', 'seq'], ['request', 'responseId', 'leg', 'client'])) return false;
  if (!int(v.id, 1, Number.MAX_SAFE_INTEGER)) return false;
  if (!connectionName(v.connection) || (v.direction !== 'in' && v.direction !== 'out') || !finite(v.timestamp)) return false;
  if (!str(v.hex, MAX_ROW_HEX) || v.hex.length % 2 !== 0 || !HEX_ONLY.test(v.hex)) return false;
  if (!str(v.command, 64) || !int(v.commandId, 0, UINT32) || !int(v.status, 0, UINT32) || !int(v.seq, 0, UINT32)) return false;
  if (v.request !== undefined) {
    const r = v.request;
    if (!isObj(r) || !keys(r, ['id', 'rtt']) || !int(r.id, 1, Number.MAX_SAFE_INTEGER) || !finite(r.rtt) || r.rtt < 0) return false;
  }
  if (v.responseId !== undefined && !int(v.responseId, 1, Number.MAX_SAFE_INTEGER)) return false;
  if (v.leg !== undefined && !isCaptureLeg(v.leg)) return false;
  // A client label names the application a proxied PDU belongs to, so only a row with a leg has one.
  if (v.client !== undefined && (v.leg === undefined || !isCaptureClient(v.client))) return false;
  return true;
}

const PROFILE_ID_FORMATS: ReadonlySet<string> = new Set<ProfileIdFormat>(['as-is', 'hex', 'decimal']);
/** The vendor TLV types (src/smpp/tables/tlvDictionary.ts's VENDOR_TLV_TYPES, which only the page's bundle loads). */
const TLV_TYPES: ReadonlySet<string> = new Set<VendorTlvType>(['int1', 'int2', 'int4', 'cstring', 'string', 'hex']);
/** A vendor TLV's name, as the connection file's schema allows it. */
const TLV_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const isValueName = (v: unknown): v is string => str(v, MAX_TLV_WORDS) && v.length > 0;

export function isConnectionInfo(v: unknown): v is ConnectionInfo {
  return (
    isObj(v) &&
    keys(v, ['name', 'messageIdFormat'], ['tlvs']) &&
    connectionName(v.name) &&
    typeof v.messageIdFormat === 'string' &&
    PROFILE_ID_FORMATS.has(v.messageIdFormat) &&
    (v.tlvs === undefined || str(v.tlvs, MAX_FILE_LABEL))
  );
}

/** One vendor TLV of a dictionary: a tag, a name and a type as the schema allows, value names for integer values (0..2^32-1), a description. */
export function isVendorTlvEntry(v: unknown): v is VendorTlvDefinition {
  return (
    isObj(v) &&
    keys(v, ['tag', 'name', 'type'], ['values', 'description']) &&
    int(v.tag, 0, 0xffff) &&
    typeof v.name === 'string' &&
    TLV_NAME.test(v.name) &&
    typeof v.type === 'string' &&
    TLV_TYPES.has(v.type) &&
    (v.values === undefined || numberKeyed(v.values, MAX_VALUE_NAMES, UINT32, isValueName)) &&
    (v.description === undefined || str(v.description, MAX_TLV_WORDS))
  );
}

/**
 * The connections and dictionaries of `init` and `connections`: a bad connection or a dictionary
 * whose file or entry list is wrong is dropped, and of a good dictionary only its bad entries.
 * Undefined when either is not a list.
 */
function readConnectionInfo(connections: unknown, dictionaries: unknown): { connections: ConnectionInfo[]; dictionaries: DictionaryInfo[]; dropped: number } | undefined {
  const good = sift(connections, MAX_CONNECTIONS, isConnectionInfo);
  if (good === undefined || !Array.isArray(dictionaries)) return undefined;
  let dropped = good.dropped + Math.max(0, dictionaries.length - MAX_DICTIONARIES);
  const out: DictionaryInfo[] = [];
  for (const d of dictionaries.slice(0, MAX_DICTIONARIES) as unknown[]) {
    const entries = isObj(d) && keys(d, ['file', 'entries']) && str(d.file, MAX_FILE_LABEL) ? sift(d.entries, MAX_DICTIONARY_SIZE, isVendorTlvEntry) : undefined;
    if (entries === undefined) dropped++;
    else {
      out.push({ file: (d as { file: string }).file, entries: entries.items });
      dropped += entries.dropped;
    }
  }
  return { connections: good.items, dictionaries: out, dropped };
}

/** A message from the host as the page takes it, and how many rows of its batch failed their guard. */
export interface ReadHostMessage {
  message: HostToWebview;
  /** Capture rows, connections, dictionaries or dictionary entries left out; the rest of the batch is kept. */
  dropped: number;
}

/**
 * Checks a message from the host. A batch (`init`'s and `connections`' connections, dictionaries
 * and dictionary entries, a capture snapshot's or update's records) keeps its good rows and counts
 * the bad ones; anything else wrong (the type,
 * the keys, the state, the capacity) refuses the message: undefined.
 */
export function readHostToWebview(v: unknown): ReadHostMessage | undefined {
  if (!isObj(v)) return undefined;
  const whole = (ok: boolean): ReadHostMessage | undefined => (ok ? { message: v as HostToWebview, dropped: 0 } : undefined);
  switch (v.type) {
    case 'init': {
      const info = keys(v, ['type', 'state', 'connections', 'dictionaries']) && isDecoderState(v.state) ? readConnectionInfo(v.connections, v.dictionaries) : undefined;
      return info && { message: { type: 'init', state: v.state as DecoderState, connections: info.connections, dictionaries: info.dictionaries }, dropped: info.dropped };
    }
    case 'connections': {
      const info = keys(v, ['type', 'connections', 'dictionaries']) ? readConnectionInfo(v.connections, v.dictionaries) : undefined;
      return info && { message: { type: 'connections', connections: info.connections, dictionaries: info.dictionaries }, dropped: info.dropped };
    }
    case 'captureSnapshot': {
      const capacity = v.capacity;
      const rows = keys(v, ['type', 'records', 'capacity']) && int(capacity, 1, MAX_CAPTURE_ROWS) ? sift(v.records, MAX_CAPTURE_ROWS, isCaptureRow) : undefined;
      return rows && { message: { type: 'captureSnapshot', records: rows.items, capacity: capacity as number }, dropped: rows.dropped };
    }
    case 'captureRecords': {
      const rows = keys(v, ['type', 'records']) ? sift(v.records, MAX_CAPTURE_ROWS, isCaptureRow) : undefined;
      return rows && { message: { type: 'captureRecords', records: rows.items }, dropped: rows.dropped };
    }
    case 'decode':
      return whole(keys(v, ['type', 'hex', 'source']) && str(v.hex, MAX_HEX_INPUT) && str(v.source, MAX_LABEL));
    case 'showCapture':
      return whole(keys(v, ['type', 'connection']) && connectionName(v.connection));
    case 'captureCleared':
      return whole(keys(v, ['type']));
    case 'exportResult':
      return whole(
        keys(v, ['type', 'requestId', 'outcome', 'message']) &&
          int(v.requestId, 0, Number.MAX_SAFE_INTEGER) &&
          typeof v.outcome === 'string' &&
          OUTCOMES.has(v.outcome) &&
          str(v.message, MAX_MESSAGE),
      );
    default:
      return undefined;
  }
}

/** A message from the host with nothing wrong in it, not even one row. */
export function isHostToWebview(v: unknown): v is HostToWebview {
  return readHostToWebview(v)?.dropped === 0;
}

export function isWebviewToHost(v: unknown): v is WebviewToHost {
  if (!isObj(v)) return false;
  switch (v.type) {
    case 'ready':
    case 'clearCapture':
      return keys(v, ['type']);
    case 'stateChanged':
      return keys(v, ['type', 'state']) && isDecoderState(v.state);
    case 'exportPcap':
      return keys(v, ['type', 'requestId'], ['connection']) && int(v.requestId, 0, Number.MAX_SAFE_INTEGER) && (v.connection === undefined || connectionName(v.connection));
    case 'openInEditor':
      return keys(v, ['type', 'content', 'language']) && str(v.content, MAX_TEXT) && typeof v.language === 'string' && LANGUAGES.has(v.language);
    case 'copyAsCode':
      return keys(v, ['type', 'hex', 'connection']) && str(v.hex, MAX_ROW_HEX) && PDU_HEX.test(v.hex) && connectionName(v.connection);
    case 'log':
      return keys(v, ['type', 'level', 'message']) && typeof v.level === 'string' && LEVELS.has(v.level) && str(v.message, MAX_MESSAGE);
    default:
      return false;
  }
}
