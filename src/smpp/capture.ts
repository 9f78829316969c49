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
import { isCommandName, responseOf } from './tables/commands';

export const DEFAULT_CAPTURE_SIZE = 10_000;

/** alert_notification and outbind get no response: nothing to wait for. */
function expectsResponse(command: string): boolean {
  return !isCommandName(command) || responseOf(command) !== undefined;
}

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
  /**
   * Requests waiting for their response, by the publisher's event id, per connection. A
   * response takes its request out; requests that leave the ring unanswered are swept out
   * when the index reaches twice the ring's capacity. So it holds about what is outstanding, not the whole
   * capture: a flood churns no large table, and the garbage collector has little to move.
   */
  private readonly awaiting = new Map<string, Map<number, CaptureRecord>>();
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

  /** Requests in the pairing index, over every connection: never more than twice the capacity. */
  get pairingIndexSize(): number {
    return this.indexed;
  }

  /** Adds a session's PDU event under a connection name. The record keeps a copy of its bytes. */
  add(connection: string, e: PduEvent, extra: Pick<CaptureRecord, 'leg' | 'application' | 'local' | 'remote'> = {}): CaptureRecord {
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
    };
    // Optional fields are set one by one, not spread: this runs for every PDU of every session.
    if (extra.leg !== undefined) record.leg = extra.leg;
    if (extra.application !== undefined) record.application = extra.application;
    if (extra.local !== undefined) record.local = extra.local;
    if (extra.remote !== undefined) record.remote = extra.remote;
    let index = this.awaiting.get(connection);
    if (e.request) {
      const request = index?.get(e.request.id);
      if (request && this.inRing(request)) {
        record.request = { id: request.id, rtt: e.request.rtt };
        request.responseId = record.id;
      }
      if (request) this.unindex(index!, e.request.id);
    } else if ((e.command_id & 0x80000000) === 0 && expectsResponse(e.command)) {
      if (!index) {
        index = new Map();
        this.awaiting.set(connection, index);
      }
      const size = index.size;
      index.set(e.id, record);
      // A publisher that starts its ids again (a new session under the same name) replaces the entry.
      if (index.size > size) this.indexed++;
    }
    this.ring.push(record);
    if (this.indexed > 2 * this.ring.capacity) this.sweep();
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
    this.awaiting.clear();
    this.indexed = 0;
    this.emit('cleared');
  }

  /**
   * Records leave the ring oldest first, and ids grow: the ring holds the newest `size` ids.
   * (Asked while a record is being added, before it goes in: its id is `nextId - 1`.)
   */
  private inRing(record: CaptureRecord): boolean {
    return record.id >= this.nextId - 1 - this.ring.size;
  }

  private unindex(index: Map<number, CaptureRecord>, eventId: number): void {
    if (index.delete(eventId)) this.indexed--;
  }

  /** Forgets requests that left the ring unanswered (amortised: it runs once per `capacity` additions at most). */
  private sweep(): void {
    for (const [connection, index] of this.awaiting) {
      for (const [eventId, record] of index) if (!this.inRing(record)) this.unindex(index, eventId);
      if (index.size === 0) this.awaiting.delete(connection);
    }
  }
}
