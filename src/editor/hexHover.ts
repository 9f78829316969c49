// A hover for PDUs written as hex in any file (logs, JSON, plain text): over a run of 16 bytes or
// more that reads as a PDU (command_length fits, known command_id) it shows one line (command,
// seq, status, key fields, and the vendor TLVs of the workspace's connection files by name) and a
// link that opens the PDU in the decoder. It reads only the line
// under the cursor, and only 8 KiB of it (findPduAt), so large files cost nothing.
import * as vscode from 'vscode';
import type { TlvDictionary } from '../smpp/codec';
import { findPduAt } from '../smpp/hexRun';
import { captureSummary } from '../smpp/summary';

const DECODE_COMMAND = 'smpp.decodeHex';

export class HexHoverProvider implements vscode.HoverProvider {
  /** `dictionary` gives the vendor TLVs to name: every connection file's, merged (the first file in name order wins a clash). */
  constructor(private readonly dictionary: () => TlvDictionary | undefined = () => undefined) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): vscode.Hover | undefined {
    if (token.isCancellationRequested || position.line >= document.lineCount) return undefined;
    const line = document.lineAt(position.line).text;
    const hit = findPduAt(line, position.character);
    if (hit === undefined) return undefined;
    const summary = captureSummary(hit.bytes, 'gsm7', this.dictionary());
    const path = document.uri.path;
    const source = `${path.slice(path.lastIndexOf('/') + 1)}:${position.line + 1}`;
    const args = encodeURIComponent(JSON.stringify([hit.hex, source]));
    const md = new vscode.MarkdownString(undefined, true);
    md.isTrusted = { enabledCommands: [DECODE_COMMAND] };
    md.appendMarkdown('**SMPP** ');
    md.appendText(summary);
    md.appendMarkdown(`\n\n[$(open-preview) Open in PDU Decoder](command:${DECODE_COMMAND}?${args} "Decode this PDU field by field")`);
    return new vscode.Hover(md, new vscode.Range(position.line, hit.start, position.line, hit.end));
  }
}
