// Java for jsmpp (org.jsmpp:jsmpp 3.x): SMPPSession.connectAndBind, then the session's call for
// the command, which waits for the response. TLVs go as OptionalParameter objects: the SAR ones
// by their classes, every other one as an OctetString of its octets.
import type { SnippetField, SnippetPlan, SnippetRequest, SnippetTlv } from './plan';
import { printableAscii, toHexString } from './plan';
import { SnippetError } from './types';
import { headerLines, partComment, quoted, tlvLabel, unsupported } from './text';

const CALLS: readonly string[] = ['submit_sm', 'data_sm', 'query_sm', 'cancel_sm'];
const BIND_TYPE = { transmitter: 'BIND_TX', receiver: 'BIND_RX', transceiver: 'BIND_TRX' } as const;
const INTERFACE_VERSION: Readonly<Record<number, string>> = { 0x33: 'IF_33', 0x34: 'IF_34', 0x50: 'IF_50' };

function bytes(b: Uint8Array): string {
  if (b.length === 0) return 'new byte[0]';
  if (printableAscii(b)) return `${quoted(String.fromCharCode(...b))}.getBytes(StandardCharsets.ISO_8859_1)`;
  return `hex("${toHexString(b)}")`;
}

function field(r: SnippetRequest, name: string): SnippetField['value'] {
  const f = r.fields.find((x) => x.name === name);
  if (f === undefined) throw new SnippetError(`${r.command} has no field ${name}`);
  return f.value;
}

function int(r: SnippetRequest, name: string): number {
  return field(r, name) as number;
}

function str(r: SnippetRequest, name: string): string {
  return quoted(field(r, name) as string);
}

function optStr(r: SnippetRequest, name: string): string {
  const v = field(r, name) as string;
  return v === '' ? 'null' : quoted(v);
}

function ton(r: SnippetRequest, name: string): string {
  return `TypeOfNumber.valueOf((byte) ${int(r, name)})`;
}

function npi(r: SnippetRequest, name: string): string {
  return `NumberingPlanIndicator.valueOf((byte) ${int(r, name)})`;
}

function tlv(t: SnippetTlv): string {
  if (t.name === 'sar_msg_ref_num' && t.int) return `new OptionalParameter.Sar_msg_ref_num((short) ${t.int.value})`;
  if (t.name === 'sar_total_segments' && t.int) return `new OptionalParameter.Sar_total_segments((byte) ${t.int.value})`;
  if (t.name === 'sar_segment_seqnum' && t.int) return `new OptionalParameter.Sar_segment_seqnum((byte) ${t.int.value})`;
  return `new OptionalParameter.OctetString((short) 0x${t.tag.toString(16).padStart(4, '0')}, ${bytes(t.bytes)}) /* ${tlvLabel(t)} */`;
}

function call(r: SnippetRequest): { statement: string[]; print: string } {
  const tlvs = r.tlvs.map((t) => `,\n                    ${tlv(t)}`).join('');
  switch (r.command) {
    case 'submit_sm':
      return {
        statement: [
          'SubmitSmResult result = session.submitShortMessage(',
          `                    ${str(r, 'service_type')},`,
          `                    ${ton(r, 'source_addr_ton')}, ${npi(r, 'source_addr_npi')}, ${str(r, 'source_addr')},`,
          `                    ${ton(r, 'dest_addr_ton')}, ${npi(r, 'dest_addr_npi')}, ${str(r, 'destination_addr')},`,
          `                    new ESMClass(0x${int(r, 'esm_class').toString(16).padStart(2, '0')}), (byte) ${int(r, 'protocol_id')}, (byte) ${int(r, 'priority_flag')},`,
          `                    ${optStr(r, 'schedule_delivery_time')}, ${optStr(r, 'validity_period')},`,
          `                    new RegisteredDelivery(${int(r, 'registered_delivery')}), (byte) ${int(r, 'replace_if_present_flag')},`,
          `                    DataCodings.newInstance((byte) 0x${int(r, 'data_coding').toString(16).padStart(2, '0')}), (byte) ${int(r, 'sm_default_msg_id')},`,
          `                    ${bytes(field(r, 'short_message') as Uint8Array)}${tlvs});`,
        ],
        print: '"submit_sm_resp: message_id " + result.getMessageId()',
      };
    case 'data_sm':
      return {
        statement: [
          'DataSmResult result = session.dataShortMessage(',
          `                    ${str(r, 'service_type')},`,
          `                    ${ton(r, 'source_addr_ton')}, ${npi(r, 'source_addr_npi')}, ${str(r, 'source_addr')},`,
          `                    ${ton(r, 'dest_addr_ton')}, ${npi(r, 'dest_addr_npi')}, ${str(r, 'destination_addr')},`,
          `                    new ESMClass(0x${int(r, 'esm_class').toString(16).padStart(2, '0')}), new RegisteredDelivery(${int(r, 'registered_delivery')}),`,
          `                    DataCodings.newInstance((byte) 0x${int(r, 'data_coding').toString(16).padStart(2, '0')})${tlvs});`,
        ],
        print: '"data_sm_resp: message_id " + result.getMessageId()',
      };
    case 'query_sm':
      return {
        statement: [`QuerySmResult result = session.queryShortMessage(${str(r, 'message_id')}, ${ton(r, 'source_addr_ton')}, ${npi(r, 'source_addr_npi')}, ${str(r, 'source_addr')});`],
        print: '"query_sm_resp: message_state " + result.getMessageState() + ", final_date " + result.getFinalDate() + ", error_code " + result.getErrorCode()',
      };
    default:
      return {
        statement: [
          'session.cancelShortMessage(',
          `                    ${str(r, 'service_type')}, ${str(r, 'message_id')},`,
          `                    ${ton(r, 'source_addr_ton')}, ${npi(r, 'source_addr_npi')}, ${str(r, 'source_addr')},`,
          `                    ${ton(r, 'dest_addr_ton')}, ${npi(r, 'dest_addr_npi')}, ${str(r, 'destination_addr')});`,
        ],
        print: '"cancel_sm_resp: ESME_ROK"',
      };
  }
}

export function jsmppSnippet(plan: SnippetPlan): string {
  const b = plan.bind;
  const command = plan.requests[0]!.command;
  if (!CALLS.includes(command)) throw new SnippetError(unsupported('jsmpp', command, CALLS));
  const out: string[] = [];
  for (const l of headerLines(plan, 'jsmpp', 'the Maven artifact org.jsmpp:jsmpp (3.x)')) out.push(`// ${l}`);
  if (b.tls) out.push('// TLS: give the SMPPSession an SSL connection factory (new SMPPSession(new SynchronizedPDUSender(), new DefaultPDUReader(), SSLSocketConnectionFactory...)).');
  out.push(
    'import java.nio.charset.StandardCharsets;',
    '',
    'import org.jsmpp.InterfaceVersion;',
    'import org.jsmpp.bean.*;',
    'import org.jsmpp.session.*;',
    '',
    'public class SendSmpp {',
    '    static byte[] hex(String s) {',
    '        byte[] out = new byte[s.length() / 2];',
    '        for (int i = 0; i < out.length; i++) out[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);',
    '        return out;',
    '    }',
    '',
    '    public static void main(String[] args) throws Exception {',
  );
  if ('env' in b.password) {
    out.push(`        String password = System.getenv(${quoted(b.password.env)});`, '        if (password == null) {', `            System.err.println(${quoted(`Set ${b.password.env} to the password of ${b.system_id}.`)});`, '            System.exit(2);', '        }');
  } else out.push(`        String password = ${quoted(b.password.literal)};`);
  out.push(
    '        SMPPSession session = new SMPPSession();',
    '        try {',
    `            session.connectAndBind(${quoted(b.host)}, ${b.port}, new BindParameter(BindType.${BIND_TYPE[b.bind]}, ${quoted(b.system_id)}, password, ${quoted(b.system_type)},`,
    `                    TypeOfNumber.valueOf((byte) ${b.addr_ton}), NumberingPlanIndicator.valueOf((byte) ${b.addr_npi}), ${b.address_range === '' ? 'null' : quoted(b.address_range)}, InterfaceVersion.${INTERFACE_VERSION[b.interface_version] ?? 'IF_34'}));`,
  );
  plan.requests.forEach((r, i) => {
    const comment = partComment(plan, r, i);
    out.push(`            {${comment ? ` // ${comment}` : ''}`);
    const c = call(r);
    out.push(`                ${c.statement[0]}`, ...c.statement.slice(1));
    out.push(`                System.out.println(${c.print});`, '            }');
  });
  out.push('        } finally {', '            session.unbindAndClose();', '        }', '    }', '}', '');
  return out.join('\n');
}
