/** The chart of one panel: candlesticks over a volume histogram, in the page's theme. */

import {
  type CandlestickData,
  CandlestickSeries,
  ColorType,
  createChart,
  type HistogramData,
  HistogramSeries,
  type IChartApi,
  type ISeriesApi,
  type Time,
  type UTCTimestamp,
} from 'lightweight-charts';
import type { Bar } from './candle-series';

const THEME = {
  background: '#10141c',
  text: '#c5cbd6',
  grid: '#1b2130',
  border: '#2a3142',
  up: '#26a69a',
  down: '#ef5350',
  filledUp: '#f5c542',
  filledDown: '#d98a2b',
} as const;

export function precisionFor(price: number): number {
  if (price >= 1_000) return 2;
  if (price >= 1) return 4;
  return 6;
}

export function candleData(bar: Bar): CandlestickData<Time> {
  const time = (bar.openTime / 1000) as UTCTimestamp;
  const data: CandlestickData<Time> = {
    time,
    open: bar.open,
    high: bar.high,
    low: bar.low,
    close: bar.close,
  };
  if (bar.filled) {
    const color = bar.close >= bar.open ? THEME.filledUp : THEME.filledDown;
    return { ...data, color, borderColor: color, wickColor: color };
  }
  return data;
}

export function volumeData(bar: Bar): HistogramData<Time> {
  const color = bar.filled ? '#f5c54266' : bar.close >= bar.open ? '#26a69a66' : '#ef535066';
  return { time: (bar.openTime / 1000) as UTCTimestamp, value: bar.volume, color };
}

export interface PanelChart {
  chart: IChartApi;
  candles: ISeriesApi<'Candlestick'>;
  volume: ISeriesApi<'Histogram'>;
}

/** Creates the chart in `container`; `interval` decides whether the time scale shows seconds. */
export function createPanelChart(container: HTMLElement, interval: string): PanelChart {
  const chart = createChart(container, {
    autoSize: true,
    layout: {
      background: { type: ColorType.Solid, color: THEME.background },
      textColor: THEME.text,
      fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
      attributionLogo: false,
    },
    grid: { vertLines: { color: THEME.grid }, horzLines: { color: THEME.grid } },
    rightPriceScale: { borderColor: THEME.border },
    timeScale: {
      borderColor: THEME.border,
      timeVisible: true,
      secondsVisible: interval.endsWith('s'),
      rightOffset: 5,
    },
  });
  const candles = chart.addSeries(CandlestickSeries, {
    upColor: THEME.up,
    downColor: THEME.down,
    borderVisible: false,
    wickUpColor: THEME.up,
    wickDownColor: THEME.down,
  });
  candles.priceScale().applyOptions({ scaleMargins: { top: 0.08, bottom: 0.26 } });
  const volume = chart.addSeries(HistogramSeries, {
    priceFormat: { type: 'volume' },
    priceScaleId: 'volume',
    lastValueVisible: false,
    priceLineVisible: false,
  });
  chart.priceScale('volume').applyOptions({ scaleMargins: { top: 0.8, bottom: 0 } });
  return { chart, candles, volume };
}
