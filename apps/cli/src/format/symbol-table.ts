import type { SymbolInfo } from '@ohlcv/core';

/** The columns `ohlcv markets` shows, in order. */
const SYMBOL_COLUMNS = ['symbol', 'unified', 'base', 'quote', 'market', 'status'] as const;

type SymbolRow = Pick<SymbolInfo, (typeof SYMBOL_COLUMNS)[number]>;

function symbolRow(info: SymbolInfo): SymbolRow {
  return {
    symbol: info.symbol,
    unified: info.unified,
    base: info.base,
    quote: info.quote,
    market: info.market,
    status: info.status,
  };
}

/** One JSON object per instrument with exactly the listed columns. */
export function symbolToJson(info: SymbolInfo): string {
  return JSON.stringify(symbolRow(info));
}

/** An aligned text table: an upper-case header line, then one line per instrument. */
export function symbolTable(infos: readonly SymbolInfo[]): string[] {
  const rows = [
    SYMBOL_COLUMNS.map((column) => column.toUpperCase()),
    ...infos.map((info) => SYMBOL_COLUMNS.map((column) => String(info[column]))),
  ];
  const widths = SYMBOL_COLUMNS.map((_, index) =>
    Math.max(...rows.map((row) => (row[index] as string).length)),
  );
  return rows.map((row) =>
    row
      .map((cell, index) => (index === row.length - 1 ? cell : cell.padEnd(widths[index] as number)))
      .join('  '),
  );
}
