import type { MarketType } from '@ohlcv/core';
import { pingChannel } from './market-paths';
import { requestTimeSeconds } from './request-time';

/** App ping period: the official demo pings every 10 s; sockets idle for ≈30 s are closed by Gate. */
export const HEARTBEAT_EVERY_MS = 10_000;

/** `{"time":<now s>,"channel":"spot.ping"}` / `futures.ping`. */
export function pingFrame(market: MarketType): string {
  return `{"time":${requestTimeSeconds()},"channel":"${pingChannel(market)}"}`;
}

/**
 * The spec's heartbeat. `frame` is a getter so each ping carries the current `time` (the contract
 * takes a fixed string; an engine that reads `frame` per ping gets a fresh stamp).
 */
export function gateHeartbeat(market: MarketType): { everyMs: number; readonly frame: string } {
  return {
    everyMs: HEARTBEAT_EVERY_MS,
    get frame(): string {
      return pingFrame(market);
    },
  };
}
