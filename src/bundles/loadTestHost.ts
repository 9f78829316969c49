// dist/loadtest-host.js: "SMPP: Run Load Test" past its registration (its questions, the run and
// its panel), loaded when the command first runs.
export { loadTests } from '../commands/loadTestRun';
