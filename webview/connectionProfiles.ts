// What the page knows of the workspace's connections besides their names: each one's profile
// messageIdFormat (the Messages tab's default receipt id format for it) and its file's vendor TLV
// dictionary, rebuilt here from the plain entries the host sent (parseTlvDictionary checks them
// again). A capture row, and the decoder input opened from one, is read with its connection's
// dictionary; anything else (a paste) with every file's dictionary merged, the first file in
// name order winning a clash of tag or name. No DOM, so it is unit-tested.
import type { ConnectionInfo, DictionaryInfo, IdFormat } from '../src/shared/decoderMessages';
import { mergeTlvDictionaries, parseTlvDictionary, type TlvDictionary } from '../src/smpp/codec';

/** A connection's messageIdFormat as the Messages tab's default: hex or decimal; as-is (every file's default) leaves auto, which tries the id as written first. */
export function profileIdFormat(info: Pick<ConnectionInfo, 'messageIdFormat'> | undefined): IdFormat | undefined {
  return info?.messageIdFormat === 'hex' || info?.messageIdFormat === 'decimal' ? info.messageIdFormat : undefined;
}

/** The dictionary a decode uses and the words that say where it comes from. */
export interface DictionaryChoice {
  dictionary: TlvDictionary | undefined;
  /** "demo.smpp.json", or the files merged; '' when no dictionary applies. */
  label: string;
}

export class ConnectionProfiles {
  private byName = new Map<string, ConnectionInfo>();
  private files = new Map<string, TlvDictionary>();
  private mergedChoice: DictionaryChoice = { dictionary: undefined, label: '' };
  private namesList: string[] = [];
  private formats: Record<string, IdFormat> = {};
  /** Goes up with every update that changes what is known, so views can tell they must read again. */
  version = 0;
  private last = '';

  /**
   * Takes the host's connections and dictionaries. Returns the problems found while rebuilding
   * the dictionaries (the host checked them already, so normally none), for the log.
   */
  update(connections: readonly ConnectionInfo[], dictionaries: readonly DictionaryInfo[]): string[] {
    const key = JSON.stringify([connections, dictionaries]);
    if (key === this.last) return [];
    this.last = key;
    this.version++;
    const problems: string[] = [];
    this.files = new Map();
    for (const d of [...dictionaries].sort((a, b) => a.file.localeCompare(b.file))) {
      if (this.files.has(d.file)) continue;
      const parsed = parseTlvDictionary(d.entries, `${d.file}: tlvs`);
      for (const p of parsed.problems) problems.push(p.message);
      if (parsed.dictionary.size > 0) this.files.set(d.file, parsed.dictionary);
    }
    this.byName = new Map();
    for (const c of connections) if (!this.byName.has(c.name)) this.byName.set(c.name, c);
    this.namesList = [...this.byName.keys()].sort((a, b) => a.localeCompare(b));
    this.formats = {};
    for (const c of this.byName.values()) {
      const f = profileIdFormat(c);
      if (f !== undefined) this.formats[c.name] = f;
    }
    this.mergedChoice = this.merge();
    return problems;
  }

  /** The workspace's connection names, sorted. */
  names(): readonly string[] {
    return this.namesList;
  }

  /** The profiles' receipt id formats, by connection: only those that give hex or decimal. */
  idFormats(): Readonly<Record<string, IdFormat>> {
    return this.formats;
  }

  /** The messageIdFormat a connection's profile gives, or undefined for a connection the page does not know. */
  messageIdFormat(connection: string): ConnectionInfo['messageIdFormat'] | undefined {
    return this.byName.get(connection)?.messageIdFormat;
  }

  /** The dictionary of a connection's file ('' or a connection without one: none). */
  forConnection(connection: string): DictionaryChoice {
    const file = this.byName.get(connection)?.tlvs;
    const dictionary = file === undefined ? undefined : this.files.get(file);
    return dictionary === undefined ? { dictionary: undefined, label: '' } : { dictionary, label: file! };
  }

  /** Every file's dictionary merged: the first file in name order wins a clash of tag or name. */
  merged(): DictionaryChoice {
    return this.mergedChoice;
  }

  /** The dictionary for a decode: the connection's when one is named, else the merged one. */
  choose(connection: string): DictionaryChoice {
    return connection === '' ? this.mergedChoice : this.forConnection(connection);
  }

  private merge(): DictionaryChoice {
    const { dictionary, labels } = mergeTlvDictionaries([...this.files].sort(([a], [b]) => a.localeCompare(b)));
    return dictionary === undefined ? { dictionary: undefined, label: '' } : { dictionary, label: labels.join(', ') };
  }
}

export { captureSummary, vendorTlvs } from '../src/smpp/summary';
