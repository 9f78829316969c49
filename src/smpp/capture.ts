// The capture: every PDU that crossed any session, newest kept, in a bounded ring. Requests are
// paired with their responses (and the round trip) as the responses arrive.
//
// Every record owns its bytes: a publisher's event bytes may be a view of a socket chunk or of a
// buffer it reuses, so they are copied on the way in (`Buffer#slice` would be a view, too).
// The pairing index holds exactly the records the ring holds: when the ring drops its oldest
// record, that record's entry leaves the index with it, in O(1).
import { EventEmitter } from 'node:events';
import { copyBytes } from './bytes';
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

/** A record in the ring, with the publisher's event id it is indexed under for pairing. */
interface Slot {
  record: CaptureRecord;
  eventId: number;
}

export class CaptureStore extends EventEmitter<CaptureEvents> {
  private readonly ring: Ring<Slot>;
  private nextId = 1;
  /**
   * Publisher's event id → record, per connection, for pairing. Holds only records that are in
   * the ring (an entry leaves when its record does), so it never outgrows the ring.
   */
  private readonly bySessionEvent = new Map<string, Map<number, CaptureRecord>>();
  private indexed = 0;

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

  /** Entries in the pairing index, over every connection: never more than `size`. */
  get pairingIndexSize(): number {
    return this.indexed;
  }

  /** Adds a session's PDU event under a connection name. The record keeps a copy of its bytes. */
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
      bytes: copyBytes(e.bytes),
      command: e.command,
      command_id: e.command_id,
      command_status: e.command_status,
      sequence_number: e.sequence_number,
      ...(request && e.request ? { request: { id: request.id, rtt: e.request.rtt } } : {}),
      ...extra,
    };
    if (request) request.responseId = record.id;
    const size = index.size;
    index.set(e.id, record);
    // A publisher that starts its ids again (a new session under the same name) replaces the entry.
    if (index.size > size) this.indexed++;
    const evicted = this.ring.push({ record, eventId: e.id });
    if (evicted) this.unindex(evicted);
    this.emit('record', record);
    return record;
  }

  /** Oldest first, optionally only one connection's. */
  records(connection?: string): CaptureRecord[] {
    const slots = this.ring.toArray();
    const out: CaptureRecord[] = [];
    for (const s of slots) if (connection === undefined || s.record.connection === connection) out.push(s.record);
    return out;
  }

  clear(): void {
    this.ring.clear();
    this.bySessionEvent.clear();
    this.indexed = 0;
    this.emit('cleared');
  }

  /** Removes a dropped record's pairing entry, unless a newer record took its event id since. */
  private unindex({ record, eventId }: Slot): void {
    const index = this.bySessionEvent.get(record.connection);
    if (index?.get(eventId) !== record) return;
    index.delete(eventId);
    this.indexed--;
    if (index.size === 0) this.bySessionEvent.delete(record.connection);
  }
}
