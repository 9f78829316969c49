// The sequence diagram of an analyser proxy's connection: three lifelines (App, Proxy, SMSC),
// each leg's arrows between the right pair, brackets beside the face that answered, lanes that
// never overlap; rows without a leg keep the two-lifeline diagram.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CaptureLeg, CaptureRow } from '../../../src/shared/decoderMessages';
import { layoutLadder, type LadderLayout, type LadderLink } from '../../../webview/ladderLayout';

const APP: CaptureLeg = 'app↔proxy';
const SMSC: CaptureLeg = 'proxy↔smsc';

let nextId = 1;
/**
 * "a>:submit_sm:1" = app → proxy request seq 1 on the app leg; "a<" proxy → app; "s>" proxy →
 * SMSC; "s<" SMSC → proxy; "e>" / "e<" a row without a leg. A response pairs with the latest
 * request of the same seq on the same leg.
 */
function rows(spec: string, client?: (i: number) => string | undefined): CaptureRow[] {
  const out: CaptureRow[] = [];
  const requests = new Map<string, CaptureRow>();
  spec
    .trim()
    .split(/\s+/)
    .forEach((s, i) => {
      const [where, command, seq, status] = s.split(':') as [string, string, string, string | undefined];
      const leg = where[0] === 'a' ? APP : where[0] === 's' ? SMSC : undefined;
      const response = command.endsWith('_resp');
      const r: CaptureRow = {
        id: nextId++,
        connection: 'Proxy',
        direction: where[1] === '>' ? 'out' : 'in',
        timestamp: 1000 + i,
        hex: '',
        command,
        commandId: response ? 0x80000004 : command === 'alert_notification' ? 0x102 : 4,
        status: Number(status ?? 0),
        seq: Number(seq),
      };
      if (leg) r.leg = leg;
      const c = leg === APP ? client?.(i) : undefined;
      if (c !== undefined) r.client = c;
      const key = `${where[0]}:${seq}`;
      if (response) {
        const req = requests.get(key);
        if (req) {
          r.request = { id: req.id, rtt: 2 };
          req.responseId = r.id;
        }
      } else requests.set(key, r);
      out.push(r);
    });
  return out;
}

/** The typical relay: the application's submit_sm goes on to the SMSC, its answer comes back. */
const RELAY = 'a>:submit_sm:1 s>:submit_sm:7 s<:submit_sm_resp:7 a<:submit_sm_resp:1';
/** An MO: the SMSC's deliver_sm goes on to the application, whose answer goes back. */
const MO = 's<:deliver_sm:9 a<:deliver_sm:3 a>:deliver_sm_resp:3 s>:deliver_sm_resp:9';

function proxyOf(l: LadderLayout): NonNullable<LadderLayout['proxy']> {
  assert.ok(l.proxy, 'a proxy diagram');
  return l.proxy;
}

function assertLanesApart(links: readonly LadderLink[]): void {
  for (let i = 0; i < links.length; i++)
    for (let j = i + 1; j < links.length; j++) {
      const a = links[i]!;
      const b = links[j]!;
      if (a.edge !== b.edge) continue;
      const overlap = a.request <= b.response && b.request <= a.response;
      if (overlap) assert.notEqual(a.x, b.x, `links ${i} and ${j} overlap in time at the same lifeline`);
    }
}

describe('layoutLadder with proxy legs', () => {
  it('draws three lifelines, App, Proxy, SMSC, left to right; the proxy is a band with two faces', () => {
    const l = layoutLadder(rows(RELAY), { width: 900 });
    const p = proxyOf(l);
    assert.deepEqual(
      l.lifelines.map((x) => [x.key, x.name]),
      [
        ['app', 'App'],
        ['proxy', 'Proxy'],
        ['smsc', 'SMSC'],
      ],
    );
    assert.ok(l.esmeX < p.appSideX && p.appSideX < p.x && p.x < p.smscSideX && p.smscSideX < l.smscX);
    assert.deepEqual(l.lifelines.map((x) => x.lines), [[l.esmeX], [p.appSideX, p.smscSideX], [l.smscX]]);
    // Heads never overlap.
    for (let i = 1; i < l.lifelines.length; i++) {
      const a = l.lifelines[i - 1]!;
      const b = l.lifelines[i]!;
      assert.ok(a.x + a.headWidth / 2 < b.x - b.headWidth / 2, `${a.key} and ${b.key} heads apart`);
    }
    // Room for the labels on both legs, even in a narrow page.
    assert.ok(p.appSideX - l.esmeX >= 250 && l.smscX - p.smscSideX >= 250);
  });

  it('puts each leg and direction between the right pair of lifelines', () => {
    const l = layoutLadder(rows(`${RELAY} ${MO}`), { width: 1200 });
    const p = proxyOf(l);
    const at = (i: number) => [l.arrows[i]!.fromX, l.arrows[i]!.toX];
    // app → proxy, proxy → SMSC, SMSC → proxy, proxy → app
    assert.deepEqual(at(0), [l.esmeX, p.appSideX]);
    assert.deepEqual(at(1), [p.smscSideX, l.smscX]);
    assert.deepEqual(at(2), [l.smscX, p.smscSideX]);
    assert.deepEqual(at(3), [p.appSideX, l.esmeX]);
    // The MO: SMSC → proxy, proxy → app, app → proxy, proxy → SMSC.
    assert.deepEqual(at(4), [l.smscX, p.smscSideX]);
    assert.deepEqual(at(5), [p.appSideX, l.esmeX]);
    assert.deepEqual(at(6), [l.esmeX, p.appSideX]);
    assert.deepEqual(at(7), [p.smscSideX, l.smscX]);
    assert.equal(l.arrows[0]!.label, 'submit_sm #1');
    assert.equal(l.arrows[3]!.label, 'submit_sm_resp #1 ESME_ROK · 2 ms');
    assert.equal(l.arrows[0]!.title, 'app → proxy: sent by the application to the proxy: submit_sm #1');
    assert.match(l.arrows[2]!.title!, /^SMSC → proxy: /);
  });

  it('brackets sit beside the side that answered: the proxy inside its band, App left, SMSC right', () => {
    const l = layoutLadder(rows(`${RELAY} ${MO}`), { width: 1200 });
    const p = proxyOf(l);
    const link = (request: number) => l.links.find((k) => k.request === request)!;
    assert.equal(l.links.length, 4);
    // app → proxy submit_sm: the proxy answered, on its application face, inside the band.
    const appToProxy = link(0);
    assert.deepEqual([appToProxy.response, appToProxy.edge, appToProxy.side], [3, p.appSideX, 'right']);
    assert.ok(appToProxy.x > p.appSideX && appToProxy.x < p.x);
    // proxy → SMSC submit_sm: the SMSC answered, right of it as in the ESME diagram.
    const proxyToSmsc = link(1);
    assert.deepEqual([proxyToSmsc.response, proxyToSmsc.edge, proxyToSmsc.side], [2, l.smscX, 'right']);
    assert.ok(proxyToSmsc.x > l.smscX && proxyToSmsc.x < l.width);
    // SMSC → proxy deliver_sm: the proxy answered, on its SMSC face, inside the band.
    const smscToProxy = link(4);
    assert.deepEqual([smscToProxy.response, smscToProxy.edge, smscToProxy.side], [7, p.smscSideX, 'left']);
    assert.ok(smscToProxy.x < p.smscSideX && smscToProxy.x > p.x);
    // proxy → app deliver_sm: the application answered, left of it.
    const proxyToApp = link(5);
    assert.deepEqual([proxyToApp.response, proxyToApp.edge, proxyToApp.side], [6, l.esmeX, 'left']);
    assert.ok(proxyToApp.x < l.esmeX && proxyToApp.x > 100);
    // Pairs share a colour with their arrows.
    for (const k of l.links) assert.equal(l.arrows[k.request]!.color, l.arrows[k.response]!.color);
  });

  it('no bracket crosses an arrow of the other leg, and brackets of the two faces stay apart', () => {
    const l = layoutLadder(rows(`${RELAY} ${MO}`), { width: 900 });
    for (const k of l.links) {
      const lo = Math.min(k.edge, k.x);
      const hi = Math.max(k.edge, k.x);
      // Its ends run from the answering lifeline outwards, along its own arrows only.
      const own = [l.arrows[k.request]!, l.arrows[k.response]!];
      for (const a of own) assert.ok(a.fromX === k.edge || a.toX === k.edge);
      for (const a of l.arrows.slice(k.request + 1, k.response)) {
        const aLo = Math.min(a.fromX, a.toX);
        const aHi = Math.max(a.fromX, a.toX);
        assert.ok(k.x <= aLo || k.x >= aHi, `bracket ${k.request}-${k.response} crosses arrow ${l.arrows.indexOf(a)}`);
      }
      // The bracket's horizontal ends leave the lifeline away from its own arrows.
      for (const a of own) {
        const aLo = Math.min(a.fromX, a.toX);
        const aHi = Math.max(a.fromX, a.toX);
        assert.ok(hi <= aLo || lo >= aHi, `bracket ${k.request}-${k.response} runs along its arrow`);
      }
    }
  });

  it('overlapping pairs at one face get separate lanes; lanes at the proxy faces never meet', () => {
    // Eight pipelined submits from the application, relayed; all answered later.
    const reqs = Array.from({ length: 8 }, (_, i) => `a>:submit_sm:${i + 1} s>:submit_sm:${i + 11}`).join(' ');
    const resps = Array.from({ length: 8 }, (_, i) => `s<:submit_sm_resp:${i + 11} a<:submit_sm_resp:${i + 1}`).join(' ');
    const mos = 's<:deliver_sm:30 a<:deliver_sm:31 a>:deliver_sm_resp:31 s>:deliver_sm_resp:30';
    const l = layoutLadder(rows(`${reqs} ${mos} ${resps}`), { width: 900 });
    const p = proxyOf(l);
    assertLanesApart(l.links);
    const atApp = l.links.filter((k) => k.edge === p.appSideX);
    const atSmsc = l.links.filter((k) => k.edge === p.smscSideX);
    assert.equal(atApp.length, 8);
    assert.equal(atSmsc.length, 1);
    assert.equal(new Set(atApp.map((k) => k.x)).size, 8);
    const rightmostAppLane = Math.max(...atApp.map((k) => k.x));
    const leftmostSmscLane = Math.min(...atSmsc.map((k) => k.x));
    assert.ok(rightmostAppLane < leftmostSmscLane, 'the two faces’ lanes do not meet');
  });

  it('a mixed selection still renders: a row without a leg went straight from the ESME to the SMSC', () => {
    const l = layoutLadder(rows(`e>:enquire_link:1 e<:enquire_link_resp:1 ${RELAY} e<:deliver_sm:2 e>:deliver_sm_resp:2`), { width: 900 });
    const p = proxyOf(l);
    assert.equal(l.lifelines.length, 3);
    assert.equal(l.lifelines[0]!.name, 'App / ESME');
    assert.deepEqual([l.arrows[0]!.fromX, l.arrows[0]!.toX], [l.esmeX, l.smscX]);
    assert.deepEqual([l.arrows[1]!.fromX, l.arrows[1]!.toX], [l.smscX, l.esmeX]);
    assert.deepEqual([l.arrows[2]!.fromX, l.arrows[2]!.toX], [l.esmeX, p.appSideX]);
    assert.equal(l.arrows[0]!.title, undefined);
    assert.equal(l.links.length, 4);
    const direct = l.links.find((k) => k.request === 0)!;
    assert.deepEqual([direct.edge, direct.side], [l.smscX, 'right']);
    const mo = l.links.find((k) => k.request === 6)!;
    assert.deepEqual([mo.edge, mo.side], [l.esmeX, 'left']);
    assertLanesApart(l.links);
  });

  it('rows without any leg keep the two-lifeline ESME / SMSC diagram', () => {
    const l = layoutLadder(rows('e>:submit_sm:1 e<:submit_sm_resp:1'), { width: 900 });
    assert.equal(l.proxy, undefined);
    assert.deepEqual(
      l.lifelines.map((x) => [x.key, x.name, x.lines]),
      [
        ['esme', 'ESME', [l.esmeX]],
        ['smsc', 'SMSC', [l.smscX]],
      ],
    );
    assert.deepEqual([l.links[0]!.edge, l.links[0]!.side], [l.smscX, 'right']);
    assert.equal(l.arrows[0]!.title, undefined);
  });

  it('tells several applications apart on their arrows; one application gets no tag', () => {
    const two = layoutLadder(
      rows('a>:submit_sm:1 a>:submit_sm:1 s>:submit_sm:5', (i) => (i === 0 ? '127.0.0.1:51234' : '127.0.0.1:51300')),
      { width: 900 },
    );
    assert.equal(two.arrows[0]!.label, 'submit_sm #1 · no response · :51234');
    assert.equal(two.arrows[1]!.label, 'submit_sm #1 · no response · :51300');
    assert.equal(two.arrows[2]!.label, 'submit_sm #5 · no response');
    assert.match(two.arrows[0]!.title!, /application \(127\.0\.0\.1:51234\)/);
    const hosts = layoutLadder(
      rows('a>:enquire_link:1 a>:enquire_link:1', (i) => (i === 0 ? '10.0.0.1:4000' : '[::1]:4000')),
      { width: 900 },
    );
    assert.match(hosts.arrows[0]!.label, / · 10\.0\.0\.1:4000$/);
    assert.match(hosts.arrows[1]!.label, / · \[::1\]:4000$/);
    const one = layoutLadder(rows(RELAY, () => '127.0.0.1:51234'), { width: 900 });
    assert.equal(one.arrows[0]!.label, 'submit_sm #1');
  });

  it('an empty list and a single proxy row', () => {
    const none = layoutLadder([], { width: 10 });
    assert.equal(none.proxy, undefined);
    const single = layoutLadder(rows('s<:alert_notification:4'), { width: 10 });
    assert.ok(single.proxy);
    assert.equal(single.arrows[0]!.unanswered, false);
    assert.ok(single.width >= single.smscX);
  });
});
