/** What the page reports of its charts; plain data (the browser tests read it). */

export type PanelState = 'joining' | 'live' | 'stalled' | 'disconnected' | 'error';

/** What the page reports of a chart (`window.ohlcvChart.panels()`, used by the browser tests). */
export interface PanelSnapshot {
  request: string;
  stream: string | undefined;
  state: PanelState;
  times: number[];
  closes: number[];
  closed: number;
  filled: number;
  markers: Array<{ kind: string; time: number }>;
  banner: string | undefined;
  age: string;
}
