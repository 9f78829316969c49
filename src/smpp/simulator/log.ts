// One line per simulator event, for the CLI and the extension's log.
import { statusName } from '../tables/values';
import type { SmscEvents, SmscPduEvent } from './events';
import type { SmscSimulator } from './smsc';

/** `in  127.0.0.1:53211 submit_sm seq=2 status=ESME_ROK`, plus the fault when one changed the bytes. */
export function formatPduLine(e: SmscPduEvent): string {
  const fault = e.fault === undefined ? '' : ` [fault: ${e.fault}, ${e.bytes.length} octets written]`;
  return `${e.direction.padEnd(3)} ${e.remote} ${e.command} seq=${e.sequence_number} status=${statusName(e.command_status)}${fault}`;
}

export interface AttachLogOptions {
  /**
   * A line for every PDU, receipt, MO and submit that matched a rule (default true). Without them the log keeps what
   * happens once a session: connections, binds, unbinds, faults and warnings.
   */
  perMessage?: boolean;
}

/**
 * Sends a line for every PDU and every connection, bind, unbind, receipt, MO, fault and warning
 * to `log` (see AttachLogOptions). Returns a function that detaches the listeners.
 */
export function attachLog(sim: SmscSimulator, log: (line: string) => void, options: AttachLogOptions = {}): () => void {
  const perMessage = options.perMessage ?? true;
  const listeners: { [K in Exclude<keyof SmscEvents, 'listening' | 'close'>]?: (...args: SmscEvents[K]) => void } = {
    pdu: (e) => log(formatPduLine(e)),
    connect: (c) => log(`connect ${c.remote} (connection ${c.id})`),
    disconnect: (e) => log(`disconnect ${e.remote}: ${e.cause}`),
    bind: (e) => log(`bind ${e.remote} ${e.type} system_id=${JSON.stringify(e.system_id)} ${e.accepted ? 'accepted' : `refused (${e.statusName})`}`),
    unbind: (e) => log(`unbind ${e.remote} by the ${e.by === 'esme' ? 'ESME' : 'SMSC'}`),
    receipt: (e) => log(`receipt ${e.remote} message_id=${e.message_id} stat=${e.stat}`),
    mo: (e) => log(`mo ${e.remote} from=${e.from} to=${e.to} parts=${e.parts}`),
    rule: (e) => log(`rule ${e.remote} ${e.command} seq=${e.sequence_number} destination_addr=${e.destination_addr} matched rules[${e.rule}] ${JSON.stringify(e.destination)}: ${e.effect}`),
    fault: (e) => log(`fault ${e.remote} ${e.fault}: ${e.detail}`),
    warning: (e) => log(`warning: ${e.message}`),
  };
  if (!perMessage) {
    delete listeners.pdu;
    delete listeners.receipt;
    delete listeners.mo;
    delete listeners.rule;
  }
  type Name = keyof typeof listeners;
  // The events' argument types differ; each listener is registered for its own event only.
  const each = (f: (name: Name, listener: (...args: never[]) => void) => void): void => {
    for (const name of Object.keys(listeners) as Name[]) f(name, listeners[name] as (...args: never[]) => void);
  };
  const emitter = sim as unknown as { on(name: string, l: (...args: never[]) => void): void; off(name: string, l: (...args: never[]) => void): void };
  each((name, listener) => emitter.on(name, listener));
  return () => each((name, listener) => emitter.off(name, listener));
}

/** Where batched lines go: a stream's write, and how to hear that a refused write has drained. */
export interface LineSink {
  /** Writes text; false means the sink's buffer is over its high-water mark (as a stream's write). */
  write(text: string): unknown;
  /** Calls `listener` once, when the sink has drained after a write returned false. */
  onceDrain?(listener: () => void): void;
}

export interface BatchedLines {
  /** Queues one line (without its newline); it is written with the others of this turn. */
  line(text: string): void;
  /** Writes what is queued now, with the note of lines not shown, even while the sink is full. */
  flush(): void;
  /** Lines not shown so far because the sink was not draining. */
  readonly skipped: number;
}

/** Lines queued in one turn of the event loop at the most; beyond that they are counted, not kept. */
export const MAX_QUEUED_LINES = 10_000;

/**
 * Batches log lines: those of one turn of the event loop leave in one write, made once the turn's
 * I/O is done (setImmediate). Memory stays bounded: while the sink is over its high-water mark,
 * and beyond `maxQueued` lines in one turn, lines are counted instead of kept, and once the sink
 * drains a line `… N lines not shown` stands where they would have been.
 */
export function batchLines(sink: LineSink, maxQueued = MAX_QUEUED_LINES): BatchedLines {
  let queued: string[] = [];
  let scheduled = false;
  let blocked = false;
  let skipped = 0;
  let skippedTotal = 0;
  const onDrain = (): void => {
    blocked = false;
    if (skipped > 0) schedule();
  };
  const flush = (): void => {
    scheduled = false;
    if (queued.length === 0 && skipped === 0) return;
    let text = queued.length === 0 ? '' : queued.join('\n') + '\n';
    queued = [];
    if (skipped > 0) {
      text += `… ${skipped} line${skipped === 1 ? '' : 's'} not shown (the output was not being read fast enough)\n`;
      skipped = 0;
    }
    if (sink.write(text) === false && sink.onceDrain !== undefined && !blocked) {
      blocked = true;
      sink.onceDrain(onDrain);
    }
  };
  function schedule(): void {
    if (scheduled) return;
    scheduled = true;
    setImmediate(() => {
      if (scheduled) flush();
    });
  }
  return {
    line(text) {
      if (blocked || queued.length >= maxQueued) {
        skipped++;
        skippedTotal++;
        return;
      }
      queued.push(text);
      schedule();
    },
    flush,
    get skipped() {
      return skippedTotal;
    },
  };
}
