// The page's own styles, adopted as a constructed stylesheet (as Lit does for the components), so
// the content security policy needs no 'unsafe-inline'. Colours come from VS Code's theme
// variables; the fallbacks only matter outside VS Code. High-contrast themes get outlines
// (--vscode-contrastActiveBorder / contrastBorder) where other themes get a background.

const CSS = String.raw`
:root {
  --row-h: 22px;
  --mono: var(--vscode-editor-font-family, ui-monospace, Menlo, Consolas, monospace);
  --mono-size: var(--vscode-editor-font-size, 13px);
  --hl-bg: var(--vscode-editor-selectionBackground, #264f78);
  --hover-bg: var(--vscode-list-hoverBackground, rgba(128, 128, 128, 0.15));
  --sel-bg: var(--vscode-list-inactiveSelectionBackground, rgba(128, 128, 128, 0.25));
  --border: var(--vscode-panel-border, var(--vscode-widget-border, rgba(128, 128, 128, 0.35)));
  --muted: var(--vscode-descriptionForeground, #8b8b8b);
  --error: var(--vscode-errorForeground, #f14c4c);
  --warning: var(--vscode-editorWarning-foreground, #cca700);
  --hc-border: var(--vscode-contrastActiveBorder, transparent);
}
html, body { height: 100%; }
[hidden] { display: none !important; }
body {
  margin: 0;
  padding: 0;
  overflow: hidden;
  background: var(--vscode-editor-background);
  color: var(--vscode-editor-foreground, var(--vscode-foreground));
  font-family: var(--vscode-font-family, system-ui, sans-serif);
  font-size: var(--vscode-font-size, 13px);
}
#app { height: 100vh; display: flex; flex-direction: column; }
vscode-tabs { flex: 1 1 auto; min-height: 0; display: flex; flex-direction: column; }
vscode-tab-panel { flex: 1 1 auto; min-height: 0; display: flex; flex-direction: column; background: var(--vscode-editor-background); }
vscode-tab-panel[hidden] { display: none; }
vscode-badge { margin-left: 6px; }

.toolbar { display: flex; flex-wrap: wrap; align-items: center; gap: 6px 12px; padding: 6px 10px; border-bottom: 1px solid var(--border); }
.toolbar label { display: inline-flex; align-items: center; gap: 6px; color: var(--muted); }
.toolbar .grow { flex: 1 1 auto; }
.toolbar .source { color: var(--muted); overflow: hidden; text-overflow: ellipsis; white-space: nowrap; max-width: 40ch; }
.toolbar .tlvs { color: var(--muted); overflow: hidden; text-overflow: ellipsis; white-space: nowrap; max-width: 28ch; }
.toolbar vscode-single-select { min-width: 120px; }
.toolbar vscode-textfield { min-width: 260px; flex: 0 1 400px; }
.muted { color: var(--muted); }
.mono { font-family: var(--mono); font-size: var(--mono-size); }

/* ---- decoder tab ---- */
.decoder, .capture, .ladder-view { flex: 1 1 auto; min-height: 0; display: flex; flex-direction: column; }
.decoder > :not(.panes), .capture > :not(.scroller), .ladder-view > .toolbar { flex: 0 0 auto; }
.input-area { padding: 8px 10px 4px; }
.input-area vscode-textarea { width: 100%; }
.messages { padding: 0 10px; max-height: 7.5em; overflow: auto; }
.messages:empty { display: none; }
.messages .msg { padding: 2px 0; cursor: default; }
.messages .msg.error { color: var(--error); cursor: pointer; }
.messages .msg.note { color: var(--muted); }
.summary { padding: 4px 10px 6px; font-family: var(--mono); font-size: var(--mono-size); overflow-wrap: anywhere; }
.summary:empty { display: none; }
/* Beside the fields, or under them when the tab is too narrow for both (the page sets .stacked, columns.ts says when). */
.panes { flex: 1 1 auto; min-height: 0; display: grid; grid-template-columns: minmax(0, 1fr) auto; grid-template-rows: minmax(0, 1fr); border-top: 1px solid var(--border); }
.panes:not(.stacked) > .hex-pane { border-top: none; border-left: 1px solid var(--border); }
.panes.stacked { grid-template-columns: minmax(0, 1fr); grid-template-rows: minmax(0, 3fr) minmax(0, 2fr); }
.empty { padding: 16px 10px; color: var(--muted); }

.fields { overflow: auto; outline: none; }
.fields:focus-visible { outline: 1px solid var(--vscode-focusBorder); outline-offset: -1px; }
/* --cols is set by the page (columns.ts: Field and Value as dragged, Meaning the rest, Offset and Length fixed); min-width 496px = the columns' minimums, below which the table scrolls sideways. */
.frow { display: grid; grid-template-columns: var(--cols, 200px 240px minmax(140px, 1fr) 72px 68px); min-width: 496px; align-items: start; min-height: var(--row-h); cursor: default; border: 1px solid transparent; }
.frow.head { position: sticky; top: 0; z-index: 1; background: var(--vscode-editor-background); color: var(--muted); border-bottom: 1px solid var(--border); font-weight: 600; align-items: center; }
/* Nothing is cut: names, values and meanings wrap (a long value anywhere, as an address has no spaces). */
.frow > .c { padding: 1px 8px; min-width: 0; overflow-wrap: anywhere; line-height: 1.45; }
.frow > .c.num { text-align: right; white-space: nowrap; font-family: var(--mono); font-size: var(--mono-size); color: var(--muted); }
.frow.head > .c.num { font-family: inherit; font-size: inherit; }
.frow > .c.value { font-family: var(--mono); font-size: var(--mono-size); white-space: pre-wrap; }
.frow > .c.meaning { font-family: var(--mono); font-size: var(--mono-size); }
.frow > .c.name { display: flex; align-items: baseline; }
.frow > .c.name > .label { min-width: 0; }
.frow .twisty { flex: 0 0 auto; display: inline-block; width: 14px; text-align: center; color: var(--muted); }
.frow.head > .c { position: relative; white-space: nowrap; }
.frow.head .grip { position: absolute; top: 0; bottom: 0; right: 0; width: 6px; z-index: 2; cursor: col-resize; border-right: 1px solid var(--border); box-sizing: border-box; touch-action: none; }
.frow.head .grip:hover, .frow.head .grip.dragging, .frow.head .grip:focus-visible { background: var(--vscode-sash-hoverBorder, var(--vscode-focusBorder)); outline: none; }
.toolbar vscode-textfield[data-testid="field-filter"] { min-width: 160px; flex: 0 1 260px; }
.frow:not(.head):hover { background: var(--hover-bg); }
.frow:not(.head).selected { background: var(--sel-bg); border-color: var(--hc-border); }
.frow:not(.head).hl { background: var(--hl-bg); color: var(--vscode-editor-selectionForeground, currentColor); outline: 1px dashed var(--hc-border); }
.frow.problem { display: block; color: var(--error); font-family: var(--mono); font-size: var(--mono-size); padding: 2px 8px; white-space: normal; background: var(--vscode-inputValidation-errorBackground, transparent); border-left: 3px solid var(--error); }
.frow.has-problem > .c:first-child .label { text-decoration: underline wavy var(--error); }

.hex-pane { overflow: auto; border-top: 1px solid var(--border); padding: 4px 0; }
.hex { font-family: var(--mono); font-size: var(--mono-size); line-height: 1.45; white-space: pre; padding: 0 10px; }
.hex .line { display: flex; }
.hex .off { color: var(--vscode-editorLineNumber-foreground, var(--muted)); margin-right: 14px; user-select: none; }
.hex .bytes { margin-right: 14px; }
.hex .b, .hex .a { cursor: default; border-radius: 2px; }
.hex .b { padding: 0 2px; }
.hex .gap { display: inline-block; width: 8px; }
.hex .a { color: var(--muted); }
.hex .a.printable { color: inherit; }
.hex .b.hl, .hex .a.hl { background: var(--hl-bg); color: var(--vscode-editor-selectionForeground, currentColor); outline: 1px solid var(--hc-border); }
.hex .bad { color: var(--error); text-decoration: underline wavy var(--error); }
.hex .hover { outline: 1px solid var(--vscode-focusBorder, currentColor); }

/* ---- capture tab ---- */
.capture-list { flex: 1 1 auto; min-height: 0; display: flex; flex-direction: column; }
.crow { display: grid; grid-template-columns: 124px minmax(100px, 1fr) 28px minmax(160px, 1.3fr) 80px minmax(150px, 1.2fr) minmax(130px, 1fr); align-items: center; height: var(--row-h); box-sizing: border-box; cursor: default; }
.crow > span { padding: 0 8px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.crow .num { font-family: var(--mono); font-size: var(--mono-size); text-align: right; }
.crow .rtt { font-family: var(--mono); font-size: var(--mono-size); }
.crow .time { font-family: var(--mono); font-size: var(--mono-size); color: var(--muted); }
.crow .dir { text-align: center; font-weight: 600; }
.crow .dir.out { color: var(--vscode-charts-blue, #3794ff); }
.crow .dir.in { color: var(--vscode-charts-green, #89d185); }
/* An analyser proxy's rows name their leg ('SMSC → proxy'): the direction column widens for them. */
.capture.legs .crow { grid-template-columns: 124px minmax(100px, 1fr) 116px minmax(160px, 1.3fr) 80px minmax(150px, 1.2fr) minmax(130px, 1fr); }
.crow .dir.leg { text-align: left; font-weight: 400; }
.crow .fail { color: var(--error); }
.crow .warn { color: var(--warning); font-weight: 600; }
.crow.head { color: var(--muted); font-weight: 600; border-bottom: 1px solid var(--border); flex: 0 0 auto; }
.crow.unanswered { box-shadow: inset 3px 0 0 var(--warning); }
.scroller { flex: 1 1 auto; min-height: 0; overflow-y: auto; overflow-x: hidden; position: relative; outline: none; }
.scroller:focus-visible { outline: 1px solid var(--vscode-focusBorder); outline-offset: -1px; }
.spacer { position: relative; width: 100%; }
.window { position: absolute; left: 0; right: 0; top: 0; }
.crow.body:hover { background: var(--hover-bg); }
.crow.body.selected { background: var(--vscode-list-activeSelectionBackground, var(--hl-bg)); color: var(--vscode-list-activeSelectionForeground, inherit); outline: 1px solid var(--hc-border); }
.crow.body.partner { background: var(--sel-bg); }
.status-line { padding: 3px 10px; color: var(--muted); border-top: 1px solid var(--border); }

/* ---- messages tab ---- */
.messages-view { flex: 1 1 auto; min-height: 0; display: flex; flex-direction: column; }
.messages-view > :not(.mlist) { flex: 0 0 auto; }
.mlist { flex: 1 1 auto; min-height: 0; overflow: auto; outline: none; }
.mlist:focus-visible { outline: 1px solid var(--vscode-focusBorder); outline-offset: -1px; }
.mrow { display: grid; grid-template-columns: minmax(150px, 1.1fr) minmax(100px, 0.9fr) minmax(200px, 1.4fr) 120px minmax(160px, 2fr) minmax(100px, 1fr) 120px 140px; align-items: center; min-height: var(--row-h); box-sizing: border-box; cursor: default; }
.mrow > span { padding: 0 8px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; line-height: 1.45; }
.mrow.head { color: var(--muted); font-weight: 600; border-bottom: 1px solid var(--border); }
.mrow .num { font-family: var(--mono); font-size: var(--mono-size); text-align: right; }
.mrow .mono { font-family: var(--mono); font-size: var(--mono-size); }
.mrow .warn { color: var(--warning); font-weight: 600; }
.mrow.body { border-bottom: 1px solid transparent; cursor: pointer; }
.mrow.body:hover { background: var(--hover-bg); }
.mrow.body.open { background: var(--sel-bg); outline: 1px solid var(--hc-border); }
.mrow.body:focus-visible { outline: 1px solid var(--vscode-focusBorder); outline-offset: -1px; }
.state { font-weight: 600; }
.state.ok { color: var(--vscode-charts-green, #89d185); }
.state.fail { color: var(--error); }
.state.wait { color: var(--warning); }
.mdetails { padding: 4px 10px 8px 28px; border-bottom: 1px solid var(--border); background: var(--vscode-editorWidget-background, transparent); }
.mdetails .about { color: var(--muted); padding: 2px 0; }
.mdetails .msg.error { color: var(--error); }
.mdetails .fulltext { font-family: var(--mono); font-size: var(--mono-size); white-space: pre-wrap; word-break: break-word; padding: 4px 0 6px; }
.mpart { display: flex; flex-wrap: wrap; align-items: baseline; gap: 2px 12px; padding: 2px 0; }
.mpart.dup { opacity: 0.8; }
.mpart .plabel { font-weight: 600; min-width: 7em; }
.mpart .ptext { color: var(--muted); font-family: var(--mono); font-size: var(--mono-size); }
.mpart .receipt { display: inline-flex; gap: 8px; }
a.pdu { color: var(--vscode-textLink-foreground, #3794ff); text-decoration: none; font-family: var(--mono); font-size: var(--mono-size); }
a.pdu:hover, a.pdu:focus-visible { text-decoration: underline; color: var(--vscode-textLink-activeForeground, #3794ff); }

/* ---- reassembly in the decoder tab ---- */
.reassembly { padding: 2px 10px 6px; }
.reassembly:empty { display: none; }
.reassembly .rmsg { padding: 2px 0; }
.reassembly .rhead { color: var(--muted); }
.reassembly .rhead .warn { color: var(--warning); font-weight: 600; }
.reassembly .msg.error { color: var(--error); }
.reassembly .rtext { font-family: var(--mono); font-size: var(--mono-size); white-space: pre-wrap; word-break: break-word; }
.reassembly a.pdu { margin-right: 6px; }

/* ---- sequence diagram ---- */
.ladder-wrap { flex: 1 1 auto; min-height: 0; overflow: auto; }
.ladder { display: block; font-family: var(--mono); font-size: 12px; }
.ladder-heads { position: sticky; top: 0; z-index: 1; background: var(--vscode-editor-background); border-bottom: 1px solid var(--border); }
.ladder .lifeline { stroke: var(--muted); stroke-width: 1; stroke-dasharray: 4 3; }
.ladder .proxy-band { fill: var(--hover-bg); opacity: 0.5; stroke: none; }
.ladder .head rect { fill: var(--vscode-editorWidget-background, var(--vscode-editor-background)); stroke: var(--vscode-editorWidget-border, var(--muted)); }
.ladder .head text { fill: var(--vscode-editor-foreground); font-weight: 600; text-anchor: middle; }
.ladder .time { fill: var(--muted); }
.ladder .arrow line { stroke: var(--vscode-editor-foreground); stroke-width: 1.4; }
.ladder .arrow text { fill: var(--vscode-editor-foreground); }
.ladder .arrow .tip { fill: var(--vscode-editor-foreground); }
.ladder .arrow.response line { stroke-dasharray: 6 3; }
.ladder .arrow.failed line, .ladder .arrow.failed .tip { stroke: var(--error); fill: var(--error); }
.ladder .arrow.failed text { fill: var(--error); }
.ladder .arrow.unanswered line { stroke: var(--warning); }
.ladder .arrow.unanswered .tip, .ladder .arrow.unanswered text { fill: var(--warning); }
.ladder .arrow .hit { stroke: transparent; stroke-width: 14; stroke-dasharray: none; }
.ladder .arrow { cursor: pointer; }
.ladder .arrow:hover text, .ladder .arrow.lit text { font-weight: 700; }
.ladder .arrow.lit line:not(.hit) { stroke-width: 2.4; }
.ladder .link { fill: none; stroke-width: 1.5; }
.ladder .link.lit { stroke-width: 3; }
.ladder .c0 { stroke: var(--vscode-charts-blue, #3794ff); }
.ladder .c1 { stroke: var(--vscode-charts-orange, #d18616); }
.ladder .c2 { stroke: var(--vscode-charts-green, #89d185); }
.ladder .c3 { stroke: var(--vscode-charts-purple, #b180d7); }
.ladder .band { fill: var(--hover-bg); opacity: 0; }
.ladder .arrow:hover .band, .ladder .arrow.lit .band { opacity: 1; }

/* High contrast: the selection colours are stark (white on black), so every part of a lit row takes the selection foreground. */
body.vscode-high-contrast .frow.hl, body.vscode-high-contrast-light .frow.hl,
body.vscode-high-contrast .hex .hl, body.vscode-high-contrast-light .hex .hl { outline-style: solid; }
body.vscode-high-contrast .frow:not(.head).hl *, body.vscode-high-contrast-light .frow:not(.head).hl * { color: var(--vscode-editor-selectionForeground, currentColor); }
`;

export function adoptStyles(doc: Document = document): void {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(CSS);
  doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
}
