// Bounds: every table the tracker keeps has its cap, whatever the traffic: parts that never find
// their siblings, submits never answered, receipts for ids never seen, and more messages than it
// keeps. Bad bytes are skipped, never thrown.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MessageTracker } from '../../../src/smpp/messages/index';
import { receipt, resp, sm, udhPart } from './build';

describe('messages: bounds', () => {
  it('parts awaiting their siblings, unanswered submits and unmatched receipts stay within their caps', () => {
    const t = new MessageTracker({ maxOpenParts: 100, maxPending: 500, maxMessages: 2000 });
    let id = 0;
    const add = (bytes: Uint8Array, direction: 'in' | 'out'): void => t.add({ id: ++id, connection: 'c', direction, timestamp: id, bytes });
    for (let i = 0; i < 5000; i++) {
      // Part 1 of 2 of a message whose part 2 never comes, each with another destination.
      add(udhPart(i + 1, i & 0xff, 2, 1, 'x'), 'out');
      // A receipt for an id no submit has.
      add(receipt({ seq: i + 1, id: `nobody${i}` }), 'in');
    }
    const sizes = t.pendingSizes();
    assert.ok(sizes.open <= 100, JSON.stringify(sizes));
    assert.ok(sizes.requests <= 1000, JSON.stringify(sizes));
    assert.ok(sizes.receipts <= 500, JSON.stringify(sizes));
    assert.equal(t.size, 2000);
    const list = t.messages();
    assert.equal(list.length, 2000);
    // The newest kept, oldest first.
    assert.ok(list[0]!.key < list[list.length - 1]!.key);
    assert.equal(list[list.length - 1]!.pduIds[0], id);
  });

  it('message ids awaiting receipts are capped; a receipt for a forgotten id is one without its submit', () => {
    const t = new MessageTracker({ maxPending: 10 });
    let id = 0;
    const add = (bytes: Uint8Array, direction: 'in' | 'out'): void => t.add({ id: ++id, connection: 'c', direction, timestamp: id, bytes });
    for (let i = 0; i < 50; i++) {
      add(sm({ seq: i + 1, short_message: `m${i}` }), 'out');
      add(resp('submit_sm_resp', i + 1, `id${i}`), 'in');
    }
    assert.ok(t.pendingSizes().ids <= 10);
    add(receipt({ seq: 1, id: 'id49' }), 'in');
    add(receipt({ seq: 2, id: 'id0' }), 'in');
    const list = t.messages();
    assert.equal(list.length, 51);
    assert.equal(list[49]!.state, 'DELIVRD');
    assert.equal(list[50]!.orphan, true);
  });

  it('skips bytes that are no PDU, truncated PDUs and unknown commands without throwing', () => {
    const t = new MessageTracker();
    const junk = [new Uint8Array(0), Uint8Array.of(0, 0, 0, 16, 0, 0, 0, 4), Uint8Array.of(0, 0, 0, 16, 0x7f, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1), sm({ seq: 1, short_message: 'ok' }).subarray(0, 30)];
    for (const [i, bytes] of junk.entries()) assert.doesNotThrow(() => t.add({ id: i + 1, connection: 'c', direction: 'out', timestamp: 0, bytes }));
    // The truncated submits are read as far as they go; the rest is no message.
    assert.deepEqual(
      t.messages().map((m) => m.pduIds),
      [[2], [4]],
    );
  });

  it('takes 200 000 records in one pass without growing its tables past their caps', () => {
    const t = new MessageTracker();
    let id = 0;
    const submit = sm({ seq: 1, short_message: 'load' });
    const answer = resp('submit_sm_resp', 1, 'x');
    for (let i = 0; i < 100_000; i++) {
      t.add({ id: ++id, connection: 'c', direction: 'out', timestamp: id, bytes: submit });
      t.add({ id: ++id, connection: 'c', direction: 'in', timestamp: id, bytes: answer });
    }
    assert.equal(t.size, 100_000);
    const sizes = t.pendingSizes();
    // Every submit was answered: nothing awaits a response.
    assert.equal(sizes.requests, 0, JSON.stringify(sizes));
    assert.equal(t.messages().length, 100_000);
  });
});
