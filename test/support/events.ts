// Waiting for events in tests, with a deadline so that a missing event fails the test with a
// message instead of hanging it. The deadline is a safety net, not a timing assertion.
import type { EventEmitter } from 'node:events';

const DEFAULT_DEADLINE = 15_000;

export function waitForEvent<T = unknown>(
  emitter: EventEmitter,
  event: string,
  predicate: (value: T) => boolean = () => true,
  deadline = DEFAULT_DEADLINE,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      emitter.off(event, listener);
      reject(new Error(`no "${event}" event matching the expectation within ${deadline} ms`));
    }, deadline);
    const listener = (value: T): void => {
      if (!predicate(value)) return;
      clearTimeout(timer);
      emitter.off(event, listener);
      resolve(value);
    };
    emitter.on(event, listener);
  });
}

/** Resolves once `check()` is true, re-checking after every `event` on `emitter`. */
export async function until(emitter: EventEmitter, event: string, check: () => boolean, deadline = DEFAULT_DEADLINE): Promise<void> {
  if (check()) return;
  await waitForEvent(emitter, event, () => check(), deadline);
}
