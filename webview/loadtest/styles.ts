// The load test page's styles, adopted as a constructed stylesheet (no 'unsafe-inline' in the
// content security policy). Colours come from VS Code's theme variables; each series also has its
// own dash pattern, so the lines stay apart where colours do not (high contrast, colour blindness).

const CSS = String.raw`
:root {
  --border: var(--vscode-panel-border, var(--vscode-widget-border, rgba(128, 128, 128, 0.35)));
  --muted: var(--vscode-descriptionForeground, #8b8b8b);
  --error: var(--vscode-errorForeground, #f14c4c);
  --warning: var(--vscode-editorWarning-foreground, #cca700);
  --mono: var(--vscode-editor-font-family, ui-monospace, Menlo, Consolas, monospace);
  --mono-size: var(--vscode-editor-font-size, 13px);
  --tile-bg: var(--vscode-editorWidget-background, rgba(128, 128, 128, 0.08));
  --tile-border: var(--vscode-contrastBorder, var(--vscode-editorWidget-border, transparent));
  --c-submitted: var(--vscode-charts-blue, #3794ff);
  --c-acknowledged: var(--vscode-charts-green, #89d185);
  --c-receipts: var(--vscode-charts-purple, #b180d7);
  --c-not-delivered: var(--vscode-charts-red, var(--error));
  --c-throttle: var(--vscode-charts-orange, var(--warning));
}
[hidden] { display: none !important; }
body {
  margin: 0;
  padding: 0;
  background: var(--vscode-editor-background);
  color: var(--vscode-editor-foreground, var(--vscode-foreground));
  font-family: var(--vscode-font-family, system-ui, sans-serif);
  font-size: var(--vscode-font-size, 13px);
}
.page { padding: 10px 16px 24px; display: flex; flex-direction: column; gap: 12px; max-width: 1400px; }
.head { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 12px; }
.head h1 { font-size: 1.25em; font-weight: 600; margin: 0; }
.head .grow { flex: 1 1 auto; }
.status { font-family: var(--mono); font-size: var(--mono-size); }
.status.state-cancelled, .status.state-stopped, .status.state-cancelling { color: var(--warning); }
.muted { color: var(--muted); }
.settings { color: var(--muted); line-height: 1.5; }
.notice { border-left: 3px solid var(--warning); padding: 4px 10px; background: var(--vscode-inputValidation-warningBackground, transparent); color: var(--vscode-inputValidation-warningForeground, inherit); }
.save-status { color: var(--muted); }

.summary { margin: 0; padding: 8px 12px; font-family: var(--mono); font-size: var(--mono-size); white-space: pre-wrap; background: var(--tile-bg); border: 1px solid var(--tile-border); border-left: 3px solid var(--c-acknowledged); }
.summary.state-cancelled, .summary.state-stopped { border-left-color: var(--warning); }
.summary.failed { border-left-color: var(--error); }

.tiles { display: grid; grid-template-columns: repeat(auto-fill, minmax(130px, 1fr)); gap: 8px; }
.tile { background: var(--tile-bg); border: 1px solid var(--tile-border); border-radius: 3px; padding: 6px 10px; }
.tile .label { color: var(--muted); font-size: 0.9em; }
.tile .value { font-family: var(--mono); font-size: 1.45em; font-weight: 600; line-height: 1.3; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.tile .sub { color: var(--muted); font-size: 0.85em; font-family: var(--mono); }
.tile.bad .value { color: var(--error); }
.tile.warn .value { color: var(--warning); }

h2 { font-size: 1em; font-weight: 600; margin: 0 0 6px; }
.chart-box { border: 1px solid var(--border); border-radius: 3px; padding: 8px 10px 4px; }
.legend { display: flex; flex-wrap: wrap; gap: 4px 18px; align-items: center; margin-bottom: 4px; }
.legend .item { display: inline-flex; align-items: center; gap: 6px; }
.legend svg { display: block; }
.chart { display: block; width: 100%; height: 280px; font-family: var(--mono); font-size: 11px; }
.chart .grid { stroke: var(--border); stroke-width: 1; shape-rendering: crispEdges; }
.chart .axis { stroke: var(--muted); stroke-width: 1; shape-rendering: crispEdges; }
.chart .tick { fill: var(--muted); }
.chart .axis-title { fill: var(--muted); }
.chart .empty { fill: var(--muted); }
.series { fill: none; stroke-width: 2; stroke-linejoin: round; }
.series.submitted { stroke: var(--c-submitted); }
.series.acknowledged { stroke: var(--c-acknowledged); stroke-dasharray: 7 4; }
.series.receipts { stroke: var(--c-receipts); stroke-dasharray: 2 3; }
.series.notDelivered { stroke: var(--c-not-delivered); stroke-dasharray: 10 3 2 3; }
.marker { fill: var(--c-throttle); }
.marker-line { stroke: var(--c-throttle); stroke-width: 1; stroke-dasharray: 2 3; opacity: 0.6; }

.columns { display: grid; grid-template-columns: repeat(auto-fit, minmax(300px, 1fr)); gap: 16px; align-items: start; }
.columns > section { min-width: 0; }
.rtt { display: grid; grid-template-columns: repeat(auto-fit, minmax(76px, 1fr)); gap: 8px; }
.rtt .tile { padding: 6px 8px; }
.rtt .tile .value { font-size: 1.25em; }
.receipt-rtt .tile .value { font-size: 1.05em; }
table.data { border-collapse: collapse; width: 100%; }
table.data th { text-align: left; color: var(--muted); font-weight: 600; border-bottom: 1px solid var(--border); padding: 2px 8px 2px 0; }
table.data td { padding: 2px 8px 2px 0; font-family: var(--mono); font-size: var(--mono-size); }
table.data td.num, table.data th.num { text-align: right; }
table.data td.none { font-family: inherit; color: var(--muted); }
table.data td.bad { color: var(--error); }
.receipts-line { font-family: var(--mono); font-size: var(--mono-size); margin-top: 4px; }
.scroll { max-height: 220px; overflow: auto; }

body.vscode-high-contrast .series, body.vscode-high-contrast-light .series { stroke-width: 3; }
body.vscode-high-contrast .tile, body.vscode-high-contrast-light .tile { border-color: var(--vscode-contrastBorder, currentColor); }
`;

export function adoptStyles(doc: Document = document): void {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(CSS);
  doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
}
