/**
 * The engine side of the scale bench, in its own process: `node --expose-gc scale-engine.mjs
 * <wsBase> <restBase> <count>`. Plain JavaScript on the packages' built `dist` (what users run; a
 * TypeScript loader such as tsx keeps function names with a property per closure, which inflates
 * the per-stream heap). Subscribes `count` idle Binance spot streams (onEvent listeners), waits until
 * every one is acknowledged, and prints one JSON line: heap and RSS per stream and the seconds until
 * all were subscribed.
 */
import { createFeed } from '@ohlcv/core';
import { binance } from '@ohlcv/exchange-binance';
import { startMeasuring } from './scale-measure.mjs';

const [wsBase = '', restBase = '', countText = '1000'] = process.argv.slice(2);
const count = Number(countText);

async function main() {
  // The engine's sockets and timers do not hold the process open by themselves.
  const keepAlive = setInterval(() => {}, 60_000);
  const feed = createFeed({
    adapters: [binance],
    endpoints: { binance: { spot: { ws: wsBase, rest: restBase } } },
  });
  const listener = () => {};
  // Warm-up: the instrument list, one connection and the compiled code are not per-stream costs.
  const first = feed.subscribe('binance:spot:S0USDT:1m', { onEvent: listener });
  await first.ready;
  const measuring = startMeasuring(count);
  const subscriptions = [first];
  for (let index = 1; index < count; index += 1) {
    subscriptions.push(feed.subscribe(`binance:spot:S${index}USDT:1m`, { onEvent: listener }));
  }
  await Promise.all(subscriptions.map((subscription) => subscription.ready));
  measuring.finish(feed.status().venues[0]?.connections);
  await feed.close();
  clearInterval(keepAlive);
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
