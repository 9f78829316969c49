// dist/editor.js: the CodeLens of connection files and the request file language (completion,
// hover, diagnostics, CodeLens, Send, Copy as code), loaded when the first request or connection
// file opens in an editor, or a request command first runs.
export { editorFeatures } from '../editor/requestFile/features';
export { copyConnectionAsCode } from '../commands/copyAsCodeRun';
