// Sequence numbers run 1..0x7FFFFFFF and wrap back to 1, never 0.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { boundPair } from '../../support/smscHarness';

describe('sequence numbers', () => {
  it('wrap from 0x7FFFFFFF back to 1, and responses still pair', async (t) => {
    const { session, pdus } = await boundPair(t, {}, { initialSequence: 0x7ffffffd });
    // The bind took 0x7FFFFFFE.
    const rtts = [await session.enquireLink(), await session.enquireLink(), await session.enquireLink()];
    assert.equal(rtts.length, 3);
    const sent = pdus.items.filter((e) => e.direction === 'out').map((e) => e.sequence_number);
    assert.deepEqual(sent, [0x7ffffffe, 0x7fffffff, 1, 2]);
    const answered = pdus.items.filter((e) => e.direction === 'in').map((e) => [e.sequence_number, e.request !== undefined]);
    assert.deepEqual(answered, [[0x7ffffffe, true], [0x7fffffff, true], [1, true], [2, true]]);
    assert.equal(session.outstanding, 0);
  });
});
