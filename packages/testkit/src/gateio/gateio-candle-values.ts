import type { Candle, MarketType } from '@ohlcv/core';
import type { CandleState } from '../sim/candle-generator';
import type { GateFamily, GateInstrument } from './gateio-instruments';

/** Contracts traded: usdt = base ÷ quanto_multiplier (whole by construction); btc inverse = USD notional. */
function contractsOf(family: 'usdt' | 'btc', state: CandleState, instrument: GateInstrument): number {
  return family === 'btc'
    ? Math.round(state.quoteVolume)
    : Math.round(state.volume / instrument.quantoMultiplier);
}

/** Spot push `result` object: `t` string seconds, `a` base, `v` quote. `w` is added by the caller. */
export function spotPushResult(state: CandleState, gateInterval: string): Record<string, unknown> {
  return {
    t: String(state.openTime / 1000),
    v: String(state.quoteVolume),
    c: String(state.close),
    h: String(state.high),
    l: String(state.low),
    o: String(state.open),
    n: `${gateInterval}_${state.symbol}`,
    a: String(state.volume),
  };
}

/** Futures push element: integer `t`, integer `v` in contracts, `a` (undocumented "Amount": quote here), no `w`. */
export function futuresPushElement(
  family: 'usdt' | 'btc',
  state: CandleState,
  instrument: GateInstrument,
  gateInterval: string,
): Record<string, unknown> {
  return {
    t: state.openTime / 1000,
    v: contractsOf(family, state, instrument),
    c: String(state.close),
    h: String(state.high),
    l: String(state.low),
    o: String(state.open),
    n: `${gateInterval}_${state.symbol}`,
    a: String(state.quoteVolume),
  };
}

/** Spot REST row: `[t, quote vol, close, high, low, open, base vol, closed]`, all strings. */
export function spotRestRow(state: CandleState): string[] {
  return [
    String(state.openTime / 1000),
    String(state.quoteVolume),
    String(state.close),
    String(state.high),
    String(state.low),
    String(state.open),
    String(state.volume),
    state.closed ? 'true' : 'false',
  ];
}

/** Futures REST row `{t, v, c, h, l, o, sum}`: `v` contracts, `sum` quote volume. */
export function futuresRestRow(
  family: 'usdt' | 'btc',
  state: CandleState,
  instrument: GateInstrument,
): Record<string, unknown> {
  return {
    t: state.openTime / 1000,
    v: contractsOf(family, state, instrument),
    c: String(state.close),
    h: String(state.high),
    l: String(state.low),
    o: String(state.open),
    sum: String(state.quoteVolume),
  };
}

/**
 * The candle as Gate's data defines it, in our terms: spot base `a` / quote `v`; usdt base = contracts ×
 * quanto_multiplier, quote = `sum`; btc inverse quote = contracts (USD), base = USD ÷ close. No trade count.
 */
export function venueCandle(
  family: GateFamily,
  market: MarketType,
  state: CandleState,
  instrument: GateInstrument,
): Candle {
  const candle: Candle = {
    exchange: 'gateio',
    market,
    symbol: state.symbol,
    interval: state.interval,
    openTime: state.openTime,
    closeTime: state.closeTime,
    open: state.open,
    high: state.high,
    low: state.low,
    close: state.close,
    volume: state.volume,
    quoteVolume: state.quoteVolume,
    closed: state.closed,
  };
  if (family === 'usdt') {
    candle.volume = contractsOf('usdt', state, instrument) * instrument.quantoMultiplier;
  } else if (family === 'btc') {
    const usd = contractsOf('btc', state, instrument);
    candle.quoteVolume = usd;
    candle.volume = state.close > 0 ? usd / state.close : 0;
  }
  return candle;
}
