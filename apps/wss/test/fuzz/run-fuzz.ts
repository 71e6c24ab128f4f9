import { type BinanceSimulator, startBinanceSimulator } from '@ohlcv/testkit';
import { offlineEnv } from '../offline-env';
import { type ServerProcess, simulatorEnv, startServerProcess } from '../server-process';
import { closedCandles, connectClient, type TestClient, until } from '../ws-client';
import {
  type Delivery,
  deliverAbrupt,
  deliverFirstMessage,
  deliverRaw,
  deliverSlowloris,
  FuzzConnection,
} from './deliver-input';
import { type HostileInput, hostileInput } from './hostile-inputs';
import { SeededRandom } from './seeded-random';

export interface FuzzOptions {
  seed: number;
  inputs: number;
  concurrency?: number;
  log?: (line: string) => void;
}

export interface FuzzReport {
  seed: number;
  inputs: number;
  byKind: Record<string, number>;
  /** Inputs neither answered nor closed: label and detail. */
  unanswered: string[];
  internalErrors: number;
  crashed: boolean;
  controlCandles: number;
  /** Closed candles of the control client missing, repeated or different from the venue's. */
  controlProblems: string[];
  rssStartMb: number;
  rssEndMb: number;
  seconds: number;
}

const MINUTE = 60_000;
const CONTROL_STREAMS = ['BTCUSDT', 'ETHUSDT'];
const MAX_MESSAGE_BYTES = 65_536;
const ANSWER_TIMEOUT_MS = 20_000;

async function residentMb(server: ServerProcess): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${server.port}/metrics`)).text();
  return Number(/^process_resident_memory_bytes (\S+)/m.exec(text)?.[1] ?? Number.NaN) / 1_048_576;
}

async function gauge(server: ServerProcess, name: string): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${server.port}/metrics`)).text();
  return Number(new RegExp(`^${name} (\\S+)`, 'm').exec(text)?.[1] ?? Number.NaN);
}

function deliver(input: HostileInput, connection: FuzzConnection, server: ServerProcess): Promise<Delivery> {
  switch (input.kind) {
    case 'frames':
      return connection.deliver(input.frames, false, ANSWER_TIMEOUT_MS);
    case 'binary':
      return connection.deliver([input.data], true, ANSWER_TIMEOUT_MS);
    case 'first-message':
      return deliverFirstMessage(server.url, input.frame, ANSWER_TIMEOUT_MS);
    case 'abrupt':
      return deliverAbrupt(server.url, input.frame);
    case 'http':
      return deliverRaw(server.port, input.data, ANSWER_TIMEOUT_MS);
    case 'slowloris':
      return deliverSlowloris(server.port, 500, 40_000);
  }
}

/** Checks the control client's closed candles: consecutive per stream, each equal to the venue's final values. */
function checkControl(
  control: TestClient,
  simulator: BinanceSimulator,
): { count: number; problems: string[] } {
  const problems: string[] = [];
  let count = 0;
  for (const symbol of CONTROL_STREAMS) {
    const stream = `binance:spot:${symbol}:1m`;
    const candles = closedCandles(control.messages).filter((entry) => entry.stream === stream);
    count += candles.length;
    if (candles.length < 3) problems.push(`${stream}: only ${candles.length} closed candles`);
    for (const [index, { candle }] of candles.entries()) {
      const openTime = candle.openTime as number;
      const previous = candles[index - 1]?.candle.openTime as number | undefined;
      if (previous !== undefined && openTime !== previous + MINUTE) {
        problems.push(`${stream}: ${previous} then ${openTime} (missing or repeated)`);
      }
      const venue = simulator.candleAt(symbol, '1m', openTime);
      for (const field of ['open', 'high', 'low', 'close', 'volume'] as const) {
        if (venue === undefined || venue[field] !== candle[field]) {
          problems.push(
            `${stream} ${openTime}: ${field} ${String(candle[field])} ≠ venue ${String(venue?.[field])}`,
          );
        }
      }
    }
  }
  return { count, problems };
}

/**
 * Runs ohlcv-wss (built) against the Binance simulator, sends `inputs` seeded hostile inputs over
 * `concurrency` workers while a control client receives two streams, and reports what went wrong.
 */
export async function runFuzz(options: FuzzOptions): Promise<FuzzReport> {
  const started = Date.now();
  const log = options.log ?? (() => {});
  const random = new SeededRandom(options.seed);
  const simulator = await startBinanceSimulator({ market: 'spot' });
  // Legacy contract types reach the futures markets: simulators there too, so nothing leaves the machine.
  const futures = await Promise.all([
    startBinanceSimulator({ market: 'usdm' }),
    startBinanceSimulator({ market: 'coinm' }),
  ]);
  const server = await startServerProcess(
    ['--max-clients-per-address', '500', '--max-clients', '2000', '--idle-timeout-ms', '30000'],
    {
      ...offlineEnv(),
      ...simulatorEnv('USDM', futures[0]),
      ...simulatorEnv('COINM', futures[1]),
      ...simulatorEnv('SPOT', simulator),
    },
    { startTimeoutMs: 60_000 },
  );
  const report: FuzzReport = {
    seed: options.seed,
    inputs: 0,
    byKind: {},
    unanswered: [],
    internalErrors: 0,
    crashed: false,
    controlCandles: 0,
    controlProblems: [],
    rssStartMb: 0,
    rssEndMb: 0,
    seconds: 0,
  };
  const connections: FuzzConnection[] = [];
  try {
    const control = await connectClient(server.url);
    control.send({
      op: 'subscribe',
      id: 'control',
      streams: CONTROL_STREAMS.map((s) => `binance:spot:${s}:1m`),
    });
    await control.waitFor((messages) => messages.some((m) => m.type === 'subscribed' && m.id === 'control'));
    await until(() => simulator.subscriptionCount() >= 2, 10_000, 'control streams subscribed upstream');
    report.rssStartMb = await residentMb(server);

    const inputs = Array.from({ length: options.inputs }, () => hostileInput(random, MAX_MESSAGE_BYTES));
    const slow: Array<Promise<Delivery>> = [];
    let next = 0;
    let advancing = Promise.resolve();
    const worker = async (name: string): Promise<void> => {
      const connection = new FuzzConnection(server.url, name);
      connections.push(connection);
      while (next < inputs.length && server.child.exitCode === null) {
        const index = next;
        next += 1;
        const input = inputs[index] as HostileInput;
        report.byKind[input.label.split(' ')[0] as string] =
          (report.byKind[input.label.split(' ')[0] as string] ?? 0) + 1;
        report.inputs += 1;
        if (index > 0 && index % 100 === 0) {
          advancing = advancing.then(() => simulator.clock.advance(MINUTE));
          if (index % 1_000 === 0) log(`fuzz seed ${options.seed}: ${index} of ${inputs.length} inputs`);
        }
        const delivery = deliver(input, connection, server);
        if (input.kind === 'slowloris') {
          slow.push(delivery);
          continue;
        }
        const result = await delivery.catch(
          (error: unknown): Delivery => ({ answered: false, internalErrors: 0, detail: String(error) }),
        );
        report.internalErrors += result.internalErrors;
        if (!result.answered) report.unanswered.push(`#${index} ${input.label}: ${result.detail}`);
      }
    };
    await Promise.all(Array.from({ length: options.concurrency ?? 6 }, (_, index) => worker(`w${index}`)));
    for (const result of await Promise.all(slow))
      if (!result.answered) report.unanswered.push(`slowloris: ${result.detail}`);
    for (const connection of connections) connection.close();
    report.crashed = server.child.exitCode !== null || server.child.signalCode !== null;
    if (!report.crashed) {
      await advancing;
      await simulator.clock.advance(2 * MINUTE);
      const lastClosed = Math.floor(simulator.clock.now() / MINUTE) * MINUTE - MINUTE;
      await control
        .waitFor(
          (messages) =>
            CONTROL_STREAMS.every((symbol) =>
              closedCandles(messages).some(
                (entry) =>
                  entry.stream === `binance:spot:${symbol}:1m` && entry.candle.openTime === lastClosed,
              ),
            ),
          30_000,
        )
        .catch(() => report.controlProblems.push(`control client never got the candle of ${lastClosed}`));
      const checked = checkControl(control, simulator);
      report.controlCandles = checked.count;
      report.controlProblems.push(...checked.problems);
      await until(() => control.socket.readyState === control.socket.OPEN, 1_000, 'control open');
      // Memory: once the fuzz clients are gone, RSS settles back (allow GC a few seconds).
      const clientsGone = Date.now();
      while ((await gauge(server, 'ohlcv_ws_clients')) > 1 && Date.now() - clientsGone < 30_000) {
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      report.rssEndMb = await residentMb(server);
      for (let wait = 0; wait < 20 && report.rssEndMb > report.rssStartMb * 1.5 + 40; wait += 1) {
        await new Promise((resolve) => setTimeout(resolve, 500));
        report.rssEndMb = await residentMb(server);
      }
      control.close();
    }
    const internalLines = server.logs.filter(
      (line) => line.msg === 'internal error handling a client message',
    );
    report.internalErrors = Math.max(report.internalErrors, internalLines.length);
    for (const line of internalLines.slice(0, 3)) log(`internal error: ${String(line.err).slice(0, 600)}`);
  } finally {
    for (const connection of connections) connection.close();
    report.crashed ||= server.child.exitCode !== null && server.child.exitCode !== 0;
    if (report.crashed) log(`server exited: ${server.stderr.join('').slice(-2_000)}`);
    await server.stop();
    await Promise.all([simulator.close(), ...futures.map((venue) => venue.close())]);
    report.seconds = Math.round((Date.now() - started) / 1000);
  }
  return report;
}
