// A connection file's vendor TLVs ("tlvs") and a connection's provider profile ("profile"):
// through the schema and the file's own checks, with the line and column of each problem.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_PROFILE, parseConnectionFile } from '../../../src/config/connectionFile';
import { parseTlvDictionaryFile } from '../../../src/config/tlvDictionaryFile';
import { submissionProfile } from '../../../src/config/sessionOptions';

/** Every problem as `line:column message`. */
function where(problems: readonly { line: number; column: number; message: string }[]): string[] {
  return [...problems].sort((a, b) => a.line - b.line || a.column - b.column).map((p) => `${p.line}:${p.column} ${p.message}`);
}

const GOOD = `{
  "tlvs": [
    { "tag": "0x1400", "name": "operator_id", "type": "int2", "values": { "1": "vodafone", "0x02": "orange" } },
    { "tag": 5121, "name": "billing_code", "type": "cstring", "description": "Billing code" },
    { "tag": "0x1402", "name": "route", "type": "hex" }
  ],
  "connections": [
    { "name": "a", "simulator": {} },
    { "name": "b", "simulator": {}, "profile": { "messageIdFormat": "decimal", "dcs0": "latin1", "concatenation": "sar" } }
  ]
}`;

describe('connection file: vendor TLVs', () => {
  it('reads a good dictionary, shared by every connection of the file', () => {
    const parsed = parseConnectionFile(GOOD);
    assert.deepEqual(parsed.problems, []);
    assert.deepEqual(parsed.tlvs?.entries, [
      { tag: 0x1400, name: 'operator_id', type: 'int2', values: { 1: 'vodafone', 2: 'orange' } },
      { tag: 0x1401, name: 'billing_code', type: 'cstring', description: 'Billing code' },
      { tag: 0x1402, name: 'route', type: 'hex' },
    ]);
    assert.equal(parsed.connections[0]!.tlvs, parsed.tlvs);
    assert.equal(parsed.connections[1]!.tlvs, parsed.tlvs);
    assert.deepEqual(parsed.connections.map((c) => c.problems), [[], []]);
  });

  it('a file without "tlvs" has no dictionary', () => {
    const parsed = parseConnectionFile('{ "connections": [ { "name": "a" } ] }');
    assert.equal(parsed.tlvs, undefined);
    assert.equal(parsed.connections[0]!.tlvs, undefined);
  });

  it('names a spec tag, a spec name, and a tag or name given twice, on its line', () => {
    const text = `{
  "tlvs": [
    { "tag": "0x1400", "name": "operator_id", "type": "int2" },
    { "tag": "0x0427", "name": "my_state", "type": "int1" },
    { "tag": "0x1401", "name": "receipted_message_id", "type": "cstring" },
    { "tag": 5120, "name": "operator", "type": "int1" },
    { "tag": "0x1402", "name": "operator_id", "type": "int1" },
    { "tag": "0x1403", "name": "level", "type": "int1", "values": { "256": "too big" } }
  ],
  "connections": [ { "name": "a" } ]
}`;
    const parsed = parseConnectionFile(text);
    assert.deepEqual(where(parsed.problems), [
      "4:14 tlvs[1].tag 0x0427 is the spec's message_state; a vendor TLV needs a tag of its own (vendor tags are 0x1400..0x3FFF)",
      '5:32 tlvs[2].name "receipted_message_id" is the name of the spec\'s TLV 0x001E; give the vendor TLV a name of its own',
      '6:14 tlvs[3].tag 0x1400 is given twice (first in tlvs[0])',
      '7:32 tlvs[4].name "operator_id" is given twice (first in tlvs[0])',
      '8:76 tlvs[5].values: 256 does not fit int1 (at most 255)',
    ]);
    assert.ok(parsed.problems.every((p) => p.severity === 'error' && p.source === 'connection'));
    assert.deepEqual(parsed.problems.map((p) => p.path).sort(), ['tlvs[1].tag', 'tlvs[2].name', 'tlvs[3].tag', 'tlvs[4].name', 'tlvs[5].values["256"]']);
    // The good ones stay usable; the connections are not the dictionary's problem.
    assert.deepEqual(parsed.tlvs?.entries.map((e) => e.name), ['operator_id', 'level']);
    assert.deepEqual(parsed.connections[0]!.problems, []);
  });

  it('the schema names a tag out of range, a bad name, type or value key, a missing key and an unknown one, on its line', () => {
    const text = `{
  "tlvs": [
    { "tag": 65536, "name": "a", "type": "int1" },
    { "tag": "0x12345", "name": "b", "type": "int1" },
    { "tag": "0x1400", "name": "two words", "type": "int1" },
    { "tag": "0x1401", "name": "c", "type": "int8" },
    { "tag": "0x1402", "name": "d", "type": "int1", "values": { "one": "x" } },
    { "tag": "0x1403", "type": "int1" },
    { "tag": "0x1404", "name": "e", "type": "int1", "size": 1 }
  ],
  "connections": []
}`;
    const parsed = parseConnectionFile(text);
    assert.deepEqual(where(parsed.problems), [
      '3:14 tlvs[0].tag: tag must be 0..65535, as a number or a string "0x0000".."0xFFFF".',
      '4:14 tlvs[1].tag: tag must be 0..65535, as a number or a string "0x0000".."0xFFFF".',
      '5:32 tlvs[2].name does not match the expected form ^[A-Za-z_][A-Za-z0-9_]*$',
      '6:45 tlvs[3].type must be one of "int1", "int2", "int4", "cstring", "string", "hex", not "int8"',
      '7:65 "one" is not an allowed key in tlvs[4].values: a key is an integer value, written "1" or "0x01"',
      '8:5 tlvs[5] is missing "name"',
      '9:53 unknown property "size"',
    ]);
    assert.ok(parsed.problems.every((p) => p.severity === 'error' && p.source === 'schema'));
    // Only the entry whose one fault is a value name stays (without that name).
    assert.deepEqual(parsed.tlvs?.entries, [{ tag: 0x1402, name: 'd', type: 'int1' }]);
  });
});

describe('connection file: provider profile', () => {
  it('fills the defaults, today\'s behaviour, when there is no profile or only part of one', () => {
    const parsed = parseConnectionFile('{ "connections": [ { "name": "a" }, { "name": "b", "profile": { "concatenation": "payload" } } ] }');
    assert.deepEqual(parsed.problems, []);
    assert.deepEqual(parsed.connections[0]!.definition.profile, { messageIdFormat: 'as-is', dcs0: 'gsm7', concatenation: 'udh8' });
    assert.deepEqual(DEFAULT_PROFILE, { messageIdFormat: 'as-is', dcs0: 'gsm7', concatenation: 'udh8' });
    assert.deepEqual(parsed.connections[1]!.definition.profile, { messageIdFormat: 'as-is', dcs0: 'gsm7', concatenation: 'payload' });
  });

  it('takes each value as written, and gives the session its method and alphabet', () => {
    const def = parseConnectionFile(GOOD).connections[1]!.definition;
    assert.deepEqual(def.profile, { messageIdFormat: 'decimal', dcs0: 'latin1', concatenation: 'sar' });
    assert.deepEqual(submissionProfile(def.profile), { dcs0: 'latin1', method: 'sar' });
    assert.deepEqual(submissionProfile({ ...def.profile, concatenation: 'udh8' }).method, 'udh');
    assert.deepEqual(submissionProfile({ ...def.profile, concatenation: 'udh16' }).method, 'udh16');
    assert.deepEqual(submissionProfile({ ...def.profile, concatenation: 'payload' }).method, 'payload');
  });

  it('refuses an unknown value or key, on its line, and the connection is not usable', () => {
    const text = `{
  "connections": [
    { "name": "a", "profile": { "dcs0": "utf8", "concat": "sar", "messageIdFormat": "hex" } }
  ]
}`;
    const parsed = parseConnectionFile(text);
    const c = parsed.connections[0]!;
    assert.deepEqual(where(c.problems), [
      '3:41 connections[0].profile.dcs0 must be one of "gsm7", "latin1", "ascii", not "utf8"',
      '3:49 unknown property "concat"',
    ]);
    assert.equal(c.definition.profile.messageIdFormat, 'hex');
  });
});

describe('a dictionary file of its own (decode --tlvs)', () => {
  it('reads { "tlvs": [...] }', () => {
    const r = parseTlvDictionaryFile('{ "tlvs": [ { "tag": "0x1400", "name": "operator_id", "type": "int2" } ] }');
    assert.deepEqual(r.problems, []);
    assert.equal(r.tlvs?.byName('operator_id')?.tag, 0x1400);
  });

  it('reads a connection file, reporting only the dictionary\'s problems and the file\'s', () => {
    const r = parseTlvDictionaryFile(GOOD.replace('"name": "b"', '"name": "b", "port": 0'));
    assert.deepEqual(r.problems, []);
    assert.equal(r.tlvs?.size, 3);
  });

  it('names each problem on its line: syntax, shape and meaning', () => {
    assert.deepEqual(where(parseTlvDictionaryFile('{ "tlvs": [ }').problems)[0], '1:13 JSON syntax: a value was expected');
    const text = `{
  "tlvs": [
    { "tag": "0x0005", "name": "x", "type": "int1" },
    { "tag": "0x1400", "name": "y", "type": "float" }
  ],
  "other": 1
}`;
    assert.deepEqual(where(parseTlvDictionaryFile(text).problems), [
      "3:14 tlvs[0].tag 0x0005 is the spec's dest_addr_subunit; a vendor TLV needs a tag of its own (vendor tags are 0x1400..0x3FFF)",
      '4:45 tlvs[1].type must be one of "int1", "int2", "int4", "cstring", "string", "hex", not "float"',
      '6:3 unknown property "other"',
    ]);
    assert.deepEqual(where(parseTlvDictionaryFile('[]').problems), ['1:1 the file must be object, not array']);
  });
});
