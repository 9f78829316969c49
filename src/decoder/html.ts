// The decoder's HTML: the shared page and content security policy (src/webviews/page.ts) with
// dist/webview.js. No `vscode` import, so it is tested on its own.
import { webviewHtml, type PageParts } from '../webviews/page';

export function decoderHtml(parts: PageParts): string {
  return webviewHtml({ ...parts, defaultTitle: 'PDU Decoder', appTestId: 'decoder-app' });
}
