// A page's side of the conversation with the extension host: the one `acquireVsCodeApi()` handle,
// typed posts, the state VS Code keeps for the page (restored when the panel is reopened), and
// problems of the page reported to the host's SMPP log. Each page (decoder, load test) makes its
// own, typed with its own message union.

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

export type LogLevel = 'info' | 'warn' | 'error';

export interface PageApi<Out> {
  post(message: Out): void;
  savedState(): unknown;
  saveState(state: unknown): void;
  /** Reports a problem of the page to the host's SMPP log (and the devtools console). */
  report(level: LogLevel, message: string): void;
}

/** Call once per page: VS Code hands out its API only once. */
export function pageApi<Out extends { type: string }>(logMessage: (level: LogLevel, message: string) => Out): PageApi<Out> {
  const api = acquireVsCodeApi();
  const post = (message: Out): void => api.postMessage(message);
  return {
    post,
    savedState: () => api.getState(),
    saveState: (state) => api.setState(state),
    report(level, message) {
      const text = message.slice(0, 4000);
      if (level === 'error') console.error(text);
      else console.warn(text);
      post(logMessage(level, text));
    },
  };
}
