/**
 * The servers of the fan-out benches, each in its own process: a minimal broadcast baseline
 * (bench/src/proc/*.mjs) or the built `ohlcv-wss`. Both report the server process's own CPU time and
 * RSS, read after the clients are drained.
 */
import { existsSync } from 'node:fs';
import { LineChild, repoPath } from './proc/child';

/** OHLCV_BENCH_WSS_CLI=path runs another build of the server (a before/after comparison; read at each start). */
const wssCli = (): string => process.env.OHLCV_BENCH_WSS_CLI ?? repoPath('apps/wss/dist/cli.js');

export function requireWssBuilt(): void {
  if (!existsSync(wssCli()))
    throw new Error('apps/wss/dist/cli.js is missing: run `pnpm build` before `pnpm bench`');
}

export interface RunningServer {
  url: string;
  /** The server process's CPU time so far (µs) and its RSS (bytes). */
  stats(): Promise<{ cpuMicros: number; rss: number }>;
  stop(): Promise<void>;
}

/** A baseline script (`bench/src/proc/<script>`) that prints `{ port }` and answers the stdin line `stats`. */
export async function startBroadcastServer(script: string, args: string[]): Promise<RunningServer> {
  const child = new LineChild([repoPath(`bench/src/proc/${script}`), ...args]);
  const { port } = JSON.parse(await child.next()) as { port: number };
  return {
    url: `ws://127.0.0.1:${port}`,
    async stats() {
      child.send('stats');
      return JSON.parse(await child.next()) as { cpuMicros: number; rss: number };
    },
    stop: () => child.stop(),
  };
}

export interface OhlcvWssOptions {
  /** Flags after the port, log level and the client caps. */
  args?: string[];
  /** Node flags before the binary (e.g. `--cpu-prof`). */
  node?: string[];
  /** Stop with SIGTERM (a graceful shutdown, which writes a CPU profile) before closing its stdin. */
  sigterm?: boolean;
}

/** The built `ohlcv-wss` on port 0, its venue the bench's sender process (Binance spot). */
export async function startOhlcvWss(
  venue: { wsBase: string; restBase: string },
  options: OhlcvWssOptions = {},
): Promise<RunningServer> {
  // Every bench client comes from 127.0.0.1: lift the per-address and total client caps.
  const limits = ['--max-clients', '5000', '--max-clients-per-address', '5000', ...(options.args ?? [])];
  const flags = ['--port', '0', '--health-port', '0', '--log-level', 'info', ...limits];
  const child = new LineChild([...(options.node ?? []), wssCli(), ...flags], {
    OHLCV_BINANCE_SPOT_WS_URL: venue.wsBase,
    OHLCV_BINANCE_SPOT_REST_URL: venue.restBase,
  });
  let port: number | undefined;
  while (port === undefined) {
    const match = /"port":(\d+)[^\n]*"msg":"listening"/.exec(await child.next(60_000));
    if (match) port = Number(match[1]);
  }
  // Log lines after `listening` are not read any more.
  child.process.stdout?.resume();
  return {
    url: `ws://127.0.0.1:${port}`,
    async stats() {
      const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      const value = (pattern: RegExp): number => Number(pattern.exec(text)?.[1] ?? Number.NaN);
      return {
        cpuMicros: value(/^process_cpu_seconds_total (\S+)$/m) * 1e6,
        rss: value(/^process_resident_memory_bytes (\S+)$/m),
      };
    },
    stop: () => {
      if (options.sigterm) child.process.kill('SIGTERM');
      return child.stop();
    },
  };
}
