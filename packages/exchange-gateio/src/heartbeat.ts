import type { MarketType } from '@ohlcv/core';
import { pingChannel } from './market-paths';
import { requestTimeSeconds } from './request-time';

/** App ping period: the official demo pings every 10 s; sockets idle for ≈30 s are closed by Gate. */
const HEARTBEAT_EVERY_MS = 10_000;

/** `{"time":<now s>,"channel":"spot.ping"}` / `futures.ping`, stamped with the engine's `now` (ms). */
function pingFrame(market: MarketType, now: number): string {
  return `{"time":${requestTimeSeconds(now)},"channel":"${pingChannel(market)}"}`;
}

/** The spec's heartbeat: the engine calls `frame` with its `now` per ping, so each carries the current `time`. */
export function gateHeartbeat(market: MarketType): { everyMs: number; frame: (now: number) => string } {
  return { everyMs: HEARTBEAT_EVERY_MS, frame: (now) => pingFrame(market, now) };
}
