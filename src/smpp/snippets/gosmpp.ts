// Go for gosmpp (github.com/linxGnu/gosmpp): a session whose OnAllPDU handler answers the SMSC's
// requests and hands responses to a channel; each PDU is built with the pdu package, its message
// set as raw octets with its data_coding, TLVs registered as pdu.Field by tag.
import type { SnippetPlan, SnippetRequest, SnippetTlv } from './plan';
import { toHexString } from './plan';
import { SnippetError } from './types';
import { headerLines, partComment, quoted, tlvLabel, unsupported } from './text';

const BUILDERS: Readonly<Record<string, { make: string; type: string; resp: string }>> = {
  submit_sm: { make: 'pdu.NewSubmitSM().(*pdu.SubmitSM)', type: 'SubmitSM', resp: 'SubmitSMResp' },
  data_sm: { make: 'pdu.NewDataSM().(*pdu.DataSM)', type: 'DataSM', resp: 'DataSMResp' },
  query_sm: { make: 'pdu.NewQuerySM().(*pdu.QuerySM)', type: 'QuerySM', resp: 'QuerySMResp' },
  cancel_sm: { make: 'pdu.NewCancelSM().(*pdu.CancelSM)', type: 'CancelSM', resp: 'CancelSMResp' },
  enquire_link: { make: 'pdu.NewEnquireLink().(*pdu.EnquireLink)', type: 'EnquireLink', resp: 'EnquireLinkResp' },
};
const CONNECTOR = { transmitter: 'TXConnector', receiver: 'RXConnector', transceiver: 'TRXConnector' } as const;
const SIDE = { transmitter: 'Transmitter', receiver: 'Receiver', transceiver: 'Transceiver' } as const;

function value(r: SnippetRequest, name: string): unknown {
  return r.fields.find((f) => f.name === name)?.value;
}

function lines(r: SnippetRequest, v: string): string[] {
  const out: string[] = [];
  const address = (field: string, ton: string, npi: string, target: string): void => {
    if (value(r, field) === undefined) return;
    out.push(`${v}.${target} = address(${value(r, ton) as number}, ${value(r, npi) as number}, ${quoted(value(r, field) as string)})`);
  };
  if (value(r, 'service_type') !== undefined) out.push(`${v}.ServiceType = ${quoted(value(r, 'service_type') as string)}`);
  if (value(r, 'message_id') !== undefined) out.push(`${v}.MessageID = ${quoted(value(r, 'message_id') as string)}`);
  address('source_addr', 'source_addr_ton', 'source_addr_npi', 'SourceAddr');
  address('destination_addr', 'dest_addr_ton', 'dest_addr_npi', 'DestAddr');
  const int = (field: string, target: string): void => {
    const x = value(r, field);
    if (typeof x === 'number') out.push(`${v}.${target} = 0x${x.toString(16).padStart(2, '0')}`);
  };
  int('esm_class', 'EsmClass');
  int('protocol_id', 'ProtocolID');
  int('priority_flag', 'PriorityFlag');
  if (typeof value(r, 'schedule_delivery_time') === 'string') out.push(`${v}.ScheduleDeliveryTime = ${quoted(value(r, 'schedule_delivery_time') as string)}`);
  if (typeof value(r, 'validity_period') === 'string') out.push(`${v}.ValidityPeriod = ${quoted(value(r, 'validity_period') as string)}`);
  int('registered_delivery', 'RegisteredDelivery');
  int('replace_if_present_flag', 'ReplaceIfPresentFlag');
  const sm = value(r, 'short_message');
  const dc = value(r, 'data_coding') as number | undefined;
  if (sm instanceof Uint8Array) {
    out.push(`if err := ${v}.Message.SetMessageDataWithEncoding(mustHex("${toHexString(sm)}"), data.FromDataCoding(0x${(dc ?? 0).toString(16).padStart(2, '0')})); err != nil {`, '\tlog.Fatal(err)', '}');
  } else if (dc !== undefined) {
    out.push(`${v}.DataCoding = 0x${dc.toString(16).padStart(2, '0')}`);
  }
  for (const t of r.tlvs) out.push(tlv(v, t));
  return out;
}

function tlv(v: string, t: SnippetTlv): string {
  return `${v}.RegisterOptionalParam(pdu.Field{Tag: pdu.Tag(0x${t.tag.toString(16).padStart(4, '0')}), Data: mustHex("${toHexString(t.bytes)}")}) // ${tlvLabel(t)}`;
}

export function gosmppSnippet(plan: SnippetPlan): string {
  const b = plan.bind;
  const command = plan.requests[0]!.command;
  const builder = BUILDERS[command];
  if (builder === undefined) throw new SnippetError(unsupported('gosmpp', command, Object.keys(BUILDERS)));
  const out: string[] = [];
  for (const l of headerLines(plan, 'gosmpp', 'go get github.com/linxGnu/gosmpp')) out.push(`// ${l}`);
  if (b.interface_version !== 0x34) out.push(`// gosmpp binds with interface_version 0x34 (the connection says 0x${b.interface_version.toString(16)}).`);
  const usesData = plan.requests.some((r) => value(r, 'short_message') instanceof Uint8Array);
  const usesHex = usesData || plan.requests.some((r) => r.tlvs.length > 0);
  const usesAddress = plan.requests.some((r) => value(r, 'source_addr') !== undefined || value(r, 'destination_addr') !== undefined);
  out.push(
    'package main',
    '',
    'import (',
    ...(b.tls ? ['\t"crypto/tls"'] : []),
    ...(usesHex ? ['\t"encoding/hex"'] : []),
    '\t"fmt"',
    '\t"log"',
    ...(b.tls ? ['\t"net"'] : []),
    '\t"os"',
    '\t"time"',
    '',
    '\t"github.com/linxGnu/gosmpp"',
    ...(usesData ? ['\t"github.com/linxGnu/gosmpp/data"'] : []),
    '\t"github.com/linxGnu/gosmpp/pdu"',
    ')',
    '',
  );
  if (usesHex) out.push('func mustHex(s string) []byte {', '\tb, err := hex.DecodeString(s)', '\tif err != nil {', '\t\tpanic(err)', '\t}', '\treturn b', '}', '');
  if (usesAddress) {
    out.push('func address(ton, npi byte, addr string) pdu.Address {', '\ta := pdu.NewAddress()', '\ta.SetTon(ton)', '\ta.SetNpi(npi)', '\tif err := a.SetAddress(addr); err != nil {', '\t\tlog.Fatal(err)', '\t}', '\treturn a', '}', '');
  }
  out.push('func main() {');
  if ('env' in b.password) {
    out.push(`\tpassword, ok := os.LookupEnv(${quoted(b.password.env)})`, '\tif !ok {', `\t\tfmt.Fprintln(os.Stderr, ${quoted(`Set ${b.password.env} to the password of ${b.system_id}.`)})`, '\t\tos.Exit(2)', '\t}');
  } else out.push(`\tpassword := ${quoted(b.password.literal)}`);
  const dialer = b.tls ? 'func(addr string) (net.Conn, error) { return tls.Dial("tcp", addr, &tls.Config{}) }' : 'gosmpp.NonTLSDialer';
  out.push(
    `\tauth := gosmpp.Auth{SMSC: ${quoted(`${b.host}:${b.port}`)}, SystemID: ${quoted(b.system_id)}, Password: password, SystemType: ${quoted(b.system_type)}}`,
    '\tresponses := make(chan pdu.PDU, 16)',
    '\tsession, err := gosmpp.NewSession(',
    `\t\tgosmpp.${CONNECTOR[b.bind]}(${dialer}, auth),`,
    '\t\tgosmpp.Settings{',
    '\t\t\tReadTimeout: 30 * time.Second,',
    '\t\t\tOnAllPDU: func(p pdu.PDU) (pdu.PDU, bool) {',
    '\t\t\t\tswitch pd := p.(type) {',
    '\t\t\t\tcase *pdu.EnquireLink:',
    '\t\t\t\t\treturn pd.GetResponse(), false',
    '\t\t\t\tcase *pdu.DeliverSM:',
    '\t\t\t\t\treturn pd.GetResponse(), false',
    `\t\t\t\tcase *pdu.${builder.resp}, *pdu.GenericNack:`,
    '\t\t\t\t\tresponses <- pd',
    '\t\t\t\t}',
    '\t\t\t\treturn nil, false',
    '\t\t\t},',
    '\t\t},',
    '\t\t5*time.Second,',
    '\t)',
    '\tif err != nil {',
    '\t\tlog.Fatal(err)',
    '\t}',
    '\tdefer session.Close() // unbinds and closes',
    '',
    '\tfailed := false',
  );
  plan.requests.forEach((r, i) => {
    const comment = partComment(plan, r, i);
    out.push(`\t{${comment ? ` // ${comment}` : ''}`);
    out.push(`\t\tp := ${builder.make}`);
    for (const l of lines(r, 'p')) out.push(`\t\t${l.replace(/\n/g, '\n\t\t')}`);
    out.push(
      `\t\tif err := session.${SIDE[b.bind]}().Submit(p); err != nil {`,
      '\t\t\tlog.Fatal(err)',
      '\t\t}',
      '\t\tselect {',
      '\t\tcase resp := <-responses:',
      '\t\t\th := resp.GetHeader()',
      `\t\t\tfmt.Printf("%T ${i + 1}/${plan.requests.length}: status %d\\n", resp, h.CommandStatus)`,
      ...(command === 'submit_sm' || command === 'data_sm' ? [`\t\t\tif r, ok := resp.(*pdu.${builder.resp}); ok {`, '\t\t\t\tfmt.Println("message_id", r.MessageID)', '\t\t\t}'] : []),
      '\t\t\tfailed = failed || h.CommandStatus != 0',
      '\t\tcase <-time.After(30 * time.Second):',
      `\t\t\tlog.Fatal("no response to ${command} within 30 s")`,
      '\t\t}',
      '\t}',
    );
  });
  out.push('\tif failed {', '\t\t_ = session.Close()', '\t\tos.Exit(1)', '\t}', '}', '');
  return out.join('\n');
}
