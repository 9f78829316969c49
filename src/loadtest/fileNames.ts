// The names a load test result is saved under: smpp-load-<connection>-<YYYYMMDD-HHMMSS>.json / .csv,
// the time being the run's start (local time), so the JSON and the CSV of one run pair up. No `vscode`.
import type { LoadSaveFormat } from '../shared/loadTestMessages';

/** A connection name as a file name part: letters, digits, `.`, `_`, `-`; at most 60 characters. */
export function fileNamePart(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[_.]+|_+$/g, '').slice(0, 60);
}

export function timeStamp(at: Date): string {
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${at.getFullYear()}${p(at.getMonth() + 1)}${p(at.getDate())}-${p(at.getHours())}${p(at.getMinutes())}${p(at.getSeconds())}`;
}

export function loadResultFileName(at: Date, connection: string, format: LoadSaveFormat): string {
  const name = fileNamePart(connection);
  return `smpp-load-${name ? name + '-' : ''}${timeStamp(at)}.${format}`;
}
