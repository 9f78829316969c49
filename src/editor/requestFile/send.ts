// Send and Send ×N on a request block: the block's connection (bound first when it is not, as the
// palette's commands do), its PDU sent through the connection's session, so every PDU goes into
// the capture and the SMPP log, its responses, receipts and expectations shown beside the file.
// One send per block at a time; the progress notification cancels it.
import * as vscode from 'vscode';
import { ensureBound } from '../../commands/bindFirst';
import { ask } from '../../commands/inputs';
import { canSend, connectionFor } from '../../commands/pickConnection';
import type { SmppLog } from '../../log';
import type { ConnectionEntry, ConnectionModel } from '../../model/connectionModel';
import type { SessionManager } from '../../runners/sessionManager';
import { MAX_REPEAT, runBlock, type BlockResult } from '../../smpp/requests';
import type { EsmeSession } from '../../smpp/session/esme';
import { connectionNamed, type RequestDocuments } from './documents';
import type { ResultDocuments } from './results';
import { resultDocument, summary } from './resultJson';
import { blockName, targetBlock } from './target';

/** Requests any bound session sends; the others need a transmitter or transceiver. */
const ANY_BIND: ReadonlySet<string> = new Set(['enquire_link', 'unbind']);

export class RequestSender {
  /** `${counter}` over every send of the window, from 1. */
  private counter = 0;
  /** The last response of each request file (by URI), for the next block's `${last.FIELD}`. */
  private readonly last = new Map<string, Record<string, unknown>>();
  /** Sends under way, by result document: cancelled on dispose. */
  private readonly running = new Map<string, vscode.CancellationTokenSource>();

  constructor(
    private readonly documents: RequestDocuments,
    private readonly model: ConnectionModel,
    private readonly sessions: SessionManager,
    private readonly log: SmppLog,
    private readonly results: ResultDocuments,
  ) {}

  async send(uri: unknown, index: unknown, askCount: boolean): Promise<void> {
    const target = await targetBlock(this.documents, uri, index);
    if (!target) return;
    const { document, block, context } = target;
    const command = block.command!;
    const label = blockName(document, block);
    const resultUri = this.results.uriFor(document.uri, block.index, block.title?.trim() || `block ${block.index + 1} (${command})`);
    if (this.running.has(resultUri.toString())) {
      void vscode.window.showInformationMessage(`${label} is being sent; wait for it to finish, or cancel it in its notification.`);
      return;
    }

    let repeat = block.repeat;
    if (askCount) {
      const typed = await ask({
        title: `Send ${command} ×N (${label})`,
        value: String(block.repeat > 1 ? block.repeat : 10),
        placeholder: '10',
        prompt: () => `How many times to send ${command}; \${counter} and \${range …} step with each send.`,
        check: (v) => (/^\d+$/.test(v.trim()) && Number(v) >= 1 && Number(v) <= MAX_REPEAT ? undefined : `A whole number from 1 to ${MAX_REPEAT}`),
        required: true,
      });
      if (typed === undefined) return;
      repeat = Number(typed.trim());
    }

    const ready = (s: EsmeSession | undefined): boolean => (ANY_BIND.has(command) ? s?.isBound === true : canSend(s));
    const purpose = `send ${command}`;
    let entry: ConnectionEntry | undefined;
    if (block.connection !== undefined) {
      entry = connectionNamed(this.model, block.connection, document.uri);
      if (!entry) {
        void vscode.window.showErrorMessage(`${label}: no connection file of this workspace defines "${block.connection}".`);
        return;
      }
    } else {
      entry = await connectionFor(undefined, this.model, this.sessions, purpose, (c) => !c.parsed.definition.proxy, (c) => ready(this.sessions.session(c.id)));
      if (!entry) return;
    }
    if (!(await ensureBound(entry, this.sessions, purpose, ready))) return;
    const session = this.sessions.session(entry.id);
    if (!session) return;

    const def = entry.parsed.definition;
    const cancel = new vscode.CancellationTokenSource();
    this.running.set(resultUri.toString(), cancel);
    const started = new Date();
    const lastResponse = this.last.get(document.uri.toString());
    let result: BlockResult;
    try {
      result = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `SMPP: sending ${command}${repeat > 1 ? ` ×${repeat}` : ''} via ${def.name}`, cancellable: true },
        (_progress, token) => {
          const abort = new AbortController();
          token.onCancellationRequested(() => abort.abort());
          cancel.token.onCancellationRequested(() => abort.abort());
          return runBlock(session, { ...block, repeat }, {
            ...(context.dictionary ? { dictionary: context.dictionary } : {}),
            dcs0: def.profile.dcs0,
            env: process.env,
            nextCounter: () => ++this.counter,
            ...(lastResponse ? { last: lastResponse } : {}),
            signal: abort.signal,
          });
        },
      );
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      this.log.error(`${def.name}: ${label}: ${message}`);
      void vscode.window.showErrorMessage(`${label}: ${message}`);
      return;
    } finally {
      this.running.delete(resultUri.toString());
      cancel.dispose();
    }
    if (result.last !== undefined) this.last.set(document.uri.toString(), result.last);
    this.log.info(`${def.name}: ${label}: ${summary(result)}`);
    await this.results.show(resultUri, resultDocument(label, def.name, started, result));
  }

  dispose(): void {
    for (const c of this.running.values()) c.cancel();
  }
}
