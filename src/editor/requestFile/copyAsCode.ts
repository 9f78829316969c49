// Copy as code: the snippet that sends a request block's PDU with a client library (asked with a
// quick pick, the last one chosen first), bound as the block's connection does, put on the
// clipboard. The password stays out of it: the snippet reads the environment.
import * as vscode from 'vscode';
import type { ConnectionModel } from '../../model/connectionModel';
import type { SessionManager } from '../../runners/sessionManager';
import { buildRequest } from '../../smpp/requests';
import { SNIPPET_LANGUAGES, generateSnippet, type SnippetLanguageInfo } from '../../smpp/snippets';
import { connectionNamed, type RequestDocuments } from './documents';
import { snippetConnection } from './snippetConnection';
import { blockName, targetBlock } from './target';

export class CopyAsCode {
  private last: SnippetLanguageInfo['id'] | undefined;

  constructor(
    private readonly documents: RequestDocuments,
    private readonly model: ConnectionModel,
    private readonly sessions: SessionManager,
  ) {}

  async run(uri: unknown, index: unknown): Promise<void> {
    const target = await targetBlock(this.documents, uri, index);
    if (!target) return;
    const { document, block, context } = target;
    const entry = block.connection === undefined ? undefined : connectionNamed(this.model, block.connection, document.uri);
    if (!entry) {
      void vscode.window.showErrorMessage(`${blockName(document, block)}: ${block.connection === undefined ? 'name a connection ("connection: <name>")' : `no connection file of this workspace defines "${block.connection}"`}; the snippet binds as it does.`);
      return;
    }
    const def = entry.parsed.definition;
    const built = buildRequest(block, { ...(context.dictionary ? { dictionary: context.dictionary } : {}), dcs0: def.profile.dcs0, env: process.env, counter: 1, sendIndex: 0 });
    const problem = built.problems.find((p) => p.severity === 'error');
    if (!built.pdu || problem) {
      void vscode.window.showErrorMessage(`${blockName(document, block)}: line ${(problem?.line ?? block.startLine) + 1}: ${problem?.message ?? 'nothing to send'}`);
      return;
    }
    const items = [...SNIPPET_LANGUAGES]
      .sort((a, b) => Number(b.id === this.last) - Number(a.id === this.last))
      .map((l) => ({ label: l.library, description: l.language, language: l }));
    const picked = await vscode.window.showQuickPick(items, { title: `Copy ${block.command} as code: which library?`, ignoreFocusOut: true });
    if (!picked) return;
    this.last = picked.language.id;
    let code: string;
    try {
      code = generateSnippet(picked.language.id, {
        connection: snippetConnection(def, this.sessions.info(entry.id).endpoint),
        pdu: { command: built.pdu.command, body: built.pdu.body, tlvs: built.pdu.tlvs.map((t) => ({ tag: t.tag, name: t.name, value: t.value })) },
        ...(entry.parsed.tlvs ? { dictionary: entry.parsed.tlvs } : {}),
      });
    } catch (err) {
      void vscode.window.showErrorMessage(`${blockName(document, block)}: no ${picked.label} snippet: ${err instanceof Error ? err.message : String(err)}`);
      return;
    }
    await vscode.env.clipboard.writeText(code);
    const open = 'Open in Editor';
    const answer = await vscode.window.showInformationMessage(`Copied a ${picked.label} (${picked.language.language}) snippet that sends ${block.command} via ${def.name} to the clipboard.`, open);
    if (answer === open) await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ language: picked.language.languageId, content: code }));
  }
}
