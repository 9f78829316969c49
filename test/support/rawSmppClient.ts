// A bare SMPP peer over TCP for tests: sends exactly the bytes it is told to and records every
// PDU it receives, so tests can speak to the simulator in ways a well-behaved ESME never would.
import { EventEmitter } from 'node:events';
import * as net from 'node:net';
import { decode, encode, type DecodedPdu, type PduInput } from '../../src/smpp/codec';
import { PduFramer } from '../../src/smpp/framer';
import type { CommandName } from '../../src/smpp/tables/commands';
import { EventLog } from './waitFor';

interface RawEvents {
  pdu: [DecodedPdu];
}

export class RawSmppClient extends EventEmitter<RawEvents> {
  readonly received: EventLog<DecodedPdu>;
  /** Resolves when the socket has closed (by either side). */
  readonly closed: Promise<void>;
  /** PDUs received, by command, counted even after `stopRecording()`. */
  readonly counts = new Map<string, number>();
  private readonly framer = new PduFramer();
  private seq: number;
  framingError: Error | undefined;

  private constructor(
    private readonly socket: net.Socket,
    options: { firstSequence?: number; destroyOnFramingError?: boolean } = {},
  ) {
    super();
    this.seq = options.firstSequence ?? 0;
    this.received = new EventLog<DecodedPdu>(this, 'pdu');
    this.on('pdu', (pdu) => this.counts.set(pdu.command, (this.counts.get(pdu.command) ?? 0) + 1));
    this.closed = new Promise((resolve) => socket.once('close', () => resolve()));
    socket.on('error', () => undefined);
    socket.on('data', (chunk: Buffer) => {
      try {
        this.framer.push(chunk, (frame) => this.emit('pdu', decode(Buffer.from(frame)).pdu));
      } catch (err) {
        this.framingError = err as Error;
        if (options.destroyOnFramingError) socket.destroy();
      }
    });
  }

  /**
   * Wraps a socket a test server accepted (a bare SMSC side). Its requests start after
   * `firstSequence`; a stream that cannot be framed closes the socket.
   */
  static accept(socket: net.Socket, firstSequence = 0): RawSmppClient {
    return new RawSmppClient(socket, { firstSequence, destroyOnFramingError: true });
  }

  static connect(port: number, host = '127.0.0.1'): Promise<RawSmppClient> {
    return new Promise((resolve, reject) => {
      const socket = net.connect({ host, port });
      socket.once('error', reject);
      socket.once('connect', () => {
        socket.off('error', reject);
        resolve(new RawSmppClient(socket));
      });
    });
  }

  /** Sends a request (a fresh sequence_number unless given) or a response; returns its sequence_number. */
  send<C extends CommandName>(pdu: PduInput<C>): number {
    const sequence_number = pdu.sequence_number ?? ++this.seq;
    this.socket.write(encode({ ...pdu, sequence_number }));
    return sequence_number;
  }

  sendBytes(bytes: Uint8Array): void {
    this.socket.write(bytes);
  }

  /** Sends enquire_link; resolves with its response's status, or 'closed' if the connection closes first. */
  enquireLink(): Promise<number | 'closed'> {
    const seq = this.send({ command: 'enquire_link', body: {} });
    return Promise.race([this.response(seq).then((r) => r.command_status), this.closed.then(() => 'closed' as const)]);
  }

  /** Keeps counting, but no longer records each PDU (a flood would fill the heap). */
  stopRecording(): void {
    this.received.stop();
  }

  count(command: string): number {
    return this.counts.get(command) ?? 0;
  }

  /** Stops reading what the other side writes (it then backs up in TCP, then in the other side). */
  pauseReading(): void {
    this.socket.pause();
  }

  resumeReading(): void {
    this.socket.resume();
  }

  /** Octets this peer wrote that the other side has not taken yet. */
  get writableLength(): number {
    return this.socket.writableLength;
  }

  /**
   * Writes enquire_link requests as fast as the socket takes them, a batch per event-loop turn,
   * until `enough()` says stop or `maxPdus` are sent; resolves with how many were sent.
   */
  async floodEnquireLink(enough: () => boolean, maxPdus: number): Promise<number> {
    let sent = 0;
    while (sent < maxPdus && !enough() && !this.socket.destroyed) {
      const batch = Math.min(4096, maxPdus - sent);
      const bytes = Buffer.alloc(16 * batch);
      for (let i = 0; i < batch; i++) {
        bytes.writeUInt32BE(16, 16 * i);
        bytes.writeUInt32BE(0x00000015, 16 * i + 4);
        bytes.writeUInt32BE(++this.seq, 16 * i + 12);
      }
      this.socket.write(bytes);
      sent += batch;
      await new Promise((resolve) => setImmediate(resolve));
    }
    return sent;
  }

  /** The first received PDU that passes `predicate` (already received or still to come). */
  next(predicate: (pdu: DecodedPdu) => boolean): Promise<DecodedPdu> {
    return this.received.wait(predicate);
  }

  /** The response to the request with this sequence_number (including a generic_nack for it). */
  response(seq: number): Promise<DecodedPdu> {
    return this.next((p) => (p.command_id & 0x80000000) !== 0 && p.sequence_number === seq);
  }

  async bind(command: 'bind_transmitter' | 'bind_receiver' | 'bind_transceiver', system_id = 'test', password = 'test'): Promise<DecodedPdu> {
    const seq = this.send({ command, body: { system_id, password, interface_version: 0x34 } });
    return this.response(seq);
  }

  destroy(): void {
    this.socket.destroy();
  }

  async close(): Promise<void> {
    this.socket.destroy();
    await this.closed;
  }
}
