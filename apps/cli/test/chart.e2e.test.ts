import { startBinanceSimulator } from '@ohlcv/testkit';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { binanceEnv, type CliProcess, describeRun, runCli, startCli, track, waitUntil } from './run-cli';

/** Waits for the URL line, then joins `stream` with history over the page's WebSocket; resolves with the closed candles' open times. */
async function joinOverPage(
  cli: CliProcess,
  stream: string,
  history: number,
  canonical: string,
): Promise<{ url: URL; times: number[] }> {
  const state = track(cli);
  await waitUntil(() => cli.stdoutLines.length > 0 || state.exited, { describe: describeRun(cli) });
  const url = new URL(cli.stdoutLines[0] as string);
  const socket = new WebSocket(`ws://${url.host}/`);
  const messages: Array<Record<string, unknown>> = [];
  socket.on('message', (data) => messages.push(JSON.parse(data.toString()) as Record<string, unknown>));
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  socket.send(JSON.stringify({ op: 'subscribe', id: 'c', streams: [stream], history }));
  const closed = () =>
    messages
      .filter((message) => message.type === 'candle' && (message.candle as { closed: boolean }).closed)
      .map((message) => (message.candle as { openTime: number }).openTime);
  await waitUntil(() => closed().length >= history, { describe: () => JSON.stringify(messages.slice(-3)) });
  expect(messages[0]).toEqual({ type: 'subscribed', id: 'c', streams: [canonical] });
  socket.close();
  return { url, times: closed() };
}

describe('ohlcv chart (built CLI)', () => {
  it("serves the chart page on the simulated venues, prints its URL, and streams the page's candles", async () => {
    const cli = startCli(
      [
        'chart',
        'binance:spot:BTCUSDT:1m',
        'okx:usdm:BTC-USDT-SWAP:1m',
        '--simulated',
        '--speed',
        '60',
        '--history',
        '5',
      ],
      {},
      30_000,
    );
    try {
      // The page's own protocol: a history join of 5 closed candles from the simulated OKX.
      const { url } = await joinOverPage(cli, 'okx:usdm:BTC/USDT:USDT:1m', 5, 'okx:usdm:BTC-USDT-SWAP:1m');
      expect(url.hostname).toBe('127.0.0.1');
      expect(url.searchParams.get('streams')).toBe('binance:spot:BTCUSDT:1m,okx:usdm:BTC-USDT-SWAP:1m');
      expect(url.searchParams.get('history')).toBe('5');
      await waitUntil(() => cli.stderr().includes('simulated binance spot, okx usdm at 60× speed'), {
        describe: describeRun(cli),
      });
      const page = await fetch(url);
      expect(page.headers.get('content-type')).toContain('text/html');
      expect(await page.text()).toContain('/ui/chart.js');
      expect((await fetch(new URL('/ui/chart.js', url))).status).toBe(200);
      const symbols = (await (await fetch(new URL('/api/symbols?exchange=okx&market=usdm', url))).json()) as {
        symbols: Array<{ symbol: string }>;
      };
      expect(symbols.symbols.map((entry) => entry.symbol)).toContain('BTC-USDT-SWAP');
    } finally {
      cli.child.kill('SIGTERM');
    }
    const result = await cli.exited;
    expect(result.code).toBe(0);
  });

  it('charts the venue its endpoints point at without --simulated (OHLCV_*_URL)', async () => {
    const simulator = await startBinanceSimulator({ market: 'spot', clock: { mode: 'auto', speed: 60 } });
    const cli = startCli(['chart', 'binance:spot:BTCUSDT:1m'], binanceEnv('spot', simulator), 30_000);
    try {
      const { times } = await joinOverPage(cli, 'binance:spot:btcusdt:1m', 4, 'binance:spot:BTCUSDT:1m');
      expect(times.slice(0, 4)).toEqual(
        [4, 3, 2, 1].map((back) => (times[3] as number) - (back - 1) * 60_000),
      );
      expect(simulator.subscriptionCount()).toBe(1);
    } finally {
      cli.child.kill('SIGTERM');
      expect((await cli.exited).code).toBe(0);
      await simulator.close();
    }
  });

  it('names a malformed stream', async () => {
    const result = await runCli(['chart', 'binance-spot-BTCUSDT']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('invalid stream "binance-spot-BTCUSDT"');
    expect(result.stderr).toContain('exchange:market:symbol:interval');
  });
});
