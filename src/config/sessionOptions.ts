// A connection definition as the session engine takes it: the bind parameters and the timers,
// in the engine's units (milliseconds, interface_version octets).
import type { BindParameters, EsmeOptions } from '../smpp/session/esme';
import type { ConnectionDefinition } from './connectionFile';

export const INTERFACE_VERSION: Readonly<Record<ConnectionDefinition['interface_version'], number>> = { '3.3': 0x33, '3.4': 0x34, '5.0': 0x50 };

export function sessionOptions(def: ConnectionDefinition, password: string): Omit<EsmeOptions, 'connector'> {
  const bind: BindParameters = {
    type: def.bind,
    system_id: def.system_id,
    password,
    system_type: def.system_type,
    interface_version: INTERFACE_VERSION[def.interface_version],
    addr_ton: def.addr_ton,
    addr_npi: def.addr_npi,
    address_range: def.address_range,
  };
  return {
    bind,
    enquireLinkInterval: def.enquireLinkInterval * 1000,
    responseTimeout: def.responseTimeout * 1000,
    window: def.window,
    reconnect: def.reconnect,
  };
}
