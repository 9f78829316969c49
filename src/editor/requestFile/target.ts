// Which block a request command acts on: the one its CodeLens names (the file's URI and the
// block's index), or, from the palette, the block under the cursor of the active request file.
import * as vscode from 'vscode';
import type { ParsedRequestFile, RequestBlock } from '../../smpp/requests';
import type { RequestFileContext, RequestDocuments } from './documents';
import { REQUEST_LANGUAGE, blockAt } from './documents';

export interface Target {
  document: vscode.TextDocument;
  parsed: ParsedRequestFile;
  context: RequestFileContext;
  block: RequestBlock;
}

/** The block to act on, or undefined when there is none (the user is told why). */
export async function targetBlock(documents: RequestDocuments, uri: unknown, index: unknown): Promise<Target | undefined> {
  let document: vscode.TextDocument | undefined;
  let line: number | undefined;
  if (uri instanceof vscode.Uri) document = await vscode.workspace.openTextDocument(uri);
  else {
    const editor = vscode.window.activeTextEditor;
    if (editor?.document.languageId === REQUEST_LANGUAGE) {
      document = editor.document;
      line = editor.selection.active.line;
    }
  }
  if (!document) {
    void vscode.window.showInformationMessage('Open a request file (*.smpp) and put the cursor in the block to send.');
    return undefined;
  }
  const { parsed, context } = documents.read(document);
  const block = typeof index === 'number' ? parsed.blocks[index] : line === undefined ? undefined : blockAt(parsed, line);
  if (!block?.command) {
    void vscode.window.showInformationMessage(block ? `This block names no PDU: add a line "pdu: submit_sm" (or another request).` : 'No request block here.');
    return undefined;
  }
  const errors = block.problems.filter((p) => p.severity === 'error');
  if (errors.length > 0) {
    const first = errors[0]!;
    void vscode.window.showErrorMessage(`${blockName(document, block)} cannot be sent: line ${first.line + 1}: ${first.message}${errors.length > 1 ? ` (and ${errors.length - 1} more)` : ''}`);
    return undefined;
  }
  return { document, parsed, context, block };
}

/** A block for people: its title, or its PDU and line. */
export function blockName(document: vscode.TextDocument, block: RequestBlock): string {
  const file = document.uri.path.slice(document.uri.path.lastIndexOf('/') + 1);
  return `${file}: ${block.title?.trim() || `${block.command ?? 'block'} at line ${block.startLine + 1}`}`;
}
