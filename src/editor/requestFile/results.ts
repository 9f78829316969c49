// Where a sent block's result shows: a read-only document beside the request file, one per block
// (sending the block again rewrites it), whose text is the result as JSON.
import * as vscode from 'vscode';
import { Disposable } from '../../lifecycle';

export const RESULT_SCHEME = 'smpp-result';
/** Results kept at once: the oldest is forgotten first (its document then reads empty). */
const MAX_RESULTS = 50;

export class ResultDocuments extends Disposable implements vscode.TextDocumentContentProvider {
  private readonly texts = new Map<string, string>();
  private readonly changed = this.register(new vscode.EventEmitter<vscode.Uri>());
  readonly onDidChange = this.changed.event;

  constructor() {
    super();
    this.register(vscode.workspace.registerTextDocumentContentProvider(RESULT_SCHEME, this));
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }

  /** The result document of a request file's block (named after the file and the block). */
  uriFor(file: vscode.Uri, index: number, title: string): vscode.Uri {
    const base = file.path.slice(file.path.lastIndexOf('/') + 1);
    const name = `${base} · ${title}`.replace(/[/\\?#]/g, '_');
    return vscode.Uri.from({ scheme: RESULT_SCHEME, path: `/${name}.json`, query: `${file.toString()}#${index}` });
  }

  /** Sets the text and shows it beside the request file, leaving the focus there. */
  async show(uri: vscode.Uri, result: unknown): Promise<void> {
    const key = uri.toString();
    this.texts.delete(key);
    this.texts.set(key, `${JSON.stringify(result, null, 2)}\n`);
    while (this.texts.size > MAX_RESULTS) this.texts.delete(this.texts.keys().next().value!);
    this.changed.fire(uri);
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true, preview: true });
  }
}
