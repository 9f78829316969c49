// Request files (`*.smpp`): the parser, the builder of each block's PDU, the runner that sends
// blocks on a session and checks their expectations, and the data behind completion and hover.
// No `vscode` here: the command line and the extension host share it.

export type { Expectation, FieldExpectation, ParsedRequestFile, ReceiptExpectation, RequestBlock, RequestField, RequestFileProblem, StatusExpectation } from './types';
export { parseRequestFile, parseExpectation, REQUEST_COMMANDS, MAX_REQUEST_FILE_CHARS, DEFAULT_RECEIPT_WAIT_MS, type ParseOptions } from './parse';
export { buildRequest, toPduInput, type BuildContext, type BuiltRequest, type RequestPdu, type RequestTlv } from './build';
export { GENERATORS, parseTemplate, fillTemplate, type GeneratorContext } from './generators';
export { codedValues, tlvCodedValues, readCodedValue, codedWord, valueWord, type CodedValue, type CodedValueSet } from './codedValues';
export { MAX_REPEAT, SETTINGS } from './values';
export { formatRequestBlock, formatText, type FormatOptions } from './format';
export { completionsAt, hoverAt, type RequestCompletion, type CompletionKind, type RequestHover, type LanguageOptions, type LineRange } from './language';
export { runBlock, runRequestFile, MAX_RECEIPTS_KEPT, type BlockResult, type ExpectationResult, type ReceiptSummary, type ResponseSummary, type RunContext, type RunFileOptions, type SendResult } from './run';
