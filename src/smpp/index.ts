// Public barrel for the protocol core (never imports `vscode`). Each engineer appends lines.

// Codec, framer, field tree and tables.
export {
  decode,
  encode,
  isCommand,
  tlvValue,
  rejectStatus,
  toJsonPdu,
  fromJsonPdu,
  EncodeError,
  type JsonPdu,
  type DecodeOptions,
  type DecodeResult,
  type DecodedPdu,
  type DecodedTlv,
  type PduOf,
  type PduHeader,
  type PduInput,
  type TlvInput,
  type UnknownPdu,
} from './codec';
export { PduFramer, DEFAULT_MAX_COMMAND_LENGTH, type FramerOptions } from './framer';
export { PduError, type FieldNode, type Problem, type PduErrorCode, type PduErrorDetails } from './fields';
export { hexBytes } from './tree';
export {
  COMMANDS,
  commandById,
  isCommandName,
  isResponseId,
  responseOf,
  fieldLabel,
  type Body,
  type BodyInput,
  type CommandName,
  type CommandSpec,
  type DestAddress,
  type FieldSpec,
  type UnsuccessSme,
} from './tables/commands';
export {
  TLVS,
  tlvByTag,
  tlvByName,
  tlvName,
  tlvLabel,
  isVendorTag,
  type TlvName,
  type TlvSpec,
  type TlvType,
  type TlvValue,
  type AnyTlvValue,
  type NetworkErrorCode,
  type CallbackNum,
  type BroadcastAreaIdentifier,
  type BroadcastContentType,
  type BroadcastFrequencyInterval,
} from './tables/tlvs';
export {
  STATUS,
  statusInfo,
  statusName,
  statusMeaning,
  describeStatus,
  isVendorStatus,
  describeValue,
  esmClassParts,
  registeredDeliveryParts,
  isReceiptEsmClass,
  TON_NAMES,
  NPI_NAMES,
  MESSAGE_STATE_NAMES,
  type StatusName,
  type StatusInfo,
  type ValueKind,
  type BitPart,
} from './tables/values';

// Text encodings, UDH, receipts, time strings, hex input and message building.
export { decodeText, encodeText, encodeTextLossy, describeDataCoding, interpretDataCoding, describeMessageClass, encodingForDataCoding, encodingLabel, toHex, type TextEncoding, type DecodeTextOptions, type DecodedText, type DataCodingInfo, type Alphabet, type LossyEncoding } from './text/index';
export { canEncodeGsm7, septetLength, gsm7CharCost, textToSeptets, decodeUnpacked, encodeUnpacked, decodePacked, encodePacked, packSeptets, unpackSeptets, fillBitsAfterUdh, GSM7_ESCAPE, GSM7_EXTENSION_CHARS, type TextProblem, type Gsm7DecodeResult, type Gsm7Unencodable } from './text/gsm7';
export { parseUdh, buildConcatUdh, buildPortUdh, ieiName, type ParsedUdh, type UdhElement, type UdhProblem, type ConcatInfo, type PortInfo, type SpecialMessageIndication } from './udh';
export { parseReceipt, reconcileReceipt, formatReceipt, parseReceiptDate, statToMessageState, compareMessageIds, RECEIPT_STAT_BY_STATE, type Receipt, type ReceiptPart, type ReceiptDate, type ReceiptProblem, type ReceiptFieldName, type ReceiptTlvs, type ReconciledReceipt, type ReceiptDisagreement, type ReceiptInput } from './receipt';
export { parseSmppTime, formatSmppTime, formatRelativeTime, addRelativeTime, describeSmppTime, describeRelativeTime, type SmppTime, type SmppTimeProblem, type RelativeTime } from './time';
export { parseHexInput, type HexInputResult, type HexInputProblem, type HexInputFormat } from './hexInput';
export { planMessage, countMessage, type PlanOptions, type PlanEncoding, type PlanMethod, type PlannedPart, type MessagePlan, type SarTlvs, type PlanProblem, type MessageCount } from './split';
export { writePcap, maskPassword, type PcapOptions } from './pcap';

// Analyser proxy and load test: types only here, so that this barrel stays loadable in the
// webview (their code uses node:net / node:events; import it from './proxy/index' and
// './loadtest' in the host and the CLI).
export type { ProxyOptions } from './proxy/proxy';
export type { Endpoint, LegState, ProxyClientClosed, ProxyClientInfo, ProxyEvents, ProxyKeepalive, ProxyLeg, ProxyPduEvent, ProxySide, ProxyWarning, UpstreamState } from './proxy/types';
export type { AddressRange, LoadTestData, LoadTestEvents, LoadTestOptions, LoadTestSecond, LoadTestThrottle, LoadTestTotals, RoundTripStats } from './loadtest';
