// What the decoder page is told of the workspace's connections: each name with its profile's
// messageIdFormat and the file whose vendor TLV dictionary it reads, and each dictionary once per
// file (its checked entries as plain JSON, cut to the page's limits). Files in name order; a
// connection name that two files give is the first file's. Reads only the model's data, so it
// is tested on Node.
import type { ParsedConnection } from '../config/connectionFile';
import { mergeTlvDictionaries, type TlvDictionary } from '../smpp/codec';
import { MAX_DICTIONARIES, MAX_DICTIONARY_SIZE, MAX_TLV_WORDS, MAX_VALUE_NAMES, type ConnectionInfo, type DictionaryInfo, type VendorTlvDefinition } from '../shared/decoderMessages';

/** A connection file as the model holds it: its label and its parsed connections. */
export interface InfoFile {
  readonly label: string;
  readonly connections: readonly { readonly parsed: Pick<ParsedConnection, 'definition' | 'tlvs'> }[];
}

export interface PageConnections {
  connections: ConnectionInfo[];
  dictionaries: DictionaryInfo[];
}

/** An entry as the page's guard takes it: at most MAX_VALUE_NAMES value names, words cut to MAX_TLV_WORDS. */
function plainEntry(e: VendorTlvDefinition): VendorTlvDefinition {
  const out: VendorTlvDefinition = { tag: e.tag, name: e.name, type: e.type };
  if (e.values !== undefined) {
    const values: Record<number, string> = {};
    let n = 0;
    for (const [k, word] of Object.entries(e.values)) {
      if (n++ >= MAX_VALUE_NAMES) break;
      values[Number(k)] = word.slice(0, MAX_TLV_WORDS);
    }
    out.values = values;
  }
  if (e.description !== undefined) out.description = e.description.slice(0, MAX_TLV_WORDS);
  return out;
}

export function pageConnections(files: readonly InfoFile[]): PageConnections {
  const connections: ConnectionInfo[] = [];
  const dictionaries: DictionaryInfo[] = [];
  const seen = new Set<string>();
  const withDictionary = new Set<string>();
  for (const file of [...files].sort((a, b) => a.label.localeCompare(b.label))) {
    for (const { parsed } of file.connections) {
      const { name, profile } = parsed.definition;
      if (seen.has(name)) continue;
      seen.add(name);
      const info: ConnectionInfo = { name, messageIdFormat: profile.messageIdFormat };
      const dictionary = parsed.tlvs;
      if (dictionary !== undefined && dictionary.size > 0) {
        if (!withDictionary.has(file.label) && dictionaries.length < MAX_DICTIONARIES) {
          withDictionary.add(file.label);
          dictionaries.push({ file: file.label, entries: dictionary.entries.slice(0, MAX_DICTIONARY_SIZE).map(plainEntry) });
        }
        if (withDictionary.has(file.label)) info.tlvs = file.label;
      }
      connections.push(info);
    }
  }
  connections.sort((a, b) => a.name.localeCompare(b.name));
  return { connections, dictionaries };
}

let cache: { list: (readonly [string, TlvDictionary])[]; dictionary: TlvDictionary | undefined } | undefined;

/**
 * Every file's vendor TLV dictionary as one (for the hex hover, whose PDU belongs to no
 * connection), files in name order, the first to declare a tag or a name winning it. Merged again
 * only when the files change (the model gives new entries then).
 */
export function workspaceDictionary(files: readonly InfoFile[]): TlvDictionary | undefined {
  const list: (readonly [string, TlvDictionary])[] = [];
  for (const file of [...files].sort((a, b) => a.label.localeCompare(b.label))) {
    const d = file.connections.find((c) => c.parsed.tlvs !== undefined)?.parsed.tlvs;
    if (d !== undefined && d.size > 0) list.push([file.label, d]);
  }
  if (list.length === 0) return undefined;
  if (cache !== undefined && cache.list.length === list.length && cache.list.every((x, i) => x[0] === list[i]![0] && x[1] === list[i]![1])) return cache.dictionary;
  cache = { list, dictionary: mergeTlvDictionaries(list).dictionary };
  return cache.dictionary;
}
