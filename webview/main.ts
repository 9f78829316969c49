// The decoder webview. It talks to the host only through the typed messages in
// src/shared/decoderMessages.ts and ignores anything that does not pass their guards.
import '@vscode-elements/elements/dist/vscode-textarea/index.js';
import { isHostToWebview, type DecoderState, type WebviewToHost } from '../src/shared/decoderMessages';

interface VsCodeApi {
  postMessage(message: WebviewToHost): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
let state: DecoderState = { hex: '', dcs0: 'gsm7' };

function render(): void {
  const input = document.getElementById('hex') as HTMLTextAreaElement | null;
  if (input && input.value !== state.hex) input.value = state.hex;
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const msg = event.data;
  if (!isHostToWebview(msg)) return;
  switch (msg.type) {
    case 'init':
      state = msg.state;
      break;
    case 'decode':
      state = { ...state, hex: msg.hex };
      vscode.postMessage({ type: 'stateChanged', state });
      break;
  }
  render();
});

vscode.postMessage({ type: 'ready' });
