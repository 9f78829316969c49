// A connection's bind settings as a snippet takes them: a built-in simulator's address is the one
// it runs on when its session is up (the port of `smpp-panel simulator` otherwise). No `vscode`.
import type { ConnectionDefinition } from '../../config/connectionFile';
import type { SnippetConnection } from '../../smpp/snippets';

/** The port `smpp-panel simulator` listens on, for a simulator connection that is not running. */
const SIMULATOR_PORT = 2775;

/** A connection's bind settings for a snippet; a running built-in simulator's own address. */
export function snippetConnection(def: ConnectionDefinition, endpoint: string | undefined): SnippetConnection {
  const running = def.simulator ? /(\d+\.\d+\.\d+\.\d+|\[[0-9a-f:]+\]|localhost):(\d+)/.exec(endpoint ?? '') : null;
  return {
    name: def.name,
    host: running ? running[1]!.replace(/^\[|\]$/g, '') : def.simulator ? '127.0.0.1' : def.host,
    port: running ? Number(running[2]) : def.simulator ? SIMULATOR_PORT : def.port,
    system_id: def.system_id,
    password: def.password,
    system_type: def.system_type,
    bind: def.bind,
    interface_version: def.interface_version,
    addr_ton: def.addr_ton,
    addr_npi: def.addr_npi,
    address_range: def.address_range,
    tls: def.tls !== false,
    concatenation: def.profile.concatenation,
    dcs0: def.profile.dcs0,
  };
}
