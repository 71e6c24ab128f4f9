import { benchLoopDelay, loopDelayReport } from './loop-delay';

// `run-loop-delay.ts [streams] [perSecond] [seconds] [rounds]`
const [streams = 1_000, perSecond = 4_000, seconds = 5, rounds = 2] = process.argv.slice(2).map(Number);
benchLoopDelay(streams, perSecond, seconds, rounds).then(
  (result) => process.stdout.write(`${loopDelayReport(result)}\n`),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
