// The PDU codec's entry point: everything outside the codec imports it from here. Decode and
// encode are loops over the command and TLV tables (./codec/decode, ./codec/encode); each field
// type has one descriptor that reads it, checks and writes it in one pass, and describes it
// (./codec/types); the JSON form is ./codec/json; the public types are ./codec/pdu.

export type {
  DecodeOptions,
  DecodeResult,
  DecodedPdu,
  DecodedTlv,
  EncodeOptions,
  PduHeader,
  PduInput,
  PduOf,
  TlvInput,
  UnknownPdu,
} from './codec/pdu';
export { isCommand, rejectStatus, tlvValue } from './codec/pdu';
export { decode } from './codec/decode';
export { encode } from './codec/encode';
export { fromJsonPdu, toJsonPdu, type JsonPdu } from './codec/json';
export { EncodeError } from './tables/tlvs';
export { encodeTlvValue } from './codec/types';
export {
  MAX_DICTIONARY_ENTRIES,
  TlvDictionary,
  mergeTlvDictionaries,
  VENDOR_TLV_TYPES,
  parseTlvAssignments,
  parseTlvDictionary,
  type DictionaryProblem,
  type ParsedTlvAssignments,
  type ParsedTlvDictionary,
  type TlvAssignment,
  type VendorTlvDefinition,
  type VendorTlvType,
} from './tables/tlvDictionary';
