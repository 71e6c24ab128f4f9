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

const [wsBase = '', restBase = '', countText = '1000'] = process.argv.slice(2);
const count = Number(countText);
const gc = globalThis.gc;

function settledMemory() {
  gc();
  gc();
  const usage = process.memoryUsage();
  return { heap: usage.heapUsed, rss: usage.rss };
}

async function main() {
  if (gc === undefined) throw new Error('run with --expose-gc');
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
  const before = settledMemory();
  const started = process.hrtime.bigint();
  const cpuStarted = process.cpuUsage();
  const subscriptions = [first];
  for (let index = 1; index < count; index += 1) {
    subscriptions.push(feed.subscribe(`binance:spot:S${index}USDT:1m`, { onEvent: listener }));
  }
  await Promise.all(subscriptions.map((subscription) => subscription.ready));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = process.cpuUsage(cpuStarted);
  const after = settledMemory();
  process.stdout.write(
    `${JSON.stringify({
      count,
      seconds,
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      heapPerStream: (after.heap - before.heap) / (count - 1),
      rssPerStream: (after.rss - before.rss) / (count - 1),
      rss: after.rss,
      connections: feed.status().venues[0]?.connections,
    })}\n`,
  );
  await feed.close();
  clearInterval(keepAlive);
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
