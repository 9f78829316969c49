// The load test page's side of the conversation: the one `acquireVsCodeApi()` handle and typed posts.
import type { LoadViewToHost } from '../../src/shared/loadTestMessages';

interface VsCodeApi {
  postMessage(message: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

const api = acquireVsCodeApi();

export function post(message: LoadViewToHost): void {
  api.postMessage(message);
}

/** Reports a problem of the page to the host's SMPP log (and the devtools console). */
export function report(level: 'info' | 'warn' | 'error', message: string): void {
  const text = message.slice(0, 4000);
  if (level === 'error') console.error(text);
  else console.warn(text);
  post({ type: 'log', level, message: text });
}
