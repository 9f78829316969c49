// Peak RSS of the ESME, the simulator and the proxy under an enquire_link flood from a peer that
// does not read, while a well-behaved client is still served. Each role runs in its own process
// (bench/servers/role.ts) and reports its peak RSS (VmHWM, or sampled) when it stops:
//
//   esme       our EsmeSession (product defaults, feeding a capture) bound to a hostile raw SMSC in
//              this process, which answers the bind, then (once the ESME is ready) writes
//              enquire_link as fast as it can and never reads;
//   simulator  our SmscSimulator; a hostile raw client binds and floods enquire_link without
//              reading, while a well-behaved EsmeSession (this process) binds during the flood and
//              does enquire_link round trips, one every 50 ms, until the flood ends;
//   proxy      an SmppProxy with its capture in front of a simulator (its own process); the
//              hostile application and the well-behaved EsmeSession both go through the proxy.
//
// The hostile peer writes until write() returns false, then waits for 'drain' (or the end of the
// flood if it never comes), so this process stays bounded. 127.0.0.1 only; every run stops by
// itself. Each figure is the median of the runs. The goal is printed, never enforced.
//
//   npm run bench
//   node --expose-gc --import tsx bench/flood.bench.ts [--quick] [--role=esme|simulator|proxy]
//                                                                    # --quick: 3 s floods
import * as net from 'node:net';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { encode } from '../src/smpp/codec';
import { tcpConnector } from '../src/smpp/link/transport';
import { EsmeSession } from '../src/smpp/session/esme';
import { mb, median, peakRss, runs, startRole, thousands, type RoleReport } from './roles';
import { runBench, startSimulatorServer, stopServer } from './shared';

const quick = process.argv.includes('--quick');
const FLOOD_MS = quick ? 3_000 : 15_000;
const RUNS = runs(3);
const GOAL_MB = 150;
/** The well-behaved client starts an enquire_link this often (one in flight at a time). */
const PERIOD_MS = 50;
/** The well-behaved client binds this long after the flood began. */
const GOOD_DELAY_MS = 250;
/** enquire_link PDUs per write of the hostile peer (16 octets each). */
const BATCH = 1024;

const ENQUIRE_LINK = 0x00000015;
const BIND_TRANSCEIVER_RESP = 0x80000009;

interface FloodStats {
  /** enquire_link PDUs handed to write(). */
  written: number;
  /** Times write() returned false, and times 'drain' came after it. */
  refused: number;
  drains: number;
  /** ms from the start of the flood to the last write; the flood stalls when drain never comes. */
  lastWriteAt: number;
}

/**
 * Writes enquire_link PDUs as fast as the socket takes them until `until` (a performance.now()
 * time). Nothing is read: the caller has paused the socket.
 */
async function flood(socket: net.Socket, until: number): Promise<FloodStats> {
  const start = performance.now();
  const stats: FloodStats = { written: 0, refused: 0, drains: 0, lastWriteAt: 0 };
  let seq = 2;
  while (performance.now() < until && !socket.destroyed) {
    const buf = Buffer.allocUnsafe(16 * BATCH);
    for (let i = 0, o = 0; i < BATCH; i++, o += 16) {
      buf.writeUInt32BE(16, o);
      buf.writeUInt32BE(ENQUIRE_LINK, o + 4);
      buf.writeUInt32BE(0, o + 8);
      buf.writeUInt32BE(seq, o + 12);
      seq = seq >= 0x7fffffff ? 1 : seq + 1;
    }
    const accepted = socket.write(buf);
    stats.written += BATCH;
    stats.lastWriteAt = performance.now() - start;
    if (accepted) {
      // Let this process's other sockets (the well-behaved client) have their turn.
      await new Promise((resolve) => setImmediate(resolve));
      continue;
    }
    stats.refused++;
    if (!(await drainBefore(socket, until))) break;
    stats.drains++;
  }
  return stats;
}

/** Resolves true on 'drain', false when `until` passes or the socket closes first. */
function drainBefore(socket: net.Socket, until: number): Promise<boolean> {
  return new Promise((resolve) => {
    const done = (drained: boolean): void => {
      clearTimeout(timer);
      socket.off('drain', onDrain);
      socket.off('close', onClose);
      resolve(drained);
    };
    const onDrain = (): void => done(true);
    const onClose = (): void => done(false);
    const timer = setTimeout(() => done(false), Math.max(0, until - performance.now()));
    socket.on('drain', onDrain);
    socket.on('close', onClose);
  });
}

/** Reads one whole PDU from a socket that is still flowing, then pauses it; the PDU's header. */
function readOnePdu(socket: net.Socket): Promise<{ command_id: number; command_status: number; sequence_number: number }> {
  return new Promise((resolve, reject) => {
    let buf = Buffer.alloc(0);
    const onData = (chunk: Buffer): void => {
      buf = Buffer.concat([buf, chunk]);
      if (buf.length < 16 || buf.length < buf.readUInt32BE(0)) return;
      socket.off('data', onData);
      socket.off('close', onClose);
      socket.pause();
      resolve({ command_id: buf.readUInt32BE(4), command_status: buf.readUInt32BE(8), sequence_number: buf.readUInt32BE(12) });
    };
    const onClose = (): void => reject(new Error('the peer closed before a whole PDU came'));
    socket.on('data', onData);
    socket.once('close', onClose);
  });
}

function bindTransceiver(systemId: string): Uint8Array {
  return encode({ command: 'bind_transceiver', command_status: 0, sequence_number: 1, body: { system_id: systemId, password: 'bench', system_type: '', interface_version: 0x34, addr_ton: 0, addr_npi: 0, address_range: '' } });
}

/** A raw client that binds as a transceiver to 127.0.0.1:port, then floods without reading. */
async function hostileClient(port: number): Promise<{ socket: net.Socket; flood: (until: number) => Promise<FloodStats> }> {
  const socket = net.connect({ host: '127.0.0.1', port });
  socket.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  socket.write(bindTransceiver('hostile'));
  const resp = await readOnePdu(socket);
  if (resp.command_id !== BIND_TRANSCEIVER_RESP || resp.command_status !== 0) throw new Error(`the hostile client's bind was refused (command 0x${resp.command_id.toString(16)}, status 0x${resp.command_status.toString(16)})`);
  return { socket, flood: (until) => flood(socket, until) };
}

/**
 * A raw SMSC on 127.0.0.1 for one ESME: it answers the bind_transceiver and, once `go` is called,
 * floods enquire_link for FLOOD_MS without ever reading again. `flooded` resolves once the flood is over.
 */
async function hostileSmsc(): Promise<{ port: number; go: () => void; flooded: Promise<{ stats: FloodStats; socket: net.Socket }>; close: () => void }> {
  const server = net.createServer();
  let go = (): void => undefined;
  const started = new Promise<void>((resolve) => (go = resolve));
  const flooded = new Promise<{ stats: FloodStats; socket: net.Socket }>((resolve, reject) => {
    server.once('connection', (socket) => {
      socket.on('error', () => undefined);
      readOnePdu(socket)
        .then(async (bind) => {
          socket.write(encode({ command: 'bind_transceiver_resp', command_status: 0, sequence_number: bind.sequence_number, body: { system_id: 'HOSTILE' } }));
          await started;
          resolve({ stats: await flood(socket, performance.now() + FLOOD_MS), socket });
        })
        .catch(reject);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as net.AddressInfo).port, go, flooded, close: () => server.close() };
}

interface Served {
  bound: boolean;
  served: number;
  failed: number;
  rtts: number[];
}

/** A well-behaved EsmeSession: binds, then one enquire_link round trip every PERIOD_MS until `until`. */
async function wellBehaved(port: number, until: number): Promise<Served> {
  const out: Served = { bound: false, served: 0, failed: 0, rtts: [] };
  const s = new EsmeSession({
    connector: tcpConnector({ host: '127.0.0.1', port, connectTimeout: 5_000 }),
    bind: { type: 'transceiver', system_id: 'good', password: 'good' },
    enquireLinkInterval: 0,
    responseTimeout: 5_000,
    window: 10,
    reconnect: false,
  });
  try {
    await s.bind();
    out.bound = true;
  } catch {
    s.close();
    return out;
  }
  while (performance.now() < until) {
    const t0 = performance.now();
    try {
      await s.enquireLink();
      out.rtts.push(performance.now() - t0);
      out.served++;
    } catch {
      out.failed++;
    }
    await sleep(Math.max(0, Math.min(PERIOD_MS - (performance.now() - t0), until - performance.now())));
  }
  await Promise.race([s.unbind().catch(() => undefined), sleep(2_000)]);
  s.close();
  return out;
}

interface Run {
  report: RoleReport;
  flood: FloodStats;
  good?: Served;
}

async function runEsme(): Promise<Run> {
  const smsc = await hostileSmsc();
  const esme = await startRole('esme', String(smsc.port));
  // The ESME is bound and has measured its RSS at rest: now the flood.
  smsc.go();
  const { stats, socket } = await smsc.flooded;
  const report = await esme.finish();
  socket.destroy();
  smsc.close();
  return { report, flood: stats };
}

/** The hostile client and the well-behaved one against whatever listens on `port`. */
async function floodWithGuest(port: number): Promise<{ flood: FloodStats; good: Served; hostile: net.Socket }> {
  const hostile = await hostileClient(port);
  const until = performance.now() + FLOOD_MS;
  const flooding = hostile.flood(until);
  await sleep(GOOD_DELAY_MS);
  const good = await wellBehaved(port, until);
  return { flood: await flooding, good, hostile: hostile.socket };
}

async function runSimulator(): Promise<Run> {
  const sim = await startRole('simulator');
  const { flood, good, hostile } = await floodWithGuest(sim.port);
  const report = await sim.finish();
  hostile.destroy();
  return { report, flood, good };
}

async function runProxy(): Promise<Run> {
  const sim = await startSimulatorServer();
  try {
    const proxy = await startRole('proxy', String(sim.port));
    const { flood, good, hostile } = await floodWithGuest(proxy.port);
    const report = await proxy.finish();
    hostile.destroy();
    return { report, flood, good };
  } finally {
    await stopServer(sim);
  }
}

const ROLES: { name: string; label: string; run: () => Promise<Run> }[] = [
  { name: 'esme', label: 'ESME (EsmeSession)', run: runEsme },
  { name: 'simulator', label: 'simulator (SmscSimulator)', run: runSimulator },
  { name: 'proxy', label: 'proxy (SmppProxy + capture)', run: runProxy },
];

/** `--role=proxy` (or esme, simulator) runs that role alone. */
const only = process.argv.find((a) => a.startsWith('--role='))?.slice('--role='.length);

runBench(async () => {
  const results: { label: string; runs: Run[] }[] = [];
  for (const role of ROLES.filter((r) => only === undefined || r.name === only)) {
    const all: Run[] = [];
    for (let r = 0; r < RUNS; r++) all.push(await role.run());
    results.push({ label: role.label, runs: all });
  }

  const expected = Math.floor((FLOOD_MS - GOOD_DELAY_MS) / PERIOD_MS);
  console.log(`enquire_link flood for ${FLOOD_MS / 1000} s from a peer that never reads; each role in its own process; median of ${RUNS} runs`);
  console.log(`well-behaved client: an EsmeSession binding ${GOOD_DELAY_MS} ms into the flood, one enquire_link every ${PERIOD_MS} ms (about ${expected} in the flood), 5 s timeout`);
  console.log(`${'role'.padEnd(30)}${'ready MB'.padStart(9)}${'peak RSS MB'.padStart(13)}${'goal'.padStart(11)}${'well-behaved served'.padStart(22)}${'rtt p50/max ms'.padStart(16)}${'flood PDUs written'.padStart(20)}`);
  for (const { label, runs: rs } of results) {
    const peak = median(rs.map((r) => peakRss(r.report)));
    const ready = median(rs.map((r) => r.report.rssReady));
    const goal = `< ${GOAL_MB} ${peak / 1024 / 1024 < GOAL_MB ? 'ok' : 'OVER'}`;
    const goods = rs.map((r) => r.good).filter((g): g is Served => g !== undefined);
    const served = goods.length === 0 ? '—' : `${thousands(median(goods.map((g) => g.served)))} of ${thousands(median(goods.map((g) => g.served + g.failed)))}${goods.every((g) => g.bound) ? '' : ' (a bind failed)'}`;
    const rtt = goods.length === 0 ? '—' : `${median(goods.map((g) => median(g.rtts))).toFixed(1)}/${median(goods.map((g) => (g.rtts.length ? Math.max(...g.rtts) : NaN))).toFixed(0)}`;
    const written = thousands(median(rs.map((r) => r.flood.written)));
    console.log(`${label.padEnd(30)}${mb(ready).padStart(9)}${mb(peak).padStart(13)}${goal.padStart(11)}${served.padStart(22)}${rtt.padStart(16)}${written.padStart(20)}`);
  }
  console.log('each run:');
  for (const { label, runs: rs } of results) {
    const each = rs.map((r) => {
      const g = r.good ? `, served ${r.good.served}/${r.good.served + r.good.failed}` : '';
      const stall = r.flood.drains === 0 || r.flood.lastWriteAt < FLOOD_MS - 500 ? `, writes stalled at ${(r.flood.lastWriteAt / 1000).toFixed(1)} s` : '';
      const cap = r.report.captured !== undefined ? `, capture ${thousands(r.report.captured)}` : '';
      const held = r.report.heapAfterGc !== undefined ? `, ${mb(r.report.heapAfterGc)} after gc` : '';
      return `${mb(peakRss(r.report))} MB (heap ≤ ${mb(r.report.heapSampled)}${held}${g}, flood ${thousands(r.flood.written)} written, ${r.flood.drains} drains${stall}${cap})`;
    });
    console.log(`  ${label}: ${each.join(' · ')}`);
  }
});
