// `smpp-panel`: the command line of SMPP Session Panel.
import { parseConnectionFile } from '../config/connectionFile';
import { readConnectionFile } from './files';
import { simulatorCommand } from './simulatorCommand';
import { decodeCommand, encodeCommand } from './decodeCommand';
import { enquireLinkCommand, submitCommand } from './sessionCommands';
import { loadCommand } from './loadCommand';
import { runCommand } from './runCommand';
import { proxyCommand } from './proxyCommand';
import pkg from '../../package.json';

const USAGE = `usage: smpp-panel <command> [options]

commands:
  validate <file.smpp.json>...   check connection files against the schema
  simulator [--port 2775] [--host 127.0.0.1] [--receipt-delay MS]   run the built-in SMSC simulator (--help for more)
            [--throttle-per-second N | --throttle-every-nth N]   refuse submits with ESME_RTHROTTLED like a licensed SMSC
            [--config FILE [--connection NAME]]   take a connection's simulator settings: rules, receipt states, accounts, faults
  decode <hex | -> [--json] [--dcs0 gsm7|latin1|ascii] [--tlvs FILE]   decode PDUs from hex (or stdin) into fields
                                 (--tlvs: vendor TLVs by name, from a connection file or { "tlvs": [...] })
  encode --json <file | -> [--tlvs FILE]   encode PDUs from the JSON form that decode --json prints
  enquire-link <file.smpp.json> [--connection NAME]   bind, send one enquire_link, print the round trip, unbind
  submit <file.smpp.json> --connection NAME --to NUMBER --text TEXT [--from X] [--receipt]
         [--tlv NAME=VALUE]... [--concat udh8|udh16|sar|payload] [--dcs0 gsm7|latin1|ascii]
                                 send a text (split when long, as the connection's profile says),
                                 print each message_id (and the receipt); --tlv adds a TLV to every part
  load <file.smpp.json> --connection NAME --count N --rate R --window W [--to RANGE] [--from RANGE]
       [--text T | --size N] [--no-receipts] [--receipt-wait S] [--json out.json] [--csv out.csv]
                                 run a load test (--rate 0: as fast as the window allows), print the summary
                                 with submit → receipt percentiles and receipts by state
  proxy <file.smpp.json> [--connection NAME] [--listen PORT] [--pcap OUT.pcap] [--include-passwords] [--quiet]
                                 run a connection's analyser proxy, log both legs; on Ctrl+C write the pcap
                                 of both legs (passwords masked unless --include-passwords)
  run <file.smpp> [--connections FILE.smpp.json] [--junit OUT.xml]
                                 send a request file's blocks in order (connections from the *.smpp.json
                                 files beside it), print a line per block, exit 1 if an expectation fails
  version                        print the version
  help                           print this help
`;

export function main(
  argv: string[],
  out: (s: string) => void = (s) => process.stdout.write(s),
  err: (s: string) => void = (s) => process.stderr.write(s),
): number | Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'validate':
      return validate(rest, out, err);
    case 'simulator':
      return simulatorCommand(rest, out, err);
    case 'decode':
      return decodeCommand(rest, { out, err });
    case 'encode':
      return encodeCommand(rest, { out, err });
    case 'enquire-link':
      return enquireLinkCommand(rest, out, err);
    case 'submit':
      return submitCommand(rest, out, err);
    case 'load':
      return loadCommand(rest, out, err);
    case 'run':
      return runCommand(rest, out, err);
    case 'proxy':
      return proxyCommand(rest, out, err);
    case 'version':
    case '--version':
      out(`${pkg.version}\n`);
      return 0;
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      out(USAGE);
      return command === undefined ? 2 : 0;
    default:
      err(`smpp-panel: unknown command "${command}"\n${USAGE}`);
      return 2;
  }
}

function validate(files: string[], out: (s: string) => void, err: (s: string) => void): number {
  if (files.length === 0) {
    err('smpp-panel validate: name at least one .smpp.json file\n');
    return 2;
  }
  let errors = 0;
  for (const file of files) {
    const read = readConnectionFile(file);
    if ('error' in read) {
      err(`${read.error}\n`);
      errors++;
      continue;
    }
    const parsed = parseConnectionFile(read.text);
    const problems = [...parsed.problems, ...parsed.connections.flatMap((c) => c.problems)].sort((a, b) => a.offset - b.offset);
    for (const p of problems) {
      (p.severity === 'error' ? err : out)(`${file}:${p.line}:${p.column}: ${p.severity}: ${p.message}\n`);
      if (p.severity === 'error') errors++;
    }
    out(`${file}: ${parsed.connections.length} connection(s): ${parsed.connections.map((c) => c.definition.name).join(', ') || '(none)'}\n`);
  }
  return errors > 0 ? 1 : 0;
}

if (require.main === module) {
  void Promise.resolve(main(process.argv.slice(2))).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`smpp-panel: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exitCode = 1;
    },
  );
}
