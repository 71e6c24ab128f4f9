import type { Backoff } from './backoff';
import type { MarketType } from './candle';
import { contextBackoff, type EngineContext } from './engine-context';
import { isTransient } from './gap-fill';
import type { InstrumentCache } from './instruments';
import { sleep } from './sleep';
import type { InstrumentIndex } from './venue-adapter';

export interface InstrumentsWait {
  cache: InstrumentCache;
  context: EngineContext;
  exchange: string;
  market: MarketType;
  /** When the venue market's REST circuit allows its next trial, if it is open. */
  circuitRetryAt(): number | undefined;
  /** The subscriber stopped waiting. */
  gaveUp(): boolean;
}

/**
 * The instrument list for a new subscription. A venue that cannot be reached (network, 429, 5xx,
 * an open circuit) is asked again with backoff while the subscriber waits: an outage at start is
 * not a reason to fail the subscription. Undefined when the subscriber left or the feed closed;
 * a refusal that is not transient is thrown.
 */
export async function waitForInstruments(wait: InstrumentsWait): Promise<InstrumentIndex | undefined> {
  let backoff: Backoff | undefined;
  for (;;) {
    try {
      return await wait.cache.get();
    } catch (error) {
      const { clock, observer, signal } = wait.context;
      if (!isTransient(error) || signal.aborted) throw error;
      if (wait.gaveUp()) return undefined;
      backoff ??= contextBackoff(wait.context);
      const delayMs = Math.max(backoff.next(), (wait.circuitRetryAt() ?? 0) - clock.now());
      observer?.error?.({
        exchange: wait.exchange,
        market: wait.market,
        error,
        during: 'instrument list unavailable; asking again',
      });
      try {
        await sleep(clock, delayMs, signal);
      } catch {
        return undefined;
      }
      if (wait.gaveUp()) return undefined;
    }
  }
}
