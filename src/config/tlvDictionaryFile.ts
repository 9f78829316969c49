// A vendor TLV dictionary read from a file of its own (`{ "tlvs": [ ... ] }`) or from a connection
// file's `tlvs`: for `smpp-panel decode --tlvs FILE`. Problems carry line and column as the
// connection file's do; only the problems of the dictionary (and the file's syntax) are reported.
import { parseTree, printParseErrorCode, type ParseError } from 'jsonc-parser';
import schemaJson from '../../media/smpp-connections.schema.json';
import { describeParseError, fileTooLarge, MAX_CONNECTION_FILE_BYTES, parseConnectionFile, vendorTlvs, type ConfigProblem, type MakeProblem } from './connectionFile';
import { LineIndex } from './lineIndex';
import { SchemaValidator, type SchemaNode } from './schemaValidator';
import type { TlvDictionary } from '../smpp/tables/tlvDictionary';

const schema = schemaJson as unknown as SchemaNode;

/** A dictionary file: `tlvs` as in a connection file, and nothing else (but `$schema`). */
const dictionaryValidator = new SchemaValidator({
  type: 'object',
  additionalProperties: false,
  required: ['tlvs'],
  properties: { $schema: { type: 'string' }, tlvs: schema.properties!.tlvs! },
  definitions: schema.definitions,
});

export interface ParsedTlvDictionaryFile {
  /** Absent when the file declares no well-formed vendor TLV. */
  tlvs?: TlvDictionary;
  problems: ConfigProblem[];
}

/**
 * Reads a dictionary from a connection file (one with `connections`) or a file holding only
 * `{ "tlvs": [ ... ] }`. Never throws.
 */
export function parseTlvDictionaryFile(text: string): ParsedTlvDictionaryFile {
  if (text.length > MAX_CONNECTION_FILE_BYTES) return { problems: [fileTooLarge(text.length)] };
  const lines = new LineIndex(text);
  const make: MakeProblem = (severity, message, path, offset, length, source = 'schema') => ({ severity, source, message, path, offset, length, ...lines.at(offset) });
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (!root || errors.length > 0 || text.trim() === '') {
    const problems = errors.map((e) => make('error', `JSON syntax: ${describeParseError(printParseErrorCode(e.error))}`, '(file)', e.offset, e.length, 'syntax'));
    if (problems.length === 0) problems.push(make('error', 'the file is empty; it should hold { "tlvs": [ ... ] }', '(file)', 0, 0, 'syntax'));
    return { problems };
  }
  const isConnectionFile = root.type === 'object' && (root.children ?? []).some((p) => p.children?.[0]?.value === 'connections');
  if (isConnectionFile) {
    const parsed = parseConnectionFile(text);
    // The dictionary's problems, and those of the file as a whole; a connection's own are not the dictionary's.
    const problems = parsed.problems.filter((p) => p.path === '(file)' || p.path.startsWith('tlvs'));
    return parsed.tlvs ? { tlvs: parsed.tlvs, problems } : { problems };
  }
  const problems: ConfigProblem[] = dictionaryValidator.validate(root).map((v) => make('error', v.message, v.path, v.offset, v.length));
  const own = vendorTlvs(root, make);
  problems.push(...own.problems);
  problems.sort((a, b) => a.offset - b.offset);
  return own.dictionary ? { tlvs: own.dictionary, problems } : { problems };
}
