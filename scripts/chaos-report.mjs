#!/usr/bin/env node
// Markdown tables from the JSON lines `pnpm test:chaos --report <file>` appends (one per venue-market run):
//   node scripts/chaos-report.mjs run.jsonl            figures per venue-market, and faults by kind
//   node scripts/chaos-report.mjs --matrix a.jsonl …  runs of one fault kind each → kind × venue-market
import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const matrix = args[0] === '--matrix';
const files = matrix ? args.slice(1) : args;
if (files.length === 0) {
  console.error('usage: node scripts/chaos-report.mjs [--matrix] <report.jsonl>…');
  process.exit(2);
}
const runs = files.flatMap((file) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .map((line) => JSON.parse(line)),
);
const ORDER = ['binance', 'okx', 'bybit', 'gateio', 'hyperliquid'].flatMap((exchange) =>
  ['spot', 'usdm', 'coinm'].map((market) => `${exchange}:${market}`),
);
const byVenue = (a, b) => ORDER.indexOf(a.venue) - ORDER.indexOf(b.venue);
const seconds = (ms) => Math.round(ms / 1000);

/** Letters for what a run saw: L lost, D duplicated, O out of order, W wrong values, S missed stall, R missed recovery, F stream failure. */
function verdict(run) {
  const marks = [
    ['L', run.lost],
    ['D', run.duplicated],
    ['O', run.outOfOrder],
    ['W', run.wrongValues],
    ['S', run.missedStalls],
    ['R', run.missedRecoveries],
    ['F', run.failures],
  ].filter(([, count]) => count > 0);
  return marks.length === 0 ? 'ok' : marks.map(([letter, count]) => `${letter}${count}`).join(' ');
}

if (matrix) {
  const kinds = [...new Set(runs.map((run) => Object.keys(run.faults).join('+')))];
  const venues = ORDER.filter((venue) => runs.some((run) => run.venue === venue));
  console.log(`| fault kind | ${venues.join(' | ')} |`);
  console.log(`|---|${venues.map(() => '---').join('|')}|`);
  for (const kind of kinds) {
    const cells = venues.map((venue) => {
      const run = runs.find((item) => item.venue === venue && Object.keys(item.faults).join('+') === kind);
      return run ? verdict(run) : '';
    });
    console.log(`| ${kind} | ${cells.join(' | ')} |`);
  }
} else {
  console.log(
    '| venue-market | seed | closed candles checked | faults | lost | duplicated | out of order | wrong values | missed `stalled` | missed `recovered` | stream failures | max recovery (s) | virtual min | real s |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const run of [...runs].sort(byVenue)) {
    const faults = Object.values(run.faults).reduce((total, count) => total + count, 0);
    console.log(
      `| ${run.venue} | ${run.seed} | ${run.candlesChecked} | ${faults} | ${run.lost} | ${run.duplicated} | ${run.outOfOrder} | ${run.wrongValues} | ${run.missedStalls} | ${run.missedRecoveries} | ${run.failures} | ${seconds(run.maxRecoveryMs)} | ${run.virtualMinutes} | ${seconds(run.realMs)} |`,
    );
  }
  const totals = {};
  for (const run of runs)
    for (const [kind, count] of Object.entries(run.faults)) totals[kind] = (totals[kind] ?? 0) + count;
  console.log('\n| fault kind | injected (all venue-markets) |\n|---|---|');
  for (const [kind, count] of Object.entries(totals)) console.log(`| ${kind} | ${count} |`);
}
