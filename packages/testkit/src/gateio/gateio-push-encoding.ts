/**
 * How Gate pushes candles, per family:
 * - spot: one object, `t` a string; `w` per candle (deterministic by candle): `flagged` — updates
 *   `w:false`, the final push `w:true`; `absent` — no `w` anywhere ("true may be missing");
 *   `unflagged` — every push `w:false`, the final state included. In the last two the final state is
 *   pushed but never marked: the next candle's first push is the only sign the window closed.
 * - futures: an array, integer `t`, `v` in contracts, no `w`. Per candle either the final state comes
 *   alone (`[final]`) or together with the next candle's first update (`[final, next]`).
 * An encoding of `undefined` means "nothing is sent for this push".
 */
import { alignOpenTime, intervalMs } from '@ohlcv/core';
import { type CandleGenerator, type CandleState, hashString } from '../sim/candle-generator';
import type { KlinePush } from '../sim/stream-registry';
import { futuresPushElement, spotPushResult } from './gateio-candle-values';
import { updateFrame } from './gateio-envelopes';
import type { GateInstrument } from './gateio-instruments';

export type SpotCloseStyle = 'flagged' | 'absent' | 'unflagged';

/** The deterministic close style of one spot candle. */
export function spotCloseStyle(state: Pick<CandleState, 'symbol' | 'interval' | 'openTime'>): SpotCloseStyle {
  const pick = hashString(`gate-w|${state.symbol}|${state.interval}|${state.openTime}`) % 3;
  return pick === 0 ? 'flagged' : pick === 1 ? 'absent' : 'unflagged';
}

/** Whether a futures candle's final state rides with the next candle's first update (2-element array). */
function futuresFinalRidesNext(state: Pick<CandleState, 'symbol' | 'interval' | 'openTime'>): boolean {
  return hashString(`gate-pair|${state.symbol}|${state.interval}|${state.openTime}`) % 2 === 0;
}

export function encodeSpotPush(push: KlinePush): string | undefined {
  const style = spotCloseStyle(push.state);
  const result = spotPushResult(push.state, push.stream.interval);
  if (style === 'flagged') result.w = push.final;
  else if (style === 'unflagged') result.w = false;
  return updateFrame(push.eventTime, 'spot.candlesticks', result);
}

export function encodeFuturesPush(
  family: 'usdt' | 'btc',
  push: KlinePush,
  generator: CandleGenerator,
  instrument: GateInstrument,
): string | undefined {
  const { state, stream } = push;
  if (push.final) {
    if (futuresFinalRidesNext(state)) return undefined;
    return updateFrame(push.eventTime, 'futures.candlesticks', [
      futuresPushElement(family, state, instrument, stream.interval),
    ]);
  }
  const element = futuresPushElement(family, state, instrument, stream.interval);
  const firstOfCandle =
    push.eventTime === state.openTime && alignOpenTime(stream.interval, push.eventTime) === state.openTime;
  if (firstOfCandle) {
    const previousOpen = state.openTime - intervalMs(stream.interval);
    const previous = generator.final(stream.symbol, stream.interval, previousOpen);
    if (previous !== undefined && futuresFinalRidesNext(previous)) {
      const previousElement = futuresPushElement(family, previous, instrument, stream.interval);
      return updateFrame(push.eventTime, 'futures.candlesticks', [previousElement, element]);
    }
  }
  return updateFrame(push.eventTime, 'futures.candlesticks', [element]);
}
