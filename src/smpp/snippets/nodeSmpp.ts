// JavaScript for node-smpp (npm `smpp`): every body field by its spec name, short_message as a
// Buffer (so node-smpp sends the octets as they are), the spec's integer and C-string TLVs by
// name, every other TLV registered with smpp.addTLV and sent as raw octets.
import type { SnippetField, SnippetPlan, SnippetTlv } from './plan';
import { printableAscii, toHexString } from './plan';
import { headerLines, intLiteral, partComment, quoted, tlvLabel } from './text';

function bytes(b: Uint8Array): string {
  if (b.length > 0 && printableAscii(b)) return `Buffer.from(${quoted(String.fromCharCode(...b))}, 'latin1')`;
  return `Buffer.from('${toHexString(b)}', 'hex')`;
}

/** A short message with a UDH reads better as the UDH and the rest. */
function message(b: Uint8Array, udhi: boolean): string {
  if (udhi && b.length > 0 && b[0]! + 1 <= b.length) {
    const udh = b.subarray(0, b[0]! + 1);
    const rest = b.subarray(b[0]! + 1);
    return `Buffer.concat([${bytes(udh)} /* UDH */, ${bytes(rest)}])`;
  }
  return bytes(b);
}

function value(f: SnippetField, udhi: boolean): string {
  if (typeof f.value === 'number') return intLiteral(f.name, f.value);
  if (typeof f.value === 'string') return quoted(f.value);
  if (f.value instanceof Uint8Array) return f.name === 'short_message' ? message(f.value, udhi) : bytes(f.value);
  return JSON.stringify(f.value);
}

/** Whether node-smpp takes this TLV by its spec name with this value. */
function native(t: SnippetTlv): boolean {
  return !t.vendor && (t.int !== undefined || t.cstring !== undefined || t.name === 'message_payload');
}

function rawName(t: SnippetTlv): string {
  return `tlv_0x${t.tag.toString(16).padStart(4, '0')}`;
}

function tlvValue(t: SnippetTlv): string {
  if (t.int) return String(t.int.value);
  if (t.cstring !== undefined) return quoted(t.cstring);
  return bytes(t.bytes);
}

export function nodeSmppSnippet(plan: SnippetPlan): string {
  const b = plan.bind;
  const out: string[] = [];
  for (const l of headerLines(plan, 'node-smpp', 'npm install smpp')) out.push(`// ${l}`);
  out.push("const smpp = require('smpp');", '');
  const raw = new Map<number, SnippetTlv>();
  for (const r of plan.requests) for (const t of r.tlvs) if (!native(t)) raw.set(t.tag, t);
  if (raw.size > 0) {
    out.push("// TLVs node-smpp does not know by name: sent as the octets given.");
    for (const t of raw.values()) out.push(`smpp.addTLV('${rawName(t)}', { id: 0x${t.tag.toString(16).padStart(4, '0')}, type: smpp.types.tlv.buffer }); // ${t.name}`);
    out.push('');
  }
  const password = 'env' in b.password ? `process.env.${b.password.env}` : quoted(b.password.literal);
  if ('env' in b.password) {
    out.push(`if (${password} === undefined) {`, `  console.error('Set ${b.password.env} to the password of ${b.system_id}.');`, '  process.exit(2);', '}', '');
  }
  out.push('const pdus = [');
  plan.requests.forEach((r, i) => {
    const comment = partComment(plan, r, i);
    if (comment) out.push(`  // ${comment}`);
    out.push('  {');
    const esm = r.fields.find((f) => f.name === 'esm_class');
    const udhi = typeof esm?.value === 'number' && (esm.value & 0x40) !== 0;
    for (const f of r.fields) out.push(`    ${f.name}: ${value(f, udhi)},`);
    for (const t of r.tlvs) out.push(native(t) ? `    ${t.name}: ${tlvValue(t)},` : `    ${rawName(t)}: ${bytes(t.bytes)}, // ${tlvLabel(t)}`);
    out.push('  },');
  });
  out.push('];', '');
  const command = plan.requests[0]!.command;
  out.push(
    `const session = smpp.connect({ url: '${b.tls ? 'ssmpp' : 'smpp'}://${b.host}:${b.port}' });`,
    "session.on('error', (err) => {",
    "  console.error(`SMPP error: ${err.message}`);",
    '  process.exit(1);',
    '});',
    '// Answer what the SMSC sends meanwhile (keepalives, receipts).',
    "session.on('enquire_link', (pdu) => session.send(pdu.response()));",
    "session.on('deliver_sm', (pdu) => session.send(pdu.response()));",
    '',
    `session.on('${b.tls ? 'secureConnect' : 'connect'}', () => {`,
    `  session.bind_${b.bind}(`,
    '    {',
    `      system_id: ${quoted(b.system_id)},`,
    `      password: ${password},`,
    `      system_type: ${quoted(b.system_type)},`,
    `      interface_version: 0x${b.interface_version.toString(16)},`,
    `      addr_ton: ${b.addr_ton},`,
    `      addr_npi: ${b.addr_npi},`,
    `      address_range: ${quoted(b.address_range)},`,
    '    },',
    '    (bindResp) => {',
    '      if (bindResp.command_status !== 0) {',
    `        console.error(\`bind_${b.bind} refused: status \${bindResp.command_status}\`);`,
    '        session.close();',
    '        process.exitCode = 1;',
    '        return;',
    '      }',
    '      let next = 0;',
    '      const sendNext = () => {',
    '        if (next === pdus.length) {',
    '          session.unbind(() => session.close());',
    '          return;',
    '        }',
    '        const n = ++next;',
    `        session.${command}(pdus[n - 1], (resp) => {`,
    "          const id = resp.message_id !== undefined ? ` message_id ${resp.message_id}` : '';",
    `          console.log(\`\${resp.command} \${n}/\${pdus.length}: status \${resp.command_status}\${id}\`);`,
    '          if (resp.command_status !== 0) process.exitCode = 1;',
    '          sendNext();',
    '        });',
    '      };',
    '      sendNext();',
    '    },',
    '  );',
    '});',
    '',
  );
  return out.join('\n');
}
