export { ADAPTERS } from './adapters';
export { candleToCsv, CSV_COLUMNS } from './format/csv-formatter';
export { candleToJson } from './format/ndjson-formatter';
export { candleToPretty } from './format/pretty-formatter';
export { main } from './main';
export { createProgram } from './program';
export { EXIT, UsageError } from './usage-error';
