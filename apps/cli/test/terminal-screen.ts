import { Writable } from 'node:stream';

/**
 * A minimal terminal for tests: keeps the rows of text written to it, understanding \n, \r (back to
 * column 0), ESC[nF (start of the line n up) and ESC[J (clear to the end of the screen). Anything else
 * after an ESC is an error, so a test notices escapes it did not expect.
 */
export class Screen extends Writable {
  rows: string[] = [''];
  row = 0;
  column = 0;
  columns: number | undefined;

  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    this.feed(chunk.toString('utf8'));
    done();
  }

  feed(text: string): void {
    for (let index = 0; index < text.length; index++) {
      const char = text[index]!;
      if (char === '\x1b') {
        const match = new RegExp(`^${'\x1b'}\\[(\\d*)([FJ])`).exec(text.slice(index));
        if (!match) throw new Error(`unexpected escape at ${JSON.stringify(text.slice(index, index + 8))}`);
        if (match[2] === 'F') {
          this.row = Math.max(0, this.row - Number(match[1] || 1));
          this.column = 0;
        } else {
          this.rows = this.rows.slice(0, this.row + 1);
          this.rows[this.row] = this.rows[this.row]!.slice(0, this.column);
        }
        index += match[0].length - 1;
      } else if (char === '\n') {
        this.row++;
        this.column = 0;
        this.rows[this.row] ??= '';
      } else if (char === '\r') {
        this.column = 0;
      } else {
        const line = this.rows[this.row]!.padEnd(this.column);
        this.rows[this.row] = line.slice(0, this.column) + char + line.slice(this.column + 1);
        this.column++;
      }
    }
  }

  /** The rows with text, up to the cursor. */
  visible(): string[] {
    return this.rows.filter((row, at) => row !== '' || at < this.row);
  }
}
