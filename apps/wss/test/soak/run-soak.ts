import { parseArgs } from 'node:util';
import { type BinanceSimulator, startBinanceSimulator } from '@ohlcv/testkit';
import WebSocket from 'ws';
import { SeededRandom } from '../fuzz/seeded-random';
import { offlineEnv } from '../offline-env';
import { simulatorEnv, startServerProcess } from '../server-process';
import { connectPostGcHeap, INSPECTOR_NODE_OPTIONS, inspectorUrl } from './post-gc-heap';
import { boundedGrowth, floorTrend, medianBelow, type Point } from './trend';

// `pnpm soak --minutes N [--clients 300] [--seed S]`: the built ohlcv-wss, two simulated Binance
// markets on fast virtual time, a few hundred clients with churn, slow readers, garbage and steady
// venue faults. Samples the server's RSS, heap (after a forced full GC, over the inspector), event-loop
// delay and open fds; fails when the post-GC heap or the fds floor trends upward, RSS grows past its
// bound, the event-loop delay's median passes its ceiling, or the server exits.

const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '10' },
    clients: { type: 'string', default: '300' },
    seed: { type: 'string', default: String(Date.now() % 1_000_000) },
  },
});
const minutes = Number(values.minutes);
const clientCount = Number(values.clients);
const seed = Number(values.seed);
const random = new SeededRandom(seed);
const SAMPLE_EVERY_MS = 5_000;
const INTERVALS = ['1m', '1m', '5m', '15m'];

interface Sample {
  minute: number;
  rssMb: number;
  heapMb: number;
  /** Heap used right after a full GC: the live size. */
  postGcHeapMb: number;
  loopP99Ms: number;
  fds: number;
  clients: number;
}

const metric = (text: string, name: string): number =>
  Number(new RegExp(`^${name} (\\S+)`, 'm').exec(text)?.[1] ?? Number.NaN);

async function main(): Promise<number> {
  const spot = await startBinanceSimulator({ market: 'spot', clock: { mode: 'auto', speed: 10 } });
  const usdm = await startBinanceSimulator({ market: 'usdm', clock: { mode: 'auto', speed: 10 } });
  const server = await startServerProcess(
    [
      '--max-clients',
      '5000',
      '--max-clients-per-address',
      '5000',
      '--max-buffered-bytes',
      '1048576',
      '--idle-timeout-ms',
      '20000',
      '--linger-ms',
      '2000',
    ],
    {
      ...offlineEnv(),
      ...simulatorEnv('SPOT', spot),
      ...simulatorEnv('USDM', usdm),
      NODE_OPTIONS: INSPECTOR_NODE_OPTIONS,
    },
    { startTimeoutMs: 60_000 },
  ).catch(async (error: unknown) => {
    await Promise.all([spot.close(), usdm.close()]);
    throw error;
  });
  const postGcHeap = await connectPostGcHeap(await inspectorUrl(server.stderr));
  const streams = [
    ...spot.symbols.map((symbol) => ({ market: 'spot', symbol })),
    ...usdm.symbols.map((symbol) => ({ market: 'usdm', symbol })),
  ];
  const clients = new Set<WebSocket>();
  let received = 0;
  let opened = 0;
  const open = (): void => {
    const socket = new WebSocket(server.url);
    opened += 1;
    clients.add(socket);
    socket.on('error', () => {});
    socket.on('message', () => {
      received += 1;
    });
    socket.on('close', () => {
      clients.delete(socket);
    });
    socket.on('open', () => {
      const chosen = Array.from({ length: random.int(1, 3) }, () => {
        const stream = random.pick(streams);
        return `binance:${stream.market}:${stream.symbol}:${random.pick(INTERVALS)}`;
      });
      const history = random.chance(0.2) ? random.int(1, 50) : 0;
      socket.send(JSON.stringify({ op: 'subscribe', id: opened, streams: chosen, history }));
      // A few clients stop reading: the server must cut them (4008) without anyone else noticing.
      if (random.chance(0.03)) (socket as unknown as { _socket: { pause(): void } })._socket.pause();
    });
  };
  for (let index = 0; index < clientCount; index += 1) open();

  const faults: Array<[string, (venue: BinanceSimulator) => void]> = [
    ['drop connections', (venue) => venue.faults.dropConnections()],
    ['skip pushes', (venue) => venue.faults.skipPushes(3)],
    ['duplicate pushes', (venue) => venue.faults.duplicatePushes(3)],
    ['reorder pushes', (venue) => venue.faults.reorderPushes(2)],
    ['malformed frames', (venue) => venue.faults.malformedFrames(3)],
    ['REST 503', (venue) => venue.faults.httpErrors(503, 2)],
  ];
  const faultCounts: Record<string, number> = {};
  let tick = 0;
  const churn = setInterval(() => {
    tick += 1;
    for (const socket of [...clients].slice(0, Math.ceil(clientCount * 0.02))) {
      if (random.chance(0.5)) socket.terminate();
      else socket.close();
    }
    const garbage = [...clients][random.int(0, Math.max(0, clients.size - 1))];
    if (garbage?.readyState === WebSocket.OPEN) garbage.send(random.junkText(random.int(1, 300)));
    while (clients.size < clientCount) open();
    if (tick % 15 === 0) {
      const [name, inject] = random.pick(faults);
      inject(random.chance(0.5) ? spot : usdm);
      faultCounts[name] = (faultCounts[name] ?? 0) + 1;
    }
  }, 1_000);

  const samples: Sample[] = [];
  const started = Date.now();
  let crashed = false;
  while (Date.now() - started < minutes * 60_000) {
    await new Promise((resolve) => setTimeout(resolve, SAMPLE_EVERY_MS));
    if (server.child.exitCode !== null || server.child.signalCode !== null) {
      crashed = true;
      break;
    }
    const text = await (await fetch(`http://127.0.0.1:${server.port}/metrics`)).text();
    const sample: Sample = {
      minute: (Date.now() - started) / 60_000,
      rssMb: metric(text, 'process_resident_memory_bytes') / 1_048_576,
      heapMb: metric(text, 'nodejs_heap_size_used_bytes') / 1_048_576,
      postGcHeapMb: (await postGcHeap.sample()) / 1_048_576,
      loopP99Ms: metric(text, 'nodejs_eventloop_lag_p99_seconds') * 1_000,
      fds: metric(text, 'process_open_fds'),
      clients: metric(text, 'ohlcv_ws_clients'),
    };
    samples.push(sample);
    process.stdout.write(
      `${sample.minute.toFixed(1)} min: RSS ${sample.rssMb.toFixed(0)} MB, heap ${sample.heapMb.toFixed(0)} MB (after GC ${sample.postGcHeapMb.toFixed(1)}), loop p99 ${sample.loopP99Ms.toFixed(1)} ms, fds ${sample.fds}, clients ${sample.clients}, client messages ${received}\n`,
    );
  }
  clearInterval(churn);
  for (const socket of clients) socket.terminate();
  const slowCut = metric(
    await (await fetch(`http://127.0.0.1:${server.port}/metrics`)).text().catch(() => ''),
    'ohlcv_ws_slow_client_disconnects_total',
  );
  postGcHeap.close();
  await server.stop();
  await Promise.all([spot.close(), usdm.close()]);

  const series = (pick: (sample: Sample) => number): Point[] =>
    samples.map((sample) => ({ x: sample.minute, y: pick(sample) }));
  // The first fifth of the run (at least a minute) is warm-up; windows of a minute (half a minute
  // on runs under 5 minutes) each give their floor.
  const warmUpX = Math.max(1, minutes / 5);
  const windowX = minutes < 5 ? 0.5 : 1;
  const heap = floorTrend(
    series((s) => s.postGcHeapMb),
    { windowX, warmUpX, relative: 0.1, absolute: 4 },
  );
  const fds = floorTrend(
    series((s) => s.fds),
    { windowX, warmUpX, relative: 0.1, absolute: 30 },
  );
  const rss = boundedGrowth(
    series((s) => s.rssMb),
    { windowX, warmUpX, relative: 0.25, absolute: 32 },
  );
  const loop = medianBelow(
    series((s) => s.loopP99Ms),
    { warmUpX, ceiling: 1_000 },
  );
  process.stdout.write(
    `\nsoak seed ${seed}: ${minutes} min, ${clientCount} clients (${opened} connections opened), ${received} messages to clients, slow clients cut ${slowCut}, faults ${JSON.stringify(faultCounts)}\n`,
  );
  const verdict = (bad: boolean) => (bad ? 'FAIL' : 'ok');
  process.stdout.write(
    [
      `after ${warmUpX.toFixed(1)} min of warm-up, per-${windowX}-min window floors:`,
      `  heap after GC: level ${heap.level.toFixed(1)} MB, rise ${heap.rise.toFixed(2)} vs ${heap.tolerance.toFixed(1)} MB over ${heap.windows} windows ${verdict(heap.upward)}`,
      `  open fds: level ${fds.level}, rise ${fds.rise.toFixed(1)} vs ${fds.tolerance.toFixed(1)} ${verdict(fds.upward)}`,
      `  RSS: ${rss.first.toFixed(0)} → ${rss.last.toFixed(0)} MB, bound ${rss.limit.toFixed(0)} MB ${verdict(rss.exceeded)}`,
      `  event-loop p99: median ${loop.median.toFixed(1)} ms, ceiling ${loop.ceiling} ms ${verdict(loop.exceeded)}`,
      '',
    ].join('\n'),
  );
  const failed = crashed || samples.length < 4 || heap.upward || fds.upward || rss.exceeded || loop.exceeded;
  process.stdout.write(
    `${failed ? 'FAIL' : 'PASS'}${crashed ? ' (server exited)' : ''}; replay: pnpm soak --minutes ${minutes} --clients ${clientCount} --seed ${seed}\n`,
  );
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`soak failed to run: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(2);
  },
);
