// The transport's write policy, on a socket stand-in that records what leaves in each write (a
// write made while corked leaves with the others at the uncork): at low load a request is written
// at once when none awaits a response and otherwise waits for the peer's next response (bounded in
// time and size); under load a turn's requests leave in one write; responses are never held.
import assert from 'node:assert/strict';
import { EventEmitter, once } from 'node:events';
import type * as net from 'node:net';
import { describe, it } from 'node:test';
import { encode } from '../../../src/smpp/codec';
import { LOAD_OUTSTANDING, MAX_HELD_OCTETS, ResponseCounter, socketTransport } from '../../../src/smpp/link/transport';

/** Records writes: `flushes` holds, per write that reached the "kernel", the sequence numbers it carried. */
class SocketSpy extends EventEmitter {
  readonly flushes: number[][] = [];
  destroyed = false;
  remoteAddress = '127.0.0.1';
  remotePort = 2775;
  writableLength = 0;
  private corks = 0;
  private pending: number[] = [];

  setNoDelay(): this {
    return this;
  }
  cork(): void {
    this.corks++;
  }
  uncork(): void {
    if (this.corks > 0 && --this.corks === 0) this.flush();
  }
  write(bytes: Uint8Array): boolean {
    this.pending.push(Buffer.from(bytes).readUInt32BE(12));
    if (this.corks === 0) this.flush();
    return true;
  }
  end(): void {}
  destroy(): void {
    this.destroyed = true;
  }
  pause(): void {}
  resume(): void {}
  private flush(): void {
    if (this.pending.length === 0) return;
    this.flushes.push(this.pending);
    this.pending = [];
    this.emit('flushed');
  }
  /** Resolves once `count` writes have left. */
  async flushed(count: number): Promise<void> {
    while (this.flushes.length < count) await once(this, 'flushed');
  }
  /** The peer answers: its bytes arrive. */
  receive(...frames: Uint8Array[]): void {
    this.emit('data', Buffer.concat(frames));
  }
}

const submit = (seq: number): Uint8Array => encode({ command: 'submit_sm', sequence_number: seq, body: { destination_addr: '447700900001', short_message: 'x' } });
const submitResp = (seq: number): Uint8Array => encode({ command: 'submit_sm_resp', sequence_number: seq, body: { message_id: String(seq) } });
const deliverResp = (seq: number): Uint8Array => encode({ command: 'deliver_sm_resp', sequence_number: seq, body: {} });

/** A transport on a spy, and the submit_sm with these sequence numbers written to it in this turn. */
function transportOn(...seqs: number[]): { spy: SocketSpy; transport: ReturnType<typeof socketTransport> } {
  const spy = new SocketSpy();
  const transport = socketTransport(spy as unknown as net.Socket);
  for (const seq of seqs) transport.write(submit(seq));
  return { spy, transport };
}

describe('the write policy', () => {
  it('at low load writes a request at once, and the next when the peer has answered: each in its own write', async () => {
    const { spy, transport } = transportOn(1, 2, 3);
    await spy.flushed(1);
    assert.deepEqual(spy.flushes, [[1]], 'the second and third wait for an answer');
    assert.equal(transport.writableLength, submit(2).length + submit(3).length, 'what is held counts as queued');
    spy.receive(submitResp(1));
    await spy.flushed(2);
    assert.deepEqual(spy.flushes, [[1], [2]]);
    spy.receive(submitResp(2));
    await spy.flushed(3);
    assert.deepEqual(spy.flushes, [[1], [2], [3]]);
    assert.equal(transport.writableLength, 0);
    transport.destroy();
  });

  it('writes a held request anyway when the peer does not answer in time', async () => {
    const { spy, transport } = transportOn(1, 2, 3);
    await spy.flushed(2);
    assert.deepEqual(spy.flushes, [[1], [2, 3]]);
    transport.destroy();
  });

  it('writes what is held at once, together, once it reaches MAX_HELD_OCTETS', async () => {
    const { spy, transport } = transportOn();
    transport.write(submit(1));
    const each = submit(2).length;
    const n = Math.ceil(MAX_HELD_OCTETS / each);
    for (let i = 0; i < n; i++) transport.write(submit(2 + i));
    await spy.flushed(1);
    assert.deepEqual(spy.flushes, [[1, ...Array.from({ length: n }, (_, i) => 2 + i)]], 'one write, in order');
    transport.destroy();
  });

  it('under load writes the requests of one turn in one write', async () => {
    const { spy, transport } = transportOn();
    // Unanswered, the first goes alone and the rest once the hold ends: LOAD_OUTSTANDING now await answers.
    for (let i = 1; i <= LOAD_OUTSTANDING; i++) transport.write(submit(i));
    await spy.flushed(2);
    assert.deepEqual(spy.flushes, [[1], Array.from({ length: LOAD_OUTSTANDING - 1 }, (_, i) => 2 + i)]);
    // LOAD_OUTSTANDING requests await answers: fifty more leave in one write, in the turn they were made.
    for (let i = 100; i < 150; i++) transport.write(submit(i));
    await spy.flushed(3);
    assert.deepEqual(spy.flushes[2], Array.from({ length: 50 }, (_, i) => 100 + i));
    // An answer leaves it under load: the requests still go at once.
    spy.receive(submitResp(1));
    transport.write(submit(150));
    await spy.flushed(4);
    assert.deepEqual(spy.flushes[3], [150]);
    transport.destroy();
  });

  it('never holds a response: those of one turn leave together, at once, while a request waits', async () => {
    const { spy, transport } = transportOn();
    transport.write(submit(1));
    await spy.flushed(1);
    transport.write(deliverResp(7));
    transport.write(deliverResp(8));
    await spy.flushed(2);
    assert.deepEqual(spy.flushes, [[1], [7, 8]]);
    transport.destroy();
  });

  it('counts responses across any chunks, reading only the headers', () => {
    const counter = new ResponseCounter();
    const stream = Buffer.concat([submitResp(1), submit(2), submitResp(3), submitResp(4)]);
    let counted = 0;
    for (let i = 0; i < stream.length; i += 5) counted += counter.count(stream.subarray(i, i + 5));
    assert.equal(counted, 3);
    assert.equal(new ResponseCounter().count(stream), 3);
  });
});
