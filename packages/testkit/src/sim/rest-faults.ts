/**
 * Slow and hanging REST responses (real time, as a client's request timeout is): `slow(count, ms)`
 * delays the next `count` responses, `hang(count)` holds the next `count` until the client gives up
 * (closes the request), `release()` or the server closes. `SimServer` awaits `before(request)` ahead of
 * every REST handler, so the response a hung request would get is computed when it is let go.
 */

/** How a push is spoiled on the wire by the truncated / garbage / oversized frame faults. */
export type FrameMangle = 'truncate' | 'garbage' | 'oversize';

type Pending = { kind: 'slow'; delayMs: number } | { kind: 'hang' };

export class RestFaults {
  private readonly queue: Pending[] = [];
  private readonly hung = new Set<() => void>();

  slow(count: number, delayMs: number): void {
    if (!(delayMs >= 0) || !Number.isFinite(delayMs))
      throw new Error(`slowRest(delayMs) needs a finite ms ≥ 0, got ${delayMs}`);
    for (let index = 0; index < count; index += 1) this.queue.push({ kind: 'slow', delayMs });
  }

  hang(count: number): void {
    for (let index = 0; index < count; index += 1) this.queue.push({ kind: 'hang' });
  }

  /** Lets every hung request go on (its handler then answers). */
  release(): void {
    const waiting = [...this.hung];
    this.hung.clear();
    for (const resolve of waiting) resolve();
  }

  /** Requests held right now. */
  hungCount(): number {
    return this.hung.size;
  }

  /** Resolves when this request may be answered; `undefined` when it goes through at once. */
  before(aborted: Promise<void>): Promise<void> | undefined {
    const next = this.queue.shift();
    if (!next) return undefined;
    if (next.kind === 'slow') {
      return new Promise((resolve) => {
        const timer = setTimeout(resolve, next.delayMs);
        timer.unref();
        void aborted.then(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return new Promise((resolve) => {
      const done = (): void => {
        this.hung.delete(done);
        resolve();
      };
      this.hung.add(done);
      void aborted.then(done);
    });
  }
}
