import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { describeRun, runCli, startCli, track, waitUntil } from './run-cli';

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
    const state = track(cli);
    try {
      await waitUntil(() => cli.stdoutLines.length > 0 || state.exited, { describe: describeRun(cli) });
      const url = new URL(cli.stdoutLines[0] as string);
      expect(url.hostname).toBe('127.0.0.1');
      expect(url.searchParams.get('streams')).toBe('binance:spot:BTCUSDT:1m,okx:usdm:BTC-USDT-SWAP:1m');
      expect(url.searchParams.get('history')).toBe('5');
      expect(cli.stderr()).toContain('simulated binance spot, okx usdm at 60× speed');

      const page = await fetch(url);
      expect(page.headers.get('content-type')).toContain('text/html');
      expect(await page.text()).toContain('/ui/chart.js');
      expect((await fetch(new URL('/ui/chart.js', url))).status).toBe(200);
      const symbols = (await (await fetch(new URL('/api/symbols?exchange=okx&market=usdm', url))).json()) as {
        symbols: Array<{ symbol: string }>;
      };
      expect(symbols.symbols.map((entry) => entry.symbol)).toContain('BTC-USDT-SWAP');

      // The page's own protocol: a history join of 5 closed candles from the simulated OKX.
      const socket = new WebSocket(`ws://${url.host}/`);
      const messages: Array<Record<string, unknown>> = [];
      socket.on('message', (data) => messages.push(JSON.parse(data.toString()) as Record<string, unknown>));
      await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
      socket.send(
        JSON.stringify({ op: 'subscribe', id: 'c', streams: ['okx:usdm:BTC/USDT:USDT:1m'], history: 5 }),
      );
      const closed = () =>
        messages.filter(
          (message) => message.type === 'candle' && (message.candle as { closed: boolean }).closed,
        );
      await waitUntil(() => closed().length >= 5, { describe: () => JSON.stringify(messages.slice(-3)) });
      expect(messages[0]).toEqual({ type: 'subscribed', id: 'c', streams: ['okx:usdm:BTC-USDT-SWAP:1m'] });
      socket.close();
    } finally {
      cli.child.kill('SIGTERM');
    }
    const result = await cli.exited;
    expect(result.code).toBe(0);
  });

  it('names a malformed stream', async () => {
    const result = await runCli(['chart', 'binance-spot-BTCUSDT']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('invalid stream "binance-spot-BTCUSDT"');
    expect(result.stderr).toContain('exchange:market:symbol:interval');
  });
});
