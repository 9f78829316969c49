// The sequence diagram's geometry: directions, labels, pair brackets in lanes that never overlap.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CaptureRow } from '../../../src/shared/decoderMessages';
import { layoutLadder } from '../../../webview/ladderLayout';

let id = 1;
function rows(spec: string): CaptureRow[] {
  // "o:submit_sm:1" = out request seq 1; "i:submit_sm_resp:1" = in response to the request with seq 1.
  const out: CaptureRow[] = [];
  const bySeq = new Map<string, CaptureRow>();
  for (const s of spec.trim().split(/\s+/)) {
    const [d, command, seq, status] = s.split(':') as [string, string, string, string | undefined];
    const response = command.endsWith('_resp');
    const r: CaptureRow = {
      id: id++,
      connection: 'A',
      direction: d === 'o' ? 'out' : 'in',
      timestamp: 1000 + id,
      hex: '',
      command,
      commandId: response ? 0x80000004 : command === 'alert_notification' ? 0x102 : 4,
      status: Number(status ?? 0),
      seq: Number(seq),
    };
    if (response) {
      const req = bySeq.get(seq);
      if (req) {
        r.request = { id: req.id, rtt: 3 };
        req.responseId = r.id;
      }
    } else bySeq.set(seq, r);
    out.push(r);
  }
  return out;
}

describe('layoutLadder', () => {
  it('draws out-going PDUs ESME → SMSC and incoming ones SMSC → ESME, one row each', () => {
    const l = layoutLadder(rows('o:submit_sm:1 i:submit_sm_resp:1 i:deliver_sm:2 o:deliver_sm_resp:2'), { width: 900, rowHeight: 30 });
    assert.ok(l.esmeX < l.smscX);
    const [a, b, c, d] = l.arrows;
    assert.deepEqual([a!.fromX, a!.toX], [l.esmeX, l.smscX]);
    assert.deepEqual([b!.fromX, b!.toX], [l.smscX, l.esmeX]);
    assert.deepEqual([c!.fromX, d!.fromX], [l.smscX, l.esmeX]);
    assert.deepEqual(l.arrows.map((x) => x.y - l.arrows[0]!.y), [0, 30, 60, 90]);
    assert.equal(a!.label, 'submit_sm #1');
    assert.equal(b!.label, 'submit_sm_resp #1 ESME_ROK · 3 ms');
    assert.ok(l.height > l.arrows[3]!.y);
  });

  it('joins each request to its response, beside the side that answered', () => {
    const l = layoutLadder(rows('o:submit_sm:1 i:submit_sm_resp:1 i:deliver_sm:2 o:deliver_sm_resp:2'), { width: 900 });
    assert.equal(l.links.length, 2);
    const [k1, k2] = l.links;
    assert.equal(k1!.side, 'right');
    assert.ok(k1!.x > l.smscX);
    assert.equal(k2!.side, 'left');
    assert.ok(k2!.x < l.esmeX);
    assert.equal(l.arrows[0]!.partner, 1);
    assert.equal(l.arrows[1]!.partner, 0);
    assert.equal(l.arrows[0]!.color, l.arrows[1]!.color);
  });

  it('overlapping pairs get separate lanes; nested brackets never share x', () => {
    const l = layoutLadder(rows('o:submit_sm:1 o:submit_sm:2 o:submit_sm:3 i:submit_sm_resp:2 i:submit_sm_resp:1 i:submit_sm_resp:3 o:submit_sm:4 i:submit_sm_resp:4'), { width: 900 });
    assert.equal(l.links.length, 4);
    for (let i = 0; i < l.links.length; i++)
      for (let j = i + 1; j < l.links.length; j++) {
        const a = l.links[i]!;
        const b = l.links[j]!;
        const overlap = a.request <= b.response && b.request <= a.response;
        if (overlap) assert.notEqual(a.x, b.x, `links ${i} and ${j} overlap in time`);
      }
    // The fourth pair starts after all others ended: it reuses the first lane.
    assert.equal(l.links[3]!.x, l.links[0]!.x);
  });

  it('marks unanswered requests and failed responses; no-response requests are neither', () => {
    const l = layoutLadder(rows('o:submit_sm:1 o:submit_sm:2 i:submit_sm_resp:2:88 i:alert_notification:3'), { width: 900 });
    assert.equal(l.arrows[0]!.unanswered, true);
    assert.match(l.arrows[0]!.label, /no response/);
    assert.equal(l.arrows[2]!.failed, true);
    assert.match(l.arrows[2]!.label, /ESME_RTHROTTLED/);
    assert.equal(l.arrows[3]!.unanswered, false);
  });

  it('a response whose request is out of view has no bracket', () => {
    const all = rows('o:submit_sm:1 i:submit_sm_resp:1');
    const l = layoutLadder(all.slice(1), { width: 900 });
    assert.equal(l.links.length, 0);
    assert.equal(l.arrows[0]!.partner, undefined);
  });

  it('keeps a usable width and handles an empty list', () => {
    const l = layoutLadder([], { width: 10 });
    assert.ok(l.smscX - l.esmeX >= 320);
    assert.deepEqual([l.arrows.length, l.links.length], [0, 0]);
  });
});
