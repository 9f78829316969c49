// `smpp-panel`: the command line of SMPP Session Panel.
import { readFileSync } from 'node:fs';
import { parseConnectionFile } from '../config/connectionFile';
import pkg from '../../package.json';

const USAGE = `usage: smpp-panel <command> [options]

commands:
  validate <file.smpp.json>...   check connection files against the schema
  version                        print the version
  help                           print this help
`;

export function main(argv: string[], out: (s: string) => void = (s) => process.stdout.write(s), err: (s: string) => void = (s) => process.stderr.write(s)): number {
  const [command, ...rest] = argv;
  switch (command) {
    case 'validate':
      return validate(rest, out, err);
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
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      err(`${file}: cannot read: ${(e as Error).message}\n`);
      errors++;
      continue;
    }
    const parsed = parseConnectionFile(text);
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
  process.exitCode = main(process.argv.slice(2));
}
