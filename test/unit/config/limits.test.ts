// Every field of a connection file has a bound: the spec's octet limits for the bind's C-octet
// strings, a name length the decoder page accepts too, and a size for the whole file.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { MAX_CONNECTION_FILE_BYTES, parseConnectionFile } from '../../../src/config/connectionFile';
import { PasswordError, resolveStaticPassword } from '../../../src/config/passwords';
import { MAX_CONNECTION_NAME } from '../../../src/shared/guards';
import { DEFAULT_STATE, isHostToWebview } from '../../../src/shared/decoderMessages';

const schema = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'media', 'smpp-connections.schema.json'), 'utf8')) as {
  definitions: { connection: { properties: Record<string, { maxLength?: number; anyOf?: { maxLength?: number }[] }> } };
};
const props = schema.definitions.connection.properties;

function problemsOf(fields: Record<string, unknown>): string[] {
  const parsed = parseConnectionFile(JSON.stringify({ connections: [{ name: 'a', simulator: {}, ...fields }] }));
  return parsed.connections[0].problems.filter((p) => p.severity === 'error').map((p) => p.message);
}

describe('limits of a connection file', () => {
  it('the schema carries the spec octet limits: system_id 15, password 8, system_type 12, address_range 40 (each + NUL)', () => {
    assert.equal(props.system_id.maxLength, 15);
    assert.equal(props.system_type.maxLength, 12);
    assert.equal(props.address_range.maxLength, 40);
    assert.equal(props.password.anyOf?.find((b) => b.maxLength !== undefined)?.maxLength, 8);
  });

  it('refuses a C-octet string one octet over its limit, and accepts it at the limit', () => {
    assert.deepEqual(problemsOf({ system_id: 'x'.repeat(15), system_type: 'y'.repeat(12), password: 'p'.repeat(8) }), []);
    assert.deepEqual(problemsOf({ system_id: 'x'.repeat(16) }), ['connections[0].system_id has 16 characters; SMPP allows at most 15']);
    assert.deepEqual(problemsOf({ system_type: 'y'.repeat(13) }), ['connections[0].system_type has 13 characters; SMPP allows at most 12']);
  });

  it('refuses characters a C-octet string cannot carry, naming the field and the position', () => {
    assert.deepEqual(problemsOf({ system_id: 'acmé' }), []);
    assert.deepEqual(problemsOf({ system_id: 'acme\u043f' }), [
      'connections[0].system_id: the character at position 5 (U+043F) cannot be sent: SMPP sends system_id in ISO-8859-1, one octet a character',
    ]);
    assert.deepEqual(problemsOf({ system_type: 'ab\u0000cd' }), ['connections[0].system_type: the character at position 3 is NUL, which would end system_type early']);
    assert.deepEqual(problemsOf({ address_range: '12\u{1F600}' }), [
      'connections[0].address_range: the character at position 3 (U+1F600) cannot be sent: SMPP sends address_range in ISO-8859-1, one octet a character',
    ]);
  });

  it('a password that can never be sent is refused, and the message shows none of its characters', () => {
    for (const password of ['пароль', 'ab\u0000c', 'pw\u{1F511}']) {
      const messages = problemsOf({ password });
      assert.equal(messages.length, 1, password);
      assert.match(messages[0], /^connections\[0\]\.password: the character at position \d cannot be sent: SMPP sends a password in ISO-8859-1, one octet a character, without NUL$/);
      // Neither the character that cannot be sent, nor its code, nor the password.
      for (const ch of password) if (ch.codePointAt(0)! > 0xff || ch === '\u0000') assert.equal(messages[0].includes(ch), false, `the message shows ${JSON.stringify(ch)}`);
      assert.equal(/U\+|\\u/.test(messages[0]), false);
      assert.equal(messages[0].includes(password), false);
    }
    assert.match(problemsOf({ password: 'пароль' })[0], /position 1 /);
  });

  it('a password from the environment that can never be sent is refused without showing it', () => {
    assert.throws(
      () => resolveStaticPassword('${env:PW}', { PW: 'abпc' }),
      (e: unknown) => e instanceof PasswordError && e.message === 'the environment variable PW: the character at position 3 cannot be sent: SMPP sends a password in ISO-8859-1, one octet a character, without NUL',
    );
  });

  it('a name has at most MAX_CONNECTION_NAME characters, in the schema and the validator alike', () => {
    assert.equal(MAX_CONNECTION_NAME, 256);
    assert.equal(props.name.maxLength, MAX_CONNECTION_NAME);
    assert.deepEqual(problemsOf({ name: 'n'.repeat(MAX_CONNECTION_NAME) }), []);
    assert.deepEqual(problemsOf({ name: 'n'.repeat(MAX_CONNECTION_NAME + 1) }), [`connections[0].name has ${MAX_CONNECTION_NAME + 1} characters; the panel allows at most ${MAX_CONNECTION_NAME}`]);
  });

  it('every name the file accepts, the decoder page accepts too (characters beyond the BMP included)', () => {
    const names = ['n'.repeat(MAX_CONNECTION_NAME), '\u{1F4E1}'.repeat(MAX_CONNECTION_NAME), `${'é'.repeat(MAX_CONNECTION_NAME - 1)}\u{1F4E1}`];
    for (const name of names) {
      assert.deepEqual(problemsOf({ name }), [], name.slice(0, 4));
      assert.equal(isHostToWebview({ type: 'connections', connections: [{ name, messageIdFormat: 'as-is' }], dictionaries: [] }), true);
      assert.equal(isHostToWebview({ type: 'init', state: { ...DEFAULT_STATE, connection: name, decodeConnection: name }, connections: [{ name, messageIdFormat: 'hex' }], dictionaries: [] }), true);
    }
  });

  it(`a file over ${MAX_CONNECTION_FILE_BYTES} bytes is refused at once, naming its size and the limit`, () => {
    const big = `{ "connections": [ ${'{ "name": "x" },'.repeat(MAX_CONNECTION_FILE_BYTES / 16)} ] }`;
    const parsed = parseConnectionFile(big);
    assert.deepEqual(parsed.connections, []);
    assert.deepEqual(
      parsed.problems.map((p) => `${p.severity} ${p.line}:${p.column} ${p.message}`),
      [`error 1:1 the file is 4.0 MiB (${Buffer.byteLength(big)} bytes), more than the 4 MiB a connection file may have; it was not read`],
    );
  });
});
