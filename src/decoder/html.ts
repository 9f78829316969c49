// The decoder page's HTML and its content security policy. No `vscode` import, so the policy can
// be tested on its own. The page is one nonce'd script (dist/webview.js); every style comes from
// constructed stylesheets (Lit's components and our own), which CSP does not govern, so no
// 'unsafe-inline' and no 'unsafe-eval' anywhere. Nothing remote: the only origin named is the
// webview's own resource origin.

export interface PageParts {
  /** `webview.cspSource`. */
  cspSource: string;
  /** `webview.asWebviewUri(dist/webview.js)`, as a string. */
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

export function decoderHtml(parts: PageParts): string {
  const csp = escapeAttribute(contentSecurityPolicy(parts.cspSource, parts.nonce));
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${escapeAttribute(parts.title ?? 'PDU Decoder')}</title>
</head>
<body>
<div id="app" data-testid="decoder-app"></div>
<script nonce="${escapeAttribute(parts.nonce)}" src="${escapeAttribute(parts.scriptUri)}"></script>
</body>
</html>
`;
}
