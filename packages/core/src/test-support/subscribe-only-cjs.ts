// The CommonJS form of subscribe-only-esm.ts (bundled as CJS: no top-level await, the loop runs in
// an async function that nothing awaits). Run by keep-alive.test.ts in a child process.
import { toyFeedFromEnv } from './subscribe-only-feed';

async function main(): Promise<void> {
  const feed = toyFeedFromEnv();
  for await (const event of feed.subscribe('binance:spot:BTCUSDT:1m')) {
    console.log(JSON.stringify({ type: event.type }));
  }
  console.log(JSON.stringify({ type: 'end' }));
}
void main();
