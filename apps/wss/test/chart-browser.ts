import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BrowserContext, chromium, type Page } from 'playwright-core';

/** Debian's Chromium; the tests never download a browser. */
export const CHROMIUM = '/usr/bin/chromium';

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

/** Screenshots of the browser tests (gitignored). */
export const SCREENSHOT_DIR = fileURLToPath(new URL('../test-results/chart/', import.meta.url));

/** Why the browser tests cannot run here, or undefined when they can. */
export function chromiumMissing(): string | undefined {
  if (existsSync(CHROMIUM)) return undefined;
  return `Chromium not found at ${CHROMIUM}: install it with "apt-get install -y chromium" to run the chart page's browser tests`;
}

export interface TestBrowser {
  readonly context: BrowserContext;
  /** Every URL the browser requested (HTTP and WebSocket), in order. */
  readonly requests: string[];
  /** Every text frame the pages' WebSockets received. */
  readonly frames: string[];
  newPage(): Promise<Page>;
  screenshot(page: Page, name: string): Promise<string>;
  close(): Promise<void>;
}

/** Headless Chromium with a fresh profile in a temp dir, recording every request of every page. */
export async function launchBrowser(): Promise<TestBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'ohlcv-chart-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport: { width: 1360, height: 720 },
  });
  const requests: string[] = [];
  const frames: string[] = [];
  context.on('request', (request) => requests.push(request.url()));
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return {
    context,
    requests,
    frames,
    async newPage() {
      const page = await context.newPage();
      page.on('websocket', (socket) => {
        requests.push(socket.url());
        socket.on('framereceived', (frame) => {
          if (typeof frame.payload === 'string') frames.push(frame.payload);
        });
      });
      return page;
    },
    async screenshot(page, name) {
      const path = join(SCREENSHOT_DIR, `${name}.png`);
      await page.screenshot({ path });
      return path;
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
