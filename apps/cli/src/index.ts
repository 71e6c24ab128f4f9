export { CSV_COLUMNS, candleToCsv } from './format/csv-formatter';
export { candleToJson } from './format/ndjson-formatter';
export { candleToPretty } from './format/pretty-formatter';
export { main } from './main';
export { createProgram } from './program';
export { EXIT, UsageError } from './usage-error';
