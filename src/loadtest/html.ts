// A load test panel's HTML: the decoder's content security policy (deny by default, one nonce'd
// script, styles only as constructed stylesheets, so no 'unsafe-inline'), and dist/loadtest.js.
// No `vscode` import, so it is tested on its own.
import { contentSecurityPolicy, type PageParts } from '../decoder/html';

function escapeAttribute(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function loadTestHtml(parts: PageParts): string {
  const csp = escapeAttribute(contentSecurityPolicy(parts.cspSource, parts.nonce));
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${escapeText(parts.title ?? 'Load test')}</title>
</head>
<body>
<div id="app" data-testid="load-app"></div>
<script nonce="${escapeAttribute(parts.nonce)}" src="${escapeAttribute(parts.scriptUri)}"></script>
</body>
</html>
`;
}
