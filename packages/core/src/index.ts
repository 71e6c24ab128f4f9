export type { BackoffOptions } from './backoff';
export { Backoff } from './backoff';
export type { Candle, ExchangeId, MarketType } from './candle';
export { MARKET_TYPES } from './candle';
export type {
  BusFollow,
  BusListener,
  BusStatus,
  CandleBus,
  CandleBusFactory,
  CandleBusOptions,
} from './candle-bus';
export { CANDLE_BUS_SPEC_VERSION } from './candle-bus';
export { HoleFinder } from './candle-holes';
export { candleWindows } from './candle-pages';
export { CandleRing } from './candle-ring';
export type {
  CandleHole,
  CandleRangeQuery,
  CandleStore,
  CandleStoreFactory,
} from './candle-store';
export { CANDLE_STORE_SPEC_VERSION } from './candle-store';
export type { CircuitBreakerOptions, CircuitState } from './circuit-breaker';
export { CircuitBreaker } from './circuit-breaker';
export type { Clock, TimerHandle } from './clock';
export { systemClock } from './clock';
export type { ConflationRules } from './conflating-buffer';
export { ConflatingBuffer, feedEventConflation } from './conflating-buffer';
export { DEFAULT_BUFFER_SIZE } from './consumer';
export type { EndpointOverrides } from './endpoints';
export { endpointOverridesFromEnv, resolveEndpoint, validateBaseUrl } from './endpoints';
export type { OhlcvErrorCode } from './errors';
export {
  ConsumerOverflowError,
  OhlcvError,
  SymbolRejectedError,
  UnsupportedIntervalError,
  UnsupportedMarketError,
  VenueHttpError,
} from './errors';
export { createFeed } from './feed';
export type {
  ConnectionInfo,
  EngineNotice,
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
export type { HttpClientOptions } from './http-client';
export { createHttpClient, defaultHttpError, parseRetryAfter } from './http-client';
export type { Interval } from './interval';
export {
  alignOpenTime,
  closeTimeOf,
  INTERVALS,
  intervalMs,
  isInterval,
  nextOpenTime,
  parseInterval,
} from './interval';
export {
  AsciiTextCache,
  bytesAt,
  bytesEqual,
  decimalOfBytes,
  jsonBooleanAt,
  jsonNumberEnd,
  jsonScalarEnd,
  jsonStringEnd,
  jsonStringValueEnd,
  plainIntegerEnd,
  plainIntegerValue,
  readJsonObject,
} from './json-bytes';
export type { Logger } from './logger';
export { silentLogger } from './logger';
export { combineObservers, loggingObserver } from './logging-observer';
export { isExchangeId, isMarketType, parseExchangeId, parseMarketType } from './market';
export { redactUrl } from './redact-url';
export { closeMatches, resolveSymbol } from './resolve-symbol';
export type { CandleSource, StreamSequencerOptions } from './sequencer';
export { StreamSequencer } from './sequencer';
export { stallTimeoutFor } from './stall-timeout';
export { checkStorableCandles } from './store-checks';
export type { StoredCandleRow, StoredCandleValues } from './stored-candle-row';
export { candleOfStoredRow, storedCandleValues } from './stored-candle-row';
export type { StreamId } from './stream-key';
export { parseStreamKey, streamKey } from './stream-key';
export type { TokenBucketOptions } from './token-bucket';
export { TokenBucket } from './token-bucket';
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
  VenueIntervalId,
} from './venue-adapter';
export { VENUE_ADAPTER_SPEC_VERSION } from './venue-adapter';
export type { VenueRegistry } from './venue-registry';
export { createVenueRegistry } from './venue-registry';
export { heartbeatFrame, historyDepthOf, intervalOfVenueId, venueIntervalId } from './venue-spec';
export { isFiniteOhlcv, isRecord, parseDecimal, parseInteger, snippet, venueTimeOf } from './venue-values';
