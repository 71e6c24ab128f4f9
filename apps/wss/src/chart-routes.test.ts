import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Feed, SymbolInfo } from '@ohlcv/core';
import { venues } from '@ohlcv/venues';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChartRoutes } from './chart-routes';

const binance = venues.resolve('binance');

const SYMBOLS: SymbolInfo[] = [
  {
    symbol: 'BTCUSDT',
    unified: 'BTC/USDT',
    base: 'BTC',
    quote: 'USDT',
    market: 'spot',
    status: 'TRADING',
    active: true,
  },
];

let server: Server;
let base: string;
let assets: string;
const asked: string[] = [];

beforeAll(async () => {
  assets = mkdtempSync(join(tmpdir(), 'ohlcv-chart-assets-'));
  writeFileSync(join(assets, 'index.html'), '<!doctype html><title>chart</title>');
  writeFileSync(join(assets, 'chart.js'), 'console.log(1)');
  const feed = {
    symbols: async (exchange: string, market: string) => {
      asked.push(`${exchange}:${market}`);
      return SYMBOLS;
    },
  } as unknown as Feed;
  const routes = createChartRoutes({ feed, adapters: [binance], token: 's3cret', assetsDir: assets });
  server = createServer((request, response) => {
    if (routes(request, response)) return;
    response.writeHead(418);
    response.end('not a chart route');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(assets, { recursive: true, force: true });
});

const bearer = { authorization: 'Bearer s3cret' };

describe('chart routes', () => {
  it('serves the page and its assets without a token, under a same-origin-only policy', async () => {
    const page = await fetch(`${base}/?streams=binance:spot:BTCUSDT:1m`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('content-security-policy')).toContain("connect-src 'self'");
    expect(await page.text()).toContain('<title>chart</title>');
    const script = await fetch(`${base}/ui/chart.js`);
    expect(script.headers.get('content-type')).toContain('text/javascript');
    const missing = await fetch(`${base}/ui/chart.css`);
    expect(missing.status).toBe(500);
    expect(await missing.text()).toContain('chart.css is missing');
    expect((await fetch(`${base}/elsewhere`)).status).toBe(418);
    expect((await fetch(`${base}/`, { method: 'POST' })).status).toBe(405);
  });

  it('lists venues, markets and intervals, behind the token', async () => {
    const refused = await fetch(`${base}/api/venues`);
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ code: 'unauthorized' });
    const listed = await fetch(`${base}/api/venues?token=s3cret`);
    const body = (await listed.json()) as {
      venues: Array<{
        exchange: string;
        name: string;
        markets: Array<{ market: string; intervals: string[] }>;
      }>;
    };
    expect(body.venues.map((venue) => [venue.exchange, venue.name])).toEqual([['binance', 'Binance']]);
    expect(body.venues[0]?.markets.map((market) => market.market)).toEqual(['spot', 'usdm', 'coinm']);
    expect(body.venues[0]?.markets[0]?.intervals).toContain('1m');
  });

  it("lists a market's instruments, with a clear error naming a bad value", async () => {
    const listed = await fetch(`${base}/api/symbols?exchange=binance&market=linear`, { headers: bearer });
    expect(await listed.json()).toEqual({
      exchange: 'binance',
      market: 'usdm',
      symbols: [{ symbol: 'BTCUSDT', unified: 'BTC/USDT', active: true }],
    });
    expect(asked).toEqual(['binance:usdm']);
    const bad = await fetch(`${base}/api/symbols?exchange=binance&market=options`, { headers: bearer });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({
      code: 'unknown_market',
      message: expect.stringContaining('"options"'),
    });
    const other = await fetch(`${base}/api/symbols?exchange=okx&market=spot`, { headers: bearer });
    expect(await other.json()).toMatchObject({
      code: 'unsupported_market',
      message: 'okx spot is not served here',
    });
    expect((await fetch(`${base}/api/nothing`, { headers: bearer })).status).toBe(404);
  });
});
