// "SMPP: Open Capture File" past its registration (openCapture.ts), loaded with the decoder's
// bundle (dist/decoder.js) at the command's first run: a pcap or pcapng file (picked in a dialog, or the explorer's file) is
// read through VS Code's file system, its SMPP PDUs go into the capture under a connection named
// after the file (and the TCP connection, when it holds several), and the decoder opens on the
// Capture tab.
// When the file shows no SMPP by its headers, the command asks for the port SMPP runs on and reads
// it again. Gaps, fragments and a cut-short or corrupt file are named in the SMPP log and a message.
import * as vscode from 'vscode';
import type { SmppLog } from '../log';
import type { CaptureStore } from '../smpp/capture';
import { importCapture, type CaptureImport } from '../smpp/captureImport';
import type { DecoderOnDemand } from './decoderOnDemand';

/** Larger files are refused: the whole file is read into memory (its PDUs are not). */
const MAX_FILE = 1024 * 1024 * 1024;

function fileName(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}

/** The command's argument as a file: the explorer's URI, a URI string or a path. */
function argumentUri(arg: unknown): vscode.Uri | undefined {
  if (arg instanceof vscode.Uri) return arg;
  if (typeof arg === 'string' && arg !== '') return /^[a-z][a-z0-9+.-]+:/i.test(arg) && !/^[a-z]:[\\/]/i.test(arg) ? vscode.Uri.parse(arg) : vscode.Uri.file(arg);
  return undefined;
}

function plural(n: number, word: string): string {
  return `${n.toLocaleString()} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * Runs the command: `arg` is the explorer's URI, a URI string or a path (else a dialog asks),
 * `portArg` a TCP port SMPP runs on (else found by its header, or asked for).
 */
export async function openCaptureFile(decoder: DecoderOnDemand, capture: CaptureStore, log: SmppLog, arg?: unknown, portArg?: unknown): Promise<CaptureImport | undefined> {
  const read = async (uri: vscode.Uri, port: number | undefined): Promise<CaptureImport | undefined> => {
    const name = fileName(uri);
    return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `SMPP: reading ${name}…` }, async () => {
      const stat = await vscode.workspace.fs.stat(uri);
      if (stat.size > MAX_FILE) throw new Error(`${name} is ${(stat.size / 2 ** 20).toFixed(0)} MiB; files up to ${MAX_FILE / 2 ** 20} MiB are read. Cut it first (editcap -c, or a display filter "smpp" saved in Wireshark).`);
      const bytes = await vscode.workspace.fs.readFile(uri);
      return importCapture(bytes, name, capture, port === undefined ? {} : { port });
    });
  };

  let uri = argumentUri(arg);
  if (uri === undefined) {
    const picked = await vscode.window.showOpenDialog({
      title: 'Open a capture file (pcap or pcapng)',
      canSelectMany: false,
      filters: { 'Capture files': ['pcap', 'pcapng', 'cap'], 'All files': ['*'] },
      openLabel: 'Open Capture',
    });
    uri = picked?.[0];
    if (uri === undefined) return undefined;
  }
  const name = fileName(uri);
  let port = typeof portArg === 'number' && Number.isInteger(portArg) && portArg >= 1 && portArg <= 65535 ? portArg : undefined;
  try {
    let result = await read(uri, port);
    if (result !== undefined && result.added === 0 && result.summary.error === undefined && port === undefined && result.summary.packets > 0) {
      const answer = await vscode.window.showInputBox({
        title: `No SMPP found in ${name}`,
        prompt: `None of its ${plural(result.summary.packets, 'packet')} starts an SMPP connection. If SMPP runs on a port the capture joins mid-connection, name the port.`,
        placeHolder: '2775',
        validateInput: (v) => (/^\d+$/.test(v.trim()) && Number(v) >= 1 && Number(v) <= 65535 ? undefined : 'A TCP port, 1 to 65535'),
      });
      if (answer === undefined) return result;
      port = Number(answer.trim());
      result = await read(uri, port);
    }
    if (result === undefined) return undefined;
    report(name, result, port, log);
    if (result.added > 0) decoder.get().showTraffic(result.connections.length === 1 ? result.connections[0]! : '');
    return result;
  } catch (err) {
    const message = `Could not open ${name}: ${err instanceof Error ? err.message : String(err)}`;
    log.error(message);
    void vscode.window.showErrorMessage(message);
    return undefined;
  }
}

/** The outcome in the log (every note) and in one message. */
function report(name: string, r: CaptureImport, port: number | undefined, log: SmppLog): void {
  const s = r.summary;
  const where = port === undefined ? '' : ` on port ${port}`;
  log.info(`${name}: ${s.format ?? 'unknown format'}, ${plural(s.packets, 'packet')}, ${plural(s.pdus, 'SMPP PDU')}${where} on ${plural(s.streams, 'TCP connection')}; ${r.added} added to the capture${r.skipped > 0 ? ` (the oldest ${r.skipped} did not fit the capture, smpp.captureSize)` : ''}`);
  for (const n of s.notes) log.warn(`${name}: ${n.packet > 0 ? `packet ${n.packet}: ` : ''}${n.stream === undefined ? '' : `${n.stream}: `}${n.message}`);
  if (s.notesDropped > 0) log.warn(`${name}: ${s.notesDropped} more notes like these`);
  const notes = s.notes.length + s.notesDropped;
  const noted = notes > 0 ? ` ${plural(notes, 'note')} (gaps, fragments) in the SMPP log.` : '';
  if (s.error !== undefined) {
    log.error(`${name}: ${s.error.message}`);
    const message = `${name}: ${s.error.message}.${r.added > 0 ? ` The ${plural(r.added, 'PDU')} before it are in the capture.` : ''}`;
    void (r.added > 0 ? vscode.window.showWarningMessage(message) : vscode.window.showErrorMessage(message));
    return;
  }
  if (r.added === 0) {
    void vscode.window.showWarningMessage(`No SMPP PDU in ${name}${where} (${plural(s.packets, 'packet')} read).${noted}`);
    return;
  }
  const skipped = r.skipped > 0 ? ` The oldest ${plural(r.skipped, 'PDU')} did not fit the capture (setting smpp.captureSize).` : '';
  void vscode.window.showInformationMessage(`${name}: ${plural(r.added, 'PDU')} on ${plural(r.connections.length, 'connection')} added to the capture.${skipped}${noted}`);
}
