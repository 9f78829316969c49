// Splits pasted bytes into PDUs with the stream framer, so a paste is cut exactly as a connection
// would cut it and under the same command_length limits: a length below 16, above the framer's
// limit or with its top bit set is reported, never trusted. What cannot be split is kept as one
// last PDU, so the decoder can still show it. Browser-safe: no Buffer, no node: imports.

import { PduError } from './fields';
import { DEFAULT_MAX_COMMAND_LENGTH, PduFramer } from './framer';
import { readU32 } from './bytes';

export interface PduSplit {
  /** Views into the bytes: whole PDUs, then whatever could not be split (if anything). */
  pdus: Uint8Array[];
  /** Why the split stopped early, at which byte. */
  problem?: { offset: number; message: string };
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Splits `bytes` into PDUs by their command_length. */
export function splitPdus(bytes: Uint8Array, maxCommandLength = DEFAULT_MAX_COMMAND_LENGTH): PduSplit {
  const pdus: Uint8Array[] = [];
  const framer = new PduFramer({ maxCommandLength });
  let fault: PduError | undefined;
  try {
    framer.push(bytes, (pdu) => pdus.push(pdu));
  } catch (err) {
    if (!(err instanceof PduError)) throw err;
    fault = err;
  }
  const off = fault ? fault.streamOffset : bytes.length - framer.buffered;
  if (off >= bytes.length) return { pdus };
  const rem = bytes.length - off;
  const what = `PDU ${pdus.length + 1} at byte ${off}`;
  pdus.push(bytes.subarray(off));
  if (rem < 4) return { pdus, problem: { offset: off, message: `${what}: only ${plural(rem, 'byte')} left, too short for a command_length` } };
  const len = readU32(bytes, off);
  const kept = `the remaining ${rem} bytes are kept as one PDU`;
  let message: string;
  if (fault === undefined) message = `command_length ${len} but only ${plural(rem, 'byte')} left (partial PDU)`;
  else if (fault.code === 'command_length_too_small') message = `command_length ${len} is less than 16; ${kept}`;
  else if (fault.code === 'command_length_top_bit') message = `command_length 0x${len.toString(16).toUpperCase()} has its top bit set, which no SMPP PDU has; ${kept}`;
  else message = `command_length ${len} is larger than the limit of ${framer.maxCommandLength} octets, so it is not trusted; ${kept}`;
  return { pdus, problem: { offset: off, message: `${what}: ${message}` } };
}
