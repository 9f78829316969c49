// The parts of the extension host that load at first use, not at activation. Each is a bundle of
// its own beside dist/extension.js (esbuild.js builds dist/<name>.js from src/bundles/<entry>.ts),
// required the first time a command, the view, a hover or a panel needs it. Node keeps a module
// once it is loaded, so later calls cost a lookup. Elsewhere only their types are imported
// (`import type`), which leaves no code in extension.js.
import type * as Decoder from './bundles/decoder';
import type * as Editor from './bundles/editor';
import type * as LoadTestHost from './bundles/loadTestHost';
import type * as Proxy from './bundles/proxy';
import type * as Session from './bundles/session';
import type * as Simulator from './bundles/simulator';

/* eslint-disable @typescript-eslint/no-require-imports -- loaded by path at first use; esbuild.js keeps these requires as written */
export const lazy = {
  /** The session engine: the first bind, submit or load test. */
  session: (): typeof Session => require('./session.js'),
  /** The SMSC simulator: the simulator command, or a connection to a `simulator` definition. */
  simulator: (): typeof Simulator => require('./simulator.js'),
  /** The analyser proxy: the first proxy started. */
  proxy: (): typeof Proxy => require('./proxy.js'),
  /** The load test's questions, run and panel. */
  loadTest: (): typeof LoadTestHost => require('./loadtest-host.js'),
  /** The PDU decoder panel, the capture's pcap export and the hex hover (the codec and its field tree). */
  decoder: (): typeof Decoder => require('./decoder.js'),
  /** The CodeLens of connection files and the request file language: the first such file opened, or a request command. */
  editor: (): typeof Editor => require('./editor.js'),
};
/* eslint-enable @typescript-eslint/no-require-imports */
