// "SMPP: Open Capture File": registered at activation; the reader, the import and the rest of the
// command (openCaptureRun.ts) load with the decoder's bundle at its first run.
import * as vscode from 'vscode';
import { lazy } from '../lazy';
import type { SmppLog } from '../log';
import type { CaptureStore } from '../smpp/capture';
import type { DecoderOnDemand } from './decoderOnDemand';

export function registerOpenCaptureCommand(decoder: DecoderOnDemand, capture: CaptureStore, log: SmppLog): vscode.Disposable[] {
  return [vscode.commands.registerCommand('smpp.openCaptureFile', (arg?: unknown, port?: unknown) => lazy.decoder().openCaptureFile(decoder, capture, log, arg, port))];
}
