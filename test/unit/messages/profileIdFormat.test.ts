// The Messages tab matches receipts by each connection's id format: the one chosen in the page for
// it, else its profile's messageIdFormat (hex or decimal), else the one chosen for every
// connection, else auto. Choosing the default again drops the choice, so the profile applies again.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CaptureRow } from '../../../src/shared/decoderMessages';
import { chooseIdFormat, idFormatFor, MessagesModel } from '../../../webview/messagesModel';
import { receipt, resp, sm } from './build';

function rows(list: [Uint8Array, 'in' | 'out'][]): CaptureRow[] {
  return list.map(([bytes, direction], i) => ({ id: i + 1, connection: 'Acme', direction, timestamp: 1000 + i, hex: Buffer.from(bytes).toString('hex'), command: '', commandId: new DataView(bytes.buffer, bytes.byteOffset).getUint32(4), status: 0, seq: 0 }));
}

// submit_sm_resp says 10; the receipt says 16: the same message when 10 is hex (0x10 = 16), another when it is decimal.
const capture = rows([
  [sm({ seq: 1, short_message: 'x' }), 'out'],
  [resp('submit_sm_resp', 1, '10'), 'in'],
  [receipt({ seq: 2, id: '16', stat: 'UNDELIV' }), 'in'],
]);
const states = (model: MessagesModel): string[] => model.messages().map((m) => (m.orphan ? 'orphan' : m.state));

describe('the Messages tab’s receipt ids: the connection’s profile as the default', () => {
  it('a profile of hex matches the receipt; decimal leaves it an orphan', () => {
    const hex = new MessagesModel({ dcs0: 'gsm7', idFormats: {}, profiles: { Acme: 'hex' } });
    hex.add(capture);
    assert.deepEqual(states(hex), ['UNDELIV']);
    const decimal = new MessagesModel({ dcs0: 'gsm7', idFormats: {}, profiles: { Acme: 'decimal' } });
    decimal.add(capture);
    assert.deepEqual(states(decimal), ['no receipt', 'orphan']);
  });

  it('a choice made in the page wins over the profile; one for every connection does not', () => {
    const chosen = new MessagesModel({ dcs0: 'gsm7', idFormats: { Acme: 'decimal' }, profiles: { Acme: 'hex' } });
    chosen.add(capture);
    assert.deepEqual(states(chosen), ['no receipt', 'orphan']);
    assert.equal(idFormatFor({ '': 'decimal' }, 'Acme', { Acme: 'hex' }), 'hex');
    assert.equal(idFormatFor({ '': 'decimal' }, 'Other', { Acme: 'hex' }), 'decimal');
    assert.equal(idFormatFor({}, '', { '': 'hex' }), 'auto');
    assert.equal(idFormatFor({}, 'Other', {}), 'auto');
  });

  it('new profiles (a file edited) read the capture again', () => {
    const model = new MessagesModel({ dcs0: 'gsm7', idFormats: {}, profiles: { Acme: 'decimal' } });
    model.add(capture);
    const edited = { dcs0: 'gsm7' as const, idFormats: {}, profiles: { Acme: 'hex' as const } };
    assert.equal(model.differs(edited), true);
    model.reset(capture, edited);
    assert.deepEqual(states(model), ['UNDELIV']);
    assert.equal(model.differs(edited), false);
  });

  it('choosing in the select: another format is kept for the connection; the default again drops the choice', () => {
    const profiles = { Acme: 'hex' as const };
    const chosen = chooseIdFormat({ '': 'auto' }, 'Acme', 'decimal', profiles);
    assert.deepEqual(chosen, { '': 'auto', Acme: 'decimal' });
    assert.deepEqual(chooseIdFormat(chosen, 'Acme', 'hex', profiles), { '': 'auto' });
    // Without a profile the default is the one for every connection.
    assert.deepEqual(chooseIdFormat({ '': 'hex', Beta: 'decimal' }, 'Beta', 'hex'), { '': 'hex' });
    assert.deepEqual(chooseIdFormat({}, '', 'auto'), {});
    assert.deepEqual(chooseIdFormat({}, '', 'hex'), { '': 'hex' });
  });
});
