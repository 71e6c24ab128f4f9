export { bybit } from './bybit-adapter';
export type { BybitCategory } from './bybit-category';
export { bybitCategory } from './bybit-category';
export { BYBIT_INTERVALS } from './bybit-intervals';
export { BYBIT_MARKET_SPECS, BYBIT_PING_FRAME } from './bybit-market-specs';
export { parseBybitCandleFrame } from './kline-frame-bytes';
