export type { Candle, ExchangeId, MarketType } from './candle';
export { EXCHANGE_IDS, MARKET_TYPES } from './candle';
export type { Clock, TimerHandle } from './clock';
export { systemClock } from './clock';
export type { OhlcvErrorCode } from './errors';
export {
  ConsumerOverflowError,
  OhlcvError,
  SymbolRejectedError,
  UnsupportedIntervalError,
  UnsupportedMarketError,
  VenueHttpError,
} from './errors';
export type {
  ConnectionInfo,
  Feed,
  FeedEvent,
  FeedObserver,
  FeedOptions,
  FeedStatus,
  HistoryQuery,
  HttpClient,
  SubscribeOptions,
  Subscription,
} from './feed-types';
export type { Interval } from './interval';
export { alignOpenTime, closeTimeOf, INTERVALS, intervalMs, isInterval, nextOpenTime, parseInterval } from './interval';
export type { Logger } from './logger';
export { silentLogger } from './logger';
export { isExchangeId, isMarketType, parseExchangeId, parseMarketType } from './market';
export type { StreamId } from './stream-key';
export { parseStreamKey, streamKey } from './stream-key';
export type {
  CandlesQuery,
  Endpoint,
  HttpRequest,
  HttpResponse,
  InstrumentIndex,
  MarketSpec,
  StreamRef,
  SymbolInfo,
  VenueAdapter,
  VenueEvent,
} from './venue-adapter';
export { VENUE_ADAPTER_SPEC_VERSION } from './venue-adapter';
