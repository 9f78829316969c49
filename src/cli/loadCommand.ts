// `smpp-panel load`: binds as a connection file says, runs a load test, prints a line a second
// (stderr) and the summary (stdout), optionally saves the result as JSON and CSV, unbinds.
// A transceiver bind asks for delivery receipts and matches them to its submits; after the last
// response it waits up to --receipt-wait seconds for the late ones.
// Exit 0 when every message was acknowledged; 1 otherwise (failures, a cancel, a dropped
// session), so a CI pipeline can gate on it; receipts do not change it. Ctrl+C cancels cleanly:
// what is in flight is answered first (or the wait for receipts ends), then the summary is printed.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEFAULT_MAX_OUTSTANDING_RECEIPTS, DEFAULT_RECEIPT_WAIT_MS, LoadTest, formatLoadSummary, type LoadTestOptions, type LoadTestResult } from '../smpp/loadtest';
import { openConnection, parseArgs, unbind, where, withConnection, type Out } from './sessionCommands';

const USAGE =
  'usage: smpp-panel load <file.smpp.json> [--connection NAME] --count N [--rate R] [--window W]\n' +
  '         [--to RANGE] [--from RANGE] [--text T | --size N] [--no-receipts] [--receipt-wait S]\n' +
  '         [--max-outstanding-receipts N] [--json out.json] [--csv out.csv] [--quiet]\n' +
  '  --rate 0 (the default) sends as fast as the window allows; --window defaults to the connection\'s.\n' +
  `  A transceiver asks for delivery receipts (--no-receipts: not) and waits up to --receipt-wait seconds\n` +
  `  (default ${DEFAULT_RECEIPT_WAIT_MS / 1000}) for the late ones; at most --max-outstanding-receipts (default ${DEFAULT_MAX_OUTSTANDING_RECEIPTS})\n` +
  '  are awaited at once, past it the oldest count as not tracked.\n' +
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
  for (const [name, fallback] of [['count', 100], ['rate', 0], ['window', undefined], ['size', undefined], ['receipt-wait', DEFAULT_RECEIPT_WAIT_MS / 1000], ['max-outstanding-receipts', undefined]] as const) {
    const v = intFlag(flags, name, fallback);
    if (v instanceof Error) {
      err(`smpp-panel load: ${v.message}\n${USAGE}`);
      return 2;
    }
    numbers[name] = v;
  }
  const wait = numbers['receipt-wait']!;
  const cap = numbers['max-outstanding-receipts'];
  const bad =
    !(wait >= 0 && wait <= 86_400)
      ? `--receipt-wait is seconds, 0 to 86400, not ${wait}`
      : cap !== undefined && !(Number.isInteger(cap) && cap >= 1 && cap <= 10_000_000)
        ? `--max-outstanding-receipts is a whole number, 1 to 10000000, not ${cap}`
        : undefined;
  if (bad !== undefined) {
    err(`smpp-panel load: ${bad}\n${USAGE}`);
    return 2;
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
    if (numbers['max-outstanding-receipts'] !== undefined) options.maxOutstandingReceipts = numbers['max-outstanding-receipts'];
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
        const waiting = s.receipts.waiting ? `  waiting for ${s.receipts.outstanding} receipt(s)` : '';
        err(`${String(Math.round(s.durationMs / 1000)).padStart(4)} s  submitted ${t.submitted}  acknowledged ${t.acknowledged}  failed ${t.failed}  receipts ${t.receipts}  throttled ${t.throttled}  in flight ${t.inFlight}${waiting}\n`);
      });
    }
    const onSigint = (): void => {
      err(test.waitingForReceipts ? 'cancelling: no longer waiting for receipts\n' : 'cancelling: waiting for the messages in flight…\n');
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
