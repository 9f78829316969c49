// The Messages tab's model: capture rows (hex, as the page gets them) become messages as they
// come, a filter by state, number (with or without '+'), text or message_id narrows them, the
// parts column reads "3/3" or "2/3 missing 2", each connection has its receipt id format, and the
// decoder state keeps the filter and the formats (its guard refuses anything else).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { coerceDecoderState, DEFAULT_STATE, isDecoderState, type CaptureRow } from '../../../src/shared/decoderMessages';
import { idFormatFor, listNumbers, messageConnection, MessagesModel, partsText } from '../../../webview/messagesModel';
import { receipt, resp, sm, textParts } from './build';

const LONG = 'Parts of a long text for the messages tab, told apart by their reference. '.repeat(5).trim();

function rows(list: [Uint8Array, 'in' | 'out', string?][]): CaptureRow[] {
  return list.map(([bytes, direction, connection], i) => {
    const command = '';
    return { id: i + 1, connection: connection ?? 'Acme', direction, timestamp: 1000 + i, hex: Buffer.from(bytes).toString('hex'), command, commandId: new DataView(bytes.buffer, bytes.byteOffset).getUint32(4), status: 0, seq: 0 };
  });
}

describe('messages tab model', () => {
  it('reads capture rows into messages as they come; filters by state, number with or without +, text and message_id', () => {
    const parts = textParts(LONG, 'udh', 1, { to: '447912345678' });
    const capture = rows([
      [parts[0]!, 'out'],
      [resp('submit_sm_resp', 1, 'AB01'), 'in'],
      [parts[2]!, 'out'],
      [resp('submit_sm_resp', 3, 'AB03'), 'in'],
      [sm({ seq: 9, to: '33612345678', short_message: 'bonjour' }), 'out', 'Paris'],
      [resp('submit_sm_resp', 9, '99'), 'in', 'Paris'],
    ]);
    const model = new MessagesModel({ dcs0: 'gsm7', idFormats: {} });
    model.add(capture.slice(0, 4));
    assert.equal(model.messages().length, 1);
    model.add(capture.slice(4));
    model.add(rows([[receipt({ seq: 2, id: '153', stat: 'UNDELIV' }), 'in', 'Paris']]).map((r) => ({ ...r, id: 7 })));
    const all = model.messages();
    assert.deepEqual(
      all.map((m) => [m.connection, partsText(m), m.state]),
      [
        ['Acme', '2/3 missing 2', 'no receipt'],
        ['Paris', '1/1', 'UNDELIV'],
      ],
    );
    const keys = (connection: string, text: string): string[] => model.filter(connection, text).map((m) => m.connection);
    assert.deepEqual(keys('', 'undeliv'), ['Paris']);
    assert.deepEqual(keys('', '+4479'), ['Acme']);
    assert.deepEqual(keys('', '4479'), ['Acme']);
    assert.deepEqual(keys('', 'missing'), ['Acme']);
    assert.deepEqual(keys('', 'bonjour +336'), ['Paris']);
    assert.deepEqual(keys('', 'ab03'), ['Acme']);
    assert.deepEqual(keys('Acme', 'bonjour'), []);
    assert.deepEqual(keys('Paris', ''), ['Paris']);
  });

  it('takes each connection’s receipt id format, and starts again when the formats change', () => {
    const capture = rows([
      [sm({ seq: 1, short_message: 'x' }), 'out'],
      [resp('submit_sm_resp', 1, '10'), 'in'],
      // 16 is 0x10.
      [receipt({ seq: 2, id: '16' }), 'in'],
    ]);
    const model = new MessagesModel({ dcs0: 'gsm7', idFormats: { Acme: 'decimal' } });
    model.add(capture);
    assert.deepEqual(
      model.messages().map((m) => (m.orphan ? 'orphan' : m.state)),
      ['no receipt', 'orphan'],
    );
    const hex = { dcs0: 'gsm7' as const, idFormats: { Acme: 'hex' as const } };
    assert.equal(model.differs(hex), true);
    model.reset(capture, hex);
    assert.deepEqual(
      model.messages().map((m) => m.state),
      ['DELIVRD'],
    );
    assert.equal(idFormatFor({ '': 'hex' }, 'Other'), 'hex');
    assert.equal(idFormatFor({}, '__proto__'), 'auto');
  });

  it('keeps an analyser proxy’s legs and applications apart, under the proxy connection', () => {
    assert.equal(messageConnection({ connection: 'Analyser', leg: 'app↔proxy', client: '127.0.0.1:5000' }), 'Analyser (app↔proxy 127.0.0.1:5000)');
    assert.equal(messageConnection({ connection: 'Acme' }), 'Acme');
    const capture = rows([[sm({ seq: 1, short_message: 'via proxy' }), 'out', 'Analyser']]).map((r) => ({ ...r, leg: 'proxy↔smsc' as const }));
    const model = new MessagesModel({ dcs0: 'gsm7', idFormats: {} });
    model.add(capture);
    assert.deepEqual(
      model.filter('Analyser', '').map((m) => m.connection),
      ['Analyser (proxy↔smsc)'],
    );
  });

  it('writes part numbers as people do', () => {
    assert.equal(listNumbers([2]), '2');
    assert.equal(listNumbers([2, 3]), '2, 3');
    assert.equal(listNumbers([2, 3, 4, 7]), '2–4, 7');
  });

  it('the decoder state keeps the messages filter and the id formats; "messages" is a tab to restore', () => {
    const state = { ...DEFAULT_STATE, tab: 'messages' as const, messageFilter: 'UNDELIV', idFormats: { '': 'auto' as const, Acme: 'hex' as const } };
    assert.equal(isDecoderState(state), true);
    assert.deepEqual(coerceDecoderState(state), state);
    for (const bad of [{ Acme: 'octal' }, { Acme: 1 }, [], null, Object.fromEntries(Array.from({ length: 1001 }, (_, i) => [`c${i}`, 'hex']))]) {
      assert.equal(isDecoderState({ ...state, idFormats: bad }), false, JSON.stringify(bad).slice(0, 40));
      assert.deepEqual(coerceDecoderState({ ...state, idFormats: bad }).idFormats, {});
    }
    // A state saved before the Messages tab existed is made whole.
    const { messageFilter: _f, idFormats: _i, ...older } = state;
    assert.deepEqual(coerceDecoderState(older), { ...state, messageFilter: '', idFormats: {} });
  });
});
