export {
  isRecord,
  parseDecimal as decimal,
  parseInteger as integer,
  snippet,
} from '@ohlcv/core';
