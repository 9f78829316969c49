// The load test engine's achieved rate against the built-in simulator in its own process, window
// 100, as fast as the window allows, compared in the same run with node-smpp's client loop on the
// same server.
//
//   npm run bench
//   SMPP_BENCH_LOAD=100000 SMPP_BENCH_ROUNDS=5 node --import tsx bench/loadtest.bench.ts
import { LoadTest } from '../src/smpp/loadtest';
import { EsmeSession } from '../src/smpp/session/esme';
import { tcpConnector } from '../src/smpp/session/transport';
import { WINDOW, fmt, nodeSmpp, startSimulatorServer, stopServer } from './shared';

const MESSAGES = Number(process.env.SMPP_BENCH_LOAD ?? 30_000);
const ROUNDS = Number(process.env.SMPP_BENCH_ROUNDS ?? 3);

/** One load test run of n messages; msg/s measured around the whole run, and the engine's own figure. */
async function loadTest(port: number, n: number): Promise<{ rate: number; achieved: number; p99: number }> {
  const session = new EsmeSession({
    connector: tcpConnector({ host: '127.0.0.1', port }),
    bind: { type: 'transceiver', system_id: 'bench', password: 'bench' },
    enquireLinkInterval: 0,
    responseTimeout: 30_000,
    window: WINDOW,
    reconnect: false,
  });
  await session.bind();
  const test = new LoadTest(session, { count: n, rate: 0, window: WINDOW, to: '447700900000-447700900999', from: '447700900000', text: 'Benchmark message from SMPP Session Panel', receipts: false });
  const start = process.hrtime.bigint();
  const result = await test.run();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  await session.unbind();
  if (result.totals.acknowledged !== n) throw new Error(`only ${result.totals.acknowledged} of ${n} acknowledged: ${JSON.stringify(result.errors)}`);
  return { rate: n / seconds, achieved: result.achievedRate, p99: result.rtt.p99 };
}

async function main(): Promise<void> {
  const server = await startSimulatorServer();
  try {
    // Warm both up once, untimed.
    await loadTest(server.port, Math.min(MESSAGES, 5_000));
    await nodeSmpp(server.port, Math.min(MESSAGES, 5_000));
    let ours = { rate: 0, achieved: 0, p99: 0 };
    let theirs = 0;
    for (let r = 0; r < ROUNDS; r++) {
      const run = await loadTest(server.port, MESSAGES);
      if (run.rate > ours.rate) ours = run;
      theirs = Math.max(theirs, await nodeSmpp(server.port, MESSAGES));
    }
    console.log(`load test against the built-in simulator (own process), window ${WINDOW}, rate 0, ${MESSAGES} messages, best of ${ROUNDS}   msg/s`);
    console.log(`ours (LoadTest over EsmeSession)           ${fmt(ours.rate)}   (its own figure ${fmt(ours.achieved).trim()}/s, p99 ${ours.p99} ms)`);
    console.log(`node-smpp client loop                      ${fmt(theirs)}`);
    console.log(`ratio                                      ${(ours.rate / theirs).toFixed(2).padStart(9)}×`);
  } finally {
    await stopServer(server);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
