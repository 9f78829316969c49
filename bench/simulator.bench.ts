// The CLI simulator (`smpp-panel simulator`, bundled as shipped, its output read by this process)
// logging every PDU, the same with --quiet, and node-smpp's server, each driven at window 100 by
// the raw client, which costs next to nothing and so makes the server the limit. Turns taken,
// ROUNDS rounds; medians with their range.
//
//   SMPP_BENCH_SIM=200000 node --import tsx bench/simulator.bench.ts
import { rawSubmits } from './rawClient';
import { ROUNDS, WINDOW, alternate, printGoal, printRate, ratios, runBench, startCliSimulator, startNodeSmppServer, withServers } from './shared';

const MESSAGES = Number(process.env.SMPP_BENCH_SIM ?? 100_000);

runBench(() =>
  withServers([() => startCliSimulator(), () => startCliSimulator('--quiet'), startNodeSmppServer], async ([logging, quiet, nodeSmpp]) => {
    for (const s of [logging!, quiet!, nodeSmpp!]) await rawSubmits(s.port, 10_000);
    const r = await alternate({
      logging: () => rawSubmits(logging!.port, MESSAGES),
      quiet: () => rawSubmits(quiet!.port, MESSAGES),
      nodeSmpp: () => rawSubmits(nodeSmpp!.port, MESSAGES),
    });
    console.log(`servers driven by the raw client, window ${WINDOW}, ${MESSAGES} submit_sm a run, median (range) of ${ROUNDS} runs`);
    printRate('CLI simulator, logging every PDU', r.logging);
    printRate('CLI simulator --quiet', r.quiet);
    printRate("node-smpp's server", r.nodeSmpp);
    printGoal('logging / node-smpp server', ratios(r.logging, r.nodeSmpp), 1.5);
    printGoal('logging / --quiet', ratios(r.logging, r.quiet), 0);
  }),
);
