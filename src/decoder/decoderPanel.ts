// The PDU decoder: one webview panel in the editor area (revealed when it is already open), with a
// strict CSP, resources only from dist/ and media/, and its state restored by a serializer when VS
// Code reopens it. The host keeps the capture flowing to the page: a snapshot whenever the page
// (re)starts, then new records in batches, and tells it when the capture is cleared. It tells the
// page the workspace's connections (each with its profile's messageIdFormat and its file's vendor
// TLV dictionary) at start and again whenever a connection file changes. "Copy as code" on the
// page's PDU asks the library here and puts the snippet on the clipboard (src/commands/copySnippet.ts).
import * as vscode from 'vscode';
import type { ConnectionModel } from '../model/connectionModel';
import type { SmppLog } from '../log';
import type { CaptureStore } from '../smpp/capture';
import {
  coerceDecoderState,
  DECODER_VIEW_TYPE,
  describeRejected,
  isWebviewToHost,
  type DecoderState,
  type HostToWebview,
  type WebviewToHost,
} from '../shared/decoderMessages';
import { connectionForSnippet, copySnippet } from '../commands/copySnippet';
import { CaptureFeed } from './captureFeed';
import { pageConnections, workspaceDictionary } from './connectionInfo';
import { exportCapture } from './exportCapture';
import { decoderHtml } from './html';
import { pduSnippetInput } from './pduSnippet';
import { WebviewHost, pageParts, webviewPanelOptions } from '../webviews/webviewHost';

const TITLE = 'PDU Decoder';

interface Services {
  extensionUri: vscode.Uri;
  capture: CaptureStore;
  log: SmppLog;
  model: ConnectionModel;
  /** Where a connection's session runs (a built-in simulator's port), for Copy as code. */
  sessions?: { info(id: string): { endpoint?: string } };
}

/** One open decoder panel and its page. */
class DecoderPanel extends WebviewHost<WebviewToHost, HostToWebview> {
  private state: DecoderState;
  /** What the page is sent of the capture: a snapshot in chunks when it starts, then batches. */
  private readonly feed: CaptureFeed;

  constructor(
    panel: vscode.WebviewPanel,
    private readonly services: Services,
    state: DecoderState,
  ) {
    super(panel, {
      isMessage: isWebviewToHost,
      describeRejected,
      log: (m) => services.log.warn(`decoder: ${m}`),
      latestOnly: new Set(['showCapture', 'connections']),
    });
    this.state = state;
    const { capture, model, extensionUri } = services;
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'smpp.svg');
    panel.webview.options = webviewPanelOptions(extensionUri);
    panel.webview.html = decoderHtml(pageParts(panel.webview, extensionUri, 'webview.js', TITLE));
    this.feed = new CaptureFeed(capture, (m) => this.post(m));
    this.register(this.feed);
    this.register(model.onDidChange(() => this.post({ type: 'connections', ...pageConnections(model.fileEntries) })));
  }

  get webviewPanel(): vscode.WebviewPanel {
    return this.panel;
  }

  reveal(preserveFocus: boolean): void {
    this.panel.reveal(undefined, preserveFocus);
  }

  decode(hex: string, source: string): void {
    this.post({ type: 'decode', hex, source: source.slice(0, 200) });
  }

  showCapture(connection: string): void {
    this.post({ type: 'showCapture', connection: connection.slice(0, 256) });
  }

  protected onReady(): void {
    // A page that (re)starts gets everything: its state, the connections (profiles, vendor TLVs) and the whole capture.
    this.post({ type: 'init', state: this.state, ...pageConnections(this.services.model.fileEntries) });
    this.feed.start();
  }

  protected onMessage(m: WebviewToHost): void {
    switch (m.type) {
      case 'ready':
        break; // handled by WebviewHost
      case 'stateChanged':
        this.state = m.state;
        break;
      case 'exportPcap':
        void exportCapture(this.services.capture, this.services.log, m.connection).then((r) =>
          this.post({ type: 'exportResult', requestId: m.requestId, outcome: r.outcome, message: r.message }),
        );
        break;
      case 'clearCapture':
        this.services.capture.clear();
        break;
      case 'openInEditor':
        void vscode.workspace
          .openTextDocument({ content: m.content, language: m.language })
          .then((doc) => vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: true }))
          .then(undefined, (err: unknown) => this.services.log.error(`decoder: could not open the JSON: ${err instanceof Error ? err.message : String(err)}`));
        break;
      case 'copyAsCode':
        void this.copyAsCode(m.hex, m.connection).then(undefined, (err: unknown) =>
          this.services.log.error(`decoder: could not copy as code: ${err instanceof Error ? err.message : String(err)}`),
        );
        break;
      case 'log': {
        const text = `decoder page: ${m.message}`;
        if (m.level === 'error') this.services.log.error(text);
        else if (m.level === 'warn') this.services.log.warn(text);
        else this.services.log.info(text);
        break;
      }
    }
  }

  /** Copy as code: the PDU's snippet, bound as the connection it came from (a placeholder SMSC for a paste). */
  private async copyAsCode(hex: string, connection: string): Promise<void> {
    const { model, sessions } = this.services;
    // The connection's file as the page reads its vendor TLVs: the first file, in name order, to name it.
    const entry = connection === '' ? undefined : model.fileEntries.flatMap((f) => f.connections).find((c) => c.parsed.definition.name === connection);
    const source = entry && {
      connection: connectionForSnippet(entry.parsed.definition, sessions?.info(entry.id).endpoint),
      ...(entry.parsed.tlvs ? { dictionary: entry.parsed.tlvs } : {}),
    };
    const built = pduSnippetInput(hex, source, source ? undefined : workspaceDictionary(model.fileEntries));
    const name = connection === '' ? 'Copy as code' : `Copy as code (${connection})`;
    if (!built.ok) {
      void vscode.window.showErrorMessage(`${name}: ${built.message}.`);
      return;
    }
    const gone = connection !== '' && entry === undefined ? ` (no connection file defines "${connection}" now)` : '';
    await copySnippet({
      title: `Copy ${built.command} as code: which library?`,
      name,
      input: () => built.input,
      says: () => (built.placeholder ? `sends this ${built.command} to a placeholder SMSC${gone} (127.0.0.1:2775: put your SMSC's address and system_id in it)` : `sends this ${built.command} via ${connection}`),
    });
  }
}

/** Owns the one decoder panel: opens or reveals it, restores it after a reload, and routes commands to it. */
export class DecoderController implements vscode.Disposable {
  private current: DecoderPanel | undefined;
  private readonly registrations: vscode.Disposable[] = [];

  constructor(private readonly services: Services) {
    this.registrations.push(
      vscode.window.registerWebviewPanelSerializer(DECODER_VIEW_TYPE, {
        deserializeWebviewPanel: async (panel: vscode.WebviewPanel, state: unknown) => {
          this.adopt(panel, coerceDecoderState(state));
        },
      }),
    );
  }

  /** Opens the decoder, or brings it forward. */
  open(options: { preserveFocus?: boolean; beside?: boolean } = {}): void {
    this.panel(options);
  }

  decode(hex: string, source: string): void {
    this.panel({ beside: vscode.window.activeTextEditor !== undefined, preserveFocus: false }).decode(hex, source);
  }

  showTraffic(connection: string): void {
    this.panel({}).showCapture(connection);
  }

  exportCapture(connection?: string): Promise<unknown> {
    return exportCapture(this.services.capture, this.services.log, connection);
  }

  dispose(): void {
    this.current?.dispose();
    this.current = undefined;
    for (const d of this.registrations.splice(0)) d.dispose();
  }

  private panel(options: { preserveFocus?: boolean; beside?: boolean }): DecoderPanel {
    if (this.current !== undefined) {
      this.current.reveal(options.preserveFocus ?? false);
      return this.current;
    }
    const panel = vscode.window.createWebviewPanel(
      DECODER_VIEW_TYPE,
      TITLE,
      { viewColumn: options.beside ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active, preserveFocus: options.preserveFocus ?? false },
      webviewPanelOptions(this.services.extensionUri),
    );
    return this.adopt(panel, coerceDecoderState(undefined));
  }

  /** Makes `panel` the decoder: one it just created, or one VS Code restored after a reload. */
  adopt(panel: vscode.WebviewPanel, state: DecoderState): DecoderPanel {
    // One decoder at a time: a second restored panel replaces the first.
    this.current?.webviewPanel.dispose();
    const p = new DecoderPanel(panel, this.services, state);
    this.current = p;
    panel.onDidDispose(() => {
      if (this.current === p) this.current = undefined;
    });
    return p;
  }
}
