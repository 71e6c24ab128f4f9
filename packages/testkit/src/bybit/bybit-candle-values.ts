import type { Candle, MarketType } from '@ohlcv/core';
import type { CandleGenerator, CandleState } from '../sim/candle-generator';
import type { BybitCategory } from './bybit-instruments';

/** Wire strings of one candle: spot/linear `volume` = base, `turnover` = quote; inverse `volume` = USD contracts (1 USD each), `turnover` = base. */
export interface BybitCandleValues {
  open: string;
  high: string;
  low: string;
  close: string;
  volume: string;
  turnover: string;
}

export function candleValues(
  category: BybitCategory,
  state: CandleState,
  generator: CandleGenerator,
): BybitCandleValues {
  const priceDecimals = generator.priceDecimals(state.symbol);
  const volumeDecimals = generator.volumeDecimals(state.symbol);
  const base = state.volume.toFixed(volumeDecimals);
  const quote = state.quoteVolume.toFixed(Math.max(2, priceDecimals + volumeDecimals - 6));
  return {
    open: state.open.toFixed(priceDecimals),
    high: state.high.toFixed(priceDecimals),
    low: state.low.toFixed(priceDecimals),
    close: state.close.toFixed(priceDecimals),
    volume: category === 'inverse' ? String(usdContracts(state)) : base,
    turnover: category === 'inverse' ? base : quote,
  };
}

/** Inverse contracts are worth 1 USD each. */
function usdContracts(state: CandleState): number {
  return Math.round(state.quoteVolume);
}

/** The candle a correct adapter reports: base volume everywhere; quote = turnover (spot/linear) or USD contracts (inverse); no trade count. */
export function venueCandle(
  category: BybitCategory,
  market: MarketType,
  state: CandleState,
  generator: CandleGenerator,
): Candle {
  const values = candleValues(category, state, generator);
  const inverse = category === 'inverse';
  return {
    exchange: 'bybit',
    market,
    symbol: state.symbol,
    interval: state.interval,
    openTime: state.openTime,
    closeTime: state.closeTime,
    open: Number(values.open),
    high: Number(values.high),
    low: Number(values.low),
    close: Number(values.close),
    volume: Number(inverse ? values.turnover : values.volume),
    quoteVolume: Number(inverse ? values.volume : values.turnover),
    closed: state.closed,
  };
}
