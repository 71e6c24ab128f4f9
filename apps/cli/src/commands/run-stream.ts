import {
  createFeed,
  type ExchangeId,
  type Feed,
  type FeedEvent,
  type FeedOptions,
  type Interval,
  type MarketType,
} from '@ohlcv/core';
import type { Logger } from 'pino';
import { checkVenueInput } from '../check-venue-input';
import type { OutputFormat } from '../format/candle-formatter';
import { formatterFor } from '../format/formatter-for';
import { LiveBoard } from '../format/live-board';
import { keepAlive } from '../keep-alive';
import type { LineOutput } from '../output';
import { reportError } from '../report';
import { claimTerminal } from '../terminal-gate';
import { EXIT } from '../usage-error';

export interface StreamRun {
  exchange: ExchangeId;
  market: MarketType;
  symbols: readonly string[];
  interval: Interval;
  /** Stop (exit 0) after this many printed candles. */
  limit: number | undefined;
  closedOnly: boolean;
  format: OutputFormat;
  feedOptions: Omit<FeedOptions, 'adapters' | 'logger'>;
  logger: Logger;
  output: LineOutput;
  /** With closedOnly on a terminal in pretty format, still show open candles in place (not scrolled). */
  liveOpenOnTerminal?: boolean;
  /** Called once per closed candle printed (the demo uses it to inject faults). */
  onClosedCandle?: (count: number) => void;
}

/** Streams candles to the output until the limit, a signal, or every stream failed. Returns the exit code. */
export async function runStream(run: StreamRun): Promise<number> {
  const adapter = checkVenueInput(run.exchange, run.market, run.interval);
  const feed = createFeed({ ...run.feedOptions, adapters: [adapter], logger: run.logger });
  const formatter = formatterFor(run.format);
  const header = formatter.header();
  if (header) run.output.line(header);
  // On a terminal, pretty open candles update in place below the closed ones instead of scrolling.
  const terminal =
    run.format === 'pretty' && (!run.closedOnly || run.liveOpenOnTerminal) ? run.output.terminal : undefined;
  const board = terminal ? new LiveBoard(terminal) : undefined;
  const releaseTerminal = board && process.stderr.isTTY ? claimTerminal(board) : undefined;

  let printed = 0;
  let closedPrinted = 0;
  let failed = 0;
  let active = 0;
  const subscriptions: Array<{ close(): void }> = [];

  const finished = new Promise<number>((resolve) => {
    const finish = (code: number) => resolve(code);
    run.output.onClosed = () => finish(EXIT.ok);
    const onSignal = () => finish(EXIT.ok);
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);

    const onEvent = (event: FeedEvent) => {
      switch (event.type) {
        case 'candle': {
          if (run.closedOnly && !event.candle.closed && !board) return;
          if (run.limit !== undefined && printed >= run.limit) return;
          const line = formatter.format(event.candle, event.source);
          if (board && !event.candle.closed) {
            board.open(event.stream, line); // transient: not counted against the limit
            return;
          }
          if (board) board.closed(event.stream, line);
          else run.output.line(line);
          printed += 1;
          if (event.candle.closed) {
            closedPrinted += 1;
            run.onClosedCandle?.(closedPrinted);
          }
          if (run.limit !== undefined && printed >= run.limit) finish(failed > 0 ? EXIT.failure : EXIT.ok);
          return;
        }
        case 'stalled':
          run.logger.warn(
            { stream: event.stream, silentMs: event.silentMs },
            `stream ${event.stream} stalled`,
          );
          return;
        case 'recovered':
          run.logger.info({ stream: event.stream }, `stream ${event.stream} recovered`);
          return;
        case 'gap':
          run.logger.warn(
            { stream: event.stream, from: event.from, to: event.to, reason: event.reason },
            `stream ${event.stream}: candles ${new Date(event.from).toISOString()}..${new Date(event.to).toISOString()} unavailable: ${event.reason}`,
          );
          return;
        case 'error':
          failed += 1;
          active -= 1;
          reportError(event.error.message);
          if (active <= 0) finish(EXIT.failure);
          return;
      }
    };

    for (const input of run.symbols) {
      active += 1;
      feed
        .resolveSymbol(run.exchange, run.market, input)
        .then((symbol) => {
          subscriptions.push(
            feed.subscribe(
              { exchange: run.exchange, market: run.market, symbol, interval: run.interval },
              { closedOnly: run.closedOnly && !board, onEvent },
            ),
          );
        })
        .catch((error: unknown) => {
          failed += 1;
          active -= 1;
          const message = error instanceof Error ? error.message : String(error);
          reportError(message.includes(input) ? message : `${input}: ${message}`);
          if (active <= 0) finish(EXIT.failure);
        });
    }
  });

  const release = keepAlive();
  const code = await finished.finally(release);
  board?.end();
  releaseTerminal?.();
  await closeAll(feed, subscriptions);
  await run.output.flush();
  return code;
}

async function closeAll(feed: Feed, subscriptions: Array<{ close(): void }>): Promise<void> {
  for (const subscription of subscriptions) subscription.close();
  await feed.close();
}
