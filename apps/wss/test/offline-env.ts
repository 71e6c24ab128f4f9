/** Every venue market pointed at a closed local port: a stray subscribe fails fast and stays offline. */
export function offlineEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const exchange of ['BINANCE', 'OKX', 'BYBIT', 'GATEIO', 'HYPERLIQUID']) {
    for (const market of ['SPOT', 'USDM', 'COINM']) {
      env[`OHLCV_${exchange}_${market}_WS_URL`] = 'ws://127.0.0.1:9';
      env[`OHLCV_${exchange}_${market}_REST_URL`] = 'http://127.0.0.1:9';
    }
  }
  return env;
}
