// What the session manager and the proxy manager share: what they are built from (the model,
// secret storage, the log, the capture), something running per connection, a change event by
// connection id, and the rule that a running thing ends when its connection's
// definition changes or disappears, and when the extension shuts down.
import * as vscode from 'vscode';
import type { ConnectionDefinition } from '../config/connectionFile';
import type { ConnectionModel } from '../model/connectionModel';
import { Disposable } from '../lifecycle';
import type { SmppLog } from '../log';
import type { CaptureStore } from '../smpp/capture';

export abstract class ConnectionRunner<R extends { definition: ConnectionDefinition }> extends Disposable {
  protected readonly running = new Map<string, R>();
  protected readonly changeEmitter = this.register(new vscode.EventEmitter<string>());
  /** Fires with the id of the connection whose running state changed. */
  readonly onDidChange = this.changeEmitter.event;

  constructor(
    protected readonly model: ConnectionModel,
    protected readonly secrets: vscode.SecretStorage,
    protected readonly log: SmppLog,
    protected readonly capture: CaptureStore,
  ) {
    super();
    this.register(model.onDidChange(() => this.reconcile()));
    this.register({ dispose: () => this.endAll('the extension is shutting down') });
  }

  /**
   * Ends what runs for a connection: cleanly where it can (it may finish after this returns), or,
   * with `atOnce` (the extension is shutting down), without waiting for any peer.
   */
  protected abstract retire(id: string, running: R, cause: string, atOnce: boolean): void;

  /** Ends what runs for connections that disappeared or whose definition changed. */
  private reconcile(): void {
    const current = new Map(this.model.connections.map((c) => [c.id, c]));
    for (const [id, r] of [...this.running]) {
      const c = current.get(id);
      if (!c || JSON.stringify(c.parsed.definition) !== JSON.stringify(r.definition)) this.retire(id, r, c ? 'definition changed' : 'definition removed', false);
    }
  }

  private endAll(cause: string): void {
    for (const [id, r] of [...this.running]) this.retire(id, r, cause, true);
  }
}
