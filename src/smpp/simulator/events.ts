// What the simulator tells its host (the extension, the CLI, the tests). Plain data, one record
// per event; `connection` is the connection's id and `remote` its peer address.
import type { PduDirection, PduHeaderFields } from '../pduEvent';
import type { WirePdu } from '../link/wire';
import type { SmscFaultName } from './faults';
import type { SmscConnection } from './connection';

export type SmscSessionState = 'open' | 'bound_tx' | 'bound_rx' | 'bound_trx' | 'unbound' | 'closed';
export type SmscBindType = 'transmitter' | 'receiver' | 'transceiver';
export type SmscDirection = PduDirection;

export interface SmscListenAddress {
  host: string;
  port: number;
}

/** One PDU that crossed the wire on one connection. */
export interface SmscPduEvent extends PduHeaderFields {
  connection: number;
  remote: string;
  /** The decoded PDU (for outgoing PDUs: what the simulator meant to send). */
  pdu: WirePdu;
  /** Set when a fault changed what was written; `bytes` are then as written, i.e. cut short or with a bad length. */
  fault?: 'closeMidPdu' | 'garbageLength';
}

export interface SmscBindEvent {
  connection: number;
  remote: string;
  type: SmscBindType;
  system_id: string;
  interface_version: number;
  /** 0 when the bind was accepted. */
  status: number;
  statusName: string;
  accepted: boolean;
}

export interface SmscUnbindEvent {
  connection: number;
  remote: string;
  system_id: string | undefined;
  /** Who sent the unbind. */
  by: 'esme' | 'smsc';
}

export interface SmscDisconnectEvent {
  connection: number;
  remote: string;
  system_id: string | undefined;
  /** The state the connection was in when it closed. */
  state: SmscSessionState;
  cause: string;
}

export interface SmscReceiptEvent {
  connection: number;
  remote: string;
  system_id: string;
  message_id: string;
  /** Where the original message went (the receipt's source_addr). */
  destination_addr: string;
  message_state: number;
  stat: string;
  text: string;
  sequence_number: number;
}

export interface SmscMoEvent {
  connection: number;
  remote: string;
  system_id: string;
  from: string;
  to: string;
  text: string;
  data_coding: number;
  parts: number;
  /** sequence_number of each deliver_sm sent. */
  sequence_numbers: number[];
}

/** A submit whose destination matched a scenario rule. */
export interface SmscRuleEvent {
  connection: number;
  remote: string;
  command: string;
  sequence_number: number;
  destination_addr: string;
  /** The rule's place in the list, 0-based. */
  rule: number;
  /** The rule's pattern. */
  destination: string;
  /** What the rule does, for people: `receipt UNDELIV err=1`. */
  effect: string;
}

export interface SmscFaultEvent {
  connection: number;
  remote: string;
  fault: SmscFaultName;
  detail: string;
}

export interface SmscWarningEvent {
  connection?: number;
  message: string;
}

export interface SmscEvents {
  listening: [SmscListenAddress];
  connect: [SmscConnection];
  disconnect: [SmscDisconnectEvent];
  pdu: [SmscPduEvent];
  bind: [SmscBindEvent];
  unbind: [SmscUnbindEvent];
  receipt: [SmscReceiptEvent];
  mo: [SmscMoEvent];
  rule: [SmscRuleEvent];
  fault: [SmscFaultEvent];
  /** Something odd that did not end anything: a malformed PDU, an unexpected response. */
  warning: [SmscWarningEvent];
  /** close() finished: no server, no connection, no timer. */
  close: [];
}
