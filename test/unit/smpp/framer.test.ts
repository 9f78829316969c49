import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PduFramer, DEFAULT_MAX_COMMAND_LENGTH } from '../../../src/smpp/framer';
import { PduError } from '../../../src/smpp/fields';
import { decode } from '../../../src/smpp/codec';
import { STATUS } from '../../../src/smpp/tables/values';
import { FIXTURES, hex } from '../../fixtures/pdus';
import { prng, toHex } from './helpers';

/** Fixtures the framer can carry: every one whose command_length is the real length. */
const FRAMEABLE = FIXTURES.filter((f) => parseInt(f.hex.slice(0, 8), 16) === f.hex.length / 2);

function feed(framer: PduFramer, chunks: Uint8Array[]): string[] {
  const out: string[] = [];
  for (const c of chunks) framer.push(c, (pdu) => out.push(toHex(pdu)));
  return out;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

describe('framer: every fixture split at every byte offset', () => {
  for (const f of FRAMEABLE) {
    it(f.name, () => {
      const bytes = hex(f.hex);
      for (let k = 0; k <= bytes.length; k++) {
        const framer = new PduFramer();
        const got = feed(framer, [bytes.subarray(0, k), bytes.subarray(k)]);
        assert.deepEqual(got, [f.hex], 'split at ' + k);
        assert.equal(framer.buffered, 0);
      }
    });
  }
});

describe('framer: fixtures back to back', () => {
  const all = FRAMEABLE.map((f) => hex(f.hex));
  const stream = concat(all);
  const expected = FRAMEABLE.map((f) => f.hex);

  it('in one chunk', () => {
    assert.deepEqual(feed(new PduFramer(), [stream]), expected);
  });

  it('one octet at a time', () => {
    const chunks: Uint8Array[] = [];
    for (let i = 0; i < stream.length; i++) chunks.push(stream.subarray(i, i + 1));
    assert.deepEqual(feed(new PduFramer(), chunks), expected);
  });

  it('in random chunk sizes (seeded)', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const rnd = prng(seed);
      const chunks: Uint8Array[] = [];
      for (let i = 0; i < stream.length; ) {
        const n = 1 + Math.floor(rnd() * 90);
        chunks.push(stream.subarray(i, i + n));
        i += n;
      }
      assert.deepEqual(feed(new PduFramer(), chunks), expected, 'seed ' + seed);
    }
  });

  it('every split of the whole stream in two', () => {
    for (let k = 0; k <= stream.length; k++) {
      assert.deepEqual(feed(new PduFramer(), [stream.subarray(0, k), stream.subarray(k)]), expected, 'split at ' + k);
    }
  });

  it('and each framed PDU decodes as its fixture does', () => {
    const framed: Uint8Array[] = [];
    new PduFramer().push(stream, (p) => framed.push(p));
    assert.equal(framed.length, FRAMEABLE.length);
    framed.forEach((p, i) => assert.equal(decode(p).pdu.command, FRAMEABLE[i]!.pdu.command));
  });
});

describe('framer: copies nothing it need not copy', () => {
  it('emits views into the chunk for PDUs wholly inside it', () => {
    const stream = concat([hex(FIXTURES[0]!.hex), hex(FIXTURES[1]!.hex)]);
    const seen: Uint8Array[] = [];
    new PduFramer().push(stream, (p) => seen.push(p));
    assert.equal(seen.length, 2);
    for (const p of seen) assert.equal(p.buffer, stream.buffer);
    assert.equal(seen[1]!.byteOffset, stream.byteOffset + 16);
  });

  it('gathers a PDU spread over chunks once, in its own buffer', () => {
    const big = new Uint8Array(5000);
    big.set(hex('00001388000000150000000000000001'));
    const framer = new PduFramer();
    const seen: Uint8Array[] = [];
    for (let i = 0; i < big.length; i += 7) framer.push(big.subarray(i, i + 7), (p) => seen.push(p));
    assert.equal(seen.length, 1);
    assert.equal(seen[0]!.length, 5000);
    assert.notEqual(seen[0]!.buffer, big.buffer);
    assert.equal(toHex(seen[0]!), toHex(big));
  });

  it('a gathered PDU stays intact after the next one arrives', () => {
    const a = hex(FIXTURES[5]!.hex);
    const b = hex(FIXTURES[6]!.hex);
    const framer = new PduFramer();
    const seen: Uint8Array[] = [];
    framer.push(a.subarray(0, 10), (p) => seen.push(p));
    framer.push(concat([a.subarray(10), b.subarray(0, 5)]), (p) => seen.push(p));
    framer.push(b.subarray(5), (p) => seen.push(p));
    assert.deepEqual(seen.map(toHex), [FIXTURES[5]!.hex, FIXTURES[6]!.hex]);
  });
});

describe('framer: impossible command_length values', () => {
  function failure(bytes: Uint8Array, options?: { maxCommandLength: number }): { error: PduError; emitted: string[] } {
    const framer = new PduFramer(options);
    const emitted: string[] = [];
    try {
      framer.push(bytes, (p) => emitted.push(toHex(p)));
    } catch (e) {
      assert.ok(e instanceof PduError);
      // The stream is dead: later pushes fail the same way.
      assert.throws(() => framer.push(hex(FIXTURES[0]!.hex), () => assert.fail('no PDU after a failure')), (x: unknown) => x === e);
      return { error: e, emitted };
    }
    return assert.fail('expected a PduError');
  }

  it('below 16 (the facts-file vector), after emitting the PDUs before it', () => {
    const bad = FIXTURES.find((f) => f.name === 'bad: command_length 15')!;
    const { error, emitted } = failure(concat([hex(FIXTURES[0]!.hex), hex(bad.hex)]));
    assert.deepEqual(emitted, [FIXTURES[0]!.hex]);
    assert.equal(error.code, 'command_length_too_small');
    assert.equal(error.status, STATUS.ESME_RINVCMDLEN);
    assert.equal(error.streamOffset, 16);
    assert.equal(error.recoverable, false);
    assert.equal(error.commandLength, 15);
    assert.match(error.message, /shorter than the 16-octet header.*cannot be resynchronised/);
    assert.equal(error.toProblem().field, 'command_length');
  });

  it('above the default limit of 64 KiB', () => {
    assert.equal(DEFAULT_MAX_COMMAND_LENGTH, 65536);
    const { error } = failure(hex('00010001000000040000000000000001'));
    assert.equal(error.code, 'command_length_too_large');
    assert.match(error.message, /65537 .* larger than the limit of 65536/);
    assert.equal(error.expected, '16..65536');
  });

  it('a configured limit, detected from the first 4 octets alone', () => {
    const framer = new PduFramer({ maxCommandLength: 1000 });
    assert.throws(() => framer.push(hex('000003e9'), () => undefined), (e: unknown) => e instanceof PduError && e.code === 'command_length_too_large');
    const ok = new PduFramer({ maxCommandLength: 1000 });
    ok.push(hex('000003e8'), () => assert.fail('incomplete'));
    assert.equal(ok.buffered, 4);
  });

  it('the top bit set, naming TLS when the octets look like a handshake', () => {
    const { error } = failure(hex('80000010000000150000000000000001'));
    assert.equal(error.code, 'command_length_top_bit');
    assert.match(error.message, /top bit set/);
    const tls = failure(hex('16030100a5010000a1030300'));
    assert.equal(tls.error.code, 'command_length_too_large');
    assert.match(tls.error.message, /TLS/);
  });

  it('HTTP spoken to an SMPP port', () => {
    const { error } = failure(Uint8Array.from(Buffer.from('GET / HTTP/1.1\r\n', 'latin1')));
    assert.match(error.message, /HTTP/);
  });

  it('a header split across chunks is still checked', () => {
    const framer = new PduFramer();
    framer.push(hex('0000'), () => undefined);
    assert.throws(() => framer.push(hex('000f'), () => undefined), (e: unknown) => e instanceof PduError && e.code === 'command_length_too_small');
  });

  it('reset() starts a new stream', () => {
    const framer = new PduFramer();
    assert.throws(() => framer.push(hex('0000000f'), () => undefined), PduError);
    framer.reset();
    assert.deepEqual(feed(framer, [hex(FIXTURES[0]!.hex)]), [FIXTURES[0]!.hex]);
  });

  it('rejects a nonsensical limit', () => {
    assert.throws(() => new PduFramer({ maxCommandLength: 8 }), RangeError);
  });
});
