import type { CandleFormatter, OutputFormat } from './candle-formatter';
import { csvFormatter } from './csv-formatter';
import { ndjsonFormatter } from './ndjson-formatter';
import { PrettyFormatter } from './pretty-formatter';

/** The formatter of an output format; a new one per output (the pretty one aligns columns as it goes). */
export function formatterFor(format: OutputFormat): CandleFormatter {
  switch (format) {
    case 'ndjson':
      return ndjsonFormatter;
    case 'csv':
      return csvFormatter;
    case 'pretty':
      return new PrettyFormatter();
  }
}
