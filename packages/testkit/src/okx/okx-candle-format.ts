/**
 * OKX candle rows (venue doc §3.0 "Candle channel"): `[ts, o, h, l, c, vol, volCcy, volCcyQuote,
 * confirm]`, all strings. SPOT: vol = base, volCcy = quote, volCcyQuote = quote. SWAP/FUTURES: vol =
 * contracts, volCcy = base, volCcyQuote = quote (USDT for linear, USD for inverse).
 */
import type { CandleGenerator, CandleState } from '../sim/candle-generator';
import type { OkxInstrument } from './okx-instruments';

/** Fixed decimals without trailing zeros, as OKX prints numbers (`77082.7`, `1.5784361`). */
function okxDecimal(value: number, decimals: number): string {
  const fixed = value.toFixed(decimals);
  return fixed.includes('.') ? fixed.replace(/\.?0+$/, '') : fixed;
}

const CONTRACT_DECIMALS = 4;

export class OkxCandleFormat {
  constructor(private readonly generator: CandleGenerator) {}

  /** The 9-string row; `confirm` is `"1"` only for the final state of a candle. */
  row(state: CandleState, instrument: OkxInstrument, confirmed: boolean): string[] {
    const priceDecimals = this.generator.priceDecimals(state.symbol);
    const volumeDecimals = this.generator.volumeDecimals(state.symbol);
    const quoteDecimals = Math.min(12, priceDecimals + volumeDecimals);
    const base = okxDecimal(state.volume, volumeDecimals);
    const quote = okxDecimal(state.quoteVolume, quoteDecimals);
    let vol = base;
    let volCcy = quote;
    if (instrument.instType !== 'SPOT') {
      const contractValue = instrument.ctVal ?? 1;
      // Linear ctVal is base per contract; inverse ctVal is USD (quote) per contract.
      const contracts =
        instrument.ctType === 'inverse' ? state.quoteVolume / contractValue : state.volume / contractValue;
      vol = okxDecimal(contracts, CONTRACT_DECIMALS);
      volCcy = base;
    }
    return [
      String(state.openTime),
      okxDecimal(state.open, priceDecimals),
      okxDecimal(state.high, priceDecimals),
      okxDecimal(state.low, priceDecimals),
      okxDecimal(state.close, priceDecimals),
      vol,
      volCcy,
      quote,
      confirmed ? '1' : '0',
    ];
  }
}
