/** The line `ohlcv history` ends with: what was written, over which range, how long it took, at what REST cost. */
export interface HistorySummary {
  stream: string;
  from: number;
  to: number;
  written: number;
  /** Candles the range spans at the interval (an upper bound: no-trade intervals have none). */
  expected: number;
  elapsedMs: number;
  restCalls: number;
  /** The file written, or undefined for stdout. */
  out: string | undefined;
  /** Read through a store (REST only for its holes). */
  store: boolean;
}

function time(ms: number): string {
  return new Date(ms).toISOString().replace(':00.000Z', 'Z').replace('T', ' ');
}

export function historySummaryLine(summary: HistorySummary): string {
  const seconds = (summary.elapsedMs / 1_000).toFixed(1);
  const calls = `${summary.restCalls} REST call${summary.restCalls === 1 ? '' : 's'}`;
  const where = summary.out === undefined ? '' : ` to ${summary.out}`;
  const missing = summary.expected - summary.written;
  const gap =
    missing > 0
      ? `; ${missing.toLocaleString('en-US')} fewer than the range spans (the venue has no candle for them: no trades, or before its history)`
      : '';
  return (
    `wrote ${summary.written.toLocaleString('en-US')} candles of ${summary.stream}, ${time(summary.from)} → ${time(summary.to)}` +
    `${where} in ${seconds} s with ${calls}${summary.store ? ' (the rest from the store)' : ''}${gap}`
  );
}
