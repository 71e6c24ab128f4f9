import { benchFanOutStreams, fanOutStreamsReport } from './fan-out-streams';

export const FAN_OUT_BATCHING_HEADING = '## Fan-out with per-client batching: 50 streams per client';

/**
 * The batching section of docs/benchmarks.md: many streams per client, `ohlcv-wss` with and without
 * the opt-in batch window against a minimal broadcast server. Two windows in the full run (20 ms and
 * 100 ms), one in `--quick`.
 */
export async function fanOutBatchingSection(quick: boolean): Promise<string> {
  const common = { streams: 50, deliveries: 20_000, seconds: quick ? 3 : 6, rounds: quick ? 1 : 3 };
  const short = await benchFanOutStreams({
    ...common,
    clientCounts: quick ? [100] : [100, 1_000],
    batchMs: 20,
  });
  const reports = [fanOutStreamsReport(short)];
  if (!quick) {
    const long = await benchFanOutStreams({ ...common, clientCounts: [1_000], batchMs: 100 });
    reports.push(fanOutStreamsReport(long));
  }
  return `Every client subscribes to the same 50 Binance kline streams; a sender process plays the venue, the
clients run in a process of their own and measure latency from the venue's send to their receive. The
baseline is a minimal \`ws\` broadcast server that gets the same frames and sends each client the same
candle message \`ohlcv-wss\` sends (one socket write per client message). "batched" is \`ohlcv-wss\` with the
clients asking for \`batchMs\` in their subscribe (docs/server-protocol.md, Batching): the events of one
window go out as one \`{"type":"batch","events":[…]}\` frame built from each message's bytes, serialized
once; a window holding a single event sends it as itself (no wrapper, no copy), and the windows of all
clients with the same \`batchMs\` close on one shared timer. Server CPU from its own counters; the
clients are drained before it is read. The saving follows the candles that fall into one window per
client ("frames received" against "candles received"): at 1,000 clients each gets 20 candles/s, one
every 50 ms, so a 20 ms window holds one candle, saves no write, and costs only what holding each
write for a window costs; a 100 ms window (or a higher rate per client) holds several and saves.

${reports.join('\n\n')}`;
}
