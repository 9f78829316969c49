// The messages between the extension host and the decoder webview: one discriminated union
// per direction, shared by both sides. Each side checks what it receives with the guards
// below before acting on it.

export type HostToWebview =
  | { type: 'init'; state: DecoderState }
  | { type: 'decode'; hex: string; source?: string };

export type WebviewToHost =
  | { type: 'ready' }
  | { type: 'stateChanged'; state: DecoderState };

export interface DecoderState {
  hex: string;
  dcs0: 'gsm7' | 'latin1' | 'ascii';
}

const DCS0 = new Set(['gsm7', 'latin1', 'ascii']);
const MAX_HEX = 1 << 20;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function isDecoderState(v: unknown): v is DecoderState {
  return isRecord(v) && typeof v.hex === 'string' && v.hex.length <= MAX_HEX && typeof v.dcs0 === 'string' && DCS0.has(v.dcs0);
}

export function isHostToWebview(v: unknown): v is HostToWebview {
  if (!isRecord(v)) return false;
  switch (v.type) {
    case 'init':
      return isDecoderState(v.state);
    case 'decode':
      return typeof v.hex === 'string' && v.hex.length <= MAX_HEX && (v.source === undefined || typeof v.source === 'string');
    default:
      return false;
  }
}

export function isWebviewToHost(v: unknown): v is WebviewToHost {
  if (!isRecord(v)) return false;
  switch (v.type) {
    case 'ready':
      return true;
    case 'stateChanged':
      return isDecoderState(v.state);
    default:
      return false;
  }
}
