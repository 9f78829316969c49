// "SMPP: Submit Short Message": destination and text in input boxes, with a live count of
// characters, parts and the encoding that will be used (as the connection's profile sends it:
// the alphabet of data_coding 0, the concatenation method). When the connection's file declares
// vendor TLVs, a third box takes optional TLVs as `name=value, ...` (the file's and the spec's).
// A connection picked that is not bound is bound first.
import * as vscode from 'vscode';
import { submissionProfile } from '../config/sessionOptions';
import type { ConnectionModel } from '../model/connectionModel';
import type { SmppLog } from '../log';
import { lazy } from '../lazy';
import type { SessionManager } from '../runners/sessionManager';
import type { TextSubmission } from '../smpp/session/messaging';
import type { PlanEncoding, PlanMethod } from '../smpp/split';
import { parseTlvAssignments, type TlvAssignment, type TlvDictionary } from '../smpp/tables/tlvDictionary';
import { ask } from './inputs';
import { boundConnectionFor, canSend } from './pickConnection';

export function validateAddress(v: string): string | undefined {
  if (!/^\+?[0-9A-Za-z ]{1,20}$/.test(v)) return 'An address has 1 to 20 digits (a leading + is allowed) or letters';
  return undefined;
}

/**
 * What the live count is told: with a data_coding 0 alphabet of one octet a character, text it
 * holds counts as octets (140 a part) and other text as UCS-2, as the submit will send it.
 */
export function countOptions(text: string, profile: Pick<TextSubmission, 'dcs0' | 'method'>): { encoding?: PlanEncoding; method?: PlanMethod } {
  const method = profile.method;
  if (profile.dcs0 === undefined || profile.dcs0 === 'gsm7') return { method };
  const limit = profile.dcs0 === 'latin1' ? 0xff : 0x7f;
  for (const ch of text) if (ch.codePointAt(0)! > limit) return { encoding: 'ucs2', method };
  return { encoding: 'latin1', method };
}

/** The message for the TLV box: the first assignment that cannot be sent, or undefined. */
export function checkTlvs(text: string, dictionary: TlvDictionary | undefined): string | undefined {
  return parseTlvAssignments(text, dictionary).problems[0];
}

export function registerSubmitCommand(model: ConnectionModel, sessions: SessionManager, log: SmppLog): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('smpp.submit', async (arg?: unknown) => {
      const c = await boundConnectionFor(arg, model, sessions, 'submit a message', (c) => !c.parsed.definition.proxy && c.parsed.definition.bind !== 'receiver', canSend);
      if (!c) return;
      // Sending needs the session engine, so its message counter is already loaded.
      const { countMessage } = lazy.session();
      const name = c.parsed.definition.name;
      const profile = submissionProfile(c.parsed.definition.profile);
      const dictionary = c.parsed.tlvs;
      const steps = dictionary ? 3 : 2;
      const count = (v: string): string => {
        const display = countMessage(v, countOptions(v, profile)).display;
        return profile.dcs0 === 'ascii' ? display.replace('Latin-1', 'ASCII') : display;
      };
      const to = await ask({
        title: `Submit via ${name} (1/${steps}): destination`,
        placeholder: '+447700900123',
        prompt: () => 'The destination address (MSISDN). International numbers get TON 1, NPI 1.',
        check: validateAddress,
        required: true,
      });
      if (to === undefined) return;
      const text = await ask({
        title: `Submit via ${name} (2/${steps}): text to ${to}`,
        placeholder: 'Hello from SMPP Session Panel',
        prompt: (v) => `${count(v)}. A delivery receipt is requested.`,
        check: (v) => (countMessage(v, countOptions(v, profile)).parts > 255 ? 'Too long: at most 255 parts' : undefined),
        required: true,
      });
      if (text === undefined) return;
      let tlvs: TlvAssignment[] = [];
      if (dictionary) {
        const names = dictionary.entries.map((e) => e.name).join(', ');
        const typed = await ask({
          title: `Submit via ${name} (3/3): TLVs (optional)`,
          placeholder: `${dictionary.entries[0]!.name}=…, another=…`,
          prompt: () => `Optional TLVs as name=value, separated by commas: this file's ${names}, or a spec TLV by its name. Leave empty for none.`,
          check: (v) => checkTlvs(v, dictionary),
        });
        if (typed === undefined) return;
        tlvs = parseTlvAssignments(typed, dictionary).tlvs;
      }
      try {
        const submission: TextSubmission = { to, text, receipt: true, ...profile };
        if (tlvs.length > 0) Object.assign(submission, { tlvs, dictionary });
        const result = await sessions.submit(c, submission);
        const ids = result.parts.map((p) => p.messageId).join(', ');
        log.info(`${name}: submitted ${result.plan.partCount} part(s) to ${to}${tlvs.length > 0 ? ` with ${tlvs.map((t) => t.name).join(', ')}` : ''}, message_id ${ids}`);
        void vscode.window.showInformationMessage(`${name}: submitted to ${to} (${count(text)}); message_id ${ids}`);
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        log.error(`${name}: submit failed: ${message}`);
        void vscode.window.showErrorMessage(`${name}: submit failed: ${message}`);
      }
    }),
  ];
}
