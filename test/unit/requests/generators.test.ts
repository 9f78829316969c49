// Generated values: the environment, a counter, a random number, a number range across a
// repeat, the time, and a field of the previous response.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildRequest, fillTemplate, parseRequestFile, parseTemplate, type GeneratorContext } from '../../../src/smpp/requests';

const fill = (text: string, context: GeneratorContext, time = false): string => {
  const r = fillTemplate(parseTemplate(text), context, { time });
  if ('error' in r) throw new Error(r.error);
  return r.text;
};

describe('generators', () => {
  it('${env:NAME}, and an unset one is an error naming it', () => {
    assert.equal(fill('pw=${env:SMPP_PW}', { env: { SMPP_PW: 's3cret' } }), 'pw=s3cret');
    assert.deepEqual(fillTemplate(parseTemplate('x ${env:NOPE}'), { env: {} }), { error: 'the environment variable NOPE is not set', start: 2, end: 13 });
  });

  it('${counter} is the send number', () => {
    assert.equal(fill('msg ${counter}', { counter: 42 }), 'msg 42');
    assert.equal(fill('${counter}', {}), '1');
  });

  it('${random a..b} stays within a..b, both ends reached, leading zeros kept', () => {
    assert.equal(fill('${random 1000..9999}', { random: () => 0 }), '1000');
    assert.equal(fill('${random 1000..9999}', { random: () => 0.999999999 }), '9999');
    assert.equal(fill('${random 0007..0009}', { random: () => 0.5 }), '0008');
  });

  it('${range a..b} gives the nth value on the nth send, then starts again', () => {
    const r = (i: number): string => fill('${range 447700900000..447700900002}', { sendIndex: i });
    assert.deepEqual([0, 1, 2, 3].map(r), ['447700900000', '447700900001', '447700900002', '447700900000']);
  });

  it('${timestamp}: an SMPP time in a time field, Unix seconds elsewhere', () => {
    const now = () => Date.UTC(2026, 11, 2, 9, 30, 15, 700);
    assert.equal(fill('${timestamp}', { now }, true), '261202093015700+');
    assert.equal(fill('${timestamp}', { now }), String(Date.UTC(2026, 11, 2, 9, 30, 15) / 1000));
  });

  it('${last.FIELD} reads the previous response', () => {
    assert.equal(fill('${last.message_id}', { last: { command: 'submit_sm_resp', message_id: 'abc' } }), 'abc');
    assert.deepEqual(fillTemplate(parseTemplate('${last.message_id}'), {}), { error: '${last.message_id}: no response came before this block', start: 0, end: 18 });
  });

  it('$${ is a literal ${', () => {
    assert.equal(fill('cost $${price}', {}), 'cost ${price}');
  });

  it('a block built for each send of a repeat', () => {
    const f = parseRequestFile(
      ['pdu: submit_sm', 'destination_addr: ${range 447700900100..447700900199}', 'short_message: Hello ${counter}', 'schedule_delivery_time: ${timestamp}', 'user_message_reference: ${random 1..9}', 'repeat: 3'].join('\n'),
    );
    assert.deepEqual(f.problems, []);
    const block = f.blocks[0]!;
    const now = () => Date.UTC(2027, 0, 1, 0, 0, 0);
    const sends = [0, 1, 2].map((i) => buildRequest(block, { sendIndex: i, counter: 10 + i, now, random: () => 0.5 }).pdu!);
    assert.deepEqual(
      sends.map((p) => p.body.destination_addr),
      ['447700900100', '447700900101', '447700900102'],
    );
    // GSM 7-bit, one octet a character: "Hello 12".
    assert.equal(sends[2]!.body.short_message, Buffer.from('Hello 12').toString('hex'));
    assert.equal(sends[0]!.body.schedule_delivery_time, '270101000000000+');
    assert.deepEqual(sends[0]!.tlvs, [{ tag: 0x0204, name: 'user_message_reference', value: 5 }]);
  });

  it('a generated value is checked when it is filled in', () => {
    const f = parseRequestFile('pdu: submit_sm\nsource_addr_ton: ${random 200..300}\n');
    assert.deepEqual(f.problems, []);
    const built = buildRequest(f.blocks[0]!, { random: () => 0.9999 });
    assert.equal(built.pdu, undefined);
    assert.deepEqual(built.problems, [{ line: 1, column: 17, endColumn: 35, message: 'source_addr_ton: expected an integer 0..255, got 300', severity: 'error' }]);
  });
});
