import { describe, expect, it } from 'vitest';
import { BusConfigError, createBus, redactBusUrl } from './create-bus';
import { MemoryBus, MemoryBusServer } from './memory-bus';

describe('createBus', () => {
  it('loads the package of the URL scheme and calls its create…Bus factory with the URL and options', async () => {
    const calls: unknown[] = [];
    const loaded: string[] = [];
    const bus = await createBus('redis://127.0.0.1:6379/2', {
      retention: 50,
      importModule: async (name) => {
        loaded.push(name);
        return {
          helper: () => undefined,
          createRedisBus: async (url: string, options: unknown) => {
            calls.push(url, options);
            return new MemoryBusServer().connect();
          },
        };
      },
    });
    expect(bus).toBeInstanceOf(MemoryBus);
    expect(loaded).toEqual(['@ohlcv/bus-redis']);
    expect(calls).toEqual(['redis://127.0.0.1:6379/2', { retention: 50 }]);
    await createBus('nats://127.0.0.1:4222', {
      importModule: async (name) => {
        loaded.push(name);
        return { createNatsBus: async () => new MemoryBusServer().connect() };
      },
    });
    expect(loaded).toEqual(['@ohlcv/bus-redis', '@ohlcv/bus-nats']);
  });

  it('names the package to install when it is missing', async () => {
    const missing = Object.assign(new Error("Cannot find package '@ohlcv/bus-nats' imported from x"), {
      code: 'ERR_MODULE_NOT_FOUND',
    });
    await expect(
      createBus('nats://127.0.0.1:4222', {
        importModule: async () => {
          throw missing;
        },
      }),
    ).rejects.toThrow(
      'the nats:// bus needs the package @ohlcv/bus-nats, which is not installed: npm install @ohlcv/bus-nats',
    );
    // A real failed import (Node's ERR_MODULE_NOT_FOUND) is recognized the same way.
    await expect(
      createBus('nats://127.0.0.1:4222', {
        importModule: (name) => import(/* @vite-ignore */ `${name}-not-installed`),
      }),
    ).rejects.toBeInstanceOf(BusConfigError);
  });

  it('refuses an unknown scheme, a malformed URL and a package without a factory, naming the value', async () => {
    await expect(createBus('kafka://broker:9092')).rejects.toThrow(
      'unsupported bus URL scheme "kafka:" in "kafka://broker:9092": expected one of redis:, rediss:, nats:',
    );
    await expect(createBus('localhost:6379')).rejects.toThrow('unsupported bus URL scheme "localhost:"');
    await expect(createBus('not a url')).rejects.toThrow('invalid bus URL "not a url"');
    await expect(createBus('redis://h:1', { importModule: async () => ({ other: 1 }) })).rejects.toThrow(
      '@ohlcv/bus-redis does not export a bus factory',
    );
  });

  it('redacts credentials', () => {
    expect(redactBusUrl('redis://user:secret@host:6379/1')).toBe('redis://***:***@host:6379/1');
    expect(redactBusUrl('redis://:secret@host:6379')).toBe('redis://:***@host:6379');
    expect(redactBusUrl('nats://host:4222')).toBe('nats://host:4222');
  });
});
