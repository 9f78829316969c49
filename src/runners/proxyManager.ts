// Runs the analyser proxies of the workspace: one SmppProxy per connection that has a `proxy`
// block, listening where the block says, binding onward to the connection's SMSC (its host and
// port, or its own built-in simulator) once per application connection. Every PDU of both legs
// goes into the capture under the connection's name, marked with its leg. Fires `onDidChange`
// with the connection id whenever the proxy's state or one of its clients changes; the tree maps
// `info()` to rows.
import * as vscode from 'vscode';
import type { ConnectionDefinition } from '../config/connectionFile';
import { proxyOptions } from '../config/sessionOptions';
import { lazy } from '../lazy';
import type { ConnectionEntry } from '../model/connectionModel';
import { resolveConnectionPassword, UNTRUSTED_MESSAGE } from '../model/connectionPassword';
import { ConnectionRunner } from './connectionRunner';
import type { ProxyInfo, ProxyState } from './info';
import type { SmppProxy } from '../smpp/proxy/proxy';
import type { Endpoint } from '../smpp/proxy/types';
import type { RunningSimulator } from '../smpp/simulator/embedded';
import { describeProxyPdu, formatEndpoint } from '../tree/proxyText';
import { openUpstream } from './upstream';

interface Running {
  proxy: SmppProxy;
  definition: ConnectionDefinition;
  state: ProxyState;
  upstream: string;
  simulator?: RunningSimulator;
  detach: () => void;
}

export class ProxyManager extends ConnectionRunner<Running> {
  /** The last failure of a proxy that is no longer running, by connection id. */
  private readonly failures = new Map<string, string>();

  info(connection: ConnectionEntry): ProxyInfo {
    const def = connection.parsed.definition;
    const r = this.running.get(connection.id);
    const configured = { host: def.proxy?.host ?? '127.0.0.1', port: def.proxy?.listen ?? 0 };
    const info: ProxyInfo = {
      state: r?.state ?? (this.failures.has(connection.id) ? 'error' : 'stopped'),
      listen: r?.proxy.address ?? configured,
      clients: r ? r.proxy.clients : [],
      rewriteCredentials: def.proxy?.rewriteCredentials === true,
    };
    if (r) info.upstream = r.upstream;
    const faults = this.simulatorFaults(r);
    if (faults.length > 0) info.simulatorFaults = faults;
    const error = this.failures.get(connection.id);
    if (error !== undefined) info.lastError = error;
    return info;
  }

  isRunning(id: string): boolean {
    return this.running.has(id);
  }

  /** Starts listening. Resolves with the address once applications can connect; rejects with a message for people. */
  async start(connection: ConnectionEntry): Promise<Endpoint> {
    const def = connection.parsed.definition;
    if (!def.proxy) throw new Error(`${def.name} is not an analyser proxy: add "proxy": { "listen": PORT } to its definition`);
    if (!vscode.workspace.isTrusted) throw new Error(UNTRUSTED_MESSAGE);
    const errors = connection.parsed.problems.filter((p) => p.severity === 'error');
    if (errors.length) throw new Error(`${def.name} cannot start: ${errors[0]!.message} (line ${errors[0]!.line})`);
    const existing = this.running.get(connection.id);
    if (existing) {
      if (existing.state === 'listening' && existing.proxy.address) return existing.proxy.address;
      throw new Error(`${def.name} is ${existing.state}`);
    }
    this.failures.delete(connection.id);
    const { SmppProxy, attachProxyCapture } = lazy.proxy();
    const credentials = def.proxy.rewriteCredentials ? { system_id: def.system_id, password: await resolveConnectionPassword(connection, this.secrets) } : undefined;
    let upstream;
    try {
      upstream = await openUpstream(def, connection.file.uri, this.log);
    } catch (err) {
      this.fail(connection.id, err);
      throw err;
    }
    const proxy = new SmppProxy({ ...proxyOptions(def, def.proxy), upstream: upstream.connector, credentials });
    const detach = attachProxyCapture(proxy, this.capture, def.name);
    const run: Running = { proxy, definition: def, state: 'starting', upstream: upstream.endpoint, simulator: upstream.simulator, detach };
    this.running.set(connection.id, run);
    this.wire(connection.id, def.name, proxy);
    this.followFaults(connection.id, upstream.simulator);
    this.changeEmitter.fire(connection.id);
    try {
      const address = await proxy.listen();
      run.state = 'listening';
      this.log.info(`${def.name}: analyser proxy listening on ${formatEndpoint(address)}, relaying to ${upstream.endpoint}${credentials ? ', binds sent on with this connection\'s credentials' : ''}`);
      this.changeEmitter.fire(connection.id);
      return address;
    } catch (err) {
      this.release(connection.id, run);
      this.fail(connection.id, err);
      throw err;
    }
  }

  /** Ends every client cleanly (both sides unbound) and stops listening. */
  async stop(connection: ConnectionEntry): Promise<void> {
    const r = this.running.get(connection.id);
    this.failures.delete(connection.id);
    if (!r) {
      this.changeEmitter.fire(connection.id);
      return;
    }
    await this.shutdown(connection.id, r, 'stopped by the user');
  }

  /** Ends one application's session through the proxy (both sides unbound). */
  async disconnect(connection: ConnectionEntry, client: number): Promise<void> {
    const r = this.running.get(connection.id);
    if (!r) return;
    await r.proxy.disconnect(client);
  }

  private wire(id: string, name: string, proxy: SmppProxy): void {
    const changed = (): void => this.changeEmitter.fire(id);
    proxy.on('client', (c) => {
      this.log.info(`${name}: application connected from ${c.remote} (client ${c.id})`);
      changed();
    });
    proxy.on('change', changed);
    proxy.on('clientClosed', (e) => {
      this.log.info(`${name}: client ${e.info.id} (${e.info.remote}) closed: ${e.cause}`);
      changed();
    });
    proxy.on('warning', (w) => this.log.warn(`${name}${w.client !== undefined ? ` client ${w.client}` : ''}: ${w.message}`));
    proxy.on('pdu', (e) => this.log.info(describeProxyPdu(name, e)));
  }

  private async shutdown(id: string, r: Running, cause: string): Promise<void> {
    r.state = 'stopping';
    this.changeEmitter.fire(id);
    try {
      await r.proxy.close();
    } finally {
      this.release(id, r);
      this.log.info(`${r.definition.name}: analyser proxy stopped (${cause})`);
    }
  }

  /** Forgets a proxy whose server is closed (or never listened). */
  private release(id: string, r: Running): void {
    r.detach();
    r.proxy.removeAllListeners();
    void r.simulator?.close();
    if (this.running.get(id) === r) this.running.delete(id);
    this.changeEmitter.fire(id);
  }

  private fail(id: string, err: unknown): void {
    this.failures.set(id, err instanceof Error ? err.message : String(err));
    this.changeEmitter.fire(id);
  }

  /** Stops a proxy whose definition changed or went, or all of them as the extension shuts down (each client is still unbound on both sides). */
  protected retire(id: string, r: Running, cause: string): void {
    void this.shutdown(id, r, cause);
  }
}
