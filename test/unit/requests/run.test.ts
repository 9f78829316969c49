// Running request blocks on a real session: our simulator and node-smpp's server over loopback
// TCP, expectations checked, and `smpp-panel run` with its lines, exit codes and JUnit report.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCommand } from '../../../src/cli/runCommand';
import { xmlEscape } from '../../../src/cli/junit';
import { parseRequestFile, runBlock, runRequestFile, type BlockResult } from '../../../src/smpp/requests';
import { EsmeSession } from '../../../src/smpp/session/esme';
import { tcpConnector } from '../../../src/smpp/link/transport';
import { startSimulator, type RunningSimulator } from '../../../src/smpp/simulator/embedded';
import { ChildPeer } from '../../support/childPeer';
import { tempDir } from '../../support/tempDir';
import { parseXml } from './xml';

const EXAMPLES = join(__dirname, '..', '..', '..', 'examples');
const NODE_SMPP_SMSC = join(__dirname, '..', '..', 'fixtures', 'peers', 'node-smpp-smsc.cjs');

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCommand(args, (s) => (out += s), (s) => (err += s));
  return { code, out, err };
}

describe('request blocks on a session bound to our simulator', () => {
  let sim: RunningSimulator;
  let session: EsmeSession;

  before(async () => {
    sim = await startSimulator({
      deliveryReceiptDelay: 0,
      rules: [
        { destination: '447700900666', receipt: { state: 'UNDELIV', error: 1 } },
        { destination: '447700900777', submitStatus: 'ESME_RSUBMITFAIL' },
        { destination: '447700900888', receipt: { state: 'DELIVRD', delay: 3600 } },
      ],
    });
    session = new EsmeSession({
      connector: tcpConnector({ host: sim.host, port: sim.port }),
      bind: { type: 'transceiver', system_id: 'req', password: 'pw', interface_version: 0x34 },
      enquireLinkInterval: 0,
      responseTimeout: 10_000,
      window: 5,
      reconnect: false,
    });
    await session.bind();
  });

  after(async () => {
    session.close();
    await sim.close();
  });

  const block = (text: string) => {
    const f = parseRequestFile(text);
    assert.deepEqual(f.problems, []);
    return f.blocks[0]!;
  };

  it('repeat: 3 sends three submits, each to the next number of the range, each with its DELIVRD receipt', async () => {
    const r = await runBlock(
      session,
      block('pdu: submit_sm\ndestination_addr: ${range 447700900100..447700900199}\nregistered_delivery: receipt\nshort_message: n${counter}\nrepeat: 3\nexpect status ESME_ROK\nexpect receipt DELIVRD within 10s\nexpect field message_id matches /^[0-9a-f]+$/'),
      { counter: 5 },
    );
    assert.equal(r.passed, true, JSON.stringify(r.expectations));
    assert.deepEqual(r.sends.map((s) => [s.counter, s.pdu?.body.destination_addr, s.response?.statusName]), [
      [5, '447700900100', 'ESME_ROK'],
      [6, '447700900101', 'ESME_ROK'],
      [7, '447700900102', 'ESME_ROK'],
    ]);
    assert.ok(r.sends.every((s) => s.receipts?.at(-1)?.state === 'DELIVRD'));
    assert.deepEqual(r.expectations.map((e) => [e.text, e.passed]), [
      ['status ESME_ROK', true],
      ['receipt DELIVRD within 10s', true],
      ['field message_id matches /^[0-9a-f]+$/', true],
    ]);
  });

  it('a receipt in another state fails the expectation, naming the message and its state', async () => {
    const r = await runBlock(session, block('pdu: submit_sm\ndestination_addr: 447700900666\nregistered_delivery: receipt\nexpect receipt DELIVRD within 10s'));
    assert.equal(r.passed, false);
    const id = r.sends[0]!.response!.body.message_id as string;
    assert.deepEqual(r.expectations.map((e) => [e.text, e.passed, e.message]), [
      ['status ESME_ROK', true, undefined],
      ['receipt DELIVRD within 10s', false, `the response: the receipt for ${id} says UNDELIV, not DELIVRD`],
    ]);
  });

  it('a receipt that does not come in time fails the expectation', async () => {
    const r = await runBlock(session, block('pdu: submit_sm\ndestination_addr: 447700900888\nregistered_delivery: receipt\nexpect receipt DELIVRD within 100ms'));
    assert.equal(r.passed, false);
    assert.match(r.expectations[1]!.message!, /^the response: no receipt for [0-9a-f]+ within 0\.1 s$/);
  });

  it('a refused submit fails the implicit ESME_ROK, and passes an expectation of its status', async () => {
    const refused = await runBlock(session, block('pdu: submit_sm\ndestination_addr: 447700900777'));
    assert.equal(refused.passed, false);
    assert.deepEqual(refused.expectations.map((e) => e.message), ['the response has status ESME_RSUBMITFAIL, not ESME_ROK']);
    const expected = await runBlock(session, block('pdu: submit_sm\ndestination_addr: 447700900777\nexpect status ESME_RSUBMITFAIL'));
    assert.equal(expected.passed, true);
    assert.equal(expected.sends[0]!.response!.status, 0x45);
  });

  it('query_sm, cancel_sm and data_sm; ${last.message_id} is the previous block’s answer', async () => {
    const file = parseRequestFile(
      [
        '### submit',
        'pdu: submit_sm',
        'destination_addr: 447700900123',
        'schedule_delivery_time: 000001000000000R',
        'short_message: later',
        '### query',
        'pdu: query_sm',
        'message_id: ${last.message_id}',
        'expect field message_state matches /^[0-9]+$/',
        '### data',
        'pdu: data_sm',
        'destination_addr: 447700900124',
        'message_payload: payload text',
        'expect field message_id matches /./',
      ].join('\n'),
    );
    assert.deepEqual(file.problems, []);
    const seen: BlockResult[] = [];
    const results = await runRequestFile(file, { sessionFor: async () => session, onBlock: (r) => seen.push(r) });
    assert.equal(seen.length, 3);
    assert.deepEqual(results.map((r) => [r.title, r.passed]), [['submit', true], ['query', true], ['data', true]], JSON.stringify(results.map((r) => r.expectations)));
    assert.equal(results[1]!.sends[0]!.pdu!.body.message_id, results[0]!.sends[0]!.response!.body.message_id);
  });

  it('a block with an error is not sent; nor one whose session is not bound', async () => {
    const bad = parseRequestFile('pdu: submit_sm\nsource_addr_ton: 999\n').blocks[0]!;
    const r = await runBlock(session, bad);
    assert.deepEqual([r.passed, r.sends.length, r.error], [false, 0, 'line 2: source_addr_ton: expected an integer 0..255, got 999']);
    const idle = new EsmeSession({ connector: tcpConnector({ host: sim.host, port: sim.port }), bind: { type: 'transmitter', system_id: 'x', password: 'y' }, enquireLinkInterval: 0, responseTimeout: 1000, window: 1, reconnect: false });
    const r2 = await runBlock(idle, block('pdu: enquire_link'));
    assert.deepEqual([r2.passed, r2.error], [false, 'cannot send enquire_link: the session is closed']);
    await idle.bind();
    try {
      const r3 = await runBlock(idle, block('pdu: submit_sm\ndestination_addr: 447700900001\nregistered_delivery: receipt\nexpect receipt DELIVRD within 10s'));
      assert.deepEqual(r3.expectations.map((e) => [e.passed, e.message]), [
        [true, undefined],
        [false, 'a transmitter bind receives no receipts: bind the connection as a transceiver'],
      ]);
    } finally {
      idle.close();
    }
  });
});

describe('smpp-panel run', () => {
  it('runs examples/requests.smpp against the Local simulator: a line per block, exit 0, a JUnit report that reads back', async () => {
    const junit = join(tempDir('smpp-run'), 'report.xml');
    const r = await cli([join(EXAMPLES, 'requests.smpp'), '--junit', junit]);
    assert.equal(r.err, '');
    assert.equal(r.code, 0, r.out);
    const lines = r.out.trimEnd().split('\n');
    assert.equal(lines.length, 7);
    assert.match(lines[0]!, /^PASS {2}Keepalive · enquire_link · ESME_ROK · \d+ ms$/);
    assert.match(lines[1]!, /^PASS {2}A text with a delivery receipt · submit_sm · ESME_ROK · receipt DELIVRD · \d+ ms$/);
    assert.match(lines[3]!, /^PASS {2}Three numbers of a range, in UCS-2 · submit_sm ×3 · ESME_ROK ×3 · avg \d+ ms, max \d+ ms, \d+ ms in all$/);
    assert.match(lines[4]!, /receipt UNDELIV/);
    assert.equal(lines[6], '6 block(s): 6 passed, 0 failed');

    const xml = parseXml(readFileSync(junit, 'utf8'));
    assert.equal(xml.name, 'testsuites');
    assert.equal(xml.attributes.tests, '6');
    assert.equal(xml.attributes.failures, '0');
    const suite = xml.children[0]!;
    assert.deepEqual([suite.name, suite.attributes.name, suite.attributes.tests], ['testsuite', 'requests.smpp', '6']);
    assert.deepEqual(suite.children.map((c) => c.attributes.name), [
      'Keepalive (enquire_link)',
      'A text with a delivery receipt (submit_sm)',
      'Where is that message? (query_sm)',
      'Three numbers of a range, in UCS-2 (submit_sm)',
      'A number the simulator ends UNDELIV (submit_sm)',
      'data_sm with its text in message_payload (data_sm)',
    ]);
    assert.ok(suite.children.every((c) => c.name === 'testcase' && c.children.every((x) => x.name !== 'failure')));
  });

  it('a failing expectation: FAIL with the reason, exit 1, a JUnit failure with its message escaped', async () => {
    const dir = tempDir('smpp-run');
    writeFileSync(join(dir, 'lab.smpp.json'), JSON.stringify({ connections: [{ name: 'sim', simulator: { deliveryReceiptDelay: 0, rules: [{ destination: '447700900666', receipt: { state: 'UNDELIV' } }] }, system_id: 'a', password: 'b', bind: 'transceiver' }] }));
    writeFileSync(
      join(dir, 'flow.smpp'),
      '### ping <&> "quotes"\npdu: enquire_link\n### undelivered\npdu: submit_sm\ndestination_addr: 447700900666\nregistered_delivery: receipt\nexpect receipt DELIVRD within 10s\n',
    );
    const junit = join(dir, 'out.xml');
    const r = await cli([join(dir, 'flow.smpp'), '--junit', junit]);
    assert.equal(r.code, 1);
    const lines = r.out.trimEnd().split('\n');
    assert.match(lines[0]!, /^PASS {2}ping <&> "quotes" · enquire_link · ESME_ROK/);
    assert.match(lines[1]!, /^FAIL {2}undelivered · submit_sm · ESME_ROK · receipt UNDELIV · \d+ ms$/);
    assert.match(lines[2]!, /^ {6}✗ expect receipt DELIVRD within 10s: the response: the receipt for \w+ says UNDELIV, not DELIVRD$/);
    assert.equal(lines[3], '2 block(s): 1 passed, 1 failed');
    const suite = parseXml(readFileSync(junit, 'utf8')).children[0]!;
    assert.equal(suite.attributes.failures, '1');
    assert.equal(suite.children[0]!.attributes.name, 'ping <&> "quotes" (enquire_link)');
    const failure = suite.children[1]!.children.find((c) => c.name === 'failure')!;
    assert.match(failure.attributes.message!, /^expect receipt DELIVRD within 10s: the response: the receipt for \w+ says UNDELIV, not DELIVRD$/);
    assert.equal(xmlEscape('a\u0001<b>'), 'a&lt;b&gt;');
  });

  it('runs a block against node-smpp’s server, its receipt included', async () => {
    const peer = new ChildPeer(NODE_SMPP_SMSC, { SMSC_SYSTEM_ID: 'runner', SMSC_PASSWORD: 'pw' });
    try {
      const port = (await peer.next('listening')).port as number;
      const dir = tempDir('smpp-run');
      const connections = join(dir, 'node.json');
      writeFileSync(connections, JSON.stringify({ connections: [{ name: 'node-smpp', host: '127.0.0.1', port, system_id: 'runner', password: 'pw', bind: 'transceiver' }] }));
      writeFileSync(join(dir, 'node.smpp'), '### hello\npdu: submit_sm\ndestination_addr: 447700900321\nregistered_delivery: receipt\nshort_message: Hi node\nexpect status ESME_ROK\nexpect receipt DELIVRD within 10s\n');
      const r = await cli([join(dir, 'node.smpp'), '--connections', connections]);
      assert.equal(r.code, 0, r.out + r.err);
      assert.match(r.out, /^PASS {2}hello · submit_sm · ESME_ROK · receipt DELIVRD · \d+ ms\n1 block\(s\): 1 passed, 0 failed\n$/);
      const submit = await peer.next('submit');
      assert.deepEqual([submit.to, submit.text, submit.registered_delivery], ['447700900321', 'Hi node', 1]);
    } finally {
      await peer.stop();
    }
  });

  it('usage and file errors exit 2 and send nothing', async () => {
    assert.equal((await cli([])).code, 2);
    const dir = tempDir('smpp-run');
    const missing = await cli([join(dir, 'none.smpp')]);
    assert.equal(missing.code, 2);
    assert.match(missing.err, /none\.smpp: cannot read/);
    writeFileSync(join(dir, 'a.smpp'), 'pdu: enquire_link\n');
    const noConnections = await cli([join(dir, 'a.smpp')]);
    assert.equal(noConnections.code, 2);
    assert.match(noConnections.err, /no \*\.smpp\.json file beside .*a\.smpp; name one with --connections FILE/);
    writeFileSync(join(dir, 'c.smpp.json'), JSON.stringify({ connections: [{ name: 'sim', simulator: {}, system_id: 'a', password: 'b' }] }));
    writeFileSync(join(dir, 'b.smpp'), 'pdu: enquire_link\nconnection: other\n### two\npdu: submit_sm\nsource_addr_ton: 300\n');
    const bad = await cli([join(dir, 'b.smpp')]);
    assert.equal(bad.code, 2);
    assert.equal(bad.out, '');
    assert.equal(
      bad.err,
      `${join(dir, 'b.smpp')}:2:13: error: no connection is named "other"; the connection files have "sim"\n${join(dir, 'b.smpp')}:5:18: error: source_addr_ton: expected an integer 0..255, got 300\n`,
    );
  });
});
