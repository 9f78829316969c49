// Capture records as the decoder page receives them (bytes as hex), and the file name an export
// proposes. No `vscode` import.
import { toHex } from '../smpp/bytes';
import type { CaptureRecord } from '../smpp/capture';
import { formatEndpoint } from '../tree/proxyText';
import { isCaptureClient, isCaptureLeg, type CaptureRow } from '../shared/decoderMessages';

export { toHex };

export function toCaptureRow(r: CaptureRecord): CaptureRow {
  const row: CaptureRow = {
    id: r.id,
    connection: r.connection,
    direction: r.direction,
    timestamp: r.timestamp,
    hex: toHex(r.bytes),
    command: r.command,
    commandId: r.command_id,
    status: r.command_status,
    seq: r.sequence_number,
  };
  if (r.request) row.request = { id: r.request.id, rtt: r.request.rtt };
  if (r.responseId !== undefined) row.responseId = r.responseId;
  if (isCaptureLeg(r.leg)) {
    row.leg = r.leg;
    // The application the PDU belongs to: named on both legs by the proxy's capture, else (on the
    // app leg) the side that opened the connection.
    const app = r.application ?? (r.leg === 'app↔proxy' ? r.local : undefined);
    const client = app ? formatEndpoint(app) : undefined;
    if (isCaptureClient(client)) row.client = client;
  }
  return row;
}

/** `smpp-capture-20250125-170512.pcap`, or with the connection: `smpp-capture-Acme_staging-20250125-170512.pcap` (local time). */
export function captureFileName(at: Date, connection?: string): string {
  const p = (n: number) => String(n).padStart(2, '0');
  const stamp = `${at.getFullYear()}${p(at.getMonth() + 1)}${p(at.getDate())}-${p(at.getHours())}${p(at.getMinutes())}${p(at.getSeconds())}`;
  const name = connection ? connection.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 60) : '';
  return `smpp-capture-${name ? name + '-' : ''}${stamp}.pcap`;
}
