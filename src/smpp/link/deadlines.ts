// Response timers without a timer per request. Requests sent with the same timeout fall due in
// the order they were sent, so each timeout value keeps its requests in a queue with one clock
// timer, armed for the oldest. Answering a request only marks it; answered requests leave the
// front of the queue as they reach it, and the queue is compacted when answered ones pile up
// behind an old unanswered one, so it never holds much more than what is outstanding.
import type { Clock, TimerHandle } from './clock';

export interface Deadline {
  /** When it falls due, on the clock. */
  due: number;
  /** Answered or failed: no longer waits. */
  settled: boolean;
  /** The queue it waits in (set by Deadlines). */
  lane: unknown;
}

class Lane<T extends Deadline> {
  private items: T[] = [];
  private head = 0;
  private live = 0;
  private timer: TimerHandle | undefined;
  private armedFor = Infinity;

  constructor(
    private readonly clock: Clock,
    readonly timeout: number,
    private readonly onDue: (item: T) => void,
  ) {}

  add(item: T): void {
    this.items.push(item);
    this.live++;
    if (this.timer === undefined) this.arm();
  }

  settled(): void {
    if (this.live === 0) return;
    this.live--;
    this.trim();
    // Answered ones pile up behind an old unanswered request: drop them all at once.
    const held = this.items.length - this.head;
    if (held > 1024 && held > 4 * this.live) {
      this.items = this.items.slice(this.head).filter((i) => !i.settled);
      this.head = 0;
    }
    if (this.live === 0) this.stop();
  }

  stop(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.armedFor = Infinity;
  }

  clear(): void {
    this.stop();
    this.items = [];
    this.head = 0;
    this.live = 0;
  }

  private trim(): void {
    while (this.head < this.items.length && this.items[this.head]!.settled) this.head++;
    if (this.head === this.items.length) {
      this.items.length = 0;
      this.head = 0;
    } else if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
  }

  private arm(): void {
    this.trim();
    const first = this.items[this.head];
    if (!first) return;
    if (this.timer !== undefined && this.armedFor <= first.due) return;
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.armedFor = first.due;
    this.timer = this.clock.setTimeout(() => this.fire(), Math.max(0, first.due - this.clock.now()));
  }

  private fire(): void {
    this.timer = undefined;
    this.armedFor = Infinity;
    const now = this.clock.now();
    for (;;) {
      this.trim();
      const first = this.items[this.head];
      if (!first || first.due > now) break;
      this.head++;
      this.live--;
      first.settled = true;
      this.onDue(first);
    }
    this.arm();
  }
}

/** Deadlines of one link's requests, a queue per timeout value. */
export class Deadlines<T extends Deadline> {
  private readonly lanes = new Map<number, Lane<T>>();

  constructor(
    private readonly clock: Clock,
    private readonly onDue: (item: T) => void,
  ) {}

  /** Starts waiting for `item`, due `timeout` ms from now (`now`, when the caller has just read the clock). */
  add(item: T, timeout: number, now = this.clock.now()): void {
    let lane = this.lanes.get(timeout);
    if (!lane) {
      lane = new Lane(this.clock, timeout, this.onDue);
      this.lanes.set(timeout, lane);
    }
    item.due = now + timeout;
    item.settled = false;
    item.lane = lane;
    lane.add(item);
  }

  /** `item` no longer waits (answered, or failed another way). */
  settle(item: T): void {
    if (item.settled) return;
    item.settled = true;
    (item.lane as Lane<T> | undefined)?.settled();
  }

  /** Stops every timer; nothing falls due any more. */
  clear(): void {
    for (const lane of this.lanes.values()) lane.clear();
    this.lanes.clear();
  }
}
