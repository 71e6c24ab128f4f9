/**
 * Fan-out over many streams (issue 11's batching target): N clients each subscribed to the same S
 * streams (default 50), fed by one venue process pacing kline frames round-robin over them. Contenders,
 * each in its own process and interleaved over the rounds: a minimal `ws` broadcast server (one
 * message per candle, serialized once), `ohlcv-wss` unbatched, and `ohlcv-wss` with the clients asking
 * for `batchMs`. The clients (a third process) measure venue send → client receive per candle; the
 * server's CPU (its process.cpuUsage, or /metrics for ohlcv-wss) is divided by the candles the
 * clients received. RSS after the run. Medians with min–max over the rounds.
 */
import { type RunningServer, requireWssBuilt, startBroadcastServer, startOhlcvWss } from './fan-out-servers';
import { LineChild, repoPath, requireBuilt, TS_NODE } from './proc/child';
import { formatSpread, spread } from './stats';

type StreamsContender = 'broadcast' | 'ohlcv-wss' | 'ohlcv-wss batched';

interface StreamsSample {
  contender: StreamsContender;
  clients: number;
  received: number;
  frames: number;
  closes: number;
  cpuMicrosPerCandle: number;
  p50: number;
  p99: number;
  max: number;
  rss: number;
}

interface StreamsSettings {
  clientCounts: number[];
  streams: number;
  /** Candles delivered per second over all clients: the venue paces this / clients (each client gets every one). */
  deliveries: number;
  seconds: number;
  rounds: number;
  batchMs: number;
}

/** OHLCV_BENCH_FANOUT_PROFILE=dir writes a CPU profile of each `ohlcv-wss` run there (on SIGTERM). */
function startServer(venue: Venue): Promise<RunningServer> {
  const profile = process.env.OHLCV_BENCH_FANOUT_PROFILE;
  return startOhlcvWss(venue, {
    args: ['--idle-timeout-ms', '0'],
    node: profile === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${profile}`],
    sigterm: true,
  });
}

interface Venue {
  wsBase: string;
  restBase: string;
  symbols: string[];
}

async function runOnce(
  sender: LineChild,
  venue: Venue,
  contender: StreamsContender,
  clientCount: number,
  settings: StreamsSettings,
): Promise<StreamsSample> {
  const running =
    contender === 'broadcast'
      ? await startBroadcastServer('fanout-streams-broadcast.mjs', [venue.wsBase, venue.symbols.join(',')])
      : await startServer(venue);
  const keys = venue.symbols.map((symbol) => `binance:spot:${symbol}:1m`);
  const batchMs = contender === 'ohlcv-wss batched' ? settings.batchMs : 0;
  const clients = new LineChild([
    repoPath('bench/src/proc/fanout-streams-clients.mjs'),
    running.url,
    String(clientCount),
    keys.join(','),
    String(batchMs),
  ]);
  const perSecond = Math.round(settings.deliveries / clientCount);
  /** Waits until the clients receive nothing more for 500 ms (what was sent has arrived). */
  const drained = async (): Promise<void> => {
    let last = -1;
    for (let polls = 0; polls < 120; polls += 1) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      clients.send('count');
      const { received } = JSON.parse(await clients.next()) as { received: number };
      if (received === last) return;
      last = received;
    }
  };
  const report = async () => {
    clients.send('report');
    return JSON.parse(await clients.next()) as Omit<
      StreamsSample,
      'contender' | 'clients' | 'cpuMicrosPerCandle' | 'rss'
    >;
  };
  try {
    if ((await clients.next(300_000)) !== 'ready') throw new Error('fan-out clients not ready');
    // Warm-up until every upstream relays (the server has subscribed all streams at the venue).
    for (let attempt = 0; ; attempt += 1) {
      sender.send(`pace ${venue.symbols.length * 2} ${perSecond}`);
      await sender.next();
      await drained();
      const warm = await report();
      if (warm.received >= venue.symbols.length * 2 * clientCount * 0.99) break;
      if (attempt > 30) throw new Error(`${contender} relays only ${warm.received} candles`);
    }
    const before = await running.stats();
    sender.send(`pace ${Math.round(perSecond * settings.seconds)} ${perSecond}`);
    await sender.next(600_000);
    await drained();
    const after = await running.stats();
    const result = await report();
    return {
      contender,
      clients: clientCount,
      ...result,
      cpuMicrosPerCandle: (after.cpuMicros - before.cpuMicros) / result.received,
      rss: after.rss,
    };
  } finally {
    await clients.stop();
    await running.stop();
  }
}

export interface StreamsResult {
  settings: StreamsSettings;
  samples: StreamsSample[];
}

const ALL_CONTENDERS: StreamsContender[] = ['broadcast', 'ohlcv-wss', 'ohlcv-wss batched'];
/** OHLCV_BENCH_FANOUT_ONLY=name,… runs only those (profiling one contender); the report needs the baseline. */
const CONTENDERS = (process.env.OHLCV_BENCH_FANOUT_ONLY?.split(',') ?? ALL_CONTENDERS).filter(
  (name): name is StreamsContender => (ALL_CONTENDERS as string[]).includes(name),
);

export async function benchFanOutStreams(settings: StreamsSettings): Promise<StreamsResult> {
  requireBuilt(['core', 'exchange-binance']);
  requireWssBuilt();
  const sender = new LineChild([
    ...TS_NODE,
    repoPath('bench/src/proc/fanout-streams-sender.ts'),
    String(settings.streams),
  ]);
  const venue = JSON.parse(await sender.next()) as Venue;
  const samples: StreamsSample[] = [];
  try {
    for (let round = 0; round < settings.rounds; round += 1) {
      for (const clients of settings.clientCounts) {
        // Each round starts with a different contender.
        const order = CONTENDERS.map(
          (_, index) => CONTENDERS[(index + round) % CONTENDERS.length] as StreamsContender,
        );
        for (const contender of order) {
          const sample = await runOnce(sender, venue, contender, clients, settings);
          process.stderr.write(`${JSON.stringify(sample)}\n`);
          samples.push(sample);
        }
      }
    }
  } finally {
    await sender.stop();
  }
  return { settings, samples };
}

const ms = (value: number): string => `${value.toFixed(1)} ms`;
const us = (value: number): string => `${value.toFixed(2)} µs`;

export function fanOutStreamsReport(result: StreamsResult): string {
  const { settings } = result;
  const lines = [
    `${settings.streams} streams per client; the venue paces ${settings.deliveries.toLocaleString('en')} / clients candles/s round-robin over them (each client gets every one: ${settings.deliveries.toLocaleString('en')} deliveries/s); ${settings.seconds} s per run, ${settings.rounds} rounds, contenders interleaved; batched = the clients ask for \`batchMs: ${settings.batchMs}\`.`,
    '',
    '| clients | server | candles received | frames received | server CPU per delivered candle, median (min–max) | vs broadcast | p50 | p99 | max | server RSS |',
    '| ------- | ------ | ---------------- | --------------- | ------------------------------------------------ | ------------ | --- | --- | --- | ---------- |',
  ];
  for (const clients of settings.clientCounts) {
    const of = (contender: StreamsContender) =>
      result.samples.filter((sample) => sample.clients === clients && sample.contender === contender);
    const baseline = of('broadcast').map((sample) => sample.cpuMicrosPerCandle);
    const base = baseline.length > 0 ? spread(baseline).median : Number.NaN;
    for (const contender of CONTENDERS) {
      const runs = of(contender);
      if (runs.length === 0) continue;
      const cpu = spread(runs.map((sample) => sample.cpuMicrosPerCandle));
      const median = (field: 'p50' | 'p99' | 'max' | 'rss' | 'received' | 'frames'): number =>
        spread(runs.map((sample) => sample[field])).median;
      const name = contender === 'broadcast' ? 'minimal `ws` broadcast (baseline)' : `\`${contender}\``;
      lines.push(
        `| ${clients.toLocaleString('en')} | ${name} | ${median('received').toLocaleString('en')} | ${median('frames').toLocaleString('en')} | ${formatSpread(cpu, us)} | ${(cpu.median / base).toFixed(2)}× | ${ms(median('p50'))} | ${ms(median('p99'))} | ${ms(median('max'))} | ${(median('rss') / 2 ** 20).toFixed(0)} MiB |`,
      );
    }
  }
  return lines.join('\n');
}
