// What the decoder page is sent of the capture: the snapshot in chunks when the page starts, new
// records batched after it (never before it), a clear, and a restart that abandons a snapshot
// half sent. The page's side is the real CaptureModel, fed every message through the guard.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CaptureFeed, type CaptureMessage, type FeedScheduler } from '../../../src/decoder/captureFeed';
import { isHostToWebview } from '../../../src/shared/decoderMessages';
import { CaptureStore } from '../../../src/smpp/capture';
import type { PduEvent } from '../../../src/smpp/session/esme';
import { CaptureModel } from '../../../webview/captureModel';

/** Runs deferred work and timers only when the test says so. */
class StepScheduler implements FeedScheduler {
  deferred: (() => void)[] = [];
  timers: { fn: () => void; live: boolean }[] = [];
  defer(fn: () => void): void {
    this.deferred.push(fn);
  }
  after(_ms: number, fn: () => void): () => void {
    const t = { fn, live: true };
    this.timers.push(t);
    return () => void (t.live = false);
  }
  /** Runs one turn of deferred work; false when there was none. */
  turn(): boolean {
    const work = this.deferred.splice(0);
    for (const fn of work) fn();
    return work.length > 0;
  }
  fireTimers(): void {
    for (const t of this.timers.splice(0)) if (t.live) t.fn();
  }
}

let nextId = 1;
function enquireLink(seq: number): PduEvent {
  const bytes = new Uint8Array([0, 0, 0, 16, 0, 0, 0, 0x15, 0, 0, 0, 0, 0, 0, 0, seq & 0xff]);
  return { id: nextId++, direction: 'out', timestamp: 1_700_000_000_000 + seq, bytes, command: 'enquire_link', command_id: 0x15, command_status: 0, sequence_number: seq } as PduEvent;
}

function setup(records: number, chunk = 100) {
  const store = new CaptureStore(100_000);
  for (let i = 1; i <= records; i++) store.add('c', enquireLink(i));
  const sent: CaptureMessage[] = [];
  const page = new CaptureModel(10);
  const scheduler = new StepScheduler();
  const feed = new CaptureFeed(
    store,
    (m) => {
      assert.ok(isHostToWebview(m), `a ${m.type} message passes the page's guard`);
      sent.push(m);
      if (m.type === 'captureSnapshot') page.reset(m.records, m.capacity);
      else if (m.type === 'captureRecords') page.add(m.records);
      else page.clear();
    },
    { chunk, scheduler },
  );
  return { store, sent, page, scheduler, feed };
}

const seqs = (page: CaptureModel): number[] => page.all().map((r) => r.seq);
const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('the capture sent to the decoder page', () => {
  it('goes as a snapshot of at most `chunk` rows, then one chunk a turn, until the page holds all of it', () => {
    const f = setup(1050);
    f.feed.start();
    assert.equal(f.sent.length, 1);
    assert.equal(f.sent[0]!.type, 'captureSnapshot');
    while (f.scheduler.turn());
    assert.deepEqual(f.sent.map((m) => (m.type === 'captureCleared' ? 0 : m.records.length)), [100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 50]);
    assert.deepEqual(seqs(f.page), range(1, 1050));
    assert.equal(f.feed.sendingSnapshot, false);
  });

  it('holds records captured while the snapshot goes out until its last chunk, then sends them in order', () => {
    const f = setup(250);
    f.feed.start();
    f.store.add('c', enquireLink(251));
    f.scheduler.fireTimers();
    f.store.add('c', enquireLink(252));
    assert.equal(f.sent.length, 1, 'nothing overtakes the snapshot');
    while (f.scheduler.turn());
    assert.deepEqual(seqs(f.page), range(1, 252));
    assert.deepEqual(f.sent.map((m) => m.type), ['captureSnapshot', 'captureRecords', 'captureRecords', 'captureRecords']);
  });

  it('batches records after the snapshot, and sends nothing before the page has started', () => {
    const f = setup(0);
    f.store.add('c', enquireLink(1));
    f.scheduler.fireTimers();
    assert.equal(f.sent.length, 0);
    f.feed.start();
    assert.deepEqual(seqs(f.page), [1]);
    f.store.add('c', enquireLink(2));
    f.store.add('c', enquireLink(3));
    assert.equal(f.sent.length, 1, 'new records wait for their batch');
    f.scheduler.fireTimers();
    assert.equal(f.sent.length, 2);
    assert.deepEqual(seqs(f.page), [1, 2, 3]);
  });

  it('a page that restarts mid-snapshot gets a fresh one, and the old one stops', () => {
    const f = setup(300);
    f.feed.start();
    f.scheduler.turn();
    f.feed.start();
    while (f.scheduler.turn());
    assert.deepEqual(seqs(f.page), range(1, 300));
    assert.deepEqual(f.sent.map((m) => m.type), ['captureSnapshot', 'captureRecords', 'captureSnapshot', 'captureRecords', 'captureRecords']);
  });

  it('a clear mid-snapshot abandons it: the page is cleared and gets only what comes after', () => {
    const f = setup(300);
    f.feed.start();
    f.store.clear();
    f.store.add('c', enquireLink(1000));
    while (f.scheduler.turn());
    f.scheduler.fireTimers();
    assert.deepEqual(seqs(f.page), [1000]);
    assert.deepEqual(f.sent.map((m) => m.type), ['captureSnapshot', 'captureCleared', 'captureRecords']);
  });

  it('sends nothing once disposed', () => {
    const f = setup(300);
    f.feed.start();
    f.feed.dispose();
    f.store.add('c', enquireLink(301));
    while (f.scheduler.turn());
    f.scheduler.fireTimers();
    assert.equal(f.sent.length, 1);
  });
});
