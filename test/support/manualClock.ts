// A clock the test moves by hand. Timers fire in due order when the test calls advance().
import type { Clock, TimerHandle } from '../../src/smpp/link/clock';

interface Timer {
  id: number;
  due: number;
  fn: () => void;
}

export class ManualClock implements Clock {
  private time: number;
  private timers: Timer[] = [];
  private nextId = 1;

  constructor(start = Date.UTC(2026, 0, 1)) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    const t = { id: this.nextId++, due: this.time + Math.max(0, ms), fn };
    this.timers.push(t);
    return { id: t.id };
  }

  clearTimeout(handle: TimerHandle | undefined): void {
    if (handle) this.timers = this.timers.filter((t) => t.id !== handle.id);
  }

  /** Timers still waiting. */
  get pending(): number {
    return this.timers.length;
  }

  /** When the next timer is due, ms from now. */
  get nextDue(): number | undefined {
    if (this.timers.length === 0) return undefined;
    return Math.min(...this.timers.map((t) => t.due)) - this.time;
  }

  /** Moves time forward by `ms`, firing every timer that falls due, in order. */
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      const due = this.timers.filter((t) => t.due <= end).sort((a, b) => a.due - b.due || a.id - b.id)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t !== due);
      this.time = due.due;
      due.fn();
    }
    this.time = end;
  }
}
