import { describe, expect, it } from 'vitest';
import { CandleGenerator } from '../sim/candle-generator';
import coinmSample from './__fixtures__/coinm-kline-event.json';
import spotSample from './__fixtures__/spot-kline-event.json';
import rowSample from './__fixtures__/spot-klines-row.json';
import { BinanceKlineFormat } from './binance-kline-format';

const T0 = Date.UTC(2026, 0, 1);

/** Field names with their JSON types, nested one level. */
function shape(value: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, field] of Object.entries(value)) {
    if (typeof field === 'object' && field !== null) {
      for (const [inner, innerField] of Object.entries(field)) out[`${key}.${inner}`] = typeof innerField;
    } else out[key] = typeof field;
  }
  return out;
}

describe('BinanceKlineFormat', () => {
  const generator = new CandleGenerator();

  it('emits the doc kline event field set and types (spot and COIN-M samples)', () => {
    const spot = new BinanceKlineFormat('spot', generator);
    const event = JSON.parse(
      spot.event(generator.stateAt('BTCUSDT', '1m', T0, T0 + 2_000)!, false, T0 + 2_000),
    );
    expect(Object.keys(event.k)).toEqual(Object.keys(spotSample.k));
    expect(shape(event)).toEqual(shape(spotSample));
    const coinm = new BinanceKlineFormat('coinm', generator);
    const coinmEvent = JSON.parse(coinm.event(generator.final('BTCUSD_PERP', '1m', T0)!, true, T0 + 60_000));
    expect(shape(coinmEvent)).toEqual(shape(coinmSample));
    expect(coinmEvent.k.v).toMatch(/^\d+$/);
  });

  it('emits REST rows with the doc row types', () => {
    const row = new BinanceKlineFormat('spot', generator).row(generator.final('BTCUSDT', '1m', T0)!);
    expect(row.map((field) => typeof field)).toEqual(rowSample[0]!.map((field) => typeof field));
  });
});
