/** Bad command-line input: exit code 2, a one-line message and a hint. */
export class UsageError extends Error {
  readonly hint: string | undefined;

  constructor(message: string, hint?: string) {
    super(message);
    this.name = 'UsageError';
    this.hint = hint;
  }
}

/** Exit codes of the `ohlcv` command. */
export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;
