// A capture file into the capture: each TCP connection under a connection named after the file
// (and its endpoints when there are several), records with the ESME as local and the SMSC as
// remote, directions seen from the ESME, the file's times, responses paired with their requests as
// a session's are, and no more than the ring holds (the newest kept).

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CaptureStore } from '../../../src/smpp/capture';
import { importCapture } from '../../../src/smpp/captureImport';

const DIR = join(import.meta.dirname, '../../fixtures/pcap');

describe('importing a capture file into the capture', () => {
  it('one connection: named after the file, every PDU with its endpoints, pairs and times', () => {
    const capture = new CaptureStore(1000);
    const r = importCapture(new Uint8Array(readFileSync(join(DIR, 'session.pcap'))), 'session.pcap', capture);
    assert.deepEqual(r.connections, ['session.pcap']);
    assert.equal(r.added, 12);
    assert.equal(r.skipped, 0);
    const records = capture.records('session.pcap');
    assert.equal(records.length, 12);
    assert.deepEqual(
      records.map((x) => `${x.direction} ${x.command} ${x.sequence_number}`),
      ['out bind_transceiver 1', 'in bind_transceiver_resp 1', 'out submit_sm 2', 'in submit_sm_resp 2', 'out submit_sm 3', 'in submit_sm_resp 3', 'in deliver_sm 1', 'in deliver_sm 2', 'out deliver_sm_resp 1', 'out deliver_sm_resp 2', 'out unbind 4', 'in unbind_resp 4'],
    );
    assert.equal(records[0]!.remote?.port, 27751);
    assert.equal(records[0]!.local?.host, '127.0.0.1');
    assert.ok(records[0]!.timestamp > Date.UTC(2026, 0, 1), 'the time the packet was captured');
    // Responses paired with their requests, as a session's are.
    const resp = records[3]!;
    assert.equal(resp.request?.id, records[2]!.id);
    assert.equal(records[2]!.responseId, resp.id);
    assert.equal(resp.request?.rtt, resp.timestamp - records[2]!.timestamp);
    const deliverResp = records[8]!;
    assert.equal(deliverResp.request?.id, records[6]!.id);
  });

  it('several connections: one capture connection each, named by file and endpoints', () => {
    const capture = new CaptureStore(1000);
    const r = importCapture(new Uint8Array(readFileSync(join(DIR, 'session.pcapng'))), 'session.pcapng', capture);
    assert.equal(r.connections.length, 2);
    for (const name of r.connections) assert.match(name, /^session\.pcapng · 127\.0\.0\.1:\d+ → 127\.0\.0\.1:27752$/);
    assert.equal(capture.records(r.connections[0]).length, 6);
    assert.equal(capture.records(r.connections[1]).length, 8);
  });

  it('keeps the newest PDUs that fit the ring, and says how many were left out', () => {
    const capture = new CaptureStore(5);
    const r = importCapture(new Uint8Array(readFileSync(join(DIR, 'session.pcap'))), 'session.pcap', capture);
    assert.equal(r.added, 5);
    assert.equal(r.skipped, 7);
    assert.deepEqual(
      capture.records().map((x) => x.command),
      ['deliver_sm', 'deliver_sm_resp', 'deliver_sm_resp', 'unbind', 'unbind_resp'],
    );
  });

  it('a file that is not a capture adds nothing and carries the error', () => {
    const capture = new CaptureStore(10);
    const r = importCapture(new TextEncoder().encode('not a capture file'), 'x.pcap', capture);
    assert.equal(r.added, 0);
    assert.match(r.summary.error?.message ?? '', /^not a pcap or pcapng file/);
    assert.equal(capture.size, 0);
  });
});
