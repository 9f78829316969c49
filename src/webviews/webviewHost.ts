// The host end of a webview conversation: every message the page sends passes a guard before it
// reaches `onMessage`, and every post waits until the page has said `ready`. A page that is torn
// down (hidden without retainContextWhenHidden, or reloaded) says `ready` again; `onReady` runs
// each time, so the subclass can send the page everything it needs from scratch.
import * as vscode from 'vscode';
import { Disposable } from '../lifecycle';
import { makeNonce, type PageParts } from './page';

/**
 * The options of every panel of ours: scripts on, no command URIs, no forms, resources only from
 * dist/ and media/, and the find widget.
 */
export function webviewPanelOptions(extensionUri: vscode.Uri): vscode.WebviewOptions & vscode.WebviewPanelOptions {
  return {
    enableScripts: true,
    enableCommandUris: false,
    enableForms: false,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')],
    enableFindWidget: true,
  };
}

/** What a panel's page HTML needs: its policy source, the URI of `dist/<script>`, a fresh nonce, its title. */
export function pageParts(webview: vscode.Webview, extensionUri: vscode.Uri, script: string, title: string): PageParts {
  return {
    cspSource: webview.cspSource,
    scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', script)).toString(),
    nonce: makeNonce(),
    title,
  };
}

export interface WebviewHostOptions<In, Out> {
  isMessage(v: unknown): v is In;
  describeRejected(v: unknown): string;
  log(message: string): void;
  /** How many posts to hold before the page is ready; the oldest go first. */
  maxQueued?: number;
  /** Posts of these types replace a queued post of the same type instead of queueing another. */
  latestOnly?: ReadonlySet<Out extends { type: infer T } ? T : never>;
}

export abstract class WebviewHost<In extends { type: string }, Out extends { type: string }> extends Disposable {
  private ready = false;
  private queue: Out[] = [];
  private readonly maxQueued: number;

  protected constructor(
    protected readonly panel: vscode.WebviewPanel,
    private readonly options: WebviewHostOptions<In, Out>,
  ) {
    super();
    this.maxQueued = options.maxQueued ?? 100;
    this.register(panel.webview.onDidReceiveMessage((m: unknown) => this.receive(m)));
    this.register(
      panel.onDidChangeViewState(() => {
        // A hidden page may be torn down; it will say `ready` again when it comes back.
        if (!panel.visible) this.ready = false;
      }),
    );
    this.register(panel.onDidDispose(() => this.dispose()));
  }

  /** Whether the page has said `ready` (and not been hidden since). */
  protected get isReady(): boolean {
    return this.ready;
  }

  /** Sends now if the page is ready, else holds the message until it is. */
  protected post(message: Out): void {
    if (this.isDisposed) return;
    if (!this.ready) {
      const latest = this.options.latestOnly as ReadonlySet<string> | undefined;
      if (latest?.has(message.type)) this.queue = this.queue.filter((m) => m.type !== message.type);
      this.queue.push(message);
      if (this.queue.length > this.maxQueued) this.queue.shift();
      return;
    }
    void this.panel.webview.postMessage(message).then(
      (delivered) => {
        if (!delivered) this.options.log(`a '${message.type}' message was not delivered`);
      },
      (err: unknown) => this.options.log(`posting '${message.type}' failed: ${err instanceof Error ? err.message : String(err)}`),
    );
  }

  /** Called on every `ready`, before the held posts go out. */
  protected abstract onReady(): void;

  protected abstract onMessage(message: In): void;

  private receive(m: unknown): void {
    if (!this.options.isMessage(m)) {
      this.options.log(`ignored ${this.options.describeRejected(m)} from the page`);
      return;
    }
    if (m.type === 'ready') {
      this.ready = true;
      this.onReady();
      const held = this.queue;
      this.queue = [];
      for (const message of held) this.post(message);
      return;
    }
    this.onMessage(m);
  }
}
