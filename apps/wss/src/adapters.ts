/**
 * The venues ohlcv-wss serves. The list lives once, in @ohlcv/health (the canary needs it too, and
 * the server depends on health, not the other way round): add a venue there.
 */
export { VENUE_ADAPTERS } from '@ohlcv/health';
