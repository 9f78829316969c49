// Commands of the PDU decoder: open it, decode the selection / the clipboard / a hover's hex, show
// a connection's traffic, and export the capture as pcap.
import * as vscode from 'vscode';
import type { ConnectionModel } from '../model/connectionModel';
import type { Row } from '../tree/connectionsTree';
import type { SessionManager } from '../runners/sessionManager';
import { MAX_HEX_INPUT } from '../shared/decoderMessages';
import { findPduAt } from '../smpp/hexRun';
import type { DecoderOnDemand } from './decoderOnDemand';
import { connectionFor } from './pickConnection';

function fileLabel(doc: vscode.TextDocument): string {
  const path = doc.uri.path;
  return doc.isUntitled ? doc.uri.path : path.slice(path.lastIndexOf('/') + 1);
}

/** What Decode Selection decodes: the selections, else the PDU under the cursor, else the cursor's line. */
export function selectionText(editor: vscode.TextEditor): { text: string; source: string } {
  const doc = editor.document;
  const chosen = editor.selections.filter((s) => !s.isEmpty);
  if (chosen.length > 0) {
    const first = chosen[0]!;
    const text = chosen.map((s) => doc.getText(s)).join('\n');
    return { text, source: `${fileLabel(doc)}:${first.start.line + 1}` };
  }
  const pos = editor.selection.active;
  const line = doc.lineAt(pos.line).text;
  const hit = findPduAt(line, Math.min(pos.character, Math.max(0, line.length - 1)));
  return { text: hit ? hit.hex : line, source: `${fileLabel(doc)}:${pos.line + 1}` };
}

/** A connection's name from a tree row or a string argument. */
function connectionName(arg: unknown): string | undefined {
  if (typeof arg === 'string') return arg;
  const row = arg as Row | undefined;
  if (row && typeof row === 'object' && row.kind === 'connection') return row.connection.parsed.definition.name;
  return undefined;
}

export function registerDecoderCommands(decoder: DecoderOnDemand, model: ConnectionModel, sessions: SessionManager): vscode.Disposable[] {
  const tooBig = (n: number): boolean => {
    if (n <= MAX_HEX_INPUT) return false;
    void vscode.window.showWarningMessage(`That is ${n.toLocaleString()} characters; the decoder reads up to ${MAX_HEX_INPUT.toLocaleString()}. Select less.`);
    return true;
  };
  return [
    vscode.commands.registerCommand('smpp.openDecoder', () => decoder.get().open()),
    vscode.commands.registerCommand('smpp.decodeSelection', () => {
      const editor = vscode.window.activeTextEditor;
      if (editor === undefined) {
        decoder.get().open();
        return;
      }
      const { text, source } = selectionText(editor);
      if (tooBig(text.length)) return;
      decoder.get().decode(text, source);
    }),
    vscode.commands.registerCommand('smpp.decodeClipboard', async () => {
      const text = await vscode.env.clipboard.readText();
      if (text.trim() === '') {
        void vscode.window.showInformationMessage('The clipboard is empty. Copy a PDU (hex, a hex dump or base64) first.');
        decoder.get().open();
        return;
      }
      if (tooBig(text.length)) return;
      decoder.get().decode(text, 'clipboard');
    }),
    // Not in the palette: the hover's "Open in PDU Decoder" link calls it with [hex, source].
    vscode.commands.registerCommand('smpp.decodeHex', (hex: unknown, source: unknown) => {
      if (typeof hex !== 'string' || hex.length > MAX_HEX_INPUT) return;
      decoder.get().decode(hex, typeof source === 'string' ? source : '');
    }),
    vscode.commands.registerCommand('smpp.showTraffic', async (arg?: unknown) => {
      const named = connectionName(arg);
      if (named !== undefined) {
        decoder.get().showTraffic(model.get(named)?.parsed.definition.name ?? named);
        return;
      }
      const c = await connectionFor(arg, model, sessions, 'show the traffic of');
      if (c) decoder.get().showTraffic(c.parsed.definition.name);
    }),
    vscode.commands.registerCommand('smpp.exportCapture', async (arg?: unknown) => {
      await decoder.get().exportCapture(connectionName(arg));
    }),
  ];
}
