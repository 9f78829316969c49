// The simulator's log: a line for each event while attached, none after it is detached; the lines
// of one turn in one write, and nothing kept while the output is not read.
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { describe, it } from 'node:test';
import { attachLog, batchLines } from '../../../src/smpp/simulator/log';
import { esmeFor, startSmsc } from '../../support/smscHarness';
import { EventLog, next } from '../../support/waitFor';

describe('the simulator log', () => {
  it('writes a line per connection, bind, PDU and unbind, and nothing once detached', async (t) => {
    const s = await startSmsc(t);
    const lines: string[] = [];
    const detach = attachLog(s.sim, (line) => lines.push(line));
    const { session } = esmeFor(t, s.port, { bind: { system_id: 'logged' } });
    await session.bind();
    const gone = next(s.sim, 'disconnect');
    await session.unbind();
    await gone;
    assert.match(lines.find((l) => l.startsWith('connect ')) ?? '', /^connect 127\.0\.0\.1:\d+ \(connection \d+\)$/);
    assert.match(lines.find((l) => l.startsWith('bind ')) ?? '', /^bind 127\.0\.0\.1:\d+ transceiver system_id="logged" accepted$/);
    assert.ok(lines.some((l) => /^in +127\.0\.0\.1:\d+ bind_transceiver seq=1 status=ESME_ROK$/.test(l)), lines.join('\n'));
    assert.ok(lines.some((l) => /^unbind 127\.0\.0\.1:\d+ by the ESME$/.test(l)), lines.join('\n'));
    assert.ok(lines.some((l) => l.startsWith('disconnect ')), lines.join('\n'));

    detach();
    const count = lines.length;
    const again = esmeFor(t, s.port).session;
    await again.bind();
    await again.unbind();
    assert.equal(lines.length, count, 'no line after detaching');
  });
});

/** A sink that records each write, refuses (returns false) while `full`, and drains on demand. */
class Sink extends EventEmitter<{ write: [string] }> {
  readonly writes: string[] = [];
  full = false;
  private drainListeners: (() => void)[] = [];
  readonly log = new EventLog<string>(this, 'write');

  write = (text: string): boolean => {
    this.writes.push(text);
    this.emit('write', text);
    return !this.full;
  };

  onceDrain = (listener: () => void): void => {
    this.drainListeners.push(listener);
  };

  drain(): void {
    this.full = false;
    for (const l of this.drainListeners.splice(0)) l();
  }

  get waitingForDrain(): number {
    return this.drainListeners.length;
  }
}

describe('the simulator log, batched', () => {
  it('writes the lines of one turn of the event loop in one write, in order, each with its newline', async () => {
    const sink = new Sink();
    const lines = batchLines(sink);
    lines.line('one');
    lines.line('two');
    lines.line('three');
    assert.deepEqual(sink.writes, [], 'nothing is written during the turn');
    assert.equal(await sink.log.wait(), 'one\ntwo\nthree\n');
    lines.line('four');
    await sink.log.waitCount(2);
    assert.deepEqual(sink.writes, ['one\ntwo\nthree\n', 'four\n']);
    assert.equal(lines.skipped, 0);
  });

  it('while the output is full keeps nothing, counts the lines, and says how many once it drains', async () => {
    const sink = new Sink();
    const lines = batchLines(sink);
    sink.full = true;
    lines.line('a');
    await sink.log.wait();
    assert.equal(sink.waitingForDrain, 1, 'it waits for the drain');
    for (let i = 0; i < 50_000; i++) lines.line(`lost ${i}`);
    assert.equal(lines.skipped, 50_000);
    sink.drain();
    assert.equal((await sink.log.waitCount(2))[1], '… 50000 lines not shown (the output was not being read fast enough)\n');
    lines.line('b');
    assert.equal((await sink.log.waitCount(3))[2], 'b\n');
    assert.deepEqual(sink.writes, ['a\n', '… 50000 lines not shown (the output was not being read fast enough)\n', 'b\n']);
  });

  it('keeps at most maxQueued lines of one turn and counts the rest after them', async () => {
    const sink = new Sink();
    const lines = batchLines(sink, 3);
    for (const l of ['1', '2', '3', '4', '5']) lines.line(l);
    assert.equal(await sink.log.wait(), '1\n2\n3\n… 2 lines not shown (the output was not being read fast enough)\n');
    assert.equal(lines.skipped, 2);
  });

  it('flush() writes at once, and the turn then writes nothing more', async () => {
    const sink = new Sink();
    const lines = batchLines(sink);
    lines.line('now');
    lines.flush();
    assert.deepEqual(sink.writes, ['now\n']);
    lines.line('later');
    await sink.log.waitCount(2);
    assert.deepEqual(sink.writes, ['now\n', 'later\n']);
  });

  it('without perMessage logs connections, binds and unbinds but no PDU', async (t) => {
    const s = await startSmsc(t);
    const lines: string[] = [];
    t.after(attachLog(s.sim, (line) => lines.push(line), { perMessage: false }));
    const { session } = esmeFor(t, s.port, { bind: { system_id: 'quiet' } });
    await session.bind();
    await session.request('submit_sm', { destination_addr: '447700900001', short_message: 'q' });
    const gone = next(s.sim, 'disconnect');
    await session.unbind();
    await gone;
    assert.deepEqual(
      lines.map((l) => l.replace(/127\.0\.0\.1:\d+/, 'PEER').replace(/connection \d+/, 'connection N').replace(/: .*$/, '')),
      ['connect PEER (connection N)', 'bind PEER transceiver system_id="quiet" accepted', 'unbind PEER by the ESME', 'disconnect PEER'],
    );
  });
});
