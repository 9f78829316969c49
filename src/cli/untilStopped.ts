// How a long-running command (the simulator, the proxy) waits to be stopped: Ctrl+C (SIGINT),
// SIGTERM, or an abort signal when it runs inside a test or another program.

export interface StopSources {
  /** Stops the command when aborted (tests, embedding). */
  signal?: AbortSignal;
  /** Listen for SIGINT and SIGTERM; default true. */
  handleSignals?: boolean;
}

/** Resolves with what stopped it ('SIGINT', 'SIGTERM' or 'stopped'), its listeners removed. */
export function untilStopped(io: StopSources): Promise<string> {
  return new Promise<string>((resolve) => {
    const signals = io.handleSignals !== false;
    const onSigint = (): void => finish('SIGINT');
    const onSigterm = (): void => finish('SIGTERM');
    const onAbort = (): void => finish('stopped');
    function finish(reason: string): void {
      if (signals) {
        process.off('SIGINT', onSigint);
        process.off('SIGTERM', onSigterm);
      }
      io.signal?.removeEventListener('abort', onAbort);
      resolve(reason);
    }
    if (signals) {
      process.on('SIGINT', onSigint);
      process.on('SIGTERM', onSigterm);
    }
    if (io.signal?.aborted) finish('stopped');
    else io.signal?.addEventListener('abort', onAbort, { once: true });
  });
}
