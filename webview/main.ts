// The decoder webview: four tabs (Decoder, Capture, Sequence, Messages) over one state that VS Code keeps
// for the page (restored when the panel comes back) and that the host mirrors (for the panel
// serializer). The page talks to the host only through the typed messages of
// src/shared/decoderMessages.ts: it says `ready` once it listens, and drops (and reports) anything
// that fails the guard; of a batch (capture rows, connections, vendor TLV dictionaries) only the
// rows that fail. The host's connections carry each one's profile messageIdFormat (the Messages
// tab's default receipt id format) and its file's vendor TLV dictionary (capture rows and the
// decoder read vendor TLVs by name with it); when they change, what was read with them is read again.
import '@vscode-elements/elements/dist/vscode-badge/index.js';
import '@vscode-elements/elements/dist/vscode-tab-header/index.js';
import '@vscode-elements/elements/dist/vscode-tab-panel/index.js';
import '@vscode-elements/elements/dist/vscode-tabs/index.js';
import type { VscodeTabs } from '@vscode-elements/elements/dist/vscode-tabs/vscode-tabs.js';
import {
  coerceDecoderState,
  describeRejected,
  readHostToWebview,
  type CaptureRow,
  type ConnectionInfo,
  type DecoderState,
  type DecoderTab,
  type DictionaryInfo,
  type HostToWebview,
  type WebviewToHost,
} from '../src/shared/decoderMessages';
import { fromHex } from '../src/smpp/bytes';
import { CaptureModel, formatTime } from './captureModel';
import { CaptureView } from './captureView';
import { captureSummary, ConnectionProfiles } from './connectionProfiles';
import { DecoderView } from './decoderView';
import { debounce, h } from './dom';
import { LadderView } from './ladder';
import { MessagesView } from './messagesView';
import { adoptStyles } from './styles';
import { pageApi } from './vscodeApi';

const { post, report, savedState, saveState } = pageApi<WebviewToHost>((level, message) => ({ type: 'log', level, message }));

const TABS: readonly DecoderTab[] = ['decoder', 'capture', 'ladder', 'messages'];
const MAX_SOURCE = 200;
const MAX_FILTER = 256;
const MAX_REPORTS = 20;

function spaced(hex: string): string {
  return hex.replace(/(..)(?!$)/g, '$1 ');
}

class App {
  private state: DecoderState;
  private readonly pageHadState: boolean;
  /** Set once the host's init arrived; before that, what the user does is newer than the host's copy. */
  private initialized = false;
  private changedBeforeInit = false;
  /** The workspace's connections as the host last told them: names, profiles, vendor TLV dictionaries. */
  private readonly profiles = new ConnectionProfiles();
  private reports = 0;
  private readonly model = new CaptureModel(10_000, (row) => captureSummary(fromHex(row.hex) ?? new Uint8Array(0), this.state.dcs0, this.profiles.forConnection(row.connection).dictionary));
  private readonly tabs: VscodeTabs;
  private readonly badge: HTMLElement;
  private readonly decoder: DecoderView;
  private readonly capture: CaptureView;
  private readonly ladder: LadderView;
  private readonly messages: MessagesView;
  private readonly syncHost = debounce(() => post({ type: 'stateChanged', state: this.state }), 300);

  constructor(root: HTMLElement) {
    const saved = savedState();
    this.pageHadState = saved !== undefined && saved !== null;
    this.state = coerceDecoderState(saved);

    const ctx = {
      state: () => this.state,
      update: (patch: Partial<DecoderState>) => this.update(patch),
      post,
      decodeRow: (row: CaptureRow) => this.decodeRow(row),
      knownConnections: () => this.profiles.names(),
      profiles: () => this.profiles,
      dictionary: (connection: string) => this.profiles.choose(connection),
    };
    this.decoder = new DecoderView(ctx);
    this.capture = new CaptureView(ctx, this.model);
    this.ladder = new LadderView(ctx, this.model);
    this.messages = new MessagesView(ctx, this.model);

    this.badge = h('vscode-badge', { testid: 'capture-badge', attrs: { variant: 'counter' } });
    this.badge.hidden = true;
    this.tabs = h(
      'vscode-tabs',
      { testid: 'tabs' },
      h('vscode-tab-header', { testid: 'tab-decoder', attrs: { slot: 'header' } }, 'Decoder'),
      h('vscode-tab-header', { testid: 'tab-capture', attrs: { slot: 'header' } }, 'Capture', this.badge),
      h('vscode-tab-header', { testid: 'tab-ladder', attrs: { slot: 'header' } }, 'Sequence diagram'),
      h('vscode-tab-header', { testid: 'tab-messages', attrs: { slot: 'header' } }, 'Messages'),
      h('vscode-tab-panel', { testid: 'panel-decoder' }, this.decoder.element),
      h('vscode-tab-panel', { testid: 'panel-capture' }, this.capture.element),
      h('vscode-tab-panel', { testid: 'panel-ladder' }, this.ladder.element),
      h('vscode-tab-panel', { testid: 'panel-messages' }, this.messages.element),
    );
    this.tabs.addEventListener('vsc-tabs-select', (e) => {
      const tab = TABS[e.detail.selectedIndex] ?? 'decoder';
      if (tab !== this.state.tab) this.update({ tab });
      this.tabShown(tab);
    });
    root.replaceChildren(this.tabs);

    window.addEventListener('message', (e: MessageEvent<unknown>) => this.receive(e.data));
    window.addEventListener('error', (e) => report('error', `decoder page: ${e.message} (${e.filename}:${e.lineno})`));
    window.addEventListener('unhandledrejection', (e) => report('error', `decoder page: ${String(e.reason)}`));

    this.decoder.restore();
    this.capture.restore();
    this.messages.restore();
    this.showTab(this.state.tab);
    post({ type: 'ready' });
  }

  private update(patch: Partial<DecoderState>): void {
    if (!this.initialized) this.changedBeforeInit = true;
    const next = { ...this.state, ...patch };
    next.source = next.source.slice(0, MAX_SOURCE);
    next.filter = next.filter.slice(0, MAX_FILTER);
    const dcs0Changed = next.dcs0 !== this.state.dcs0;
    const connectionChanged = next.connection !== this.state.connection;
    this.state = next;
    saveState(this.state);
    this.syncHost();
    // The capture, the sequence diagram and the messages share the connection; the messages' text
    // is decoded with the DCS 0 alphabet the decoder tab sets.
    if (connectionChanged) {
      this.capture.restore();
      this.ladder.invalidate();
    }
    if (dcs0Changed || connectionChanged) this.messages.restore();
  }

  private showTab(tab: DecoderTab): void {
    const i = TABS.indexOf(tab);
    if (this.tabs.selectedIndex !== i) this.tabs.selectedIndex = i;
    if (this.state.tab !== tab) this.update({ tab });
    this.tabShown(tab);
  }

  private tabShown(tab: DecoderTab): void {
    this.ladder.setVisible(tab === 'ladder');
    this.messages.setVisible(tab === 'messages');
    if (tab === 'capture') this.capture.shown();
  }

  private decodeRow(row: CaptureRow): void {
    const dir = row.direction === 'out' ? '→' : '←';
    this.decoder.setInput(spaced(row.hex), `capture #${row.id} ${dir} ${row.connection} at ${formatTime(row.timestamp)}`, row.connection);
    this.showTab('decoder');
  }

  /** The host's connections: what was read with the old profiles and dictionaries is read again. */
  private connectionsChanged(connections: readonly ConnectionInfo[], dictionaries: readonly DictionaryInfo[]): void {
    const version = this.profiles.version;
    for (const p of this.profiles.update(connections, dictionaries)) if (this.reports++ < MAX_REPORTS) report('warn', `decoder page: a vendor TLV dictionary: ${p}`);
    if (this.profiles.version === version) return;
    this.model.forgetSummaries();
    if (this.state.filter.trim() !== '') this.capture.reload();
    else this.capture.appended([]);
    this.ladder.invalidate();
    this.messages.restore();
    this.decoder.restore();
  }

  private captureChanged(): void {
    const n = this.model.size;
    this.badge.textContent = n > 9999 ? `${Math.floor(n / 1000)}k` : String(n);
    this.badge.hidden = n === 0;
    this.ladder.invalidate();
  }

  private receive(data: unknown): void {
    const read = readHostToWebview(data);
    if (!read) {
      if (this.reports++ < MAX_REPORTS) report('warn', `decoder page: ignored ${describeRejected(data)}`);
      return;
    }
    if (read.dropped > 0 && this.reports++ < MAX_REPORTS) report('warn', `decoder page: dropped ${read.dropped} row(s) of a '${read.message.type}' message that fail the guard; kept the rest`);
    this.handle(read.message);
  }

  private handle(msg: HostToWebview): void {
    switch (msg.type) {
      case 'init':
        this.initialized = true;
        this.connectionsChanged(msg.connections, msg.dictionaries);
        // The page's own saved state, or what the user typed before init arrived, is newer than
        // the host's copy (the host hears of changes late).
        if (this.pageHadState || this.changedBeforeInit) this.syncHost();
        else {
          this.state = { ...msg.state };
          saveState(this.state);
          this.decoder.restore();
          this.capture.restore();
          this.messages.restore();
          this.showTab(this.state.tab);
        }
        break;
      case 'decode':
        this.decoder.setInput(msg.hex, msg.source);
        this.showTab('decoder');
        break;
      case 'showCapture':
        this.update({ connection: msg.connection });
        this.capture.restore();
        this.messages.restore();
        this.ladder.invalidate();
        this.showTab('capture');
        break;
      case 'captureSnapshot':
        this.model.reset(msg.records, msg.capacity);
        this.capture.reload();
        this.messages.reload();
        this.captureChanged();
        break;
      case 'captureRecords': {
        const added = this.model.add(msg.records);
        this.capture.appended(added);
        this.messages.appended(added);
        this.captureChanged();
        break;
      }
      case 'captureCleared':
        this.model.clear();
        this.capture.reload();
        this.messages.reload();
        this.captureChanged();
        break;
      case 'connections':
        this.connectionsChanged(msg.connections, msg.dictionaries);
        break;
      case 'exportResult':
        this.capture.exportResult(msg.requestId, msg.outcome, msg.message);
        break;
    }
  }
}

adoptStyles();
const root = document.getElementById('app') ?? document.body.appendChild(document.createElement('div'));
new App(root);
