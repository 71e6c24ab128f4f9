/**
 * The engine side of the scale bench, in its own process (run with --expose-gc): subscribes
 * `count` idle Binance spot streams (onEvent listeners) against the simulator at `restBase`/`wsBase`,
 * waits until every one is acknowledged, and prints one JSON line: heap and RSS before/after and
 * the seconds until all were subscribed.
 */
import { createFeed } from '@ohlcv/core';
import { binance } from '@ohlcv/exchange-binance';

const [wsBase = '', restBase = '', countText = '1000'] = process.argv.slice(2);
const count = Number(countText);
const gc = (globalThis as { gc?: () => void }).gc;

function settledMemory(): { heap: number; rss: number } {
  gc?.();
  gc?.();
  const usage = process.memoryUsage();
  return { heap: usage.heapUsed, rss: usage.rss };
}

async function main(): Promise<void> {
  if (gc === undefined) throw new Error('run with --expose-gc');
  // The engine's sockets and timers do not hold the process open by themselves.
  const keepAlive = setInterval(() => {}, 60_000);
  const feed = createFeed({
    adapters: [binance],
    endpoints: { binance: { spot: { ws: wsBase, rest: restBase } } },
  });
  // Instruments first, so the per-stream figure holds no instrument list.
  await feed.symbols('binance', 'spot');
  const before = settledMemory();
  const started = process.hrtime.bigint();
  const cpuStarted = process.cpuUsage();
  const listener = (): void => {};
  const subscriptions = [];
  for (let index = 0; index < count; index += 1) {
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
      heapPerStream: (after.heap - before.heap) / count,
      rssPerStream: (after.rss - before.rss) / count,
      rss: after.rss,
      connections: feed.status().venues[0]?.connections,
    })}\n`,
  );
  await feed.close();
  clearInterval(keepAlive);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
