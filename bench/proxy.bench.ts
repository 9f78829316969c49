// The analyser proxy with its capture against the direct rate, at windows 1, 10 and 100. Our
// EsmeSession (this process: the application, a separate program in the product) submits N
// submit_sm to the simulator (its own process), first directly, then through an SmppProxy with
// attachProxyCapture(proxy, new CaptureStore(10_000), 'bench') attached. The proxy runs in its
// own process, as it runs in the extension host, apart from the application and the SMSC. Direct
// and proxied runs alternate; each figure is the median of the runs, and the ratio is
// proxied / direct of the medians.
//
//   npm run bench
//   node --expose-gc --import tsx bench/proxy.bench.ts [--quick]
//   SMPP_BENCH_ROUNDS=7 node --import tsx bench/proxy.bench.ts
import { cpus } from 'node:os';
import { mb, median, peakRss, runs, startRole, thousands } from './roles';
import { esmeSubmits, runBench, startSimulatorServer, withServers } from './shared';

const quick = process.argv.includes('--quick');
const RUNS = runs(5);
/** Messages per run at each window: a run takes a second or two through the proxy. */
const WINDOWS = [
  { window: 1, n: quick ? 1_000 : 4_000 },
  { window: 10, n: quick ? 4_000 : 15_000 },
  { window: 100, n: quick ? 5_000 : 20_000 },
];
const GOAL = 0.8;

/** Our EsmeSession bound as a transceiver, keeping `window` submit_sm in flight until n are answered; msg/s. */
function submits(port: number, window: number, n: number): Promise<number> {
  return esmeSubmits(port, n, window);
}

runBench(() =>
  withServers([startSimulatorServer], async ([sim]) => {
    const proxy = await startRole('proxy', String(sim.port));
    const rows: { window: number; n: number; direct: number[]; proxied: number[] }[] = [];
    try {
      for (const { window, n } of WINDOWS) {
        // Warm both paths up once, untimed.
        await submits(sim.port, window, Math.ceil(n / 5));
        await submits(proxy.port, window, Math.ceil(n / 5));
        const row = { window, n, direct: [] as number[], proxied: [] as number[] };
        for (let r = 0; r < RUNS; r++) {
          // Alternate which goes first, so that a drift of the machine weighs on both alike.
          if (r % 2 === 0) {
            row.direct.push(await submits(sim.port, window, n));
            row.proxied.push(await submits(proxy.port, window, n));
          } else {
            row.proxied.push(await submits(proxy.port, window, n));
            row.direct.push(await submits(sim.port, window, n));
          }
        }
        rows.push(row);
      }
    } catch (err) {
      await proxy.finish().catch(() => undefined);
      throw err;
    }
    const report = await proxy.finish();

    console.log(`submit_sm from our EsmeSession (this process) to the simulator (own process), direct and through the proxy`);
    console.log(`with its capture (own process, as in the extension host); ${cpus().length} cores; median of ${RUNS} runs, msg/s`);
    console.log(`${'window'.padStart(6)}${'messages'.padStart(10)}${'direct'.padStart(12)}${'proxied'.padStart(12)}${'proxied/direct'.padStart(16)}`);
    for (const row of rows) {
      const d = median(row.direct);
      const p = median(row.proxied);
      const ratio = p / d;
      const goal = row.window === 100 ? `  (goal ≥ ${GOAL.toFixed(1)}× at window 100: ${ratio >= GOAL ? 'met' : 'not met'})` : '';
      console.log(`${String(row.window).padStart(6)}${thousands(row.n).padStart(10)}${thousands(d).padStart(12)}${thousands(p).padStart(12)}${(ratio.toFixed(2) + '×').padStart(16)}${goal}`);
    }
    console.log('each run, msg/s:');
    for (const row of rows) {
      console.log(`  window ${String(row.window).padEnd(4)} direct  ${row.direct.map((x) => thousands(x)).join(' · ')}`);
      console.log(`  ${''.padEnd(11)} proxied ${row.proxied.map((x) => thousands(x)).join(' · ')}`);
    }
    console.log(`the proxy's capture holds ${thousands(report.captured ?? 0)} records (${thousands(report.dropped ?? 0)} dropped by its ring); the proxy process: RSS ${mb(report.rssReady)} MB when listening, peak ${mb(peakRss(report))} MB (heap used at most ${mb(report.heapSampled)} MB)`);
  }),
);
