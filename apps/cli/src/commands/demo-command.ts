import type { MarketType } from '@ohlcv/core';
import { startBinanceSimulator } from '@ohlcv/testkit';
import type { Command } from 'commander';
import { createLogger } from '../logger';
import { LineOutput } from '../output';
import { parseFormat, parseLogLevel, parseMarketSetting, parsePositiveInteger, setting } from '../settings';
import { runStream } from './run-stream';

interface DemoFlags {
  market?: string;
  limit?: string;
  speed?: string;
  format?: string;
  faults?: boolean;
  logLevel?: string;
}

const DEMO_SYMBOLS: Record<MarketType, string[]> = {
  spot: ['BTCUSDT', 'ETHUSDT'],
  usdm: ['BTCUSDT', 'ETHUSDT'],
  coinm: ['BTCUSD_PERP', 'ETHUSD_PERP'],
};

export function registerDemoCommand(program: Command, setExitCode: (code: number) => void): void {
  program
    .command('demo')
    .description('stream from the built-in simulated Binance through the real engine (no network needed)')
    .option('-m, --market <market>', 'spot, usdm or coinm', 'spot')
    .option('-n, --limit <count>', 'closed candles to print before exiting', '12')
    .option('--speed <factor>', 'simulated seconds per real second', '60')
    .option('-f, --format <format>', 'pretty, ndjson or csv', 'pretty')
    .option('--no-faults', 'do not drop the connection midway')
    .option('--log-level <level>', 'log level on stderr', 'info')
    .addHelpText(
      'after',
      `
The demo starts a simulated Binance on 127.0.0.1 (virtual time, 1 minute per second by default),
streams 1m candles for two symbols through the same engine as 'ohlcv stream', and midway drops the
venue connection and withholds three pushes: the engine reconnects and fills the gap from REST, so
the closed candles stay consecutive (those marked "from REST").

Examples:
  ohlcv demo
  ohlcv demo --market usdm --format ndjson --limit 20`,
    )
    .action(async (flags: DemoFlags) => {
      setExitCode(await demoAction(flags));
    });
}

async function demoAction(flags: DemoFlags): Promise<number> {
  const env = process.env;
  const market = setting(
    { name: '--market', value: flags.market },
    { name: 'OHLCV_MARKET', source: env },
    parseMarketSetting,
    'spot',
  );
  const limit = setting(
    { name: '--limit', value: flags.limit },
    { name: 'OHLCV_LIMIT', source: env },
    parsePositiveInteger,
    12,
  );
  const speed = setting(
    { name: '--speed', value: flags.speed },
    { name: 'OHLCV_DEMO_SPEED', source: env },
    parsePositiveInteger,
    60,
  );
  const format = setting(
    { name: '--format', value: flags.format },
    { name: 'OHLCV_FORMAT', source: env },
    parseFormat,
    'pretty',
  );
  const logLevel = setting(
    { name: '--log-level', value: flags.logLevel },
    { name: 'OHLCV_LOG_LEVEL', source: env },
    parseLogLevel,
    'info',
  );
  const logger = createLogger(logLevel);
  const symbols = DEMO_SYMBOLS[market];
  const simulator = await startBinanceSimulator({
    market,
    symbols,
    clock: { mode: 'auto', speed },
    startTime: Math.floor(Date.now() / 60_000) * 60_000,
  });
  logger.info({ ws: simulator.wsBase, rest: simulator.restBase, market, speed }, 'simulated Binance started');
  const faultAt = Math.max(2, Math.floor(limit / 3));
  try {
    return await runStream({
      exchange: 'binance',
      market,
      symbols,
      interval: '1m',
      limit,
      closedOnly: true,
      liveOpenOnTerminal: true,
      format,
      feedOptions: {
        endpoints: { binance: { [market]: { ws: simulator.wsBase, rest: simulator.restBase } } },
      },
      logger,
      output: new LineOutput(process.stdout),
      onClosedCandle: (count) => {
        if (flags.faults !== false && count === faultAt) {
          // An outage spanning candle closes: the venue goes quiet for ~2.5 simulated minutes, then
          // the connection drops. The engine reconnects and fetches the candles it missed over REST.
          logger.warn({}, 'demo: the venue goes silent for 2.5 simulated minutes, then drops the connection');
          simulator.faults.silence();
          const outage = setTimeout(
            () => {
              simulator.faults.dropConnections();
              simulator.faults.resume();
            },
            Math.ceil(150_000 / speed),
          );
          outage.unref();
        }
      },
    });
  } finally {
    await simulator.close();
  }
}
