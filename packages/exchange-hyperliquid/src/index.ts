export { hyperliquid } from './hyperliquid-adapter';
export { COINM_UNSUPPORTED_REASON, HYPERLIQUID_INTERVALS, HYPERLIQUID_MARKET_SPECS } from './market-specs';
