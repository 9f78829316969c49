// The page's capture model: pairing, capacity, filtering; the virtual list's window math.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CaptureRow } from '../../../src/shared/decoderMessages';
import { CaptureModel, expectsResponse, formatRtt, scrollToReveal, splitWords, virtualWindow } from '../../../webview/captureModel';

let nextId = 1;
function row(p: Partial<CaptureRow> & Pick<CaptureRow, 'command' | 'commandId'>): CaptureRow {
  return { id: nextId++, connection: 'Acme', direction: 'out', timestamp: 1000 + nextId, hex: '', status: 0, seq: 1, ...p };
}
function pair(connection: string, seq: number, rtt = 5): [CaptureRow, CaptureRow] {
  const req = row({ connection, command: 'submit_sm', commandId: 4, seq });
  const resp = row({ connection, direction: 'in', command: 'submit_sm_resp', commandId: 0x80000004, seq, request: { id: req.id, rtt } });
  return [req, resp];
}

describe('CaptureModel', () => {
  it('pairs a response with a request that came in an earlier batch', () => {
    const m = new CaptureModel(100);
    const [req, resp] = pair('Acme', 1);
    m.add([req]);
    assert.equal(m.unanswered(m.get(req.id)!), true);
    m.add([resp]);
    assert.equal(m.get(req.id)!.responseId, resp.id);
    assert.equal(m.unanswered(m.get(req.id)!), false);
    assert.deepEqual(m.pairing(m.get(resp.id)!), { kind: 'response', requestId: req.id, rtt: 5 });
    assert.deepEqual(m.pairing(m.get(req.id)!), { kind: 'request', responseId: resp.id, expects: true });
  });

  it('does not change the rows it was given, and ignores repeated ids', () => {
    const m = new CaptureModel(100);
    const [req, resp] = pair('Acme', 2);
    m.add([req, resp, req]);
    assert.equal(req.responseId, undefined);
    assert.equal(m.size, 2);
  });

  it('requests that never get a response are not unanswered', () => {
    const alert = row({ command: 'alert_notification', commandId: 0x102 });
    const outbind = row({ command: 'outbind', commandId: 0x0b });
    const nack = row({ command: 'generic_nack', commandId: 0x80000000, direction: 'in' });
    assert.equal(expectsResponse(alert), false);
    assert.equal(expectsResponse(outbind), false);
    const m = new CaptureModel();
    m.add([alert, outbind, nack]);
    for (const r of [alert, outbind, nack]) assert.equal(m.unanswered(m.get(r.id)!), false, r.command);
  });

  it('keeps no more than its capacity, dropping the oldest', () => {
    const m = new CaptureModel(5);
    const rows = Array.from({ length: 12 }, (_, i) => row({ command: 'enquire_link', commandId: 0x15, seq: i }));
    const added = m.add(rows.slice(0, 8));
    assert.equal(added.length, 5, 'rows dropped in the same batch are not reported as added');
    m.add(rows.slice(8));
    assert.equal(m.size, 5);
    assert.deepEqual(m.all().map((r) => r.seq), [7, 8, 9, 10, 11]);
    assert.equal(m.get(rows[0]!.id), undefined);
    assert.equal(m.holds(m.get(rows[11]!.id)!), true);
  });

  it('stays correct through many drops (its internal compaction)', () => {
    const m = new CaptureModel(1000);
    for (let b = 0; b < 30; b++) m.add(Array.from({ length: 500 }, (_, i) => row({ command: 'enquire_link', commandId: 0x15, seq: b * 500 + i })));
    assert.equal(m.size, 1000);
    const seqs = m.all().map((r) => r.seq);
    assert.equal(seqs[0], 14_000);
    assert.equal(seqs[999], 14_999);
  });

  it('filters by connection and by every word of the text', () => {
    const m = new CaptureModel(100, (r) => (r.command === 'submit_sm' ? `to 4477 "hello ${r.seq}"` : ''));
    const rows = [...pair('Acme staging', 1), ...pair('Local simulator', 2), row({ connection: 'Acme staging', command: 'enquire_link', commandId: 0x15, seq: 3 })];
    rows.push(row({ connection: 'Local simulator', direction: 'in', command: 'submit_sm_resp', commandId: 0x80000004, status: 0x58, seq: 9 }));
    m.add(rows);
    const ids = (f: { connection: string; text: string }) => m.filter(f).map((r) => r.seq);
    assert.deepEqual(ids({ connection: 'Acme staging', text: '' }), [1, 1, 3]);
    assert.deepEqual(ids({ connection: '', text: 'ENQUIRE' }), [3]);
    assert.deepEqual(ids({ connection: '', text: 'hello 2' }), [2]);
    assert.deepEqual(ids({ connection: '', text: 'throttled' }), [9]);
    assert.deepEqual(ids({ connection: 'Acme staging', text: 'simulator' }), []);
    assert.deepEqual(ids({ connection: '', text: '#3' }), [3]);
    assert.deepEqual(m.connections(), ['Acme staging', 'Local simulator']);
  });

  it('decodes a row for its summary only when the header fields do not match, and once', () => {
    let calls = 0;
    const m = new CaptureModel(100, () => {
      calls++;
      return 'to 4477';
    });
    m.add(pair('Acme', 1));
    m.filter({ connection: '', text: 'submit_sm acme' });
    assert.equal(calls, 0);
    m.filter({ connection: '', text: '4477' });
    m.filter({ connection: '', text: 'acme 4477' });
    assert.equal(calls, 2, 'one summary per row, kept');
  });

  it('lastOf takes the newest rows of one connection, oldest first', () => {
    const m = new CaptureModel(100);
    m.add([...pair('A', 1), ...pair('B', 2), ...pair('A', 3), ...pair('A', 4)]);
    assert.deepEqual(m.lastOf('A', 3).map((r) => `${r.command}#${r.seq}`), ['submit_sm_resp#3', 'submit_sm#4', 'submit_sm_resp#4']);
    assert.equal(m.newestConnection(), 'A');
    m.clear();
    assert.equal(m.size, 0);
    assert.equal(m.newestConnection(), '');
  });

  it('splitWords', () => assert.deepEqual(splitWords('  Foo\tbar  '), ['foo', 'bar']));
});

describe('virtual window', () => {
  it('renders only the rows in view plus the overscan', () => {
    const w = virtualWindow(22 * 5000, 440, 22, 10_000, 8);
    assert.equal(w.total, 220_000);
    assert.equal(w.start, 4992);
    assert.equal(w.end, 5000 + 21 + 8);
    assert.equal(w.offset, 4992 * 22);
    assert.ok(w.end - w.start < 40, 'a handful of rows, not 10 000');
  });

  it('clamps at the ends and handles an empty list', () => {
    assert.deepEqual(virtualWindow(-50, 440, 22, 100, 0), { start: 0, end: 21, offset: 0, total: 2200 });
    const end = virtualWindow(1e9, 440, 22, 100, 0);
    assert.equal(end.end, 100);
    assert.equal(end.start, 80);
    assert.deepEqual(virtualWindow(0, 440, 22, 0), { start: 0, end: 0, offset: 0, total: 0 });
    const few = virtualWindow(0, 440, 22, 3);
    assert.deepEqual([few.start, few.end], [0, 3]);
  });

  it('scrollToReveal moves just enough', () => {
    assert.equal(scrollToReveal(10, 0, 440, 22), undefined);
    assert.equal(scrollToReveal(30, 0, 440, 22), 31 * 22 - 440);
    assert.equal(scrollToReveal(2, 200, 440, 22), 44);
  });

  it('formatRtt', () => {
    assert.equal(formatRtt(0.4), '400 µs');
    assert.equal(formatRtt(12.4), '12 ms');
    assert.equal(formatRtt(1250), '1.25 s');
  });
});
