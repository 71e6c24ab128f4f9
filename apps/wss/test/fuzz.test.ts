import { describe, expect, it } from 'vitest';
import { runFuzz } from './fuzz/run-fuzz';

// Short seeded form in the default run; `pnpm test:fuzz` runs ≥ 10,000 inputs (OHLCV_FUZZ_INPUTS, OHLCV_FUZZ_SEED).
const inputs = Number(process.env.OHLCV_FUZZ_INPUTS ?? 1_200);
const seed = Number(process.env.OHLCV_FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));

describe('ohlcv-wss under hostile input (built server, Binance simulator)', () => {
  it(`answers every input, never crashes, and the control client gets every closed candle (seed ${seed})`, async () => {
    const report = await runFuzz({ seed, inputs, log: (line) => console.info(line) });
    const summary = `fuzz seed ${seed}: ${report.inputs} inputs in ${report.seconds} s (${Object.entries(
      report.byKind,
    )
      .map(([kind, count]) => `${kind} ${count}`)
      .join(
        ', ',
      )}); unanswered ${report.unanswered.length}, internal errors ${report.internalErrors}, crashed ${report.crashed}; control ${report.controlCandles} closed candles, ${report.controlProblems.length} problems; RSS ${report.rssStartMb.toFixed(0)} → ${report.rssEndMb.toFixed(0)} MB`;
    console.info(summary);
    const replay = `replay: OHLCV_FUZZ_SEED=${seed} OHLCV_FUZZ_INPUTS=${inputs} pnpm test:fuzz`;
    expect(report.crashed, `${summary}\n${replay}`).toBe(false);
    expect(report.unanswered.slice(0, 10), `${summary}\n${replay}`).toEqual([]);
    expect(report.internalErrors, `${summary}\n${replay}`).toBe(0);
    expect(report.controlProblems.slice(0, 10), `${summary}\n${replay}`).toEqual([]);
    expect(report.inputs).toBe(inputs);
    expect(report.rssEndMb, `${summary}\n${replay}`).toBeLessThan(report.rssStartMb * 1.5 + 40);
  }, 600_000);
});
