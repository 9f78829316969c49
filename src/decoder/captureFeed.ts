// What the decoder page is sent of the capture: when the page (re)starts, the whole capture, in
// messages of at most `chunk` rows, one per turn of the event loop (so a capture of a million PDUs
// never becomes one huge message, and the host keeps answering between chunks); after that, new
// records gathered for `batchMs` and sent together; and `captureCleared` when the capture is
// cleared. Records captured while the snapshot is still going out follow it, in order. No
// `vscode` import, so it is tested on its own.
import type { CaptureRecord, CaptureStore } from '../smpp/capture';
import type { CaptureRow, HostToWebview } from '../shared/decoderMessages';
import { toCaptureRow } from './captureRows';

export type CaptureMessage = Extract<HostToWebview, { type: 'captureSnapshot' | 'captureRecords' | 'captureCleared' }>;

export interface FeedScheduler {
  /** Runs `fn` on a later turn of the event loop. */
  defer(fn: () => void): void;
  /** Runs `fn` after `ms`; returns the cancel function. */
  after(ms: number, fn: () => void): () => void;
}

export const nodeScheduler: FeedScheduler = {
  defer: (fn) => void setImmediate(fn),
  after: (ms, fn) => {
    const t = setTimeout(fn, ms);
    return () => clearTimeout(t);
  },
};

export interface CaptureFeedOptions {
  /** Rows per snapshot message. Default 5 000. */
  chunk?: number;
  /** How long new records gather before they go together, ms. Default 100. */
  batchMs?: number;
  scheduler?: FeedScheduler;
}

export class CaptureFeed {
  private readonly chunk: number;
  private readonly batchMs: number;
  private readonly scheduler: FeedScheduler;
  private active = false;
  /** The snapshot still going out: the records taken when the page started, and the next index. */
  private snapshot: { records: CaptureRecord[]; next: number } | undefined;
  /** Bumped by every start, clear and stop, so a chunk scheduled before it does nothing. */
  private generation = 0;
  private pending: CaptureRow[] = [];
  private cancelBatch: (() => void) | undefined;
  private readonly onRecord = (r: CaptureRecord): void => this.record(r);
  private readonly onCleared = (): void => this.cleared();

  constructor(
    private readonly capture: CaptureStore,
    private readonly post: (m: CaptureMessage) => void,
    options: CaptureFeedOptions = {},
  ) {
    this.chunk = Math.max(1, options.chunk ?? 5000);
    this.batchMs = options.batchMs ?? 100;
    this.scheduler = options.scheduler ?? nodeScheduler;
    capture.on('record', this.onRecord);
    capture.on('cleared', this.onCleared);
  }

  /** The page is (re)ready: it gets the whole capture, then every record as it comes. */
  start(): void {
    this.reset();
    this.active = true;
    const records = this.capture.records();
    this.post({ type: 'captureSnapshot', records: records.slice(0, this.chunk).map(toCaptureRow), capacity: this.capture.capacity });
    if (records.length > this.chunk) {
      this.snapshot = { records, next: this.chunk };
      const generation = this.generation;
      this.scheduler.defer(() => this.sendChunk(generation));
    }
  }

  /** Whether part of a snapshot is still to go out. */
  get sendingSnapshot(): boolean {
    return this.snapshot !== undefined;
  }

  dispose(): void {
    this.reset();
    this.active = false;
    this.capture.off('record', this.onRecord);
    this.capture.off('cleared', this.onCleared);
  }

  private reset(): void {
    this.generation++;
    this.snapshot = undefined;
    this.pending = [];
    this.cancelBatch?.();
    this.cancelBatch = undefined;
  }

  private sendChunk(generation: number): void {
    const s = this.snapshot;
    if (generation !== this.generation || s === undefined) return;
    const end = Math.min(s.records.length, s.next + this.chunk);
    this.post({ type: 'captureRecords', records: s.records.slice(s.next, end).map(toCaptureRow) });
    s.next = end;
    if (end < s.records.length) {
      this.scheduler.defer(() => this.sendChunk(generation));
      return;
    }
    this.snapshot = undefined;
    this.flush();
  }

  private record(r: CaptureRecord): void {
    // A page that has not started gets the whole capture when it does.
    if (!this.active) return;
    this.pending.push(toCaptureRow(r));
    if (this.snapshot === undefined) this.cancelBatch ??= this.scheduler.after(this.batchMs, () => this.flush());
  }

  private flush(): void {
    this.cancelBatch?.();
    this.cancelBatch = undefined;
    // Records that came while the snapshot was going out wait for its last chunk.
    if (this.snapshot !== undefined || this.pending.length === 0) return;
    const records = this.pending;
    this.pending = [];
    this.post({ type: 'captureRecords', records });
  }

  private cleared(): void {
    if (!this.active) return;
    this.reset();
    this.post({ type: 'captureCleared' });
  }
}
