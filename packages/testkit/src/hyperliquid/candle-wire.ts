/**
 * Candles as Hyperliquid writes them: prices and volume as decimal strings (`"84143.0"`,
 * `"0.001604"`), `t`/`T`/`n` as integers, no closed flag. WS `data` keys run `t,T,s,i,o,c,h,l,v,n`;
 * candleSnapshot rows are sorted by key (`T,c,h,i,l,n,o,s,t,v`) as in the docs' example.
 */
import type { CandleState } from '../sim/candle-generator';

/** Like the venue: whole numbers keep one decimal (`84143.0`), others print as they are. */
function venueNumber(value: number): string {
  if (Number.isInteger(value)) return value.toFixed(1);
  const text = String(value);
  if (!text.includes('e')) return text;
  return value.toFixed(12).replace(/0+$/, '');
}

/** `{"channel":"candle","data":{…}}` for the coin as subscribed. */
export function candleFrame(state: CandleState): string {
  return `{"channel":"candle","data":{"t":${state.openTime},"T":${state.closeTime},"s":${JSON.stringify(state.symbol)},"i":"${state.interval}","o":"${venueNumber(state.open)}","c":"${venueNumber(state.close)}","h":"${venueNumber(state.high)}","l":"${venueNumber(state.low)}","v":"${venueNumber(state.volume)}","n":${state.trades}}}`;
}

export interface SnapshotRow {
  T: number;
  c: string;
  h: string;
  i: string;
  l: string;
  n: number;
  o: string;
  s: string;
  t: number;
  v: string;
}

export function snapshotRow(state: CandleState): SnapshotRow {
  return {
    T: state.closeTime,
    c: venueNumber(state.close),
    h: venueNumber(state.high),
    i: state.interval,
    l: venueNumber(state.low),
    n: state.trades,
    o: venueNumber(state.open),
    s: state.symbol,
    t: state.openTime,
    v: venueNumber(state.volume),
  };
}
