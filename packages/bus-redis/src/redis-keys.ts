/** Every Redis key the bus uses, under one namespace (default `ohlcv`). */
export class RedisKeys {
  readonly demand: string;
  readonly #prefix: string;

  constructor(namespace: string) {
    if (!/^[\w.-]+$/.test(namespace)) {
      throw new Error(`invalid bus namespace "${namespace}": use letters, digits, "_", "." or "-"`);
    }
    this.#prefix = namespace;
    this.demand = `${namespace}:demand`;
  }

  /** Stream of closed candles; entry id `<openTime>-0`. */
  closed(streamKey: string): string {
    return `${this.#prefix}:closed:${streamKey}`;
  }

  /** Stream of open updates, capped at one entry (conflated). */
  open(streamKey: string): string {
    return `${this.#prefix}:open:${streamKey}`;
  }

  lease(streamKey: string): string {
    return `${this.#prefix}:lease:${streamKey}`;
  }
}
