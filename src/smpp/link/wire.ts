// The session's view of the codec: frames a byte stream, decodes values (never the field
// tree, which only the decoder view needs), and encodes what the session sends.
import { decode, encode, type DecodeResult, type DecodedPdu, type PduInput, type TlvInput } from '../codec';
import { PduError } from '../fields';
import { PduFramer } from '../framer';

export type WirePdu = DecodedPdu;

/** What the session sends. Bodies are loosely typed here; the codec checks them against its tables. */
export interface OutgoingPdu {
  command: string;
  command_status?: number;
  sequence_number: number;
  body: Record<string, unknown>;
  tlvs?: readonly TlvInput[];
}

/** Why a stream cannot go on, and the status to tell the peer before closing. */
export interface FramingFault {
  message: string;
  status?: number;
}

export class PduStream {
  private readonly framer: PduFramer;

  constructor(maxCommandLength?: number) {
    this.framer = new PduFramer(maxCommandLength === undefined ? undefined : { maxCommandLength });
  }

  /** Feeds a chunk; returns a fault when the stream cannot be framed any further. */
  push(chunk: Uint8Array, onFrame: (frame: Uint8Array) => void): FramingFault | undefined {
    try {
      this.framer.push(chunk, onFrame);
      return undefined;
    } catch (err) {
      if (err instanceof PduError) return { message: err.message, status: err.status };
      throw err;
    }
  }

  decode(frame: Uint8Array): DecodeResult {
    return decode(frame);
  }

  encode(pdu: OutgoingPdu): Uint8Array {
    return encode(pdu as unknown as PduInput);
  }
}
