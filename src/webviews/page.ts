// The page template every webview of ours uses (the decoder's and the load test panel's) and its
// content security policy. No `vscode` import, so the policy can be tested on its own. A page is
// one nonce'd script (dist/webview.js, dist/loadtest.js); every style comes from constructed
// stylesheets (Lit's components and our own), which CSP does not govern, so no 'unsafe-inline'
// and no 'unsafe-eval' anywhere. Nothing remote: the only origin named is the webview's own
// resource origin.

export interface PageParts {
  /** `webview.cspSource`. */
  cspSource: string;
  /** `webview.asWebviewUri(dist/<page>.js)`, as a string. */
  scriptUri: string;
  nonce: string;
  title?: string;
}

/** A fresh nonce: 32 characters from [A-Za-z0-9], from the platform's CSPRNG. */
export function makeNonce(random: (bytes: Uint8Array) => Uint8Array = (b) => globalThis.crypto.getRandomValues(b)): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = random(new Uint8Array(32));
  let s = '';
  for (const b of bytes) s += alphabet[b % alphabet.length];
  return s;
}

/**
 * The policy: deny by default (so no fonts, frames, connections, workers, remote anything); our
 * nonce'd script; style sheets only from our own resources (the page links none today); images
 * only as data: URIs (vscode-textarea draws its resize grip with one).
 */
export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return `default-src 'none'; script-src 'nonce-${nonce}'; style-src ${cspSource}; img-src data:;`;
}

function escapeAttribute(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** What differs between our pages: their script, their title, and the test id of their root element. */
export interface WebviewPage extends PageParts {
  /** The title when `title` is not given. */
  defaultTitle: string;
  /** `data-testid` of the element the page's script renders into. */
  appTestId: string;
}

/** A page: the policy above, one root element, and one nonce'd script. Escapes everything it is given. */
export function webviewHtml(page: WebviewPage): string {
  const csp = escapeAttribute(contentSecurityPolicy(page.cspSource, page.nonce));
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${escapeAttribute(page.title ?? page.defaultTitle)}</title>
</head>
<body>
<div id="app" data-testid="${escapeAttribute(page.appTestId)}"></div>
<script nonce="${escapeAttribute(page.nonce)}" src="${escapeAttribute(page.scriptUri)}"></script>
</body>
</html>
`;
}
