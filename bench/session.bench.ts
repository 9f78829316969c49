// submit_sm throughput through a whole session, window 100, against a server in its own
// process: our EsmeSession and node-smpp's client, same server, same run. Then the heap across
// many enquire_link round trips on the simulator.
//
//   npm run bench                  # defaults
//   SMPP_BENCH_SUBMITS=100000 SMPP_BENCH_ENQUIRES=1000000 npm run bench
import { ROUNDS, WINDOW, bestOfRounds, bindEsme, esmeSubmits, fmt, nodeSmpp, printComparison, runBench, secondsSince, startNodeSmppServer, startSimulatorServer, withServers } from './shared';

const SUBMITS = Number(process.env.SMPP_BENCH_SUBMITS ?? 30_000);
const ENQUIRES = Number(process.env.SMPP_BENCH_ENQUIRES ?? 1_000_000);

function ours(port: number, n: number): Promise<number> {
  return esmeSubmits(port, n);
}

function throughput(): Promise<void> {
  return withServers([startSimulatorServer, startNodeSmppServer], async (servers) => {
    // Pick the faster server, so that the server is not what limits the clients.
    const probe = Math.min(SUBMITS, 10_000);
    const speeds = [];
    for (const s of servers) speeds.push({ s, rate: Math.max(await ours(s.port, probe), await nodeSmpp(s.port, probe)) });
    speeds.sort((a, b) => b.rate - a.rate);
    const server = speeds[0].s;
    console.log(`server: ${server.name} (probe: ${speeds.map((x) => `${x.s.name} ${fmt(x.rate).trim()}/s`).join(', ')})`);
    const best = await bestOfRounds(
      async () => ({ rate: await ours(server.port, SUBMITS) }),
      () => nodeSmpp(server.port, SUBMITS),
    );
    printComparison(
      `submit_sm, window ${WINDOW}, ${SUBMITS} messages, best of ${ROUNDS}`,
      { label: 'ours (EsmeSession)', rate: best.ours.rate },
      { label: 'node-smpp client', rate: best.theirs },
      '  (target ≥ 2×)',
    );
  });
}

function heap(): Promise<void> {
  return withServers([startSimulatorServer], async ([server]) => {
    const s = await bindEsme(server.port);
    const gc = (globalThis as { gc?: () => void }).gc;
    const sample = (): number => {
      gc?.();
      return process.memoryUsage().heapUsed / 1024 / 1024;
    };
    const samples: string[] = [`0: ${sample().toFixed(1)} MiB`];
    const step = ENQUIRES / 4;
    const start = process.hrtime.bigint();
    for (let done = 0; done < ENQUIRES; ) {
      const batch = [];
      for (let i = 0; i < WINDOW && done < ENQUIRES; i++, done++) batch.push(s.request('enquire_link'));
      await Promise.all(batch);
      if (done % step === 0) samples.push(`${done.toLocaleString('en-US')}: ${sample().toFixed(1)} MiB`);
    }
    const seconds = secondsSince(start);
    await s.unbind();
    console.log(`heap across ${ENQUIRES.toLocaleString('en-US')} enquire_link round trips (${Math.round(ENQUIRES / seconds).toLocaleString('en-US')}/s)${gc ? '' : ' (run node with --expose-gc for exact figures)'}:`);
    console.log(`  heap used after N round trips: ${samples.join(' · ')}`);
  });
}

runBench(async () => {
  await throughput();
  await heap();
});
