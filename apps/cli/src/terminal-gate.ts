import { writeSync } from 'node:fs';

/** What else draws on the terminal (the live board of `stream`/`demo`), if anything. */
interface TerminalOwner {
  above(write: () => void): void;
}

let owner: TerminalOwner | undefined;

/** While a live board draws on the terminal, log lines go above it instead of through it. */
export function claimTerminal(board: TerminalOwner): () => void {
  owner = board;
  return () => {
    if (owner === board) owner = undefined;
  };
}

/** A pino destination on stderr that keeps log lines from tearing a live board on the same terminal. */
export const stderrLogDestination = {
  write(text: string): void {
    if (owner) owner.above(() => writeSync(2, text));
    else writeSync(2, text);
  },
};
