// A load test panel's HTML: the shared page and content security policy (src/webviews/page.ts:
// deny by default, one nonce'd script, styles only as constructed stylesheets, so no
// 'unsafe-inline'), with dist/loadtest.js. No `vscode` import, so it is tested on its own.
import { webviewHtml, type PageParts } from '../webviews/page';

export function loadTestHtml(parts: PageParts): string {
  return webviewHtml({ ...parts, defaultTitle: 'Load test', appTestId: 'load-app' });
}
