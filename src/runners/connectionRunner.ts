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
import type { RunningSimulator } from '../smpp/simulator/embedded';
import type { SmscFaults } from '../smpp/simulator/faults';
import type { SmscSimulator } from '../smpp/simulator/smsc';
import type { ConnectionEntry } from '../model/connectionModel';
import { lazy } from '../lazy';

export abstract class ConnectionRunner<R extends { definition: ConnectionDefinition; simulator?: RunningSimulator }> extends Disposable {
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

  /** The built-in simulator running for this connection, while it runs. */
  simulator(id: string): SmscSimulator | undefined {
    return this.running.get(id)?.simulator?.simulator;
  }

  /** Switches faults on the connection's running simulator (a key given as undefined switches it off); its row shows them. */
  setSimulatorFaults(connection: ConnectionEntry, faults: SmscFaults): void {
    const sim = this.simulator(connection.id);
    if (!sim) throw new Error(`${connection.parsed.definition.name} has no built-in simulator running`);
    sim.setFaults(faults);
    const on = lazy.simulator().describeFaults(sim.currentFaults);
    this.log.info(`${connection.parsed.definition.name}: simulator faults: ${on.length > 0 ? on.join(', ') : 'none'}`);
    this.changeEmitter.fire(connection.id);
  }

  /** The faults on in the connection's running simulator, for people; empty when none (or no simulator). */
  protected simulatorFaults(r: R | undefined): string[] {
    // (A simulator runs: its bundle, which describes faults, is loaded.)
    return r?.simulator ? lazy.simulator().describeFaults(r.simulator.simulator.currentFaults) : [];
  }

  /** A one-shot fault switches itself off once it fires: the row follows. */
  protected followFaults(id: string, simulator: RunningSimulator | undefined): void {
    simulator?.simulator.on('fault', (e) => {
      if (e.fault === 'closeMidPdu' || e.fault === 'garbageLength') this.changeEmitter.fire(id);
    });
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
