// `smpp-panel proxy FILE --connection NAME`: runs the analyser proxy of a connection with a `proxy`
// block, as the extension does: listening where the block says (or --listen), relaying each
// application's session to the connection's SMSC (its host and port, over TLS when it says, or
// its own built-in simulator). One line per PDU of both legs, batched as the simulator's log is
// (--quiet keeps connections, closes and warnings only). On SIGINT or SIGTERM it closes every
// session cleanly, writes the pcap of both legs when --pcap names a file (passwords masked unless
// --include-passwords), and exits 0. It exits 1 with the cause when it cannot listen or reach the SMSC.
import { writeFileSync } from 'node:fs';
import { parseConnectionFile, type ParsedConnection } from '../config/connectionFile';
import { fileErrorWords } from '../config/fileErrors';
import { PasswordError, resolveStaticPassword } from '../config/passwords';
import { maskSecrets, registerSecret } from '../config/secrets';
import { proxyOptions } from '../config/sessionOptions';
import { simulatorRunOptions } from '../config/simulatorOptions';
import { TlsFileError, type TlsConnectOptions } from '../config/tlsOptions';
import { CaptureStore, DEFAULT_CAPTURE_SIZE } from '../smpp/capture';
import { systemClock, type Clock } from '../smpp/link/clock';
import { tcpConnector, type Connector } from '../smpp/link/transport';
import { writePcap } from '../smpp/pcap';
import { attachProxyCapture } from '../smpp/proxy/capture';
import { SmppProxy } from '../smpp/proxy/proxy';
import type { Endpoint, ProxyPduEvent } from '../smpp/proxy/types';
import { startSimulator, type RunningSimulator } from '../smpp/simulator/embedded';
import { batchLines } from '../smpp/simulator/log';
import { statusName } from '../smpp/tables/values';
import { readConnectionFile, readTlsOptions } from './files';
import { untilStopped } from './untilStopped';

export const PROXY_USAGE = `usage: smpp-panel proxy <file.smpp.json> [--connection NAME] [--listen PORT] [--pcap OUT.pcap]
                        [--include-passwords] [--quiet]

Runs the analyser proxy of a connection that has a "proxy" block: your application binds to it,
and it relays each session to the connection's SMSC (or its built-in simulator), logging every
PDU of both legs. Ctrl+C (SIGINT) or SIGTERM ends every session cleanly and stops it.

options:
  --connection NAME      the connection (default: the file's only connection with a "proxy" block)
  --listen PORT          listen on this port instead of the block's "listen" (0 picks a free one)
  --pcap OUT.pcap        on stop, write both legs to this pcap file (the last ${DEFAULT_CAPTURE_SIZE.toLocaleString('en')} PDUs),
                         passwords in binds masked
  --include-passwords    keep the passwords in the pcap file
  --quiet                no line per PDU; connections, closes and warnings are still logged
`;

export interface ProxyCommandOptions {
  file: string;
  connection?: string;
  listen?: number;
  pcap?: string;
  includePasswords: boolean;
  quiet: boolean;
}

export type ParsedProxyArgs = { options: ProxyCommandOptions } | { help: true } | { error: string };

export function parseProxyArgs(args: readonly string[]): ParsedProxyArgs {
  const positional: string[] = [];
  const o: Omit<ProxyCommandOptions, 'file'> = { includePasswords: false, quiet: false };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--help' || arg === '-h') return { help: true };
    if (arg === '--include-passwords') o.includePasswords = true;
    else if (arg === '--quiet') o.quiet = true;
    else if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const flag = eq > 0 ? arg.slice(0, eq) : arg;
      const v = eq > 0 ? arg.slice(eq + 1) : args[++i];
      if (v === undefined || v === '') return { error: `${flag} needs a value` };
      if (flag === '--connection') o.connection = v;
      else if (flag === '--pcap') o.pcap = v;
      else if (flag === '--listen') {
        if (!/^\d+$/.test(v) || Number(v) > 65535) return { error: `--listen must be a port 0..65535, got ${JSON.stringify(v)}` };
        o.listen = Number(v);
      } else return { error: `unknown option ${JSON.stringify(arg)}` };
    } else positional.push(arg);
  }
  if (positional.length !== 1) return { error: positional.length === 0 ? 'name the connection file' : `one connection file, not ${positional.length}: ${positional.join(' ')}` };
  return { options: { file: positional[0]!, ...o } };
}

export interface ProxyRunIo {
  /** Writes to the output; false, as a stream's write, when its buffer is over its high-water mark. */
  out: (s: string) => unknown;
  onceDrain?: (listener: () => void) => void;
  err: (s: string) => void;
  /** Stops the proxy when aborted (besides SIGINT and SIGTERM). */
  signal?: AbortSignal;
  /** Called once listening. */
  onListening?: (address: Endpoint) => void;
  /** Listen for SIGINT and SIGTERM. Default true. */
  handleSignals?: boolean;
  clock?: Clock;
  env?: Record<string, string | undefined>;
}

function names(list: readonly ParsedConnection[]): string {
  return list.length === 0 ? '(none)' : list.map((c) => JSON.stringify(c.definition.name)).join(', ');
}

/** The connection to proxy, or what to print. */
function chooseConnection(o: ProxyCommandOptions): ParsedConnection | { error: string } {
  const read = readConnectionFile(o.file);
  if ('error' in read) return { error: read.error };
  const parsed = parseConnectionFile(read.text);
  const fileErrors = parsed.problems.filter((p) => p.severity === 'error');
  if (fileErrors.length > 0) return { error: fileErrors.map((p) => `${o.file}:${p.line}:${p.column}: error: ${p.message}`).join('\n') };
  const withProxy = parsed.connections.filter((c) => c.definition.proxy !== undefined);
  let chosen: ParsedConnection | undefined;
  if (o.connection !== undefined) {
    chosen = parsed.connections.find((c) => c.definition.name === o.connection);
    if (!chosen) return { error: `${o.file} has no connection named ${JSON.stringify(o.connection)}; it has ${names(parsed.connections)}` };
    if (!chosen.definition.proxy) return { error: `${o.file}: connection ${JSON.stringify(o.connection)} has no "proxy" block (add "proxy": { "listen": PORT }); these have one: ${names(withProxy)}` };
  } else if (withProxy.length === 1) chosen = withProxy[0];
  else return { error: withProxy.length === 0 ? `${o.file} has no connection with a "proxy" block` : `${o.file} has ${withProxy.length} connections with a "proxy" block; name one with --connection: ${names(withProxy)}` };
  const errors = chosen!.problems.filter((p) => p.severity === 'error');
  if (errors.length > 0) return { error: errors.map((p) => `${o.file}:${p.line}:${p.column}: error: ${p.message}`).join('\n') };
  return chosen!;
}

/** Opens one connection to the SMSC and closes it: undefined when it answers, else why not. */
async function probe(connector: Connector): Promise<string | undefined> {
  try {
    const transport = await connector();
    transport.destroy();
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

const PEER = { app: 'app', proxy: 'proxy', smsc: 'SMSC' } as const;

/** `[client 1] app → proxy submit_sm seq=2`, `[client 1] SMSC → proxy submit_sm_resp seq=7 ESME_ROK 3 ms`. */
export function formatProxyPdu(e: ProxyPduEvent): string {
  const status = e.command_id & 0x80000000 ? ` ${statusName(e.command_status)}` : '';
  const rtt = e.request ? ` ${e.request.rtt} ms` : '';
  return `[client ${e.client}] ${PEER[e.from]} → ${PEER[e.to]} ${e.command} seq=${e.sequence_number}${status}${rtt}`;
}

/** Runs until stopped; resolves with the exit code (0 stopped cleanly, 1 could not start or write the pcap, 2 usage). */
export async function runProxy(args: readonly string[], io: ProxyRunIo): Promise<number> {
  const parsed = parseProxyArgs(args);
  if ('error' in parsed) {
    io.err(`smpp-panel proxy: ${parsed.error}\n${PROXY_USAGE}`);
    return 2;
  }
  if ('help' in parsed) {
    io.out(PROXY_USAGE);
    return 0;
  }
  const o = parsed.options;
  const fail = (message: string): number => {
    io.err(`smpp-panel proxy: ${message}\n`);
    return 1;
  };
  const chosen = chooseConnection(o);
  if ('error' in chosen) return fail(chosen.error);
  const def = chosen.definition;
  const block = def.proxy!;
  const env = io.env ?? process.env;
  let credentials: { system_id: string; password: string } | undefined;
  if (block.rewriteCredentials) {
    let password: string | undefined;
    try {
      password = resolveStaticPassword(def.password, env);
    } catch (e) {
      if (e instanceof PasswordError) return fail(`${def.name}: ${e.message}`);
      throw e;
    }
    if (password === undefined) return fail(`${def.name}: the password is "\${prompt}", which only the VS Code extension can ask for; use "\${env:NAME}" to run from the command line`);
    registerSecret(password);
    credentials = { system_id: def.system_id, password };
  }

  // The SMSC side, as the extension opens it.
  let simulator: RunningSimulator | undefined;
  let connector: Connector;
  let endpoint: string;
  if (def.simulator) {
    try {
      simulator = await startSimulator(simulatorRunOptions(def.simulator, env));
    } catch (e) {
      return fail(`${def.name}: ${(e as Error).message}`);
    }
    connector = tcpConnector({ host: simulator.host, port: simulator.port });
    endpoint = `the built-in simulator on ${simulator.host}:${simulator.port}`;
  } else {
    let tls: TlsConnectOptions | false;
    try {
      tls = def.tls ? await readTlsOptions(def, o.file) : false;
    } catch (e) {
      if (e instanceof TlsFileError) return fail(e.message);
      throw e;
    }
    connector = tcpConnector({ host: def.host, port: def.port, tls, connectTimeout: def.responseTimeout * 1000 });
    endpoint = `${def.host}:${def.port}${def.tls ? ' (TLS)' : ''}`;
    const unreachable = await probe(connector);
    if (unreachable !== undefined) return fail(`${def.name}: cannot reach the SMSC at ${endpoint}: ${unreachable}`);
  }

  const clock = io.clock ?? systemClock();
  const proxy = new SmppProxy({ ...proxyOptions(def, block), ...(o.listen === undefined ? {} : { port: o.listen }), upstream: connector, credentials, clock });
  const capture = o.pcap === undefined ? undefined : new CaptureStore();
  const detachCapture = capture ? attachProxyCapture(proxy, capture, def.name) : undefined;
  const lines = batchLines({ write: io.out, onceDrain: io.onceDrain });
  let stampedAt = NaN;
  let stamp = '';
  const log = (line: string): void => {
    const now = clock.now();
    if (now !== stampedAt) {
      stampedAt = now;
      stamp = new Date(now).toISOString();
    }
    lines.line(`${stamp} ${maskSecrets(line)}`);
  };
  proxy.on('client', (c) => log(`[client ${c.id}] application connected from ${c.remote}`));
  proxy.on('clientClosed', (e) => log(`[client ${e.info.id}] closed: ${e.cause}`));
  proxy.on('warning', (w) => log(`${w.client !== undefined ? `[client ${w.client}] ` : ''}warning: ${w.message}`));
  if (!o.quiet) proxy.on('pdu', (e) => log(formatProxyPdu(e)));

  let address: Endpoint;
  try {
    address = await proxy.listen();
  } catch (e) {
    detachCapture?.();
    await proxy.close();
    await simulator?.close();
    lines.flush();
    return fail(`${def.name}: ${(e as Error).message}`);
  }
  io.out(`Analyser proxy ${JSON.stringify(def.name)} listening on ${address.host}:${address.port}, relaying to ${endpoint}${credentials ? ", binds sent on with the connection's credentials" : ''}${o.pcap ? `; the pcap goes to ${o.pcap} on stop` : ''}. Ctrl+C stops it.\n`);
  io.onListening?.(address);

  const why = await untilStopped(io);
  await proxy.close();
  detachCapture?.();
  await simulator?.close();
  lines.flush();
  let code = 0;
  if (capture && o.pcap !== undefined) {
    const records = capture.records();
    try {
      writeFileSync(o.pcap, writePcap(records, { maskPasswords: !o.includePasswords }));
      io.out(`Wrote ${records.length} PDU${records.length === 1 ? '' : 's'} of both legs to ${o.pcap}${o.includePasswords ? ' (passwords included)' : ' (passwords masked)'}.\n`);
    } catch (e) {
      code = fail(`cannot write ${o.pcap}: ${fileErrorWords(e)}`);
    }
  }
  io.out(`Analyser proxy stopped (${why}).\n`);
  return code;
}

/** For `main()`: runs the proxy until a signal stops it; resolves with the exit code. */
export function proxyCommand(args: readonly string[], out: (s: string) => unknown, err: (s: string) => void): Promise<number> {
  return runProxy(args, { out, err, onceDrain: (listener) => process.stdout.once('drain', listener) });
}
