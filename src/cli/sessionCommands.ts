// `smpp-panel enquire-link` and `smpp-panel submit`: bind as a connection file says, do one
// thing, unbind, and exit 0, or print the cause and exit non-zero (an unbind left unanswered too).
import { parseConnectionFile, type ConnectionDefinition } from '../config/connectionFile';
import { CONCATENATION_METHOD, sessionOptions, submissionProfile } from '../config/sessionOptions';
import { PasswordError, resolveStaticPassword } from '../config/passwords';
import { maskSecrets, registerSecret } from '../config/secrets';
import { simulatorRunOptions } from '../config/simulatorOptions';
import { TlsFileError, type TlsConnectOptions } from '../config/tlsOptions';
import { EsmeSession, type EsmeOptions, type PduEvent } from '../smpp/session/esme';
import { submitText, type Dcs0 } from '../smpp/session/messaging';
import { parseTlvAssignments, type TlvDictionary, type TlvInput } from '../smpp/codec';
import { tcpConnector, type Connector } from '../smpp/link/transport';
import { startSimulator, type RunningSimulator } from '../smpp/simulator/embedded';
import { statusName } from '../smpp/tables/values';
import { parseReceipt } from '../smpp/receipt';
import { decodeText } from '../smpp/text/index';
import { readConnectionFile, readTlsOptions } from './files';

export type Out = (s: string) => void;

export interface ParsedArgs {
  positional: string[];
  flags: Map<string, string | true>;
}

export function parseArgs(args: string[], booleans: ReadonlySet<string> = new Set()): ParsedArgs {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      if (eq > 0) flags.set(a.slice(2, eq), a.slice(eq + 1));
      else if (booleans.has(a.slice(2)) || i + 1 >= args.length || args[i + 1].startsWith('--')) flags.set(a.slice(2), true);
      else flags.set(a.slice(2), args[++i]);
    } else positional.push(a);
  }
  return { positional, flags };
}

export interface Opened {
  session: EsmeSession;
  definition: ConnectionDefinition;
  /** The file's vendor TLV dictionary, when it declares one. */
  tlvs?: TlvDictionary;
  simulator?: RunningSimulator;
  close(): Promise<void>;
}

/** Session options that override the connection's own (the load test's window, say). */
export type SessionOverrides = Partial<Omit<EsmeOptions, 'connector' | 'bind'>>;

/**
 * Picks the connection from a file, resolves its password, starts a simulator if it asks for
 * one, and makes (does not bind) its session. Problems are printed to `err`; undefined then.
 */
export async function openConnection(file: string, name: string | undefined, err: Out, verbose: boolean, overrides: SessionOverrides = {}): Promise<Opened | undefined> {
  const read = readConnectionFile(file);
  if ('error' in read) {
    err(`${read.error}\n`);
    return undefined;
  }
  const parsed = parseConnectionFile(read.text);
  for (const p of parsed.problems) err(`${file}:${p.line}:${p.column}: ${p.severity}: ${p.message}\n`);
  if (parsed.problems.some((p) => p.severity === 'error')) return undefined;
  const candidates = parsed.connections;
  const chosen = name === undefined ? (candidates.length === 1 ? candidates[0] : undefined) : candidates.find((c) => c.definition.name === name);
  if (!chosen) {
    const names = candidates.map((c) => JSON.stringify(c.definition.name)).join(', ') || '(none)';
    err(name === undefined ? `${file} holds several connections; pick one with --connection NAME: ${names}\n` : `${file} has no connection named ${JSON.stringify(name)}; it has ${names}\n`);
    return undefined;
  }
  const errors = chosen.problems.filter((p) => p.severity === 'error');
  for (const p of errors) err(`${file}:${p.line}:${p.column}: error: ${p.message}\n`);
  if (errors.length) return undefined;
  const def = chosen.definition;
  let password: string | undefined;
  try {
    password = resolveStaticPassword(def.password, process.env);
  } catch (e) {
    if (e instanceof PasswordError) {
      err(`${def.name}: ${e.message}\n`);
      return undefined;
    }
    throw e;
  }
  if (password === undefined) {
    err(`${def.name}: the password is "\${prompt}", which only the VS Code extension can ask for; use "\${env:NAME}" to run from the command line\n`);
    return undefined;
  }
  registerSecret(password);
  let simulator: RunningSimulator | undefined;
  let connector: Connector;
  if (def.simulator) {
    try {
      simulator = await startSimulator(simulatorRunOptions(def.simulator, process.env));
    } catch (e) {
      if (!(e instanceof PasswordError)) throw e;
      err(`${def.name}: ${e.message}\n`);
      return undefined;
    }
    connector = tcpConnector({ host: simulator.host, port: simulator.port });
  } else {
    let tls: TlsConnectOptions | false;
    try {
      tls = def.tls ? await readTlsOptions(def, file) : false;
    } catch (e) {
      if (!(e instanceof TlsFileError)) throw e;
      err(`${e.message}\n`);
      return undefined;
    }
    connector = tcpConnector({ host: def.host, port: def.port, tls, connectTimeout: def.responseTimeout * 1000 });
  }
  const session = new EsmeSession({ connector, ...sessionOptions(def, password), reconnect: false, ...overrides });
  if (verbose) {
    session.on('pdu', (e: PduEvent) => err(maskSecrets(`${e.direction === 'out' ? '→' : '←'} ${e.command} seq=${e.sequence_number}${e.command_id & 0x80000000 ? ` ${statusName(e.command_status)}` : ''}${e.request ? ` ${e.request.rtt} ms` : ''}\n`)));
  }
  return {
    session,
    definition: def,
    ...(chosen.tlvs ? { tlvs: chosen.tlvs } : {}),
    simulator,
    close: async () => {
      session.close();
      await simulator?.close();
    },
  };
}

/** Runs `work` on an opened connection: a failure prints as `NAME: cause` and exits 1; the connection always closes. */
export async function withConnection(o: Opened, err: Out, work: () => Promise<number>): Promise<number> {
  try {
    return await work();
  } catch (e) {
    err(`${o.definition.name}: ${(e as Error).message}\n`);
    return 1;
  } finally {
    await o.close();
  }
}

/** Unbinds: 0, or 1 after saying so when no unbind_resp answered (the connection is closed either way). */
export async function unbind(o: Opened, err: Out): Promise<number> {
  const { problem } = await o.session.unbind();
  if (problem === undefined) return 0;
  err(`${o.definition.name}: ${problem}\n`);
  return 1;
}

export function where(o: Opened): string {
  return o.simulator ? `the built-in simulator on ${o.simulator.host}:${o.simulator.port}` : `${o.definition.host}:${o.definition.port}`;
}

export async function enquireLinkCommand(args: string[], out: Out, err: Out): Promise<number> {
  const { positional, flags } = parseArgs(args, new Set(['verbose']));
  if (positional.length !== 1) {
    err('usage: smpp-panel enquire-link <file.smpp.json> [--connection NAME] [--verbose]\n');
    return 2;
  }
  const o = await openConnection(positional[0], flags.get('connection') as string | undefined, err, flags.has('verbose'));
  if (!o) return 1;
  return withConnection(o, err, async () => {
    await o.session.bind();
    out(`${o.definition.name}: ${o.session.state} at ${where(o)}\n`);
    const rtt = await o.session.enquireLink();
    out(`enquire_link_resp in ${rtt} ms\n`);
    return unbind(o, err);
  });
}

export const SUBMIT_USAGE =
  'usage: smpp-panel submit <file.smpp.json> --connection NAME --to NUMBER --text TEXT [--from X] [--receipt] [--receipt-timeout S]\n' +
  '                         [--tlv NAME=VALUE]... [--concat udh8|udh16|sar|payload] [--dcs0 gsm7|latin1|ascii]\n';

const CONCAT = Object.keys(CONCATENATION_METHOD) as (keyof typeof CONCATENATION_METHOD)[];
const DCS0: readonly Dcs0[] = ['gsm7', 'latin1', 'ascii'];

/** Takes every `--tlv X` / `--tlv=X` out of args (it may be given many times). */
function takeRepeated(args: string[], flag: string): { rest: string[]; values: string[] } | { error: string } {
  const rest: string[] = [];
  const values: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === `--${flag}`) {
      if (i + 1 >= args.length) return { error: `--${flag} needs a value (NAME=VALUE)` };
      values.push(args[++i]);
    } else if (a.startsWith(`--${flag}=`)) values.push(a.slice(flag.length + 3));
    else rest.push(a);
  }
  return { rest, values };
}

export async function submitCommand(args: string[], out: Out, err: Out): Promise<number> {
  const taken = takeRepeated(args, 'tlv');
  if ('error' in taken) {
    err(`smpp-panel submit: ${taken.error}\n${SUBMIT_USAGE}`);
    return 2;
  }
  const { positional, flags } = parseArgs(taken.rest, new Set(['receipt', 'verbose']));
  const to = flags.get('to');
  const text = flags.get('text');
  if (positional.length !== 1 || typeof to !== 'string' || typeof text !== 'string') {
    err(SUBMIT_USAGE);
    return 2;
  }
  const concat = flags.get('concat');
  if (concat !== undefined && !(CONCAT as readonly unknown[]).includes(concat)) {
    err(`smpp-panel submit: --concat takes one of ${CONCAT.join(', ')}${typeof concat === 'string' ? `, not "${concat}"` : ''}\n`);
    return 2;
  }
  const dcs0 = flags.get('dcs0');
  if (dcs0 !== undefined && !(DCS0 as readonly unknown[]).includes(dcs0)) {
    err(`smpp-panel submit: --dcs0 takes one of ${DCS0.join(', ')}${typeof dcs0 === 'string' ? `, not "${dcs0}"` : ''}\n`);
    return 2;
  }
  const o = await openConnection(positional[0], flags.get('connection') as string | undefined, err, flags.has('verbose'));
  if (!o) return 1;
  // TLVs by name: the spec's, and the vendor TLVs of the connection file's "tlvs".
  const tlvs: TlvInput[] = [];
  for (const v of taken.values) {
    const parsed = parseTlvAssignments(v, o.tlvs);
    for (const p of parsed.problems) err(`smpp-panel submit: --tlv ${p}\n`);
    if (parsed.problems.length > 0) {
      await o.close();
      return 2;
    }
    tlvs.push(...parsed.tlvs);
  }
  // The connection's profile, unless the command line says otherwise.
  const profile = submissionProfile(o.definition.profile);
  if (typeof concat === 'string') profile.method = CONCATENATION_METHOD[concat as keyof typeof CONCATENATION_METHOD];
  if (typeof dcs0 === 'string') profile.dcs0 = dcs0 as Dcs0;
  const wantReceipt = flags.has('receipt');
  const receiptTimeout = Number(flags.get('receipt-timeout') ?? 60) * 1000;
  return withConnection(o, err, async () => {
    if (wantReceipt && o.definition.bind !== 'transceiver') {
      err(`${o.definition.name}: --receipt needs a transceiver bind to receive the receipt on the same session (this one binds as ${o.definition.bind})\n`);
      return 2;
    }
    if (o.definition.bind === 'receiver') {
      err(`${o.definition.name}: binds as a receiver, which cannot submit\n`);
      return 2;
    }
    await o.session.bind();
    const receipts = new Map<string, string>();
    let receiptArrived: (() => void) | undefined;
    o.session.on('deliver', (pdu) => {
      const body = pdu.body as { esm_class?: number; short_message?: Uint8Array; data_coding?: number };
      const tlvId = pdu.tlvs.find((t) => t.name === 'receipted_message_id')?.value;
      const txt = body.short_message ? decodeText(body.short_message, body.data_coding ?? 0, { dcs0: 'ascii' }).text : '';
      const id = typeof tlvId === 'string' ? tlvId : parseReceipt(txt)?.id;
      if (id !== undefined) receipts.set(id.toUpperCase(), txt);
      receiptArrived?.();
    });
    const result = await submitText(o.session, {
      to,
      text,
      from: typeof flags.get('from') === 'string' ? (flags.get('from') as string) : '',
      receipt: wantReceipt,
      ...profile,
      ...(tlvs.length > 0 ? { tlvs } : {}),
      ...(o.tlvs ? { dictionary: o.tlvs } : {}),
    });
    out(`${result.plan.partCount} part(s), ${result.alphabet}, data_coding 0x${result.plan.dataCoding.toString(16).padStart(2, '0')}\n`);
    for (const [i, p] of result.parts.entries()) out(`part ${i + 1}: message_id ${p.messageId} (${p.rtt} ms)\n`);
    if (wantReceipt) {
      const ids = result.parts.map((p) => p.messageId.toUpperCase());
      const done = (): boolean => ids.every((id) => receipts.has(id));
      if (!done()) {
        const ok = await new Promise<boolean>((resolveWait) => {
          const timer = setTimeout(() => resolveWait(false), receiptTimeout);
          receiptArrived = () => {
            if (done()) {
              clearTimeout(timer);
              resolveWait(true);
            }
          };
        });
        if (!ok) {
          err(`no receipt for ${ids.filter((id) => !receipts.has(id)).join(', ')} within ${receiptTimeout / 1000} s\n`);
          await unbind(o, err);
          return 1;
        }
      }
      for (const id of ids) out(`receipt ${id}: ${receipts.get(id)}\n`);
    }
    return unbind(o, err);
  });
}
