import type { CandleFormatter, OutputFormat } from './candle-formatter';
import { csvFormatter } from './csv-formatter';
import { ndjsonFormatter } from './ndjson-formatter';
import { prettyFormatter } from './pretty-formatter';

export function formatterFor(format: OutputFormat): CandleFormatter {
  switch (format) {
    case 'ndjson':
      return ndjsonFormatter;
    case 'csv':
      return csvFormatter;
    case 'pretty':
      return prettyFormatter;
  }
}
