import type { Clock } from './clock';
import { OhlcvError } from './errors';

/** The error a wait or request ends with when the feed (or the caller) aborts it. */
export function abortedError(signal: AbortSignal | undefined): OhlcvError {
  const reason: unknown = signal?.reason;
  return OhlcvError.isInstance(reason)
    ? reason
    : new OhlcvError('the operation was aborted (feed closed or caller aborted)', { code: 'closed' });
}

/** Waits `ms` on the engine's clock; rejects when `signal` aborts. Not for the hot path. */
export function sleep(clock: Clock, ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(abortedError(signal));
  if (ms <= 0 && !signal) return Promise.resolve();
  return new Promise<void>((resolve, reject) => {
    const onAbort = (): void => {
      clock.clearTimeout(handle);
      reject(abortedError(signal));
    };
    const handle = clock.setTimeout(
      () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      },
      Math.max(0, ms),
    );
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
