// Python for python-smpplib (pip `smpplib`): each PDU made with smpplib.smpp.make_pdu, sent, and
// its response read. smpplib takes the spec's TLVs by name (integers as int, the rest as bytes);
// it has no way to send a TLV it does not know, so a vendor TLV is named in a comment.
import type { SnippetField, SnippetPlan, SnippetTlv } from './plan';
import { printableAscii, toHexString } from './plan';
import { SnippetError } from './types';
import { headerLines, intLiteral, partComment, quoted, tlvLabel, unsupported } from './text';

/** The requests smpplib.smpp.make_pdu builds. */
const COMMANDS: readonly string[] = ['submit_sm', 'data_sm', 'query_sm', 'cancel_sm', 'replace_sm', 'enquire_link', 'deliver_sm', 'submit_multi'];

function bytes(b: Uint8Array): string {
  if (b.length === 0) return "b''";
  if (printableAscii(b)) return `b${quoted(String.fromCharCode(...b))}`;
  return `bytes.fromhex('${toHexString(b)}')`;
}

function message(b: Uint8Array, udhi: boolean): string {
  if (udhi && b.length > 0 && b[0]! + 1 <= b.length) return `${bytes(b.subarray(0, b[0]! + 1))} + ${bytes(b.subarray(b[0]! + 1))}`;
  return bytes(b);
}

function value(f: SnippetField, udhi: boolean): string {
  if (typeof f.value === 'number') return intLiteral(f.name, f.value);
  if (typeof f.value === 'string') return quoted(f.value);
  if (f.value instanceof Uint8Array) return f.name === 'short_message' ? message(f.value, udhi) : bytes(f.value);
  // submit_multi's destinations: smpplib takes a list of dicts.
  return `[${f.value.map((d) => (d.dest_flag === 1 ? `{'dest_flag': 1, 'dest_addr_ton': ${d.dest_addr_ton}, 'dest_addr_npi': ${d.dest_addr_npi}, 'destination_addr': ${quoted(d.destination_addr)}}` : `{'dest_flag': 2, 'dl_name': ${quoted(d.dl_name)}}`)).join(', ')}]`;
}

function tlvValue(t: SnippetTlv): string {
  if (t.int) return String(t.int.value);
  if (t.cstring !== undefined) return quoted(t.cstring);
  return bytes(t.bytes);
}

export function pythonSmpplibSnippet(plan: SnippetPlan): string {
  const b = plan.bind;
  const command = plan.requests[0]!.command;
  if (!COMMANDS.includes(command)) throw new SnippetError(unsupported('python-smpplib', command, COMMANDS));
  const out: string[] = [];
  for (const l of headerLines(plan, 'python-smpplib', 'pip install smpplib')) out.push(`# ${l}`);
  out.push('import os', ...(b.tls ? ['import ssl'] : []), 'import sys', '', 'import smpplib.client', 'import smpplib.smpp', '');
  if ('env' in b.password) {
    out.push(`PASSWORD = os.environ.get(${quoted(b.password.env)})`, 'if PASSWORD is None:', `    sys.exit(${quoted(`Set ${b.password.env} to the password of ${b.system_id}.`)})`);
  } else out.push(`PASSWORD = ${quoted(b.password.literal)}`);
  out.push('', 'PDUS = [');
  plan.requests.forEach((r, i) => {
    const comment = partComment(plan, r, i);
    if (comment) out.push(`    # ${comment}`);
    out.push('    dict(');
    const esm = r.fields.find((f) => f.name === 'esm_class');
    const udhi = typeof esm?.value === 'number' && (esm.value & 0x40) !== 0;
    for (const f of r.fields) out.push(`        ${f.name}=${value(f, udhi)},`);
    for (const t of r.tlvs) {
      if (t.vendor) out.push(`        # ${tlvLabel(t)} = ${toHexString(t.bytes)} (hex): smpplib sends only the TLVs it knows`);
      else out.push(`        ${t.name}=${tlvValue(t)},`);
    }
    out.push('    ),');
  });
  out.push(
    ']',
    '',
    `client = smpplib.client.Client(${quoted(b.host)}, ${b.port}, allow_unknown_opt_params=True${b.tls ? ', ssl_context=ssl.create_default_context()' : ''})`,
    'client.connect()',
    `client.bind_${b.bind}(`,
    `    system_id=${quoted(b.system_id)},`,
    '    password=PASSWORD,',
    `    system_type=${quoted(b.system_type)},`,
    `    interface_version=0x${b.interface_version.toString(16)},`,
    `    addr_ton=${b.addr_ton},`,
    `    addr_npi=${b.addr_npi},`,
    `    address_range=${quoted(b.address_range)},`,
    ')',
    '',
    'failed = False',
    'for n, fields in enumerate(PDUS, 1):',
    `    pdu = smpplib.smpp.make_pdu(${quoted(command)}, client=client, **fields)`,
    '    client.send_pdu(pdu)',
    '    resp = client.read_pdu()',
    "    message_id = getattr(resp, 'message_id', None)",
    "    print('{} {}/{}: status {}{}'.format(resp.command, n, len(PDUS), resp.status, ' message_id {}'.format(message_id.decode() if isinstance(message_id, bytes) else message_id) if message_id else ''))",
    '    failed = failed or resp.status != 0',
    '',
    'client.unbind()',
    'client.disconnect()',
    'sys.exit(1 if failed else 0)',
    '',
  );
  return out.join('\n');
}
