// The codec's public types, what decode returns and what encode takes, and the accessors of a
// decoded PDU.

import type { FieldNode, Problem } from '../fields';
import type { Body, BodyInput, CommandName } from '../tables/commands';
import type { TlvDictionary } from '../tables/tlvDictionary';
import type { AnyTlvValue, TlvName, TlvValue } from '../tables/tlvs';

export interface DecodeOptions {
  /** Build the field tree (names, displays, offsets). Off by default: value decoding is faster. */
  fields?: boolean;
  /** Alphabet assumed for data_coding 0 when the tree decodes text. Default 'gsm7'. */
  dcs0?: 'gsm7' | 'latin1' | 'ascii';
  /** Vendor TLVs to read by name and typed value (tags the spec does not define). */
  tlvs?: TlvDictionary;
}

export interface EncodeOptions {
  /** Vendor TLVs that may be given by name and typed value. */
  tlvs?: TlvDictionary;
}

export interface PduHeader {
  command_length: number;
  command_id: number;
  command_status: number;
  sequence_number: number;
}

/** A decoded TLV. Unknown and vendor tags carry their raw bytes as `value`. */
export interface DecodedTlv {
  tag: number;
  /** Spec name, the dictionary's name, or `vendor_0x1400` / `unknown_0x0999`. */
  name: string;
  /** The TLV's own length field. */
  length: number;
  /** Typed value; undefined where the bytes could not be read as the table's type. */
  value: AnyTlvValue | undefined;
  /** The value octets exactly as received (a view into the input). */
  raw: Uint8Array;
  /** Offset of the tag from the PDU's start. */
  offset: number;
  /** A dictionary TLV's name for its integer value (`vodafone`), where the dictionary has one. */
  valueName?: string;
}

type KnownPdu = {
  [C in CommandName]: PduHeader & { command: C; body: Partial<Body<C>>; tlvs: DecodedTlv[] };
}[CommandName];

/** An unknown command_id: the header, and nothing from the body. */
export type UnknownPdu = PduHeader & { command: 'unknown'; body: Record<string, never>; tlvs: DecodedTlv[] };

/** A decoded PDU, discriminated by `command`. Bodies are partial: a malformed PDU stops early. */
export type DecodedPdu = KnownPdu | UnknownPdu;

/** The decoded PDU of a known command C. */
export type PduOf<C extends CommandName> = Extract<KnownPdu, { command: C }>;

export interface DecodeResult {
  pdu: DecodedPdu;
  /** Present only when `fields: true` was asked for. */
  fields?: FieldNode[];
  problems: Problem[];
}

/** A TLV to encode: give `tag` or `name`; `value` (typed) wins over `raw` (exact bytes). */
export interface TlvInput {
  tag?: number;
  name?: string;
  value?: unknown;
  raw?: Uint8Array;
  /** Keeps odd-but-readable encodings exact (an int in 2 octets, a C-string without NUL). */
  length?: number;
}

/** What encode takes for command C. `command_length` is always computed. */
export interface PduInput<C extends CommandName = CommandName> {
  command: C;
  command_status?: number;
  sequence_number?: number;
  /** Ignored: encode fills it in. Accepted so a decoded PDU can be encoded as it is. */
  command_length?: number;
  /** Ignored when `command` is given (the table's id is used). */
  command_id?: number;
  /**
   * Mandatory fields by spec name. Missing ones are 0 / empty in requests and successful
   * responses; in an error response (command_status != 0) the body stops at the first missing
   * field, so `{}` gives the "no body" form and `{ message_id: '' }` the "lone NUL" form.
   * sm_length, number_of_dests and no_unsuccess are always derived from what they count.
   */
  body?: BodyInput<C>;
  tlvs?: readonly TlvInput[];
}

// ---------------------------------------------------------------------------------------------
// Reading a decoded PDU
// ---------------------------------------------------------------------------------------------

/** Narrows a decoded PDU to command C. */
export function isCommand<C extends CommandName>(pdu: DecodedPdu, command: C): pdu is PduOf<C> {
  return pdu.command === command;
}

/** The first TLV named N, typed: `tlvValue(pdu, 'message_state')` is `number | undefined`. */
export function tlvValue<N extends TlvName>(pdu: { tlvs: readonly DecodedTlv[] }, name: N): TlvValue<N> | undefined {
  for (const t of pdu.tlvs) if (t.name === name) return t.value as TlvValue<N> | undefined;
  return undefined;
}

/** The problems that make a receiver answer with an error, first one first (or undefined). */
export function rejectStatus(problems: readonly Problem[]): number | undefined {
  for (const p of problems) if (p.status !== undefined) return p.status;
  return undefined;
}
