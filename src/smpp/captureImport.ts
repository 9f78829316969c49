// A capture file's SMPP PDUs into the capture, as if a session had published them: each TCP
// connection becomes a capture connection named after the file (and, when the file holds several,
// after the ESME and SMSC endpoints), with its records' endpoints (ESME local, SMSC remote), their
// directions seen from the ESME, their capture times, and each response paired with its request.
// The file is read once; only the newest PDUs that fit the capture's ring are kept on the way.
// No vscode: the "Open Capture File" command and the tests share it.

import type { CaptureExtra } from './capture';
import type { PduEvent } from './session/esme';
import { readCapturePdus, type CapturedPdu, type CaptureReadSummary } from './pcapRead';
import type { StreamEndpoint } from './tcpStreams';

/** What the import needs of the capture. */
export interface CaptureSink {
  readonly capacity: number;
  add(connection: string, e: PduEvent, extra?: CaptureExtra): number;
}

export interface CaptureImport {
  summary: CaptureReadSummary;
  /** The capture connections the PDUs went under, in the order their connections began. */
  connections: string[];
  /** PDUs added to the capture. */
  added: number;
  /** PDUs left out because the capture's ring holds fewer (the oldest went). */
  skipped: number;
}

const MAX_NAME = 120;

function endpointText(e: StreamEndpoint): string {
  return e.host.includes(':') ? `[${e.host}]:${e.port}` : `${e.host}:${e.port}`;
}

/** Reads `bytes` (a pcap or pcapng file called `fileName`) and adds its PDUs to `capture`. */
export function importCapture(bytes: Uint8Array, fileName: string, capture: CaptureSink, options: { port?: number } = {}): CaptureImport {
  const capacity = Math.max(1, capture.capacity);
  // The newest `capacity` PDUs, in a ring.
  const ring: CapturedPdu[] = [];
  let start = 0;
  let seen = 0;
  const summary = readCapturePdus(bytes, {
    ...(options.port === undefined ? {} : { port: options.port }),
    onPdu: (p) => {
      seen++;
      if (ring.length < capacity) ring.push(p);
      else {
        ring[start] = p;
        start = (start + 1) % capacity;
      }
    },
  });
  const kept = [...ring.slice(start), ...ring.slice(0, start)];
  const streams = new Map<number, CapturedPdu>();
  for (const p of kept) if (!streams.has(p.stream)) streams.set(p.stream, p);
  const base = fileName.slice(0, MAX_NAME);
  const names = new Map<number, string>();
  const used = new Set<string>();
  for (const [stream, p] of [...streams].sort((a, b) => a[0] - b[0])) {
    let name = streams.size === 1 ? base : `${base} · ${endpointText(p.esme)} → ${endpointText(p.smsc)}`;
    if (used.has(name)) name = `${name} (${stream})`;
    used.add(name);
    names.set(stream, name);
  }
  for (const p of kept) {
    const event: PduEvent = {
      id: p.index,
      direction: p.direction,
      timestamp: p.timestamp,
      bytes: p.bytes,
      command: p.command,
      command_id: p.command_id,
      command_status: p.command_status,
      sequence_number: p.sequence_number,
    };
    if (p.request !== undefined) event.request = { id: p.request.index, rtt: p.request.rtt };
    capture.add(names.get(p.stream)!, event, { local: p.esme, remote: p.smsc });
  }
  return { summary, connections: [...names.values()], added: kept.length, skipped: seen - kept.length };
}
