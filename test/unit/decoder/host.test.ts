// The vscode-free host helpers: the page's HTML and CSP, capture rows as the page receives them,
// and the export's file name.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { captureFileName, toCaptureRow, toHex } from '../../../src/decoder/captureRows';
import { decoderHtml } from '../../../src/decoder/html';
import { isCaptureRow } from '../../../src/shared/decoderMessages';
import type { CaptureRecord } from '../../../src/smpp/capture';
import { contentSecurityPolicy, makeNonce } from '../../../src/webviews/page';

describe('decoder page HTML', () => {
  const csp = contentSecurityPolicy('https://abc.vscode-cdn.net', 'N0nce');

  it('denies by default and allows only the nonce’d script', () => {
    assert.match(csp, /^default-src 'none'; /);
    assert.match(csp, /script-src 'nonce-N0nce';/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|https?:\/\/(?!abc\.vscode-cdn\.net)|\*/);
    assert.match(csp, /style-src https:\/\/abc\.vscode-cdn\.net;/);
    assert.match(csp, /img-src data:;/);
  });

  it('puts the CSP first in <head> and the nonce on the only script', () => {
    const html = decoderHtml({ cspSource: 'https://abc.vscode-cdn.net', scriptUri: 'https://abc.vscode-cdn.net/dist/webview.js', nonce: 'N0nce' });
    assert.ok(html.indexOf('Content-Security-Policy') < html.indexOf('<script'));
    assert.equal(html.match(/<script/g)?.length, 1);
    assert.match(html, /<script nonce="N0nce" src="https:\/\/abc\.vscode-cdn\.net\/dist\/webview\.js"><\/script>/);
    assert.doesNotMatch(html, /style=|<style|<link/);
  });

  it('escapes what it is given', () => {
    const html = decoderHtml({ cspSource: 'x', scriptUri: 'a"><script>alert(1)</script>', nonce: 'n', title: '<b>' });
    assert.equal(html.match(/<script/g)?.length, 1);
    assert.match(html, /&lt;b&gt;/);
  });

  it('nonces are 32 alphanumerics and differ', () => {
    const a = makeNonce();
    const b = makeNonce();
    assert.match(a, /^[A-Za-z0-9]{32}$/);
    assert.notEqual(a, b);
  });
});

describe('capture rows for the page', () => {
  const record: CaptureRecord = {
    id: 3,
    connection: 'Acme',
    direction: 'in',
    timestamp: 1_737_820_000_000,
    bytes: Uint8Array.of(0, 0, 0, 16, 0x80, 0, 0, 0x15, 0, 0, 0, 0, 0, 0, 0, 7),
    command: 'enquire_link_resp',
    command_id: 0x80000015,
    command_status: 0,
    sequence_number: 7,
    request: { id: 2, rtt: 4 },
  };

  it('carry the bytes as hex and pass the page’s guard', () => {
    const row = toCaptureRow(record);
    assert.equal(row.hex, '00000010800000150000000000000007');
    assert.deepEqual(row.request, { id: 2, rtt: 4 });
    assert.equal('responseId' in row, false);
    assert.equal(isCaptureRow(row), true);
    assert.equal(isCaptureRow(JSON.parse(JSON.stringify(toCaptureRow({ ...record, request: undefined, responseId: 9 })))), true);
  });

  it('toHex', () => assert.equal(toHex(Uint8Array.of(0, 15, 16, 255)), '000f10ff'));
});

describe('export file name', () => {
  const at = new Date(2025, 0, 5, 7, 8, 9);
  it('is stamped with local time', () => assert.equal(captureFileName(at), 'smpp-capture-20250105-070809.pcap'));
  it('names the connection safely', () => {
    assert.equal(captureFileName(at, 'Acme staging'), 'smpp-capture-Acme_staging-20250105-070809.pcap');
    assert.equal(captureFileName(at, '../../etc/passwd'), 'smpp-capture-.._.._etc_passwd-20250105-070809.pcap');
    assert.doesNotMatch(captureFileName(at, 'a/b\\c:d'), /[/\\:]/);
  });
});
