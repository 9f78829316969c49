// The load test engine's achieved rate, window 100, as fast as the window allows, against our
// simulator and node-smpp's server (each in its own process), compared with node-smpp's client
// loop on the same server, taking turns, ROUNDS rounds; medians with their range. The engine's own
// p50 and p99 are in ms to 0.1 ms, as it reports them.
//
//   SMPP_BENCH_LOAD=100000 SMPP_BENCH_ROUNDS=7 node --import tsx bench/loadtest.bench.ts
import { LoadTest } from '../src/smpp/loadtest';
import { ROUNDS, WINDOW, alternate, bindEsme, nodeSmpp, printGoal, printRate, ratios, runBench, secondsSince, spread, startNodeSmppServer, startSimulatorServer, withServers } from './shared';

const MESSAGES = Number(process.env.SMPP_BENCH_LOAD ?? 30_000);

/** One load test run of n messages; msg/s measured around the whole run, and the engine's round trips. */
async function loadTest(port: number, n: number): Promise<{ rate: number; p50: number; p99: number }> {
  const session = await bindEsme(port);
  const test = new LoadTest(session, { count: n, rate: 0, window: WINDOW, to: '447700900000-447700900999', from: '447700900000', text: 'Benchmark message from SMPP Session Panel', receipts: false });
  const start = process.hrtime.bigint();
  const result = await test.run();
  const seconds = secondsSince(start);
  await session.unbind();
  if (result.totals.acknowledged !== n) throw new Error(`only ${result.totals.acknowledged} of ${n} acknowledged: ${JSON.stringify(result.errors)}`);
  return { rate: n / seconds, p50: result.rtt.p50, p99: result.rtt.p99 };
}

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
      const ms = (x: number): string => x.toFixed(1);
      console.log(`  ${'the engine’s round trips, ms'.padEnd(46)}p50 ${spread(p50, ms)}  p99 ${spread(p99, ms)}`);
    }
  }),
);
