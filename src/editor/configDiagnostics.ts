// Marks `*.smpp.json` files with the panel's own findings: duplicate connection names and
// passwords in plain text. Syntax and schema problems are left to the editor's JSON support,
// which reports them from the same shipped schema, so nothing shows twice.
import * as vscode from 'vscode';
import type { ConfigProblem } from '../config/connectionFile';
import type { ConnectionModel } from '../model/connectionModel';
import { Disposable } from '../lifecycle';

export class ConfigDiagnostics extends Disposable {
  private readonly collection = this.register(vscode.languages.createDiagnosticCollection('smpp'));

  constructor(private readonly model: ConnectionModel) {
    super();
    this.register(model.onDidChange(() => this.update()));
  }

  private update(): void {
    this.collection.clear();
    for (const file of this.model.fileEntries) {
      const problems = [...file.problems, ...file.connections.flatMap((c) => c.parsed.problems)].filter((p) => p.source === 'connection');
      this.collection.set(file.uri, problems.map(toDiagnostic));
    }
  }
}

function toDiagnostic(p: ConfigProblem): vscode.Diagnostic {
  const start = new vscode.Position(p.line - 1, p.column - 1);
  const range = new vscode.Range(start, start.translate(0, Math.max(1, p.length)));
  const d = new vscode.Diagnostic(range, p.message, p.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning);
  d.source = 'SMPP';
  return d;
}
