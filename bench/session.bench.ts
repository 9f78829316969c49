// submit_sm throughput through a whole session, window 100, against each server in its own
// process: our simulator, node-smpp's server and the raw server (pre-encoded answers). On each,
// our EsmeSession, node-smpp's client and the raw client (pre-encoded submits, answers only
// counted) take turns, ROUNDS rounds; figures are medians with their range. The raw client against
// the raw server is the machine's I/O ceiling. Then the heap across many enquire_link round trips.
//
//   npm run bench                  # defaults
//   SMPP_BENCH_SUBMITS=100000 SMPP_BENCH_ROUNDS=7 node --import tsx bench/session.bench.ts
import { rawSubmits } from './rawClient';
import { ROUNDS, WINDOW, alternate, bindEsme, esmeSubmits, nodeSmpp, printGoal, printRate, ratios, runBench, secondsSince, startNodeSmppServer, startRawServer, startSimulatorServer, withServers } from './shared';

const SUBMITS = Number(process.env.SMPP_BENCH_SUBMITS ?? 50_000);
const ENQUIRES = Number(process.env.SMPP_BENCH_ENQUIRES ?? 1_000_000);

function throughput(): Promise<void> {
  return withServers([startSimulatorServer, startNodeSmppServer, startRawServer], async (servers) => {
    console.log(`submit_sm, window ${WINDOW}, ${SUBMITS} messages a run, median (range) of ${ROUNDS} runs`);
    const rows: Record<string, { ours: number[]; theirs: number[]; raw: number[] }> = {};
    for (const s of servers) {
      // Warm every side up once, untimed.
      await esmeSubmits(s.port, 5_000);
      await nodeSmpp(s.port, 5_000);
      await rawSubmits(s.port, 5_000);
      const r = await alternate({
        ours: () => esmeSubmits(s.port, SUBMITS),
        theirs: () => nodeSmpp(s.port, SUBMITS),
        raw: () => rawSubmits(s.port, SUBMITS),
      });
      rows[s.name] = r;
      console.log(`against the ${s.name}:`);
      printRate('ours (EsmeSession)', r.ours);
      printRate('node-smpp client', r.theirs);
      printRate('raw client', r.raw);
      printGoal('ours / node-smpp client', ratios(r.ours, r.theirs), s.name === 'raw server' ? 2 : 1);
      if (s.name === 'node-smpp server') printGoal('ours / raw client (that server is the limit)', ratios(r.ours, r.raw), 1);
    }
    const raw = rows['raw server']!;
    console.log('the I/O ceiling: the raw client against the raw server');
    printGoal('ours / ceiling', ratios(raw.ours, raw.raw), 0.5);
    printGoal('node-smpp client / ceiling', ratios(raw.theirs, raw.raw), 0);
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
