/**
 * Binance kline wire formats (venue doc §1.0 "Kline event", §1.1 REST row): the WS event with the exact
 * field set `e,E,s,k{t,T,s,i,f,L,o,c,h,l,v,n,x,q,V,Q,B}` and the 12-field REST row. COIN-M: `v`/row[5]
 * are contracts, `q`/row[7] base-asset volume, `V` taker-buy contracts, `Q` taker-buy base volume.
 */
import type { Candle } from '@ohlcv/core';
import type { CandleGenerator, CandleState } from '../sim/candle-generator';
import { type BinanceMarket, coinmContractSize } from './binance-markets';

/** Decimal strings of one candle state, as the market prints them. */
interface KlineNumbers {
  open: string;
  high: string;
  low: string;
  close: string;
  volume: string;
  quoteVolume: string;
  takerBuyVolume: string;
  takerBuyQuoteVolume: string;
}

export class BinanceKlineFormat {
  constructor(
    private readonly market: BinanceMarket,
    private readonly generator: CandleGenerator,
  ) {}

  /** The raw (unwrapped) kline event. */
  event(state: CandleState, final: boolean, eventTime: number): string {
    const numbers = this.numbers(state);
    const k = {
      t: state.openTime,
      T: state.closeTime,
      s: state.symbol,
      i: state.interval,
      f: state.firstTradeId,
      L: state.firstTradeId + state.trades - 1,
      o: numbers.open,
      c: numbers.close,
      h: numbers.high,
      l: numbers.low,
      v: numbers.volume,
      n: state.trades,
      x: final,
      q: numbers.quoteVolume,
      V: numbers.takerBuyVolume,
      Q: numbers.takerBuyQuoteVolume,
      B: '0',
    };
    return JSON.stringify({ e: 'kline', E: eventTime, s: state.symbol, k });
  }

  /** `[openTime, o, h, l, c, volume, closeTime, quoteVolume, trades, takerBuyVolume, takerBuyQuoteVolume, "0"]`. */
  row(state: CandleState): Array<number | string> {
    const numbers = this.numbers(state);
    return [
      state.openTime,
      numbers.open,
      numbers.high,
      numbers.low,
      numbers.close,
      numbers.volume,
      state.closeTime,
      numbers.quoteVolume,
      state.trades,
      numbers.takerBuyVolume,
      numbers.takerBuyQuoteVolume,
      '0',
    ];
  }

  /**
   * The candle a correct adapter derives from these frames: `volume` is base-asset volume on every
   * market (COIN-M: from `q`), `quoteVolume` is quote volume (COIN-M: contracts × contract size, USD).
   */
  candle(state: CandleState): Candle {
    const candle = this.generator.toCandle(state, 'binance', this.market);
    if (this.market === 'coinm') {
      const size = coinmContractSize(state.symbol);
      candle.volume = state.volume;
      candle.quoteVolume = contracts(state.quoteVolume, size) * size;
    }
    return candle;
  }

  private numbers(state: CandleState): KlineNumbers {
    const priceDecimals = this.market === 'spot' ? 8 : this.generator.priceDecimals(state.symbol);
    const volumeDecimals = this.market === 'spot' ? 8 : this.generator.volumeDecimals(state.symbol);
    const prices = {
      open: state.open.toFixed(priceDecimals),
      high: state.high.toFixed(priceDecimals),
      low: state.low.toFixed(priceDecimals),
      close: state.close.toFixed(priceDecimals),
    };
    if (this.market === 'coinm') {
      const size = coinmContractSize(state.symbol);
      return {
        ...prices,
        volume: String(contracts(state.quoteVolume, size)),
        quoteVolume: state.volume.toFixed(8),
        takerBuyVolume: String(contracts(state.takerBuyQuoteVolume, size)),
        takerBuyQuoteVolume: state.takerBuyVolume.toFixed(8),
      };
    }
    return {
      ...prices,
      volume: state.volume.toFixed(volumeDecimals),
      quoteVolume: state.quoteVolume.toFixed(8),
      takerBuyVolume: state.takerBuyVolume.toFixed(volumeDecimals),
      takerBuyQuoteVolume: state.takerBuyQuoteVolume.toFixed(8),
    };
  }
}

function contracts(quoteVolume: number, contractSize: number): number {
  return Math.floor(quoteVolume / contractSize);
}
