// `smpp-panel decode` and `smpp-panel encode`: the codec on the command line.
// - decode reads hex (anything parseHexInput takes: plain hex, dumps, arrays, base64, several PDUs
//   back to back) from an argument or stdin, and prints each PDU's field tree, one line per field
//   with its offset, or the JSON form (`--json`).
// - decode --pcap FILE reads a pcap or pcapng capture (pcapRead.ts) and prints one summary line
//   per SMPP PDU found, with its time and direction (host:port → host:port), or the JSON form.
// - encode reads that JSON form (one object or an array) and prints each PDU's hex.
// Both exit 1 on bad input, with the problem named (line and column, offset, or field), and 2 on
// bad usage.

import { readFileSync } from 'node:fs';
import { toHex } from '../smpp/bytes';
import { decode, encode, fromJsonPdu, toJsonPdu, type DecodeOptions, type JsonPdu, type TlvDictionary } from '../smpp/codec';
import { parseTlvDictionaryFile } from '../config/tlvDictionaryFile';
import type { FieldNode, Problem } from '../smpp/fields';
import { parseHexInput } from '../smpp/hexInput';
import { readCapturePdus, type CapturedPdu } from '../smpp/pcapRead';
import { summarizeDecoded } from '../smpp/summary';
import { commandById } from '../smpp/tables/commands';
import { EncodeError, tlvByName } from '../smpp/tables/tlvs';
import { statusName } from '../smpp/tables/values';

export type Write = (s: string) => void;

export interface CliIo {
  out: Write;
  err: Write;
  /** Reads all of stdin (for `-`). */
  readStdin?: () => string;
}

type Dcs0 = NonNullable<DecodeOptions['dcs0']>;
const DCS0: readonly Dcs0[] = ['gsm7', 'latin1', 'ascii'];

export const DECODE_USAGE = `usage: smpp-panel decode <hex | -> [--json] [--dcs0 gsm7|latin1|ascii] [--tlvs FILE]
       smpp-panel decode --pcap FILE [--port N] [--json] [--dcs0 ...] [--tlvs FILE]

Decodes one or more PDUs given as hex (plain, 0x-prefixed, C arrays, Wireshark/xxd/hexdump dumps or
base64; several PDUs back to back) as arguments or on stdin ("-"). Prints one line per field with
its offset (hex) from the PDU's start; --json prints the JSON form (an array if several PDUs).
--dcs0 picks the alphabet assumed for data_coding 0 (default gsm7). --tlvs reads vendor TLVs from
FILE (a connection file with "tlvs", or a JSON file { "tlvs": [ ... ] }) and shows them by name.
--pcap reads a pcap or pcapng capture (Ethernet, Linux cooked, loopback, raw IP; IPv4 and IPv6),
reassembles its TCP connections and prints one line per SMPP PDU: time (UTC), sender → receiver,
command, sequence number, status and key fields; --json prints them as a JSON array. SMPP is found
on any port by its header at the start of a connection; --port N reads only connections on port N,
from their first SMPP header even when the capture starts mid-connection. Gaps in the capture and
fragments are named on stderr.
`;

export const ENCODE_USAGE = `usage: smpp-panel encode --json <file | -> [--tlvs FILE]

Reads PDUs in the JSON form that "decode --json" prints (one object, or an array; "fields" and
"problems" are ignored) from a file or stdin ("-") and prints each PDU as hex, one per line.
--tlvs reads vendor TLVs from FILE (as decode does), which may then be given by name.
`;

function defaultStdin(): string {
  return readFileSync(0, 'utf8');
}

function readInput(source: string, io: CliIo): string {
  if (source === '-') return (io.readStdin ?? defaultStdin)();
  return readFileSync(source, 'utf8');
}

// ---------------------------------------------------------------------------------------------
// decode
// ---------------------------------------------------------------------------------------------

interface DecodeArgs {
  inputs: string[];
  json: boolean;
  dcs0: Dcs0 | undefined;
  tlvs: string | undefined;
  pcap: string | undefined;
  port: number | undefined;
}

function parseDecodeArgs(args: readonly string[]): DecodeArgs | { error: string } | 'help' {
  const parsed: DecodeArgs = { inputs: [], json: false, dcs0: undefined, tlvs: undefined, pcap: undefined, port: undefined };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--help' || a === '-h') return 'help';
    if (a === '--json') parsed.json = true;
    else if (a === '--dcs0' || a.startsWith('--dcs0=')) {
      const v = a === '--dcs0' ? args[++i] : a.slice('--dcs0='.length);
      if (v === undefined || !(DCS0 as readonly string[]).includes(v)) return { error: `--dcs0 takes one of ${DCS0.join(', ')}${v === undefined ? '' : `, not "${v}"`}` };
      parsed.dcs0 = v as Dcs0;
    } else if (a === '--tlvs' || a.startsWith('--tlvs=')) {
      const v = a === '--tlvs' ? args[++i] : a.slice('--tlvs='.length);
      if (v === undefined || v === '') return { error: '--tlvs takes a file: a connection file with "tlvs", or { "tlvs": [ ... ] }' };
      parsed.tlvs = v;
    } else if (a === '--pcap' || a.startsWith('--pcap=')) {
      const v = a === '--pcap' ? args[++i] : a.slice('--pcap='.length);
      if (v === undefined || v === '') return { error: '--pcap takes a capture file (.pcap or .pcapng)' };
      parsed.pcap = v;
    } else if (a === '--port' || a.startsWith('--port=')) {
      const v = a === '--port' ? args[++i] : a.slice('--port='.length);
      const n = Number(v);
      if (v === undefined || !/^\d+$/.test(v) || n < 1 || n > 65535) return { error: `--port takes a TCP port 1..65535${v === undefined ? '' : `, not "${v}"`}` };
      parsed.port = n;
    } else if (a.startsWith('--')) return { error: `unknown option ${a}` };
    else parsed.inputs.push(a);
  }
  if (parsed.pcap !== undefined) {
    if (parsed.inputs.length > 0) return { error: `--pcap reads a file: hex arguments (${parsed.inputs[0]!.slice(0, 20)}) cannot be given with it` };
    return parsed;
  }
  if (parsed.port !== undefined) return { error: '--port goes with --pcap FILE' };
  if (parsed.inputs.length === 0) return { error: 'give the PDU as hex, or "-" to read stdin' };
  if (parsed.inputs.includes('-') && parsed.inputs.length > 1) return { error: '"-" (stdin) cannot be combined with hex arguments' };
  return parsed;
}

/**
 * The vendor TLV dictionary of `file`, printing its problems (with line and column) to err.
 * Undefined when the file cannot be read or has errors ('error'), or declares no TLV.
 */
function readDictionary(command: string, file: string, io: CliIo): TlvDictionary | undefined | 'error' {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    io.err(`smpp-panel ${command}: --tlvs ${file}: cannot read: ${(e as Error).message}\n`);
    return 'error';
  }
  const parsed = parseTlvDictionaryFile(text);
  for (const p of parsed.problems) io.err(`${file}:${p.line}:${p.column}: ${p.severity}: ${p.message}\n`);
  if (parsed.problems.some((p) => p.severity === 'error')) {
    io.err(`smpp-panel ${command}: --tlvs ${file}: fix the vendor TLVs above first\n`);
    return 'error';
  }
  if (parsed.tlvs === undefined) io.err(`smpp-panel ${command}: note: ${file} declares no vendor TLVs ("tlvs")\n`);
  return parsed.tlvs;
}

/** hexInput's framing problems ("PDU n at byte …"): the decoder reports these itself, at their offset. */
const FRAMING_PROBLEM = /^line \d+, column \d+: PDU \d+ at byte \d+: /;

export function decodeCommand(args: readonly string[], io: CliIo): number {
  const parsed = parseDecodeArgs(args);
  if (parsed === 'help') {
    io.out(DECODE_USAGE);
    return 0;
  }
  if ('error' in parsed) {
    io.err(`smpp-panel decode: ${parsed.error}\n${DECODE_USAGE}`);
    return 2;
  }
  const dictionary = parsed.tlvs === undefined ? undefined : readDictionary('decode', parsed.tlvs, io);
  if (dictionary === 'error') return 1;
  if (parsed.pcap !== undefined) return decodePcap(parsed, parsed.pcap, dictionary, io);
  let text: string;
  try {
    text = parsed.inputs[0] === '-' ? readInput('-', io) : parsed.inputs.join(' ');
  } catch (e) {
    io.err(`smpp-panel decode: cannot read stdin: ${(e as Error).message}\n`);
    return 1;
  }

  const input = parseHexInput(text);
  for (const note of input.notes) io.err(`smpp-panel decode: note: ${note}\n`);
  const inputProblems = input.problems.filter((p) => !FRAMING_PROBLEM.test(p.message));
  if (inputProblems.length > 0 || input.pdus.length === 0) {
    const where = parsed.inputs[0] === '-' ? 'stdin' : 'input';
    const shown = inputProblems.length > 0 ? inputProblems : input.problems;
    for (const p of shown) io.err(`smpp-panel decode: ${where}: ${p.message}\n`);
    if (shown.length === 0) io.err(`smpp-panel decode: ${where}: no PDU found\n`);
    return 1;
  }

  const options: DecodeOptions = { fields: true };
  if (parsed.dcs0 !== undefined) options.dcs0 = parsed.dcs0;
  if (dictionary !== undefined) options.tlvs = dictionary;
  const results = input.pdus.map((bytes) => ({ bytes, result: decode(bytes, options) }));
  let bad = 0;
  if (parsed.json) {
    const objects = results.map(({ result }) => ({ ...toJsonPdu(result.pdu), fields: result.fields ?? [], problems: result.problems }));
    io.out(JSON.stringify(objects.length === 1 ? objects[0] : objects, jsonReplacer, 2) + '\n');
    results.forEach(({ result }, i) => {
      if (result.problems.length === 0) return;
      bad++;
      for (const p of result.problems) io.err(`smpp-panel decode: ${results.length > 1 ? `PDU ${i + 1}: ` : ''}${problemText(p)}\n`);
    });
  } else {
    results.forEach(({ bytes, result }, i) => {
      if (i > 0) io.out('\n');
      const pdu = result.pdu;
      const count = results.length > 1 ? `PDU ${i + 1} of ${results.length}: ` : '';
      io.out(`${count}${pdu.command === 'unknown' ? 'unknown command' : pdu.command}, seq ${pdu.sequence_number}, ${bytes.length} octet${bytes.length === 1 ? '' : 's'}\n`);
      io.out(renderTree(result.fields ?? [], result.problems));
      if (result.problems.length > 0) bad++;
    });
    if (bad > 0) io.err(`smpp-panel decode: ${bad === 1 && results.length === 1 ? 'the PDU has' : `${bad} of ${results.length} PDUs have`} problems (marked "!")\n`);
  }
  return bad > 0 ? 1 : 0;
}

/** `decode --pcap FILE`: each PDU of the capture as a line, or as JSON, printed as it is found. */
function decodePcap(parsed: DecodeArgs, file: string, dictionary: TlvDictionary | undefined, io: CliIo): number {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    io.err(`smpp-panel decode: --pcap ${file}: cannot read: ${(e as Error).message}\n`);
    return 1;
  }
  const options: DecodeOptions = {};
  if (parsed.dcs0 !== undefined) options.dcs0 = parsed.dcs0;
  if (dictionary !== undefined) options.tlvs = dictionary;
  let bad = 0;
  let first = true;
  if (parsed.json) io.out('[');
  const summary = readCapturePdus(bytes, {
    ...(parsed.port === undefined ? {} : { port: parsed.port }),
    onPdu: (p) => {
      const result = decode(p.bytes, options);
      if (result.problems.length > 0) bad++;
      if (parsed.json) {
        const object = { index: p.index, packet: p.packet, time: isoTime(p.timestamp), stream: p.stream, from: p.from, to: p.to, direction: p.direction, ...(p.request === undefined ? {} : { request: p.request }), ...toJsonPdu(result.pdu), problems: result.problems };
        io.out((first ? '\n' : ',\n') + JSON.stringify(object, jsonReplacer, 2).replace(/^/gm, '  '));
      } else {
        const s = summarizeDecoded(result, parsed.dcs0 === undefined ? {} : { dcs0: parsed.dcs0 });
        io.out(`${isoTime(p.timestamp)}  ${endpoint(p.from)} → ${endpoint(p.to)}  ${s.line}\n`);
      }
      first = false;
    },
  });
  if (parsed.json) io.out(first ? ']\n' : '\n]\n');
  for (const n of summary.notes) io.err(`smpp-panel decode: ${file}: ${n.packet > 0 ? `packet ${n.packet}: ` : ''}${n.stream === undefined ? '' : `${n.stream}: `}${n.message}\n`);
  if (summary.notesDropped > 0) io.err(`smpp-panel decode: ${file}: ${summary.notesDropped} more notes like these\n`);
  if (summary.error !== undefined) {
    io.err(`smpp-panel decode: ${file}: ${summary.error.message}${summary.pdus > 0 ? ` (the ${summary.pdus} PDU${summary.pdus === 1 ? '' : 's'} before it are printed)` : ''}\n`);
    return 1;
  }
  if (summary.pdus === 0) {
    io.err(`smpp-panel decode: ${file}: no SMPP PDU in its ${summary.packets} packet${summary.packets === 1 ? '' : 's'}${parsed.port === undefined ? ' (if SMPP runs on a port that the capture joins mid-connection, name it with --port)' : ` on port ${parsed.port}`}\n`);
    return 1;
  }
  if (bad > 0) io.err(`smpp-panel decode: ${file}: ${bad} of ${summary.pdus} PDUs have problems\n`);
  return bad > 0 ? 1 : 0;
}

/** UTC time with microseconds, e.g. 2026-12-02T10:00:00.123456Z. */
function isoTime(ms: number): string {
  const whole = Math.floor(ms);
  const micros = Math.round((ms - whole) * 1000);
  const iso = new Date(whole).toISOString();
  return `${iso.slice(0, -1)}${String(Math.min(micros, 999)).padStart(3, '0')}Z`;
}

function endpoint(e: CapturedPdu['from']): string {
  return e.host.includes(':') ? `[${e.host}]:${e.port}` : `${e.host}:${e.port}`;
}

/** For JSON.stringify: octets as lower-case hex (as in body and tlvs), big integers as strings. */
function jsonReplacer(_key: string, value: unknown): unknown {
  if (value instanceof Uint8Array) return toHex(value);
  if (typeof value === 'bigint') return value.toString();
  return value;
}

function problemText(p: Problem): string {
  const status = p.status === undefined ? '' : ` [${statusName(p.status)}]`;
  return `offset ${p.offset} (0x${p.offset.toString(16).padStart(4, '0')}), ${p.field}: ${p.message} (expected ${p.expected}; found ${p.found})${status}`;
}

const NAME_WIDTH = 26;

function offsetColumn(o: number): string {
  return o.toString(16).padStart(4, '0');
}

/** One line: offset (hex), the name indented by depth, the display. Control characters are escaped. */
function line(offset: number, depth: number, name: string, display: string): string {
  const label = '  '.repeat(depth) + name;
  let shown = '';
  for (const c of display) {
    const code = c.charCodeAt(0);
    shown += code < 0x20 || code === 0x7f ? `\\x${code.toString(16).padStart(2, '0')}` : c;
  }
  return `${offsetColumn(offset)}  ${label.padEnd(NAME_WIDTH)}  ${shown}`.trimEnd() + '\n';
}

function problemLine(p: Problem, depth: number): string {
  const status = p.status === undefined ? '' : ` [${statusName(p.status)}]`;
  return line(p.offset, depth, '! problem', `${p.message} (expected ${p.expected}; found ${p.found})${status}`);
}

/**
 * The field tree as text. A problem attached to a node follows that node; any other problem is
 * shown where its offset falls among the lines (after the fields that decoded before it).
 */
export function renderTree(fields: readonly FieldNode[], problems: readonly Problem[]): string {
  const attached = new Set<Problem>();
  const collect = (nodes: readonly FieldNode[]): void => {
    for (const n of nodes) {
      if (n.problem !== undefined) attached.add(n.problem);
      if (n.children !== undefined) collect(n.children);
    }
  };
  collect(fields);
  const loose = problems.filter((p) => !attached.has(p)).sort((a, b) => a.offset - b.offset);
  let next = 0;
  let s = '';
  const visit = (nodes: readonly FieldNode[], depth: number): void => {
    for (const n of nodes) {
      while (next < loose.length && loose[next]!.offset < n.offset) s += problemLine(loose[next++]!, depth);
      s += line(n.offset, depth, n.name, n.display);
      if (n.problem !== undefined) s += problemLine(n.problem, depth + 1);
      if (n.children !== undefined) visit(n.children, depth + 1);
    }
  };
  visit(fields, 0);
  while (next < loose.length) s += problemLine(loose[next++]!, 0);
  return s;
}

// ---------------------------------------------------------------------------------------------
// encode
// ---------------------------------------------------------------------------------------------

export function encodeCommand(args: readonly string[], io: CliIo): number {
  const sources: string[] = [];
  let tlvsFile: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--help' || a === '-h') {
      io.out(ENCODE_USAGE);
      return 0;
    }
    if (a === '--json') continue; // the only input form; accepted as the usage spells it
    if (a === '--tlvs' || a.startsWith('--tlvs=')) {
      tlvsFile = a === '--tlvs' ? args[++i] : a.slice('--tlvs='.length);
      if (tlvsFile === undefined || tlvsFile === '') {
        io.err(`smpp-panel encode: --tlvs takes a file: a connection file with "tlvs", or { "tlvs": [ ... ] }\n${ENCODE_USAGE}`);
        return 2;
      }
      continue;
    }
    if (a.startsWith('--')) {
      io.err(`smpp-panel encode: unknown option ${a}\n${ENCODE_USAGE}`);
      return 2;
    }
    sources.push(a);
  }
  if (sources.length !== 1) {
    io.err(`smpp-panel encode: name one JSON file, or "-" to read stdin\n${ENCODE_USAGE}`);
    return 2;
  }
  const source = sources[0]!;
  const where = source === '-' ? 'stdin' : source;
  const dictionary = tlvsFile === undefined ? undefined : readDictionary('encode', tlvsFile, io);
  if (dictionary === 'error') return 1;
  const options = dictionary === undefined ? undefined : { tlvs: dictionary };
  let text: string;
  try {
    text = readInput(source, io);
  } catch (e) {
    io.err(`smpp-panel encode: ${where}: cannot read: ${(e as Error).message}\n`);
    return 1;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    io.err(`smpp-panel encode: ${where}: not valid JSON: ${jsonErrorPosition(text, e as Error)}\n`);
    return 1;
  }
  const list = Array.isArray(json) ? (json as unknown[]) : [json];
  if (list.length === 0) {
    io.err(`smpp-panel encode: ${where}: the array holds no PDU\n`);
    return 1;
  }
  const lines: string[] = [];
  let failed = 0;
  list.forEach((item, i) => {
    const label = list.length > 1 || Array.isArray(json) ? `${where}: PDU ${i + 1}` : where;
    try {
      lines.push(toHex(encode(fromJsonPdu(jsonPduInput(item, dictionary), options), options)));
    } catch (e) {
      failed++;
      const message = e instanceof EncodeError ? `field ${e.field}: ${e.message.startsWith(e.field + ': ') ? e.message.slice(e.field.length + 2) : e.message}` : (e as Error).message;
      io.err(`smpp-panel encode: ${label}: ${message}\n`);
    }
  });
  if (failed > 0) return 1;
  io.out(lines.join('\n') + '\n');
  return 0;
}

/** Checks the JSON shape enough for fromJsonPdu, naming the field at fault. */
function jsonPduInput(item: unknown, dictionary: TlvDictionary | undefined): Partial<JsonPdu> & { command: string } {
  if (item === null || typeof item !== 'object' || Array.isArray(item)) throw new EncodeError('pdu', 'expected an object with "command" (or "command_id"), "body" and "tlvs"');
  const o = item as Record<string, unknown>;
  let command = o.command;
  if (command === undefined && typeof o.command_id === 'number') command = commandById(o.command_id)?.name;
  if (typeof command !== 'string') throw new EncodeError('command', 'expected a command name such as "submit_sm"' + (o.command_id === undefined ? '' : ' (command_id ' + String(o.command_id) + ' is not known)'));
  for (const k of ['command_status', 'sequence_number'] as const) {
    if (o[k] !== undefined && typeof o[k] !== 'number') throw new EncodeError(k, `expected a number, not ${JSON.stringify(o[k])}`);
  }
  if (o.body !== undefined && (o.body === null || typeof o.body !== 'object' || Array.isArray(o.body))) throw new EncodeError('body', 'expected an object of mandatory fields by name');
  if (o.tlvs !== undefined) {
    if (!Array.isArray(o.tlvs)) throw new EncodeError('tlvs', 'expected a list of {tag, name, length, value}');
    o.tlvs.forEach((t: unknown, k) => {
      if (t === null || typeof t !== 'object') throw new EncodeError(`tlvs[${k}]`, 'expected {tag, name, length, value}');
      const tlv = t as Record<string, unknown>;
      if (tlv.tag === undefined && tlv.name === undefined) throw new EncodeError(`tlvs[${k}]`, 'give a tag or a name');
      if (tlv.tag === undefined && (typeof tlv.name !== 'string' || (tlvByName(tlv.name) === undefined && dictionary?.byName(tlv.name) === undefined))) {
        throw new EncodeError(`tlvs[${k}].name`, `unknown TLV name ${JSON.stringify(tlv.name)}: give its tag`);
      }
      if (tlv.tag !== undefined && typeof tlv.tag !== 'number') throw new EncodeError(`tlvs[${k}].tag`, 'expected a number');
      if (tlv.length !== undefined && typeof tlv.length !== 'number') throw new EncodeError(`tlvs[${k}].length`, 'expected a number');
    });
  }
  return { ...(o as Partial<JsonPdu>), command };
}

/** Adds line and column to JSON.parse's "at position N" where the engine gives one. */
function jsonErrorPosition(text: string, e: Error): string {
  const m = /position (\d+)/.exec(e.message);
  if (m === null) return e.message;
  const index = Number(m[1]);
  const before = text.slice(0, index);
  const lineNo = before.split('\n').length;
  const column = index - before.lastIndexOf('\n');
  return `line ${lineNo}, column ${column}: ${e.message}`;
}
