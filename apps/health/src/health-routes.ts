import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FeedStatus } from '@ohlcv/core';
import type { Registry } from 'prom-client';
import { legacyReadinessEntries, pythonIsoTime, readinessOf } from './readiness';

export interface HealthRoutesOptions {
  /** What `/ready` judges; usually `() => feed.status()`. */
  status: () => FeedStatus;
  /** Served at `/metrics`. */
  registry: Registry;
  /** Watched streams that failed (see ReadinessOptions.failed). */
  failed?: () => ReadonlyArray<{ stream: string; reason: string }>;
  /** See ReadinessOptions.maxSilenceMs. */
  maxSilenceMs?: number;
  now?: () => number;
}

/** Handles one request; returns false when the path is not a health route (the caller answers it). */
export type HealthRequestHandler = (request: IncomingMessage, response: ServerResponse) => boolean;

/** Answers with `body` as JSON, never cached. */
export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
  });
  response.end(text);
}

/**
 * `/health` (liveness: 200 while the event loop runs), `/ready` (200 when every subscribed stream is
 * fresh or nothing is subscribed, else 503; JSON per venue and market) and `/metrics` (Prometheus text).
 */
export function createHealthRoutes(options: HealthRoutesOptions): HealthRequestHandler {
  const now = options.now ?? Date.now;
  const startedAt = now();
  return (request, response) => {
    const path = (request.url ?? '/').split('?', 1)[0];
    if (path !== '/health' && path !== '/ready' && path !== '/metrics') return false;
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain' });
      response.end(`method ${request.method} not allowed on ${path}: use GET\n`);
      return true;
    }
    if (path === '/health') {
      const time = now();
      // `timestamp`: the older Python connector's field, alongside ours.
      sendJson(response, 200, {
        status: 'ok',
        uptimeSeconds: Math.round((time - startedAt) / 1000),
        timestamp: pythonIsoTime(time),
      });
      return true;
    }
    if (path === '/ready') {
      let readiness: ReturnType<typeof readinessOf>;
      let exchanges: ReturnType<typeof legacyReadinessEntries>;
      const time = now();
      try {
        const status = options.status();
        exchanges = legacyReadinessEntries(status, time);
        readiness = readinessOf(status, {
          now: time,
          ...(options.failed ? { failed: options.failed() } : {}),
          ...(options.maxSilenceMs === undefined ? {} : { maxSilenceMs: options.maxSilenceMs }),
        });
      } catch (error) {
        sendJson(response, 503, {
          status: 'error',
          message: error instanceof Error ? error.message : String(error),
        });
        return true;
      }
      // `status` in the older connector's spelling; `timestamp` and `exchanges` are its fields too.
      sendJson(response, readiness.ready ? 200 : 503, {
        status: readiness.ready ? 'ready' : 'not_ready',
        ...readiness,
        timestamp: pythonIsoTime(time),
        exchanges,
      });
      return true;
    }
    options.registry.metrics().then(
      (text) => {
        response.writeHead(200, {
          'content-type': options.registry.contentType,
          'cache-control': 'no-store',
        });
        response.end(text);
      },
      (error: unknown) => {
        response.writeHead(500, { 'content-type': 'text/plain' });
        response.end(
          `metrics collection failed: ${error instanceof Error ? error.message : String(error)}\n`,
        );
      },
    );
    return true;
  };
}
