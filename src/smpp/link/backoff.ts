// Exponential backoff with full jitter and a cap, for reconnects and for throttled senders.

export interface BackoffOptions {
  /** First delay before jitter, ms. */
  initial: number;
  /** Largest delay, ms. */
  max: number;
  /** Growth per attempt. */
  factor: number;
  /** 0 = no jitter; 1 = anywhere in [delay/2, delay]. */
  jitter: number;
}

export const RECONNECT_BACKOFF: BackoffOptions = { initial: 1000, max: 60_000, factor: 2, jitter: 0.5 };

/**
 * The delay before attempt `attempt` (0-based). `random` returns [0, 1); injected so tests are
 * deterministic.
 */
export function backoffDelay(attempt: number, options: BackoffOptions, random: () => number = Math.random): number {
  const base = Math.min(options.max, options.initial * Math.pow(options.factor, Math.max(0, attempt)));
  const spread = base * options.jitter * 0.5;
  return Math.round(base - spread + random() * spread);
}
