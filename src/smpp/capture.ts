// The capture: every PDU that crossed any session, newest kept, in a bounded ring. Requests are
// paired with their responses (and the round trip) as the responses arrive.
import { EventEmitter } from 'node:events';
import type { PduHeaderFields } from './pduEvent';
import type { PduEvent } from './session/esme';
import { Ring } from './link/ring';

export const DEFAULT_CAPTURE_SIZE = 10_000;

export interface CaptureRecord extends PduHeaderFields {
  /** Unique in the capture. */
  id: number;
  connection: string;
  /** For a response: the capture id of its request, and the round trip. */
  request?: { id: number; rtt: number };
  /** For a request: the capture id of its response once it came. */
  responseId?: number;
  /** Leg of a proxied exchange, where there is one. */
  leg?: string;
  /** On both legs of a proxied exchange: the address of the application it belongs to. */
  application?: { host: string; port: number };
  /** Local and remote endpoints, for pcap framing. */
  local?: { host: string; port: number };
  remote?: { host: string; port: number };
}

export interface CaptureEvents {
  record: [CaptureRecord];
  cleared: [];
}

export class CaptureStore extends EventEmitter<CaptureEvents> {
  private readonly ring: Ring<CaptureRecord>;
  private nextId = 1;
  /** Session event id → capture id, per connection, for pairing. Bounded with the ring. */
  private readonly bySessionEvent = new Map<string, Map<number, CaptureRecord>>();

  constructor(capacity = DEFAULT_CAPTURE_SIZE) {
    super();
    this.ring = new Ring(capacity);
  }

  get size(): number {
    return this.ring.size;
  }

  get capacity(): number {
    return this.ring.capacity;
  }

  /** How many records were dropped to respect the capacity. */
  get dropped(): number {
    return this.ring.dropped;
  }

  /** Adds a session's PDU event under a connection name. */
  add(connection: string, e: PduEvent, extra: Pick<CaptureRecord, 'leg' | 'application' | 'local' | 'remote'> = {}): CaptureRecord {
    let index = this.bySessionEvent.get(connection);
    if (!index) {
      index = new Map();
      this.bySessionEvent.set(connection, index);
    }
    const request = e.request ? index.get(e.request.id) : undefined;
    const record: CaptureRecord = {
      id: this.nextId++,
      connection,
      direction: e.direction,
      timestamp: e.timestamp,
      bytes: e.bytes.slice(),
      command: e.command,
      command_id: e.command_id,
      command_status: e.command_status,
      sequence_number: e.sequence_number,
      ...(request && e.request ? { request: { id: request.id, rtt: e.request.rtt } } : {}),
      ...extra,
    };
    if (request) request.responseId = record.id;
    index.set(e.id, record);
    // Keep the pairing index no larger than the ring itself.
    if (index.size > this.ring.capacity) {
      const oldest = index.keys().next().value as number;
      index.delete(oldest);
    }
    this.ring.push(record);
    this.emit('record', record);
    return record;
  }

  /** Oldest first, optionally only one connection's. */
  records(connection?: string): CaptureRecord[] {
    const all = this.ring.toArray();
    return connection === undefined ? all : all.filter((r) => r.connection === connection);
  }

  clear(): void {
    this.ring.clear();
    this.bySessionEvent.clear();
    this.emit('cleared');
  }
}
