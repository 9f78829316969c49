// Response timers without a timer per request: one queue and one clock timer per timeout value.
// Requests fall due in the order they were sent; answered ones never fire; the queue stays about
// as large as what is outstanding, however the answers are ordered.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Deadlines, type Deadline } from '../../../src/smpp/link/deadlines';
import { ManualClock } from '../../support/manualClock';

interface Item extends Deadline {
  name: string;
}

function item(name: string): Item {
  return { name, due: 0, settled: true, lane: undefined };
}

describe('deadlines', () => {
  it('fires each unanswered request once, at its own time, in order, with one clock timer per timeout', () => {
    const clock = new ManualClock();
    const fired: string[] = [];
    const d = new Deadlines<Item>(clock, (i) => fired.push(`${i.name}@${clock.now() - Date.UTC(2026, 0, 1)}`));
    const a = item('a');
    const b = item('b');
    const c = item('c');
    const k = item('k');
    d.add(a, 1000);
    clock.advance(100);
    d.add(b, 1000);
    d.add(k, 300); // another timeout value: its own queue
    clock.advance(100);
    d.add(c, 1000);
    assert.equal(clock.pending, 2, 'one timer per timeout value, not per request');
    d.settle(b); // answered: never fires
    clock.advance(2000);
    assert.deepEqual(fired, ['k@400', 'a@1000', 'c@1200']);
    assert.equal(clock.pending, 0);
    d.settle(a); // settling what already fired changes nothing
    assert.deepEqual(fired.length, 3);
  });

  it('stays bounded when answers come out of order behind one request that never is', () => {
    const clock = new ManualClock();
    const fired: string[] = [];
    const d = new Deadlines<Item>(clock, (i) => fired.push(i.name));
    const stuck = item('stuck');
    d.add(stuck, 10_000);
    for (let i = 0; i < 100_000; i++) {
      const x = item(`m${i}`);
      d.add(x, 10_000);
      d.settle(x);
    }
    const lane = stuck.lane as { items: unknown[] };
    assert.ok(lane.items.length < 5_000, `${lane.items.length} entries held for 1 outstanding request`);
    clock.advance(10_000);
    assert.deepEqual(fired, ['stuck']);
  });

  it('clear() stops every timer', () => {
    const clock = new ManualClock();
    const d = new Deadlines<Item>(clock, () => assert.fail('nothing falls due after clear'));
    d.add(item('a'), 1000);
    d.add(item('b'), 2000);
    d.clear();
    assert.equal(clock.pending, 0);
    clock.advance(5000);
  });
});
