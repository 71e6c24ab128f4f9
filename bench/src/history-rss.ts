/**
 * Peak RSS of `ohlcv history … --out file` for 3 days vs one year of 1m candles. The Binance spot
 * simulator runs in its own process (real loopback sockets); each download is a fresh CLI process
 * whose peak RSS (getrusage maxrss) it reports itself at exit. The two ranges alternate over the
 * rounds; medians with min–max.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoPath, runNode, startReadyChild, TS_NODE } from './proc/child';
import { formatSpread, spread } from './stats';

const DAY = 86_400_000;
const START = Date.UTC(2026, 0, 1);

export interface HistoryRssResult {
  rounds: number;
  rows: Array<{ label: string; days: number; candles: number; rss: number[]; seconds: number[] }>;
}

export async function benchHistoryRss(rounds: number): Promise<HistoryRssResult> {
  const simulator = await startReadyChild<{ wsBase: string; restBase: string }>([
    ...TS_NODE,
    repoPath('bench/src/proc/simulator-process.ts'),
    JSON.stringify({ market: 'spot', restHistoryCandles: 600_000, restWeightPerMinute: 1_000_000_000 }),
  ]);
  const directory = mkdtempSync(join(tmpdir(), 'ohlcv-bench-history-'));
  const env = {
    OHLCV_BINANCE_SPOT_WS_URL: simulator.info.wsBase,
    OHLCV_BINANCE_SPOT_REST_URL: simulator.info.restBase,
  };
  const rows = [
    { label: '3 days', days: 3, candles: 3 * 1440, rss: [] as number[], seconds: [] as number[] },
    { label: 'one year', days: 365, candles: 365 * 1440, rss: [] as number[], seconds: [] as number[] },
  ];
  try {
    for (let round = 0; round < rounds; round += 1) {
      for (const row of rows) {
        const out = join(directory, `${row.days}.jsonl`);
        const run = await runNode(
          [
            ...TS_NODE,
            repoPath('apps/cli/src/cli.ts'),
            'history',
            'binance',
            'BTCUSDT',
            '--from',
            new Date(START - row.days * DAY).toISOString(),
            '--to',
            new Date(START).toISOString(),
            '--out',
            out,
          ],
          env,
        );
        if (run.code !== 0 || run.maxRss === undefined) {
          throw new Error(`ohlcv history (${row.label}) exited ${run.code}: ${run.stderr.slice(-2000)}`);
        }
        if (statSync(out).size === 0) throw new Error(`ohlcv history (${row.label}) wrote nothing`);
        row.rss.push(run.maxRss);
        row.seconds.push(run.wallSeconds);
      }
    }
  } finally {
    rmSync(directory, { recursive: true, force: true });
    await simulator.stop();
  }
  return { rounds, rows };
}

const mib = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

export function historyRssReport(result: HistoryRssResult): string {
  const base = spread(result.rows[0]!.rss).median;
  const lines = [
    '| range (1m candles)   | candles | peak RSS, median (min–max) | vs 3 days | wall time, median |',
    '| -------------------- | ------- | -------------------------- | --------- | ----------------- |',
  ];
  for (const row of result.rows) {
    const rss = spread(row.rss);
    lines.push(
      `| ${row.label.padEnd(20)} | ${row.candles.toLocaleString('en')} | ${formatSpread(rss, mib)} | ${(rss.median / base).toFixed(2)}× | ${spread(row.seconds).median.toFixed(1)} s |`,
    );
  }
  return lines.join('\n');
}
