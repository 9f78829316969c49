// What "SMPP: Run Load Test" asks: each answer read and checked (with a message for people), the
// answers remembered per connection and read back safely, and the plan they make: the load
// test's options and the panel's settings, the window no larger than the session's.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  DEFAULT_TEXT,
  RECEIPT_WAIT_MS,
  SIMULATOR_TO,
  coerceRemembered,
  defaultInputs,
  effectiveWindow,
  loadTestPlan,
  parseAddressInput,
  parseCount,
  parseMessageInput,
  parseRate,
  parseWindow,
  prefill,
  remember,
  windowNote,
  type LoadInputs,
  type Parsed,
} from '../../../src/loadtest/inputs';
import { isLoadViewSettings } from '../../../src/shared/loadTestMessages';

function value<T>(p: Parsed<T>): T {
  if (!p.ok) assert.fail(`expected a value, got: ${p.error}`);
  return p.value;
}

function problem<T>(p: Parsed<T>): string {
  if (p.ok) assert.fail(`expected an error, got ${JSON.stringify(p.value)}`);
  return p.error;
}

describe('count, rate, window', () => {
  it('a count is a whole number 1..100 000 000, with group separators allowed', () => {
    assert.deepEqual(['1', '1000', ' 200 ', '1,000', '100 000', '1_000_000', '100000000'].map((s) => value(parseCount(s))), [1, 1000, 200, 1000, 100_000, 1_000_000, 100_000_000]);
    for (const bad of ['', '0', '-5', '1.5', '1e3', 'ten', '100000001', '1,00', '12,34,567']) assert.match(problem(parseCount(bad)), /^The count is a whole number of messages, 1 to 100,000,000$/, bad);
  });

  it('a rate is messages per second; empty, 0 or max means as fast as the window allows', () => {
    assert.deepEqual(['', '0', 'max', 'MAX', '50', '2.5', '1,000', '1000000'].map((s) => value(parseRate(s))), [0, 0, 0, 0, 50, 2.5, 1000, 1_000_000]);
    assert.match(problem(parseRate('-1')), /number of messages per second/);
    assert.match(problem(parseRate('fast')), /or 0 for as fast as the window allows/);
    assert.match(problem(parseRate('NaN')), /number of messages per second/);
    assert.match(problem(parseRate('Infinity')), /number of messages per second/);
    assert.match(problem(parseRate('1000001')), /at most 1,000,000/);
  });

  it('a window is 1..100 000 submits in flight', () => {
    assert.deepEqual(['1', '10', '100,000'].map((s) => value(parseWindow(s))), [1, 10, 100_000]);
    for (const bad of ['', '0', '2.5', '100001', 'x']) assert.match(problem(parseWindow(bad)), /^The window is a whole number of submits in flight at once, 1 to 100,000$/, bad);
  });

  it('the effective window is at most the session’s, and the note says so', () => {
    assert.equal(effectiveWindow(50, 10), 10);
    assert.equal(effectiveWindow(5, 10), 5);
    assert.equal(windowNote(5, 10), undefined);
    assert.equal(windowNote(10, 10), undefined);
    assert.match(windowNote(50, 10) ?? '', /^The session's window is 10 .* at most 10 submits are in flight, not 50\. Raise "window" in the connection file/);
  });
});

describe('addresses', () => {
  it('takes one address or a range, and writes the range without spaces', () => {
    assert.equal(value(parseAddressInput('447700900123', 'x')), '447700900123');
    assert.equal(value(parseAddressInput('+447700900123', 'x')), '+447700900123');
    assert.equal(value(parseAddressInput('LoadTest', 'x')), 'LoadTest');
    assert.equal(value(parseAddressInput(` ${SIMULATOR_TO} `, 'x')), SIMULATOR_TO);
    assert.equal(value(parseAddressInput('447700900000 - 447700900009', 'x')), '447700900000-447700900009');
    assert.equal(value(parseAddressInput('+447700900000-+447700900009', 'x')), '+447700900000-+447700900009');
  });

  it('empty is an error with the caller’s message when required, else no address', () => {
    assert.equal(problem(parseAddressInput('  ', 'Name the destinations: they are real')), 'Name the destinations: they are real');
    assert.equal(value(parseAddressInput('', undefined)), '');
  });

  it('says what is wrong with a range or an address', () => {
    assert.match(problem(parseAddressInput('447700900999-447700900000', 'x')), /runs backwards/);
    assert.match(problem(parseAddressInput('100-2000', 'x')), /same form and number of digits/);
    assert.match(problem(parseAddressInput('abc-def', 'x')), /^A range is FIRST-LAST/);
    assert.match(problem(parseAddressInput('1'.repeat(21), 'x')), /^An address has 1 to 20 digits/);
    assert.match(problem(parseAddressInput('hello world', 'x')), /^An address has 1 to 20 digits/);
    assert.match(problem(parseAddressInput('<script>', 'x')), /^An address has 1 to 20 digits/);
  });
});

describe('the message', () => {
  it('#N is a generated text of N characters', () => {
    assert.deepEqual(value(parseMessageInput('#160')), { size: 160, description: 'generated, 160 characters (GSM-7)' });
    assert.deepEqual(value(parseMessageInput(' # 1 ')), { size: 1, description: 'generated, 1 character (GSM-7)' });
    assert.match(problem(parseMessageInput('#0')), /N is 1 to 160/);
    assert.match(problem(parseMessageInput('#161')), /N is 1 to 160/);
  });

  it('anything else is the text; empty is the default text', () => {
    assert.deepEqual(value(parseMessageInput('Hello €')), { text: 'Hello €', description: 'text "Hello €" (7 chars · 1 part · GSM-7)' });
    assert.equal(value(parseMessageInput('')).text, DEFAULT_TEXT);
    assert.equal(value(parseMessageInput('#12 is a text')).text, '#12 is a text');
    assert.match(value(parseMessageInput('Привет')).description, /UCS-2/);
    assert.match(value(parseMessageInput('x'.repeat(100))).description, /^text "x{57}…" \(100 chars/);
  });

  it('a text must fit in one part', () => {
    assert.equal(value(parseMessageInput('x'.repeat(160))).text?.length, 160);
    assert.match(problem(parseMessageInput('x'.repeat(161))), /^Too long for one part \(161 chars · 2 parts · GSM-7\).*#N/);
    assert.match(problem(parseMessageInput('П'.repeat(71))), /^Too long for one part/);
  });
});

describe('remembered answers', () => {
  const inputs: LoadInputs = { count: '200', rate: '0', window: '10', to: SIMULATOR_TO, from: '', message: '#20' };

  it('defaults differ for the simulator and a real SMSC', () => {
    assert.deepEqual(defaultInputs({ simulator: true, window: 10 }), { count: '1000', rate: '0', window: '10', to: SIMULATOR_TO, from: '', message: DEFAULT_TEXT });
    const real = defaultInputs({ simulator: false, window: 25 });
    assert.equal(real.to, '', 'a real SMSC: the user names the destinations');
    assert.equal(real.rate, '10');
    assert.equal(real.window, '25');
  });

  it('read back what was stored, dropping anything malformed', () => {
    assert.deepEqual(coerceRemembered(undefined), {});
    assert.deepEqual(coerceRemembered('x'), {});
    assert.deepEqual(coerceRemembered([inputs]), {});
    const read = coerceRemembered({ a: inputs, b: { count: 5, rate: '1', evil: 'x', to: 'y'.repeat(2000) }, c: null, d: 'x' });
    assert.deepEqual(read, { a: inputs, b: { rate: '1' } });
  });

  it('a stored __proto__ key pollutes nothing', () => {
    const read = coerceRemembered(JSON.parse('{"__proto__": {"count": "1"}, "constructor": {"count": "2"}}'));
    assert.equal(Object.getPrototypeOf(read), Object.prototype);
    assert.equal(({} as Record<string, unknown>).count, undefined);
    assert.deepEqual(read.constructor, { count: '2' });
  });

  it('remember puts the connection last and keeps at most 50', () => {
    let all = {};
    for (let i = 0; i < 60; i++) all = remember(all, `c${i}`, { ...inputs, count: String(i + 1) });
    all = remember(all, 'c30', inputs);
    const ids = Object.keys(all);
    assert.equal(ids.length, 50);
    assert.equal(ids[ids.length - 1], 'c30');
    assert.equal(ids[0], 'c10');
  });

  it('prefill takes the remembered answers that are still valid', () => {
    const defaults = defaultInputs({ simulator: true, window: 10 });
    assert.deepEqual(prefill(undefined, defaults), defaults);
    assert.deepEqual(prefill(inputs, defaults), inputs);
    assert.deepEqual(prefill({ count: 'zero', rate: '5', to: '', message: 'x'.repeat(400) }, defaults), { ...defaults, rate: '5' });
  });
});

describe('the plan', () => {
  const inputs: LoadInputs = { count: '200', rate: '0', window: '50', to: '447700900000 - 447700900009', from: 'LoadTest', message: '#20' };

  it('makes the load test options and the panel settings', () => {
    const plan = loadTestPlan(inputs, { name: 'Local simulator', sessionWindow: 10, transceiver: true, unbindAtEnd: true });
    assert.deepEqual(plan.options, { count: 200, rate: 0, window: 10, to: '447700900000-447700900009', from: 'LoadTest', receipts: true, receiptWait: RECEIPT_WAIT_MS, size: 20 });
    assert.deepEqual(plan.settings, {
      connection: 'Local simulator',
      count: 200,
      rate: 0,
      window: 10,
      askedWindow: 50,
      sessionWindow: 10,
      to: '447700900000-447700900009',
      from: 'LoadTest',
      message: 'generated, 20 characters (GSM-7)',
      receipts: true,
      receiptWait: RECEIPT_WAIT_MS,
      unbindAtEnd: true,
    });
    assert.equal(isLoadViewSettings(plan.settings), true);
  });

  it('asks no receipts where they cannot come back (not a transceiver)', () => {
    const plan = loadTestPlan({ ...inputs, message: 'hi', window: '5' }, { name: 'tx', sessionWindow: 10, transceiver: false, unbindAtEnd: false });
    assert.equal(plan.options.receipts, false);
    assert.equal(plan.options.receiptWait, 0);
    assert.equal(plan.options.text, 'hi');
    assert.equal(plan.options.size, undefined);
    assert.equal(plan.options.window, 5);
    // A receiver bound beside the transmitter takes them.
    const beside = loadTestPlan({ ...inputs, message: 'hi' }, { name: 'tx', sessionWindow: 10, transceiver: false, unbindAtEnd: false, receiver: 'rx' });
    assert.equal(beside.options.receipts, true);
    assert.equal(beside.options.receiptWait, RECEIPT_WAIT_MS);
    assert.equal(beside.settings.receipts, true);
  });

  it('throws the input’s message for an answer that is not valid', () => {
    assert.throws(() => loadTestPlan({ ...inputs, to: '' }, { name: 'x', sessionWindow: 10, transceiver: true, unbindAtEnd: false }), /Name the destinations/);
    assert.throws(() => loadTestPlan({ ...inputs, count: '0' }, { name: 'x', sessionWindow: 10, transceiver: true, unbindAtEnd: false }), RangeError);
  });
});
