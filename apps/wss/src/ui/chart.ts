/** The chart page: token, venues, the symbol picker, the charts and the one connection that feeds them. */

import { ChartConnection, type ConnectionState } from './chart-connection';
import { ChartPanel } from './chart-panel';
import type { PanelSnapshot } from './panel-snapshot';
import { fetchVenues, socketUrl, storedToken, UnauthorizedError, type VenueChoice } from './server-api';
import { createSymbolPicker } from './symbol-picker';
import { askForToken } from './token-prompt';

declare global {
  interface Window {
    /** The page's state, for scripts and the browser tests. */
    ohlcvChart?: { connection(): ConnectionState; panels(): PanelSnapshot[] };
  }
}

const DEFAULT_HISTORY = 300;

async function loadVenues(): Promise<VenueChoice[]> {
  let wrong = storedToken() !== undefined;
  for (;;) {
    try {
      return await fetchVenues();
    } catch (error) {
      if (!(error instanceof UnauthorizedError)) throw error;
      (document.querySelector('#connection') as HTMLElement).textContent = 'token needed';
      await askForToken(wrong);
      wrong = true;
    }
  }
}

/** The header chip (short) and, while disconnected, the banner (with the reason). */
function describeState(state: ConnectionState): { text: string; level: string; banner?: string } {
  switch (state.state) {
    case 'connecting':
      return {
        text: state.attempt === 0 ? 'connecting…' : `connecting (attempt ${state.attempt + 1})…`,
        level: 'pending',
      };
    case 'open':
      return { text: 'connected', level: 'ok' };
    case 'reconnecting': {
      const seconds = (state.inMs / 1000).toFixed(1);
      return {
        text: `reconnecting in ${seconds} s`,
        level: 'error',
        banner: `Connection to the server lost (${state.reason}): reconnecting in ${seconds} s, attempt ${state.attempt}; the charts join again with history`,
      };
    }
    case 'stopped':
      return { text: 'stopped', level: 'error' };
  }
}

async function start(): Promise<void> {
  const venues = await loadVenues();
  const grid = document.querySelector('#charts') as HTMLElement;
  const empty = document.querySelector('#empty') as HTMLElement;
  const chip = document.querySelector('#connection') as HTMLElement;
  const banner = document.querySelector('#connection-banner') as HTMLElement;
  const params = new URLSearchParams(location.search);
  const history = Math.min(1_000, Math.max(1, Number(params.get('history')) || DEFAULT_HISTORY));
  const panels = new Map<ChartPanel, () => void>();
  let probing = false;

  const connection = new ChartConnection({
    url: socketUrl,
    onState: (state) => {
      const described = describeState(state);
      chip.textContent = described.text;
      chip.className = `chip chip-${described.level}`;
      banner.hidden = described.banner === undefined;
      banner.textContent = described.banner ?? '';
      // A WebSocket refused for its token only says "closed": ask the HTTP side why.
      if (state.state === 'reconnecting' && state.attempt >= 2 && !probing) {
        probing = true;
        fetchVenues().then(
          () => (probing = false),
          async (error: unknown) => {
            if (error instanceof UnauthorizedError) await askForToken(true);
            probing = false;
          },
        );
      }
    },
  });

  const syncUrl = (): void => {
    const streams = [...panels.keys()].map((panel) => panel.request).join(',');
    const next = new URLSearchParams(location.search);
    if (streams) next.set('streams', streams);
    else next.delete('streams');
    history_.replaceState(null, '', `${location.pathname}${next.size > 0 ? `?${next}` : ''}`);
    empty.hidden = panels.size > 0;
  };
  const history_ = window.history;

  const addChart = (request: string): void => {
    const existing = [...panels.keys()].find(
      (panel) => panel.request.toLowerCase() === request.toLowerCase(),
    );
    if (existing !== undefined) {
      existing.element.scrollIntoView({ block: 'nearest' });
      return;
    }
    const remove = (): void => {
      panels.get(panel)?.();
      panels.delete(panel);
      panel.destroy();
      syncUrl();
    };
    const panel = new ChartPanel(request, {
      history,
      onClose: remove,
      // The same stream spelled differently (`eth/usdt` and `ETHUSDT`): keep the chart that was there.
      onSubscribed: (key) => {
        const other = [...panels.keys()].find((entry) => entry !== panel && entry.stream === key);
        if (other === undefined) return;
        queueMicrotask(remove);
        other.element.scrollIntoView({ block: 'nearest' });
      },
    });
    grid.append(panel.element);
    panels.set(panel, connection.add(request, panel));
    syncUrl();
  };

  createSymbolPicker(document.querySelector('#picker') as HTMLFormElement, venues, addChart);
  for (const stream of (params.get('streams') ?? '').split(',')) if (stream.trim()) addChart(stream.trim());
  syncUrl();
  connection.start();
  setInterval(() => {
    const now = Date.now();
    for (const panel of panels.keys()) panel.tick(now);
  }, 1_000);
  window.ohlcvChart = {
    connection: () => connection.state,
    panels: () => [...panels.keys()].map((panel) => panel.snapshot()),
  };
}

start().catch((error: unknown) => {
  const banner = document.querySelector('#connection-banner') as HTMLElement;
  banner.hidden = false;
  banner.textContent = `The page could not start: ${error instanceof Error ? error.message : String(error)}`;
});
