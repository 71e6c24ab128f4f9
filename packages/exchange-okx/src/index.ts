export { parseOkxCandleFrame } from './candle-frame-bytes';
export { candleOfRow } from './candle-row';
export {
  CANDLES_PATH,
  CANDLES_WEIGHT,
  HISTORY_CANDLES_PATH,
  HISTORY_CANDLES_WEIGHT,
  OKX_RECENT_ROWS,
  okxCandlesPath,
  okxCandlesRequest,
} from './candles-request';
export { okxHttpError } from './http-error';
export { OKX_MARKET_SPECS, OKX_MAX_CANDLES_PER_REQUEST, OKX_REST_RATE_LIMIT } from './market-specs';
export type { OkxAdapterOptions } from './okx-adapter';
export { createOkxAdapter, okx } from './okx-adapter';
export { intervalOfChannel, OKX_BARS, okxBar, okxCandleChannel } from './okx-intervals';
export { normalizeOkxSymbol, unifiedOkxSymbol } from './okx-symbols';
export { parseOkxCandles } from './parse-candles';
export { parseOkxFrame } from './parse-frame';
export { okxConnectUrl, okxStreamName, okxSubscribeFrame, okxUnsubscribeFrame } from './subscribe-frames';
export { INSTRUMENTS_PATH, INSTRUMENTS_WEIGHT, okxSymbolsRequest, parseOkxSymbols } from './symbols';
