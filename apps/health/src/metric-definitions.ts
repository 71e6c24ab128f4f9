/**
 * Every metric this package registers, as data. Names follow Prometheus conventions: an `ohlcv_`
 * prefix, `_total` for counters, base units (`_seconds`, `_bytes`).
 */
export interface MetricDefinition {
  name: string;
  help: string;
  type: 'counter' | 'gauge' | 'histogram';
  labelNames: readonly string[];
  buckets?: readonly number[];
}

const VENUE = ['exchange', 'market'] as const;

/** Delays from a venue frame's arrival to the client send, seconds. */
const DELAY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5] as const;
const REST_BUCKETS = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] as const;

/** Metrics fed by the engine through the FeedObserver. */
export const FEED_METRICS = {
  framesReceived: {
    name: 'ohlcv_frames_received_total',
    help: 'WebSocket frames received from venues.',
    type: 'counter',
    labelNames: VENUE,
  },
  frameBytesReceived: {
    name: 'ohlcv_frame_received_bytes_total',
    help: 'Bytes of WebSocket frames received from venues.',
    type: 'counter',
    labelNames: VENUE,
  },
  candlesReceived: {
    name: 'ohlcv_candles_received_total',
    help: 'Candle updates parsed from venue frames, before sequencing.',
    type: 'counter',
    labelNames: VENUE,
  },
  candlesEmitted: {
    name: 'ohlcv_candles_emitted_total',
    help: 'Candles the engine emitted to consumers, by source (live or rest) and state (open or closed).',
    type: 'counter',
    labelNames: [...VENUE, 'source', 'state'],
  },
  duplicatesDropped: {
    name: 'ohlcv_duplicates_dropped_total',
    help: 'Duplicate or stale candle updates the sequencer dropped.',
    type: 'counter',
    labelNames: VENUE,
  },
  gapsFilled: {
    name: 'ohlcv_gaps_filled_total',
    help: 'Gaps of missing closed candles filled over REST.',
    type: 'counter',
    labelNames: VENUE,
  },
  gapsReported: {
    name: 'ohlcv_gaps_reported_total',
    help: 'Ranges of closed candles the venue could not provide (beyond its REST history, or REST failed).',
    type: 'counter',
    labelNames: VENUE,
  },
  candlesBackfilled: {
    name: 'ohlcv_candles_backfilled_total',
    help: 'Closed candles recovered over REST while filling gaps.',
    type: 'counter',
    labelNames: VENUE,
  },
  connectionsOpened: {
    name: 'ohlcv_upstream_connections_opened_total',
    help: 'Venue WebSocket connections opened.',
    type: 'counter',
    labelNames: VENUE,
  },
  upstreamConnections: {
    name: 'ohlcv_upstream_connections',
    help: 'Venue WebSocket connections open now.',
    type: 'gauge',
    labelNames: VENUE,
  },
  reconnects: {
    name: 'ohlcv_reconnects_total',
    help: 'Venue reconnects scheduled after a connection was lost.',
    type: 'counter',
    labelNames: VENUE,
  },
  upstreamStreams: {
    name: 'ohlcv_upstream_streams',
    help: 'Streams subscribed at venues now (one per stream, however many consumers share it).',
    type: 'gauge',
    labelNames: VENUE,
  },
  stalls: {
    name: 'ohlcv_stalls_total',
    help: 'Times a stream was reported stalled (silent despite re-subscribing and reconnecting).',
    type: 'counter',
    labelNames: VENUE,
  },
  stalledStreams: {
    name: 'ohlcv_stalled_streams',
    help: 'Streams stalled now.',
    type: 'gauge',
    labelNames: VENUE,
  },
  streamFailures: {
    name: 'ohlcv_stream_failures_total',
    help: 'Streams that ended with a terminal error, by error code.',
    type: 'counter',
    labelNames: [...VENUE, 'code'],
  },
  restRequests: {
    name: 'ohlcv_rest_requests_total',
    help: 'REST requests to venues, by HTTP status (0 when no response arrived).',
    type: 'counter',
    labelNames: [...VENUE, 'status'],
  },
  restDuration: {
    name: 'ohlcv_rest_request_duration_seconds',
    help: 'Duration of REST requests to venues.',
    type: 'histogram',
    labelNames: VENUE,
    buckets: REST_BUCKETS,
  },
  errors: {
    name: 'ohlcv_errors_total',
    help: 'Errors the engine reported (recoverable ones included).',
    type: 'counter',
    labelNames: VENUE,
  },
} as const satisfies Record<string, MetricDefinition>;

/** Metrics of the WebSocket server (ohlcv-wss), incremented by the server. */
export const SERVER_METRICS = {
  clients: {
    name: 'ohlcv_ws_clients',
    help: 'WebSocket clients connected now.',
    type: 'gauge',
    labelNames: [],
  },
  connections: {
    name: 'ohlcv_ws_connections_total',
    help: 'WebSocket client connections accepted.',
    type: 'counter',
    labelNames: [],
  },
  rejectedConnections: {
    name: 'ohlcv_ws_rejected_connections_total',
    help: 'WebSocket client connections refused, by reason (unauthorized, server_full, shutting_down).',
    type: 'counter',
    labelNames: ['reason'],
  },
  clientStreams: {
    name: 'ohlcv_ws_client_subscriptions',
    help: 'Client stream subscriptions now (a stream shared by 10 clients counts 10).',
    type: 'gauge',
    labelNames: [],
  },
  messagesSent: {
    name: 'ohlcv_ws_messages_sent_total',
    help: 'Messages handed to client sockets, by type.',
    type: 'counter',
    labelNames: ['type'],
  },
  clientErrors: {
    name: 'ohlcv_ws_client_errors_total',
    help: 'Error replies sent to clients, by error code.',
    type: 'counter',
    labelNames: ['code'],
  },
  slowClientDisconnects: {
    name: 'ohlcv_ws_slow_client_disconnects_total',
    help: 'Clients disconnected because they fell beyond their buffered-bytes bound.',
    type: 'counter',
    labelNames: [],
  },
  deadClientTerminations: {
    name: 'ohlcv_ws_dead_client_terminations_total',
    help: 'Clients terminated because they did not answer keep-alive pings.',
    type: 'counter',
    labelNames: [],
  },
  deliveryDelay: {
    name: 'ohlcv_candle_delivery_delay_seconds',
    help: 'Delay from the arrival of the venue frame (or REST response) to the send to clients.',
    type: 'histogram',
    labelNames: [],
    buckets: DELAY_BUCKETS,
  },
} as const satisfies Record<string, MetricDefinition>;
