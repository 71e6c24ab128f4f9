import type { Candle, MarketType } from './candle';
import type { EngineContext } from './engine-context';
import type { InstrumentIndex, MarketSpec, StreamRef, VenueAdapter } from './venue-adapter';
import type { VenueConnection } from './venue-connection';

/** What a connection reports to its owner. `onCandle` is the hot path: keep it synchronous and cheap. */
export interface ConnectionHandler {
  onCandle(candle: Candle, receivedAt: number): void;
  onAcked(streams: readonly StreamRef[]): void;
  onRejected(streams: readonly StreamRef[], message: string, code: string | undefined): void;
  onOpen(connection: VenueConnection): void;
  /** The connection keeps closing right after it subscribes, before any candle (a symbol may be gone). */
  onUnstable(connection: VenueConnection): void;
  instruments(): InstrumentIndex | undefined;
  /** Milliseconds to wait before a (re)connect is allowed (the venue market's connect rate). */
  connectDelayMs(): number;
}

export interface VenueConnectionOptions {
  id: number;
  adapter: VenueAdapter;
  market: MarketType;
  spec: MarketSpec;
  wsBase: string;
  context: EngineContext;
  handler: ConnectionHandler;
}
