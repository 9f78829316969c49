// dist/session.js: the SMPP session engine, loaded at the first bind. It is the extension host's
// one copy of src/smpp/session/esme.ts: the other bundles take that module from here (esbuild.js,
// ONE_COPY), so the load test's `instanceof SmppRequestError` knows the errors sessions throw.
// It also holds the step that binds a picked connection before a job (it runs just before a bind).
export * from '../smpp/session/esme';
export { submitText } from '../smpp/session/messaging';
export { countMessage } from '../smpp/split';
export { ensureBound } from '../commands/bindFirst';
