// Round trips at a steady 2000 submit_sm a second (SMPP_BENCH_RATE), against node-smpp's server,
// which does not set TCP_NODELAY as many SMSCs do not, and against our simulator: our EsmeSession
// and node-smpp's client paced alike (what is due each timer tick is sent), taking turns, ROUNDS
// rounds. p50 and p99 in µs, medians with their range.
//
//   SMPP_BENCH_RATE=5000 SMPP_BENCH_LATENCY_N=20000 node --import tsx bench/latency.bench.ts
import { performance } from 'node:perf_hooks';
import { percentile } from '../src/smpp/loadtest';
import { ROUNDS, SUBMIT_BODY, alternate, bindEsme, connectNodeSmpp, printGoal, ratios, runBench, spread, startNodeSmppServer, startSimulatorServer, withServers } from './shared';

const RATE = Number(process.env.SMPP_BENCH_RATE ?? 2000);
const N = Number(process.env.SMPP_BENCH_LATENCY_N ?? 6000);

/** Sends N at RATE a second, each by `send(answered)`; the round trips, ms, in order of answer. */
function paced(send: (answered: () => void) => void): Promise<Float64Array> {
  const rtts = new Float64Array(N);
  let sent = 0;
  let answered = 0;
  const start = performance.now();
  return new Promise((resolve) => {
    const tick = (): void => {
      const due = Math.min(N, Math.floor(((performance.now() - start) / 1000) * RATE));
      while (sent < due) {
        sent++;
        const at = performance.now();
        send(() => {
          rtts[answered++] = performance.now() - at;
          if (answered === N) resolve(rtts);
        });
      }
      if (sent < N) setTimeout(tick, 1);
    };
    tick();
  });
}

async function ours(port: number): Promise<Float64Array> {
  const s = await bindEsme(port);
  const rtts = await paced((answered) => void s.request('submit_sm', SUBMIT_BODY).then(answered));
  await s.unbind();
  return rtts;
}

async function theirs(port: number): Promise<Float64Array> {
  const c = await connectNodeSmpp(port);
  const rtts = await paced((answered) => c.session.submit_sm({ ...SUBMIT_BODY }, () => answered()));
  await c.close();
  return rtts;
}

const us = (ms: number): string => `${Math.round(ms * 1000)}`;

runBench(() =>
  withServers([startNodeSmppServer, startSimulatorServer], async (servers) => {
    console.log(`submit_sm round trips at ${RATE} msg/s, ${N} a run, µs, median (range) of ${ROUNDS} runs`);
    for (const s of servers) {
      const p = { oursP50: [] as number[], oursP99: [] as number[], theirsP50: [] as number[], theirsP99: [] as number[] };
      await alternate({
        ours: async () => {
          const sorted = (await ours(s.port)).sort();
          p.oursP50.push(percentile(sorted, 50));
          p.oursP99.push(percentile(sorted, 99));
          return 0;
        },
        theirs: async () => {
          const sorted = (await theirs(s.port)).sort();
          p.theirsP50.push(percentile(sorted, 50));
          p.theirsP99.push(percentile(sorted, 99));
          return 0;
        },
      });
      console.log(`against the ${s.name}:`);
      console.log(`  ${'ours (EsmeSession)'.padEnd(46)}p50 ${spread(p.oursP50, us)}  p99 ${spread(p.oursP99, us)}`);
      console.log(`  ${'node-smpp client'.padEnd(46)}p50 ${spread(p.theirsP50, us)}  p99 ${spread(p.theirsP99, us)}`);
      // No worse: node-smpp's figure over ours, ≥ 1.
      printGoal('p50: node-smpp client / ours', ratios(p.theirsP50, p.oursP50), 1);
      printGoal('p99: node-smpp client / ours', ratios(p.theirsP99, p.oursP99), 1);
    }
  }),
);
