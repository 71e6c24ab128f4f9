import type { Writable } from 'node:stream';

/**
 * Line writer for candles on stdout. A closed pipe (e.g. `| head`) ends the run quietly instead of
 * throwing EPIPE.
 */
export class LineOutput {
  private closed = false;
  private readonly stream: Writable;
  onClosed: (() => void) | undefined;

  constructor(stream: Writable) {
    this.stream = stream;
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') {
        this.closed = true;
        this.onClosed?.();
      } else throw error;
    });
  }

  /** The underlying stream when it is a terminal (for in-place drawing), else undefined. */
  get terminal(): Writable | undefined {
    return (this.stream as { isTTY?: boolean }).isTTY === true && !this.closed ? this.stream : undefined;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  line(text: string): void {
    if (!this.closed) this.stream.write(`${text}\n`);
  }

  /** Resolves once everything written so far is flushed. */
  flush(): Promise<void> {
    if (this.closed) return Promise.resolve();
    return new Promise((resolve) => this.stream.write('', () => resolve()));
  }
}
