import { abortedError } from './sleep';

/**
 * `normal`: gap fill, close checks, `history()`. `background`: work nobody's candles wait on
 * (history joins for new consumers): it never takes the REST budget ahead of normal calls.
 */
export type RestPriority = 'normal' | 'background';

/**
 * Lets background REST calls through one at a time, and only while no normal call is under way, so
 * they never reserve the venue's budget ahead of gap fill. A normal call arriving while a background
 * call runs waits at most for that one request.
 */
export class BackgroundLane {
  #normal = 0;
  #busy = false;
  readonly #waiting: Array<() => void> = [];

  normalStarted(): void {
    this.#normal += 1;
  }

  normalEnded(): void {
    this.#normal -= 1;
    this.#wake();
  }

  async run<T>(task: () => Promise<T>, signal: AbortSignal | undefined): Promise<T> {
    while (this.#busy || this.#normal > 0) await this.#wait(signal);
    this.#busy = true;
    try {
      return await task();
    } finally {
      this.#busy = false;
      this.#wake();
    }
  }

  #wait(signal: AbortSignal | undefined): Promise<void> {
    if (signal?.aborted) return Promise.reject(abortedError(signal));
    return new Promise<void>((resolve, reject) => {
      const onAbort = (): void => {
        const index = this.#waiting.indexOf(wake);
        if (index >= 0) this.#waiting.splice(index, 1);
        reject(abortedError(signal));
      };
      const wake = (): void => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      this.#waiting.push(wake);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  #wake(): void {
    if (this.#busy || this.#normal > 0) return;
    for (const wake of this.#waiting.splice(0)) wake();
  }
}
