// Copy as code: the snippet that sends a request block's PDU with a client library (asked with a
// quick pick, the last one chosen first: src/commands/copySnippet.ts), bound as the block's
// connection does, put on the clipboard. The password stays out of it: the snippet reads the environment.
import * as vscode from 'vscode';
import type { ConnectionModel } from '../../model/connectionModel';
import type { SessionManager } from '../../runners/sessionManager';
import { buildRequest } from '../../smpp/requests';
import { copySnippet } from '../../commands/copySnippet';
import { connectionNamed, type RequestDocuments } from './documents';
import { snippetConnection } from './snippetConnection';
import { blockName, targetBlock } from './target';

export class CopyAsCode {
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
    const pdu = built.pdu;
    await copySnippet({
      title: `Copy ${block.command} as code: which library?`,
      name: blockName(document, block),
      input: () => ({
        connection: snippetConnection(def, this.sessions.info(entry.id).endpoint),
        pdu: { command: pdu.command, body: pdu.body, tlvs: pdu.tlvs.map((t) => ({ tag: t.tag, name: t.name, value: t.value })) },
        ...(entry.parsed.tlvs ? { dictionary: entry.parsed.tlvs } : {}),
      }),
      says: () => `sends ${block.command} via ${def.name}`,
    });
  }
}
