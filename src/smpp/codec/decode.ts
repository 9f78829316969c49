// Decoding: one loop over the command table's fields and one over the TLVs, each field read by
// its type's descriptor (./types). Never throws: it returns what it read up to a fault, plus the
// fault (offset, field, expected, found, and the command_status a receiver should answer with).
// Every offset it reports lies inside the octets it was given; a report of something missing
// after the last octet sits at the end with length 0. The field tree is built only on request.

import { hexNumber, readU32 } from '../bytes';
import type { Problem } from '../fields';
import { commandById, type CommandName, type CommandSpec, type FieldSpec } from '../tables/commands';
import { tlvByTag, tlvName, type AnyTlvValue } from '../tables/tlvs';
import { STATUS, statusName } from '../tables/values';
import { TreeBuilder } from '../tree';
import type { DecodeOptions, DecodeResult, DecodedPdu, DecodedTlv, PduHeader } from './pdu';
import { decodeTlvValue, fieldType, octets, type Reader } from './types';

/**
 * Decodes one PDU from `bytes` (the PDU starts at index 0). Never throws. With `fields: true`
 * it also builds the field tree with byte offsets. Problems carry offsets from the PDU's start.
 * With `tlvs` (a vendor TLV dictionary) the tags it declares are read by name and typed value.
 */
export function decode(bytes: Uint8Array, options?: DecodeOptions): DecodeResult {
  const b = bytes;
  const n = b.length;
  const problems: Problem[] = [];
  const tree = options?.fields === true ? new TreeBuilder(b, options.dcs0) : undefined;
  const dict = options?.tlvs;

  // ---- header ------------------------------------------------------------------------------
  if (n < 16) {
    return decodeShortHeader(b, problems, tree);
  }
  const command_length = readU32(b, 0);
  const command_id = readU32(b, 4);
  const command_status = readU32(b, 8);
  const sequence_number = readU32(b, 12);
  const entry = commandById(command_id);
  const command: CommandName | 'unknown' = entry === undefined ? 'unknown' : entry.name;
  tree?.header(command_length, command_id, command_status, sequence_number, command);

  let end = command_length;
  if (command_length < 16) {
    problems.push({
      offset: 0,
      length: 4,
      field: 'command_length',
      expected: 'at least 16 (the header alone is 16 octets)',
      found: String(command_length),
      message: 'command_length ' + command_length + ' is shorter than the 16-octet header',
      status: STATUS.ESME_RINVCMDLEN,
    });
    end = 16;
  } else if (command_length > n) {
    problems.push({
      offset: 0,
      length: 4,
      field: 'command_length',
      expected: command_length + ' octets (as command_length says)',
      found: octets(n),
      message: 'the PDU is truncated: command_length says ' + command_length + ' but only ' + octets(n) + ' are present',
      status: STATUS.ESME_RINVCMDLEN,
    });
    end = n;
  } else if (command_length < n) {
    problems.push({
      offset: command_length,
      length: n - command_length,
      field: 'command_length',
      expected: octets(command_length) + ' (as command_length says)',
      found: octets(n),
      message: octets(n - command_length) + ' follow the end of the PDU that command_length marks',
    });
  }

  const pdu = {
    command_length,
    command_id,
    command_status,
    sequence_number,
    command,
    body: {} as Record<string, unknown>,
    tlvs: [] as DecodedTlv[],
  };

  const isResponse = (command_id & 0x80000000) !== 0;
  if (command_status !== 0 && !isResponse) {
    problems.push({
      offset: 8,
      length: 4,
      field: 'command_status',
      expected: '0 (requests carry no status)',
      found: statusName(command_status),
      message: 'a request carries command_status ' + statusName(command_status) + '; requests must carry 0',
    });
  }

  if (entry === undefined) {
    problems.push({
      offset: 4,
      length: 4,
      field: 'command_id',
      expected: 'a known SMPP command_id',
      found: hexNumber(command_id),
      message: 'command_id ' + hexNumber(command_id) + ' is not an SMPP command',
      status: STATUS.ESME_RINVCMDID,
    });
    tree?.opaqueBody(16, end, 'body of an unknown command (raw bytes)');
    return finish(pdu, problems, tree);
  }
  const spec: CommandSpec = entry.spec;
  if (spec.opaque === true) {
    tree?.opaqueBody(16, end, 'SMPP 3.3 body (raw bytes; layout not decoded)');
    return finish(pdu, problems, tree);
  }

  // ---- mandatory body ------------------------------------------------------------------------
  // An error response may stop at any field boundary (no body, a lone NUL, or a full body).
  const lenient = isResponse && command_status !== 0;
  const body = pdu.body;
  const fields = spec.body;
  const r: Reader = { b, end, o: 16, fault: false, problems, body };
  tree?.beginBody(fields);
  for (let i = 0; i < fields.length; i++) {
    const f: FieldSpec = fields[i]!;
    const start = r.o;
    if (start >= end) {
      // Octets and lists of size 0 take no room: they may close the body.
      const size =
        f.type === 'octets'
          ? ((body[f.lengthFrom] as number | undefined) ?? 0)
          : f.type === 'dest_list' || f.type === 'unsuccess_list'
            ? ((body[f.countFrom] as number | undefined) ?? 0)
            : -1;
      if (size === 0) {
        body[f.name] = f.type === 'octets' ? b.subarray(start, start) : [];
        if (tree !== undefined) tree.field(i, f, body[f.name], start, 0);
        continue;
      }
      // An error response may stop here, unless a length field said more was coming.
      if (!lenient || size > 0) {
        // Nothing is left to point at: the problem sits at the end, with length 0.
        problems.push({
          offset: start,
          length: 0,
          field: f.name,
          expected: f.name + ' (' + fieldType(f).expect(f) + ')',
          found: 'the end of the PDU',
          message: 'the body ends before ' + f.name,
          status: STATUS.ESME_RINVMSGLEN,
        });
        tree?.missing(i, f, start, problems[problems.length - 1]!);
      }
      break;
    }
    const v = fieldType(f).read(r, f);
    if (v !== undefined) body[f.name] = v;
    if (tree !== undefined) tree.field(i, f, v, start, r.fault ? end - start : r.o - start);
    if (r.fault) break;
  }
  let o = r.o;
  let fault = r.fault;
  tree?.endBody(o);

  // ---- optional parameters -----------------------------------------------------------------
  if (!fault) {
    tree?.beginTlvs(o);
    const tlvs = pdu.tlvs;
    while (o < end) {
      if (end - o < 4) {
        problems.push({
          offset: o,
          length: end - o,
          field: 'tlv',
          expected: 'a 4-octet TLV header (tag, length)',
          found: octets(end - o),
          message: 'the body ends inside a TLV header: ' + octets(end - o) + ' left, 4 needed',
          status: STATUS.ESME_RINVMSGLEN,
        });
        tree?.brokenTlv(o, end, problems[problems.length - 1]!);
        fault = true;
        break;
      }
      const tag = (b[o]! << 8) | b[o + 1]!;
      const len = (b[o + 2]! << 8) | b[o + 3]!;
      const vo = o + 4;
      let tspec = tlvByTag(tag);
      let vendor = false;
      if (tspec === undefined && dict !== undefined) vendor = (tspec = dict.byTag(tag)) !== undefined;
      const name = tspec === undefined ? tlvName(tag) : tspec.name;
      if (vo + len > end) {
        const raw = b.subarray(vo, end);
        tlvs.push({ tag, name, length: len, value: undefined, raw, offset: o });
        problems.push({
          offset: o + 2,
          length: 2,
          field: name,
          expected: octets(len) + ' of value (the TLV length)',
          found: octets(end - vo) + ' before the end of the PDU',
          message: 'TLV ' + name + ' says ' + octets(len) + ' but the body ends after ' + (end - vo),
          status: STATUS.ESME_RINVMSGLEN,
        });
        tree?.tlv(tlvs[tlvs.length - 1]!, tspec, problems[problems.length - 1]);
        fault = true;
        break;
      }
      const raw = b.subarray(vo, vo + len);
      let value: AnyTlvValue | undefined = raw;
      let problem: Problem | undefined;
      if (tspec !== undefined) {
        const r = decodeTlvValue(tspec, b, vo, len);
        value = r.value;
        if (r.problem !== undefined) {
          problem = {
            offset: o,
            length: 4 + len,
            field: name,
            expected: r.problem.expected,
            found: r.problem.found,
            message: r.problem.message,
            status: r.problem.status,
          };
          problems.push(problem);
        }
      }
      const t: DecodedTlv = { tag, name, length: len, value, raw, offset: o };
      if (vendor && tspec!.names !== undefined && typeof value === 'number') {
        const word = tspec!.names[value];
        if (word !== undefined) t.valueName = word;
      }
      tlvs.push(t);
      if (tree !== undefined) tree.tlv(t, tspec, problem);
      o = vo + len;
    }
    tree?.endTlvs(fault ? end : o);

    if (!fault && command_status === 0 && spec.requiredTlvs !== undefined) {
      for (const req of spec.requiredTlvs) {
        if (!tlvs.some((t) => t.name === req)) {
          problems.push({
            offset: 16,
            length: end - 16,
            field: req,
            expected: 'a ' + req + ' TLV (mandatory in ' + command + ')',
            found: 'none',
            message: command + ' lacks its mandatory ' + req + ' TLV',
            status: STATUS.ESME_RMISSINGTLV,
          });
        }
      }
    }
  }
  return finish(pdu, problems, tree);
}

function finish(
  pdu: PduHeader & { command: string; body: Record<string, unknown>; tlvs: DecodedTlv[] },
  problems: Problem[],
  tree: TreeBuilder | undefined,
): DecodeResult {
  const out: DecodeResult = { pdu: pdu as DecodedPdu, problems };
  if (tree !== undefined) out.fields = tree.finish(pdu, problems);
  return out;
}

function decodeShortHeader(b: Uint8Array, problems: Problem[], tree: TreeBuilder | undefined): DecodeResult {
  const n = b.length;
  const words = [0, 0, 0, 0];
  for (let i = 0; i + 4 <= n; i += 4) words[i >> 2] = readU32(b, i);
  const names = ['command_length', 'command_id', 'command_status', 'sequence_number'];
  const field = names[Math.min(3, n >> 2)]!;
  problems.push({
    offset: n,
    length: 0,
    field,
    expected: 'a 16-octet header',
    found: octets(n),
    message: 'the PDU ends after ' + octets(n) + ', inside the 16-octet header (at ' + field + ')',
    status: STATUS.ESME_RINVCMDLEN,
  });
  const entry = n >= 8 ? commandById(words[1]!) : undefined;
  const pdu = {
    command_length: words[0]!,
    command_id: words[1]!,
    command_status: words[2]!,
    sequence_number: words[3]!,
    command: entry === undefined ? 'unknown' : entry.name,
    body: {},
    tlvs: [],
  };
  tree?.partialHeader(n, pdu, problems[0]!);
  return finish(pdu, problems, tree);
}
