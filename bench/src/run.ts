import { writeFileSync } from 'node:fs';
import { benchBusHop, busHopReport } from './bus-hop';
import { benchEdgeCpu, edgeCpuReport } from './edge-fanout-cpu';
import { benchHistory, historyReport } from './history-throughput';
import { benchHotPath, hotPathReport } from './hot-path';
import { describeMachine } from './machine';
import { writeStoreSection } from './store-section';
import { benchStores } from './store-throughput';

const BUS_HOP_TEXT = `Latency of every candle update from the engine's emit (venue frame parsed and sequenced) to a
subscriber: in one process, and across the bus — an \`IngestWorker\` publishing to a local redis-server
and an edge \`BusFeed\` following it (the path of \`ohlcv ingest\` → \`ohlcv-wss --bus\`, minus the WebSocket
fan-out both share). Both run at once on the Binance simulator, 400 pushes per stream.`;

const target = new URL('../../docs/benchmarks.md', import.meta.url);

async function main(): Promise<void> {
  const machine = describeMachine();
  process.stderr.write(`machine: ${machine}\nhot path…\n`);
  const hot = benchHotPath();
  process.stderr.write(`${hotPathReport(hot)}\n\nhistory downloads against the simulators…\n`);
  const history = await benchHistory();
  process.stderr.write(`${historyReport(history)}\n\nbus hop (Redis)…\n`);
  const busHop = await benchBusHop();
  process.stderr.write(`${busHopReport(busHop)}\n\nedge fan-out CPU (built binaries)…\n`);
  const edgeCpu = await benchEdgeCpu();
  process.stderr.write(`${edgeCpuReport(edgeCpu)}\n`);
  const markdown = `# Benchmarks

Produced by \`pnpm bench\` (bench/src/run.ts) on ${new Date().toISOString().slice(0, 10)}.
Machine: ${machine}.

Numbers are ratios against a baseline measured in the same run; absolute rates move with the machine,
the ratios much less. Re-run \`pnpm bench\` to refresh this file.

## Hot path: frame → parse → sequence → fan-out

${hot.frames.toLocaleString('en')} Binance combined-stream kline frames (29 open updates and one final update per
candle), median of 7 rounds. The baseline is bare \`JSON.parse\` of the same frames — the floor any
consumer pays. The pipeline runs the Binance adapter's parser, the per-stream sequencer, serializes each
emitted candle once and queues the same event into ${hot.consumers} consumers' bounded conflating buffers.

${hotPathReport(hot)}

## History downloads: candles per second

\`feed.history()\` for 3 days of 1m candles (4,320) from each venue's simulator on 127.0.0.1. The
simulators' own rate limits are lifted so that what is measured is the engine: "venue rate limit
respected" is the engine with the adapter's real REST budget (what a user gets against the real venue,
minus network latency); "limit lifted" is the same with the budget raised, against the baseline of
fetching the same windows one after another with bare \`fetch\` and the adapter's parser.

${historyReport(history)}

## Scale-out: the bus hop

${BUS_HOP_TEXT}

${busHopReport(busHop)}

CPU of the process serving the clients, per candle message it sends: \`ohlcv-wss\` alone (venue
connection, engine, fan-out) and \`ohlcv-wss --bus\` (bus read, fan-out; an \`ohlcv ingest\` worker holds
the venue). Built binaries, 100 clients on 4 streams, 600 pushes per stream (its \`/metrics\`).

${edgeCpuReport(edgeCpu)}
`;
  writeFileSync(target, markdown);
  process.stderr.write('candle stores…\n');
  writeStoreSection(target, await benchStores());
  process.stderr.write(`written ${target.pathname}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
