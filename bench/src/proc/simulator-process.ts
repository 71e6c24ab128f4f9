/**
 * A venue simulator in its own process, for benchmarks whose load generator must not share the
 * measured process's CPU. Prints one JSON line `{ wsBase, restBase }` once listening; exits when
 * stdin closes (the parent ended). Argument: a JSON object of `startBinanceSimulator` options.
 */
import { type BinanceSimulatorOptions, startBinanceSimulator } from '@ohlcv/testkit';

async function main(): Promise<void> {
  const options = JSON.parse(process.argv[2] ?? '{}') as BinanceSimulatorOptions;
  if (options.market === undefined) options.market = 'spot';
  const simulator = await startBinanceSimulator(options);
  process.stdout.write(`${JSON.stringify({ wsBase: simulator.wsBase, restBase: simulator.restBase })}\n`);
  process.stdin.resume();
  process.stdin.on('end', () => {
    void simulator.close().then(() => process.exit(0));
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
