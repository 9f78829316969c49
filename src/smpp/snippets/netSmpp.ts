// Perl for Net::SMPP (Debian libnet-smpp-perl, CPAN Net::SMPP): synchronous calls, each returning
// its response PDU. Net::SMPP takes TLVs as named arguments, their values as packed octets (a
// numeric tag would be sent as an integer of whatever size its value needs); a TLV it has no name
// for is named first in its table, %Net::SMPP::param_by_name. It speaks no TLS.
import type { SnippetField, SnippetPlan } from './plan';
import { printableAscii, toHexString } from './plan';
import { SnippetError } from './types';
import { headerLines, intLiteral, partComment, tlvLabel, unsupported } from './text';

/** The request methods Net::SMPP has (submit_multi is documented as not implemented). */
const METHODS: readonly string[] = ['submit_sm', 'data_sm', 'query_sm', 'cancel_sm', 'replace_sm', 'enquire_link', 'deliver_sm'];

/** The TLV names Net::SMPP 1.19 knows (its param_tab). */
const KNOWN_TLVS: ReadonlySet<string> = new Set(
  'dest_addr_subunit dest_network_type dest_bearer_type dest_telematics_id source_addr_subunit source_network_type source_bearer_type source_telematics_id qos_time_to_live payload_type additional_status_info_text receipted_message_id ms_msg_wait_facilities privacy_indicator source_subaddress dest_subaddress user_message_reference user_response_code source_port destination_port sar_msg_ref_num language_indicator sar_total_segments sar_segment_seqnum sc_interface_version callback_num_pres_ind callback_num_atag number_of_messages callback_num dpf_result set_dpf ms_availability_status network_error_code message_payload delivery_failure_reason more_messages_to_send message_state congestion_state ussd_service_op broadcast_channel_indicator broadcast_content_type broadcast_content_type_info broadcast_message_class broadcast_rep_num broadcast_frequency_interval broadcast_area_identifier broadcast_error_status broadcast_area_success broadcast_end_time broadcast_service_group billing_identification source_network_id dest_network_id source_node_id dest_node_id dest_addr_np_resolution dest_addr_np_information dest_addr_np_country display_time sms_signal ms_validity alert_on_message_delivery its_reply_type its_session_info'.split(' '),
);

/** A single-quoted Perl string: only \ and ' are special. */
function perlString(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function bytes(b: Uint8Array): string {
  if (b.length === 0) return "''";
  if (printableAscii(b)) return perlString(String.fromCharCode(...b));
  return `pack('H*', '${toHexString(b)}')`;
}

function message(b: Uint8Array, udhi: boolean): string {
  if (udhi && b.length > 0 && b[0]! + 1 <= b.length) {
    const rest = b.subarray(b[0]! + 1);
    return `${bytes(b.subarray(0, b[0]! + 1))} . ${bytes(rest)}`;
  }
  return bytes(b);
}

function value(f: SnippetField, udhi: boolean): string {
  if (typeof f.value === 'number') return intLiteral(f.name, f.value);
  if (typeof f.value === 'string') return perlString(f.value);
  if (f.value instanceof Uint8Array) return f.name === 'short_message' ? message(f.value, udhi) : bytes(f.value);
  throw new SnippetError(`Net::SMPP cannot send the field ${f.name}`);
}

export function netSmppSnippet(plan: SnippetPlan): string {
  const b = plan.bind;
  const command = plan.requests[0]!.command;
  if (!METHODS.includes(command)) throw new SnippetError(unsupported('Net::SMPP', command, METHODS));
  const out: string[] = ['#!/usr/bin/perl'];
  for (const l of headerLines(plan, 'Net::SMPP', 'apt-get install libnet-smpp-perl (or cpan Net::SMPP)')) out.push(`# ${l}`);
  if (b.tls) out.push('# Net::SMPP speaks plain TCP only: reach a TLS SMSC through a TLS tunnel (stunnel) on this machine.');
  out.push('use strict;', 'use warnings;', 'use Net::SMPP;', '');
  const named = new Map<string, number>();
  for (const r of plan.requests) for (const t of r.tlvs) if (!KNOWN_TLVS.has(t.name)) named.set(t.name, t.tag);
  if (named.size > 0) {
    out.push('# TLVs Net::SMPP has no name for: named here, so it sends their octets as given.');
    for (const [name, tag] of named) out.push(`$Net::SMPP::param_by_name{${name}} = 0x${tag.toString(16).padStart(4, '0')};`);
    out.push('');
  }
  const password = 'env' in b.password ? `$ENV{${b.password.env}}` : perlString(b.password.literal);
  if ('env' in b.password) out.push(`defined ${password} or die "Set ${b.password.env} to the password of ${b.system_id.replace(/["$@\\]/g, '')}.\\n";`, '');
  out.push(
    `my ($smpp, $bind_resp) = Net::SMPP->new_${b.bind}(`,
    `    ${perlString(b.host)},`,
    `    port              => ${b.port},`,
    `    system_id         => ${perlString(b.system_id)},`,
    `    password          => ${password},`,
    `    system_type       => ${perlString(b.system_type)},`,
    `    interface_version => 0x${b.interface_version.toString(16)},`,
    `    addr_ton          => ${b.addr_ton},`,
    `    addr_npi          => ${b.addr_npi},`,
    `    address_range     => ${perlString(b.address_range)},`,
    ');',
    `die "Cannot connect to ${b.host}:${b.port}: $!\\n" unless $smpp;`,
    `die 'bind_${b.bind} refused: ' . $bind_resp->explain_status() . "\\n" if $bind_resp->status;`,
    '',
    'my @pdus = (',
  );
  plan.requests.forEach((r, i) => {
    const comment = partComment(plan, r, i);
    if (comment) out.push(`    # ${comment}`);
    out.push('    [');
    const esm = r.fields.find((f) => f.name === 'esm_class');
    const udhi = typeof esm?.value === 'number' && (esm.value & 0x40) !== 0;
    for (const f of r.fields) out.push(`        ${f.name} => ${value(f, udhi)},`);
    for (const t of r.tlvs) out.push(`        ${t.name} => ${bytes(t.bytes)}, # ${tlvLabel(t)}`);
    out.push('    ],');
  });
  out.push(
    ');',
    '',
    'my $failed = 0;',
    'for my $i (0 .. $#pdus) {',
    `    my $resp = $smpp->${command}(@{ $pdus[$i] }) or die "No response to ${command}: $!\\n";`,
    "    my $id = defined $resp->{message_id} ? \" message_id $resp->{message_id}\" : '';",
    `    printf "${command}_resp %d/%d: status %d (%s)%s\\n", $i + 1, scalar @pdus, $resp->status, $resp->explain_status(), $id;`,
    '    $failed = 1 if $resp->status;',
    '}',
    '$smpp->unbind();',
    'exit $failed;',
    '',
  );
  return out.join('\n');
}
