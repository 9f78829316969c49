// The capture: every PDU that crossed any session, newest kept, in a bounded ring. Requests are
// paired with their responses (and the round trip) as the responses arrive.
//
// Every record owns its bytes: a publisher's event bytes may be a view of a socket chunk or of a
// buffer it reuses, so they are copied on the way in (`Buffer#slice` would be a view, too).
// The pairing index holds exactly the records the ring holds: when the ring drops its oldest
// record, that record's entry leaves the index with it, in O(1).
import { EventEmitter } from 'node:events';
import type { PduHeaderFields } from './pduEvent';
import type { PduEvent } from './session/esme';
import { Ring } from './link/ring';
import { expectsResponse } from './tables/commands';

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

/**
 * Requests waiting for their response on one connection, by the publisher's event id, in a table
 * addressed by `id % size`: adding and pairing allocate nothing, so a flood leaves no garbage
 * here. It starts small and doubles when a request still in the ring would be written over, up
 * to the largest power of two within twice the ring's capacity: a request older than that many
 * events of its connection has left the ring anyway.
 */
class AwaitingTable {
  ids: Float64Array;
  records: (CaptureRecord | undefined)[];
  occupied = 0;

  constructor(size: number) {
    this.ids = new Float64Array(size).fill(-1);
    this.records = new Array<CaptureRecord | undefined>(size).fill(undefined);
  }

  get size(): number {
    return this.ids.length;
  }

  /** Takes out the request of event `id`, if it is here. */
  take(id: number): CaptureRecord | undefined {
    const slot = id % this.ids.length;
    if (this.ids[slot] !== id) return undefined;
    const record = this.records[slot];
    this.ids[slot] = -1;
    this.records[slot] = undefined;
    this.occupied--;
    return record;
  }

  /** The record in `id`'s slot, whatever its id. */
  occupant(id: number): CaptureRecord | undefined {
    return this.records[id % this.ids.length];
  }

  put(id: number, record: CaptureRecord): void {
    const slot = id % this.ids.length;
    if (this.records[slot] === undefined) this.occupied++;
    this.ids[slot] = id;
    this.records[slot] = record;
  }

  /** The same entries in a table twice as large. */
  grown(): AwaitingTable {
    const next = new AwaitingTable(this.ids.length * 2);
    for (let i = 0; i < this.ids.length; i++) if (this.records[i] !== undefined) next.put(this.ids[i]!, this.records[i]!);
    return next;
  }
}

const FIRST_TABLE_SIZE = 64;

export class CaptureStore extends EventEmitter<CaptureEvents> {
  private readonly ring: Ring<CaptureRecord>;
  private nextId = 1;
  /** Requests waiting for their response, per connection (see AwaitingTable). */
  private readonly awaiting = new Map<string, AwaitingTable>();
  private readonly maxTableSize: number;

  constructor(capacity = DEFAULT_CAPTURE_SIZE) {
    super();
    this.ring = new Ring(capacity);
    let size = 1;
    while (size * 2 <= 2 * capacity) size *= 2;
    this.maxTableSize = size;
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

  /** Requests in the pairing index, over every connection: never more than twice the capacity per connection. */
  get pairingIndexSize(): number {
    let n = 0;
    for (const t of this.awaiting.values()) n += t.occupied;
    return n;
  }

  /** Adds a session's PDU event under a connection name. The record keeps a copy of its bytes. */
  add(connection: string, e: PduEvent, extra: Pick<CaptureRecord, 'leg' | 'application' | 'local' | 'remote'> = {}): CaptureRecord {
    const record: CaptureRecord = {
      id: this.nextId++,
      connection,
      direction: e.direction,
      timestamp: e.timestamp,
      // A copy, into Node's buffer pool: off the collector's heap, so that a flood's records (a
      // 10 000-record ring turns over many times a second) are not copied and promoted by it.
      bytes: Buffer.from(e.bytes),
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
    let table = this.awaiting.get(connection);
    if (e.request) {
      const request = table?.take(e.request.id);
      if (request && this.inRing(request)) {
        record.request = { id: request.id, rtt: e.request.rtt };
        request.responseId = record.id;
      }
    } else if ((e.command_id & 0x80000000) === 0 && expectsResponse(e.command)) {
      if (!table) {
        table = new AwaitingTable(Math.min(FIRST_TABLE_SIZE, this.maxTableSize));
        this.awaiting.set(connection, table);
      }
      while (table.size < this.maxTableSize) {
        const there = table.occupant(e.id);
        if (there === undefined || !this.inRing(there)) break;
        table = table.grown();
        this.awaiting.set(connection, table);
      }
      table.put(e.id, record);
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
    this.awaiting.clear();
    this.emit('cleared');
  }

  /**
   * Records leave the ring oldest first, and ids grow: the ring holds the newest `size` ids.
   * (Asked while a record is being added, before it goes in: its id is `nextId - 1`.)
   */
  private inRing(record: CaptureRecord): boolean {
    return record.id >= this.nextId - 1 - this.ring.size;
  }
}
