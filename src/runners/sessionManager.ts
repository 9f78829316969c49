// Runs one SMPP session per connection in the extension host, and keeps what the views show
// about it: state, last keepalive, counters, last error. Fires `onDidChange` with the
// connection id whenever any of that changes. Simulator connections get their own built-in
// SMSC on a free loopback port. Analyser proxy definitions are the ProxyManager's.
import * as vscode from 'vscode';
import type { ConnectionDefinition } from '../config/connectionFile';
import { sessionOptions } from '../config/sessionOptions';
import type { ConnectionEntry } from '../model/connectionModel';
import { forgetConnectionPassword, resolveConnectionPassword, UNTRUSTED_MESSAGE } from '../model/connectionPassword';
import { lazy } from '../lazy';
import { ConnectionRunner } from './connectionRunner';
import type { DisplayState, SessionInfo } from './info';
import type { EsmeSession, PduEvent } from '../smpp/session/esme';
import type { SubmissionResult, TextSubmission } from '../smpp/session/messaging';
import type { RunningSimulator } from '../smpp/simulator/embedded';
import { statusName } from '../smpp/tables/values';
import { openUpstream } from './upstream';

interface Running {
  session: EsmeSession;
  definition: ConnectionDefinition;
  simulator?: RunningSimulator;
  wanted: boolean;
  endpoint: string;
}

export class SessionManager extends ConnectionRunner<Running> {
  /** Connections whose PDUs are captured but not logged one by one (a load test runs), with how many asked. */
  private readonly quiet = new Map<string, number>();

  info(id: string): SessionInfo {
    const r = this.running.get(id);
    if (!r) return { state: 'closed', engineState: 'closed', counters: { in: 0, out: 0 }, wanted: false };
    const s = r.session;
    let state: DisplayState = s.state;
    if (s.state === 'closed' && s.reconnectAt !== undefined) state = 'reconnecting';
    else if (s.state === 'closed' && s.lastError && r.wanted) state = 'error';
    const faults = this.simulatorFaults(r);
    return {
      state,
      engineState: s.state,
      lastKeepalive: s.lastKeepalive,
      lastError: s.lastError,
      counters: { ...s.counters },
      reconnectAt: s.reconnectAt,
      endpoint: r.endpoint,
      wanted: r.wanted,
      ...(faults.length > 0 ? { simulatorFaults: faults } : {}),
    };
  }


  session(id: string): EsmeSession | undefined {
    return this.running.get(id)?.session;
  }

  /**
   * Connects and binds. Resolves once bound; rejects with a message for people. `overrides`
   * change this session only, not the definition (a load test binding with a wider window).
   */
  async bind(connection: ConnectionEntry, overrides: { window?: number } = {}): Promise<void> {
    if (!vscode.workspace.isTrusted) {
      throw new Error(UNTRUSTED_MESSAGE);
    }
    const errors = connection.parsed.problems.filter((p) => p.severity === 'error');
    if (errors.length) throw new Error(`${connection.parsed.definition.name} cannot bind: ${errors[0].message} (line ${errors[0].line})`);
    const existing = this.running.get(connection.id);
    if (existing && existing.session.state !== 'closed') {
      if (existing.session.isBound) return;
      throw new Error(`${connection.parsed.definition.name} is already ${existing.session.state}`);
    }
    if (existing) this.drop(connection.id, existing);
    const def = connection.parsed.definition;
    if (def.proxy) throw new Error(`${def.name} is an analyser proxy: start it with "SMPP: Start Proxy", then bind your application to it`);
    const { EsmeSession } = lazy.session();
    const password = await resolveConnectionPassword(connection, this.secrets);
    const { connector, endpoint, simulator } = await openUpstream(def, connection.file.uri, this.log);
    const session = new EsmeSession({ connector, ...sessionOptions(def, password), ...overrides });
    const run: Running = { session, definition: def, simulator, wanted: true, endpoint };
    this.running.set(connection.id, run);
    this.followFaults(connection.id, simulator);
    this.wire(connection.id, def.name, session);
    this.changeEmitter.fire(connection.id);
    try {
      await session.bind();
    } catch (err) {
      if (!session.options.reconnect || session.reconnectAt === undefined) run.wanted = session.reconnectAt !== undefined;
      this.changeEmitter.fire(connection.id);
      throw err;
    }
  }

  async unbind(connection: ConnectionEntry): Promise<void> {
    const r = this.running.get(connection.id);
    if (!r) return;
    r.wanted = false;
    const { problem } = await r.session.unbind();
    this.drop(connection.id, r);
    // The session is closed either way; an unbind the SMSC never answered is said, not hidden.
    if (problem !== undefined) {
      this.log.warn(`${connection.parsed.definition.name}: unbind: ${problem}`);
      throw new Error(problem);
    }
  }

  async enquireLink(connection: ConnectionEntry): Promise<number> {
    const r = this.running.get(connection.id);
    if (!r || !r.session.isBound) throw new Error(`${connection.parsed.definition.name} is not bound; bind it first`);
    return r.session.enquireLink();
  }

  async submit(connection: ConnectionEntry, submission: TextSubmission): Promise<SubmissionResult> {
    const r = this.running.get(connection.id);
    if (!r || !r.session.isBound) throw new Error(`${connection.parsed.definition.name} is not bound; bind it first`);
    if (r.session.state === 'bound_rx') throw new Error(`${connection.parsed.definition.name} is bound as a receiver; a receiver cannot submit`);
    return lazy.session().submitText(r.session, submission);
  }

  /** Stops logging the connection's PDUs one by one (they are still captured) until disposed. */
  quietPduLog(id: string): vscode.Disposable {
    this.quiet.set(id, (this.quiet.get(id) ?? 0) + 1);
    let done = false;
    return new vscode.Disposable(() => {
      if (done) return;
      done = true;
      const n = (this.quiet.get(id) ?? 1) - 1;
      if (n > 0) this.quiet.set(id, n);
      else this.quiet.delete(id);
    });
  }

  /** Forgets a stored `${prompt}` password. */
  forgetPassword(connection: ConnectionEntry): Promise<boolean> {
    return forgetConnectionPassword(connection, this.secrets);
  }

  private wire(id: string, name: string, session: EsmeSession): void {
    session.on('state', (e) => {
      this.log.info(`${name}: ${e.from} → ${e.to} (${e.cause})`);
      this.changeEmitter.fire(id);
    });
    session.on('keepalive', () => this.changeEmitter.fire(id));
    session.on('reconnecting', (e) => {
      this.log.warn(`${name}: reconnecting in ${(e.delay / 1000).toFixed(1)} s (attempt ${e.attempt}) after: ${e.cause}`);
      this.changeEmitter.fire(id);
    });
    session.on('throttled', (e) => this.log.warn(`${name}: ${statusName(e.status)} on ${e.command}; pausing ${e.delay} ms`));
    session.on('warning', (w) => this.log.warn(`${name}: ${w}`));
    session.on('alert', (pdu) => {
      const b = pdu.body as { source_addr?: string; esme_addr?: string };
      const availability = pdu.tlvs.find((t) => t.name === 'ms_availability_status')?.value;
      this.log.info(`${name}: alert_notification: ${b.source_addr ?? '?'} is reachable again for ${b.esme_addr ?? '?'}${availability !== undefined ? ` (ms_availability_status ${String(availability)})` : ''}`);
    });
    session.on('pdu', (e: PduEvent) => {
      this.capture.add(name, e);
      if (!this.quiet.has(id)) this.log.info(describePdu(name, e));
    });
  }

  private drop(id: string, r: Running): void {
    r.session.removeAllListeners();
    r.session.close();
    void r.simulator?.close();
    this.running.delete(id);
    this.changeEmitter.fire(id);
  }

  /** The definition changed or went: unbind, then drop. The extension shuts down: close at once. */
  protected retire(id: string, r: Running, cause: string, atOnce: boolean): void {
    if (atOnce) {
      r.session.close(cause);
      this.drop(id, r);
      return;
    }
    this.log.info(`${r.definition.name}: ${cause}; closing its session`);
    void r.session
      .unbind()
      .then(({ problem }) => {
        if (problem !== undefined) this.log.warn(`${r.definition.name}: unbind: ${problem}`);
      })
      .finally(() => this.drop(id, r));
  }

}

export function describePdu(name: string, e: PduEvent): string {
  const arrow = e.direction === 'out' ? '→' : '←';
  const status = e.command_id & 0x80000000 ? ` ${statusName(e.command_status)}` : '';
  const rtt = e.request ? ` ${e.request.rtt} ms` : '';
  return `${name} ${arrow} ${e.command} seq=${e.sequence_number}${status}${rtt}`;
}
