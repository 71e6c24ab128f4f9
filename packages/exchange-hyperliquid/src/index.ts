export { candleFromRow } from './candle-row';
export { candleSnapshotWeight, hyperliquidCandlesRequest, INFO_WEIGHT } from './candles-request';
export { hyperliquidHttpError } from './http-error';
export { hyperliquid } from './hyperliquid-adapter';
export { hyperliquidInterval, intervalFromHyperliquid } from './hyperliquid-interval';
export { hyperliquidInfoUrl, hyperliquidWsUrl } from './hyperliquid-urls';
export { hyperliquidSymbolsRequest, parseHyperliquidSymbols, perpUnifiedSymbol } from './instruments';
export {
  COINM_UNSUPPORTED_REASON,
  HEARTBEAT_FRAME,
  HYPERLIQUID_INTERVALS,
  HYPERLIQUID_MARKET_SPECS,
} from './market-specs';
export { normalizeHyperliquidSymbol } from './normalize-symbol';
export { parseHyperliquidCandles } from './parse-candles';
export { parseHyperliquidFrame } from './parse-frame';
export {
  hyperliquidStreamName,
  hyperliquidSubscribeFrame,
  hyperliquidUnsubscribeFrame,
} from './subscription-frames';
