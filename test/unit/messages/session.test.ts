// End to end over loopback TCP: our ESME session submits a long text in three parts, with a
// receipt asked for, to our SMSC simulator; the PDU events the session publishes (what the
// capture gets) go through the message tracker, which finds one message, delivered, in three
// parts, its text as sent.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MessageTracker } from '../../../src/smpp/messages/index';
import type { PduEvent } from '../../../src/smpp/session/esme';
import { submitText } from '../../../src/smpp/session/messaging';
import { boundPair } from '../../support/smscHarness';

const TEXT = 'Three parts from the session to the simulator and back as receipts: '.repeat(6).trim();

function record(e: PduEvent) {
  return { id: e.id, connection: 'Local simulator', direction: e.direction, timestamp: e.timestamp, bytes: e.bytes, ...(e.request ? { requestId: e.request.id } : {}) };
}

describe('messages: a session against the simulator', { timeout: 20_000 }, () => {
  for (const method of ['udh', 'sar'] as const) {
    it(`a 3-part text (${method}) with receipts is one message, DELIVRD, 3/3, its text as sent`, async (t) => {
      const { session, clock, pdus } = await boundPair(t, { deliveryReceiptDelay: 1000 });
      const result = await submitText(session, { to: '+447700900123', from: '447700900001', text: TEXT, receipt: true, method });
      assert.equal(result.parts.length, 3);
      clock.advance(1000);
      // Every receipt arrives and is answered.
      await pdus.waitCount(3, (e) => e.direction === 'out' && e.command === 'deliver_sm_resp');

      const tracker = new MessageTracker();
      for (const e of pdus.items) tracker.add(record(e));
      const messages = tracker.messages();
      assert.equal(messages.length, 1, JSON.stringify(messages.map((m) => [m.state, m.text])));
      const [m] = messages;
      assert.equal(m!.state, 'DELIVRD');
      assert.equal(m!.settled, true);
      assert.deepEqual([m!.received, m!.total, m!.missing, m!.duplicates], [3, 3, [], []]);
      assert.equal(m!.method, method === 'udh' ? 'udh8' : 'sar');
      assert.equal(m!.text, TEXT);
      assert.deepEqual([m!.from, m!.to], ['447700900001', '447700900123']);
      assert.deepEqual(m!.messageIds, result.parts.map((p) => p.messageId));
      assert.deepEqual(
        m!.parts.map((p) => [p.number, p.state, p.receipts.length]),
        [
          [1, 'DELIVRD', 1],
          [2, 'DELIVRD', 1],
          [3, 'DELIVRD', 1],
        ],
      );
      // 3 submits, 3 responses, 3 receipts, 3 answers to them.
      assert.equal(m!.pduIds.length, 12);
      assert.ok(m!.submitToReceiptMs !== undefined && m!.submitToReceiptMs >= 1000);
    });
  }
});
