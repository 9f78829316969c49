// The page's side of the conversation: the one `acquireVsCodeApi()` handle, typed posts, and the
// state VS Code keeps for the page (restored when the panel is reopened).
import type { WebviewToHost } from '../src/shared/decoderMessages';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

const api = acquireVsCodeApi();

export function post(message: WebviewToHost): void {
  api.postMessage(message);
}

export function savedState(): unknown {
  return api.getState();
}

export function saveState(state: unknown): void {
  api.setState(state);
}

/** Reports a problem of the page to the host's SMPP log (and the devtools console). */
export function report(level: 'info' | 'warn' | 'error', message: string): void {
  const text = message.slice(0, 4000);
  if (level === 'error') console.error(text);
  else console.warn(text);
  post({ type: 'log', level, message: text });
}
