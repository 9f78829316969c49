// The host ↔ webview message guards: every valid message passes, and hostile or malformed ones
// (wrong types, extra keys, oversized strings, non-hex capture bytes, prototype tricks) fail.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  DEFAULT_STATE,
  MAX_HEX_INPUT,
  coerceDecoderState,
  describeRejected,
  isCaptureRow,
  isDecoderState,
  isHostToWebview,
  isWebviewToHost,
  readHostToWebview,
  type CaptureRow,
  type ConnectionInfo,
  type DictionaryInfo,
  type HostToWebview,
  type VendorTlvDefinition,
  type WebviewToHost,
} from '../../../src/shared/decoderMessages';
import { MAX_CONNECTION_NAME } from '../../../src/shared/guards';

const state = { ...DEFAULT_STATE, hex: '00000010000000150000000000000001', source: 'app.log:3', tab: 'capture' as const, connection: 'Acme' };
const acme: ConnectionInfo = { name: 'Acme', messageIdFormat: 'hex', tlvs: 'acme.smpp.json' };
const operator: VendorTlvDefinition = { tag: 0x1400, name: 'operator_id', type: 'int1', values: { 1: 'vodafone', 2: 'orange' }, description: 'Operator' };
const acmeTlvs: DictionaryInfo = { file: 'acme.smpp.json', entries: [operator, { tag: 0x1401, name: 'billing_code', type: 'cstring' }] };
const request: CaptureRow = { id: 1, connection: 'Acme', direction: 'out', timestamp: 1_737_820_000_000, hex: '00000010000000150000000000000001', command: 'enquire_link', commandId: 0x15, status: 0, seq: 1, responseId: 2 };
const response: CaptureRow = { id: 2, connection: 'Acme', direction: 'in', timestamp: 1_737_820_000_012, hex: '00000010800000150000000000000001', command: 'enquire_link_resp', commandId: 0x80000015, status: 0, seq: 1, request: { id: 1, rtt: 12 } };

const validToWebview: HostToWebview[] = [
  { type: 'init', state, connections: [acme, { name: 'Local simulator', messageIdFormat: 'as-is' }], dictionaries: [acmeTlvs] },
  { type: 'decode', hex: 'de ad', source: '' },
  { type: 'showCapture', connection: '' },
  { type: 'captureSnapshot', records: [request, response], capacity: 10_000 },
  { type: 'captureRecords', records: [] },
  { type: 'captureCleared' },
  { type: 'connections', connections: [], dictionaries: [] },
  { type: 'connections', connections: [acme], dictionaries: [acmeTlvs] },
  { type: 'exportResult', requestId: 3, outcome: 'saved', message: 'Saved 2 PDUs to x.pcap.' },
];

const validToHost: WebviewToHost[] = [
  { type: 'ready' },
  { type: 'stateChanged', state },
  { type: 'exportPcap', requestId: 1 },
  { type: 'exportPcap', requestId: 2, connection: 'Acme' },
  { type: 'clearCapture' },
  { type: 'openInEditor', content: '{}', language: 'json' },
  { type: 'log', level: 'warn', message: 'x' },
];

describe('decoder messages: valid ones pass', () => {
  for (const m of validToWebview) it(`host → page ${m.type}`, () => assert.equal(isHostToWebview(m), true));
  for (const m of validToHost) it(`page → host ${m.type}${'connection' in m ? ' (connection)' : ''}`, () => assert.equal(isWebviewToHost(m), true));

  it('survive a JSON round trip (postMessage may serialize)', () => {
    for (const m of validToWebview) assert.equal(isHostToWebview(JSON.parse(JSON.stringify(m))), true, m.type);
    for (const m of validToHost) assert.equal(isWebviewToHost(JSON.parse(JSON.stringify(m))), true, m.type);
  });

  it('the directions do not mix', () => {
    for (const m of validToWebview) assert.equal(isWebviewToHost(m), false, m.type);
    for (const m of validToHost) assert.equal(isHostToWebview(m), false, m.type);
  });
});

describe('decoder messages: hostile ones fail', () => {
  const hostileToHost: [string, unknown][] = [
    ['null', null],
    ['a string', 'ready'],
    ['a number', 42],
    ['an array', [{ type: 'ready' }]],
    ['no type', {}],
    ['an unknown type', { type: 'runCommand', command: 'workbench.action.terminal.new' }],
    ['a non-string type', { type: ['ready'] }],
    ['extra keys on ready', { type: 'ready', command: 'x' }],
    ['a state with an extra key', { type: 'stateChanged', state: { ...state, evil: true } }],
    ['a state missing a key', { type: 'stateChanged', state: { hex: '', dcs0: 'gsm7' } }],
    ['a bad dcs0', { type: 'stateChanged', state: { ...state, dcs0: 'utf8' } }],
    ['a bad tab', { type: 'stateChanged', state: { ...state, tab: 'settings' } }],
    ['a fractional pduIndex', { type: 'stateChanged', state: { ...state, pduIndex: 0.5 } }],
    ['a zero ladderCount', { type: 'stateChanged', state: { ...state, ladderCount: 0 } }],
    ['an oversized hex', { type: 'stateChanged', state: { ...state, hex: 'a'.repeat(MAX_HEX_INPUT + 1) } }],
    ['an oversized source', { type: 'stateChanged', state: { ...state, source: 'x'.repeat(257) } }],
    ['a negative request id', { type: 'exportPcap', requestId: -1 }],
    ['a NaN request id', { type: 'exportPcap', requestId: Number.NaN }],
    ['a numeric connection', { type: 'exportPcap', requestId: 1, connection: 7 }],
    ['a path instead of a connection', { type: 'exportPcap', requestId: 1, path: '/etc/passwd' }],
    ['an unknown editor language', { type: 'openInEditor', content: 'x', language: 'shellscript' }],
    ['non-string content', { type: 'openInEditor', content: { toString: () => 'x' }, language: 'json' }],
    ['an unknown log level', { type: 'log', level: 'fatal', message: 'x' }],
    ['a huge log message', { type: 'log', level: 'info', message: 'x'.repeat(5000) }],
  ];
  for (const [what, m] of hostileToHost) it(`page → host: ${what}`, () => assert.equal(isWebviewToHost(m), false));

  const hostileToWebview: [string, unknown][] = [
    ['decode with a number', { type: 'decode', hex: 42, source: '' }],
    ['decode without a source', { type: 'decode', hex: 'ab' }],
    ['init without connections', { type: 'init', state, dictionaries: [] }],
    ['init without dictionaries', { type: 'init', state, connections: [] }],
    ['init with connections that are not a list', { type: 'init', state, connections: { 0: acme }, dictionaries: [] }],
    ['connections with dictionaries that are not a list', { type: 'connections', connections: [], dictionaries: { file: 'a', entries: [] } }],
    ['connections in the old form, by name', { type: 'connections', names: ['Acme'] }],
    ['a snapshot with a zero capacity', { type: 'captureSnapshot', records: [], capacity: 0 }],
    ['records that are not an array', { type: 'captureRecords', records: { 0: request, length: 1 } }],
    ['a record with an id of 0', { type: 'captureRecords', records: [{ ...request, id: 0 }] }],
    ['a record with upper-case hex', { type: 'captureRecords', records: [{ ...request, hex: 'ABCD' }] }],
    ['a record with odd hex', { type: 'captureRecords', records: [{ ...request, hex: 'abc' }] }],
    ['a record with markup in its hex', { type: 'captureRecords', records: [{ ...request, hex: '<img src=x>' }] }],
    ['a record with a bad direction', { type: 'captureRecords', records: [{ ...request, direction: 'sideways' }] }],
    ['a record with an infinite timestamp', { type: 'captureRecords', records: [{ ...request, timestamp: Infinity }] }],
    ['a record with a 33-bit status', { type: 'captureRecords', records: [{ ...request, status: 2 ** 32 }] }],
    ['a record with a negative rtt', { type: 'captureRecords', records: [{ ...response, request: { id: 1, rtt: -1 } }] }],
    ['a record with an extra key', { type: 'captureRecords', records: [{ ...request, html: '<b>' }] }],
    ['an exportResult with an unknown outcome', { type: 'exportResult', requestId: 1, outcome: 'pwned', message: '' }],
    ['a captureCleared with a payload', { type: 'captureCleared', records: [] }],
  ];
  for (const [what, m] of hostileToWebview) it(`host → page: ${what}`, () => assert.equal(isHostToWebview(m), false));

  it('an own __proto__ key does not sneak past the key check', () => {
    const m = JSON.parse('{"type":"ready","__proto__":{"polluted":true}}') as unknown;
    assert.equal(isWebviewToHost(m), false);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it('random junk never throws', () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
    const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)]!;
    const atoms: unknown[] = [null, undefined, 0, -1, 1.5, NaN, '', 'x', true, [], {}, 'ready', 'init'];
    const types = ['ready', 'stateChanged', 'exportPcap', 'clearCapture', 'openInEditor', 'log', 'init', 'decode', 'captureRecords', 'captureSnapshot'];
    for (let i = 0; i < 2000; i++) {
      const m: Record<string, unknown> = { type: pick(types) };
      const n = Math.floor(rnd() * 4);
      for (let k = 0; k < n; k++) m[pick(['state', 'hex', 'requestId', 'records', 'connection', 'level', 'message', 'content', 'language', 'x'])] = pick(atoms);
      // Whatever it is, the guards answer with a boolean.
      assert.equal(typeof isWebviewToHost(m), 'boolean');
      assert.equal(typeof isHostToWebview(m), 'boolean');
    }
  });
});

describe('decoder state', () => {
  it('the defaults are a valid state', () => assert.equal(isDecoderState({ ...DEFAULT_STATE }), true));

  it('coerce keeps the valid fields and defaults the rest', () => {
    const s = coerceDecoderState({ hex: 'ab', dcs0: 'latin1', tab: 'nope', pduIndex: -3, ladderCount: 100, extra: 1 });
    assert.deepEqual(s, { ...DEFAULT_STATE, hex: 'ab', dcs0: 'latin1', ladderCount: 100 });
    assert.equal(isDecoderState(s), true);
  });

  it('coerce takes anything', () => {
    for (const v of [undefined, null, 3, 'x', [], { hex: 5 }]) assert.deepEqual(coerceDecoderState(v), { ...DEFAULT_STATE });
  });
});

describe('capture rows', () => {
  it('a request and its response pass', () => {
    assert.equal(isCaptureRow(request), true);
    assert.equal(isCaptureRow(response), true);
  });

  it('describeRejected names the type, never the content', () => {
    assert.equal(describeRejected({ type: 'exportPcap', requestId: 'secret-token' }), "a 'exportPcap' message that fails its guard");
    assert.equal(describeRejected('password=hunter2'), 'string');
    assert.equal(describeRejected([1]), 'an array');
    assert.equal(describeRejected(null), 'null');
    assert.equal(describeRejected({ password: 'x' }), 'an object without a type');
  });
});

describe('a batch keeps its good rows', () => {
  const longName = 'n'.repeat(MAX_CONNECTION_NAME + 1);
  const bad = { ...request, id: 3, connection: longName };

  it('a connection name over the limit drops that connection from init and connections, not the message', () => {
    const sim: ConnectionInfo = { name: 'Local simulator', messageIdFormat: 'as-is' };
    assert.deepEqual(readHostToWebview({ type: 'init', state, connections: [acme, { ...sim, name: longName }, sim], dictionaries: [] }), {
      message: { type: 'init', state, connections: [acme, sim], dictionaries: [] },
      dropped: 1,
    });
    assert.deepEqual(readHostToWebview({ type: 'connections', connections: [{ ...sim, name: longName }, acme, 'Acme'], dictionaries: [] }), {
      message: { type: 'connections', connections: [acme], dictionaries: [] },
      dropped: 2,
    });
  });

  it('a bad capture row drops that row, and the rows of every other connection stay', () => {
    assert.deepEqual(readHostToWebview({ type: 'captureRecords', records: [request, bad, response] }), { message: { type: 'captureRecords', records: [request, response] }, dropped: 1 });
    assert.deepEqual(readHostToWebview({ type: 'captureSnapshot', records: [bad, request, { ...response, hex: 'XYZ' }], capacity: 10 }), {
      message: { type: 'captureSnapshot', records: [request], capacity: 10 },
      dropped: 2,
    });
  });

  it('a message with nothing wrong drops nothing, and the strict guard still refuses a batch with a bad row', () => {
    for (const m of validToWebview) assert.deepEqual(readHostToWebview(m), { message: m, dropped: 0 }, m.type);
    assert.equal(isHostToWebview({ type: 'captureRecords', records: [request, bad] }), false);
  });

  it('a message whose envelope is wrong is still refused whole', () => {
    assert.equal(readHostToWebview({ type: 'captureRecords', records: { 0: request, length: 1 } }), undefined);
    assert.equal(readHostToWebview({ type: 'captureSnapshot', records: [request], capacity: 0 }), undefined);
    assert.equal(readHostToWebview({ type: 'init', state: { ...state, evil: true }, connections: [], dictionaries: [] }), undefined);
    assert.equal(readHostToWebview({ type: 'connections', connections: [], dictionaries: [], extra: 1 }), undefined);
  });
});
