// The load test engine's achieved rate, window 100, as fast as the window allows, against our
// simulator and node-smpp's server (each in its own process), compared with node-smpp's client
// loop on the same server, taking turns, ROUNDS rounds; medians with their range. The engine's own
// p50 and p99 are in ms to 0.1 ms, as it reports them. Then the same with delivery receipts on,
// against our simulator (node-smpp's server sends none): the run ends when every receipt is
// matched to its submit, and node-smpp's client does the same (registered_delivery 1, each
// deliver_sm answered and its receipted_message_id looked up among its submits).
//
//   SMPP_BENCH_LOAD=100000 SMPP_BENCH_ROUNDS=7 node --import tsx bench/loadtest.bench.ts
import { LoadTest } from '../src/smpp/loadtest';
import {
  ROUNDS,
  SUBMIT_BODY,
  WINDOW,
  alternate,
  bindEsme,
  connectNodeSmpp,
  nodeSmpp,
  printGoal,
  printRate,
  ratios,
  runBench,
  secondsSince,
  spread,
  startNodeSmppServer,
  startSimulatorServer,
  withServers,
} from './shared';

const MESSAGES = Number(process.env.SMPP_BENCH_LOAD ?? 30_000);

interface Run {
  rate: number;
  p50: number;
  p99: number;
  /** Submit → receipt, when receipts were on. */
  receiptP50: number;
  receiptP99: number;
}

/** One load test run of n messages; msg/s measured around the whole run, and the engine's round trips. */
async function loadTest(port: number, n: number, receipts = false): Promise<Run> {
  const session = await bindEsme(port);
  const test = new LoadTest(session, {
    count: n,
    rate: 0,
    window: WINDOW,
    to: '447700900000-447700900999',
    from: '447700900000',
    text: 'Benchmark message from SMPP Session Panel',
    receipts,
    receiptWait: 60_000,
  });
  const start = process.hrtime.bigint();
  const result = await test.run();
  const seconds = secondsSince(start);
  await session.unbind();
  if (result.totals.acknowledged !== n) throw new Error(`only ${result.totals.acknowledged} of ${n} acknowledged: ${JSON.stringify(result.errors)}`);
  if (receipts && result.receipts.matched !== n) throw new Error(`only ${result.receipts.matched} of ${n} receipts matched: ${JSON.stringify(result.receipts)}`);
  return { rate: n / seconds, p50: result.rtt.p50, p99: result.rtt.p99, receiptP50: result.receipts.latency.p50, receiptP99: result.receipts.latency.p99 };
}

interface NodeSmppDeliver {
  esm_class?: number;
  receipted_message_id?: string;
  response(): unknown;
}

/**
 * node-smpp's client keeping WINDOW submit_sm with registered_delivery 1 in flight until n are
 * answered and n receipts matched to their submits by receipted_message_id; msg/s.
 */
async function nodeSmppReceipts(port: number, n: number): Promise<number> {
  const { session, close } = await connectNodeSmpp(port);
  const awaiting = new Set<string>();
  const early = new Set<string>();
  let receipts = 0;
  let sent = 0;
  let done = 0;
  const start = process.hrtime.bigint();
  await new Promise<void>((resolve) => {
    const check = (): void => {
      if (done === n && receipts === n) resolve();
    };
    session.on('deliver_sm', (...args: unknown[]) => {
      const pdu = args[0] as NodeSmppDeliver;
      (session as unknown as { send(p: unknown): void }).send(pdu.response());
      if (((pdu.esm_class ?? 0) & 0x3c) !== 0x04 || !pdu.receipted_message_id) return;
      const id = pdu.receipted_message_id;
      if (awaiting.delete(id)) receipts++;
      else early.add(id);
      check();
    });
    const next = (): void => {
      while (sent < n && sent - done < WINDOW) {
        sent++;
        session.submit_sm({ ...SUBMIT_BODY, registered_delivery: 1 }, (resp) => {
          done++;
          const id = (resp as unknown as { message_id: string }).message_id;
          if (early.delete(id)) receipts++;
          else awaiting.add(id);
          check();
          next();
        });
      }
    };
    next();
  });
  const seconds = secondsSince(start);
  await close();
  return n / seconds;
}

const ms = (x: number): string => x.toFixed(1);

runBench(() =>
  withServers([startSimulatorServer, startNodeSmppServer], async (servers) => {
    console.log(`load test, window ${WINDOW}, rate 0, ${MESSAGES} messages a run, median (range) of ${ROUNDS} runs`);
    for (const s of servers) {
      await loadTest(s.port, 5_000);
      await nodeSmpp(s.port, 5_000);
      const p50: number[] = [];
      const p99: number[] = [];
      const r = await alternate({
        ours: async () => {
          const run = await loadTest(s.port, MESSAGES);
          p50.push(run.p50);
          p99.push(run.p99);
          return run.rate;
        },
        theirs: () => nodeSmpp(s.port, MESSAGES),
      });
      console.log(`against the ${s.name}:`);
      printRate('ours (LoadTest over EsmeSession)', r.ours);
      printRate('node-smpp client loop', r.theirs);
      printGoal('ours / node-smpp client', ratios(r.ours, r.theirs), 1);
      console.log(`  ${'the engine’s round trips, ms'.padEnd(46)}p50 ${spread(p50, ms)}  p99 ${spread(p99, ms)}`);
    }

    // Receipts on: only our simulator sends them.
    const sim = servers[0]!;
    await loadTest(sim.port, 5_000, true);
    await nodeSmppReceipts(sim.port, 5_000);
    const p50: number[] = [];
    const p99: number[] = [];
    const r = await alternate({
      ours: async () => {
        const run = await loadTest(sim.port, MESSAGES, true);
        p50.push(run.receiptP50);
        p99.push(run.receiptP99);
        return run.rate;
      },
      theirs: () => nodeSmppReceipts(sim.port, MESSAGES),
    });
    console.log(`with receipts on (registered_delivery 1, every receipt matched to its submit), against the ${sim.name}:`);
    printRate('ours (LoadTest over EsmeSession)', r.ours);
    printRate('node-smpp client loop', r.theirs);
    printGoal('ours / node-smpp client', ratios(r.ours, r.theirs), 1);
    console.log(`  ${'submit → receipt, ms'.padEnd(46)}p50 ${spread(p50, ms)}  p99 ${spread(p99, ms)}`);
  }),
);
