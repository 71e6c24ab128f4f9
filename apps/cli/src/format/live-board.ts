import type { Writable } from 'node:stream';

/** Clear from the cursor to the end of the screen. */
const CLEAR_DOWN = '\x1b[J';
/** Move the cursor to the start of the line `n` lines up. */
const up = (lines: number): string => (lines > 0 ? `\x1b[${lines}F` : '\r');

/**
 * A terminal view of live streams: closed candles scroll as ordinary lines, and below them one line
 * per stream shows its open candle, rewritten in place as it updates (ANSI cursor movement, so only
 * on a TTY). Redraws are coalesced: many updates within `frameMs` draw once.
 */
export class LiveBoard {
  readonly #out: Writable;
  readonly #open = new Map<string, string>();
  readonly #frameMs: number;
  /** Lines of the open-candle block now on screen. */
  #drawn = 0;
  #timer: NodeJS.Timeout | undefined;
  #ended = false;

  constructor(out: Writable, options: { frameMs?: number } = {}) {
    this.#out = out;
    this.#frameMs = options.frameMs ?? 100;
  }

  /** A closed candle: printed above the open block, which is redrawn below it. */
  closed(stream: string, line: string): void {
    if (this.#ended) return;
    this.#open.delete(stream);
    this.#out.write(`${this.#erase()}${line}\n${this.#block()}`);
  }

  /** The latest state of a stream's open candle. */
  open(stream: string, line: string): void {
    if (this.#ended) return;
    this.#open.set(stream, line);
    this.#timer ??= setTimeout(() => {
      this.#timer = undefined;
      this.flush();
    }, this.#frameMs);
  }

  /**
   * Writes something else to the same terminal (a log line on stderr) above the open block: the block
   * is erased first and drawn again after, so it stays the last thing on screen.
   */
  above(write: () => void): void {
    if (this.#ended) {
      write();
      return;
    }
    this.#out.write(this.#erase());
    write();
    this.#out.write(this.#block());
  }

  /** Draws pending open-candle updates now. */
  flush(): void {
    if (this.#ended) return;
    this.#out.write(`${this.#erase()}${this.#block()}`);
  }

  /** Removes the open block (the transient lines) and stops drawing. */
  end(): void {
    if (this.#ended) return;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#out.write(this.#erase());
    this.#ended = true;
  }

  #erase(): string {
    const text = this.#drawn > 0 ? `${up(this.#drawn)}${CLEAR_DOWN}` : '';
    this.#drawn = 0;
    return text;
  }

  #block(): string {
    this.#drawn = this.#open.size;
    let text = '';
    // An open line wider than the terminal would wrap and throw the cursor arithmetic off: cut it.
    const width = (this.#out as { columns?: number }).columns;
    for (const line of this.#open.values())
      text += `${width && line.length >= width ? line.slice(0, width - 1) : line}\n`;
    return text;
  }
}
