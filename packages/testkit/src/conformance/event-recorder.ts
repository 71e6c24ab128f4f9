import type { Candle, FeedEvent } from '@ohlcv/core';

/** Collects a subscription's events for assertions (conformance tests only). */
export class EventRecorder {
  readonly events: FeedEvent[] = [];

  readonly onEvent = (event: FeedEvent): void => {
    this.events.push(event);
  };

  closedCandles(): Candle[] {
    const out: Candle[] = [];
    for (const event of this.events)
      if (event.type === 'candle' && event.candle.closed) out.push(event.candle);
    return out;
  }

  openCandles(): Candle[] {
    const out: Candle[] = [];
    for (const event of this.events)
      if (event.type === 'candle' && !event.candle.closed) out.push(event.candle);
    return out;
  }

  restCandles(): Candle[] {
    const out: Candle[] = [];
    for (const event of this.events)
      if (event.type === 'candle' && event.source === 'rest') out.push(event.candle);
    return out;
  }

  ofType<T extends FeedEvent['type']>(type: T): Array<Extract<FeedEvent, { type: T }>> {
    return this.events.filter((event): event is Extract<FeedEvent, { type: T }> => event.type === type);
  }
}
