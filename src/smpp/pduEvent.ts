// What every record of one PDU on the wire carries, whoever publishes it: the ESME session
// (`PduEvent`), the simulator (`SmscPduEvent`) and the capture (`CaptureRecord`) extend it with
// their own fields. Types only, no runtime code: the webview may import it.

/** Which way a PDU went, seen from the side that publishes it. */
export type PduDirection = 'in' | 'out';

/** The PDU's header as it crossed the wire, with its bytes. */
export interface PduHeaderFields {
  direction: PduDirection;
  /** When it crossed the wire, ms on the publisher's clock. */
  timestamp: number;
  /** The bytes as they crossed the wire. */
  bytes: Uint8Array;
  /** The command's name ("submit_sm", "enquire_link_resp"...). */
  command: string;
  command_id: number;
  command_status: number;
  sequence_number: number;
}
