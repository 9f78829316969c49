// Completion and hover in request files, as the data the editor's providers turn into items.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseTlvDictionary } from '../../../src/smpp/codec';
import { completionsAt, hoverAt } from '../../../src/smpp/requests';

const { dictionary } = parseTlvDictionary([{ tag: 0x1400, name: 'operator_id', type: 'int2', values: { 1: 'vodafone' }, description: 'Operator' }]);

/** Completions at the `¦` in the text. */
function complete(withCursor: string, options = {}) {
  const lines = withCursor.split('\n');
  const line = lines.findIndex((l) => l.includes('¦'));
  const character = lines[line]!.indexOf('¦');
  return completionsAt(withCursor.replace('¦', ''), line, character, options);
}

function hover(withCursor: string, options = {}) {
  const lines = withCursor.split('\n');
  const line = lines.findIndex((l) => l.includes('¦'));
  const character = lines[line]!.indexOf('¦');
  return hoverAt(withCursor.replace('¦', ''), line, character, options);
}

describe('completion', () => {
  it('PDU names after pdu:', () => {
    const items = complete('### a\npdu: sub¦');
    const labels = items.map((i) => i.label);
    assert.ok(labels.includes('submit_sm') && labels.includes('broadcast_sm') && labels.includes('query_sm'));
    assert.ok(!labels.some((l) => l.endsWith('_resp')));
    const submit = items.find((i) => i.label === 'submit_sm')!;
    assert.deepEqual([submit.kind, submit.detail, submit.range], ['command', '0x00000004 · SMPP 3.3', { line: 1, column: 5, endColumn: 8 }]);
  });

  it('the fields of the block’s PDU not yet given, settings, expect and TLVs (the dictionary’s too)', () => {
    const items = complete('pdu: query_sm\nmessage_id: 1\n¦');
    const byLabel = new Map(items.map((i) => [i.label, i]));
    assert.ok(byLabel.has('source_addr') && byLabel.has('source_addr_ton'));
    assert.ok(!byLabel.has('message_id'), 'a field already given is not offered again');
    assert.ok(!byLabel.has('short_message'), 'a field of another PDU is not offered');
    assert.ok(!byLabel.has('pdu') && byLabel.has('connection') && byLabel.has('repeat') && byLabel.has('expect'));
    assert.equal(byLabel.get('source_addr')!.insertText, 'source_addr: ');
    assert.equal(byLabel.get('source_addr')!.detail, 'Source address · C-octet string, at most 20 characters');
    assert.equal(byLabel.get('sar_msg_ref_num')!.kind, 'tlv');
    assert.equal(byLabel.has('operator_id'), false);
    const withDict = complete('pdu: query_sm\n¦', { dictionary });
    assert.equal(withDict.find((i) => i.label === 'operator_id')?.detail, 'TLV 0x1400 (vendor) · integer, 2 octets');
  });

  it('coded values from the tables, the part after | for flags', () => {
    const ton = complete('pdu: submit_sm\ndest_addr_ton: in¦');
    assert.deepEqual(ton.find((i) => i.label === 'international'), { label: 'international', kind: 'value', detail: '1 (0x01)', documentation: 'International', range: { line: 1, column: 15, endColumn: 17 } });
    const esm = complete('pdu: submit_sm\nesm_class: store_and_forward | ud¦');
    assert.ok(esm.some((i) => i.label === 'udhi'));
    assert.deepEqual(esm[0]!.range, { line: 1, column: 31, endColumn: 33 });
    const dc = complete('pdu: data_sm\ndata_coding: ¦').map((i) => i.label);
    assert.ok(dc.includes('ucs2') && dc.includes('latin1'));
    assert.deepEqual(complete('pdu: submit_sm\noperator_id: ¦', { dictionary }).map((i) => i.label), ['vodafone']);
  });

  it('connection names, generators and expectations', () => {
    assert.deepEqual(complete('connection: ¦', { connections: ['Local simulator', 'Acme'] }).map((i) => i.label), ['Local simulator', 'Acme']);
    const gens = complete('pdu: submit_sm\nshort_message: Hi ${¦');
    assert.deepEqual(gens.map((g) => g.label), ['${env:NAME}', '${counter}', '${random a..b}', '${range a..b}', '${timestamp}', '${last.FIELD}']);
    assert.deepEqual(gens[0]!.range, { line: 1, column: 20, endColumn: 20 });
    assert.deepEqual(complete('pdu: submit_sm\nexpect ¦').map((i) => i.label), ['status', 'receipt', 'field']);
    assert.ok(complete('pdu: submit_sm\nexpect status ESME_R¦').some((i) => i.label === 'ESME_RTHROTTLED'));
    assert.ok(complete('pdu: submit_sm\nexpect receipt ¦').some((i) => i.label === 'DELIVRD'));
    assert.deepEqual(complete('pdu: submit_sm\nexpect field ¦').map((i) => i.label), ['message_id']);
  });

  it('nothing inside a comment', () => {
    assert.deepEqual(complete('# pdu: ¦'), []);
  });
});

describe('hover', () => {
  it('a field: its label, type, meaning and named values', () => {
    const h = hover('pdu: submit_sm\ndest_addr_t¦on: 1');
    assert.ok(h);
    assert.deepEqual(h.range, { line: 1, column: 0, endColumn: 13 });
    assert.match(h.markdown, /^\*\*dest_addr_ton\*\* · Destination address TON\n\ninteger, 1 octet\n\nType of number of the destination/);
    assert.match(h.markdown, /- `international` = 1: International/);
    const sm = hover('pdu: submit_sm\nshort_me¦ssage: hi')!;
    assert.match(sm.markdown, /octets, at most 254/);
    assert.match(sm.markdown, /message_payload for more/);
  });

  it('a coded value says what it means', () => {
    assert.equal(hover('pdu: submit_sm\nesm_class: store_and_forward | ud¦hi')!.markdown, '**esm_class** = 67 (0x43): store and forward mode, UDHI');
    assert.equal(hover('pdu: submit_sm\ndata_coding: 8¦')!.markdown, '**data_coding** = 8 (0x08): UCS-2 (ISO/IEC 10646)');
    assert.equal(hover('pdu: submit_sm\noperator_id: voda¦fone', { dictionary })!.markdown, '**operator_id** = 1 (0x01): vodafone');
  });

  it('a TLV, the PDU, a generator and a status', () => {
    assert.match(hover('pdu: submit_sm\nsar_msg¦_ref_num: 1')!.markdown, /^\*\*sar_msg_ref_num\*\* · SAR msg ref number\n\nTLV 0x020C \(SMPP 3\.4\) · integer, 2 octets$/);
    assert.match(hover('pdu: query¦_sm')!.markdown, /^\*\*query_sm\*\* · command_id 0x00000003 · SMPP 3\.3\n\nAnswered by query_sm_resp\.\n\nFields: message_id, source_addr_ton, source_addr_npi, source_addr$/);
    const g = hover('pdu: submit_sm\ndestination_addr: ${ran¦ge 1..5}')!;
    assert.deepEqual(g.range, { line: 1, column: 18, endColumn: 31 });
    assert.match(g.markdown, /nth value/);
    assert.match(hover('pdu: submit_sm\nexpect status ESME_RTHRO¦TTLED')!.markdown, /^\*\*ESME_RTHROTTLED \(0x00000058\)\*\*\n\nthe SMSC is throttling/);
    assert.equal(hover('pdu: submit_sm\n# a comm¦ent'), undefined);
    assert.equal(hover('pdu: constr¦uctor'), undefined);
  });
});
