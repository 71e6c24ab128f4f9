import type { Candle } from '../candle';
import type { FeedEvent } from '../feed-types';

/** Records a subscription's events (pass `recorder.onEvent`) and waits for conditions on them. */
export class EventRecorder {
  readonly events: FeedEvent[] = [];
  #waiters: Array<{ check: () => boolean; resolve: () => void }> = [];

  readonly onEvent = (event: FeedEvent): void => {
    this.events.push(event);
    this.#waiters = this.#waiters.filter((waiter) => {
      if (!waiter.check()) return true;
      waiter.resolve();
      return false;
    });
  };

  ofType<T extends FeedEvent['type']>(type: T): Array<Extract<FeedEvent, { type: T }>> {
    return this.events.filter((event): event is Extract<FeedEvent, { type: T }> => event.type === type);
  }

  closedCandles(): Candle[] {
    return this.ofType('candle')
      .filter((event) => event.candle.closed)
      .map((event) => event.candle);
  }

  restCandles(): Candle[] {
    return this.ofType('candle')
      .filter((event) => event.source === 'rest')
      .map((event) => event.candle);
  }

  /** Resolves once `check()` holds (checked on every event); rejects after `timeoutMs` real ms naming `what`. */
  until(check: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
    if (check()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new Error(`timed out waiting for ${what}; events: ${JSON.stringify(this.events.map(describe))}`),
          ),
        timeoutMs,
      );
      this.#waiters.push({
        check,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      });
    });
  }
}

function describe(event: FeedEvent): string {
  if (event.type === 'candle')
    return `${event.candle.closed ? 'closed' : 'open'}@${new Date(event.candle.openTime).toISOString().slice(11, 19)}/${event.source}`;
  if (event.type === 'error') return `error:${event.error.message}`;
  return event.type;
}

/** Polls `check` (for state outside the feed, like the toy venue's counters) until it holds. */
export async function waitFor(check: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
