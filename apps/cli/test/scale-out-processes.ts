/** Child processes of the scale-out end-to-end test: ingest workers, edges, bus servers. */
import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, redisUnavailable, startRedisServer } from '@ohlcv/bus-redis/testing';

const here = dirname(fileURLToPath(import.meta.url));
export const INGEST_CLI = resolve(here, '../dist/cli.js');
export const WSS_CLI = resolve(here, '../../wss/dist/cli.js');

/** The edge binary is another app's: build it when it is missing (turbo builds it first under `pnpm test`). */
export function ensureWssBuilt(): void {
  if (existsSync(WSS_CLI)) return;
  execFileSync(resolve(here, '../../../node_modules/.bin/tsup'), [], {
    cwd: resolve(here, '../../wss'),
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

export type LogLine = Record<string, unknown> & { msg?: string };

export interface LoggedProcess {
  readonly child: ChildProcess;
  readonly logs: LogLine[];
  output(): string;
  waitForLog(predicate: (line: LogLine) => boolean, timeoutMs?: number): Promise<LogLine>;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** Runs `node script ...args`, parsing the JSON log lines it writes on `logStream`. */
export function startLogged(
  script: string,
  args: readonly string[],
  env: Record<string, string>,
  logStream: 'stdout' | 'stderr',
): LoggedProcess {
  const child = spawn(process.execPath, [script, ...args], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: LogLine[] = [];
  let text = '';
  let partial = '';
  const source = logStream === 'stdout' ? child.stdout : child.stderr;
  const other = logStream === 'stdout' ? child.stderr : child.stdout;
  other?.setEncoding('utf8').on('data', (chunk: string) => {
    text += chunk;
  });
  source?.setEncoding('utf8').on('data', (chunk: string) => {
    text += chunk;
    const parts = (partial + chunk).split('\n');
    partial = parts.pop() ?? '';
    for (const part of parts) {
      try {
        logs.push(JSON.parse(part) as LogLine);
      } catch {
        logs.push({ msg: part });
      }
    }
  });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  return {
    child,
    logs,
    output: () => text,
    async waitForLog(predicate, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = logs.find(predicate);
        if (found) return found;
        if (child.exitCode !== null || child.signalCode !== null) {
          throw new Error(
            `${script} exited (${child.exitCode ?? child.signalCode}) first: ${text.slice(-2_000)}`,
          );
        }
        if (Date.now() > deadline)
          throw new Error(`no matching log line in ${timeoutMs} ms: ${text.slice(-2_000)}`);
        await new Promise((wait) => setTimeout(wait, 25));
      }
    },
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}

export interface BusServer {
  readonly url: string;
  /** Stops the server (kill -9); `start` brings it back on the same port. */
  kill(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

export interface BusRow {
  name: string;
  /** Why the row cannot run here, or undefined. */
  unavailable: string | undefined;
  startServer(): Promise<BusServer>;
}

/** Whether both built binaries (the ingest CLI and the edge) can load `name`. */
function resolves(name: string): boolean {
  try {
    for (const binary of [INGEST_CLI, WSS_CLI]) createRequire(binary).resolve(name);
    return true;
  } catch {
    return false;
  }
}

async function startRedisRow(): Promise<BusServer> {
  // A restart on the same port starts empty (no persistence): the harder case.
  const server = await startRedisServer();
  return {
    url: server.url,
    kill: () => server.kill(),
    start: () => server.start(),
    close: () => server.stop(),
  };
}

function launchNats(port: number, dir: string): Promise<ChildProcess> {
  const child = spawn('nats-server', ['-js', '-a', '127.0.0.1', '-p', String(port), '-sd', dir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error(`nats-server did not start: ${output}`)), 10_000);
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
      if (output.includes('Server is ready')) {
        clearTimeout(timer);
        resolvePromise(child);
      }
    });
    child.once('exit', (code) => reject(new Error(`nats-server exited with ${code}: ${output}`)));
  });
}

async function startNatsRow(): Promise<BusServer> {
  const dir = mkdtempSync(join(tmpdir(), 'ohlcv-nats-'));
  const port = await freePort();
  let child: ChildProcess | undefined = await launchNats(port, dir);
  const kill = async (): Promise<void> => {
    const current = child;
    child = undefined;
    if (current === undefined || current.exitCode !== null) return;
    await new Promise<void>((done) => {
      current.once('exit', () => done());
      current.kill('SIGKILL');
    });
  };
  return {
    url: `nats://127.0.0.1:${port}`,
    kill,
    async start() {
      child ??= await launchNats(port, dir);
    },
    async close() {
      await kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function natsUnavailable(): string | undefined {
  if (!resolves('@ohlcv/bus-nats')) return '@ohlcv/bus-nats is not a dependency of @ohlcv/cli and @ohlcv/wss';
  const probe = spawnSync('nats-server', ['--version'], { encoding: 'utf8' });
  if (probe.error === undefined && probe.status === 0) return undefined;
  return 'nats-server is not installed: apt-get install -y nats-server';
}

/** Every bus the end-to-end test runs on; the NATS row joins once @ohlcv/bus-nats resolves from the CLI. */
export const BUS_ROWS: BusRow[] = [
  { name: 'redis', unavailable: redisUnavailable(), startServer: startRedisRow },
  ...(resolves('@ohlcv/bus-nats')
    ? [{ name: 'nats', unavailable: natsUnavailable(), startServer: startNatsRow }]
    : []),
];
