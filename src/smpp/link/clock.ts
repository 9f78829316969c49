// Time as the session engine sees it. Injected, so that tests drive timers by hand and never
// sleep for real.

export interface TimerHandle {
  /** Opaque. */
  readonly id: number;
}

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  setTimeout(fn: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle | undefined): void;
}

/** The real clock. Timers are unref'd so that a forgotten one never keeps a process alive. */
export function systemClock(): Clock {
  const timers = new Map<number, ReturnType<typeof setTimeout>>();
  let next = 1;
  return {
    now: () => Date.now(),
    setTimeout(fn, ms) {
      const id = next++;
      const t = setTimeout(() => {
        timers.delete(id);
        fn();
      }, Math.max(0, ms));
      if (typeof t === 'object' && t !== null && 'unref' in t) t.unref();
      timers.set(id, t);
      return { id };
    },
    clearTimeout(handle) {
      if (!handle) return;
      const t = timers.get(handle.id);
      if (t !== undefined) {
        clearTimeout(t);
        timers.delete(handle.id);
      }
    },
  };
}

/**
 * Timers that end together (a connection's): each forgets itself when it fires or is cleared, and
 * `clearAll()` ends the rest, so a closed connection leaves no timer behind.
 */
export class TimerSet {
  private readonly handles = new Set<TimerHandle>();

  constructor(private readonly clock: Clock) {}

  set(fn: () => void, ms: number): TimerHandle {
    const handle = this.clock.setTimeout(() => {
      this.handles.delete(handle);
      fn();
    }, ms);
    this.handles.add(handle);
    return handle;
  }

  clear(handle: TimerHandle | undefined): void {
    if (handle === undefined) return;
    this.clock.clearTimeout(handle);
    this.handles.delete(handle);
  }

  clearAll(): void {
    for (const t of this.handles) this.clock.clearTimeout(t);
    this.handles.clear();
  }
}
