// Maps the connection model to rows of the `smpp.connections` view. It only reads the model
// (connections, their sessions, their analyser proxies): no row reaches into a socket or a file.
// A proxy connection's row shows where it listens and how many applications are connected; each
// connected application is a child row with its own bind state and last keepalive.
import * as vscode from 'vscode';
import type { ConfigProblem } from '../config/connectionFile';
import type { ConnectionEntry, ConnectionFileEntry, ConnectionModel } from '../model/connectionModel';
import { Disposable } from '../lifecycle';
import type { DisplayState, ProxyInfo, SessionInfo } from '../runners/info';
import type { ProxyManager } from '../runners/proxyManager';
import { describeProxy, describeProxyClient, formatEndpoint, proxyClientDetails, proxyClientLabel, proxySignature } from './proxyText';
import type { SessionManager } from '../runners/sessionManager';
import { ago, describeSession, sessionSignature } from './sessionText';
import type { LegState, ProxyClientInfo } from '../smpp/proxy/types';

export type Row =
  | { kind: 'file'; file: ConnectionFileEntry }
  | { kind: 'connection'; connection: ConnectionEntry }
  | { kind: 'problem'; file: ConnectionFileEntry; problem: ConfigProblem; connection?: ConnectionEntry }
  | { kind: 'detail'; connection: ConnectionEntry; index: number }
  | { kind: 'proxyClient'; connection: ConnectionEntry; client: number };

/** At most this many tree refreshes a second. */
const MAX_REFRESH_PER_SECOND = 4;

export class ConnectionsTreeProvider extends Disposable implements vscode.TreeDataProvider<Row> {
  private readonly changeEmitter = this.register(new vscode.EventEmitter<Row | Row[] | undefined>());
  readonly onDidChangeTreeData = this.changeEmitter.event;
  /** Rows handed out, by connection id, so that a change refreshes just that row. */
  private readonly rows = new Map<string, Row>();
  /** What each connection row showed of its session when it was last rendered, by connection id. */
  private readonly shown = new Map<string, string>();
  private readonly dirty = new Set<string>();
  private flushTimer: ReturnType<typeof setTimeout> | undefined;
  private lastFlush = 0;

  constructor(
    private readonly model: ConnectionModel,
    private readonly sessions: SessionManager,
    private readonly proxies: ProxyManager,
    now: () => number = Date.now,
  ) {
    super();
    this.now = now;
    this.register(model.onDidChange(() => {
      this.rows.clear();
      this.shown.clear();
      this.changeEmitter.fire(undefined);
    }));
    this.register(sessions.onDidChange((id) => this.markDirty(id)));
    this.register(proxies.onDidChange((id) => this.markDirty(id)));
    // Keep "keepalive 20 s ago" and the PDU counters current: once a second, refresh the rows whose
    // text would change. Only those: refreshing a row rebuilds its hover, so a row refreshed every
    // second would never show its tooltip.
    const ticker = setInterval(() => {
      const now = this.now();
      for (const [id, row] of this.rows) if (row.kind === 'connection' && this.shown.get(id) !== this.signature(row.connection, now)) this.markDirty(id);
    }, 1000);
    this.register({ dispose: () => clearInterval(ticker) });
    this.register({ dispose: () => this.flushTimer && clearTimeout(this.flushTimer) });
  }

  private readonly now: () => number;

  /** Everything a connection's row (and a proxy's client rows) shows that can change while it runs. */
  private signature(connection: ConnectionEntry, now: number): string {
    return connection.parsed.definition.proxy ? proxySignature(this.proxies.info(connection), now) : sessionSignature(this.sessions.info(connection.id), now);
  }

  private details(connection: ConnectionEntry): Detail[] {
    const trusted = vscode.workspace.isTrusted;
    return connection.parsed.definition.proxy
      ? proxyDetails(connection, this.proxies.info(connection), trusted)
      : connectionDetails(connection, this.sessions.info(connection.id), this.now(), trusted);
  }

  private markDirty(id: string): void {
    this.dirty.add(id);
    if (this.flushTimer) return;
    const wait = Math.max(0, this.lastFlush + 1000 / MAX_REFRESH_PER_SECOND - Date.now());
    this.flushTimer = setTimeout(() => this.flush(), wait);
  }

  private flush(): void {
    this.flushTimer = undefined;
    this.lastFlush = Date.now();
    const changed = [...this.dirty].map((id) => this.rows.get(id)).filter((r): r is Row => r !== undefined);
    this.dirty.clear();
    if (changed.length) this.changeEmitter.fire(changed);
  }

  async getChildren(row?: Row): Promise<Row[]> {
    if (!row) {
      await this.model.ready();
      const files = this.model.fileEntries;
      if (files.length === 1) return fileChildren(files[0]);
      return files.map((file) => ({ kind: 'file', file }));
    }
    if (row.kind === 'file') return fileChildren(row.file);
    if (row.kind === 'connection') {
      const problems = row.connection.parsed.problems.map((problem): Row => ({ kind: 'problem', file: row.connection.file, problem, connection: row.connection }));
      if (problems.some((p) => p.kind === 'problem' && p.problem.severity === 'error')) return problems;
      const details = this.details(row.connection).map((_, index): Row => ({ kind: 'detail', connection: row.connection, index }));
      const clients = row.connection.parsed.definition.proxy
        ? this.proxies.info(row.connection).clients.map((c): Row => ({ kind: 'proxyClient', connection: row.connection, client: c.id }))
        : [];
      return [...problems, ...clients, ...details];
    }
    return [];
  }

  getTreeItem(row: Row): vscode.TreeItem {
    switch (row.kind) {
      case 'file':
        return fileItem(row.file);
      case 'connection': {
        const info = this.sessions.info(row.connection.id);
        const now = this.now();
        this.rows.set(row.connection.id, row);
        this.shown.set(row.connection.id, this.signature(row.connection, now));
        if (row.connection.parsed.definition.proxy) return proxyItem(row.connection, this.proxies.info(row.connection), vscode.workspace.isTrusted);
        return connectionItem(row.connection, info, now, vscode.workspace.isTrusted);
      }
      case 'problem':
        return problemItem(row.file, row.problem);
      case 'detail': {
        const d = this.details(row.connection)[row.index];
        const item = new vscode.TreeItem(d ? `${d.label}: ${d.value}` : '', vscode.TreeItemCollapsibleState.None);
        item.id = `detail:${row.connection.id}:${row.index}`;
        item.contextValue = 'smpp.detail';
        item.iconPath = d ? new vscode.ThemeIcon(d.icon) : undefined;
        item.tooltip = d ? `${d.label}: ${d.value}` : undefined;
        return item;
      }
      case 'proxyClient':
        return proxyClientItem(row.connection, this.proxies.info(row.connection).clients.find((c) => c.id === row.client), row.client, this.now());
    }
  }
}

function fileChildren(file: ConnectionFileEntry): Row[] {
  return [
    ...file.problems.map((problem): Row => ({ kind: 'problem', file, problem })),
    ...file.connections.map((connection): Row => ({ kind: 'connection', connection })),
  ];
}

function fileItem(file: ConnectionFileEntry): vscode.TreeItem {
  const item = new vscode.TreeItem(file.label, vscode.TreeItemCollapsibleState.Expanded);
  item.id = `file:${file.uri.toString()}`;
  item.resourceUri = file.uri;
  item.contextValue = 'smpp.file';
  item.iconPath = file.problems.some((p) => p.severity === 'error') ? new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground')) : vscode.ThemeIcon.File;
  item.description = `${file.connections.length} connection${file.connections.length === 1 ? '' : 's'}`;
  item.command = { command: 'smpp.openDefinition', title: 'Open Definition', arguments: [file.uri, 1, 1] };
  return item;
}

const STATE_ICONS: Record<DisplayState, [string, string]> = {
  closed: ['debug-disconnect', 'disabledForeground'],
  connecting: ['loading~spin', 'charts.yellow'],
  open: ['plug', 'charts.yellow'],
  bound_tx: ['pass-filled', 'testing.iconPassed'],
  bound_rx: ['pass-filled', 'testing.iconPassed'],
  bound_trx: ['pass-filled', 'testing.iconPassed'],
  unbound: ['debug-pause', 'charts.yellow'],
  outbound: ['plug', 'charts.yellow'],
  reconnecting: ['sync~spin', 'charts.orange'],
  error: ['error', 'errorForeground'],
};

interface Detail {
  icon: string;
  label: string;
  value: string;
}

/** What the tooltip and the child rows of a connection show: the same list, never the password. */
export function connectionDetails(connection: ConnectionEntry, info: SessionInfo, now: number, trusted: boolean): Detail[] {
  const def = connection.parsed.definition;
  const endpoint = info.endpoint ?? (def.simulator ? 'built-in SMSC simulator (loopback)' : `${def.host}:${def.port}${def.tls ? ' (TLS)' : ''}`);
  const bind = [`${def.bind} as "${def.system_id}"`];
  if (def.system_type) bind.push(`system_type "${def.system_type}"`);
  bind.push(`ton ${def.addr_ton} npi ${def.addr_npi}`);
  if (def.address_range) bind.push(`range "${def.address_range}"`);
  const out: Detail[] = [
    { icon: 'server', label: 'Endpoint', value: endpoint },
    { icon: 'key', label: 'Bind', value: bind.join(', ') },
    { icon: 'versions', label: 'Interface version', value: `SMPP ${def.interface_version}` },
    { icon: 'watch', label: 'Timers', value: `enquire_link every ${def.enquireLinkInterval} s, response timeout ${def.responseTimeout} s, window ${def.window}` },
  ];
  const k = info.lastKeepalive;
  out.push({
    icon: 'pulse',
    label: 'Last keepalive',
    value: k ? `${new Date(k.at).toLocaleTimeString()} (${ago(k.at, now)}), sent by the ${k.side === 'esme' ? 'ESME (us)' : 'SMSC'}${k.rtt !== undefined ? `, round trip ${k.rtt} ms` : ''}` : 'none yet',
  });
  out.push({ icon: 'arrow-swap', label: 'PDUs', value: `${info.counters.in} in, ${info.counters.out} out` });
  if (info.simulatorFaults) out.push({ icon: 'bug', label: 'Simulator faults', value: info.simulatorFaults.join(', ') });
  if (info.lastError) out.push({ icon: 'error', label: 'Last error', value: info.lastError });
  if (!trusted) out.push({ icon: 'shield', label: 'Workspace trust', value: 'not trusted: listed but never connects' });
  return out;
}

/** What the tooltip and the detail rows of an analyser proxy show. */
export function proxyDetails(connection: ConnectionEntry, info: ProxyInfo, trusted: boolean): Detail[] {
  const def = connection.parsed.definition;
  const out: Detail[] = [
    { icon: 'broadcast', label: 'Listens on', value: `${formatEndpoint(info.listen)}${def.proxy && def.proxy.host !== '127.0.0.1' && def.proxy.host !== 'localhost' ? ' (reachable from other machines)' : ' (this machine only)'}` },
    { icon: 'server', label: 'SMSC', value: info.upstream ?? (def.simulator ? 'built-in SMSC simulator (loopback)' : `${def.host}:${def.port}${def.tls ? ' (TLS)' : ''}`) },
    { icon: 'key', label: 'Credentials', value: info.rewriteCredentials ? `binds are sent on as "${def.system_id}" with this connection's password` : "the application's own, relayed as sent" },
  ];
  if (info.simulatorFaults) out.push({ icon: 'bug', label: 'Simulator faults', value: info.simulatorFaults.join(', ') });
  if (info.lastError) out.push({ icon: 'error', label: 'Last error', value: info.lastError });
  if (!trusted) out.push({ icon: 'shield', label: 'Workspace trust', value: 'not trusted: listed but never listens' });
  return out;
}

const PROXY_ICONS: Record<ProxyInfo['state'], [string, string]> = {
  stopped: ['debug-disconnect', 'disabledForeground'],
  starting: ['loading~spin', 'charts.yellow'],
  listening: ['broadcast', 'testing.iconPassed'],
  stopping: ['loading~spin', 'charts.yellow'],
  error: ['error', 'errorForeground'],
};

function proxyItem(connection: ConnectionEntry, info: ProxyInfo, trusted: boolean): vscode.TreeItem {
  const def = connection.parsed.definition;
  const errors = connection.parsed.problems.filter((p) => p.severity === 'error');
  // Expanded from the start, so that applications appear as they connect.
  const item = new vscode.TreeItem(def.name, vscode.TreeItemCollapsibleState.Expanded);
  item.id = `connection:${connection.id}`;
  const running = info.state === 'listening' || info.state === 'starting' || info.state === 'stopping';
  // `.simulator`: it relays to its running built-in simulator, so "Simulator Faults…" applies.
  item.contextValue = errors.length ? 'smpp.proxy.invalid' : `smpp.proxy.${running ? 'running' : 'stopped'}${running && def.simulator ? '.simulator' : ''}`;
  if (errors.length) {
    item.description = `invalid: ${errors[0]!.message}`;
    item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
  } else {
    item.description = `proxy ${describeProxy(info)}${trusted ? '' : ' · untrusted workspace: will not listen'}`;
    const [icon, color] = PROXY_ICONS[info.state];
    item.iconPath = new vscode.ThemeIcon(icon, new vscode.ThemeColor(color));
  }
  const tooltip = new vscode.MarkdownString(undefined, true);
  tooltip.appendMarkdown(`**${escapeMd(def.name)}** — analyser proxy, ${info.state}\n\n`);
  for (const d of proxyDetails(connection, info, trusted)) tooltip.appendMarkdown(`- $(${d.icon}) ${d.label}: ${escapeMd(d.value)}\n`);
  for (const p of connection.parsed.problems) tooltip.appendMarkdown(`- ${p.severity === 'error' ? '$(error)' : '$(warning)'} ${escapeMd(p.message)} (line ${p.line})\n`);
  item.tooltip = tooltip;
  return item;
}

const LEG_ICONS: Record<LegState, [string, string]> = {
  open: ['plug', 'charts.yellow'],
  bound_tx: ['pass-filled', 'testing.iconPassed'],
  bound_rx: ['pass-filled', 'testing.iconPassed'],
  bound_trx: ['pass-filled', 'testing.iconPassed'],
  unbound: ['debug-pause', 'charts.yellow'],
  closed: ['debug-disconnect', 'disabledForeground'],
};

function proxyClientItem(connection: ConnectionEntry, client: ProxyClientInfo | undefined, id: number, now: number): vscode.TreeItem {
  if (!client) {
    const gone = new vscode.TreeItem(`client ${id}: disconnected`, vscode.TreeItemCollapsibleState.None);
    gone.id = `proxyClient:${connection.id}:${id}`;
    return gone;
  }
  const item = new vscode.TreeItem(proxyClientLabel(client), vscode.TreeItemCollapsibleState.None);
  item.id = `proxyClient:${connection.id}:${id}`;
  item.contextValue = 'smpp.proxyClient';
  item.description = describeProxyClient(client, now);
  const [icon, color] = LEG_ICONS[client.state];
  item.iconPath = new vscode.ThemeIcon(icon, new vscode.ThemeColor(color));
  const tooltip = new vscode.MarkdownString(undefined, true);
  tooltip.appendMarkdown(`**${escapeMd(proxyClientLabel(client))}** through ${escapeMd(connection.parsed.definition.name)}\n\n`);
  for (const line of proxyClientDetails(client, now)) tooltip.appendMarkdown(`- ${escapeMd(line)}\n`);
  item.tooltip = tooltip;
  return item;
}

function connectionItem(connection: ConnectionEntry, info: SessionInfo, now: number, trusted: boolean): vscode.TreeItem {
  const def = connection.parsed.definition;
  const errors = connection.parsed.problems.filter((p) => p.severity === 'error');
  const item = new vscode.TreeItem(def.name, vscode.TreeItemCollapsibleState.Collapsed);
  item.id = `connection:${connection.id}`;
  const bound = info.state === 'bound_tx' || info.state === 'bound_rx' || info.state === 'bound_trx';
  const closed = !bound && info.engineState === 'closed' && info.state !== 'reconnecting';
  // `.simulator`: its built-in simulator runs, so "Simulator Faults…" applies.
  item.contextValue = errors.length ? 'smpp.connection.invalid' : `smpp.connection.${bound ? 'bound' : closed ? 'closed' : 'busy'}${def.simulator && !closed ? '.simulator' : ''}`;
  if (errors.length) {
    item.description = `invalid: ${errors[0].message}`;
    item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
  } else {
    item.description = describeSession(info, now) + (trusted ? '' : ' · untrusted workspace: will not connect');
    const [icon, color] = STATE_ICONS[info.state];
    item.iconPath = new vscode.ThemeIcon(icon, new vscode.ThemeColor(color));
  }
  const tooltip = new vscode.MarkdownString(undefined, true);
  tooltip.appendMarkdown(`**${escapeMd(def.name)}** — ${info.state}\n\n`);
  for (const d of connectionDetails(connection, info, now, trusted)) tooltip.appendMarkdown(`- $(${d.icon}) ${d.label}: ${escapeMd(d.value)}\n`);
  for (const p of connection.parsed.problems) tooltip.appendMarkdown(`- ${p.severity === 'error' ? '$(error)' : '$(warning)'} ${escapeMd(p.message)} (line ${p.line})\n`);
  item.tooltip = tooltip;
  return item;
}

function problemItem(file: ConnectionFileEntry, problem: ConfigProblem): vscode.TreeItem {
  const item = new vscode.TreeItem(problem.message, vscode.TreeItemCollapsibleState.None);
  item.description = `${file.label}:${problem.line}:${problem.column}`;
  item.contextValue = 'smpp.problem';
  item.iconPath = new vscode.ThemeIcon(problem.severity === 'error' ? 'error' : 'warning', new vscode.ThemeColor(problem.severity === 'error' ? 'errorForeground' : 'editorWarning.foreground'));
  item.tooltip = `${file.label}, line ${problem.line}, column ${problem.column}: ${problem.message}`;
  item.command = { command: 'smpp.openDefinition', title: 'Open Definition', arguments: [file.uri, problem.line, problem.column] };
  return item;
}

function escapeMd(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}
