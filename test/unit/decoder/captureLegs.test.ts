// The analyser proxy's rows on their way to the page and in it: the record's leg and the
// application's address reach the row, the guard takes only the two legs and bounded address
// labels, the capture tab reads their direction as "app → proxy" / "SMSC → proxy", the filter
// matches those words, and pairing holds across both legs of one connection.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toCaptureRow } from '../../../src/decoder/captureRows';
import { isCaptureClient, isCaptureRow, isHostToWebview, type CaptureRow } from '../../../src/shared/decoderMessages';
import { CaptureStore, type CaptureRecord } from '../../../src/smpp/capture';
import type { PduEvent } from '../../../src/smpp/session/esme';
import { CaptureModel, directionText } from '../../../webview/captureModel';

const base: CaptureRow = { id: 1, connection: 'Proxy', direction: 'out', timestamp: 1_737_820_000_000, hex: '00000010000000150000000000000001', command: 'enquire_link', commandId: 0x15, status: 0, seq: 1 };

describe('capture rows with a leg: the guard', () => {
  const accepted: [string, CaptureRow][] = [
    ['no leg (an ESME session)', base],
    ['the app leg', { ...base, leg: 'app↔proxy' }],
    ['the SMSC leg', { ...base, leg: 'proxy↔smsc', direction: 'in' }],
    ['the app leg with an IPv4 client', { ...base, leg: 'app↔proxy', client: '127.0.0.1:51234' }],
    ['the app leg with an IPv6 client', { ...base, leg: 'app↔proxy', client: '[fe80::1%eth0]:51234' }],
    ['the app leg with a host name', { ...base, leg: 'app↔proxy', client: 'build-agent_7.local:4000' }],
    ['the SMSC leg with the application it serves', { ...base, leg: 'proxy↔smsc', client: '127.0.0.1:51234' }],
  ];
  for (const [what, row] of accepted)
    it(`accepts ${what}`, () => {
      assert.equal(isCaptureRow(row), true);
      assert.equal(isCaptureRow(JSON.parse(JSON.stringify(row))), true);
      assert.equal(isHostToWebview({ type: 'captureRecords', records: [row] }), true);
    });

  const rejected: [string, unknown][] = [
    ['an unknown leg', { ...base, leg: 'app↔smsc' }],
    ['an ASCII spelling of a leg', { ...base, leg: 'app<->proxy' }],
    ['a leg in another case', { ...base, leg: 'APP↔PROXY' }],
    ['an empty leg', { ...base, leg: '' }],
    ['a numeric leg', { ...base, leg: 1 }],
    ['a leg that is an object', { ...base, leg: { toString: () => 'app↔proxy' } }],
    ['a client without a leg', { ...base, client: '127.0.0.1:51234' }],
    ['an empty client', { ...base, leg: 'app↔proxy', client: '' }],
    ['an oversized client', { ...base, leg: 'app↔proxy', client: '1'.repeat(81) }],
    ['markup in a client', { ...base, leg: 'app↔proxy', client: '<img src=x onerror=alert(1)>' }],
    ['spaces in a client', { ...base, leg: 'app↔proxy', client: '127.0.0.1 51234' }],
    ['a control character in a client', { ...base, leg: 'app↔proxy', client: '127.0.0.1:1\n' }],
    ['a numeric client', { ...base, leg: 'app↔proxy', client: 51234 }],
    ['an unknown key beside a leg', { ...base, leg: 'app↔proxy', from: 'app' }],
  ];
  for (const [what, row] of rejected)
    it(`rejects ${what}`, () => {
      assert.equal(isCaptureRow(row), false);
      assert.equal(isHostToWebview({ type: 'captureRecords', records: [row] }), false);
    });

  it('isCaptureClient', () => {
    assert.equal(isCaptureClient('10.1.2.3:2775'), true);
    for (const v of [undefined, null, 5, '', 'a b', 'x'.repeat(81), 'é:1']) assert.equal(isCaptureClient(v), false, String(v));
  });
});

describe('capture rows with a leg: from the host’s record', () => {
  const record: CaptureRecord = {
    id: 4,
    connection: 'Proxy',
    direction: 'out',
    timestamp: 1_737_820_000_000,
    bytes: Uint8Array.of(0, 0, 0, 16, 0, 0, 0, 0x15, 0, 0, 0, 0, 0, 0, 0, 1),
    command: 'enquire_link',
    command_id: 0x15,
    command_status: 0,
    sequence_number: 1,
  };

  it('an ESME record has neither leg nor client', () => {
    const row = toCaptureRow({ ...record, local: { host: '127.0.0.1', port: 40000 } });
    assert.equal('leg' in row, false);
    assert.equal('client' in row, false);
    assert.equal(isCaptureRow(row), true);
  });

  it('the app leg carries its leg and the application’s address (the leg’s local side)', () => {
    const row = toCaptureRow({ ...record, leg: 'app↔proxy', local: { host: '127.0.0.1', port: 51234 }, remote: { host: '127.0.0.1', port: 2776 } });
    assert.equal(row.leg, 'app↔proxy');
    assert.equal(row.client, '127.0.0.1:51234');
    assert.equal(isCaptureRow(JSON.parse(JSON.stringify(row))), true);
    assert.equal(toCaptureRow({ ...record, leg: 'app↔proxy', local: { host: '::1', port: 51234 } }).client, '[::1]:51234');
    assert.equal('client' in toCaptureRow({ ...record, leg: 'app↔proxy' }), false);
  });

  it('the SMSC leg names its application only when the capture says which (its local side is the proxy itself)', () => {
    const smscLeg = { ...record, leg: 'proxy↔smsc', local: { host: '127.0.0.1', port: 40001 }, remote: { host: '10.0.0.9', port: 2775 } };
    const row = toCaptureRow(smscLeg);
    assert.equal(row.leg, 'proxy↔smsc');
    assert.equal('client' in row, false);
    assert.equal(isCaptureRow(row), true);
    const named = toCaptureRow({ ...smscLeg, application: { host: '127.0.0.1', port: 51234 } });
    assert.equal(named.client, '127.0.0.1:51234');
    assert.equal(isCaptureRow(named), true);
    assert.equal(directionText(named).title, 'proxy → SMSC: sent by the proxy to the SMSC (for the application 127.0.0.1:51234)');
  });

  it('an unknown leg or an unfit address never makes a row the page would drop', () => {
    const odd = toCaptureRow({ ...record, leg: 'sideways', local: { host: '127.0.0.1', port: 1 } });
    assert.equal('leg' in odd, false);
    assert.equal(isCaptureRow(odd), true);
    const weird = toCaptureRow({ ...record, leg: 'app↔proxy', local: { host: 'a b<c>', port: 1 } });
    assert.equal(weird.leg, 'app↔proxy');
    assert.equal('client' in weird, false);
    assert.equal(isCaptureRow(weird), true);
  });
});

describe('capture rows with a leg: the capture tab', () => {
  it('reads the direction as people do, per leg', () => {
    const t = (leg: CaptureRow['leg'], direction: CaptureRow['direction'], client?: string) => directionText({ leg, direction, ...(client ? { client } : {}) });
    assert.deepEqual(t(undefined, 'out'), { text: '→', title: 'sent to the SMSC' });
    assert.deepEqual(t(undefined, 'in'), { text: '←', title: 'received from the SMSC' });
    assert.equal(t('app↔proxy', 'out').text, 'app → proxy');
    assert.equal(t('app↔proxy', 'in').text, 'proxy → app');
    assert.equal(t('proxy↔smsc', 'out').text, 'proxy → SMSC');
    assert.equal(t('proxy↔smsc', 'in').text, 'SMSC → proxy');
    assert.equal(t('app↔proxy', 'out', '127.0.0.1:51234').title, 'app → proxy: sent by the application (127.0.0.1:51234) to the proxy');
    assert.equal(t('app↔proxy', 'in').title, 'proxy → app: sent by the proxy to the application');
    assert.equal(t('proxy↔smsc', 'in').title, 'SMSC → proxy: sent by the SMSC to the proxy');
  });

  function proxyRows(): CaptureRow[] {
    let id = 10;
    const r = (p: Partial<CaptureRow>): CaptureRow => ({ ...base, id: id++, ...p });
    const appReq = r({ leg: 'app↔proxy', client: '127.0.0.1:51234', command: 'submit_sm', commandId: 4, seq: 1 });
    const smscReq = r({ leg: 'proxy↔smsc', command: 'submit_sm', commandId: 4, seq: 7 });
    const smscResp = r({ leg: 'proxy↔smsc', direction: 'in', command: 'submit_sm_resp', commandId: 0x80000004, seq: 7, request: { id: smscReq.id, rtt: 3 } });
    const appResp = r({ leg: 'app↔proxy', client: '127.0.0.1:51234', direction: 'in', command: 'submit_sm_resp', commandId: 0x80000004, seq: 1, request: { id: appReq.id, rtt: 5 } });
    const esme = r({ connection: 'Direct', command: 'enquire_link', commandId: 0x15, seq: 3 });
    return [appReq, smscReq, smscResp, appResp, esme];
  }

  it('the filter matches the leg words, the arrows and the application’s address', () => {
    const m = new CaptureModel(100);
    m.add(proxyRows());
    const ids = (text: string) => m.filter({ connection: '', text }).map((r) => r.id);
    assert.deepEqual(ids('smsc'), [11, 12]);
    // Words match on their own, so 'SMSC → proxy' takes both ways; written without spaces it is one way.
    assert.deepEqual(ids('SMSC → proxy'), [11, 12]);
    assert.deepEqual(ids('smsc→proxy'), [12]);
    assert.deepEqual(ids('proxy→smsc'), [11]);
    assert.deepEqual(ids('app'), [10, 13]);
    assert.deepEqual(ids('proxy→app'), [13]);
    assert.deepEqual(ids('app↔proxy'), [10, 13]);
    assert.deepEqual(ids('proxy'), [10, 11, 12, 13]);
    assert.deepEqual(ids('51234'), [10, 13]);
    assert.deepEqual(ids('proxy↔smsc submit_sm_resp'), [12]);
    // An ESME row matches as it did: its direction word, not the proxy's.
    assert.deepEqual(ids('out enquire'), [14]);
  });

  it('pairs each response with its request on the same leg; tracks whether proxy rows are held', () => {
    const m = new CaptureModel(4);
    assert.equal(m.hasLegs(), false);
    const rows = proxyRows();
    m.add(rows.slice(0, 4));
    assert.equal(m.get(10)!.responseId, 13);
    assert.equal(m.get(11)!.responseId, 12);
    assert.equal(m.unanswered(m.get(10)!), false);
    assert.equal(m.hasLegs(), true);
    // The ESME row pushes the oldest proxy row out; three remain.
    m.add([rows[4]!]);
    assert.equal(m.hasLegs(), true);
    m.reset([rows[4]!]);
    assert.equal(m.hasLegs(), false);
    m.reset(rows.slice(0, 2));
    assert.equal(m.hasLegs(), true);
    m.add([{ ...base, id: 50 }, { ...base, id: 51 }, { ...base, id: 52 }, { ...base, id: 53 }]);
    assert.equal(m.hasLegs(), false, 'every proxy row was dropped for capacity');
    m.clear();
    assert.equal(m.hasLegs(), false);
  });

  it('the host’s store pairs both legs of one connection by the proxy’s event ids, with ids unique across the capture', () => {
    const store = new CaptureStore(100);
    const ev = (id: number, p: Partial<PduEvent>): PduEvent =>
      ({ id, direction: 'out', timestamp: 1000 + id, bytes: new Uint8Array(16), command: 'submit_sm', command_id: 4, command_status: 0, sequence_number: 1, ...p }) as PduEvent;
    const a = store.add('Proxy', ev(1, {}), { leg: 'app↔proxy', local: { host: '127.0.0.1', port: 51234 } });
    const b = store.add('Proxy', ev(2, { sequence_number: 7 }), { leg: 'proxy↔smsc' });
    const c = store.add('Proxy', ev(3, { direction: 'in', command: 'submit_sm_resp', command_id: 0x80000004, sequence_number: 7, request: { id: 2, rtt: 3 } }), { leg: 'proxy↔smsc' });
    const d = store.add('Proxy', ev(4, { direction: 'in', command: 'submit_sm_resp', command_id: 0x80000004, request: { id: 1, rtt: 5 } }), { leg: 'app↔proxy', local: { host: '127.0.0.1', port: 51234 } });
    // Another connection's events reuse the same event ids; capture ids stay unique.
    const e = store.add('Other', ev(1, {}));
    assert.equal(new Set([a, b, c, d, e]).size, 5);
    const rows = store.records().map(toCaptureRow);
    assert.ok(rows.every((r) => isCaptureRow(r)));
    const m = new CaptureModel(100);
    m.add(rows);
    assert.deepEqual(m.get(c)!.request, { id: b, rtt: 3 });
    assert.deepEqual(m.get(d)!.request, { id: a, rtt: 5 });
    assert.equal(m.get(a)!.responseId, d);
    assert.equal(m.get(b)!.responseId, c);
    assert.equal(m.get(a)!.client, '127.0.0.1:51234');
    assert.equal(m.get(e)!.leg, undefined);
  });
});
