import {
  type BusFollow,
  type BusListener,
  type BusStatus,
  CANDLE_BUS_SPEC_VERSION,
  type Candle,
  type CandleBus,
  type CandleBusOptions,
} from '@ohlcv/core';

export interface MemoryBusOptions extends CandleBusOptions {
  /** Time source for demand and lease expiry (fake timers in tests). */
  now?: () => number;
}

/**
 * What several `MemoryBus` handles share: one "server" in a process. `connected` on a handle
 * simulates an outage of that handle's link (every call rejects, follows pause and resume after).
 */
export class MemoryBusServer {
  readonly closed = new Map<string, Candle[]>();
  readonly open = new Map<string, Candle>();
  readonly demand = new Map<string, number>();
  readonly leases = new Map<string, { holder: string; expiresAt: number }>();
  readonly retention: number;
  readonly now: () => number;
  readonly #watchers = new Set<() => void>();
  readonly #handles = new Set<MemoryBus>();

  constructor(options: MemoryBusOptions = {}) {
    this.retention = options.retention ?? 1_000;
    this.now = options.now ?? Date.now;
  }

  /** A new client handle onto this server. */
  connect(): MemoryBus {
    const handle = new MemoryBus(this);
    this.#handles.add(handle);
    return handle;
  }

  /** Drops every handle's connection for `ms`, then reconnects them (data kept). */
  async interrupt(ms = 50): Promise<void> {
    for (const handle of this.#handles) handle.setConnected(false);
    await new Promise((resolve) => setTimeout(resolve, ms));
    for (const handle of this.#handles) handle.setConnected(true);
  }

  watch(callback: () => void): () => void {
    this.#watchers.add(callback);
    return () => this.#watchers.delete(callback);
  }

  changed(): void {
    for (const watcher of [...this.#watchers]) watcher();
  }

  /** Forgets everything (a bus restart without persistence). */
  wipe(): void {
    this.closed.clear();
    this.open.clear();
    this.demand.clear();
    this.leases.clear();
  }

  liveLease(key: string): { holder: string; expiresAt: number } | undefined {
    const lease = this.leases.get(key);
    if (lease === undefined) return undefined;
    if (lease.expiresAt <= this.now()) {
      this.leases.delete(key);
      return undefined;
    }
    return lease;
  }
}

/** An in-process CandleBus for tests and single-machine experiments; keeps the contract's guarantees. */
export class MemoryBus implements CandleBus {
  readonly specificationVersion = CANDLE_BUS_SPEC_VERSION;
  readonly displayUrl = 'memory://';
  readonly #server: MemoryBusServer;
  readonly #statusListeners = new Set<(status: BusStatus) => void>();
  readonly #follows = new Set<() => void>();
  #connected = true;
  #closed = false;

  constructor(server: MemoryBusServer) {
    this.#server = server;
  }

  get connected(): boolean {
    return this.#connected && !this.#closed;
  }

  /** Simulates losing (false) or regaining (true) this handle's connection. */
  setConnected(connected: boolean): void {
    if (this.#connected === connected) return;
    this.#connected = connected;
    const status: BusStatus = connected
      ? { type: 'connected' }
      : { type: 'disconnected', error: new Error('memory bus: link down (simulated)') };
    for (const listener of [...this.#statusListeners]) listener(status);
    if (connected) for (const poke of this.#follows) poke();
  }

  async publishClosed(key: string, candles: readonly Candle[]): Promise<void> {
    this.#check();
    let stored = this.#server.closed.get(key);
    if (stored === undefined) {
      stored = [];
      this.#server.closed.set(key, stored);
    }
    for (const candle of candles) {
      const newest = stored[stored.length - 1];
      if (newest !== undefined && candle.openTime <= newest.openTime) continue;
      stored.push({ ...candle, closed: true });
    }
    if (stored.length > this.#server.retention) stored.splice(0, stored.length - this.#server.retention);
    this.#server.changed();
  }

  async publishOpen(key: string, candle: Candle): Promise<void> {
    this.#check();
    this.#server.open.set(key, { ...candle });
    this.#server.changed();
  }

  async lastClosed(key: string): Promise<Candle | undefined> {
    this.#check();
    const stored = this.#server.closed.get(key);
    return stored?.[stored.length - 1];
  }

  async recentClosed(key: string, limit: number): Promise<Candle[]> {
    this.#check();
    return limit <= 0 ? [] : (this.#server.closed.get(key) ?? []).slice(-limit);
  }

  follow(key: string, afterOpenTime: number | undefined, listener: BusListener): BusFollow {
    let cursor = afterOpenTime ?? Number.NEGATIVE_INFINITY;
    let lastOpen: Candle | undefined = this.#server.open.get(key);
    let stopped = false;
    const poke = (): void => {
      if (stopped || !this.connected) return;
      for (const candle of this.#server.closed.get(key) ?? []) {
        if (candle.openTime <= cursor) continue;
        cursor = candle.openTime;
        listener.closed(candle);
        if (stopped) return;
      }
      const open = this.#server.open.get(key);
      if (open !== undefined && open !== lastOpen) {
        lastOpen = open;
        listener.open(open);
      }
    };
    const unwatch = this.#server.watch(() => queueMicrotask(poke));
    this.#follows.add(poke);
    queueMicrotask(poke);
    return {
      close: async () => {
        stopped = true;
        unwatch();
        this.#follows.delete(poke);
      },
    };
  }

  async announceDemand(_ownerId: string, keys: readonly string[], ttlMs: number): Promise<void> {
    this.#check();
    const expiresAt = this.#server.now() + ttlMs;
    for (const key of keys) {
      const current = this.#server.demand.get(key) ?? 0;
      if (expiresAt > current) this.#server.demand.set(key, expiresAt);
    }
  }

  async demandedStreams(): Promise<string[]> {
    this.#check();
    const now = this.#server.now();
    const keys: string[] = [];
    for (const [key, expiresAt] of this.#server.demand) {
      if (expiresAt > now) keys.push(key);
      else this.#server.demand.delete(key);
    }
    return keys.sort();
  }

  async claimLease(key: string, workerId: string, ttlMs: number): Promise<boolean> {
    this.#check();
    if (this.#server.liveLease(key) !== undefined) return false;
    this.#server.leases.set(key, { holder: workerId, expiresAt: this.#server.now() + ttlMs });
    return true;
  }

  async renewLease(key: string, workerId: string, ttlMs: number): Promise<boolean> {
    this.#check();
    const lease = this.#server.liveLease(key);
    if (lease?.holder !== workerId) return false;
    lease.expiresAt = this.#server.now() + ttlMs;
    return true;
  }

  async releaseLease(key: string, workerId: string): Promise<void> {
    this.#check();
    if (this.#server.liveLease(key)?.holder === workerId) this.#server.leases.delete(key);
  }

  async leaseHolder(key: string): Promise<string | undefined> {
    this.#check();
    return this.#server.liveLease(key)?.holder;
  }

  onStatus(listener: (status: BusStatus) => void): () => void {
    this.#statusListeners.add(listener);
    return () => this.#statusListeners.delete(listener);
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#follows.clear();
  }

  #check(): void {
    if (this.#closed) throw new Error('memory bus: closed');
    if (!this.#connected) throw new Error('memory bus: not connected (simulated outage)');
  }
}

/** A bus handle on a fresh in-memory server (tests). */
export function createMemoryBus(options: MemoryBusOptions = {}): MemoryBus {
  return new MemoryBusServer(options).connect();
}
