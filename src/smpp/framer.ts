// A streaming framer: fed TCP chunks of any size (split anywhere, many PDUs per chunk), it emits
// whole PDUs. A PDU lying wholly inside one chunk is emitted as a view into that chunk (no copy);
// one spread over chunks is gathered in a buffer that grows by doubling as its bytes arrive.
// command_length is checked as soon as its 4 octets are in: below 16, above the limit, or with
// the top bit set, the stream cannot be resynchronised and the framer fails for good. No sockets.

import { hex2, readU32 } from './bytes';
import { PduError, type PduErrorCode } from './fields';
import { STATUS } from './tables/values';

export const DEFAULT_MAX_COMMAND_LENGTH = 64 * 1024;

export interface FramerOptions {
  /** Largest command_length accepted, in octets. Default 65536. */
  maxCommandLength?: number;
}

const INITIAL_CAPACITY = 256;

/** A guess at what the peer speaks when the first octets are not SMPP. */
function notSmppHint(b0: number, b1: number, b2: number, b3: number): string {
  if (b0 === 0x16 && b1 === 0x03) return ' The octets 16 03 start a TLS handshake: the peer may expect TLS on this port.';
  const text = String.fromCharCode(b0, b1, b2, b3);
  if (/^(GET |POST|HEAD|PUT |HTTP)/.test(text)) return ' The octets read "' + text + '": the peer speaks HTTP, not SMPP.';
  if (/^SSH-/.test(text)) return ' The octets read "SSH-": the peer is an SSH server.';
  if (/^[\x20-\x7e]{4}$/.test(text)) return ' The octets read as text "' + text + '": the peer may not speak SMPP.';
  return '';
}

/**
 * Splits a byte stream into PDUs.
 *
 * ```ts
 * const framer = new PduFramer({ maxCommandLength: 65536 });
 * socket.on('data', (chunk) => framer.push(chunk, (pdu) => handle(decode(pdu))));
 * ```
 *
 * Emitted PDUs may be views into the chunk passed to push(): a caller that reuses its chunk
 * buffers must copy what it keeps. push() throws a PduError when command_length is impossible;
 * PDUs before the fault in the same chunk are emitted first, and every later push() throws the
 * same error (the stream cannot be resynchronised: close the connection).
 */
export class PduFramer {
  readonly maxCommandLength: number;
  /** Gathers a PDU spread over chunks; undefined when none is in progress. */
  private acc: Uint8Array | undefined;
  /** Octets gathered in `acc`. */
  private accLen = 0;
  /** command_length of the PDU being gathered, or 0 while its first 4 octets are incomplete. */
  private need = 0;
  /** Octets of the stream consumed before the PDU being gathered. */
  private streamOffset = 0;
  private failure: PduError | undefined;

  constructor(options?: FramerOptions) {
    const max = options?.maxCommandLength ?? DEFAULT_MAX_COMMAND_LENGTH;
    if (!Number.isInteger(max) || max < 16 || max > 0x7fffffff) {
      throw new RangeError('maxCommandLength must be an integer 16..2147483647, got ' + String(max));
    }
    this.maxCommandLength = max;
  }

  /** The fatal error, once the stream has failed. */
  get error(): PduError | undefined {
    return this.failure;
  }

  /** Octets held back waiting for the rest of a PDU. */
  get buffered(): number {
    return this.accLen;
  }

  /** Forgets any partial PDU and a past failure (for a new connection). */
  reset(): void {
    this.acc = undefined;
    this.accLen = 0;
    this.need = 0;
    this.streamOffset = 0;
    this.failure = undefined;
  }

  /** Feeds one chunk; calls onPdu for every PDU completed by it, in order. */
  push(chunk: Uint8Array, onPdu: (pdu: Uint8Array) => void): void {
    if (this.failure !== undefined) throw this.failure;
    let i = 0;
    const n = chunk.length;

    // Finish a PDU in progress first.
    if (this.acc !== undefined || this.accLen > 0) {
      i = this.continuePartial(chunk, onPdu);
      if (i < 0) return; // the whole chunk went into the partial PDU
    }

    // Whole PDUs inside this chunk: emit views, no copies.
    while (n - i >= 4) {
      const len = readU32(chunk, i);
      this.check(len, chunk[i]!, chunk[i + 1]!, chunk[i + 2]!, chunk[i + 3]!);
      if (n - i < len) break;
      onPdu(chunk.subarray(i, i + len));
      this.streamOffset += len;
      i += len;
    }

    // Keep the tail for the next chunk.
    if (i < n) {
      const rest = n - i;
      let need = 0;
      if (rest >= 4) need = readU32(chunk, i);
      const cap = need > 0 ? Math.min(need, Math.max(INITIAL_CAPACITY, rest)) : INITIAL_CAPACITY;
      const acc = new Uint8Array(cap);
      acc.set(chunk.subarray(i), 0);
      this.acc = acc;
      this.accLen = rest;
      this.need = need;
    }
  }

  /**
   * Adds octets from `chunk` to the PDU in progress. Returns the index in `chunk` where the
   * next PDU starts, or -1 when the chunk was used up without completing the PDU.
   */
  private continuePartial(chunk: Uint8Array, onPdu: (pdu: Uint8Array) => void): number {
    let i = 0;
    const n = chunk.length;
    let acc = this.acc!;
    // Complete the command_length word first.
    if (this.need === 0) {
      while (this.accLen < 4 && i < n) acc[this.accLen++] = chunk[i++]!;
      if (this.accLen < 4) return -1;
      const len = readU32(acc, 0);
      this.check(len, acc[0]!, acc[1]!, acc[2]!, acc[3]!);
      this.need = len;
    }
    const need = this.need;
    const take = Math.min(need - this.accLen, n - i);
    if (this.accLen + take > acc.length) {
      let cap = acc.length * 2;
      while (cap < this.accLen + take) cap *= 2;
      const grown = new Uint8Array(Math.min(cap, need));
      grown.set(acc.subarray(0, this.accLen), 0);
      acc = grown;
      this.acc = grown;
    }
    acc.set(chunk.subarray(i, i + take), this.accLen);
    this.accLen += take;
    i += take;
    if (this.accLen < need) return -1;
    // Complete: hand over the gathered buffer (never reused, so the view stays valid).
    this.acc = undefined;
    this.accLen = 0;
    this.need = 0;
    onPdu(acc.length === need ? acc : acc.subarray(0, need));
    this.streamOffset += need;
    return i;
  }

  private check(len: number, b0: number, b1: number, b2: number, b3: number): void {
    if (len >= 16 && len <= this.maxCommandLength) return;
    const at = this.streamOffset;
    const found = String(len) + ' (octets ' + hex2(b0) + ' ' + hex2(b1) + ' ' + hex2(b2) + ' ' + hex2(b3) + ')';
    const hint = notSmppHint(b0, b1, b2, b3);
    const limit = '16..' + this.maxCommandLength;
    const [code, expected, why]: [PduErrorCode, string, string] =
      len < 16
        ? ['command_length_too_small', 'at least 16', 'is shorter than the 16-octet header; the stream cannot be resynchronised, so the connection must close.']
        : len >= 0x80000000
          ? ['command_length_top_bit', limit, 'has its top bit set, which no SMPP PDU has: the peer is not speaking SMPP or the stream is out of step; the connection must close.']
          : [
              'command_length_too_large',
              limit,
              'is larger than the limit of ' + this.maxCommandLength + ' octets; reading it would mean trusting the peer with that much memory, and skipping it would lose step with the stream, so the connection must close.',
            ];
    const shown = code === 'command_length_top_bit' ? '0x' + len.toString(16).toUpperCase() : String(len);
    const err = new PduError('command_length ' + shown + ' at stream offset ' + at + ' ' + why + hint, {
      code,
      streamOffset: at,
      field: 'command_length',
      expected,
      found,
      status: STATUS.ESME_RINVCMDLEN,
      recoverable: false,
      commandLength: len,
    });
    this.failure = err;
    throw err;
  }
}
