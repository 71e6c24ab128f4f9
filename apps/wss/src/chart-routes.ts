import { existsSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import type { Feed, VenueAdapter } from '@ohlcv/core';
import { sendJson } from '@ohlcv/health';
import { isAuthorized } from './authenticate';
import { handleChartApi } from './chart-api';

export interface ChartRoutesOptions {
  feed: Feed;
  adapters: readonly VenueAdapter[];
  /** The server's token: `/api/*` needs it (the page itself and its assets do not: they hold no data). */
  token: string | undefined;
  /** Folder of the built page (index.html, chart.js, chart.css). Default: `ui/` beside the built server. */
  assetsDir?: string;
}

/** The page and its assets, as built into the app's dist; nothing is fetched from elsewhere. */
const ASSETS: Record<string, { file: string; type: string }> = {
  '/': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/index.html': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/ui/chart.js': { file: 'chart.js', type: 'text/javascript; charset=utf-8' },
  '/ui/chart.css': { file: 'chart.css', type: 'text/css; charset=utf-8' },
};

/** The page may load and connect to its own server only. */
const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** Where the build puts the page: `dist/ui` (this module runs from `dist/`, or from `src/` in tests). */
function defaultAssetsDir(): string {
  const beside = fileURLToPath(new URL('./ui/', import.meta.url));
  if (existsSync(`${beside}index.html`)) return beside;
  return fileURLToPath(new URL('../dist/ui/', import.meta.url));
}

/**
 * The chart page's HTTP routes: `/` (the page), `/ui/*` (its bundled script and styles) and `/api/*`
 * (venues, symbols). Returns a handler that answers and returns true for those paths, false otherwise.
 */
export function createChartRoutes(
  options: ChartRoutesOptions,
): (request: IncomingMessage, response: ServerResponse) => boolean {
  const assetsDir = options.assetsDir ?? defaultAssetsDir();
  const cache = new Map<string, Buffer>();
  const read = (file: string): Buffer | undefined => {
    let body = cache.get(file);
    if (body === undefined) {
      const path = `${assetsDir.endsWith('/') ? assetsDir : `${assetsDir}/`}${file}`;
      if (!existsSync(path)) return undefined;
      body = readFileSync(path);
      cache.set(file, body);
    }
    return body;
  };
  return (request, response) => {
    const path = (request.url ?? '/').split('?', 1)[0] ?? '/';
    const asset = ASSETS[path];
    if (asset === undefined && !path.startsWith('/api/')) return false;
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain' });
      response.end(`method ${request.method} not allowed on ${path}: use GET\n`);
      return true;
    }
    if (asset === undefined) {
      if (options.token !== undefined && !isAuthorized(request, options.token)) {
        sendJson(response, 401, {
          code: 'unauthorized',
          message: 'missing or wrong token: send "Authorization: Bearer <token>" or ?token=<token>',
        });
        return true;
      }
      if (!handleChartApi(request, response, options)) {
        sendJson(response, 404, {
          code: 'not_found',
          message: `no API route ${path}: try /api/venues, /api/symbols`,
        });
      }
      return true;
    }
    const body = read(asset.file);
    if (body === undefined) {
      response.writeHead(500, { 'content-type': 'text/plain' });
      response.end(
        `chart page asset ${asset.file} is missing from ${assetsDir}: build @ohlcv/wss (pnpm build)\n`,
      );
      return true;
    }
    response.writeHead(200, {
      'content-type': asset.type,
      'content-length': body.length,
      'cache-control': 'no-cache',
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'x-content-type-options': 'nosniff',
    });
    response.end(request.method === 'HEAD' ? undefined : body);
    return true;
  };
}
