// Test support for the analyser proxy: a proxy on a free loopback port with a capture attached,
// node-smpp's client as "the user's application", and a bare SMSC that sends exactly the bytes
// it is told to. Everything registers its shutdown with the test, so sockets close on failure.
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import * as net from 'node:net';
import type { TestContext } from 'node:test';
import { CaptureStore, type CaptureRecord } from '../../../src/smpp/capture';
import { attachProxyCapture } from '../../../src/smpp/proxy/capture';
import { SmppProxy, type ProxyOptions } from '../../../src/smpp/proxy/proxy';
import type { ProxyClientClosed, ProxyWarning } from '../../../src/smpp/proxy/types';
import type { Connector } from '../../../src/smpp/link/transport';
import type { CommandName } from '../../../src/smpp/tables/commands';
import { ManualClock } from '../../support/manualClock';
import { connectNodeSmpp, type NsPdu, type NsSession } from '../../support/nodeSmppClient';
import { RawSmppClient } from '../../support/rawSmppClient';
import { EventLog } from '../../support/waitFor';

export interface RunningProxy {
  proxy: SmppProxy;
  port: number;
  capture: CaptureStore;
  /** The proxy's clock: a manual one, so that a timer left behind shows as `clock.pending`. */
  clock: ManualClock;
  warnings: EventLog<ProxyWarning>;
  closedClients: EventLog<ProxyClientClosed>;
}

/** A proxy on a free loopback port, its PDUs in a capture; closed when the test ends. */
export async function startProxy(t: TestContext, upstream: Connector, options: Partial<ProxyOptions> = {}): Promise<RunningProxy> {
  const clock = new ManualClock();
  const proxy = new SmppProxy({ port: 0, upstream, clock, ...options });
  const capture = new CaptureStore();
  const detach = attachProxyCapture(proxy, capture, 'proxy');
  const warnings = new EventLog<ProxyWarning>(proxy, 'warning');
  const closedClients = new EventLog<ProxyClientClosed>(proxy, 'clientClosed');
  t.after(async () => {
    // close() waits for each peer to answer the proxy's unbind; a peer that never does (a test
    // that failed half way) is cut after responseTimeout, which passes on the manual clock here.
    let closed = false;
    const closing = proxy.close().then(() => (closed = true));
    while (!closed) {
      await new Promise((resolve) => setImmediate(resolve));
      if (!closed) clock.advance(10_000);
    }
    await closing;
    detach();
    warnings.stop();
    closedClients.stop();
  });
  const { port } = await proxy.listen();
  return { proxy, port, capture, clock, warnings, closedClients };
}

/** Waits until the proxy has no client left, then checks nothing is pending anywhere in it. */
export async function assertNothingLeft(p: RunningProxy, clients = 1): Promise<void> {
  await p.closedClients.waitCount(clients);
  assert.equal(p.proxy.clientCount, 0);
  assert.equal(p.proxy.outstanding, 0);
  assert.equal(p.clock.pending, 0, 'a timer of the proxy is still set');
}

/** Every request on `leg` has its response and every response its request, on the same leg. */
export function assertPaired(records: readonly CaptureRecord[], leg: string): void {
  const onLeg = records.filter((r) => r.leg === leg);
  const byId = new Map(onLeg.map((r) => [r.id, r]));
  for (const r of onLeg) {
    if ((r.command_id & 0x80000000) !== 0) {
      if (r.command === 'generic_nack' && !r.request) {
        // A nack of a stream that could not be framed (sequence 0), or of a malformed response:
        // there is no request to pair it with.
        const answered = onLeg.some((x) => x.id < r.id && x.direction !== r.direction && (x.command_id & 0x80000000) !== 0 && x.sequence_number === r.sequence_number);
        assert.ok(r.sequence_number === 0 || answered, `${leg}: generic_nack seq ${r.sequence_number} answers a response or a broken stream`);
        continue;
      }
      assert.ok(r.request, `${leg}: ${r.command} seq ${r.sequence_number} is paired with a request`);
      const req = byId.get(r.request.id);
      assert.ok(req, `${leg}: the request of ${r.command} seq ${r.sequence_number} is on the same leg`);
      assert.equal(req.sequence_number, r.sequence_number);
      assert.equal(req.responseId, r.id);
      if (r.command !== 'generic_nack') assert.equal(r.command, `${req.command}_resp`);
      assert.ok(r.request.rtt >= 0);
    } else if (r.command !== 'alert_notification' && r.command !== 'outbind') {
      assert.ok(r.responseId !== undefined, `${leg}: ${r.command} seq ${r.sequence_number} got its response`);
    }
  }
}

export function commands(records: readonly CaptureRecord[], leg: string): string[] {
  return records.filter((r) => r.leg === leg).map((r) => r.command);
}

/** A copy of a PDU cut to `length` octets, with command_length saying so. */
export function truncated(bytes: Uint8Array, length: number): Uint8Array {
  const out = Buffer.from(bytes.subarray(0, length));
  out.writeUInt32BE(length, 0);
  return out;
}

// -----------------------------------------------------------------------------------------------
// node-smpp's client as the application
// -----------------------------------------------------------------------------------------------

export { call, nsText, type NsPdu, type NsSession } from '../../support/nodeSmppClient';

/** A node-smpp client connected to `port`, answering deliver_sm and enquire_link as an application does. */
export async function nodeSmppApp(t: TestContext, port: number): Promise<{ app: NsSession; closed: Promise<unknown> }> {
  const { client: app, closed } = await connectNodeSmpp(t, port);
  app.on('deliver_sm', (pdu: NsPdu) => app.send(pdu.response()));
  app.on('enquire_link', (pdu: NsPdu) => app.send(pdu.response()));
  return { app, closed };
}

// -----------------------------------------------------------------------------------------------
// A bare SMSC
// -----------------------------------------------------------------------------------------------

/** One connection accepted by RawSmsc: records what it reads, writes what it is told. */
export type RawPeer = RawSmppClient;

/** A TCP server whose connections are RawPeers; binds are accepted unless `autoBind` is false. */
export class RawSmsc {
  readonly peers: EventLog<RawPeer>;
  private readonly events = new EventEmitter();
  private readonly server: net.Server;
  private readonly open = new Set<RawPeer>();

  private constructor(autoBind: boolean) {
    this.peers = new EventLog<RawPeer>(this.events, 'peer');
    this.server = net.createServer((socket) => {
      const peer = RawSmppClient.accept(socket, 100);
      this.open.add(peer);
      void peer.closed.then(() => this.open.delete(peer));
      if (autoBind) {
        peer.on('pdu', (pdu) => {
          if (pdu.command.startsWith('bind_')) peer.send({ command: `${pdu.command}_resp` as CommandName, sequence_number: pdu.sequence_number, body: { system_id: 'RAWSMSC' } });
          if (pdu.command === 'unbind') {
            peer.send({ command: 'unbind_resp', sequence_number: pdu.sequence_number, body: {} });
            socket.end();
          }
        });
      }
      this.events.emit('peer', peer);
    });
  }

  static async start(t: TestContext, autoBind = true): Promise<{ smsc: RawSmsc; port: number }> {
    const smsc = new RawSmsc(autoBind);
    t.after(() => smsc.close());
    await new Promise<void>((resolve) => smsc.server.listen(0, '127.0.0.1', resolve));
    return { smsc, port: (smsc.server.address() as net.AddressInfo).port };
  }

  async close(): Promise<void> {
    this.peers.stop();
    const closing = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const p of this.open) p.destroy();
    await closing;
  }
}
