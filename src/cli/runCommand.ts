// `smpp-panel run FILE.smpp [--connections FILE.smpp.json] [--junit OUT.xml]`: runs a request
// file's blocks in order against the connections of the `*.smpp.json` files beside it (or the one
// named), binding each connection once (a simulator connection with its own simulator), prints a
// line per block, and exits 0 when every block passed, 1 when one failed, 2 for usage and file
// errors (nothing is sent then).
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { parseConnectionFile, type ParsedConnectionFile } from '../config/connectionFile';
import { fileErrorWords } from '../config/fileErrors';
import { parseTlvDictionary, type TlvDictionary, type VendorTlvDefinition } from '../smpp/codec';
import { MAX_REQUEST_FILE_CHARS, parseRequestFile, runRequestFile, type BlockResult } from '../smpp/requests';
import type { EsmeSession } from '../smpp/session/esme';
import { readConnectionFile } from './files';
import { blockLabel, failureLines, junitReport } from './junit';
import { openConnection, parseArgs, unbind, type Opened, type Out } from './sessionCommands';

export const RUN_USAGE = 'usage: smpp-panel run <file.smpp> [--connections FILE.smpp.json] [--junit OUT.xml] [--verbose]\n';

/** A text file's content, or what to print when it cannot be read. */
function readText(path: string, max: number): { text: string } | { error: string } {
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) return { error: `${path}: cannot read: is a directory, not a file` };
    if (!stat.isFile()) return { error: `${path}: cannot read: not a regular file` };
    if (stat.size > max) return { error: `${path}: the file has ${stat.size} bytes; at most ${max} are read` };
    return { text: readFileSync(path, 'utf8') };
  } catch (e) {
    return { error: `${path}: cannot read: ${fileErrorWords(e)}` };
  }
}

/** The connection files to use: the one named, or every `*.smpp.json` beside the request file. */
function connectionFiles(requestFile: string, named: string | undefined): string[] | { error: string } {
  if (named !== undefined) return [named];
  const dir = dirname(resolve(requestFile));
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.smpp.json')).sort();
  } catch (e) {
    return { error: `${dir}: cannot list: ${fileErrorWords(e)}` };
  }
  if (names.length === 0) return { error: `no *.smpp.json file beside ${requestFile}; name one with --connections FILE` };
  return names.map((n) => join(dir, n));
}

/** The statuses of a block's responses: `ESME_ROK`, or `ESME_ROK ×2, ESME_RSUBMITFAIL ×1`. */
function statuses(r: BlockResult): string {
  const counts = new Map<string, number>();
  for (const s of r.sends) {
    const k = s.response?.statusName ?? 'no response';
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  if (counts.size === 0) return 'not sent';
  if (counts.size === 1 && r.sends.length === 1) return [...counts.keys()][0]!;
  return [...counts].map(([k, n]) => `${k} ×${n}`).join(', ');
}

function timing(r: BlockResult): string {
  const rtts = r.sends.flatMap((s) => (s.response ? [s.response.rtt] : []));
  if (rtts.length === 0) return `${r.durationMs} ms`;
  if (rtts.length === 1) return `${rtts[0]} ms`;
  const avg = Math.round(rtts.reduce((a, b) => a + b, 0) / rtts.length);
  return `avg ${avg} ms, max ${Math.max(...rtts)} ms, ${r.durationMs} ms in all`;
}

/** The line printed for a block, and the reasons it failed under it. */
export function blockLines(r: BlockResult): string {
  const what = `${r.command ?? '?'}${r.sends.length > 1 ? ` ×${r.sends.length}` : ''}`;
  const receipts = r.sends.flatMap((s) => s.receipts?.filter((x) => x.state !== 'ENROUTE').slice(-1) ?? []).map((x) => x.state);
  const receiptText = receipts.length === 0 ? '' : ` · receipt ${[...new Set(receipts)].join(', ')}`;
  const head = `${r.passed ? 'PASS' : 'FAIL'}  ${blockLabel(r)} · ${what} · ${statuses(r)}${receiptText} · ${timing(r)}`;
  const reasons = r.passed ? [] : failureLines(r).map((l) => `      ✗ ${l}`);
  return [head, ...reasons].join('\n') + '\n';
}

export async function runCommand(args: string[], out: Out, err: Out): Promise<number> {
  const { positional, flags } = parseArgs(args, new Set(['verbose']));
  const junit = flags.get('junit');
  const named = flags.get('connections');
  if (positional.length !== 1 || junit === true || named === true) {
    err(RUN_USAGE);
    return 2;
  }
  const file = positional[0]!;
  const read = readText(file, MAX_REQUEST_FILE_CHARS);
  if ('error' in read) {
    err(`${read.error}\n`);
    return 2;
  }
  const files = connectionFiles(file, named);
  if ('error' in files) {
    err(`smpp-panel run: ${files.error}\n`);
    return 2;
  }

  // Every connection by name, with the file it is in; a file with an error stops the run.
  const where = new Map<string, string>();
  const vendorTlvs: VendorTlvDefinition[] = [];
  for (const f of files) {
    const text = readConnectionFile(f);
    if ('error' in text) {
      err(`${text.error}\n`);
      return 2;
    }
    const parsed: ParsedConnectionFile = parseConnectionFile(text.text);
    const errors = [...parsed.problems, ...parsed.connections.flatMap((c) => c.problems)].filter((p) => p.severity === 'error');
    for (const p of errors) err(`${f}:${p.line}:${p.column}: error: ${p.message}\n`);
    if (errors.length > 0) return 2;
    for (const c of parsed.connections) if (!where.has(c.definition.name)) where.set(c.definition.name, f);
    if (parsed.tlvs) vendorTlvs.push(...parsed.tlvs.entries);
  }
  // The files' vendor TLVs together (a name two files both declare: the first).
  const dictionary: TlvDictionary | undefined = vendorTlvs.length === 0 ? undefined : parseTlvDictionary(vendorTlvs).dictionary;

  const requests = parseRequestFile(read.text, { connections: [...where.keys()], ...(dictionary ? { dictionary } : {}) });
  for (const p of requests.problems) err(`${file}:${p.line + 1}:${p.column + 1}: ${p.severity}: ${p.message}\n`);
  if (requests.problems.some((p) => p.severity === 'error')) return 2;
  if (requests.blocks.length === 0) {
    err(`${file}: no block to run (a block is a few name: value lines with pdu: …, after a ### line)\n`);
    return 2;
  }

  // Each connection is opened and bound once, the first time a block names it.
  const opened = new Map<string, Promise<Opened>>();
  const open = (name: string): Promise<Opened> => {
    let p = opened.get(name);
    if (p === undefined) {
      p = (async () => {
        const o = await openConnection(where.get(name)!, name, err, flags.has('verbose'));
        if (o === undefined) throw new Error(`${name}: the connection cannot be opened (see above)`);
        try {
          await o.session.bind();
        } catch (e) {
          await o.close();
          throw new Error(`${name}: bind failed: ${e instanceof Error ? e.message : String(e)}`);
        }
        return o;
      })();
      opened.set(name, p);
    }
    return p;
  };
  const nameOf = (connection: string | undefined): string => {
    if (connection !== undefined) return connection;
    if (where.size === 1) return [...where.keys()][0]!;
    throw new Error(`the block names no connection, and the connection files have several: ${[...where.keys()].map((n) => JSON.stringify(n)).join(', ')}`);
  };
  const known = new Map<string, Opened>();

  const startedAt = new Date();
  let results: BlockResult[];
  try {
    results = await runRequestFile(requests, {
      sessionFor: async (connection): Promise<EsmeSession> => {
        const name = nameOf(connection);
        const o = await open(name);
        known.set(name, o);
        return o.session;
      },
      contextFor: (connection) => {
        const o = known.get(connection ?? [...where.keys()][0]!);
        return { ...(o?.tlvs ? { dictionary: o.tlvs } : dictionary ? { dictionary } : {}), ...(o ? { dcs0: o.definition.profile.dcs0 } : {}) };
      },
      context: { env: process.env },
      onBlock: (r) => out(blockLines(r)),
    });
  } finally {
    // Unbind what was bound; a connection that never opened has nothing to close.
    for (const p of opened.values()) {
      const o = await p.catch(() => undefined);
      if (o === undefined) continue;
      try {
        // An unbind left unanswered is said; the blocks' outcome decides the exit code.
        await unbind(o, err);
      } finally {
        await o.close();
      }
    }
  }
  const failed = results.filter((r) => !r.passed).length;
  out(`${results.length} block(s): ${results.length - failed} passed, ${failed} failed\n`);
  if (typeof junit === 'string') {
    try {
      writeFileSync(junit, junitReport(basename(file), results, startedAt));
    } catch (e) {
      err(`${junit}: cannot write the JUnit report: ${fileErrorWords(e)}\n`);
      return 2;
    }
  }
  return failed > 0 ? 1 : 0;
}
