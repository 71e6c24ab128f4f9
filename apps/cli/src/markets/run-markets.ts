import { createFeed, type ExchangeId, type FeedOptions, type MarketType, type SymbolInfo } from '@ohlcv/core';
import type { Logger } from 'pino';
import { checkVenueInput, offeredMarkets } from '../check-venue-input';
import { symbolTable, symbolToJson } from '../format/symbol-table';
import { keepAlive } from '../keep-alive';
import type { LineOutput } from '../output';
import { EXIT } from '../usage-error';
import { filterSymbols } from './filter-symbols';

export type MarketsFormat = 'table' | 'ndjson';

export interface MarketsRun {
  exchange: ExchangeId;
  /** Every market the venue offers when absent. */
  market: MarketType | undefined;
  search: string | undefined;
  format: MarketsFormat;
  feedOptions: Omit<FeedOptions, 'adapters' | 'logger'>;
  logger: Logger;
  output: LineOutput;
}

/** Lists the venue's instruments. Returns the exit code; venue failures throw. */
export async function runMarkets(run: MarketsRun): Promise<number> {
  const adapter = checkVenueInput(run.exchange, run.market ?? 'spot');
  const markets = run.market ? [run.market] : offeredMarkets(adapter);
  const feed = createFeed({ ...run.feedOptions, adapters: [adapter], logger: run.logger });
  const release = keepAlive();
  try {
    const infos: SymbolInfo[] = [];
    for (const market of markets)
      infos.push(...filterSymbols(await feed.symbols(run.exchange, market), run.search));
    if (run.format === 'ndjson') for (const info of infos) run.output.line(symbolToJson(info));
    else if (infos.length > 0) for (const line of symbolTable(infos)) run.output.line(line);
    if (infos.length === 0) {
      run.logger.warn({ exchange: run.exchange, markets, search: run.search }, 'no instrument matches');
    }
    await run.output.flush();
    return EXIT.ok;
  } finally {
    release();
    await feed.close();
  }
}
