// Export Capture as pcap: a save dialog (defaulting to <workspace>/smpp-capture-<time>.pcap), the
// capture written by writePcap with synthetic TCP/IP framing, passwords in binds masked unless
// `smpp.export.includePasswords` says otherwise. Used by the command and by the decoder's button.
import * as os from 'node:os';
import * as vscode from 'vscode';
import type { SmppLog } from '../log';
import type { CaptureStore } from '../smpp/capture';
import { writePcap } from '../smpp/pcap';
import type { ExportOutcome } from '../shared/decoderMessages';
import { captureFileName } from './captureRows';

export interface ExportResult {
  outcome: ExportOutcome;
  message: string;
  uri?: vscode.Uri;
}

/** Asks where to save, then writes the capture (one connection's, when given). Never throws. */
export async function exportCapture(capture: CaptureStore, log: SmppLog, connection?: string): Promise<ExportResult> {
  const records = capture.records(connection || undefined);
  const what = connection ? `${connection}'s capture` : 'the capture';
  if (records.length === 0) {
    const message = connection ? `No PDUs of ${connection} in the capture yet.` : 'The capture is empty: bind a connection first.';
    void vscode.window.showInformationMessage(message);
    return { outcome: 'empty', message };
  }
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(os.homedir());
  const uri = await vscode.window.showSaveDialog({
    title: `Export ${what} as pcap`,
    defaultUri: vscode.Uri.joinPath(folder, captureFileName(new Date(), connection)),
    filters: { 'pcap capture': ['pcap'], 'All files': ['*'] },
    saveLabel: 'Export',
  });
  if (uri === undefined) return { outcome: 'cancelled', message: 'Export cancelled.' };
  const includePasswords = vscode.workspace.getConfiguration('smpp').get<boolean>('export.includePasswords', false) === true;
  try {
    const bytes = writePcap(records, { maskPasswords: !includePasswords });
    await vscode.workspace.fs.writeFile(uri, bytes);
    const name = uri.path.slice(uri.path.lastIndexOf('/') + 1);
    const message = `Saved ${records.length.toLocaleString()} PDU${records.length === 1 ? '' : 's'} to ${name}${includePasswords ? ' (passwords included)' : ''}.`;
    log.info(`capture exported: ${records.length} PDUs to ${uri.fsPath || uri.toString()}${includePasswords ? ' with passwords' : ', passwords masked'}`);
    void vscode.window.showInformationMessage(message);
    return { outcome: 'saved', message, uri };
  } catch (err) {
    const message = `Could not export the capture: ${err instanceof Error ? err.message : String(err)}`;
    log.error(message);
    void vscode.window.showErrorMessage(message);
    return { outcome: 'failed', message };
  }
}
