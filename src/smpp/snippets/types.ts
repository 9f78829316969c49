// What a snippet is made from: a connection's bind settings and one PDU (the codec's JSON form),
// optionally a text that the snippet splits as the connection's provider profile says.
import type { TlvDictionary } from '../tables/tlvDictionary';

/** The client libraries a snippet can be written for. */
export type SnippetLanguage = 'node-smpp' | 'net-smpp' | 'python-smpplib' | 'jsmpp' | 'gosmpp';

export interface SnippetConnection {
  /** The connection's name, for the snippet's first comment. */
  name?: string;
  host: string;
  port: number;
  system_id: string;
  /**
   * As a connection file writes it. `${env:NAME}` makes the snippet read the environment
   * variable NAME. Anything else (a literal, `${prompt}`, nothing) makes it read SMPP_PASSWORD,
   * unless `includePassword` is true: only then does a literal password appear in the snippet.
   */
  password?: string;
  includePassword?: boolean;
  system_type?: string;
  bind?: 'transmitter' | 'receiver' | 'transceiver';
  interface_version?: '3.3' | '3.4' | '5.0';
  addr_ton?: number;
  addr_npi?: number;
  address_range?: string;
  tls?: boolean;
  /** How a long text travels (the provider profile's `concatenation`). Default udh8. */
  concatenation?: 'udh8' | 'udh16' | 'sar' | 'payload';
  /** The alphabet the SMSC reads data_coding 0 in (the provider profile's `dcs0`). Default gsm7. */
  dcs0?: 'gsm7' | 'latin1' | 'ascii';
}

/** A TLV as the JSON form writes it: by tag or name, its value typed as the table (or dictionary) says. */
export interface SnippetTlvInput {
  tag?: number;
  name?: string;
  value?: unknown;
  length?: number;
}

export interface SnippetPdu {
  /** A request command of the tables: submit_sm, query_sm, data_sm, ... */
  command: string;
  /** Body fields by spec name, as the codec's JSON form writes them (octet strings in hex). */
  body?: Record<string, unknown>;
  tlvs?: readonly SnippetTlvInput[];
}

export interface SnippetInput {
  connection: SnippetConnection;
  pdu: SnippetPdu;
  /**
   * A text for the message (submit_sm, deliver_sm, replace_sm, data_sm): encoded and split as the
   * connection's profile says, into as many PDUs as it needs; data_coding, esm_class, the UDH or
   * SAR TLVs or message_payload follow from it.
   */
  text?: string;
  /** Vendor TLVs that `pdu.tlvs` may name (the connection file's `tlvs`). */
  dictionary?: TlvDictionary;
}

/** Thrown for input a snippet cannot be made from; the message names the field. */
export class SnippetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SnippetError';
  }
}
