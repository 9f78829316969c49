// Every request PDU of the tables survives the trip through a request block: encode → decode →
// the block's text → parse → build → encode gives the same octets.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toHex } from '../../../src/smpp/bytes';
import { decode, encode, parseTlvDictionary, type PduInput, type TlvInput } from '../../../src/smpp/codec';
import { buildRequest, formatRequestBlock, parseRequestFile, REQUEST_COMMANDS } from '../../../src/smpp/requests';
import { COMMANDS, type CommandName, type FieldSpec } from '../../../src/smpp/tables/commands';
import type { TlvDictionary } from '../../../src/smpp/codec';

const latin1 = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));
const ucs2 = (s: string): Uint8Array => Uint8Array.from([...s].flatMap((c) => [c.charCodeAt(0) >> 8, c.charCodeAt(0) & 0xff]));

/** A body with every writable field set to something other than its default. */
function sampleBody(command: CommandName): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const f of COMMANDS[command].body as readonly FieldSpec[]) {
    if ('lengthOf' in f && f.lengthOf !== undefined) continue;
    switch (f.type) {
      case 'int1':
      case 'int2':
      case 'int4':
        body[f.name] = f.name === 'data_coding' ? 8 : f.name === 'interface_version' ? 0x34 : f.name === 'esm_class' ? 0x43 : 1;
        break;
      case 'cstring':
        body[f.name] = f.time ? '250102030405000+' : f.name === 'password' ? 'pw' : f.name.slice(0, Math.min(f.max - 1, 8));
        break;
      case 'octets':
        body[f.name] = ucs2('Grüße ${x}');
        break;
      case 'dest_list':
        body[f.name] = [
          { dest_flag: 1, dest_addr_ton: 1, dest_addr_npi: 1, destination_addr: '447700900001' },
          { dest_flag: 2, dl_name: 'friends' },
        ];
        break;
      case 'unsuccess_list':
        break;
    }
  }
  return body;
}

const BROADCAST_TLVS: TlvInput[] = [
  { name: 'broadcast_area_identifier', value: { format: 0, area: latin1('London') } },
  { name: 'broadcast_area_identifier', value: { format: 0, area: latin1('Paris') } },
  { name: 'broadcast_content_type', value: { network: 1, contentType: 2 } },
  { name: 'broadcast_rep_num', value: 3 },
  { name: 'broadcast_frequency_interval', value: { unit: 9, interval: 5 } },
];

function roundTrip(input: PduInput<CommandName>, dictionary?: TlvDictionary): { text: string; before: string; after: string } {
  const options = dictionary === undefined ? undefined : { tlvs: dictionary };
  const bytes = encode({ ...input, sequence_number: 1 }, options);
  const decoded = decode(bytes, options);
  assert.deepEqual(decoded.problems, [], `${input.command} decodes without problems`);
  const text = formatRequestBlock(decoded.pdu, { connection: 'Local simulator', ...(dictionary ? { dictionary } : {}) });
  const parsed = parseRequestFile(text, dictionary ? { dictionary } : {});
  assert.deepEqual(parsed.problems, [], `${input.command}: the block reads back without problems:\n${text}`);
  assert.equal(parsed.blocks.length, 1);
  const built = buildRequest(parsed.blocks[0]!, dictionary ? { dictionary } : {});
  assert.deepEqual(built.problems, [], text);
  const again = encode({ ...built.input!, sequence_number: 1 }, options);
  return { text, before: toHex(bytes), after: toHex(again) };
}

describe('every request PDU round-trips through a block', () => {
  for (const command of REQUEST_COMMANDS) {
    it(command, () => {
      const tlvs = command === 'broadcast_sm' ? BROADCAST_TLVS : [];
      const r = roundTrip({ command, body: sampleBody(command) as never, tlvs });
      assert.equal(r.after, r.before, r.text);
    });
  }

  it('covers every request of the tables, broadcast_sm included', () => {
    const requests = (Object.keys(COMMANDS) as CommandName[]).filter((c) => !c.endsWith('_resp') && c !== 'generic_nack');
    assert.deepEqual([...REQUEST_COMMANDS].sort(), requests.sort());
    assert.ok(REQUEST_COMMANDS.includes('broadcast_sm'));
  });

  it('a submit_sm with GSM text, a UDH in octets, TLVs of every kind and a vendor TLV', () => {
    const { dictionary } = parseTlvDictionary([{ tag: 0x1400, name: 'operator_id', type: 'int2', values: { 1: 'vodafone' } }, { tag: 0x1401, name: 'billing_code', type: 'cstring' }]);
    const body = { source_addr: 'Panel', destination_addr: '447700900001', dest_addr_ton: 1, dest_addr_npi: 1, esm_class: 0x40, registered_delivery: 0x11, short_message: Uint8Array.from([5, 0, 3, 7, 2, 1, 0x48, 0x69]) };
    const tlvs: TlvInput[] = [
      { name: 'sar_msg_ref_num', value: 513 },
      { name: 'message_payload', value: latin1('Text in a payload') },
      { name: 'callback_num', value: { digitMode: 1, ton: 1, npi: 1, digits: '447700900999' } },
      { name: 'network_error_code', value: { type: 3, code: 27 } },
      { name: 'alert_on_message_delivery', value: null },
      { name: 'receipted_message_id', value: '  spaced  ' },
      { name: 'operator_id', value: 1 },
      { name: 'billing_code', value: 'AB"12' },
      { tag: 0x1500, raw: Uint8Array.from([1, 2, 3]) },
    ];
    const r = roundTrip({ command: 'submit_sm', body, tlvs }, dictionary);
    assert.equal(r.after, r.before, r.text);
    assert.match(r.text, /^operator_id: vodafone$/m);
    assert.match(r.text, /^esm_class: udhi$/m);
    assert.match(r.text, /^registered_delivery: receipt \| intermediate$/m);
    assert.match(r.text, /^0x1500: 0x010203$/m);
    assert.match(r.text, /^receipted_message_id: " {2}spaced {2}"$/m);
  });

  it('text that looks like hex, or holds ${, stays text', () => {
    const r = roundTrip({ command: 'submit_sm', body: { short_message: latin1('0x4142'), destination_addr: '${env:X}' } });
    assert.equal(r.after, r.before, r.text);
    assert.match(r.text, /^short_message: "0x4142"$/m);
    assert.match(r.text, /^destination_addr: \$\$\{env:X\}$/m);
  });
});
