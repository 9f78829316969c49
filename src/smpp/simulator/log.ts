// One line per simulator event, for the CLI and the extension's log.
import { statusName } from '../tables/values';
import type { SmscEvents, SmscPduEvent } from './events';
import type { SmscSimulator } from './smsc';

/** `in  127.0.0.1:53211 submit_sm seq=2 status=ESME_ROK`, plus the fault when one changed the bytes. */
export function formatPduLine(e: SmscPduEvent): string {
  const fault = e.fault === undefined ? '' : ` [fault: ${e.fault}, ${e.bytes.length} octets written]`;
  return `${e.direction.padEnd(3)} ${e.remote} ${e.command} seq=${e.sequence_number} status=${statusName(e.command_status)}${fault}`;
}

/**
 * Sends a line for every PDU and every connection, bind, unbind, receipt, MO, fault and warning
 * to `log`. Returns a function that detaches the listeners.
 */
export function attachLog(sim: SmscSimulator, log: (line: string) => void): () => void {
  const listeners: { [K in Exclude<keyof SmscEvents, 'listening' | 'close'>]: (...args: SmscEvents[K]) => void } = {
    pdu: (e) => log(formatPduLine(e)),
    connect: (c) => log(`connect ${c.remote} (connection ${c.id})`),
    disconnect: (e) => log(`disconnect ${e.remote}: ${e.cause}`),
    bind: (e) => log(`bind ${e.remote} ${e.type} system_id=${JSON.stringify(e.system_id)} ${e.accepted ? 'accepted' : `refused (${e.statusName})`}`),
    unbind: (e) => log(`unbind ${e.remote} by the ${e.by === 'esme' ? 'ESME' : 'SMSC'}`),
    receipt: (e) => log(`receipt ${e.remote} message_id=${e.message_id} stat=${e.stat}`),
    mo: (e) => log(`mo ${e.remote} from=${e.from} to=${e.to} parts=${e.parts}`),
    fault: (e) => log(`fault ${e.remote} ${e.fault}: ${e.detail}`),
    warning: (e) => log(`warning: ${e.message}`),
  };
  type Name = keyof typeof listeners;
  // The events' argument types differ; each listener is registered for its own event only.
  const each = (f: (name: Name, listener: (...args: never[]) => void) => void): void => {
    for (const name of Object.keys(listeners) as Name[]) f(name, listeners[name] as (...args: never[]) => void);
  };
  const emitter = sim as unknown as { on(name: string, l: (...args: never[]) => void): void; off(name: string, l: (...args: never[]) => void): void };
  each((name, listener) => emitter.on(name, listener));
  return () => each((name, listener) => emitter.off(name, listener));
}
