/**
 * `node --conditions=@ohlcv/source --import tsx bench/src/run-fan-out-streams.ts [clients] [seconds]
 * [rounds] [deliveries/s] [batchMs] [streams]`, e.g. `100,1000 10 3 20000 20 50`.
 */
import { benchFanOutStreams, fanOutStreamsReport } from './fan-out-streams';

const [clients, seconds, rounds, deliveries, batchMs, streams] = process.argv.slice(2);
benchFanOutStreams({
  clientCounts: (clients ?? '100,1000').split(',').map(Number),
  seconds: Number(seconds ?? 10),
  rounds: Number(rounds ?? 3),
  deliveries: Number(deliveries ?? 20_000),
  batchMs: Number(batchMs ?? 20),
  streams: Number(streams ?? 50),
}).then(
  (result) => process.stdout.write(`${fanOutStreamsReport(result)}\n`),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
