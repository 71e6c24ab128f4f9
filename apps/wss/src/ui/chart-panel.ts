/** One chart: candlesticks with a volume histogram, its stream's health, fed by the connection. */

import {
  createSeriesMarkers,
  type IChartApi,
  type ISeriesApi,
  type ISeriesMarkersPluginApi,
  type Time,
  type UTCTimestamp,
} from 'lightweight-charts';
import { CandleSeries, intervalMs } from './candle-series';
import type { StreamListener, StreamMessage } from './chart-connection';
import {
  buildMarkers,
  type ChartMarker,
  type FeedHealth,
  formatAge,
  type HealthEvent,
  healthBanner,
} from './health-markers';
import { candleData, createPanelChart, precisionFor, volumeData } from './panel-chart';
import type { PanelSnapshot, PanelState } from './panel-snapshot';

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className: string,
  text = '',
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  node.className = className;
  node.textContent = text;
  return node;
}

export class ChartPanel implements StreamListener {
  readonly element: HTMLElement;
  readonly request: string;
  readonly #history: number;
  readonly #series: CandleSeries;
  readonly #chart: IChartApi;
  readonly #candles: ISeriesApi<'Candlestick'>;
  readonly #volume: ISeriesApi<'Histogram'>;
  readonly #markers: ISeriesMarkersPluginApi<Time>;
  readonly #events: HealthEvent[] = [];
  readonly #health: FeedHealth = { stalled: undefined, gap: undefined, error: undefined };
  readonly #parts;
  #drawnMarkers: ChartMarker[] = [];
  #stream: string | undefined;
  #state: PanelState = 'joining';
  #lastUpdateAt: number | undefined;
  #wasDisconnected = false;
  #precisionSet = false;
  #fitted = false;

  readonly #onSubscribed: ((key: string) => void) | undefined;
  readonly #now: () => number;

  constructor(
    request: string,
    options: {
      history: number;
      onClose: () => void;
      onSubscribed?: (key: string) => void;
      /** The page's clock (ages of the last update). @default Date.now */
      now?: () => number;
    },
  ) {
    this.request = request;
    this.#now = options.now ?? Date.now;
    this.#history = options.history;
    this.#onSubscribed = options.onSubscribed;
    const parts = request.split(':');
    const interval = parts.at(-1) ?? '';
    this.#series = new CandleSeries(intervalMs(interval));

    this.element = element('section', 'panel');
    const header = element('header', 'panel-header');
    const title = element('span', 'panel-title', parts.slice(2, -1).join(':') || request);
    const subtitle = element('span', 'panel-subtitle', `${parts[0] ?? ''} · ${parts[1] ?? ''} · ${interval}`);
    const price = element('span', 'panel-price', '—');
    const state = element('span', 'chip', 'joining');
    const age = element('span', 'panel-age', formatAge(undefined, this.#now()));
    const close = element('button', 'panel-close', '×');
    close.title = 'remove this chart';
    close.type = 'button';
    close.addEventListener('click', options.onClose);
    header.append(title, subtitle, price, state, age, close);
    const banner = element('div', 'banner');
    banner.hidden = true;
    const container = element('div', 'panel-chart');
    const footer = element('footer', 'panel-footer');
    const filled = element('span', 'legend-filled', 'REST-filled: 0');
    const legend = element('span', 'legend', '▼ stalled  ▲ recovered  ■ gap  ● reconnected');
    const count = element('span', 'panel-count', '0 candles');
    footer.append(filled, legend, count);
    this.element.append(header, banner, container, footer);
    this.#parts = { title, price, state, age, banner, filled, count };

    const { chart, candles, volume } = createPanelChart(container, interval);
    this.#chart = chart;
    this.#candles = candles;
    this.#volume = volume;
    this.#markers = createSeriesMarkers(this.#candles, []);
    this.#render();
  }

  // --- StreamListener ---

  history(): number {
    return this.#history;
  }

  get stream(): string | undefined {
    return this.#stream;
  }

  subscribed(key: string): void {
    this.#stream = key;
    this.element.dataset.stream = key;
    // The canonical native symbol, whatever the user typed (`eth/usdt` → `ETHUSDT`).
    this.#parts.title.textContent = key.split(':').slice(2, -1).join(':');
    this.#health.error = undefined;
    this.#health.stalled = undefined;
    if (this.#wasDisconnected) {
      this.#wasDisconnected = false;
      this.#addEvent({ kind: 'reconnected', time: this.#series.last?.openTime ?? 0, text: '' });
    }
    this.#setState('joining');
    this.#onSubscribed?.(key);
  }

  message(message: StreamMessage): void {
    switch (message.type) {
      case 'candle':
        this.#onCandle(message);
        return;
      case 'stalled':
        this.#health.stalled = { silentMs: message.silentMs };
        this.#addEvent({ kind: 'stalled', time: this.#series.last?.openTime ?? 0, text: 'stalled' });
        this.#setState('stalled');
        return;
      case 'recovered':
        this.#health.stalled = undefined;
        this.#addEvent({ kind: 'recovered', time: this.#series.last?.openTime ?? 0, text: 'recovered' });
        this.#setState('live');
        return;
      case 'gap':
        this.#health.gap = { from: message.from, to: message.to, reason: message.reason };
        this.#addEvent({ kind: 'gap', time: message.from, text: 'gap' });
        this.#render();
        return;
      case 'error':
        this.#health.error = { code: message.code, message: message.message };
        this.#setState('error');
        return;
    }
  }

  disconnected(): void {
    this.#wasDisconnected = true;
    this.#setState('disconnected');
  }

  // --- page ---

  /** Refreshes the age of the last update. */
  tick(now: number): void {
    this.#parts.age.textContent = `updated ${formatAge(this.#lastUpdateAt, now)}`;
    if (this.#lastUpdateAt === undefined) this.#parts.age.textContent = formatAge(undefined, now);
  }

  snapshot(): PanelSnapshot {
    const bars = this.#series.bars;
    return {
      request: this.request,
      stream: this.#stream,
      state: this.#state,
      times: bars.map((bar) => bar.openTime),
      closes: bars.map((bar) => bar.close),
      closed: bars.filter((bar) => bar.closed).length,
      filled: this.#series.filledCount,
      markers: this.#drawnMarkers.map((marker) => ({ kind: marker.kind, time: marker.time * 1000 })),
      banner: this.#parts.banner.hidden ? undefined : (this.#parts.banner.textContent ?? undefined),
      age: this.#parts.age.textContent ?? '',
    };
  }

  destroy(): void {
    this.#chart.remove();
    this.element.remove();
  }

  #onCandle(message: Extract<StreamMessage, { type: 'candle' }>): void {
    this.#lastUpdateAt = this.#now();
    const result = this.#series.merge(message.candle, message.source);
    if (result.kind === 'ignore') return;
    if (!this.#precisionSet) {
      this.#precisionSet = true;
      const precision = precisionFor(result.bar.close);
      this.#candles.applyOptions({ priceFormat: { type: 'price', precision, minMove: 10 ** -precision } });
    }
    const historical = result.kind === 'update' && result.historical;
    this.#candles.update(candleData(result.bar), historical);
    this.#volume.update(volumeData(result.bar), historical);
    if (result.kind === 'append' && result.missingBefore !== undefined) {
      const { from, to } = result.missingBefore;
      this.#health.gap = {
        from,
        to,
        reason: 'missed while the page was disconnected, beyond its history join',
      };
      this.#addEvent({ kind: 'gap', time: from, text: 'gap' });
    } else if (result.kind === 'append' && this.#events.length > 0) {
      this.#drawMarkers();
    }
    if (message.source === 'live' && this.#state === 'joining') {
      this.#state = 'live';
      // A short history fills the width; a long one keeps the default bar spacing, scrolled to now.
      if (!this.#fitted && this.#series.bars.length <= 150) this.#chart.timeScale().fitContent();
      this.#fitted = true;
    }
    this.#parts.price.textContent = result.bar.close.toFixed(precisionFor(result.bar.close));
    this.#parts.price.classList.toggle('down', result.bar.close < result.bar.open);
    this.tick(this.#lastUpdateAt);
    this.#render();
  }

  #addEvent(event: HealthEvent): void {
    this.#events.push(event);
    this.#drawMarkers();
  }

  #drawMarkers(): void {
    this.#drawnMarkers = buildMarkers(
      this.#events,
      this.#series.bars.map((bar) => bar.openTime),
    );
    this.#markers.setMarkers(
      this.#drawnMarkers.map(({ kind: _kind, time, ...marker }) => ({
        ...marker,
        time: time as UTCTimestamp,
      })),
    );
  }

  #setState(state: PanelState): void {
    this.#state = state;
    this.#render();
  }

  #render(): void {
    const { state, banner, filled, count } = this.#parts;
    this.element.dataset.state = this.#state;
    state.textContent = this.#state;
    state.className = `chip chip-${this.#state}`;
    const shown = healthBanner(this.#health);
    banner.hidden = shown === undefined;
    banner.textContent = shown?.text ?? '';
    banner.className = `banner banner-${shown?.level ?? 'none'}`;
    filled.textContent = `REST-filled: ${this.#series.filledCount}`;
    count.textContent = `${this.#series.bars.length} candles`;
  }
}
