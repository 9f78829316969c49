// Where a connection's SMPP traffic goes: its built-in SMSC simulator (started here, on a free
// loopback port) or its host and port, over TLS when the definition says so. Shared by the
// sessions and the analyser proxy, which both open connections to a definition's SMSC.
import type * as vscode from 'vscode';
import type { ConnectionDefinition } from '../config/connectionFile';
import { simulatorRunOptions } from '../config/simulatorOptions';
import { lazy } from '../lazy';
import type { SmppLog } from '../log';
import { tcpConnector, type Connector } from '../smpp/link/transport';
import type { RunningSimulator } from '../smpp/simulator/embedded';
import { loadTlsOptions } from '../model/tlsFiles';

export interface Upstream {
  connector: Connector;
  /** For people: `acme.example:2775 (TLS)`, `built-in simulator on 127.0.0.1:40123`. */
  endpoint: string;
  /** The simulator started for this definition; close it with the session or proxy. */
  simulator?: RunningSimulator;
}

export async function openUpstream(def: ConnectionDefinition, file: vscode.Uri, log: SmppLog): Promise<Upstream> {
  if (def.simulator) {
    const simulator = await lazy.simulator().startSimulator({ ...simulatorRunOptions(def.simulator, process.env), log: (line) => log.debug(`[simulator ${def.name}] ${line}`) });
    return { connector: tcpConnector({ host: simulator.host, port: simulator.port }), endpoint: `built-in simulator on ${simulator.host}:${simulator.port}`, simulator };
  }
  const tls = def.tls ? await loadTlsOptions(def, file) : false;
  return {
    connector: tcpConnector({ host: def.host, port: def.port, tls, connectTimeout: def.responseTimeout * 1000 }),
    endpoint: `${def.host}:${def.port}${def.tls ? ' (TLS)' : ''}`,
  };
}
