// The load test engine's achieved rate against the built-in simulator in its own process, window
// 100, as fast as the window allows, compared in the same run with node-smpp's client loop on the
// same server.
//
//   npm run bench
//   SMPP_BENCH_LOAD=100000 SMPP_BENCH_ROUNDS=5 node --import tsx bench/loadtest.bench.ts
import { LoadTest } from '../src/smpp/loadtest';
import { ROUNDS, WINDOW, bestOfRounds, bindEsme, fmt, nodeSmpp, printComparison, runBench, secondsSince, startSimulatorServer, withServers } from './shared';

const MESSAGES = Number(process.env.SMPP_BENCH_LOAD ?? 30_000);

/** One load test run of n messages; msg/s measured around the whole run, and the engine's own figure. */
async function loadTest(port: number, n: number): Promise<{ rate: number; achieved: number; p99: number }> {
  const session = await bindEsme(port);
  const test = new LoadTest(session, { count: n, rate: 0, window: WINDOW, to: '447700900000-447700900999', from: '447700900000', text: 'Benchmark message from SMPP Session Panel', receipts: false });
  const start = process.hrtime.bigint();
  const result = await test.run();
  const seconds = secondsSince(start);
  await session.unbind();
  if (result.totals.acknowledged !== n) throw new Error(`only ${result.totals.acknowledged} of ${n} acknowledged: ${JSON.stringify(result.errors)}`);
  return { rate: n / seconds, achieved: result.achievedRate, p99: result.rtt.p99 };
}

runBench(() =>
  withServers([startSimulatorServer], async ([server]) => {
    // Warm both up once, untimed.
    await loadTest(server.port, Math.min(MESSAGES, 5_000));
    await nodeSmpp(server.port, Math.min(MESSAGES, 5_000));
    const best = await bestOfRounds(
      () => loadTest(server.port, MESSAGES),
      () => nodeSmpp(server.port, MESSAGES),
    );
    printComparison(
      `load test against the built-in simulator (own process), window ${WINDOW}, rate 0, ${MESSAGES} messages, best of ${ROUNDS}`,
      { label: 'ours (LoadTest over EsmeSession)', rate: best.ours.rate, note: `   (its own figure ${fmt(best.ours.achieved).trim()}/s, p99 ${best.ours.p99} ms)` },
      { label: 'node-smpp client loop', rate: best.theirs },
    );
  }),
);
