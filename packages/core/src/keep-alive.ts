/**
 * Keeps the Node process alive while a feed has open subscriptions. The engine's own timers are
 * unref'd (a library must not hold a process open by itself), so between a dropped connection and
 * its reconnect nothing would keep Node running: a script whose only work is
 * `for await (const event of feed.subscribe(...))` would exit mid-outage. One ref'd handle, held
 * while the count of open subscriptions is above zero, keeps it running; the last one ending lets
 * the process exit normally.
 */
export class KeepAlive {
  #count = 0;
  #handle: ReturnType<typeof setInterval> | undefined;
  readonly #enabled: boolean;

  constructor(enabled = true) {
    this.#enabled = enabled;
  }

  /** Open subscriptions currently held. */
  get count(): number {
    return this.#count;
  }

  /** Whether the process is being held open. */
  get holding(): boolean {
    return this.#handle !== undefined;
  }

  /** One more open subscription; returns its release (idempotent). */
  hold(): () => void {
    this.#count += 1;
    if (this.#enabled && this.#handle === undefined) this.#handle = setInterval(noop, 2 ** 30);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#count -= 1;
      if (this.#count === 0 && this.#handle !== undefined) {
        clearInterval(this.#handle);
        this.#handle = undefined;
      }
    };
  }
}

function noop(): void {}
