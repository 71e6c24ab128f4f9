import cliProgress from 'cli-progress';

/** Progress of a download: candles fetched, rate, ETA. */
export interface HistoryProgress {
  add(count: number): void;
  /** Ends the bar at 100% (the total shrinks to what the venue had when it had fewer candles). */
  stop(): void;
}

const NO_PROGRESS: HistoryProgress = { add() {}, stop() {} };

/** Shown only on an interactive stderr and without --quiet: never mixed into piped or logged output. */
export function shouldShowProgress(stream: { isTTY?: boolean }, quiet: boolean): boolean {
  return !quiet && stream.isTTY === true;
}

/** A progress bar on `stream` (stderr) for `total` expected candles, or nothing when not `enabled`. */
export function createHistoryProgress(options: {
  enabled: boolean;
  total: number;
  stream: NodeJS.WritableStream;
}): HistoryProgress {
  if (!options.enabled) return NO_PROGRESS;
  const startedAt = Date.now();
  const bar = new cliProgress.SingleBar(
    {
      stream: options.stream,
      format: '{bar} {percentage}% | {value}/{total} candles | {rate}/s | ETA {eta_formatted}',
      hideCursor: true,
      clearOnComplete: false,
    },
    cliProgress.Presets.shades_classic,
  );
  let fetched = 0;
  bar.start(Math.max(1, options.total), 0, { rate: 0 });
  return {
    add(count) {
      fetched += count;
      const seconds = Math.max(0.001, (Date.now() - startedAt) / 1_000);
      bar.update(fetched, { rate: Math.round(fetched / seconds) });
    },
    stop() {
      if (fetched < options.total) {
        bar.setTotal(Math.max(1, fetched));
        bar.update(fetched);
      }
      bar.stop();
    },
  };
}
