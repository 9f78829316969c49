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
  sim.on('pdu', listeners.pdu);
  sim.on('connect', listeners.connect);
  sim.on('disconnect', listeners.disconnect);
  sim.on('bind', listeners.bind);
  sim.on('unbind', listeners.unbind);
  sim.on('receipt', listeners.receipt);
  sim.on('mo', listeners.mo);
  sim.on('fault', listeners.fault);
  sim.on('warning', listeners.warning);
  return () => {
    sim.off('pdu', listeners.pdu);
    sim.off('connect', listeners.connect);
    sim.off('disconnect', listeners.disconnect);
    sim.off('bind', listeners.bind);
    sim.off('unbind', listeners.unbind);
    sim.off('receipt', listeners.receipt);
    sim.off('mo', listeners.mo);
    sim.off('fault', listeners.fault);
    sim.off('warning', listeners.warning);
  };
}
