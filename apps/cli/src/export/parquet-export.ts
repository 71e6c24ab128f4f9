import type { Candle } from '@ohlcv/core';
import { fileWriter, parquetWriteRows } from 'hyparquet-writer';

/** Parquet columns of an export, in order; times as INT64 ms since epoch. */
const PARQUET_COLUMNS = [
  { name: 'exchange', type: 'STRING', nullable: false },
  { name: 'market', type: 'STRING', nullable: false },
  { name: 'symbol', type: 'STRING', nullable: false },
  { name: 'interval', type: 'STRING', nullable: false },
  { name: 'openTime', type: 'INT64', nullable: false },
  { name: 'closeTime', type: 'INT64', nullable: false },
  { name: 'open', type: 'DOUBLE', nullable: false },
  { name: 'high', type: 'DOUBLE', nullable: false },
  { name: 'low', type: 'DOUBLE', nullable: false },
  { name: 'close', type: 'DOUBLE', nullable: false },
  { name: 'volume', type: 'DOUBLE', nullable: false },
  { name: 'quoteVolume', type: 'DOUBLE', nullable: true },
  { name: 'trades', type: 'INT64', nullable: true },
] as const;

/** Row groups of this many candles: memory stays bounded by one group. */
const ROW_GROUP_SIZE = 100_000;

/** Writes candles to a Parquet file, pulling them one row group at a time. */
export async function writeParquet(path: string, candles: AsyncIterable<Candle>): Promise<void> {
  await parquetWriteRows({
    writer: fileWriter(path),
    rows: rowsOf(candles),
    columns: PARQUET_COLUMNS.map((column) => ({ ...column })),
    rowGroupSize: ROW_GROUP_SIZE,
    createdBy: '@ohlcv/cli export',
  });
}

async function* rowsOf(candles: AsyncIterable<Candle>): AsyncIterable<Record<string, unknown>> {
  for await (const c of candles) {
    yield {
      exchange: c.exchange,
      market: c.market,
      symbol: c.symbol,
      interval: c.interval,
      openTime: BigInt(c.openTime),
      closeTime: BigInt(c.closeTime),
      open: c.open,
      high: c.high,
      low: c.low,
      close: c.close,
      volume: c.volume,
      quoteVolume: c.quoteVolume ?? null,
      trades: c.trades === undefined ? null : BigInt(c.trades),
    };
  }
}
