// One activation in a fresh Node process, for bench/activation.bench.ts (which bundles this file
// and runs it): `vscode` is a stub with what activate() uses, the extension's production bundle is
// required and activated, and one JSON line says how long each took and which of the bundle's
// files were loaded by then. A namespace member the stub lacks throws, naming it.
import Module, { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';

interface Disposable {
  dispose(): void;
}

const disposable = (): Disposable => ({ dispose: () => undefined });
const event = () => (): Disposable => disposable();

class EventEmitter<T> {
  private readonly listeners = new Set<(e: T) => void>();
  readonly event = (listener: (e: T) => void): Disposable => {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  };
  fire(e: T): void {
    for (const l of [...this.listeners]) l(e);
  }
  dispose(): void {
    this.listeners.clear();
  }
}

class Uri {
  private constructor(
    readonly scheme: string,
    readonly path: string,
  ) {}
  static file(path: string): Uri {
    return new Uri('file', path);
  }
  static joinPath(base: Uri, ...parts: string[]): Uri {
    return new Uri(base.scheme, join(base.path, ...parts));
  }
  get fsPath(): string {
    return this.path;
  }
  toString(): string {
    return `${this.scheme}://${this.path}`;
  }
}

/** A namespace of the stub: reading a member it does not have throws, so the bench names what to add. */
function namespace<T extends object>(name: string, members: T): T {
  return new Proxy(members, {
    get(target, key) {
      if (typeof key === 'symbol' || key in target) return Reflect.get(target, key);
      throw new Error(`the vscode stub has no ${name}.${key}: add it to bench/activationHost.ts`);
    },
  });
}

const channel = { info: () => undefined, warn: () => undefined, error: () => undefined, debug: () => undefined, trace: () => undefined, show: () => undefined, dispose: () => undefined };

const vscode = {
  version: '1.100.0',
  Uri,
  EventEmitter,
  Disposable: class {
    constructor(private readonly callOnDispose: () => void) {}
    dispose(): void {
      this.callOnDispose();
    }
  },
  ThemeColor: class {
    constructor(readonly id: string) {}
  },
  ThemeIcon: class {
    constructor(readonly id: string) {}
  },
  StatusBarAlignment: { Left: 1, Right: 2 },
  window: namespace('window', {
    activeTextEditor: undefined,
    createOutputChannel: () => channel,
    createTreeView: () => disposable(),
    registerTreeDataProvider: () => disposable(),
    createStatusBarItem: () => ({ show: () => undefined, hide: () => undefined, dispose: () => undefined }),
    registerWebviewPanelSerializer: () => disposable(),
  }),
  workspace: namespace('workspace', {
    isTrusted: true,
    workspaceFolders: [],
    getConfiguration: () => ({ get: <T>(_key: string, fallback: T): T => fallback }),
    findFiles: () => Promise.resolve([]),
    createFileSystemWatcher: () => ({ onDidCreate: event(), onDidChange: event(), onDidDelete: event(), dispose: () => undefined }),
    onDidChangeWorkspaceFolders: event(),
    onDidGrantWorkspaceTrust: event(),
  }),
  languages: namespace('languages', {
    registerHoverProvider: () => disposable(),
    createDiagnosticCollection: () => ({ set: () => undefined, clear: () => undefined, delete: () => undefined, dispose: () => undefined }),
  }),
  commands: namespace('commands', {
    registerCommand: () => disposable(),
    executeCommand: () => Promise.resolve(undefined),
  }),
};

const loader = Module as unknown as { _load(request: string, parent: unknown, isMain: boolean): unknown };
const load = loader._load;
loader._load = function (request, parent, isMain) {
  return request === 'vscode' ? vscode : load.call(this, request, parent, isMain);
};

// The extension host has these loaded before any extension (its proxy support patches net and
// tls), so loading them here would count what VS Code never charges to the extension.
for (const builtin of ['node:events', 'node:net', 'node:tls', 'node:os']) createRequire(__filename)(builtin);

const bundle = process.argv[2];
if (!bundle) throw new Error('usage: node activationHost.js <dist/extension.js>');
const context = {
  subscriptions: [] as Disposable[],
  extensionUri: Uri.file(dirname(dirname(bundle))),
  secrets: { get: () => Promise.resolve(undefined), store: () => Promise.resolve(), delete: () => Promise.resolve(), onDidChange: event() },
  workspaceState: { get: () => undefined, update: () => Promise.resolve(), keys: () => [] },
};

const start = performance.now();
const extension = createRequire(__filename)(bundle) as { activate(context: unknown): void };
const required = performance.now();
extension.activate(context);
const activated = performance.now();

// What the model does right after activate() (finding the workspace's files) runs, then the
// bundle files loaded so far are listed.
setImmediate(() => {
  const folder = dirname(bundle);
  const loaded = Object.keys(require.cache).filter((f) => dirname(f) === folder);
  console.log(JSON.stringify({ requireMs: required - start, activateMs: activated - required, loaded }));
  // The view's once-a-second refresh would keep the process alive.
  process.exit(0);
});
