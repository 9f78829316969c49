import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PasswordError, passwordSource, resolveStaticPassword, secretKey } from '../../../src/config/passwords';
import { maskSecrets, registerSecret } from '../../../src/config/secrets';

describe('passwords', () => {
  it('tells the three sources apart', () => {
    assert.deepEqual(passwordSource('${env:SMPP_PW}'), { kind: 'env', name: 'SMPP_PW' });
    assert.deepEqual(passwordSource('${prompt}'), { kind: 'prompt' });
    assert.deepEqual(passwordSource('abc'), { kind: 'literal', value: 'abc' });
  });

  it('reads the environment and names the variable when it is missing or too long', () => {
    assert.equal(resolveStaticPassword('${env:PW}', { PW: 'hunter2' }), 'hunter2');
    assert.throws(() => resolveStaticPassword('${env:PW}', {}), (e: unknown) => e instanceof PasswordError && /PW, which is not set/.test(e.message));
    assert.throws(() => resolveStaticPassword('${env:PW}', { PW: '123456789' }), /holds 9 characters; an SMPP password has at most 8/);
    assert.equal(resolveStaticPassword('${prompt}', {}), undefined);
    assert.equal(resolveStaticPassword('lit', {}), 'lit');
  });

  it('keys stored passwords by file and connection', () => {
    assert.notEqual(secretKey('file:///a.smpp.json', 'x'), secretKey('file:///b.smpp.json', 'x'));
  });

  it('masks passwords in text meant for logs', () => {
    assert.equal(maskSecrets('{"system_id":"a","password":"hunter2"}'), '{"system_id":"a","password":"••••••"}');
    assert.equal(maskSecrets('{"password":"${env:PW}"}'), '{"password":"${env:PW}"}');
    assert.equal(maskSecrets('bind password=hunter2 system_id=a'), 'bind password=•••••• system_id=a');
    registerSecret('s3cr3t!');
    assert.equal(maskSecrets('the SMSC echoed s3cr3t! back'), 'the SMSC echoed •••••• back');
    assert.equal(maskSecrets('xs3cr3t!x'), 'x••••••x', 'a password of 6 or more characters is masked wherever it shows');
  });

  it('masks a short password where it stands on its own, not inside longer words', () => {
    registerSecret('tst');
    assert.equal(maskSecrets('the latest tester typed tst'), 'the latest tester typed ••••••');
    assert.equal(maskSecrets('tst:tst@host (tst)'), '••••••:••••••@host (••••••)');
    assert.equal(maskSecrets('atst tsta tst1 1tst'), 'atst tsta tst1 1tst');
    registerSecret('a.b+');
    assert.equal(maskSecrets('x a.b+ y aXb+'), 'x •••••• y aXb+', 'regular-expression characters in a password are taken literally');
  });
});
