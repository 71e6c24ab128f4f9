import { describeBusConformance } from './bus-conformance';
import { MemoryBusServer } from './memory-bus';

const servers = new Map<string, MemoryBusServer>();

describeBusConformance('memory', {
  // One in-process server per namespace, so each test starts empty and keeps its own retention.
  createBus: async (options) => {
    const namespace = options.namespace ?? 'ohlcv';
    let shared = servers.get(namespace);
    if (shared === undefined) {
      shared = new MemoryBusServer(options);
      servers.set(namespace, shared);
    }
    return shared.connect();
  },
  interrupt: async () => {
    await Promise.all([...servers.values()].map((entry) => entry.interrupt()));
  },
});
