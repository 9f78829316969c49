// One load test run and its panel ("Load test: <connection>"). The run goes in the extension host
// (LoadTest is asynchronous: it never blocks), the page only draws what it is sent: the settings, a
// snapshot a second, throttling events as they happen, and the result with its summary at the end.
// Cancel (the page's button), closing the panel, or the session going away stop the submits; the
// run then waits for what is in flight, so nothing is left pending. When the command bound the
// connection for the run, it is unbound at the end unless the user asked to stay bound. The result
// saves as JSON or CSV next to the connection file's workspace folder. Nothing here ever holds a
// password: the run knows addresses and counts only.
import * as os from 'node:os';
import * as vscode from 'vscode';
import type { ConnectionEntry } from '../model/connectionModel';
import { WebviewHost, pageParts, webviewPanelOptions } from '../webviews/webviewHost';
import type { SmppLog } from '../log';
import type { SessionManager } from '../runners/sessionManager';
import {
  describeRejectedLoadMessage,
  isLoadViewToHost,
  type HostToLoadView,
  type LoadPhase,
  type LoadSaveFormat,
  type LoadViewSettings,
  type LoadViewSnapshot,
  type LoadViewToHost,
} from '../shared/loadTestMessages';
import { LoadTest, formatLoadSummary, type LoadTestOptions, type LoadTestResult } from '../smpp/loadtest';
import type { EsmeSession } from '../smpp/session/esme';
import { loadResultFileName } from './fileNames';
import { loadTestHtml } from './html';
import { oneLineSummary, toViewSnapshot } from './snapshot';

export const LOAD_TEST_VIEW_TYPE = 'smpp.loadTest';

export interface LoadTestServices {
  extensionUri: vscode.Uri;
  log: SmppLog;
  sessions: SessionManager;
}

export interface LoadRun {
  connection: ConnectionEntry;
  /** The bound session the run submits through. */
  session: EsmeSession;
  options: LoadTestOptions;
  settings: LoadViewSettings;
  /** Unbind the connection when the run ends (the command bound it for the run). */
  unbindAtEnd: boolean;
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export class LoadTestPanel extends WebviewHost<LoadViewToHost, HostToLoadView> {
  /** Resolves once the run has ended and the connection is unbound when it had to be. */
  readonly finished: Promise<void>;
  private readonly test: LoadTest;
  private readonly name: string;
  private phase: LoadPhase = 'running';
  private phaseMessage = '';
  private snapshot: LoadViewSnapshot | undefined;
  private result: LoadTestResult | undefined;
  private summary = '';

  /**
   * Makes the run's LoadTest (throws RangeError for options it refuses, before any panel opens),
   * then opens the panel and starts the run.
   */
  static start(services: LoadTestServices, run: LoadRun): LoadTestPanel {
    const test = new LoadTest(run.session, run.options);
    const panel = vscode.window.createWebviewPanel(
      LOAD_TEST_VIEW_TYPE,
      `Load test: ${run.connection.parsed.definition.name}`,
      { viewColumn: vscode.ViewColumn.Active, preserveFocus: false },
      webviewPanelOptions(services.extensionUri),
    );
    return new LoadTestPanel(panel, services, run, test);
  }

  private constructor(
    panel: vscode.WebviewPanel,
    private readonly services: LoadTestServices,
    private readonly run: LoadRun,
    test: LoadTest,
  ) {
    super(panel, {
      isMessage: isLoadViewToHost,
      describeRejected: describeRejectedLoadMessage,
      log: (m) => services.log.warn(`load test page of ${run.connection.parsed.definition.name}: ${m}`),
      latestOnly: new Set(['progress', 'phase', 'done', 'init']),
    });
    this.test = test;
    this.name = run.connection.parsed.definition.name;
    const { extensionUri } = services;
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'smpp.svg');
    panel.webview.html = loadTestHtml(pageParts(panel.webview, extensionUri, 'loadtest.js', `Load test: ${this.name}`));

    test.on('progress', (r) => {
      this.snapshot = toViewSnapshot(r);
      this.send({ type: 'progress', snapshot: this.snapshot });
    });
    test.on('throttled', (t) => this.send({ type: 'throttled', event: { at: t.at, status: t.status.slice(0, 64), delay: t.delay } }));
    // Closing the panel cancels the run (it still ends cleanly, and unbinds when it should).
    this.register({ dispose: () => this.cancel('the panel was closed') });
    // The session going away ends the run by itself (its requests fail as `closed`); this only makes
    // sure of it, after those failures are counted.
    this.register(
      services.sessions.onDidChange((id) => {
        if (id !== run.connection.id || this.result !== undefined || services.sessions.session(id) === run.session) return;
        setTimeout(() => {
          if (this.result === undefined && this.test.snapshot().stopReason === undefined) this.cancel('the session went away');
        }, 0);
      }),
    );
    this.finished = this.go();
  }

  /** Brings the panel forward. */
  reveal(): void {
    if (!this.isDisposed) this.panel.reveal(undefined, false);
  }

  /** Whether the run still goes (submitting, waiting for what is in flight, or unbinding). */
  get running(): boolean {
    return this.phase !== 'ended';
  }

  protected onReady(): void {
    // A page that (re)starts gets everything from scratch.
    this.post({ type: 'init', settings: this.run.settings });
    if (this.result !== undefined && this.snapshot !== undefined) this.post({ type: 'done', snapshot: this.snapshot, summary: this.summary });
    else if (this.snapshot !== undefined) this.post({ type: 'progress', snapshot: this.snapshot });
    this.post({ type: 'phase', phase: this.phase, message: this.phaseMessage });
  }

  protected onMessage(m: LoadViewToHost): void {
    switch (m.type) {
      case 'ready':
        break; // handled by WebviewHost
      case 'cancel':
        this.cancel('cancelled from the panel');
        break;
      case 'save':
        void this.save(m.requestId, m.format).then((r) => this.post({ type: 'saveResult', requestId: m.requestId, format: m.format, outcome: r.outcome, message: r.message }));
        break;
      case 'log': {
        const text = `load test page: ${m.message}`;
        if (m.level === 'error') this.services.log.error(text);
        else if (m.level === 'warn') this.services.log.warn(text);
        else this.services.log.info(text);
        break;
      }
    }
  }

  /** Posts state only to a page that listens: a page that (re)starts gets it all in onReady. */
  private send(m: HostToLoadView): void {
    if (this.isReady) this.post(m);
  }

  private setPhase(phase: LoadPhase, message: string): void {
    this.phase = phase;
    this.phaseMessage = message.slice(0, 4096);
    this.send({ type: 'phase', phase, message: this.phaseMessage });
  }

  private cancel(why: string): void {
    if (this.result !== undefined || this.phase !== 'running') return;
    if (this.test.waitingForReceipts) {
      this.services.log.info(`${this.name}: load test: ${why}; no longer waiting for late receipts`);
      this.setPhase('cancelling', 'cancelling: no longer waiting for late receipts…');
    } else {
      this.services.log.info(`${this.name}: load test: ${why}; waiting for the submits in flight`);
      this.setPhase('cancelling', 'cancelling: waiting for the submits in flight…');
    }
    this.test.cancel();
  }

  private async go(): Promise<void> {
    const { log } = this.services;
    const s = this.run.settings;
    log.info(
      `${this.name}: load test: ${s.count} message(s), ${s.rate === 0 ? 'as fast as the window allows' : `${s.rate} msg/s`}, window ${s.window}` +
        `${s.askedWindow > s.window ? ` (asked ${s.askedWindow}; the session's window is ${s.sessionWindow})` : ''}, to ${s.to}${s.from ? `, from ${s.from}` : ''}, ${s.message}` +
        '; one line per PDU pauses in this log until it ends (the capture keeps them)',
    );
    // Thousands of PDUs a second would bury the log (and the output view); the capture has them.
    const quiet = this.services.sessions.quietPduLog(this.run.connection.id);
    try {
      const result = await this.test.run().finally(() => quiet.dispose());
      this.result = result;
      this.snapshot = toViewSnapshot(result);
      this.summary = formatLoadSummary(result);
      this.send({ type: 'done', snapshot: this.snapshot, summary: this.summary });
      log.info(oneLineSummary(this.name, this.summary));
    } catch (err) {
      // Only when the session was not bound at the start.
      const message = `${this.name}: the load test could not start: ${errorText(err)}`;
      log.error(message);
      void vscode.window.showErrorMessage(message);
      await this.endRun(message);
      return;
    }
    await this.endRun('');
  }

  /** Unbinds when the run asked for it (only the session it ran on), then says the run has ended. */
  private async endRun(problem: string): Promise<void> {
    const { sessions, log } = this.services;
    const notes: string[] = problem ? [problem] : [];
    const ours = sessions.session(this.run.connection.id) === this.run.session;
    if (this.run.unbindAtEnd && ours) {
      this.setPhase('unbinding', 'unbinding…');
      try {
        await sessions.unbind(this.run.connection);
        notes.push('unbound');
      } catch (err) {
        const message = `${this.name}: unbind after the load test failed: ${errorText(err)}`;
        log.error(message);
        notes.push(message);
      }
    } else if (ours && this.run.session.isBound) {
      notes.push(`still ${this.run.session.state}`);
    } else {
      notes.push(`the session is ${this.run.session.state}`);
    }
    this.setPhase('ended', notes.join(' · '));
  }

  private async save(requestId: number, format: LoadSaveFormat): Promise<{ outcome: 'saved' | 'cancelled' | 'failed'; message: string }> {
    const { log } = this.services;
    const result = this.result;
    if (result === undefined) return { outcome: 'failed', message: 'The run has not ended yet.' };
    const label = format.toUpperCase();
    const fileUri = this.run.connection.file.uri;
    const folder = vscode.workspace.getWorkspaceFolder(fileUri)?.uri ?? vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(os.homedir());
    const uri = await vscode.window.showSaveDialog({
      title: `Save the load test of ${this.name} as ${label}`,
      defaultUri: vscode.Uri.joinPath(folder, loadResultFileName(new Date(result.startedAt), this.name, format)),
      filters: format === 'json' ? { JSON: ['json'], 'All files': ['*'] } : { CSV: ['csv'], 'All files': ['*'] },
      saveLabel: 'Save',
    });
    if (uri === undefined) return { outcome: 'cancelled', message: 'Not saved.' };
    try {
      const text = format === 'json' ? result.toJson() : result.toCsv();
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
      const file = uri.path.slice(uri.path.lastIndexOf('/') + 1);
      const message = `Saved the load test of ${this.name} as ${label} to ${file}.`;
      log.info(`${this.name}: load test saved as ${label} to ${uri.fsPath || uri.toString()} (request ${requestId})`);
      void vscode.window.showInformationMessage(message);
      return { outcome: 'saved', message };
    } catch (err) {
      const message = `Could not save the load test as ${label}: ${errorText(err)}`;
      log.error(`${this.name}: ${message}`);
      void vscode.window.showErrorMessage(message);
      return { outcome: 'failed', message };
    }
  }
}
