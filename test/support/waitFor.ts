// Waiting on events instead of sleeping. Tests start waiting before they cause the event, or use
// an EventLog, which also finds events that happened before the wait began.
import type { EventEmitter } from 'node:events';

type Listener = (...args: unknown[]) => void;

interface Emitterish {
  on(event: string, listener: Listener): unknown;
  off(event: string, listener: Listener): unknown;
}

function loose(emitter: object): Emitterish {
  return emitter as unknown as Emitterish;
}

/** Resolves with the arguments of the next `event` whose arguments pass `predicate`. */
export function waitFor<E extends Record<keyof E, unknown[]>, K extends keyof E & string>(
  emitter: EventEmitter<E>,
  event: K,
  predicate: (...args: E[K]) => boolean = () => true,
): Promise<E[K]> {
  const em = loose(emitter);
  return new Promise<E[K]>((resolve) => {
    const listener: Listener = (...args) => {
      if (!predicate(...(args as E[K]))) return;
      em.off(event, listener);
      resolve(args as E[K]);
    };
    em.on(event, listener);
  });
}

/** Like waitFor, for an event with one argument: resolves with that argument. */
export async function next<E extends Record<keyof E, unknown[]>, K extends keyof E & string>(
  emitter: EventEmitter<E>,
  event: K,
  predicate: (arg: E[K][0]) => boolean = () => true,
): Promise<E[K][0]> {
  const args = await waitFor(emitter, event, ((...a: E[K]) => predicate(a[0])) as (...args: E[K]) => boolean);
  return args[0];
}

/**
 * Records every `event` (first argument) from the moment it is made. `wait(predicate)` resolves
 * with the first recorded item that passes, whether it came before or after the call.
 */
export class EventLog<T> {
  readonly items: T[] = [];
  private waiters: { predicate: (item: T) => boolean; resolve: (item: T) => void }[] = [];
  private readonly listener: Listener;

  constructor(
    private readonly emitter: object,
    private readonly event: string,
  ) {
    this.listener = (item) => {
      this.items.push(item as T);
      this.waiters = this.waiters.filter((w) => {
        if (!w.predicate(item as T)) return true;
        w.resolve(item as T);
        return false;
      });
    };
    loose(emitter).on(event, this.listener);
  }

  wait(predicate: (item: T) => boolean = () => true): Promise<T> {
    const found = this.items.find(predicate);
    if (found !== undefined) return Promise.resolve(found);
    return new Promise<T>((resolve) => this.waiters.push({ predicate, resolve }));
  }

  /** Waits until `count` recorded items pass `predicate`; resolves with them. */
  async waitCount(count: number, predicate: (item: T) => boolean = () => true): Promise<T[]> {
    for (;;) {
      const matching = this.items.filter(predicate);
      if (matching.length >= count) return matching.slice(0, count);
      await new Promise<T>((resolve) => this.waiters.push({ predicate, resolve }));
    }
  }

  filter(predicate: (item: T) => boolean): T[] {
    return this.items.filter(predicate);
  }

  stop(): void {
    loose(this.emitter).off(this.event, this.listener);
  }
}
