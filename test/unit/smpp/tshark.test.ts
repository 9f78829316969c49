// Cross-check against Wireshark's SMPP dissector (Debian's `tshark`). Every PDU of a seeded
// corpus (≥ 200 generated PDUs plus the facts-file vectors), encoded by us, goes into one pcap
// written by our writer; one tshark run dissects it, and each PDU's fields are compared with our
// decode. The same run checks the writer: no TCP analysis flags, good IPv4/TCP checksums, the
// original timestamps and directions, and masked passwords.
//
// Where tshark and we differ, legitimately, the comparison accounts for it:
// - command_status: Wireshark shows it only in responses (and generic_nack); for requests the
//   field is absent. Requests carry 0 in our encoding, so absent is compared as 0.
// - Error responses (command_status ≠ 0): Wireshark dissects the header only and skips any body
//   (e.g. the facts vector bind_transceiver_resp ESME_RINVPASWD with system_id "SMSC"), without
//   calling it malformed. We decode the body in all three wild forms (none, a lone NUL, full).
//   Those PDUs are compared on the header, and Wireshark's body fields are asserted absent.
// - service_type: Wireshark puts "(Default)" in the field value of an empty service_type.
// - esm_class and registered_delivery are not fields of their own in Wireshark: esm_class is
//   split into smpp.esm.submit.msg_mode (bits 0-1), msg_type (bits 2-5) and features (bits 6-7),
//   registered_delivery into smpp.regdel.receipt (bits 0-1), acks (bits 2-3) and notif (bit 4);
//   we rebuild the octets from the parts.
// - broadcast_rep_num (0x0604): Wireshark 4.0 reads it as one octet (smpp_handle_int1) although
//   the TLV length says two, as SMPP 5.0 specifies (I2). Every TLV after it is then read out of
//   step, and the packet is reported malformed. We read by the length field (the facts file's
//   rule), so for broadcast_sm the comparison stops at broadcast_rep_num, whose value Wireshark
//   gives as the first octet; the malformed report there is expected and asserted.
// - short_message and message_payload together: the generator puts a message_payload TLV beside
//   a non-empty short_message in a few PDUs. SMPP 3.4 allows only one of the two; Wireshark
//   warns ("can only appear once in total", an expert warning) and we decode both without a
//   problem (the codec keeps the two and leaves the policy to the receiver). The warning is
//   expected exactly for those PDUs, and no other expert warning or error is allowed.
// - Empty C-Octet Strings: Wireshark may leave an empty field out of its output, so an absent
//   string field is compared as "".

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { CaptureRecord } from '../../../src/smpp/capture';
import { decode, encode, type DecodeResult } from '../../../src/smpp/codec';
import { writePcap } from '../../../src/smpp/pcap';
import { generateCorpus } from '../../fixtures/corpus';
import { GOOD_FIXTURES, hex } from '../../fixtures/pdus';
import { toHex } from './helpers';

const TSHARK_MISSING = 'tshark is missing: apt-get install -y tshark';

/** The fields asked of tshark (one JSON array of strings per field and packet). */
const FIELDS = [
  'frame.time_epoch',
  'ip.src',
  'tcp.srcport',
  'tcp.dstport',
  'tcp.stream',
  'tcp.len',
  'tcp.analysis.flags',
  'ip.checksum.status',
  'tcp.checksum.status',
  '_ws.malformed',
  '_ws.expert.severity',
  '_ws.expert.message',
  'smpp.command_length',
  'smpp.command_id',
  'smpp.command_status',
  'smpp.sequence_number',
  'smpp.system_id',
  'smpp.password',
  'smpp.system_type',
  'smpp.interface_version',
  'smpp.service_type',
  'smpp.source_addr_ton',
  'smpp.source_addr_npi',
  'smpp.source_addr',
  'smpp.dest_addr_ton',
  'smpp.dest_addr_npi',
  'smpp.destination_addr',
  'smpp.dl_name',
  'smpp.esm.submit.msg_mode',
  'smpp.esm.submit.msg_type',
  'smpp.esm.submit.features',
  'smpp.regdel.receipt',
  'smpp.regdel.acks',
  'smpp.regdel.notif',
  'smpp.protocol_id',
  'smpp.priority_flag',
  'smpp.data_coding',
  'smpp.sm_length',
  'smpp.message',
  'smpp.message_id',
  'smpp.message_state',
  'smpp.error_code',
  'smpp.error_status_code',
  'smpp.esme_addr',
  'smpp.opt_param_tag',
  'smpp.opt_param_len',
  'smpp.message_payload',
  'smpp.receipted_message_id',
  'smpp.SC_interface_version',
  'smpp.user_message_reference',
  'smpp.sar_msg_ref_num',
  'smpp.sar_total_segments',
  'smpp.sar_segment_seqnum',
  'smpp.source_port',
  'smpp.destination_port',
  'smpp.network_error.type',
  'smpp.network_error.code',
  'smpp.broadcast_rep_num',
];

/** TLVs that Wireshark shows as one field named as the spec names them, holding the plain value. */
const SAME_NAME_TLVS = [
  'dest_addr_subunit',
  'dest_network_type',
  'source_network_type',
  'source_bearer_type',
  'dest_telematics_id',
  'qos_time_to_live',
  'payload_type',
  'privacy_indicator',
  'language_indicator',
  'more_messages_to_send',
  'ussd_service_op',
  'display_time',
  'sms_signal',
  'number_of_messages',
  'its_reply_type',
  'additional_status_info_text',
  'ms_availability_status',
  'broadcast_area_success',
];
FIELDS.push(...SAME_NAME_TLVS.map((n) => `smpp.${n}`));

type Layers = Partial<Record<string, string[]>>;

/** Expert severities (epan/proto.h PI_WARN, PI_ERROR). */
const PI_WARN = 0x00600000;

const CONNECTIONS = ['alpha', 'beta', 'gamma', 'delta'] as const;
/** PDUs the SMSC originates; their responses go the other way. */
const SMSC_ORIGINATED: ReadonlySet<string> = new Set(['deliver_sm', 'alert_notification', 'outbind']);

interface Item {
  name: string;
  record: CaptureRecord;
  decoded: DecodeResult;
}

function direction(command: string): 'in' | 'out' {
  const request = command.endsWith('_resp') ? command.slice(0, -5) : command;
  const fromSmsc = SMSC_ORIGINATED.has(request) || command === 'generic_nack';
  return fromSmsc === (request === command) ? 'in' : 'out';
}

function buildItems(): Item[] {
  const base = Date.UTC(2025, 0, 2, 3, 4, 5) + 0.123; // sub-millisecond part: microseconds survive
  const pdus: { name: string; bytes: Uint8Array }[] = [
    ...generateCorpus(0x75_4a_52_4b, 240).map((p, i) => ({ name: `corpus #${i} ${p.command}`, bytes: encode(p) })),
    ...GOOD_FIXTURES.map((f) => ({ name: `vector "${f.name}"`, bytes: hex(f.hex) })),
  ];
  return pdus.map(({ name, bytes }, i) => {
    const decoded = decode(bytes);
    const connection = CONNECTIONS[i % CONNECTIONS.length]!;
    const record: CaptureRecord = {
      id: i + 1,
      connection,
      direction: direction(decoded.pdu.command),
      timestamp: base + i * 7.25,
      bytes,
      command: decoded.pdu.command,
      command_id: decoded.pdu.command_id,
      command_status: decoded.pdu.command_status,
      sequence_number: decoded.pdu.sequence_number,
      // One connection carries real endpoints, as a live session's records do.
      ...(connection === 'delta' ? { local: { host: '10.9.8.7', port: 41_234 }, remote: { host: '10.9.8.1', port: 2775 } } : {}),
    };
    return { name, record, decoded };
  });
}

function one(layers: Layers, field: string): string | undefined {
  const v = layers[field];
  return v === undefined ? undefined : v[0];
}

function num(layers: Layers, field: string): number | undefined {
  const v = one(layers, field);
  return v === undefined ? undefined : Number(v);
}

function str(layers: Layers, field: string): string {
  return one(layers, field) ?? '';
}

function nums(layers: Layers, field: string): number[] {
  return (layers[field] ?? []).map(Number);
}

interface Dissection {
  items: Item[];
  /** Every frame tshark read (handshakes too). */
  frames: Layers[];
  /** The frames holding an SMPP PDU, in the order written: frame i holds items[i]. */
  smppFrames: Layers[];
}

let dissection: { ok: Dissection } | { error: unknown } | undefined;

/** One pcap, one tshark run, shared by every test (and its failure too, if tshark is missing). */
function dissect(): Dissection {
  if (dissection === undefined) {
    try {
      dissection = { ok: runTshark() };
    } catch (error) {
      dissection = { error };
    }
  }
  if ('error' in dissection) throw dissection.error;
  return dissection.ok;
}

function runTshark(): Dissection {
  const probe = spawnSync('tshark', ['--version'], { encoding: 'utf8' });
  // Never skipped, in CI (which installs it) or elsewhere: whoever runs the tests is told how to get it.
  if (probe.error !== undefined || probe.status !== 0) assert.fail(TSHARK_MISSING);
  const items = buildItems();
  const dir = mkdtempSync(join(tmpdir(), 'smpp-tshark-'));
  try {
    const file = join(dir, 'corpus.pcap');
    writeFileSync(file, writePcap(items.map((x) => x.record)));
    const args = ['-r', file, '-d', 'tcp.port==2775,smpp', '-o', 'ip.check_checksum:TRUE', '-o', 'tcp.check_checksum:TRUE', '-T', 'json'];
    for (const f of FIELDS) args.push('-e', f);
    // stderr carries noise (the "running as root" warning); the exit code is what counts.
    const run = spawnSync('tshark', args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    assert.equal(run.status, 0, `tshark failed (${String(run.status)}): ${run.stderr}`);
    const frames = (JSON.parse(run.stdout) as { _source: { layers: Layers } }[]).map((p) => p._source.layers);
    return { items, frames, smppFrames: frames.filter((l) => l['smpp.command_id'] !== undefined) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('tshark cross-check', () => {
  it('dissects every PDU as SMPP, one per frame, in order', () => {
    const { items, frames, smppFrames } = dissect();
    assert.ok(items.length >= 200 + GOOD_FIXTURES.length);
    assert.equal(smppFrames.length, items.length);
    for (const l of smppFrames) assert.equal(l['smpp.command_id']!.length, 1, 'one PDU per frame');
    const streams = new Set(frames.map((l) => str(l, 'tcp.stream')));
    assert.equal(streams.size, CONNECTIONS.length, 'one TCP stream per connection');
    assert.equal(frames.length, items.length + 3 * CONNECTIONS.length, 'the PDUs and one handshake per stream');
  });

  it('sees a clean TCP stream: no analysis flags, good checksums, original times and directions', () => {
    const { items, frames, smppFrames } = dissect();
    for (const l of frames) {
      assert.equal(l['tcp.analysis.flags'], undefined, 'TCP analysis flags: ' + JSON.stringify(l));
      assert.equal(str(l, 'ip.checksum.status'), '1', 'IPv4 checksum good');
      assert.equal(str(l, 'tcp.checksum.status'), '1', 'TCP checksum good');
    }
    smppFrames.forEach((l, i) => {
      const r = items[i]!.record;
      const [sec, frac = ''] = str(l, 'frame.time_epoch').split('.');
      const micros = Number(sec) * 1e6 + Number(frac.padEnd(9, '0').slice(0, 6));
      assert.equal(micros, Math.round(r.timestamp * 1000), items[i]!.name + ' timestamp');
      const esmePort = r.local?.port;
      const fromEsme = num(l, 'tcp.dstport') === 2775;
      assert.equal(fromEsme, r.direction === 'out', items[i]!.name + ' direction');
      if (esmePort !== undefined) {
        assert.equal(fromEsme ? num(l, 'tcp.srcport') : num(l, 'tcp.dstport'), esmePort);
        assert.equal(str(l, 'ip.src'), fromEsme ? '10.9.8.7' : '10.9.8.1');
      } else {
        assert.equal(str(l, 'ip.src'), fromEsme ? '127.0.0.1' : '127.0.0.2');
      }
      assert.equal(num(l, 'tcp.len'), r.bytes.length);
    });
  });

  it('reports no malformed packet and no expert warning, except the known differences', () => {
    const { items, smppFrames } = dissect();
    let broadcast = 0;
    let both = 0;
    smppFrames.forEach((l, i) => {
      const { name, decoded } = items[i]!;
      assert.deepEqual(decoded.problems, [], name + ': our decode is clean');
      const tags = decoded.pdu.tlvs.map((t) => t.tag);
      const repNumFirst = tags.includes(0x0604) && tags.indexOf(0x0604) < tags.length - 1;
      const body = decoded.pdu.body as Record<string, unknown>;
      const smAndPayload = typeof body.sm_length === 'number' && body.sm_length > 0 && tags.includes(0x0424);
      const severities = (l['_ws.expert.severity'] ?? []).map(Number).filter((s) => s >= PI_WARN);
      const messages = (l['_ws.expert.message'] ?? []).filter((_, k) => Number(l['_ws.expert.severity']![k]) >= PI_WARN);
      if (repNumFirst) {
        broadcast++;
        assert.ok(l['_ws.malformed'] !== undefined, name + ': Wireshark reads broadcast_rep_num as one octet and runs out of step');
        return;
      }
      assert.equal(l['_ws.malformed'], undefined, name + ' is not malformed for tshark');
      if (smAndPayload) {
        both++;
        assert.deepEqual(messages, ['short_message field and message_payload TLV can only appear once in total'], name);
      } else {
        assert.deepEqual(severities, [], name + ': no expert warnings: ' + messages.join('; '));
      }
    });
    assert.ok(broadcast > 0 && both > 0, `the known differences occur (${broadcast} broadcast_sm, ${both} short_message + message_payload)`);
  });

  it('agrees on the header of every PDU', () => {
    const { items, smppFrames } = dissect();
    smppFrames.forEach((l, i) => {
      const { name, decoded } = items[i]!;
      const p = decoded.pdu;
      assert.equal(num(l, 'smpp.command_length'), p.command_length, name + ' command_length');
      assert.equal(num(l, 'smpp.command_id'), p.command_id, name + ' command_id');
      assert.equal(num(l, 'smpp.sequence_number'), p.sequence_number, name + ' sequence_number');
      assert.equal(num(l, 'smpp.command_status') ?? 0, p.command_status, name + ' command_status');
      if ((p.command_id & 0x80000000) === 0) assert.equal(one(l, 'smpp.command_status'), undefined, name + ': no status shown in a request');
    });
  });

  it('agrees on the mandatory fields', () => {
    const { items, smppFrames } = dissect();
    let compared = 0;
    smppFrames.forEach((l, i) => {
      const { name, decoded } = items[i]!;
      const body = decoded.pdu.body as Record<string, unknown>;
      const where = (f: string): string => `${name} ${f}`;
      if ((decoded.pdu.command_id & 0x80000000) !== 0 && decoded.pdu.command_status !== 0) {
        // Wireshark shows only the header of an error response (see the top of this file).
        for (const f of ['smpp.system_id', 'smpp.message_id', 'smpp.opt_param_tag'] as const) assert.equal(l[f], undefined, where(f));
        return;
      }
      const s = (k: string): void => {
        if (typeof body[k] !== 'string') return;
        assert.equal(str(l, `smpp.${k}` as string), body[k], where(k));
        compared++;
      };
      const n = (k: string, field = `smpp.${k}`): void => {
        if (typeof body[k] !== 'number') return;
        assert.equal(num(l, field as string), body[k], where(k));
        compared++;
      };
      for (const k of ['system_id', 'system_type', 'source_addr', 'message_id', 'esme_addr']) s(k);
      // Our writer masked the password: Wireshark shows as many '*' as the password had octets.
      if (typeof body.password === 'string') {
        assert.equal(str(l, 'smpp.password'), '*'.repeat(body.password.length), where('password (masked)'));
        compared++;
      }
      for (const k of ['interface_version', 'source_addr_ton', 'source_addr_npi', 'protocol_id', 'priority_flag', 'data_coding', 'sm_length', 'message_state', 'error_code']) n(k);
      if (typeof body.esm_class === 'number') {
        const rebuilt = (num(l, 'smpp.esm.submit.msg_mode') ?? 0) | ((num(l, 'smpp.esm.submit.msg_type') ?? 0) << 2) | ((num(l, 'smpp.esm.submit.features') ?? 0) << 6);
        assert.equal(rebuilt, body.esm_class, where('esm_class'));
        compared++;
      }
      if (typeof body.registered_delivery === 'number') {
        const rebuilt = (num(l, 'smpp.regdel.receipt') ?? 0) | ((num(l, 'smpp.regdel.acks') ?? 0) << 2) | ((num(l, 'smpp.regdel.notif') ?? 0) << 4);
        assert.equal(rebuilt, body.registered_delivery, where('registered_delivery'));
        compared++;
      }
      if (body.short_message instanceof Uint8Array && body.short_message.length > 0) {
        assert.equal(str(l, 'smpp.message'), toHex(body.short_message), where('short_message'));
        compared++;
      }
      // destination_addr: one, or (submit_multi) one per SME destination, and the lists.
      const dests = Array.isArray(body.dest_address)
        ? (body.dest_address as Record<string, unknown>[])
        : Array.isArray(body.unsuccess_sme)
          ? (body.unsuccess_sme as Record<string, unknown>[])
          : typeof body.destination_addr === 'string'
            ? [body]
            : [];
      const smeAddrs = dests.filter((d) => typeof d.destination_addr === 'string').map((d) => d.destination_addr as string);
      assert.deepEqual(l['smpp.destination_addr'] ?? [], smeAddrs.map((a) => a), where('destination_addr'));
      assert.deepEqual(nums(l, 'smpp.dest_addr_ton'), dests.filter((d) => typeof d.dest_addr_ton === 'number').map((d) => d.dest_addr_ton), where('dest_addr_ton'));
      assert.deepEqual(l['smpp.dl_name'] ?? [], dests.filter((d) => typeof d.dl_name === 'string').map((d) => d.dl_name), where('dl_name'));
      assert.deepEqual(nums(l, 'smpp.error_status_code'), dests.filter((d) => typeof d.error_status_code === 'number').map((d) => d.error_status_code), where('error_status_code'));
      // Wireshark names an empty service_type "(Default)" in the field value itself.
      if (typeof body.service_type === 'string') {
        assert.equal(str(l, 'smpp.service_type'), body.service_type === '' ? '(Default)' : body.service_type, where('service_type'));
        compared++;
      }
    });
    assert.ok(compared > 700, 'fields compared: ' + compared);
  });

  it('agrees on the TLVs: tags, lengths and the values Wireshark exposes', () => {
    const { items, smppFrames } = dissect();
    let tags = 0;
    let compared = 0;
    smppFrames.forEach((l, i) => {
      const { name, decoded } = items[i]!;
      let tlvs = decoded.pdu.tlvs;
      const rep = tlvs.findIndex((t) => t.tag === 0x0604);
      if (rep >= 0) {
        // Wireshark stops making sense after broadcast_rep_num (see the top of this file).
        assert.equal(num(l, 'smpp.broadcast_rep_num'), tlvs[rep]!.raw[0], name + ' broadcast_rep_num (Wireshark: first octet only)');
        tlvs = tlvs.slice(0, rep + 1);
        assert.deepEqual(nums(l, 'smpp.opt_param_tag').slice(0, rep + 1), tlvs.map((t) => t.tag), name + ' TLV tags up to broadcast_rep_num');
        return;
      }
      assert.deepEqual(nums(l, 'smpp.opt_param_tag'), tlvs.map((t) => t.tag), name + ' TLV tags');
      assert.deepEqual(nums(l, 'smpp.opt_param_len'), tlvs.map((t) => t.length), name + ' TLV lengths');
      const byName = (n: string) => tlvs.filter((t) => t.name === n);
      const check = (tlv: string, field: string, value: (t: (typeof tlvs)[number]) => unknown): void => {
        const ours = byName(tlv).map(value);
        const theirs = (l[field] ?? []).map((v) => (typeof ours[0] === 'number' ? Number(v) : v));
        assert.deepEqual(theirs, ours, `${name} ${tlv}`);
        compared += ours.length;
      };
      tags += tlvs.length;
      check('message_payload', 'smpp.message_payload', (t) => toHex(t.raw));
      check('receipted_message_id', 'smpp.receipted_message_id', (t) => t.value);
      check('sc_interface_version', 'smpp.SC_interface_version', (t) => t.value);
      check('user_message_reference', 'smpp.user_message_reference', (t) => t.value);
      check('sar_msg_ref_num', 'smpp.sar_msg_ref_num', (t) => t.value);
      check('sar_total_segments', 'smpp.sar_total_segments', (t) => t.value);
      check('sar_segment_seqnum', 'smpp.sar_segment_seqnum', (t) => t.value);
      check('source_port', 'smpp.source_port', (t) => t.value);
      check('destination_port', 'smpp.destination_port', (t) => t.value);
      check('network_error_code', 'smpp.network_error.type', (t) => (t.value as { type: number }).type);
      check('network_error_code', 'smpp.network_error.code', (t) => (t.value as { code: number }).code);
      // message_state appears as a mandatory field (query_sm_resp) or a TLV, never both.
      if (byName('message_state').length > 0) check('message_state', 'smpp.message_state', (t) => t.value);
      for (const n of SAME_NAME_TLVS) check(n, `smpp.${n}`, (t) => t.value);
    });
    assert.ok(tags > 120 && compared > 80, `TLVs compared: ${tags} tags and lengths, ${compared} values`);
  });
});
