// The "SMPP" log channel. Every line goes through `maskSecrets`, so a password never reaches
// the log, whatever the caller passed.
import * as vscode from 'vscode';
import { maskSecrets } from './config/secrets';

export class SmppLog implements vscode.Disposable {
  readonly channel: vscode.LogOutputChannel;

  constructor() {
    this.channel = vscode.window.createOutputChannel('SMPP', { log: true });
  }

  info(message: string): void {
    this.channel.info(maskSecrets(message));
  }

  warn(message: string): void {
    this.channel.warn(maskSecrets(message));
  }

  error(message: string): void {
    this.channel.error(maskSecrets(message));
  }

  debug(message: string): void {
    this.channel.debug(maskSecrets(message));
  }

  show(): void {
    this.channel.show(true);
  }

  dispose(): void {
    this.channel.dispose();
  }
}
