/** The form that adds a chart: exchange, market, symbol (searchable, native or unified) and interval. */

import { fetchSymbols, type VenueChoice } from './server-api';
import { type PickableSymbol, searchSymbols } from './symbol-search';

function fill(select: HTMLSelectElement, values: readonly string[], preferred?: string): void {
  const previous = select.value;
  select.replaceChildren(
    ...values.map((value) => {
      const option = document.createElement('option');
      option.value = value;
      option.textContent = value;
      return option;
    }),
  );
  const keep = [previous, preferred].find((value) => value !== undefined && values.includes(value));
  if (keep !== undefined) select.value = keep;
}

/** Wires the picker form in the page; `onAdd` receives the stream key to chart. */
export function createSymbolPicker(
  form: HTMLFormElement,
  venues: readonly VenueChoice[],
  onAdd: (stream: string) => void,
): void {
  const exchange = form.querySelector('[name=exchange]') as HTMLSelectElement;
  const market = form.querySelector('[name=market]') as HTMLSelectElement;
  const symbol = form.querySelector('[name=symbol]') as HTMLInputElement;
  const interval = form.querySelector('[name=interval]') as HTMLSelectElement;
  const options = form.querySelector('datalist') as HTMLDataListElement;
  const hint = form.querySelector('.picker-hint') as HTMLElement;
  const cache = new Map<string, Promise<PickableSymbol[]>>();
  let symbols: PickableSymbol[] = [];

  const showMatches = (): void => {
    options.replaceChildren(
      ...searchSymbols(symbols, symbol.value).map((entry) => {
        const option = document.createElement('option');
        option.value = entry.symbol;
        option.label = entry.unified + (entry.active ? '' : ' (inactive)');
        return option;
      }),
    );
  };
  const loadSymbols = (): void => {
    const key = `${exchange.value}:${market.value}`;
    let pending = cache.get(key);
    if (pending === undefined) {
      pending = fetchSymbols(exchange.value, market.value);
      cache.set(key, pending);
      pending.catch(() => cache.delete(key));
    }
    hint.textContent = 'loading instruments…';
    pending.then(
      (list) => {
        if (`${exchange.value}:${market.value}` !== key) return;
        symbols = list;
        hint.textContent = `${list.length} instruments`;
        showMatches();
      },
      (error: unknown) => {
        symbols = [];
        hint.textContent = `instruments unavailable: ${error instanceof Error ? error.message : String(error)}`;
        showMatches();
      },
    );
  };
  const onMarket = (): void => {
    const venue = venues.find((entry) => entry.exchange === exchange.value);
    const spec = venue?.markets.find((entry) => entry.market === market.value);
    fill(interval, spec?.intervals ?? [], '1m');
    loadSymbols();
  };
  const onExchange = (): void => {
    const venue = venues.find((entry) => entry.exchange === exchange.value);
    fill(
      market,
      (venue?.markets ?? []).map((entry) => entry.market),
    );
    onMarket();
  };

  fill(
    exchange,
    venues.map((venue) => venue.exchange),
  );
  exchange.addEventListener('change', onExchange);
  market.addEventListener('change', onMarket);
  symbol.addEventListener('input', showMatches);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const name = symbol.value.trim();
    if (name === '') {
      hint.textContent = 'type a symbol, e.g. BTCUSDT or BTC/USDT';
      symbol.focus();
      return;
    }
    onAdd(`${exchange.value}:${market.value}:${name}:${interval.value}`);
  });
  onExchange();
}
