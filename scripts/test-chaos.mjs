#!/usr/bin/env node
// `pnpm test:chaos [--long] [--seed N] [--venue gateio:usdm] [--candles N] [--faults drop,pause] [--report file]`:
// the conformance suite's chaos runs (packages/testkit/src/conformance/chaos-*.ts) on every venue-market,
// two venue packages at a time. The short form is the default; --long checks ≥ 10,000 closed candles
// per venue-market. A failing run prints its seed and the command that replays it.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

// Every venue package that runs the conformance suite (packages/exchange-<id>, packages/venue-<id>):
// venue id → package name. A new venue is found here without editing this script.
const root = new URL('../packages/', import.meta.url);
const PACKAGES = new Map(
  readdirSync(root)
    .filter(
      (dir) => /^(exchange|venue)-/.test(dir) && existsSync(new URL(`${dir}/src/conformance.test.ts`, root)),
    )
    .map((dir) => [
      dir.replace(/^(exchange|venue)-/, ''),
      JSON.parse(readFileSync(new URL(`${dir}/package.json`, root), 'utf8')).name,
    ]),
);
const VENUES = [...PACKAGES.keys()];
const { values } = parseArgs({
  options: {
    long: { type: 'boolean', default: false },
    seed: { type: 'string' },
    venue: { type: 'string' },
    candles: { type: 'string' },
    faults: { type: 'string' },
    report: { type: 'string' },
    concurrency: { type: 'string', default: '2' },
  },
});

const env = { ...process.env };
if (values.long) env.CHAOS_LONG = '1';
if (values.seed !== undefined) env.CHAOS_SEED = values.seed;
if (values.candles !== undefined) env.CHAOS_CANDLES = values.candles;
if (values.faults !== undefined) env.CHAOS_FAULTS = values.faults;
if (values.report !== undefined) env.CHAOS_REPORT = values.report;
let venues = VENUES;
if (values.venue !== undefined) {
  const [exchange, market] = values.venue.split(':');
  if (!VENUES.includes(exchange)) {
    console.error(
      `--venue: unknown exchange "${exchange}" in "${values.venue}": expected one of ${VENUES.join(', ')}`,
    );
    process.exit(2);
  }
  venues = [exchange];
  if (market) env.CHAOS_VENUE = `${exchange}:${market}`;
}

function run(exchange) {
  return new Promise((resolve) => {
    const child = spawn(
      'pnpm',
      ['--filter', PACKAGES.get(exchange), 'exec', 'vitest', 'run', 'src/conformance.test.ts', '-t', 'chaos'],
      { env, stdio: 'inherit' },
    );
    child.on('close', (code) => resolve({ exchange, code: code ?? 1 }));
  });
}

const queue = [...venues];
const results = [];
const workers = Array.from({ length: Math.max(1, Number(values.concurrency) || 1) }, async () => {
  while (queue.length > 0) results.push(await run(queue.shift()));
});
await Promise.all(workers);
const failed = results.filter((result) => result.code !== 0).map((result) => result.exchange);
console.log(failed.length === 0 ? 'chaos: every venue passed' : `chaos: failed on ${failed.join(', ')}`);
process.exit(failed.length === 0 ? 0 : 1);
