// Reads one `*.smpp.json` file: parses it (comments and trailing commas allowed, as in
// VS Code's own JSON files), validates it against the shipped JSON schema, fills in the
// schema's defaults, and reports every problem with its line and column. Never throws, and a
// broken connection never hides the good ones in the same file. No `vscode` import: the CLI
// and the unit tests use this module as the extension does. A file larger than
// MAX_CONNECTION_FILE_BYTES is refused unread, and positions come from one line index per file,
// so the cost of a file grows with its size, never with its size times its problems.
import { findNodeAtLocation, parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import schemaJson from '../../media/smpp-connections.schema.json';
import { SchemaValidator, type SchemaNode } from './schemaValidator';
import { isLoopbackHost } from '../smpp/proxy/types';
import { LineIndex } from './lineIndex';
import { octetProblem } from './octetStrings';
import { parseTlvDictionary, type TlvDictionary } from '../smpp/tables/tlvDictionary';
import { destinationMatcher } from '../smpp/destinationPattern';

export type BindKind = 'transmitter' | 'receiver' | 'transceiver';
export type InterfaceVersion = '3.3' | '3.4' | '5.0';

export interface TlsOptions {
  ca?: string;
  cert?: string;
  key?: string;
  servername?: string;
  rejectUnauthorized?: boolean;
}

/**
 * `"throttle": { "perSecond": 50 }`: the simulator refuses submits beyond 50 in any second (per
 * bind) with ESME_RTHROTTLED; `{ "everyNth": 10 }` refuses every 10th.
 */
export type SimulatorThrottle = { perSecond: number } | { everyNth: number };

export interface SimulatorOptions {
  deliveryReceiptDelay: number;
  moInterval: number;
  enquireLinkInterval: number;
  /** Seconds a connection has to bind before the simulator closes it; 0 = never. */
  sessionInitTimer: number;
  /** Seconds without a PDU from the ESME before the simulator closes the connection; 0 = never. */
  inactivityTimer: number;
  /** Absent: the simulator never throttles. */
  throttle?: SimulatorThrottle;
  /** What the simulator does by destination; the first rule that matches wins. */
  rules?: SimulatorRuleDefinition[];
  /** Percentages of final receipt states, adding up to 100. */
  receiptStates?: Partial<Record<string, number>>;
  /** The only credentials accepted; absent accepts any. Passwords as written (a literal or `${env:NAME}`). */
  accounts?: { system_id: string; password: string }[];
  /** Faults on from the start. */
  faults?: SimulatorFaultsDefinition;
}

/** One rule of a simulator scenario as written: seconds, a status by name or number. */
export interface SimulatorRuleDefinition {
  destination: string;
  submitStatus?: number | string;
  responseDelay?: number;
  noResponse?: boolean;
  receipt?: { state?: string; error?: number; delay?: number };
  moReply?: string;
}

/** The simulator's faults as written: seconds, a status by name or number. */
export interface SimulatorFaultsDefinition {
  responseDelay?: number;
  dropEnquireLinkResp?: boolean;
  rejectBind?: number | string;
  throttle?: 'all' | SimulatorThrottle;
  closeMidPdu?: boolean;
  garbageLength?: number;
}

/** `"proxy": { "listen": 2776 }`: the connection is an analyser proxy in front of its SMSC. */
export interface ProxyDefinition {
  listen: number;
  host: string;
  rewriteCredentials: boolean;
  /** Seconds an application has to bind before the proxy closes it; 0 = never. */
  sessionInitTimer: number;
  /** Seconds without a PDU from an application before the proxy closes it; 0 = never. */
  inactivityTimer: number;
}

/** The form of the SMSC's message ids: as it writes them, or hexadecimal / decimal numbers (a receipt may give the other form). */
export type MessageIdFormat = 'as-is' | 'hex' | 'decimal';
/** The alphabet the SMSC reads data_coding 0 in. */
export type Dcs0Alphabet = 'gsm7' | 'latin1' | 'ascii';
/** How a long text travels: a concatenation UDH (8- or 16-bit reference), SAR TLVs, or one message_payload. */
export type ConcatenationMethod = 'udh8' | 'udh16' | 'sar' | 'payload';

/** `"profile": { ... }`: how a provider differs. Always filled; the defaults are the usual SMSC. */
export interface ProviderProfile {
  messageIdFormat: MessageIdFormat;
  dcs0: Dcs0Alphabet;
  concatenation: ConcatenationMethod;
}

export const DEFAULT_PROFILE: Readonly<ProviderProfile> = { messageIdFormat: 'as-is', dcs0: 'gsm7', concatenation: 'udh8' };

const PROFILE_VALUES: { readonly [K in keyof ProviderProfile]: readonly ProviderProfile[K][] } = {
  messageIdFormat: ['as-is', 'hex', 'decimal'],
  dcs0: ['gsm7', 'latin1', 'ascii'],
  concatenation: ['udh8', 'udh16', 'sar', 'payload'],
};

/** The profile with its defaults; a value the schema refuses (the connection is then unusable) falls back to the default. */
function providerProfile(raw: unknown): ProviderProfile {
  const given = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const pick = <K extends keyof ProviderProfile>(key: K): ProviderProfile[K] => {
    const v = Object.hasOwn(given, key) ? given[key] : undefined;
    return (PROFILE_VALUES[key] as readonly unknown[]).includes(v) ? (v as ProviderProfile[K]) : DEFAULT_PROFILE[key];
  };
  return { messageIdFormat: pick('messageIdFormat'), dcs0: pick('dcs0'), concatenation: pick('concatenation') };
}

/** One connection as written in the file, with every default filled in. */
export interface ConnectionDefinition {
  name: string;
  host: string;
  port: number;
  tls: boolean | TlsOptions;
  system_id: string;
  /** As written: a literal, `${env:NAME}` or `${prompt}`. Resolve it before binding. */
  password: string;
  system_type: string;
  interface_version: InterfaceVersion;
  bind: BindKind;
  addr_ton: number;
  addr_npi: number;
  address_range: string;
  enquireLinkInterval: number;
  responseTimeout: number;
  window: number;
  reconnect: boolean;
  autoBind: boolean;
  simulator?: SimulatorOptions;
  proxy?: ProxyDefinition;
  /** How this provider differs (message ids, data_coding 0, concatenation), defaults filled in. */
  profile: ProviderProfile;
}

export type Severity = 'error' | 'warning';

export interface ConfigProblem {
  severity: Severity;
  /**
   * `syntax` and `schema` problems are the ones the editor's JSON support reports too (from the
   * shipped schema); `connection` problems are the panel's own (duplicate names, plain-text
   * passwords, a proxy listening beyond loopback, characters a bind field cannot carry, a file
   * too large to read).
   */
  source: 'syntax' | 'schema' | 'connection';
  message: string;
  /** JSON path, e.g. `connections[0].port`. */
  path: string;
  offset: number;
  length: number;
  /** 1-based, for people. */
  line: number;
  column: number;
}

export interface ParsedConnection {
  definition: ConnectionDefinition;
  /** Index in the file's `connections` array. */
  index: number;
  /** Where the connection object starts, 1-based. */
  line: number;
  column: number;
  /** Errors make the connection unusable; warnings do not. */
  problems: ConfigProblem[];
  /** The file's vendor TLV dictionary (its `tlvs`), when it declares any. */
  tlvs?: TlvDictionary;
}

export interface ParsedConnectionFile {
  connections: ParsedConnection[];
  /** Problems of the file as a whole (syntax, shape, its `tlvs`); per-connection ones sit on the connection. */
  problems: ConfigProblem[];
  /** The file's vendor TLV dictionary (its well-formed `tlvs` entries), when it declares any. */
  tlvs?: TlvDictionary;
}

const schema = schemaJson as unknown as SchemaNode;
const validator = new SchemaValidator(schema);
const connectionSchema = schema.definitions?.connection as SchemaNode;

/** A password written as `${env:NAME}`. */
export const ENV_PASSWORD = /^\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}$/;
export const PROMPT_PASSWORD = '${prompt}';

export function isLiteralPassword(password: string): boolean {
  return password !== '' && password !== PROMPT_PASSWORD && !ENV_PASSWORD.test(password);
}

/** The largest connection file the panel and the CLI read: far beyond any real one (10k connections take ~2.5 MB). */
export const MAX_CONNECTION_FILE_BYTES = 4 * 1024 * 1024;

const MiB = 1024 * 1024;

/** The one problem of a file too large to read: its size and the limit. */
export function fileTooLarge(bytes: number): ConfigProblem {
  return {
    severity: 'error',
    source: 'connection',
    message: `the file is ${(bytes / MiB).toFixed(1)} MiB (${bytes} bytes), more than the ${MAX_CONNECTION_FILE_BYTES / MiB} MiB a connection file may have; it was not read`,
    path: '(file)',
    offset: 0,
    length: 0,
    line: 1,
    column: 1,
  };
}

/** The octets `text` takes in UTF-8. */
function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** The bind's C-octet strings, checked for characters that cannot be sent. */
const OCTET_FIELDS = ['system_id', 'password', 'system_type', 'address_range'] as const;

const NESTED: ReadonlySet<string> = new Set(['simulator', 'proxy']);

/** Objects that are always filled in, by their own function: the provider profile. */
const FILLED: ReadonlySet<string> = new Set(['profile']);

/** The TLS object's own keys; anything else in it (which the schema check reports) is left out. */
const TLS_KEYS = ['ca', 'cert', 'key', 'servername', 'rejectUnauthorized'] as const;

function withDefaults(raw: Record<string, unknown>): ConnectionDefinition {
  const out: Record<string, unknown> = {};
  for (const [key, prop] of Object.entries(connectionSchema.properties ?? {})) {
    if (NESTED.has(key) || FILLED.has(key)) continue;
    out[key] = raw[key] !== undefined ? raw[key] : prop.default;
  }
  if (typeof out.tls === 'object' && out.tls !== null) {
    const rawTls = out.tls as Record<string, unknown>;
    out.tls = Object.fromEntries(TLS_KEYS.filter((k) => Object.hasOwn(rawTls, k)).map((k) => [k, rawTls[k]]));
  }
  // Optional objects: absent stays absent; present gets its own defaults.
  for (const key of NESTED) {
    if (raw[key] === undefined) continue;
    const nestedSchema = connectionSchema.properties?.[key]?.properties ?? {};
    const rawNested = (raw[key] ?? {}) as Record<string, unknown>;
    const nested: Record<string, unknown> = {};
    for (const [k, prop] of Object.entries(nestedSchema)) {
      // A property without a default (e.g. the simulator's throttle) stays absent when not given.
      const v = rawNested[k] !== undefined ? rawNested[k] : prop.default;
      if (v !== undefined) nested[k] = v;
    }
    if (key === 'simulator') {
      const throttle = simulatorThrottle(nested.throttle);
      if (throttle) nested.throttle = throttle;
      else delete nested.throttle;
    }
    out[key] = nested;
  }
  out.profile = providerProfile(raw.profile);
  return out as unknown as ConnectionDefinition;
}

/**
 * The throttle as the definition carries it: only the one key the schema allows. A malformed one
 * (which the schema check reports, making the connection unusable) is left out rather than passed on.
 */
function simulatorThrottle(raw: unknown): SimulatorThrottle | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const { perSecond, everyNth } = raw as Record<string, unknown>;
  if (typeof perSecond === 'number' && everyNth === undefined) return { perSecond };
  if (typeof everyNth === 'number' && perSecond === undefined) return { everyNth };
  return undefined;
}

export function parseConnectionFile(text: string): ParsedConnectionFile {
  // Every UTF-16 unit is at least one octet, so only a long text needs counting.
  if (text.length > MAX_CONNECTION_FILE_BYTES / 3) {
    const bytes = utf8Length(text);
    if (bytes > MAX_CONNECTION_FILE_BYTES) return { connections: [], problems: [fileTooLarge(bytes)] };
  }
  const problems: ConfigProblem[] = [];
  const lines = new LineIndex(text);
  const make = (severity: Severity, message: string, path: string, offset: number, length: number, source: ConfigProblem['source'] = 'schema'): ConfigProblem => ({
    severity,
    source,
    message,
    path,
    offset,
    length,
    ...lines.at(offset),
  });

  if (text.trim() === '') {
    problems.push(make('error', 'the file is empty; it should hold { "connections": [ ... ] }', '(file)', 0, 0, 'syntax'));
    return { connections: [], problems };
  }
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  for (const e of errors) {
    problems.push(make('error', `JSON syntax: ${describeParseError(printParseErrorCode(e.error))}`, '(file)', e.offset, e.length, 'syntax'));
  }
  if (!root || errors.length > 0) return { connections: [], problems };

  const violations = validator.validate(root);
  const connectionsNode = findNodeAtLocation(root, ['connections']);
  const connections: ParsedConnection[] = [];
  // Each connection's violations, by its index in the array; the rest are the file's.
  const byConnection = new Map<number, ConfigProblem[]>();
  for (const v of violations) {
    const m = /^connections\[(\d+)\]/.exec(v.path);
    const problem = make('error', v.message, v.path, v.offset, v.length);
    if (!m) problems.push(problem);
    else {
      const index = Number(m[1]);
      const list = byConnection.get(index);
      if (list) list.push(problem);
      else byConnection.set(index, [problem]);
    }
  }
  const tlvs = vendorTlvs(root, make);
  problems.push(...tlvs.problems);
  const dictionary = tlvs.dictionary;
  if (!connectionsNode || connectionsNode.type !== 'array') return dictionary ? { connections, problems, tlvs: dictionary } : { connections, problems };

  const seen = new Map<string, number>();
  (connectionsNode.children ?? []).forEach((node: JsonNode, index) => {
    const prefix = `connections[${index}]`;
    const own = byConnection.get(index) ?? [];
    if (node.type !== 'object') {
      problems.push(...own);
      return;
    }
    const raw = nodeValue(node) as Record<string, unknown>;
    const definition = withDefaults(raw);
    const name = typeof raw.name === 'string' ? raw.name : `(connection ${index + 1})`;
    definition.name = name;
    const nameNode = findNodeAtLocation(node, ['name']) ?? node;
    const first = seen.get(name);
    if (first !== undefined) {
      own.push(make('error', `two connections are named "${name}" (the first is connections[${first}]); names must be unique in a file`, `${prefix}.name`, nameNode.offset, nameNode.length, 'connection'));
    } else seen.set(name, index);
    for (const field of OCTET_FIELDS) {
      const value = raw[field];
      if (typeof value !== 'string' || (field === 'password' && !isLiteralPassword(value))) continue;
      const problem = octetProblem(field, value);
      if (!problem) continue;
      const at = findNodeAtLocation(node, [field]) ?? node;
      own.push(make('error', `${prefix}.${field}: ${problem}`, `${prefix}.${field}`, at.offset, at.length, 'connection'));
    }
    if (typeof raw.password === 'string' && isLiteralPassword(raw.password)) {
      const pw = findNodeAtLocation(node, ['password']) ?? node;
      own.push(make('warning', 'the password sits in plain text in this file; use "${env:NAME}" or "${prompt}" to keep it out', `${prefix}.password`, pw.offset, pw.length, 'connection'));
    }
    own.push(...simulatorProblems(node, raw, prefix, make));
    const proxyHost = (raw.proxy as { host?: unknown } | undefined)?.host;
    if (typeof proxyHost === 'string' && proxyHost.trim() !== '' && !isLoopbackHost(proxyHost)) {
      const h = findNodeAtLocation(node, ['proxy', 'host']) ?? node;
      own.push(make('warning', `the proxy listens on ${proxyHost}, reachable from other machines; leave "host" out to listen on 127.0.0.1 only`, `${prefix}.proxy.host`, h.offset, h.length, 'connection'));
    }
    connections.push(dictionary ? { definition, index, ...lines.at(node.offset), problems: own, tlvs: dictionary } : { definition, index, ...lines.at(node.offset), problems: own });
  });
  return dictionary ? { connections, problems, tlvs: dictionary } : { connections, problems };
}

export type MakeProblem = (severity: Severity, message: string, path: string, offset: number, length: number, source?: ConfigProblem['source']) => ConfigProblem;

/**
 * The file's vendor TLV dictionary and the problems only it can show (a tag or name of the spec's,
 * or given twice, a value name that does not fit): the schema reports the rest. Each problem sits
 * on the value at fault.
 */
export function vendorTlvs(root: JsonNode, make: MakeProblem): { dictionary?: TlvDictionary; problems: ConfigProblem[] } {
  const node = findNodeAtLocation(root, ['tlvs']);
  if (!node || node.type !== 'array') return { problems: [] };
  const parsed = parseTlvDictionary(nodeValue(node));
  const problems: ConfigProblem[] = [];
  for (const p of parsed.problems) {
    if (p.kind !== 'meaning') continue;
    // The value at fault, else the nearest node that exists above it.
    let at: JsonNode | undefined;
    for (let n = p.path.length; n >= 0 && !at; n--) at = findNodeAtLocation(node, p.path.slice(0, n) as (string | number)[]);
    const target = at ?? node;
    const where = p.path.reduce<string>((s, k) => (typeof k === 'number' ? `${s}[${k}]` : /^[A-Za-z_]\w*$/.test(k) ? `${s}.${k}` : `${s}[${JSON.stringify(k)}]`), 'tlvs');
    problems.push(make('error', p.message, where, target.offset, target.length, 'connection'));
  }
  return parsed.dictionary.size > 0 ? { dictionary: parsed.dictionary, problems } : { problems };
}

/**
 * What the schema cannot say about a simulator block: a receipt state mix that does not add up to
 * 100, a destination pattern that is not a valid regular expression, account credentials with
 * characters a bind cannot carry (or in plain text), a throttle given twice, and a connection
 * whose own system_id or password its simulator's accounts would refuse.
 */
function simulatorProblems(
  node: JsonNode,
  raw: Record<string, unknown>,
  prefix: string,
  make: (severity: Severity, message: string, path: string, offset: number, length: number, source: ConfigProblem['source']) => ConfigProblem,
): ConfigProblem[] {
  const sim = raw.simulator;
  if (typeof sim !== 'object' || sim === null) return [];
  const out: ConfigProblem[] = [];
  const at = (severity: Severity, message: string, path: (string | number)[]): void => {
    const n = findNodeAtLocation(node, ['simulator', ...path]) ?? node;
    const where = `${prefix}.simulator${path.map((k) => (typeof k === 'number' ? `[${k}]` : `.${k}`)).join('')}`;
    out.push(make(severity, `${where}: ${message}`, where, n.offset, n.length, 'connection'));
  };
  const s = sim as { receiptStates?: unknown; rules?: unknown; accounts?: unknown; throttle?: unknown; faults?: { throttle?: unknown } };
  if (typeof s.receiptStates === 'object' && s.receiptStates !== null) {
    const values = Object.values(s.receiptStates);
    if (values.every((v) => typeof v === 'number')) {
      const sum = (values as number[]).reduce((a, b) => a + b, 0);
      if (Math.abs(sum - 100) > 1e-9) at('error', `the percentages add up to ${+sum.toFixed(6)}; they must add up to 100`, ['receiptStates']);
    }
  }
  if (Array.isArray(s.rules)) {
    s.rules.forEach((rule: unknown, i) => {
      const destination = (rule as { destination?: unknown } | null)?.destination;
      if (typeof destination !== 'string' || destination === '') return;
      const m = destinationMatcher(destination);
      if (typeof m !== 'function') at('error', m.error, ['rules', i, 'destination']);
    });
  }
  if (Array.isArray(s.accounts)) {
    s.accounts.forEach((account: unknown, i) => {
      const a = account as { system_id?: unknown; password?: unknown } | null;
      if (typeof a?.system_id === 'string') {
        const problem = octetProblem('system_id', a.system_id);
        if (problem) at('error', problem, ['accounts', i, 'system_id']);
      }
      if (typeof a?.password === 'string' && isLiteralPassword(a.password)) {
        const problem = octetProblem('password', a.password);
        if (problem) at('error', problem, ['accounts', i, 'password']);
        at('warning', 'the password sits in plain text in this file; use "${env:NAME}" to keep it out', ['accounts', i, 'password']);
      }
    });
  }
  if (Array.isArray(s.accounts) && typeof raw.system_id === 'string') {
    const accounts = s.accounts as { system_id?: unknown; password?: unknown }[];
    const mine = accounts.find((a) => a?.system_id === raw.system_id);
    if (!mine) at('warning', `this connection binds as ${JSON.stringify(raw.system_id)}, which is not among the accounts: its binds will be refused with ESME_RINVSYSID`, ['accounts']);
    else if (typeof mine.password === 'string' && typeof raw.password === 'string' && isLiteralPassword(mine.password) && isLiteralPassword(raw.password) && mine.password !== raw.password) {
      at('warning', `the account ${JSON.stringify(raw.system_id)} has another password than this connection: its binds will be refused with ESME_RINVPASWD`, ['accounts']);
    }
  }
  if (s.throttle !== undefined && s.faults?.throttle !== undefined) at('error', 'the throttle is given twice; keep either the simulator\'s "throttle" or this one', ['faults', 'throttle']);
  return out;
}

/**
 * The value a JSON node stands for. Keys become own properties whatever their name: `"__proto__"`
 * is a key like any other, never the object's prototype.
 */
function nodeValue(node: JsonNode): unknown {
  switch (node.type) {
    case 'object': {
      const obj: Record<string, unknown> = {};
      for (const prop of node.children ?? []) {
        const [k, v] = prop.children ?? [];
        if (k && v) Object.defineProperty(obj, String(k.value), { value: nodeValue(v), enumerable: true, writable: true, configurable: true });
      }
      return obj;
    }
    case 'array':
      return (node.children ?? []).map(nodeValue);
    default:
      return node.value;
  }
}

export function describeParseError(code: string): string {
  const words: Record<string, string> = {
    InvalidSymbol: 'a character that does not belong here',
    InvalidNumberFormat: 'a malformed number',
    PropertyNameExpected: 'a property name was expected',
    ValueExpected: 'a value was expected',
    ColonExpected: 'a colon was expected',
    CommaExpected: 'a comma was expected',
    CloseBraceExpected: 'a closing } was expected',
    CloseBracketExpected: 'a closing ] was expected',
    EndOfFileExpected: 'text after the end of the JSON value',
    InvalidCommentToken: 'a malformed comment',
    UnexpectedEndOfComment: 'a comment that never ends',
    UnexpectedEndOfString: 'a string that never ends',
    UnexpectedEndOfNumber: 'a number that ends too early',
    InvalidUnicode: 'a malformed \\u escape',
    InvalidEscapeCharacter: 'an unknown escape character',
    InvalidCharacter: 'a control character inside a string',
  };
  return words[code] ?? code;
}
