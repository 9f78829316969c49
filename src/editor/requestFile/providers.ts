// The request language in the editor: diagnostics from the parser's problems, CodeLens on each
// block (Send, Send ×N, Copy as code), completion and hover. Each is a thin adapter over the
// vscode-free core (src/smpp/requests/), which holds the logic and its tests.
import * as vscode from 'vscode';
import { Disposable } from '../../lifecycle';
import type { ConnectionModel } from '../../model/connectionModel';
import { completionsAt, hoverAt, type RequestCompletion, type RequestFileProblem } from '../../smpp/requests';
import { REQUEST_LANGUAGE, RequestDocuments, sendable } from './documents';

const SELECTOR: vscode.DocumentSelector = { language: REQUEST_LANGUAGE };

export class RequestFileProviders extends Disposable implements vscode.CodeLensProvider, vscode.CompletionItemProvider, vscode.HoverProvider {
  private readonly diagnostics = this.register(vscode.languages.createDiagnosticCollection('smpp-request'));
  private readonly lensesChanged = this.register(new vscode.EventEmitter<void>());
  readonly onDidChangeCodeLenses = this.lensesChanged.event;

  constructor(
    private readonly documents: RequestDocuments,
    model: ConnectionModel,
  ) {
    super();
    this.register(vscode.languages.registerCodeLensProvider(SELECTOR, this));
    this.register(vscode.languages.registerCompletionItemProvider(SELECTOR, this, ':', ' ', '{', '|', '_'));
    this.register(vscode.languages.registerHoverProvider(SELECTOR, this));
    this.register(vscode.workspace.onDidOpenTextDocument((d) => this.check(d)));
    this.register(vscode.workspace.onDidChangeTextDocument((e) => this.check(e.document)));
    this.register(
      vscode.workspace.onDidCloseTextDocument((d) => {
        this.diagnostics.delete(d.uri);
        documents.forget(d);
      }),
    );
    // A connection added, renamed or given vendor TLVs changes what a file's names mean.
    this.register(
      model.onDidChange(() => {
        documents.modelChanged();
        vscode.workspace.textDocuments.forEach((d) => this.check(d));
        this.lensesChanged.fire();
      }),
    );
    vscode.workspace.textDocuments.forEach((d) => this.check(d));
  }

  private check(document: vscode.TextDocument): void {
    if (document.languageId !== REQUEST_LANGUAGE) return;
    this.diagnostics.set(document.uri, this.documents.read(document).parsed.problems.map(toDiagnostic));
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const lenses: vscode.CodeLens[] = [];
    for (const block of this.documents.read(document).parsed.blocks) {
      if (!sendable(block)) continue;
      const range = new vscode.Range(block.startLine, 0, block.startLine, 0);
      const args = [document.uri, block.index];
      const via = block.connection ? ` via ${block.connection}` : '';
      lenses.push(
        new vscode.CodeLens(range, { title: block.repeat > 1 ? `Send ×${block.repeat}` : 'Send', command: 'smpp.sendRequest', arguments: args, tooltip: `Send ${block.command}${via}` }),
        new vscode.CodeLens(range, { title: 'Send ×N…', command: 'smpp.sendRequestRepeat', arguments: args, tooltip: `Send ${block.command}${via} a number of times you choose` }),
        new vscode.CodeLens(range, { title: 'Copy as code', command: 'smpp.copyRequestAsCode', arguments: args, tooltip: `Copy a client snippet that sends this ${block.command}` }),
      );
    }
    return lenses;
  }

  provideCompletionItems(document: vscode.TextDocument, position: vscode.Position): vscode.CompletionItem[] {
    const { text, context } = this.documents.read(document);
    return completionsAt(text, position.line, position.character, context).map(toCompletionItem);
  }

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const { text, context } = this.documents.read(document);
    const hover = hoverAt(text, position.line, position.character, context);
    if (!hover) return undefined;
    const range = new vscode.Range(hover.range.line, hover.range.column, hover.range.line, hover.range.endColumn);
    return new vscode.Hover(new vscode.MarkdownString(hover.markdown), range);
  }
}

export function toDiagnostic(p: RequestFileProblem): vscode.Diagnostic {
  const range = new vscode.Range(p.line, p.column, p.line, Math.max(p.endColumn, p.column + 1));
  const d = new vscode.Diagnostic(range, p.message, p.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning);
  d.source = 'SMPP';
  return d;
}

const KINDS: Record<string, vscode.CompletionItemKind> = {
  setting: vscode.CompletionItemKind.Keyword,
  command: vscode.CompletionItemKind.Function,
  field: vscode.CompletionItemKind.Field,
  tlv: vscode.CompletionItemKind.Property,
  value: vscode.CompletionItemKind.EnumMember,
  connection: vscode.CompletionItemKind.Reference,
  generator: vscode.CompletionItemKind.Variable,
  expectation: vscode.CompletionItemKind.Snippet,
};

function toCompletionItem(c: RequestCompletion): vscode.CompletionItem {
  const item = new vscode.CompletionItem(c.label, KINDS[c.kind] ?? vscode.CompletionItemKind.Text);
  if (c.detail) item.detail = c.detail;
  if (c.documentation) item.documentation = new vscode.MarkdownString(c.documentation);
  if (c.insertText !== undefined) item.insertText = c.snippet ? new vscode.SnippetString(c.insertText) : c.insertText;
  if (c.range) item.range = new vscode.Range(c.range.line, c.range.column, c.range.line, c.range.endColumn);
  if (c.sortText) item.sortText = c.sortText;
  return item;
}
