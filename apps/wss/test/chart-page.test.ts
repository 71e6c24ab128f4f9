import { type BinanceSimulator, startBinanceSimulator } from '@ohlcv/testkit';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PanelSnapshot } from '../src/ui/panel-snapshot';
import { chromiumMissing, launchBrowser, type TestBrowser } from './chart-browser';
import { type ServerProcess, simulatorEnv, startServerProcess } from './server-process';

/** Simulated seconds per real second: a 1m candle closes every 3 s. */
const SPEED = 20;
const MINUTE = 60_000;
const CANDLE_REAL_MS = MINUTE / SPEED;
const HISTORY = 30;
const STREAMS = ['binance:spot:BTCUSDT:1m', 'binance:spot:ETHUSDT:1m'];
const SERVER_ARGS = ['--stall-timeout-ms', '1500', '--linger-ms', '0'];

function panels(page: Page): Promise<PanelSnapshot[]> {
  return page.evaluate('window.ohlcvChart?.panels() ?? []') as Promise<PanelSnapshot[]>;
}

async function waitForPanels(
  page: Page,
  predicate: (panels: PanelSnapshot[]) => boolean,
  what: string,
  timeoutMs = 15_000,
): Promise<PanelSnapshot[]> {
  const started = Date.now();
  for (;;) {
    const current = await panels(page);
    if (current.length > 0 && predicate(current)) return current;
    if (Date.now() - started > timeoutMs) {
      throw new Error(
        `${what} not seen within ${timeoutMs} ms; panels: ${JSON.stringify(current.map(summary))}`,
      );
    }
    await page.waitForTimeout(50);
  }
}

function summary(panel: PanelSnapshot) {
  return { ...panel, times: panel.times.length, closes: panel.closes.length };
}

/** Open times one interval apart: no gap, no duplicate. */
function expectConsecutive(times: readonly number[], interval = MINUTE): void {
  const steps = times.slice(1).map((time, index) => time - (times[index] as number));
  expect(steps.filter((step) => step !== interval)).toEqual([]);
}

const missing = chromiumMissing();

if (missing !== undefined) {
  describe('chart page in headless Chromium', () => {
    it('needs Chromium', (context) => {
      if (process.env.CI === 'true') throw new Error(`${missing} (required when CI=true)`);
      console.warn(`chart page browser tests could not run: ${missing}`);
      context.skip(missing);
    });
  });
} else {
  describe('chart page in headless Chromium (built server, simulated Binance)', () => {
    let simulator: BinanceSimulator;
    let server: ServerProcess;
    let browser: TestBrowser;
    let page: Page;
    let origin: string;

    beforeAll(async () => {
      simulator = await startBinanceSimulator({
        market: 'spot',
        clock: { mode: 'auto', speed: SPEED },
        startTime: Math.floor(Date.now() / MINUTE) * MINUTE,
      });
      [server, browser] = await Promise.all([
        startServerProcess(SERVER_ARGS, simulatorEnv('SPOT', simulator)),
        launchBrowser(),
      ]);
      origin = `http://127.0.0.1:${server.port}`;
      page = await browser.newPage();
    });

    afterAll(async () => {
      await browser?.close();
      await server?.stop();
      await simulator?.close();
    });

    it("shows the history join's N candles, side by side, with the venue's values", async () => {
      await page.goto(`${origin}/?streams=${STREAMS.join(',')}&history=${HISTORY}`);
      const shown = await waitForPanels(
        page,
        (all) => all.length === 2 && all.every((panel) => panel.state === 'live' && panel.closed >= HISTORY),
        'two live charts with the history',
      );
      expect(shown.map((panel) => panel.stream)).toEqual(STREAMS);
      for (const panel of shown) {
        expectConsecutive(panel.times);
        // The join: exactly N closed candles before the first live one, then the open candle.
        expect(panel.times.length).toBeGreaterThanOrEqual(HISTORY + 1);
        expect(panel.filled).toBe(0);
        expect(panel.age).toMatch(/^updated (just now|\d+ s ago)$/);
        const symbol = (panel.stream as string).split(':')[2] as string;
        const first = simulator.candleAt(symbol, '1m', panel.times[0] as number);
        expect(panel.closes[0]).toBe(first?.close);
      }
      await browser.screenshot(page, 'history-join');
    });

    it('draws a new closed candle within one simulated interval', async () => {
      const before = (await panels(page))[0] as PanelSnapshot;
      const started = Date.now();
      const after = await waitForPanels(
        page,
        (all) => (all[0] as PanelSnapshot).closed > before.closed,
        'a new closed candle',
        CANDLE_REAL_MS + 5_000,
      );
      const elapsed = Date.now() - started;
      console.info(
        `chart page: new closed candle drawn ${elapsed} ms after asking (one interval = ${CANDLE_REAL_MS} ms)`,
      );
      expect(elapsed).toBeLessThanOrEqual(CANDLE_REAL_MS + 5_000);
      expectConsecutive((after[0] as PanelSnapshot).times);
      await browser.screenshot(page, 'new-candle');
    });

    it('shows a silence as a stall marker and banner, clears the banner on recovery, and marks REST-filled candles', async () => {
      // Silent across two candle closes (virtual time), so the candles it hides can only come over REST.
      const minute = 60_000;
      const boundary = (Math.floor(simulator.clock.now() / minute) + 2) * minute;
      const pastTwoCloses = new Promise<void>((resolve) =>
        simulator.clock.schedule(boundary + 1_000, () => resolve()),
      );
      simulator.faults.silence();
      try {
        const stalled = await waitForPanels(
          page,
          (all) =>
            all.every((panel) => panel.state === 'stalled' && panel.banner?.includes('stalled') === true),
          'stalled charts',
        );
        expect(stalled.every((panel) => panel.markers.some((marker) => marker.kind === 'stalled'))).toBe(
          true,
        );
        expect(await page.locator('.panel .banner-error').first().isVisible()).toBe(true);
        await browser.screenshot(page, 'stalled');
        await pastTwoCloses;
      } finally {
        simulator.faults.resume();
      }
      const recovered = await waitForPanels(
        page,
        (all) =>
          all.every(
            (panel) =>
              panel.state === 'live' &&
              panel.banner === undefined &&
              panel.markers.some((marker) => marker.kind === 'recovered'),
          ),
        'recovered charts',
        30_000,
      );
      for (const panel of recovered) expectConsecutive(panel.times);
      // The candles that closed during the silence came over REST: drawn, and marked as such.
      await waitForPanels(page, (all) => all.every((panel) => panel.filled > 0), 'REST-filled candles');
      await browser.screenshot(page, 'recovered');
    });

    it('survives a server restart: reconnects by itself and joins again without gap or duplicate', async () => {
      const before = await panels(page);
      const port = server.port;
      expect(await server.stop()).toBe(0);
      await waitForPanels(
        page,
        (all) => all.every((panel) => panel.state === 'disconnected'),
        'disconnected charts',
      );
      await browser.screenshot(page, 'server-down');
      server = await startServerProcess(
        [...SERVER_ARGS, '--port', String(port)],
        simulatorEnv('SPOT', simulator),
      );
      expect(server.port).toBe(port);
      const after = await waitForPanels(
        page,
        (all) =>
          all.every(
            (panel, index) =>
              panel.state === 'live' &&
              panel.markers.some((marker) => marker.kind === 'reconnected') &&
              panel.closed > (before[index] as PanelSnapshot).closed,
          ),
        'charts live again after the restart',
        20_000,
      );
      for (const [index, panel] of after.entries()) {
        expectConsecutive(panel.times);
        // Everything the chart had is still there, once.
        const earlier = (before[index] as PanelSnapshot).times.slice(0, -1);
        expect(panel.times.slice(0, earlier.length)).toEqual(earlier);
      }
      await browser.screenshot(page, 'after-restart');
    });

    it('adds a chart from the picker (a symbol found by its unified name) and removes it', async () => {
      await page.selectOption('select[name=exchange]', 'binance');
      await page.selectOption('select[name=market]', 'spot');
      await page.fill('input[name=symbol]', 'eth/usdt');
      const offered = async () =>
        (await page.evaluate(
          "[...document.querySelectorAll('#symbol-options option')].map((option) => option.value + ' ' + option.label)",
        )) as string[];
      await expect.poll(offered).toEqual(['ETHUSDT ETH/USDT']);
      await page.selectOption('select[name=interval]', '5m');
      await page.click('#picker button[type=submit]');
      const shown = await waitForPanels(
        page,
        (all) => all.length === 3 && (all[2] as PanelSnapshot).closed >= HISTORY,
        'the picked chart with its history',
      );
      const picked = shown[2] as PanelSnapshot;
      expect(picked.request).toBe('binance:spot:eth/usdt:5m');
      expect(picked.stream).toBe('binance:spot:ETHUSDT:5m');
      expectConsecutive(picked.times, 5 * MINUTE);
      expect(new URL(page.url()).searchParams.get('streams')).toBe(
        `${STREAMS.join(',')},binance:spot:eth/usdt:5m`,
      );
      expect(await page.locator('.panel-title').nth(2).textContent()).toBe('ETHUSDT');
      await browser.screenshot(page, 'picker');
      await page.locator('.panel-close').nth(2).click();
      await waitForPanels(page, (all) => all.length === 2, 'the picked chart removed');
      expect(new URL(page.url()).searchParams.get('streams')).toBe(STREAMS.join(','));
      // The same stream again, spelled the unified way: the chart already there stays the only one.
      const subscribedEth = () =>
        browser.frames.filter((frame) => frame.includes('"subscribed"') && frame.includes('ETHUSDT:1m'))
          .length;
      const before = subscribedEth();
      await page.selectOption('select[name=interval]', '1m');
      await page.click('#picker button[type=submit]');
      await expect.poll(subscribedEth).toBe(before + 1);
      await waitForPanels(page, (all) => all.length === 2, 'the repeated chart folded into the first');
      expect(new URL(page.url()).searchParams.get('streams')).toBe(STREAMS.join(','));
    });

    it('asks for the token of a server behind one and keeps it for the tab', async () => {
      const guarded = await startServerProcess(SERVER_ARGS, {
        ...simulatorEnv('SPOT', simulator),
        OHLCV_WSS_TOKEN: 'chart-s3cret-s3cret',
      });
      try {
        const tokenPage = await browser.newPage();
        await tokenPage.goto(`http://127.0.0.1:${guarded.port}/?streams=${STREAMS[0]}&history=5`);
        await tokenPage.locator('.token-dialog input').fill('chart-s3cret-s3cret');
        await browser.screenshot(tokenPage, 'token');
        await tokenPage.locator('.token-dialog button').click();
        await waitForPanels(
          tokenPage,
          (all) => all[0]?.state === 'live' && all[0].closed >= 5,
          'a live chart',
        );
        expect(await tokenPage.evaluate("sessionStorage.getItem('ohlcv-wss-token')")).toBe(
          'chart-s3cret-s3cret',
        );
        // A reload keeps the token (session storage): no dialog again.
        await tokenPage.reload();
        await waitForPanels(tokenPage, (all) => all[0]?.state === 'live', 'a live chart after reload');
        expect(await tokenPage.locator('.token-dialog').count()).toBe(0);
        await tokenPage.close();
      } finally {
        await guarded.stop();
      }
    });

    it('requested nothing outside its own server', () => {
      expect(browser.requests.length).toBeGreaterThan(5);
      const outside = browser.requests.filter((url) => !/^(http|ws):\/\/127\.0\.0\.1:\d+\//.test(url));
      expect(outside).toEqual([]);
      const paths = new Set(browser.requests.map((url) => new URL(url).pathname));
      expect([...paths].sort()).toEqual([
        '/',
        '/api/symbols',
        '/api/venues',
        '/ui/chart.css',
        '/ui/chart.js',
      ]);
    });
  });
}
