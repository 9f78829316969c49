// The capture store: records own their bytes, and requests pair with their responses through an
// index of the requests still waiting for one: a response takes its request out, and requests the
// ring dropped unanswered are written over, so the index stays within twice the ring however long
// the capture runs, over one connection or several, and when a publisher starts its event ids
// again.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readU32, writeU32 } from '../../../src/smpp/bytes';
import { CaptureStore } from '../../../src/smpp/capture';
import type { PduEvent } from '../../../src/smpp/session/esme';

const ENQUIRE_LINK = 0x00000015;
const ENQUIRE_LINK_RESP = 0x80000015;

function header(commandId: number, seq: number): Uint8Array {
  const b = new Uint8Array(16);
  writeU32(b, 0, 16);
  writeU32(b, 4, commandId);
  writeU32(b, 12, seq);
  return b;
}

function request(id: number, seq: number, bytes = header(ENQUIRE_LINK, seq)): PduEvent {
  return { id, direction: 'out', timestamp: id, bytes, command: 'enquire_link', command_id: ENQUIRE_LINK, command_status: 0, sequence_number: seq };
}

function response(id: number, seq: number, requestId: number, rtt = 1): PduEvent {
  return {
    id,
    direction: 'in',
    timestamp: id,
    bytes: header(ENQUIRE_LINK_RESP, seq),
    command: 'enquire_link_resp',
    command_id: ENQUIRE_LINK_RESP,
    command_status: 0,
    sequence_number: seq,
    request: { id: requestId, rtt },
  };
}

/** Every response kept has its request kept (and the other way round), matched by both ids. */
function assertKeptPairs(store: CaptureStore): void {
  const records = store.records();
  const byId = new Map(records.map((r) => [r.id, r]));
  for (const r of records) {
    if (r.request) {
      const req = byId.get(r.request.id);
      if (req === undefined) continue; // its request was dropped after the pairing
      assert.equal(req.responseId, r.id, `request #${req.id} points at response #${r.id}`);
      assert.equal(req.connection, r.connection);
      assert.equal(req.sequence_number, r.sequence_number);
    }
    if (r.responseId !== undefined && byId.has(r.responseId)) assert.equal(byId.get(r.responseId)!.request?.id, r.id);
  }
}

describe('the capture store', () => {
  it('copies the bytes of every record: a view of a chunk written over later does not change it', () => {
    const store = new CaptureStore(8);
    const chunk = Buffer.alloc(64);
    Buffer.from(header(ENQUIRE_LINK, 7)).copy(chunk, 16);
    const view = chunk.subarray(16, 32);
    const record = store.get(store.add('c', request(1, 7, view)))!;
    chunk.fill(0xee);
    assert.notEqual(record.bytes.buffer, chunk.buffer, 'a copy, not a view of the chunk');
    assert.equal(readU32(record.bytes, 0), 16);
    assert.equal(readU32(record.bytes, 4), ENQUIRE_LINK);
    assert.equal(readU32(record.bytes, 12), 7);
    // What a reader does to the bytes it got stays with it.
    record.bytes.fill(0);
    assert.equal(readU32(store.records()[0]!.bytes, 12), 7);
  });

  it('keeps the bytes of every record whole, whatever their size, while the ring turns over many times', () => {
    const store = new CaptureStore(50);
    const pdu = (seq: number, length: number): Uint8Array => {
      const b = new Uint8Array(length).fill(seq & 0xff);
      b.set(header(ENQUIRE_LINK, seq));
      writeU32(b, 0, length);
      return b;
    };
    // Sizes from a bare header to a PDU larger than any slab, in an order that leaves slabs part-full.
    const sizes = [16, 3000, 70_000, 17, 65_536, 200, 131_072];
    for (let i = 1; i <= 700; i++) store.add('c', request(i, i, pdu(i, sizes[i % sizes.length]!)));
    const kept = store.records();
    assert.equal(kept.length, 50);
    for (const r of kept) {
      const length = sizes[r.sequence_number % sizes.length]!;
      assert.equal(r.bytes.length, length, `record of sequence ${r.sequence_number}`);
      assert.equal(readU32(r.bytes, 0), length);
      assert.equal(readU32(r.bytes, 12), r.sequence_number);
      assert.ok(r.bytes.subarray(16).every((x) => x === (r.sequence_number & 0xff)), `the body of sequence ${r.sequence_number}`);
    }
  });

  it('pairs requests and responses after many evictions, with the index never larger than the ring', () => {
    const store = new CaptureStore(4);
    let id = 0;
    for (let i = 1; i <= 1000; i++) {
      const reqEvent = ++id;
      const req = store.add('c', request(reqEvent, i));
      const resp = store.add('c', response(++id, i, reqEvent, i));
      assert.deepEqual(store.get(resp)!.request, { id: req, rtt: i }, `pair ${i}`);
      assert.equal(store.get(req)!.responseId, resp);
      assert.equal(store.pairingIndexSize, 0, `after pair ${i}: every request has its response`);
    }
    assert.equal(store.size, 4);
    assert.equal(store.dropped, 2000 - 4);
    const kept = store.records();
    assert.deepEqual(kept.map((r) => [r.command, r.sequence_number]), [['enquire_link', 999], ['enquire_link_resp', 999], ['enquire_link', 1000], ['enquire_link_resp', 1000]]);
    assert.equal(kept[1]!.request!.id, kept[0]!.id);
    assert.equal(kept[0]!.responseId, kept[1]!.id);
    assert.equal(kept[3]!.request!.id, kept[2]!.id);
    assert.equal(kept[2]!.responseId, kept[3]!.id);
    assertKeptPairs(store);
  });

  it('pairs a response with a request still in the ring, and not with one it dropped', () => {
    const store = new CaptureStore(4);
    // Three requests outstanding at once, then their responses in reverse.
    const a = store.add('c', request(1, 1));
    const b = store.add('c', request(2, 2));
    const c = store.add('c', request(3, 3));
    const rc = store.add('c', response(4, 3, 3));
    const rb = store.add('c', response(5, 2, 2)); // drops a
    const ra = store.add('c', response(6, 1, 1)); // a's entry left with it; drops b
    assert.equal(store.get(rc)!.request?.id, c);
    assert.equal(store.get(rb)!.request?.id, b);
    assert.equal(store.get(ra)!.request, undefined, 'the request was dropped before its response came');
    assert.equal(store.get(a), undefined, 'the ring dropped it');
    assert.deepEqual(store.records().map((r) => r.id), [c, rc, rb, ra]);
    assert.equal(store.pairingIndexSize, 0, 'answered or dropped: no request waits');
  });

  it('keeps one index bounded by the ring over connections that take turns, each paired on its own', () => {
    const store = new CaptureStore(6);
    const ids = new Map<string, number>([
      ['a', 0],
      ['b', 0],
      ['c', 0],
    ]);
    const next = (conn: string): number => {
      const n = ids.get(conn)! + 1;
      ids.set(conn, n);
      return n;
    };
    for (let i = 1; i <= 1000; i++) {
      // Every connection numbers its events from 1: the same event ids, told apart by connection.
      const conn = ['a', 'b', 'c'][i % 3]!;
      const reqId = next(conn);
      const req = store.add(conn, request(reqId, i));
      // A second connection's traffic in between, so a request's pair is not always next to it.
      const other = ['a', 'b', 'c'][(i + 1) % 3]!;
      store.add(other, request(next(other), 1_000_000 + i));
      const resp = store.add(conn, response(next(conn), i, reqId));
      assert.equal(store.get(resp)!.request?.id, req, `pair ${i} on ${conn}`);
      // The other connections' requests are never answered: written over once the ring drops them.
      assert.ok(store.pairingIndexSize <= 3 * 2 * store.capacity, `${store.pairingIndexSize} index entries for a ring of ${store.capacity} over 3 connections`);
    }
    assertKeptPairs(store);
  });

  it('pairs with the newest record when a publisher starts its ids again, and a request with one response', () => {
    const store = new CaptureStore(4);
    const first = store.add('c', request(1, 1));
    const firstResp = store.add('c', response(2, 1, 1));
    assert.equal(store.get(first)!.responseId, firstResp);
    assert.equal(store.pairingIndexSize, 0);
    // A new session under the same connection name: ids from 1 again.
    const second = store.add('c', request(1, 5));
    assert.equal(store.pairingIndexSize, 1);
    const resp = store.add('c', response(2, 5, 1));
    assert.equal(store.get(resp)!.request?.id, second);
    assert.equal(store.get(first)!.responseId, firstResp, 'the older request keeps its own response');
    const third = store.add('c', request(3, 6)); // drops `first`
    const resp3 = store.add('c', response(4, 6, 3)); // drops `firstResp`
    assert.equal(store.get(resp3)!.request?.id, third);
    assert.deepEqual(store.records().map((r) => r.id), [second, resp, third, resp3]);
    // A second response to an answered request pairs with nothing, as the link sees it too.
    const duplicate = store.add('c', response(5, 5, 1));
    assert.equal(store.get(duplicate)!.request, undefined);
    assert.ok(store.records().every((r) => r.responseId !== duplicate), 'no request takes the second response');
    assert.equal(store.pairingIndexSize, 0);
    assertKeptPairs(store);
  });

  it('empties the index with clear()', () => {
    const store = new CaptureStore(4);
    store.add('c', request(1, 1));
    store.clear();
    assert.equal(store.pairingIndexSize, 0);
    assert.equal(store.get(store.add('c', response(2, 1, 1)))!.request, undefined, 'nothing to pair with after a clear');
  });
});
