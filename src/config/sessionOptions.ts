// A connection definition as the session engine and the analyser proxy take it: the bind
// parameters and the timers, in the core's units (milliseconds, interface_version octets).
import type { ProxyOptions } from '../smpp/proxy/proxy';
import type { BindParameters, EsmeOptions } from '../smpp/session/esme';
import type { TextSubmission } from '../smpp/session/messaging';
import type { PlanMethod } from '../smpp/split';
import type { ConcatenationMethod, ConnectionDefinition, ProviderProfile, ProxyDefinition } from './connectionFile';

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

/**
 * The proxy's options from a connection with a `proxy` block (`proxy` is that block): where it
 * listens and its timers in milliseconds. The host adds the upstream connector and credentials.
 */
export function proxyOptions(def: ConnectionDefinition, proxy: ProxyDefinition): Omit<ProxyOptions, 'upstream' | 'credentials'> {
  const ms = (seconds: number): number => Math.round(seconds * 1000);
  return {
    port: proxy.listen,
    host: proxy.host,
    responseTimeout: ms(def.responseTimeout),
    sessionInitTimeout: ms(proxy.sessionInitTimer),
    inactivityTimeout: ms(proxy.inactivityTimer),
  };
}

/** The session's concatenation method for each of the profile's. */
export const CONCATENATION_METHOD: Readonly<Record<ConcatenationMethod, PlanMethod>> = { udh8: 'udh', udh16: 'udh16', sar: 'sar', payload: 'payload' };

/** What a text submission takes from a provider's profile: the alphabet of data_coding 0 and the concatenation method. */
export function submissionProfile(profile: ProviderProfile): Pick<TextSubmission, 'dcs0' | 'method'> {
  return { dcs0: profile.dcs0, method: CONCATENATION_METHOD[profile.concatenation] };
}
