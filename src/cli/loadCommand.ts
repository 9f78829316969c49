// `smpp-panel load`: binds as a connection file says, runs a load test, prints a line a second
// (stderr) and the summary (stdout), optionally saves the result as JSON and CSV, unbinds.
// Exit 0 when every message was acknowledged; 1 otherwise (failures, a cancel, a dropped
// session), so a CI pipeline can gate on it. Ctrl+C cancels cleanly: what is in flight is
// answered first, then the summary is printed.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { LoadTest, formatLoadSummary, type LoadTestOptions, type LoadTestResult } from '../smpp/loadtest';
import { openConnection, parseArgs, unbind, where, withConnection, type Out } from './sessionCommands';

const USAGE =
  'usage: smpp-panel load <file.smpp.json> [--connection NAME] --count N [--rate R] [--window W]\n' +
  '         [--to RANGE] [--from RANGE] [--text T | --size N] [--no-receipts] [--receipt-wait S]\n' +
  '         [--json out.json] [--csv out.csv] [--quiet]\n' +
  '  --rate 0 (the default) sends as fast as the window allows; --window defaults to the connection\'s.\n' +
  '  RANGE is one address or FIRST-LAST (e.g. 447700900000-447700900099), cycled through.\n' +
  '  --to is required unless the connection is the built-in simulator.\n';

/** The simulator's default destinations: numbers reserved for drama, never a real phone. */
const SIMULATOR_TO = '447700900000-447700900099';

function intFlag(flags: Map<string, string | true>, name: string, fallback: number | undefined): number | undefined | Error {
  const v = flags.get(name);
  if (v === undefined) return fallback;
  const n = Number(v);
  if (v === true || !Number.isFinite(n)) return new Error(`--${name} needs a number`);
  return n;
}

export async function loadCommand(args: string[], out: Out, err: Out): Promise<number> {
  const { positional, flags } = parseArgs(args, new Set(['no-receipts', 'quiet', 'verbose']));
  if (positional.length !== 1) {
    err(USAGE);
    return 2;
  }
  const numbers: Record<string, number | undefined> = {};
  for (const [name, fallback] of [['count', 100], ['rate', 0], ['window', undefined], ['size', undefined], ['receipt-wait', 10]] as const) {
    const v = intFlag(flags, name, fallback);
    if (v instanceof Error) {
      err(`smpp-panel load: ${v.message}\n${USAGE}`);
      return 2;
    }
    numbers[name] = v;
  }
  for (const name of ['to', 'from', 'text', 'json', 'csv', 'connection'] as const) {
    if (flags.get(name) === true) {
      err(`smpp-panel load: --${name} needs a value\n${USAGE}`);
      return 2;
    }
  }
  const str = (name: string): string | undefined => flags.get(name) as string | undefined;

  const o = await openConnection(positional[0], str('connection'), err, flags.has('verbose'), numbers.window === undefined ? {} : { window: numbers.window });
  if (!o) return 1;
  const def = o.definition;
  return withConnection(o, err, async () => {
    if (def.bind === 'receiver') {
      err(`${def.name}: binds as a receiver, which cannot submit\n`);
      return 2;
    }
    const to = str('to') ?? (o.simulator ? SIMULATOR_TO : undefined);
    if (to === undefined) {
      err(`${def.name}: give --to: a load test against ${def.host}:${def.port} sends real messages, so the destinations must be named\n`);
      return 2;
    }
    const receipts = !flags.has('no-receipts') && def.bind === 'transceiver';
    const options: LoadTestOptions = {
      count: numbers.count!,
      rate: numbers.rate!,
      window: numbers.window ?? def.window,
      to,
      from: str('from') ?? '',
      receipts,
      receiptWait: numbers['receipt-wait']! * 1000,
    };
    if (numbers.size !== undefined) options.size = numbers.size;
    const text = str('text');
    if (text !== undefined) options.text = text;
    let test: LoadTest;
    try {
      test = new LoadTest(o.session, options);
    } catch (e) {
      err(`smpp-panel load: ${(e as Error).message}\n`);
      return 2;
    }

    await o.session.bind();
    err(`${def.name}: ${o.session.state} at ${where(o)}; ${options.count} message(s), ${options.rate === 0 ? 'as fast as the window allows' : `${options.rate}/s`}, window ${options.window}\n`);
    if (!flags.has('quiet')) {
      test.on('progress', (s: LoadTestResult) => {
        const t = s.totals;
        err(`${String(Math.round(s.durationMs / 1000)).padStart(4)} s  submitted ${t.submitted}  acknowledged ${t.acknowledged}  failed ${t.failed}  receipts ${t.receipts}  throttled ${t.throttled}  in flight ${t.inFlight}\n`);
      });
    }
    const onSigint = (): void => {
      err('cancelling: waiting for the messages in flight…\n');
      test.cancel();
    };
    process.once('SIGINT', onSigint);
    let result: LoadTestResult;
    try {
      result = await test.run();
    } finally {
      process.off('SIGINT', onSigint);
    }
    out(formatLoadSummary(result));
    for (const [flag, content] of [['json', () => result.toJson()], ['csv', () => result.toCsv()]] as const) {
      const path = str(flag);
      if (path === undefined) continue;
      writeFileSync(resolve(path), content());
      err(`wrote ${path}\n`);
    }
    const unbound = o.session.isBound ? await unbind(o, err) : 0;
    const t = result.totals;
    return !result.cancelled && result.stopReason === undefined && t.failed === 0 && t.acknowledged === t.requested && unbound === 0 ? 0 : 1;
  });
}
