/**
 * What every README code block must do when run against the simulated venues. Each block of every
 * README has an entry here (the test fails for a block without one, or an entry without a block), so
 * a new example is run from the day it is written.
 *
 * How blocks run: `ts` blocks as an ES module (tsx, workspace packages from source) with
 * `OHLCV_*_URL` pointing at the simulators; `sh` blocks line by line — `pnpm install`/`pnpm build`/
 * `npm install …` are what the test run itself has done, `ohlcv …`/`ohlcv-wss …`/`node apps/…` run the
 * built binaries. Fixed ports in examples (8765, 8766) become 0 (tests never use fixed ports).
 */
import type { VenueMarket } from './simulated-venues';

export interface Expectation {
  /** Output lines that must appear (stdout or stderr) … */
  expect: RegExp;
  /** … at least this many times; then the process is stopped. Default 1. */
  count?: number;
  /** Must the process also exit 0 by itself (finite examples)? Default false. */
  exits?: boolean;
}

export type ExampleCase =
  | ({ kind: 'ts'; venues: VenueMarket[] } & Expectation)
  | { kind: 'sh'; venues: VenueMarket[]; commands: Record<string, Expectation | { notRun: string }> }
  | { kind: 'output'; note: string }
  | { kind: 'not-run'; reason: string };

const CANDLE_OBJECT = /closed: true/;
const LISTENING = /"msg":"listening"/;
const PRETTY_CLOSED = /\bclosed\b|✓|BTC/;

export const EXAMPLE_CASES: Record<string, ExampleCase> = {
  'README.md#1': {
    kind: 'sh',
    venues: [],
    commands: {
      'npx -y pnpm@12.4.2 exec ohlcv demo': { expect: /from REST/, count: 1 },
      'npx -y pnpm@12.4.2 test': {
        notRun: 'the test command itself: CI (.ci/run) runs it; this check is one of its tests',
      },
    },
  },
  'README.md#2': {
    kind: 'sh',
    venues: ['binance:spot', 'binance:usdm', 'okx:usdm', 'bybit:usdm'],
    commands: {
      'npx -y pnpm@12.4.2 exec ohlcv stream binance BTCUSDT ETHUSDT --interval 1m': {
        expect: /ETHUSDT/,
        count: 2,
      },
      'npx -y pnpm@12.4.2 exec ohlcv stream binance BTCUSDT --market usdm --format ndjson --closed-only --limit 5':
        {
          expect: /"closed":true/,
          count: 5,
          exits: true,
        },
      'npx -y pnpm@12.4.2 exec ohlcv stream okx BTC-USDT-SWAP --market usdm': {
        expect: /BTC-USDT-SWAP/,
        count: 2,
      },
      'npx -y pnpm@12.4.2 exec ohlcv history bybit BTC/USDT:USDT --market usdm --from 2026-11-01 --out btc.csv':
        {
          expect: /./,
          count: 0,
          exits: true,
        },
      'npx -y pnpm@12.4.2 exec ohlcv-wss --port 8765': { expect: LISTENING },
    },
  },
  'README.md#3': { kind: 'ts', venues: ['binance:spot'], expect: CANDLE_OBJECT, count: 2 },
  'README.md#4': {
    kind: 'not-run',
    reason:
      'the development commands: CI runs `pnpm test` (which runs biome, typecheck, lint and every test)',
  },

  'packages/app-settings/README.md#1': {
    kind: 'ts',
    venues: [],
    expect: /port: 9000 .*port to bind \(env MY_PORT; default: 3000\)/,
    exits: true,
  },
  'packages/core/README.md#1': { kind: 'not-run', reason: 'npm install: this workspace is what it installs' },
  'packages/core/README.md#2': {
    kind: 'ts',
    venues: ['binance:spot'],
    expect: /^24 hourly candles on 2024-01-01$/,
    exits: true,
  },
  'packages/bus-nats/README.md#1': {
    kind: 'not-run',
    reason: 'npm install: this workspace is what it installs',
  },
  'packages/bus-nats/README.md#2': {
    kind: 'not-run',
    reason:
      'needs a running nats-server -js; packages/bus-nats/src/nats-bus-*.test.ts run the same calls against a real one they start',
  },
  'packages/bus-nats/README.md#3': {
    kind: 'not-run',
    reason: 'the package test command: CI runs it as part of `pnpm test`',
  },
  'packages/exchange-binance/README.md#1': {
    kind: 'not-run',
    reason: 'npm install: this workspace is what it installs',
  },
  'packages/exchange-binance/README.md#2': {
    kind: 'ts',
    venues: ['binance:usdm'],
    expect: /^\d{4}-\d\d-\d\dT.* (live|history|rest)$/,
    count: 12,
  },
  'packages/exchange-binance/README.md#3': {
    kind: 'ts',
    venues: ['binance:coinm'],
    expect: /^744 hourly candles in January 2026$/,
    exits: true,
  },
  'packages/exchange-bybit/README.md#1': {
    kind: 'not-run',
    reason: 'npm install: this workspace is what it installs',
  },
  'packages/exchange-bybit/README.md#2': {
    kind: 'ts',
    venues: ['bybit:usdm'],
    expect: /^\d{13} \d/,
    count: 2,
  },
  'packages/exchange-gateio/README.md#1': {
    kind: 'not-run',
    reason: 'npm install: this workspace is what it installs',
  },
  'packages/exchange-gateio/README.md#2': {
    kind: 'ts',
    venues: ['gateio:spot'],
    expect: /^\d{13} \d/,
    count: 2,
  },
  'packages/exchange-hyperliquid/README.md#1': {
    kind: 'not-run',
    reason: 'npm install: this workspace is what it installs',
  },
  'packages/exchange-hyperliquid/README.md#2': {
    kind: 'ts',
    venues: ['hyperliquid:usdm', 'hyperliquid:spot'],
    expect: /^\d{4}-\d\d-\d\dT.* (live|history|rest)$/,
    count: 12,
  },
  'packages/exchange-hyperliquid/README.md#3': {
    kind: 'ts',
    venues: ['hyperliquid:usdm'],
    expect: /^\d+ hourly kPEPE candles over the last week/,
    exits: true,
  },
  'packages/exchange-okx/README.md#1': {
    kind: 'not-run',
    reason: 'npm install: this workspace is what it installs',
  },
  'packages/exchange-okx/README.md#2': {
    kind: 'ts',
    venues: ['okx:usdm'],
    expect: /^\d{4}-\d\d-\d\dT/,
    count: 2,
  },
  'packages/exchange-okx/README.md#3': {
    kind: 'ts',
    venues: ['okx:coinm'],
    expect: /^744 hourly candles in January 2026$/,
    exits: true,
  },
  'packages/bus/README.md#1': { kind: 'not-run', reason: 'npm install: this workspace is what it installs' },
  'packages/bus/README.md#2': { kind: 'ts', venues: ['binance:spot'], expect: CANDLE_OBJECT, count: 2 },
  'packages/bus/README.md#3': {
    kind: 'not-run',
    reason:
      'needs a Redis server on a fixed port; createBus is run by packages/bus/src/create-bus.test.ts and, on a redis-server of its own, by apps/cli/test/scale-out.e2e.test.ts',
  },
  'packages/bus/README.md#4': {
    kind: 'not-run',
    reason:
      'a fragment of a bus package test file; packages/bus-redis/test/redis-conformance.test.ts runs it against a real redis-server',
  },
  'packages/bus-redis/README.md#1': {
    kind: 'not-run',
    reason: 'npm install: this workspace is what it installs',
  },
  'packages/bus-redis/README.md#2': {
    kind: 'not-run',
    reason:
      'needs a Redis server on a fixed port; the same calls run in packages/bus-redis/test/redis-bus.test.ts against a redis-server of its own on a free port',
  },
  'packages/store/README.md#1': {
    kind: 'not-run',
    reason: 'npm install: this workspace is what it installs',
  },
  'packages/store/README.md#2': {
    kind: 'ts',
    venues: ['binance:spot'],
    expect: /^48 candles again, no REST call$/,
    exits: true,
  },
  'packages/store-sqlite/README.md#1': {
    kind: 'not-run',
    reason: 'npm install: this workspace is what it installs',
  },
  'packages/store-sqlite/README.md#2': { kind: 'ts', venues: [], expect: /from: 1735689660000/, exits: true },
  'packages/store-postgres/README.md#1': {
    kind: 'not-run',
    reason: 'npm install: this workspace is what it installs',
  },
  'packages/store-postgres/README.md#2': {
    kind: 'not-run',
    reason:
      'needs a PostgreSQL server at localhost; the same calls run against a real server started by packages/store/test/postgres-store.test.ts',
  },
  'packages/venues/README.md#1': {
    kind: 'not-run',
    reason: 'npm install: this workspace is what it installs',
  },
  'packages/venues/README.md#2': { kind: 'ts', venues: [], expect: /^Gate$/, exits: true },
  'packages/venues/README.md#3': {
    kind: 'not-run',
    reason:
      'a fragment importing an adapter of your own; packages/venue-toy/src/toy-registry.test.ts builds the same registry with a toy venue and streams from it',
  },
  'packages/testkit/README.md#1': { kind: 'ts', venues: [], expect: /1767225600000/, exits: true },

  'apps/cli/README.md#1': {
    kind: 'sh',
    venues: ['binance:spot', 'okx:spot', 'okx:usdm', 'bybit:usdm', 'gateio:spot'],
    commands: {
      'npm install -g @ohlcv/cli': { notRun: 'npm install: this workspace is what it installs' },
      'ohlcv demo': { expect: /from REST/ },
      'ohlcv stream binance BTCUSDT ETHUSDT --interval 1m': { expect: PRETTY_CLOSED, count: 2 },
      'ohlcv stream okx BTC-USDT-SWAP --market usdm --format ndjson --closed-only --limit 5': {
        expect: /"closed":true/,
        count: 5,
        exits: true,
      },
      'ohlcv history bybit BTC/USDT:USDT --market usdm --from 2026-11-01 --to 2026-11-04 --out btc.csv': {
        expect: /./,
        count: 0,
        exits: true,
      },
      'ohlcv markets gateio --market spot --search btc': { expect: /BTC_USDT/, exits: true },
      'ohlcv record binance:spot:BTCUSDT:1m okx:spot:BTC-USDT:1m': {
        expect: /recording okx:spot:BTC-USDT:1m/,
      },
      'ohlcv history binance BTCUSDT --from 2026-11-01 --to 2026-11-02 --store sqlite:./candles.db': {
        expect: /"closed":true/,
        count: 1_440,
        exits: true,
      },
      'ohlcv export --store sqlite:./candles.db --out candles.parquet': {
        expect: /exported \d+ candles/,
        exits: true,
      },
    },
  },
  'apps/health/README.md#1': {
    kind: 'not-run',
    reason:
      'a server on a fixed port and curl against it; the same canary, /ready and /metrics are run by apps/health/test/canary.test.ts',
  },
  'apps/health/README.md#2': { kind: 'ts', venues: ['binance:spot'], expect: /health routes on .*port: \d+/ },
  'apps/wss/README.md#1': {
    kind: 'sh',
    venues: [],
    commands: { 'node_modules/.bin/ohlcv-wss --port 8765 --log-level info': { expect: LISTENING } },
  },
  'apps/wss/README.md#2': {
    kind: 'not-run',
    reason:
      'a client for the server of block #1 on its fixed port; the same subscribe + history join is run by apps/wss/test/protocol.test.ts',
  },
  'apps/wss/README.md#3': { kind: 'output', note: 'what the client of block #2 prints' },
  'apps/wss/README.md#4': { kind: 'ts', venues: ['binance:spot'], expect: /^ws:\/\/127\.0\.0\.1:\d+$/ },
};
