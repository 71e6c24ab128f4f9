import type { Candle, ExchangeId, FeedObserver, MarketType } from '@ohlcv/core';
import type { Registry } from 'prom-client';
import { createMetrics, type MetricsOf } from './create-metrics';
import { deferredCounterChild } from './deferred-counter';
import { FEED_METRICS } from './metric-definitions';

type FeedMetrics = MetricsOf<typeof FEED_METRICS>;

interface CounterChild {
  inc(value?: number): void;
}

/** Label-bound children of the per-message metrics of one venue market (no label hashing on the hot path). */
interface VenueChildren {
  frames: CounterChild;
  frameBytes: CounterChild;
  candlesReceived: CounterChild;
  liveOpen: CounterChild;
  liveClosed: CounterChild;
  restOpen: CounterChild;
  restClosed: CounterChild;
  duplicates: CounterChild;
}

/** `exchange` and `market` of a stream key `exchange:market:symbol:interval`. */
function venueOf(stream: string): { exchange: string; market: string } {
  const first = stream.indexOf(':');
  const second = stream.indexOf(':', first + 1);
  if (first < 0 || second < 0) return { exchange: 'unknown', market: 'unknown' };
  return { exchange: stream.slice(0, first), market: stream.slice(first + 1, second) };
}

/**
 * A FeedObserver that turns what the engine reports into Prometheus metrics (see FEED_METRICS),
 * registered into the injected registry. Pass it as `createFeed({ observer })`.
 */
export function createMetricsObserver(registry: Registry): FeedObserver {
  const metrics: FeedMetrics = createMetrics(registry, FEED_METRICS);
  const children = new Map<string, Map<string, VenueChildren>>();
  // The venue of the previous call: a frame's three reports (frame, candle received, emitted) and a
  // one-venue feed's every report find their children without a map lookup.
  let lastExchange = '';
  let lastMarket = '';
  let last: VenueChildren | undefined;

  function venue(exchange: ExchangeId | string, market: MarketType | string): VenueChildren {
    if (last !== undefined && exchange === lastExchange && market === lastMarket) return last;
    last = boundVenue(exchange, market);
    lastExchange = exchange;
    lastMarket = market;
    return last;
  }

  function boundVenue(exchange: ExchangeId | string, market: MarketType | string): VenueChildren {
    let byMarket = children.get(exchange);
    if (byMarket === undefined) {
      byMarket = new Map();
      children.set(exchange, byMarket);
    }
    let bound = byMarket.get(market);
    if (bound === undefined) {
      const emitted = metrics.candlesEmitted;
      bound = {
        frames: deferredCounterChild(metrics.framesReceived, exchange, market),
        frameBytes: deferredCounterChild(metrics.frameBytesReceived, exchange, market),
        candlesReceived: deferredCounterChild(metrics.candlesReceived, exchange, market),
        liveOpen: deferredCounterChild(emitted, exchange, market, 'live', 'open'),
        liveClosed: deferredCounterChild(emitted, exchange, market, 'live', 'closed'),
        restOpen: deferredCounterChild(emitted, exchange, market, 'rest', 'open'),
        restClosed: deferredCounterChild(emitted, exchange, market, 'rest', 'closed'),
        duplicates: deferredCounterChild(metrics.duplicatesDropped, exchange, market),
      };
      byMarket.set(market, bound);
    }
    return bound;
  }

  return {
    connectionOpened(info) {
      metrics.connectionsOpened.labels(info.exchange, info.market).inc();
      metrics.upstreamConnections.labels(info.exchange, info.market).inc();
    },
    connectionClosed(info) {
      metrics.upstreamConnections.labels(info.exchange, info.market).dec();
    },
    reconnectScheduled(info) {
      metrics.reconnects.labels(info.exchange, info.market).inc();
    },
    frameReceived(exchange, market, bytes) {
      const bound = venue(exchange, market);
      bound.frames.inc();
      bound.frameBytes.inc(bytes);
    },
    candleReceived(_stream, candle: Candle) {
      venue(candle.exchange, candle.market).candlesReceived.inc();
    },
    candleEmitted(_stream, candle: Candle, source) {
      const bound = venue(candle.exchange, candle.market);
      if (source === 'live') (candle.closed ? bound.liveClosed : bound.liveOpen).inc();
      else (candle.closed ? bound.restClosed : bound.restOpen).inc();
    },
    duplicateDropped(_stream, candle: Candle) {
      venue(candle.exchange, candle.market).duplicates.inc();
    },
    gapFilled(stream, info) {
      const { exchange, market } = venueOf(stream);
      metrics.gapsFilled.labels(exchange, market).inc();
      metrics.candlesBackfilled.labels(exchange, market).inc(info.candles);
    },
    gapReported(stream) {
      const { exchange, market } = venueOf(stream);
      metrics.gapsReported.labels(exchange, market).inc();
    },
    restRequest(info) {
      metrics.restRequests.labels(info.exchange, info.market, String(info.status)).inc();
      metrics.restDuration.labels(info.exchange, info.market).observe(info.durationMs / 1000);
    },
    streamSubscribed(stream) {
      const { exchange, market } = venueOf(stream);
      metrics.upstreamStreams.labels(exchange, market).inc();
    },
    streamUnsubscribed(stream) {
      const { exchange, market } = venueOf(stream);
      metrics.upstreamStreams.labels(exchange, market).dec();
    },
    streamStalled(stream) {
      const { exchange, market } = venueOf(stream);
      metrics.stalls.labels(exchange, market).inc();
      metrics.stalledStreams.labels(exchange, market).inc();
    },
    streamRecovered(stream) {
      const { exchange, market } = venueOf(stream);
      metrics.stalledStreams.labels(exchange, market).dec();
    },
    streamFailed(stream, error) {
      const { exchange, market } = venueOf(stream);
      metrics.streamFailures.labels(exchange, market, error.code).inc();
    },
    error(info) {
      metrics.errors.labels(info.exchange ?? 'unknown', info.market ?? 'unknown').inc();
    },
  };
}
