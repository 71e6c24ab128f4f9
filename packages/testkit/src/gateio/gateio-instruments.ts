/**
 * What the simulated Gate lists: spot currency pairs and futures contracts per settle family
 * (`usdt` = linear, quanto_multiplier in base coin; `btc` = the inverse `BTC_USD`, quanto_multiplier "0",
 * 1 contract = 1 USD).
 */
export type GateFamily = 'spot' | 'usdt' | 'btc';

export interface GateInstrument {
  /** Pair id / contract name, `BASE_QUOTE`. */
  name: string;
  base: string;
  quote: string;
  /** Base coin per contract (usdt family); 0 for inverse contracts (1 contract = 1 USD). */
  quantoMultiplier: number;
  /** Listed but not tradable (spot `trade_status` untradable / futures `in_delisting`). */
  delisting?: boolean;
}

export const DEFAULT_SPOT_PAIRS: readonly string[] = ['BTC_USDT', 'ETH_USDT', 'SOL_USDT', 'GT_USDT'];
export const DEFAULT_USDT_CONTRACTS: readonly string[] = ['BTC_USDT', 'ETH_USDT', 'SOL_USDT'];
export const DEFAULT_BTC_CONTRACTS: readonly string[] = ['BTC_USD'];

function split(name: string): { base: string; quote: string } {
  const at = name.lastIndexOf('_');
  if (at <= 0) throw new Error(`Gate instrument "${name}" must be BASE_QUOTE`);
  return { base: name.slice(0, at), quote: name.slice(at + 1) };
}

/**
 * Instruments of one family. usdt contracts get a quanto_multiplier of one tenth of the generator's
 * volume step (`10^-(volumeDecimals+1)`, BTC → 0.0001), so every generated base volume is a whole
 * number of contracts.
 */
export function instrumentsOf(
  family: GateFamily,
  names: readonly string[],
  volumeDecimals: (symbol: string) => number,
): GateInstrument[] {
  return names.map((name) => ({
    name,
    ...split(name),
    quantoMultiplier: family === 'usdt' ? 10 ** -(volumeDecimals(name) + 1) : 0,
  }));
}

/** `/spot/currency_pairs` element, shaped as the docs' example. */
export function currencyPairJson(instrument: GateInstrument): Record<string, unknown> {
  return {
    id: instrument.name,
    base: instrument.base,
    base_name: instrument.base,
    quote: instrument.quote,
    quote_name: instrument.quote,
    fee: '0.2',
    min_base_amount: '0.0001',
    min_quote_amount: '1',
    amount_precision: 4,
    precision: 2,
    trade_status: instrument.delisting ? 'untradable' : 'tradable',
    sell_start: 1516378650,
    buy_start: 1516378650,
    delisting_time: 0,
    type: 'normal',
    trade_url: `https://www.gate.io/trade/${instrument.name}`,
    st_tag: false,
  };
}

/** `/futures/{settle}/contracts` element (fields of the docs' Contract schema). */
export function contractJson(family: 'usdt' | 'btc', instrument: GateInstrument): Record<string, unknown> {
  return {
    name: instrument.name,
    type: family === 'btc' ? 'inverse' : 'direct',
    quanto_multiplier: family === 'btc' ? '0' : formatMultiplier(instrument.quantoMultiplier),
    order_price_round: '0.1',
    order_size_min: 1,
    order_size_max: 1_000_000,
    in_delisting: instrument.delisting === true,
    status: instrument.delisting ? 'delisting' : 'trading',
    funding_interval: 28_800,
    enable_decimal: false,
    is_pre_market: false,
  };
}

function formatMultiplier(value: number): string {
  return value.toFixed(12).replace(/0+$/, '').replace(/\.$/, '');
}
