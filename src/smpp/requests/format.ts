// A decoded PDU written as a request block, the reverse of the parser: coded values by name where
// one names them exactly, text where it encodes back to the same octets, octets as `0x…`
// otherwise, structured TLVs as the JSON form's objects. Fields at their default (0, empty) are
// left out, as the builder fills them in. A captured PDU can so become a block to send again.

import { toHex } from '../bytes';
import { toJsonPdu, type DecodedPdu } from '../codec';
import { COMMANDS, type CommandName, type DestAddress, type FieldSpec } from '../tables/commands';
import { tlvByTag, type TlvSpec } from '../tables/tlvs';
import type { TlvDictionary } from '../codec';
import { decodeText, encodeText, encodingForDataCoding } from '../text/index';
import { codedValues, codedWord, tlvCodedValues } from './codedValues';

export interface FormatOptions {
  title?: string;
  connection?: string;
  dictionary?: TlvDictionary;
  dcs0?: 'gsm7' | 'latin1' | 'ascii';
}

function hasControl(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x7f || c === 0x85 || c === 0x2028 || c === 0x2029) return true;
  }
  return false;
}

/** A string value as the parser reads it back: bare when it can be, else a JSON string; `${` kept literal. */
export function formatText(s: string, hexLike = false): string {
  const escaped = s.replace(/\$\{/g, () => '$${');
  const bare =
    s !== '' &&
    s === s.trim() &&
    !s.startsWith('"') &&
    !(hexLike && /^0[xX]/.test(s)) &&
    // Control characters, and the line breaks among them, only a JSON string can hold.
    !hasControl(s);
  return bare ? escaped : JSON.stringify(escaped);
}

/** Octets as the text data_coding makes of them when that text encodes back to them, else `0x…`. */
function formatOctets(bytes: Uint8Array, dataCoding: number, dcs0: 'gsm7' | 'latin1' | 'ascii'): string {
  const encoding = encodingForDataCoding(dataCoding, dcs0);
  if (bytes.length > 0 && encoding !== 'binary') {
    try {
      const { text, problems } = decodeText(bytes, dataCoding, { dcs0 });
      if (problems.length === 0 && toHex(encodeText(text, encoding)) === toHex(bytes)) return formatText(text, true);
    } catch {
      // Not text: hex below.
    }
  }
  return '0x' + toHex(bytes);
}

function formatDestList(list: readonly DestAddress[]): string {
  const simple = list.every((d) =>
    d.dest_flag === 2
      ? !d.dl_name.includes(',') && d.dl_name === d.dl_name.trim()
      : d.dest_addr_ton === 1 && d.dest_addr_npi === 1 && d.destination_addr !== '' && !d.destination_addr.includes(',') && d.destination_addr === d.destination_addr.trim() && !/^dl:/i.test(d.destination_addr) && !d.destination_addr.startsWith('['),
  );
  if (simple && list.length > 0) return list.map((d) => (d.dest_flag === 2 ? 'dl:' + d.dl_name : d.destination_addr)).join(', ');
  return JSON.stringify(list);
}

function formatField(f: FieldSpec, v: unknown, dataCoding: number, dcs0: 'gsm7' | 'latin1' | 'ascii'): string | undefined {
  switch (f.type) {
    case 'int1':
    case 'int2':
    case 'int4': {
      if (typeof v !== 'number' || v === 0) return undefined;
      const word = f.values === undefined ? undefined : codedWord(codedValues(f.values), v);
      return word ?? String(v);
    }
    case 'cstring':
      return typeof v === 'string' && v !== '' ? formatText(v) : undefined;
    case 'octets':
      return v instanceof Uint8Array && v.length > 0 ? formatOctets(v, dataCoding, dcs0) : undefined;
    case 'dest_list':
      return Array.isArray(v) && v.length > 0 ? formatDestList(v as DestAddress[]) : undefined;
    case 'unsuccess_list':
      return Array.isArray(v) && v.length > 0 ? JSON.stringify(v) : undefined;
  }
}

const hex4 = (tag: number): string => '0x' + tag.toString(16).toUpperCase().padStart(4, '0');

function formatTlv(spec: TlvSpec | undefined, value: unknown, jsonValue: unknown, raw: Uint8Array, dataCoding: number, dcs0: 'gsm7' | 'latin1' | 'ascii'): string {
  if (spec === undefined || value === undefined) return '0x' + toHex(raw);
  switch (spec.type) {
    case 'int1':
    case 'int2':
    case 'int4':
    case 'uint':
    case 'flag_or_int1': {
      if (value === null) return '';
      const set = tlvCodedValues(spec);
      const word = set === undefined ? undefined : codedWord(set, value as number);
      return word ?? String(value);
    }
    case 'cstring':
    case 'text':
      return formatText(value as string);
    case 'octets':
      return spec.message ? formatOctets(value as Uint8Array, dataCoding, dcs0) : '0x' + toHex(value as Uint8Array);
    default:
      return JSON.stringify(jsonValue);
  }
}

/** The request block that sends this PDU again (a request's body and TLVs; the header is the session's). */
export function formatRequestBlock(pdu: DecodedPdu, options: FormatOptions = {}): string {
  const lines: string[] = ['### ' + (options.title ?? pdu.command)];
  if (options.connection !== undefined) lines.push('connection: ' + options.connection);
  lines.push('pdu: ' + pdu.command);
  const dcs0 = options.dcs0 ?? 'gsm7';
  const body = pdu.body as Record<string, unknown>;
  const dataCoding = typeof body.data_coding === 'number' ? body.data_coding : 0;
  if (pdu.command !== 'unknown') {
    for (const f of COMMANDS[pdu.command as CommandName].body as readonly FieldSpec[]) {
      if ('lengthOf' in f && f.lengthOf !== undefined) continue;
      const text = formatField(f, body[f.name], dataCoding, dcs0);
      if (text !== undefined) lines.push(`${f.name}: ${text}`);
    }
  }
  const json = toJsonPdu(pdu);
  pdu.tlvs.forEach((t, i) => {
    const spec = tlvByTag(t.tag) ?? options.dictionary?.byTag(t.tag);
    const name = spec?.name ?? hex4(t.tag);
    const text = formatTlv(spec, t.value, json.tlvs[i]?.value, t.raw, dataCoding, dcs0);
    lines.push(text === '' ? `${name}:` : `${name}: ${text}`);
  });
  return lines.join('\n') + '\n';
}
