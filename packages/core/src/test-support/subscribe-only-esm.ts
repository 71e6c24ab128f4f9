// A script whose only work is iterating one subscription, as in the root README (top-level await;
// bundled as ESM). Run by keep-alive.test.ts in a child process against a toy venue that goes away.
import { toyFeedFromEnv } from './subscribe-only-feed';

const feed = toyFeedFromEnv();
for await (const event of feed.subscribe('binance:spot:BTCUSDT:1m')) {
  console.log(JSON.stringify({ type: event.type }));
}
console.log(JSON.stringify({ type: 'end' }));
