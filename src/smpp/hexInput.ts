// Turns what people paste into PDU bytes: plain hex (any separators), 0x / \x prefixes, C/Java/JS
// array literals, Wireshark "Copy as Hex Dump" and tshark -x, xxd, hexdump -C, od -Ax -tx1,
// Node's <Buffer …>, Python b'…', and base64 (hexText.ts, hexDump.ts). A captured frame
// (Ethernet/IP/TCP) is reduced to its TCP payload (linkLayer.ts). Several PDUs back to back are
// split by the framer under its command_length limits (pduSplit.ts). Linear in the size of the
// text. Never throws: anything it cannot read is reported with its position (index, line,
// column). Browser-safe: no Buffer, no node: imports.

import { isAllSpace, Reporter, TextPositions, type HexInputProblem } from './hexSource';
import { readHexText, type HexTextFormat } from './hexText';
import { tcpPayload } from './linkLayer';
import { splitPdus } from './pduSplit';

export type { HexInputProblem } from './hexSource';

export type HexInputFormat = HexTextFormat | 'empty' | 'unknown';

export interface HexInputResult {
  /** The PDUs, split by command_length. A trailing partial PDU is kept as the last one (and reported). */
  pdus: Uint8Array[];
  /** All bytes read (after removing any frame headers). */
  bytes: Uint8Array;
  format: HexInputFormat;
  problems: HexInputProblem[];
  /** Things done that the user may want to know (e.g. frame headers removed). */
  notes: string[];
}

/** Parses pasted text into PDU bytes. Never throws. */
export function parseHexInput(text: string): HexInputResult {
  try {
    return parseInput(text);
  } catch (err) {
    return {
      pdus: [],
      bytes: new Uint8Array(0),
      format: 'unknown',
      problems: [{ index: 0, line: 1, column: 1, message: `could not read the input: ${err instanceof Error ? err.message : String(err)}` }],
      notes: [],
    };
  }
}

function parseInput(input: string): HexInputResult {
  const text = input.charCodeAt(0) === 0xfeff ? ' ' + input.slice(1) : input;
  const positions = new TextPositions(text);
  const rep = new Reporter(text, positions);
  const notes: string[] = [];
  if (isAllSpace(text)) {
    rep.add(0, 'no input: paste hex, a hex dump or base64');
    return { pdus: [], bytes: new Uint8Array(0), format: 'empty', problems: rep.finish(), notes };
  }
  const { format, out } = readHexText(text, positions, rep);

  // Reduce captured frames to their TCP payload, block by block, moving what is kept to the front.
  let kept = 0;
  let stripped = 0;
  const blocks = out.blockCount;
  for (let i = 0; i < blocks; i++) {
    const [from, to] = out.block(i);
    const frame = tcpPayload(out.bytes.subarray(from, to));
    const start = frame ? from + frame.start : from;
    const end = frame ? from + frame.end : to;
    if (frame) {
      stripped++;
      notes.push(`${blocks > 1 ? `block ${i + 1}: ` : ''}removed ${frame.description} headers (${frame.start} bytes) of a captured frame; kept its ${frame.end - frame.start}-byte TCP payload`);
    }
    if (start !== kept) {
      out.bytes.copyWithin(kept, start, end);
      out.pos.copyWithin(kept, start, end);
    }
    kept += end - start;
  }
  const bytes = out.bytes.slice(0, kept);
  if (bytes.length === 0 && rep.problems.length === 0) rep.add(0, stripped ? 'no SMPP bytes: the TCP payload is empty' : 'no bytes found');

  const split = splitPdus(bytes);
  if (split.problem) {
    const at = split.problem.offset;
    rep.add(at < kept ? out.pos[at]! : text.length, split.problem.message);
  }
  return { pdus: split.pdus, bytes, format, problems: rep.finish(), notes };
}
