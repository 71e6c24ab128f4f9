import { createFeed } from '../feed';
import type { Feed } from '../feed-types';
import { createToyAdapter } from './toy-adapter';

/** The feed of the subscribe-only scripts: the toy venue at TOY_WS / TOY_REST; reconnects printed as lines. */
export function toyFeedFromEnv(): Feed {
  return createFeed({
    adapters: [createToyAdapter()],
    endpoints: { binance: { spot: { ws: process.env.TOY_WS ?? '', rest: process.env.TOY_REST ?? '' } } },
    backoff: { initialMs: 20, maxMs: 100 },
    observer: {
      reconnectScheduled: (info) => console.log(JSON.stringify({ type: 'reconnect', attempt: info.attempt })),
    },
  });
}
