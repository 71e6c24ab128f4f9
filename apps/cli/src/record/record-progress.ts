import type { RecordMetrics } from './record-metrics';

export interface RecordProgressOptions {
  enabled: boolean;
  stream: NodeJS.WriteStream;
  metrics: RecordMetrics;
  streams: () => readonly string[];
  /** @default 1_000 */
  everyMs?: number;
}

/** A status line on the terminal, rewritten every second: rows written and the worst lag. */
export function startRecordProgress(options: RecordProgressOptions): { stop(): void } {
  if (!options.enabled) return { stop() {} };
  const render = (): void => {
    const now = Date.now();
    let worst: number | undefined;
    for (const stream of options.streams()) {
      const lag = options.metrics.lagSeconds(stream, now);
      if (lag !== undefined && (worst === undefined || lag > worst)) worst = lag;
    }
    const lag = worst === undefined ? 'no candle stored yet' : `max lag ${Math.round(worst)}s`;
    options.stream.write(
      `\r\x1b[Krecording ${options.streams().length} streams: ${options.metrics.rowsTotal} rows written, ${lag}`,
    );
  };
  const timer = setInterval(render, options.everyMs ?? 1_000);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      render();
      options.stream.write('\n');
    },
  };
}
