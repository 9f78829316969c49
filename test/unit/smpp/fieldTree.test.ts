// Nodes that read the same in every tree (header words, one-octet fields, empty strings at the
// same offset) are made once and shared between trees. A problem that lands on one must stay in
// the tree it belongs to, and a tree must not change with what was decoded before it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decode, encode } from '../../../src/smpp/codec';
import type { FieldNode } from '../../../src/smpp/fields';
import { generateCorpus } from '../../fixtures/corpus';
import { hex } from '../../fixtures/pdus';

function headerWord(fields: readonly FieldNode[] | undefined, name: string): FieldNode {
  const word = fields?.[0]?.children?.find((n) => n.name === name);
  assert.ok(word !== undefined, 'no ' + name + ' in the header');
  return word;
}

describe('field tree: shared nodes', () => {
  it('a request carrying a status has the problem on its command_status; a response with the same status has none', () => {
    const request = decode(hex('00000010000000150000004500000001'), { fields: true });
    assert.equal(headerWord(request.fields, 'command_status').problem?.field, 'command_status');
    const response = decode(hex('00000010800000150000004500000002'), { fields: true });
    assert.deepEqual(response.problems, []);
    assert.equal(headerWord(response.fields, 'command_status').problem, undefined);
    // And the request's tree is as it was.
    assert.equal(headerWord(request.fields, 'command_status').problem?.field, 'command_status');
  });

  it('a truncated PDU has the problem on its command_length; a whole one of that length has none', () => {
    const whole = encode({ command: 'submit_sm_resp', sequence_number: 7, body: { message_id: 'abcdefghijklmno' } });
    assert.equal(whole.length, 32);
    const cut = decode(whole.subarray(0, 20), { fields: true });
    assert.equal(headerWord(cut.fields, 'command_length').problem?.field, 'command_length');
    const full = decode(whole, { fields: true });
    assert.deepEqual(full.problems, []);
    assert.equal(headerWord(full.fields, 'command_length').problem, undefined);
  });

  it('a tree is the same whatever was decoded before it', () => {
    const inputs = generateCorpus(0x5ba7, 300).map((p) => Uint8Array.from(encode(p)));
    // Each PDU also truncated and with a status, so that problems land on nodes others share.
    const variants = inputs.flatMap((b) => {
      const withStatus = b.slice();
      withStatus[11] = 0x45;
      return [b, b.subarray(0, Math.max(16, b.length - 3)), withStatus];
    });
    const first = variants.map((b) => decode(b, { fields: true }));
    const again = variants.map((b) => decode(b, { fields: true }));
    for (let i = 0; i < variants.length; i++) assert.deepStrictEqual(again[i], first[i], 'input ' + i);
    // Decoded alone, in reverse order, each gives the same tree again.
    for (let i = variants.length - 1; i >= 0; i--) assert.deepStrictEqual(decode(variants[i]!, { fields: true }), first[i], 'input ' + i);
  });
});
