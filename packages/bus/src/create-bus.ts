import type { CandleBus, CandleBusFactory, CandleBusOptions } from '@ohlcv/core';

/** The bus package serving each URL scheme. Each exports a `create…Bus` CandleBusFactory. */
export const BUS_PACKAGES: Readonly<Record<string, string>> = {
  'redis:': '@ohlcv/bus-redis',
  'rediss:': '@ohlcv/bus-redis',
  'nats:': '@ohlcv/bus-nats',
};

export interface CreateBusOptions extends CandleBusOptions {
  /**
   * Loads a bus package by name. Default: `import()` from this package. An app passes its own
   * `(name) => import(name)` so the package resolves among the app's dependencies.
   */
  importModule?: (name: string) => Promise<unknown>;
}

export class BusConfigError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'BusConfigError';
  }
}

const defaultImport = (name: string): Promise<unknown> => import(/* @vite-ignore */ name);

/** Removes credentials from a bus URL, for logs and errors. */
export function redactBusUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.username || parsed.password) {
      parsed.username = parsed.username ? '***' : '';
      parsed.password = parsed.password ? '***' : '';
    }
    return parsed.toString();
  } catch {
    return url.replace(/\/\/[^@/]*@/, '//***@');
  }
}

/** The CandleBusFactory a bus package exports: the first export named `create…Bus` that is a function. */
function factoryOf(module: unknown, name: string): CandleBusFactory {
  if (typeof module === 'object' && module !== null) {
    for (const [exportName, value] of Object.entries(module)) {
      if (/^create\w*Bus$/.test(exportName) && typeof value === 'function') return value as CandleBusFactory;
    }
  }
  throw new BusConfigError(`${name} does not export a bus factory (a function named create…Bus)`);
}

function isModuleNotFound(error: unknown, name: string): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  return (
    (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') &&
    (typeof message !== 'string' || message.includes(name))
  );
}

/**
 * Opens the bus a URL names: `redis://host:port[/db]` (`@ohlcv/bus-redis`) or `nats://host:port`
 * (`@ohlcv/bus-nats`). The bus package is loaded on demand, so only the one in use must be installed.
 */
export async function createBus(url: string, options: CreateBusOptions = {}): Promise<CandleBus> {
  let scheme: string;
  try {
    scheme = new URL(url).protocol;
  } catch {
    throw new BusConfigError(
      `invalid bus URL "${redactBusUrl(url)}": expected redis://host:port[/db] or nats://host:port`,
    );
  }
  const name = BUS_PACKAGES[scheme];
  if (name === undefined) {
    throw new BusConfigError(
      `unsupported bus URL scheme "${scheme}" in "${redactBusUrl(url)}": expected one of ${Object.keys(BUS_PACKAGES).join(', ')}`,
    );
  }
  const { importModule = defaultImport, ...busOptions } = options;
  let module: unknown;
  try {
    module = await importModule(name);
  } catch (error) {
    if (isModuleNotFound(error, name)) {
      throw new BusConfigError(
        `the ${scheme}// bus needs the package ${name}, which is not installed: npm install ${name}`,
        { cause: error },
      );
    }
    throw error;
  }
  return factoryOf(module, name)(url, busOptions);
}
