// The near-zero-cost SMPP peers of the benchmarks. The raw client writes pre-encoded submit_sm
// frames in batches and only frames and counts what comes back, never decoding it; the raw
// server (bench/servers/raw.ts) answers from pre-encoded responses. Either one makes the peer it
// is measured against the bottleneck, and the two together are the I/O ceiling of the machine.
import { once } from 'node:events';
import * as net from 'node:net';
import { encode } from '../src/smpp/codec';
import { SUBMIT_BODY, WINDOW, secondsSince } from './shared';

export const COMMAND = {
  bind_transceiver: 0x00000009,
  submit_sm: 0x00000004,
  unbind: 0x00000006,
  unbind_resp: 0x80000006,
} as const;

/** Calls `onFrame(bytes, offset)` for each whole frame of a byte stream, whatever the chunks; never decodes. */
export class FrameCounter {
  private carry: Buffer | undefined;

  push(chunk: Buffer, onFrame: (bytes: Buffer, at: number) => void): void {
    let bytes = chunk;
    if (this.carry !== undefined) {
      bytes = Buffer.concat([this.carry, chunk]);
      this.carry = undefined;
    }
    let at = 0;
    while (bytes.length - at >= 4) {
      const length = bytes.readUInt32BE(at);
      if (length < 16) throw new Error(`a frame of ${length} octets cannot be SMPP`);
      if (bytes.length - at < length) break;
      onFrame(bytes, at);
      at += length;
    }
    if (at < bytes.length) this.carry = Buffer.from(bytes.subarray(at));
  }
}

/** A frame written with another sequence number: a fresh copy, since a written buffer may still be queued. */
export function withSequence(frame: Uint8Array, seq: number): Buffer {
  const b = Buffer.from(frame);
  b.writeUInt32BE(seq, 12);
  return b;
}

/** How many submit_sm frames the client's ring holds; far more than a window, so a slot is answered before it is written again. */
const RING = 8192;

/**
 * The raw client: binds as a transceiver, keeps `window` pre-encoded submit_sm in flight until `n`
 * are answered (each batch of responses read is followed by one write of as many submits), then
 * unbinds. msg/s from the first submit to the n-th response.
 */
export async function rawSubmits(port: number, n: number, window = WINDOW): Promise<number> {
  const socket = net.connect({ host: '127.0.0.1', port });
  socket.setNoDelay(true);
  await once(socket, 'connect');
  const submit = encode({ command: 'submit_sm', sequence_number: 1, body: SUBMIT_BODY });
  const size = submit.length;
  const ring = Buffer.alloc(RING * size);
  for (let i = 0; i < RING; i++) {
    ring.set(submit, i * size);
    ring.writeUInt32BE(i + 2, i * size + 12);
  }
  let slot = 0;
  const writeSubmits = (k: number): void => {
    while (k > 0) {
      const m = Math.min(k, RING - slot);
      socket.write(ring.subarray(slot * size, (slot + m) * size));
      slot = (slot + m) % RING;
      k -= m;
    }
  };
  const frames = new FrameCounter();
  let bound: () => void = () => undefined;
  let finished: () => void = () => undefined;
  let sent = 0;
  let done = -1; // the bind_resp is the first frame back
  const onData = (chunk: Buffer): void => {
    let k = 0;
    frames.push(chunk, () => k++);
    if (done < 0) {
      done += k;
      if (done >= 0) bound();
      return;
    }
    done += k;
    if (done >= n) return finished();
    const more = Math.min(k, n - sent);
    sent += more;
    writeSubmits(more);
  };
  socket.on('data', onData);
  const bindFrame = encode({ command: 'bind_transceiver', sequence_number: 1, body: { system_id: 'bench', password: 'bench', interface_version: 0x34 } });
  await new Promise<void>((resolve) => {
    bound = resolve;
    socket.write(bindFrame);
  });
  const start = process.hrtime.bigint();
  await new Promise<void>((resolve) => {
    finished = resolve;
    sent = Math.min(window, n);
    writeSubmits(sent);
  });
  const seconds = secondsSince(start);
  socket.off('data', onData);
  await unbindAndClose(socket);
  return n / seconds;
}

/** Sends unbind and waits for unbind_resp (or for the peer to close), then closes. */
async function unbindAndClose(socket: net.Socket): Promise<void> {
  const frames = new FrameCounter();
  const answered = new Promise<void>((resolve) => {
    socket.on('data', (chunk: Buffer) => frames.push(chunk, (b, at) => b.readUInt32BE(at + 4) === COMMAND.unbind_resp && resolve()));
    socket.once('close', () => resolve());
  });
  socket.write(encode({ command: 'unbind', sequence_number: 0x7fffffff, body: {} }));
  await answered;
  socket.destroy();
}
