// The decoder page learns each connection's profile messageIdFormat and its file's vendor TLV
// dictionary: what the host sends from real connection files (each dictionary once per file, the
// first file winning a name both give), what the page's guard keeps (a bad entry costs that entry,
// a bad dictionary that dictionary, never the batch), and how the page reads PDUs with it: a
// connection's own dictionary for its capture rows, every file's merged for a paste, the first
// file in name order winning a clash.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseConnectionFile } from '../../../src/config/connectionFile';
import { pageConnections, workspaceDictionary, type InfoFile } from '../../../src/decoder/connectionInfo';
import {
  DEFAULT_STATE,
  isConnectionInfo,
  isVendorTlvEntry,
  MAX_DICTIONARIES,
  MAX_DICTIONARY_SIZE,
  MAX_TLV_WORDS,
  readHostToWebview,
  type ConnectionInfo,
  type DictionaryInfo,
} from '../../../src/shared/decoderMessages';
import { encode, MAX_DICTIONARY_ENTRIES, VENDOR_TLV_TYPES } from '../../../src/smpp/codec';
import { CaptureModel } from '../../../webview/captureModel';
import { captureSummary, ConnectionProfiles, profileIdFormat, vendorTlvs } from '../../../webview/connectionProfiles';

function file(label: string, text: string): InfoFile {
  return { label, connections: parseConnectionFile(text).connections.map((parsed) => ({ parsed })) };
}

const ACME = file(
  'acme.smpp.json',
  `{
  "tlvs": [
    { "tag": "0x1400", "name": "operator_id", "type": "int1", "values": { "1": "vodafone", "2": "orange" }, "description": "Operator" },
    { "tag": "0x1401", "name": "billing_code", "type": "cstring" }
  ],
  "connections": [
    { "name": "Acme", "simulator": {}, "profile": { "messageIdFormat": "hex" } },
    { "name": "Acme backup", "simulator": {}, "profile": { "messageIdFormat": "decimal" } }
  ]
}`,
);
const BETA = file(
  'beta.smpp.json',
  `{
  "tlvs": [
    { "tag": "0x1400", "name": "beta_operator", "type": "int2" },
    { "tag": "0x1500", "name": "billing_code", "type": "hex" },
    { "tag": "0x1501", "name": "beta_route", "type": "string" }
  ],
  "connections": [
    { "name": "Beta", "simulator": {} },
    { "name": "Acme", "simulator": {}, "profile": { "messageIdFormat": "decimal" } }
  ]
}`,
);
const PLAIN = file('plain.smpp.json', `{ "connections": [ { "name": "Plain", "simulator": {} } ] }`);

/** A submit_sm carrying the given TLVs as raw octets. */
function submit(tlvs: { tag: number; raw: number[] }[]): Uint8Array {
  return encode({
    command: 'submit_sm',
    sequence_number: 7,
    body: { destination_addr: '447700900123', short_message: 'hi' },
    tlvs: tlvs.map((t) => ({ tag: t.tag, raw: Uint8Array.from(t.raw) })),
  });
}

describe('the host tells the page its connections from the connection files', () => {
  const sent = pageConnections([PLAIN, BETA, ACME]);

  it('each connection with its profile messageIdFormat and its file, the first file in name order keeping a name two files give', () => {
    assert.deepEqual(sent.connections, [
      { name: 'Acme', messageIdFormat: 'hex', tlvs: 'acme.smpp.json' },
      { name: 'Acme backup', messageIdFormat: 'decimal', tlvs: 'acme.smpp.json' },
      { name: 'Beta', messageIdFormat: 'as-is', tlvs: 'beta.smpp.json' },
      { name: 'Plain', messageIdFormat: 'as-is' },
    ]);
  });

  it('each dictionary once per file, as plain JSON the guard keeps whole', () => {
    assert.deepEqual(
      sent.dictionaries.map((d) => [d.file, d.entries.map((e) => e.name)]),
      [
        ['acme.smpp.json', ['operator_id', 'billing_code']],
        ['beta.smpp.json', ['beta_operator', 'billing_code', 'beta_route']],
      ],
    );
    const message = JSON.parse(JSON.stringify({ type: 'connections', ...sent })) as unknown;
    assert.deepEqual(readHostToWebview(message), { message, dropped: 0 });
    const init = JSON.parse(JSON.stringify({ type: 'init', state: DEFAULT_STATE, ...sent })) as unknown;
    assert.equal(readHostToWebview(init)?.dropped, 0);
  });

  it('cuts a description or value name longer than the page takes, rather than lose the entry', () => {
    const long = 'x'.repeat(MAX_TLV_WORDS + 50);
    const f = file('long.smpp.json', JSON.stringify({ tlvs: [{ tag: '0x1400', name: 'op', type: 'int1', values: { 1: long }, description: long }], connections: [{ name: 'L', simulator: {} }] }));
    const out = pageConnections([f]);
    const entry = out.dictionaries[0]!.entries[0]!;
    assert.equal(entry.description?.length, MAX_TLV_WORDS);
    assert.equal(entry.values?.[1]?.length, MAX_TLV_WORDS);
    assert.equal(readHostToWebview({ type: 'connections', ...out })?.dropped, 0);
  });

  it('no connection files: nothing to tell', () => {
    assert.deepEqual(pageConnections([]), { connections: [], dictionaries: [] });
  });
});

describe('the page guard for connections and dictionaries', () => {
  const operator = { tag: 0x1400, name: 'operator_id', type: 'int1', values: { 1: 'vodafone' }, description: 'Operator' };

  it('the guard knows the codec’s vendor TLV types and the connection file’s entry limit', () => {
    for (const type of VENDOR_TLV_TYPES) assert.equal(isVendorTlvEntry({ tag: 0x1400, name: 'x', type }), true, type);
    assert.equal(MAX_DICTIONARY_SIZE, MAX_DICTIONARY_ENTRIES);
  });

  it('a vendor TLV entry as the connection file allows it passes; anything else fails', () => {
    assert.equal(isVendorTlvEntry(operator), true);
    const bad: [string, unknown][] = [
      ['a tag past 0xFFFF', { ...operator, tag: 0x10000 }],
      ['a tag as a string', { ...operator, tag: '0x1400' }],
      ['markup in the name', { ...operator, name: '<img src=x>' }],
      ['a name of 65 characters', { ...operator, name: 'n'.repeat(65) }],
      ['an unknown type', { ...operator, type: 'int8' }],
      ['a value name keyed by a word', { ...operator, values: { one: 'vodafone' } }],
      ['a value key past 2^32 - 1', { ...operator, values: { 4294967296: 'big' } }],
      ['a value key with a leading zero', { ...operator, values: { '01': 'vodafone' } }],
      ['an empty value name', { ...operator, values: { 1: '' } }],
      ['a value name that is not a string', { ...operator, values: { 1: 1 } }],
      ['too many value names', { ...operator, values: Object.fromEntries(Array.from({ length: 4097 }, (_, i) => [i, 'v'])) }],
      ['a description past the limit', { ...operator, description: 'd'.repeat(MAX_TLV_WORDS + 1) }],
      ['an extra key', { ...operator, html: '<b>' }],
      ['no type', { tag: 0x1400, name: 'operator_id' }],
    ];
    for (const [what, v] of bad) assert.equal(isVendorTlvEntry(v), false, what);
  });

  it('a connection names its profile’s messageIdFormat (as-is, hex or decimal) and may name its dictionary’s file', () => {
    assert.equal(isConnectionInfo({ name: 'Acme', messageIdFormat: 'hex', tlvs: 'acme.smpp.json' }), true);
    assert.equal(isConnectionInfo({ name: 'Acme', messageIdFormat: 'as-is' }), true);
    assert.equal(isConnectionInfo({ name: 'Acme', messageIdFormat: 'auto' }), false);
    assert.equal(isConnectionInfo({ name: 'Acme' }), false);
    assert.equal(isConnectionInfo({ name: 'Acme', messageIdFormat: 'hex', tlvs: 7 }), false);
  });

  it('a bad entry drops that entry, a dictionary with a bad file or entry list drops that dictionary; the rest stays', () => {
    const good: DictionaryInfo = { file: 'acme.smpp.json', entries: [operator as DictionaryInfo['entries'][number]] };
    const acme: ConnectionInfo = { name: 'Acme', messageIdFormat: 'hex', tlvs: 'acme.smpp.json' };
    const read = readHostToWebview({
      type: 'connections',
      connections: [acme, { name: 'Bad', messageIdFormat: 'octal' }],
      dictionaries: [
        { file: 'acme.smpp.json', entries: [operator, { ...operator, tag: -1 }] },
        { file: 'other.smpp.json', entries: 'not a list' },
        { file: 42, entries: [] },
        { file: 'x.smpp.json', entries: [], extra: true },
      ],
    });
    assert.deepEqual(read, { message: { type: 'connections', connections: [acme], dictionaries: [good] }, dropped: 5 });
  });

  it('dictionaries past the limit count as dropped', () => {
    const many = Array.from({ length: MAX_DICTIONARIES + 2 }, (_, i) => ({ file: `f${i}.smpp.json`, entries: [] }));
    const read = readHostToWebview({ type: 'connections', connections: [], dictionaries: many });
    assert.equal(read?.dropped, 2);
    assert.equal(read?.message.type === 'connections' && read.message.dictionaries.length, MAX_DICTIONARIES);
  });
});

describe('the page reads PDUs with the connections’ dictionaries', () => {
  const sent = pageConnections([PLAIN, BETA, ACME]);
  const profiles = new ConnectionProfiles();
  profiles.update(sent.connections, sent.dictionaries);
  // operator_id (acme 0x1400) = 1, beta_route (beta 0x1501) = "r1", billing_code (acme 0x1401) = "B7".
  const pdu = submit([
    { tag: 0x1400, raw: [1] },
    { tag: 0x1501, raw: [0x72, 0x31] },
    { tag: 0x1401, raw: [0x42, 0x37, 0] },
  ]);

  it('a connection’s capture row by its own file’s dictionary: vendor TLVs by name and value name', () => {
    assert.deepEqual(vendorTlvs(pdu, profiles.forConnection('Acme').dictionary), ['operator_id=1 (vodafone)', 'billing_code="B7"']);
    assert.equal(profiles.forConnection('Acme').label, 'acme.smpp.json');
    const line = captureSummary(pdu, 'gsm7', profiles.forConnection('Acme').dictionary);
    assert.match(line, /^submit_sm · seq 7 · to 447700900123 · "hi" · operator_id=1 \(vodafone\) · billing_code="B7"$/);
    // Beta's file reads 0x1400 as its own beta_operator, an int2 that one octet cannot be.
    assert.deepEqual(vendorTlvs(pdu, profiles.forConnection('Beta').dictionary).slice(1), ['beta_route="r1"']);
  });

  it('a connection whose file declares no vendor TLVs, or one the page does not know, reads none', () => {
    assert.equal(profiles.forConnection('Plain').dictionary, undefined);
    assert.equal(profiles.forConnection('Nobody').dictionary, undefined);
    assert.equal(captureSummary(pdu, 'gsm7', undefined), 'submit_sm · seq 7 · to 447700900123 · "hi"');
  });

  it('a paste by every file’s dictionary merged, the first file in name order winning a clash of tag or name', () => {
    const merged = profiles.choose('');
    assert.equal(merged.label, 'acme.smpp.json, beta.smpp.json');
    // 0x1400 is acme's operator_id (not beta_operator); billing_code is acme's cstring (beta's 0x1500 is left out); beta_route is beta's.
    assert.deepEqual(
      merged.dictionary?.entries.map((e) => `${e.name} 0x${e.tag.toString(16)}`),
      ['operator_id 0x1400', 'billing_code 0x1401', 'beta_route 0x1501'],
    );
    assert.deepEqual(vendorTlvs(pdu, merged.dictionary), ['operator_id=1 (vodafone)', 'beta_route="r1"', 'billing_code="B7"']);
    assert.equal(profiles.choose('Acme backup').dictionary, profiles.forConnection('Acme').dictionary);
  });

  it('the hex hover reads with every file’s dictionary merged as the page does, files in name order whatever order the model gives', () => {
    const hover = workspaceDictionary([PLAIN, BETA, ACME]);
    assert.deepEqual(
      hover?.entries.map((e) => `${e.name} 0x${e.tag.toString(16)}`),
      ['operator_id 0x1400', 'billing_code 0x1401', 'beta_route 0x1501'],
    );
    assert.equal(captureSummary(pdu, 'gsm7', hover), 'submit_sm · seq 7 · to 447700900123 · "hi" · operator_id=1 (vodafone) · beta_route="r1" · billing_code="B7"');
    // The same files give the same dictionary (not merged again); files without vendor TLVs give none.
    assert.equal(workspaceDictionary([ACME, BETA, PLAIN]), hover);
    assert.equal(workspaceDictionary([PLAIN]), undefined);
  });

  it('the profiles’ hex and decimal are the Messages tab’s defaults; as-is (every file’s default) leaves auto', () => {
    assert.deepEqual(profiles.idFormats(), { Acme: 'hex', 'Acme backup': 'decimal' });
    assert.equal(profiles.messageIdFormat('Beta'), 'as-is');
    assert.equal(profileIdFormat({ messageIdFormat: 'as-is' }), undefined);
    assert.equal(profileIdFormat(undefined), undefined);
    assert.deepEqual(profiles.names(), ['Acme', 'Acme backup', 'Beta', 'Plain']);
  });

  it('an edited file changes what the page knows; the same data again changes nothing', () => {
    const p = new ConnectionProfiles();
    p.update(sent.connections, sent.dictionaries);
    const v = p.version;
    p.update(sent.connections, sent.dictionaries);
    assert.equal(p.version, v);
    const edited = pageConnections([
      PLAIN,
      BETA,
      file('acme.smpp.json', `{ "tlvs": [ { "tag": "0x1400", "name": "carrier", "type": "int1", "values": { "1": "three" } } ], "connections": [ { "name": "Acme", "simulator": {} } ] }`),
    ]);
    p.update(edited.connections, edited.dictionaries);
    assert.equal(p.version, v + 1);
    assert.deepEqual(vendorTlvs(pdu, p.forConnection('Acme').dictionary), ['carrier=1 (three)']);
    assert.deepEqual(p.idFormats(), {});
  });

  it('the capture filter finds a row by its vendor TLV’s value name, and by the new one once the file is edited', () => {
    const p = new ConnectionProfiles();
    p.update(sent.connections, sent.dictionaries);
    const capture = new CaptureModel(100, (row) => captureSummary(Buffer.from(row.hex, 'hex'), 'gsm7', p.forConnection(row.connection).dictionary));
    const hex = Buffer.from(pdu).toString('hex');
    capture.add([
      { id: 1, connection: 'Acme', direction: 'out', timestamp: 1, hex, command: 'submit_sm', commandId: 4, status: 0, seq: 7 },
      { id: 2, connection: 'Plain', direction: 'out', timestamp: 2, hex, command: 'submit_sm', commandId: 4, status: 0, seq: 7 },
    ]);
    const ids = (text: string): number[] => capture.filter({ connection: '', text }).map((r) => r.id);
    assert.deepEqual(ids('vodafone'), [1]);
    assert.match(capture.summaryLine(capture.get(1)!), /operator_id=1 \(vodafone\)/);
    const edited = pageConnections([
      PLAIN,
      file('acme.smpp.json', `{ "tlvs": [ { "tag": "0x1400", "name": "carrier", "type": "int1", "values": { "1": "three" } } ], "connections": [ { "name": "Acme", "simulator": {} } ] }`),
    ]);
    p.update(edited.connections, edited.dictionaries);
    capture.forgetSummaries();
    assert.deepEqual(ids('vodafone'), []);
    assert.deepEqual(ids('carrier=1 (three)'), [1]);
  });

  it('an entry that passes the guard but clashes with the spec is left out and named', () => {
    const p = new ConnectionProfiles();
    const problems = p.update([{ name: 'X', messageIdFormat: 'as-is', tlvs: 'x.smpp.json' }], [{ file: 'x.smpp.json', entries: [{ tag: 0x0204, name: 'mine', type: 'int2' }, { tag: 0x1400, name: 'ok', type: 'int1' }] }]);
    assert.equal(problems.length, 1);
    assert.match(problems[0]!, /^x\.smpp\.json: tlvs\[0\]\.tag 0x0204 is the spec's user_message_reference/);
    assert.deepEqual(p.forConnection('X').dictionary?.entries.map((e) => e.name), ['ok']);
  });
});
