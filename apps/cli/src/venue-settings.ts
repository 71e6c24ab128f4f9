import {
  type EndpointOverrides,
  type ExchangeId,
  endpointOverridesFromEnv,
  type MarketType,
} from '@ohlcv/core';
import { venues } from '@ohlcv/venues';
import type { Logger } from 'pino';
import { createLogger } from './logger';
import { parseBoolean, parseLogLevel, parseMarketSetting, setting } from './settings';
import { UsageError } from './usage-error';

type Env = Record<string, string | undefined>;

/** Flags every venue command (stream, history, markets) shares. */
export interface VenueFlags {
  market?: string;
  testnet?: boolean;
  logLevel?: string;
}

export interface VenueSettings {
  exchange: ExchangeId;
  /** `undefined` when neither --market nor OHLCV_MARKET was given. */
  market: MarketType | undefined;
  testnet: boolean;
  endpoints: EndpointOverrides;
  logger: Logger;
}

/** The exchange argument (an id or a venue alias) as its id: a usage error listing what this build has when unknown. */
export function parseExchangeArgument(input: string): ExchangeId {
  const adapter = venues.get(input);
  if (!adapter) {
    throw new UsageError(`unknown exchange "${input}"`, `exchanges in this build: ${venues.describe()}`);
  }
  return adapter.id;
}

/** Exchange, market, testnet, endpoint overrides and logger, from flags > env > defaults. */
export function readVenueSettings(exchangeInput: string, flags: VenueFlags, env: Env): VenueSettings {
  const exchange = parseExchangeArgument(exchangeInput);
  const market = setting(
    { name: '--market', value: flags.market },
    { name: 'OHLCV_MARKET', source: env },
    parseMarketSetting,
    undefined,
  );
  const testnet = setting(
    { name: '--testnet', value: flags.testnet ? 'true' : undefined },
    { name: 'OHLCV_TESTNET', source: env },
    parseBoolean,
    false,
  );
  const logLevel = setting(
    { name: '--log-level', value: flags.logLevel },
    { name: 'OHLCV_LOG_LEVEL', source: env },
    parseLogLevel,
    'info',
  );
  let endpoints: EndpointOverrides;
  try {
    endpoints = endpointOverridesFromEnv(env, venues);
  } catch (error) {
    throw new UsageError((error as Error).message, 'fix or unset the environment variable named above');
  }
  return { exchange, market, testnet, endpoints, logger: createLogger(logLevel) };
}
