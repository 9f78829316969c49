// The shapes of a parsed request file (`*.smpp`): blocks of `name: value` lines separated by
// `###`, each naming a connection and a request PDU, with expectations. Lines and columns are
// 0-based, as editor ranges are.

import type { RequestName } from '../session/esme';

export interface RequestFileProblem {
  line: number;
  column: number;
  endColumn: number;
  message: string;
  severity: 'error' | 'warning';
}

/** One `name: value` line. `value` is the text as written (trimmed; quotes kept). */
export interface RequestField {
  name: string;
  value: string;
  line: number;
  /** Where the name starts. */
  column: number;
  /** Where the value starts (the end of the line when it is empty). */
  valueColumn: number;
  /** A body field of the block's PDU, a TLV, or a setting (`connection`, `pdu`, `repeat`). */
  kind: 'field' | 'tlv' | 'setting';
}

interface ExpectationBase {
  line: number;
  /** The expectation as written, after `expect `. */
  text: string;
}

/** `expect status ESME_ROK`: every response has this command_status. */
export interface StatusExpectation extends ExpectationBase {
  kind: 'status';
  status: number;
}

/** `expect receipt DELIVRD within 10s`: every message's receipt ends in this state in time. */
export interface ReceiptExpectation extends ExpectationBase {
  kind: 'receipt';
  /** The receipt's stat word (DELIVRD, UNDELIV, ...). */
  state: string;
  withinMs: number;
}

/** `expect field message_id matches /^[0-9a-f]+$/`: a response field (or TLV) matches. */
export interface FieldExpectation extends ExpectationBase {
  kind: 'field';
  field: string;
  pattern: RegExp;
}

export type Expectation = StatusExpectation | ReceiptExpectation | FieldExpectation;

export interface RequestBlock {
  index: number;
  /** The `###` line (0 for text before the first one). */
  startLine: number;
  endLine: number;
  /** The text after `###`. */
  title?: string;
  /** The block's `connection:`, or the one the nearest earlier block names. */
  connection?: string;
  command?: RequestName;
  /** Every `name: value` line, settings included, in order. */
  fields: RequestField[];
  /** How many times Send sends the PDU (`repeat: N`, default 1). */
  repeat: number;
  expectations: Expectation[];
  problems: RequestFileProblem[];
}

export interface ParsedRequestFile {
  blocks: RequestBlock[];
  /** Every block's problems, in line order. */
  problems: RequestFileProblem[];
}
