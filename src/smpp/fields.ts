// The field tree shared with the webview, the Problem record every decoder reports, and the
// structured error the framer raises. Plain data: everything here survives postMessage/JSON
// except `value`s holding Uint8Array (the webview side receives them as byte arrays).

/** Where something is wrong in a PDU, and what a receiver should answer with. */
export interface Problem {
  /** Byte offset from the start of the PDU. */
  readonly offset: number;
  /** Bytes covered by the fault, where known. */
  readonly length?: number;
  /** The field (spec spelling) or the structure (`header`, `tlv 0x0210`) at fault. */
  readonly field: string;
  /** What the spec wants there. */
  readonly expected: string;
  /** What the bytes hold instead. */
  readonly found: string;
  /** One sentence for a person. */
  readonly message: string;
  /** The command_status a receiver should answer with (generic_nack or the _resp), if any. */
  readonly status?: number;
}

/** One node of the decode tree. Offsets and lengths are in bytes from the PDU's first byte. */
export interface FieldNode {
  /** Stable machine name: the spec spelling (`source_addr_ton`) or a structural name. */
  readonly name: string;
  /** Words for people: `Source address TON`. */
  readonly label: string;
  /** The decoded value (number, string, bytes, or a small object). */
  readonly value: unknown;
  /** The value as people read it: `1 (International)`. */
  readonly display: string;
  readonly offset: number;
  readonly length: number;
  readonly children?: FieldNode[];
  readonly problem?: Problem;
}

/** Why the framer gave up on a stream. */
export type PduErrorCode =
  | 'command_length_too_small'
  | 'command_length_too_large'
  | 'command_length_top_bit'
  | 'stream_failed';

export interface PduErrorDetails {
  readonly code: PduErrorCode;
  /** Offset in the byte stream (bytes fed before the bad PDU started). */
  readonly streamOffset: number;
  readonly field: string;
  readonly expected: string;
  readonly found: string;
  /** command_status to answer with before closing, if the peer should be told. */
  readonly status?: number;
  /** Whether the stream can go on after this error (framing errors never can). */
  readonly recoverable: boolean;
  readonly commandLength?: number;
}

/** A framing fault with the details a person needs: which field, where, expected, found. */
export class PduError extends Error implements PduErrorDetails {
  readonly code: PduErrorCode;
  readonly streamOffset: number;
  readonly field: string;
  readonly expected: string;
  readonly found: string;
  readonly status?: number;
  readonly recoverable: boolean;
  readonly commandLength?: number;

  constructor(message: string, details: PduErrorDetails) {
    super(message);
    this.name = 'PduError';
    this.code = details.code;
    this.streamOffset = details.streamOffset;
    this.field = details.field;
    this.expected = details.expected;
    this.found = details.found;
    if (details.status !== undefined) this.status = details.status;
    this.recoverable = details.recoverable;
    if (details.commandLength !== undefined) this.commandLength = details.commandLength;
  }

  /** The same fault as a Problem record (offset relative to the PDU, i.e. 0). */
  toProblem(): Problem {
    const p: Problem = {
      offset: 0,
      length: 4,
      field: this.field,
      expected: this.expected,
      found: this.found,
      message: this.message,
    };
    return this.status === undefined ? p : { ...p, status: this.status };
  }
}
