// What a connection row of the SMPP view says about its session.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SessionInfo } from '../../../src/runners/info';
import { ago, describeSession, sessionSignature } from '../../../src/tree/sessionText';

const T = 1_700_000_000_000;

function info(patch: Partial<SessionInfo>): SessionInfo {
  return { state: 'closed', engineState: 'closed', counters: { in: 0, out: 0 }, wanted: false, ...patch };
}

describe('the age of a keepalive', () => {
  it('reads "just now", then counts in steps of 10 s, then minutes and hours', () => {
    assert.equal(ago(T, T), 'just now');
    assert.equal(ago(T, T + 9_999), 'just now');
    assert.equal(ago(T, T + 10_000), '10 s ago');
    assert.equal(ago(T, T + 29_999), '20 s ago');
    assert.equal(ago(T, T + 89_000), '80 s ago');
    assert.equal(ago(T, T + 90_000), '2 min ago');
    assert.equal(ago(T, T + 3 * 3600_000), '3 h ago');
    assert.equal(ago(T, T - 5_000), 'just now', 'a clock step backwards is not a negative age');
  });

  it('changes its text at most once in 10 s below a minute and a half, so a row keeps its tooltip', () => {
    let changes = 0;
    for (let ms = 1000; ms < 90_000; ms += 1000) if (ago(T, T + ms) !== ago(T, T + ms - 1000)) changes++;
    assert.equal(changes, 8);
  });
});

describe('a connection row’s description', () => {
  it('shows the state, the keepalive age and its round trip', () => {
    const bound = info({ state: 'bound_trx', engineState: 'bound_trx', lastKeepalive: { at: T, side: 'esme', rtt: 3 } });
    assert.equal(describeSession(bound, T + 12_000), 'bound_trx · keepalive 10 s ago · 3 ms');
  });

  it('shows the countdown of a reconnect and the error of a failed session', () => {
    assert.equal(describeSession(info({ state: 'reconnecting', reconnectAt: T + 4_200 }), T), 'reconnecting · next try in 5 s');
    assert.equal(describeSession(info({ state: 'error', lastError: 'ECONNREFUSED' }), T), 'error · ECONNREFUSED');
  });
});

describe('when a connection row needs a refresh', () => {
  const idle = info({ state: 'bound_trx', engineState: 'bound_trx', lastKeepalive: { at: T, side: 'esme', rtt: 3 }, counters: { in: 2, out: 2 } });

  it('not while nothing it shows changed', () => {
    assert.equal(sessionSignature(idle, T + 1_000), sessionSignature(idle, T + 9_000));
  });

  it('when the age of the keepalive reads differently, or a PDU went in or out', () => {
    assert.notEqual(sessionSignature(idle, T + 9_000), sessionSignature(idle, T + 10_000));
    assert.notEqual(sessionSignature(idle, T), sessionSignature({ ...idle, counters: { in: 3, out: 2 } }, T));
  });
});
