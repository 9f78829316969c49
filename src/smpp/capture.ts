// The capture: every PDU that crossed any session, newest kept, in a bounded ring. Requests are
// paired with their responses (and the round trip) as the responses arrive.
//
// The ring is kept in columns (typed arrays, and arrays of shared strings and endpoint objects),
// and each record's bytes are copied into large slabs: adding a record allocates nothing on the
// collector's heap, so a flood turning a 10 000-record ring over many times a second leaves no
// garbage and nothing for the collector to copy or promote. Records become objects only when
// someone reads them (`get`, `records`, the 'record' event, emitted only while listened to).
//
// Every record owns its bytes: a publisher's event bytes may be a view of a socket chunk or of a
// buffer it reuses, so they are copied on the way in; a record read out gets its own copy again,
// so what a reader does to it never reaches the store. The pairing index holds exactly the
// records the ring holds.
import { EventEmitter } from 'node:events';
import type { PduDirection, PduHeaderFields } from './pduEvent';
import type { PduEvent } from './session/esme';
import { expectsResponse } from './tables/commands';

export const DEFAULT_CAPTURE_SIZE = 10_000;

export interface CaptureEndpoint {
  host: string;
  port: number;
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
  application?: CaptureEndpoint;
  /** Local and remote endpoints, for pcap framing. */
  local?: CaptureEndpoint;
  remote?: CaptureEndpoint;
}

/** What a publisher may add to a record besides its event: kept by reference, so pass shared objects. */
export type CaptureExtra = Pick<CaptureRecord, 'leg' | 'application' | 'local' | 'remote'>;

export interface CaptureEvents {
  record: [CaptureRecord];
  cleared: [];
}

/**
 * Requests waiting for their response on one connection, by the publisher's event id, in a table
 * addressed by `id % size` that holds capture ids: adding and pairing allocate nothing. It starts
 * small and doubles when a request still in the ring would be written over, up to the largest
 * power of two within twice the ring's capacity: a request older than that many events of its
 * connection has left the ring anyway.
 */
class AwaitingTable {
  readonly events: Float64Array;
  /** Capture ids; 0 = empty. */
  readonly records: Float64Array;
  occupied = 0;

  constructor(size: number) {
    this.events = new Float64Array(size).fill(-1);
    this.records = new Float64Array(size);
  }

  get size(): number {
    return this.events.length;
  }

  /** Takes out the request of event `id`; its capture id, or 0. */
  take(id: number): number {
    const slot = id % this.events.length;
    if (this.events[slot] !== id) return 0;
    const record = this.records[slot]!;
    this.events[slot] = -1;
    this.records[slot] = 0;
    this.occupied--;
    return record;
  }

  /** The capture id in `id`'s slot, whatever its event id; 0 when empty. */
  occupant(id: number): number {
    return this.records[id % this.events.length]!;
  }

  put(id: number, record: number): void {
    const slot = id % this.events.length;
    if (this.records[slot] === 0) this.occupied++;
    this.events[slot] = id;
    this.records[slot] = record;
  }

  /** The same entries in a table twice as large. */
  grown(): AwaitingTable {
    const next = new AwaitingTable(this.events.length * 2);
    for (let i = 0; i < this.events.length; i++) if (this.records[i] !== 0) next.put(this.events[i]!, this.records[i]!);
    return next;
  }
}

const FIRST_TABLE_SIZE = 64;
/** Bytes are copied into slabs of this size (a larger PDU gets a slab of its own). */
const SLAB_SIZE = 64 * 1024;
const EMPTY = new Uint8Array(0);

export class CaptureStore extends EventEmitter<CaptureEvents> {
  readonly capacity: number;
  /** The id the next record gets; ids grow by one per record, so a record's slot is `(id - 1) % capacity`. */
  private nextId = 1;
  /** The id of the oldest record held. */
  private firstId = 1;
  private droppedCount = 0;
  // The columns, by slot.
  private readonly connections: string[];
  private readonly commands: string[];
  private readonly directions: Uint8Array;
  private readonly timestamps: Float64Array;
  private readonly commandIds: Uint32Array;
  private readonly statuses: Uint32Array;
  private readonly sequences: Uint32Array;
  /** The request's capture id (0 = none) and the round trip, for a response paired with one. */
  private readonly requestIds: Float64Array;
  private readonly rtts: Float64Array;
  /** The response's capture id (0 = none), for a request. */
  private readonly responseIds: Float64Array;
  private readonly legs: (string | undefined)[];
  private readonly applications: (CaptureEndpoint | undefined)[];
  private readonly locals: (CaptureEndpoint | undefined)[];
  private readonly remotes: (CaptureEndpoint | undefined)[];
  /** Where each record's bytes are: a slab, an offset in it and a length. Slabs are never written over. */
  private readonly slabs: Uint8Array[];
  private readonly offsets: Uint32Array;
  private readonly lengths: Uint32Array;
  private slab: Uint8Array = EMPTY;
  private slabUsed = 0;
  /** Requests waiting for their response, per connection (see AwaitingTable). */
  private readonly awaiting = new Map<string, AwaitingTable>();
  private readonly maxTableSize: number;

  constructor(capacity = DEFAULT_CAPTURE_SIZE) {
    super();
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`capture capacity must be a positive integer, not ${capacity}`);
    this.capacity = capacity;
    this.connections = new Array<string>(capacity).fill('');
    this.commands = new Array<string>(capacity).fill('');
    this.directions = new Uint8Array(capacity);
    this.timestamps = new Float64Array(capacity);
    this.commandIds = new Uint32Array(capacity);
    this.statuses = new Uint32Array(capacity);
    this.sequences = new Uint32Array(capacity);
    this.requestIds = new Float64Array(capacity);
    this.rtts = new Float64Array(capacity);
    this.responseIds = new Float64Array(capacity);
    this.legs = new Array<string | undefined>(capacity).fill(undefined);
    this.applications = new Array<CaptureEndpoint | undefined>(capacity).fill(undefined);
    this.locals = new Array<CaptureEndpoint | undefined>(capacity).fill(undefined);
    this.remotes = new Array<CaptureEndpoint | undefined>(capacity).fill(undefined);
    this.slabs = new Array<Uint8Array>(capacity).fill(EMPTY);
    this.offsets = new Uint32Array(capacity);
    this.lengths = new Uint32Array(capacity);
    let size = 1;
    while (size * 2 <= 2 * capacity) size *= 2;
    this.maxTableSize = size;
  }

  get size(): number {
    return this.nextId - this.firstId;
  }

  /** How many records were dropped to respect the capacity. */
  get dropped(): number {
    return this.droppedCount;
  }

  /** Requests in the pairing index, over every connection: never more than twice the capacity per connection. */
  get pairingIndexSize(): number {
    let n = 0;
    for (const t of this.awaiting.values()) n += t.occupied;
    return n;
  }

  /**
   * Adds a session's PDU event under a connection name; returns the record's id. The record
   * keeps a copy of the bytes, and `extra`'s values by reference.
   */
  add(connection: string, e: PduEvent, extra?: CaptureExtra): number {
    if (this.size === this.capacity) this.dropOldest();
    const id = this.nextId++;
    const slot = (id - 1) % this.capacity;
    this.connections[slot] = connection;
    this.commands[slot] = e.command;
    this.directions[slot] = e.direction === 'out' ? 1 : 0;
    this.timestamps[slot] = e.timestamp;
    this.commandIds[slot] = e.command_id;
    this.statuses[slot] = e.command_status;
    this.sequences[slot] = e.sequence_number;
    this.requestIds[slot] = 0;
    this.rtts[slot] = 0;
    this.responseIds[slot] = 0;
    this.legs[slot] = extra?.leg;
    this.applications[slot] = extra?.application;
    this.locals[slot] = extra?.local;
    this.remotes[slot] = extra?.remote;
    this.keepBytes(slot, e.bytes);

    let table = this.awaiting.get(connection);
    if (e.request) {
      const request = table?.take(e.request.id) ?? 0;
      if (request !== 0 && request >= this.firstId) {
        this.requestIds[slot] = request;
        this.rtts[slot] = e.request.rtt;
        this.responseIds[(request - 1) % this.capacity] = id;
      }
    } else if ((e.command_id & 0x80000000) === 0 && expectsResponse(e.command)) {
      if (!table) {
        table = new AwaitingTable(Math.min(FIRST_TABLE_SIZE, this.maxTableSize));
        this.awaiting.set(connection, table);
      }
      while (table.size < this.maxTableSize) {
        const there = table.occupant(e.id);
        if (there === 0 || there < this.firstId) break;
        table = table.grown();
        this.awaiting.set(connection, table);
      }
      table.put(e.id, id);
    }
    if (this.listenerCount('record') > 0) this.emit('record', this.read(id));
    return id;
  }

  /** The record `id` while the ring holds it. */
  get(id: number): CaptureRecord | undefined {
    return Number.isInteger(id) && id >= this.firstId && id < this.nextId ? this.read(id) : undefined;
  }

  /** Oldest first, optionally only one connection's. */
  records(connection?: string): CaptureRecord[] {
    const out: CaptureRecord[] = [];
    for (let id = this.firstId; id < this.nextId; id++) {
      if (connection === undefined || this.connections[(id - 1) % this.capacity] === connection) out.push(this.read(id));
    }
    return out;
  }

  clear(): void {
    for (let id = this.firstId; id < this.nextId; id++) this.forget((id - 1) % this.capacity);
    this.firstId = this.nextId;
    this.slab = EMPTY;
    this.slabUsed = 0;
    this.awaiting.clear();
    this.emit('cleared');
  }

  private dropOldest(): void {
    this.forget((this.firstId - 1) % this.capacity);
    this.firstId++;
    this.droppedCount++;
  }

  /** Lets go of what a slot refers to, so a dropped record keeps no slab or endpoint alive. */
  private forget(slot: number): void {
    this.slabs[slot] = EMPTY;
    this.legs[slot] = undefined;
    this.applications[slot] = undefined;
    this.locals[slot] = undefined;
    this.remotes[slot] = undefined;
  }

  private keepBytes(slot: number, bytes: Uint8Array): void {
    const n = bytes.length;
    if (n > this.slab.length - this.slabUsed) {
      // A new slab; the old one lives on as long as a record in the ring points into it.
      this.slab = new Uint8Array(Math.max(SLAB_SIZE, n));
      this.slabUsed = 0;
    }
    this.slab.set(bytes, this.slabUsed);
    this.slabs[slot] = this.slab;
    this.offsets[slot] = this.slabUsed;
    this.lengths[slot] = n;
    this.slabUsed += n;
  }

  /** The record of a held id, as an object with its own copy of the bytes. */
  private read(id: number): CaptureRecord {
    const slot = (id - 1) % this.capacity;
    const offset = this.offsets[slot]!;
    const record: CaptureRecord = {
      id,
      connection: this.connections[slot]!,
      direction: (this.directions[slot] === 1 ? 'out' : 'in') satisfies PduDirection,
      timestamp: this.timestamps[slot]!,
      bytes: Buffer.from(this.slabs[slot]!.subarray(offset, offset + this.lengths[slot]!)),
      command: this.commands[slot]!,
      command_id: this.commandIds[slot]!,
      command_status: this.statuses[slot]!,
      sequence_number: this.sequences[slot]!,
    };
    const request = this.requestIds[slot]!;
    if (request !== 0) record.request = { id: request, rtt: this.rtts[slot]! };
    const response = this.responseIds[slot]!;
    if (response !== 0) record.responseId = response;
    const leg = this.legs[slot];
    if (leg !== undefined) record.leg = leg;
    const application = this.applications[slot];
    if (application !== undefined) record.application = application;
    const local = this.locals[slot];
    if (local !== undefined) record.local = local;
    const remote = this.remotes[slot];
    if (remote !== undefined) record.remote = remote;
    return record;
  }
}
