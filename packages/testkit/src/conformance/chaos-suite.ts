/**
 * The chaos part of the conformance suite: per market of the venue, one seeded run of every fault kind
 * (chaos-config.ts) through the real engine, checked per stream. A failure names its seed and the
 * command that replays it; every run prints one line of figures (and appends them to CHAOS_REPORT).
 */
import { appendFileSync } from 'node:fs';
import type { MarketType, VenueAdapter } from '@ohlcv/core';
import { describe, expect, it } from 'vitest';
import { hashString } from '../sim/candle-generator';
import type { VenueSimulator } from '../simulator-types';
import { describeFindings } from './chaos-checker';
import { chaosSettings, replayCommand } from './chaos-config';
import { type ChaosReport, type ChaosSimulatorOptions, runChaos } from './chaos-run';
import type { FaultEvent } from './chaos-schedule';

export interface ChaosSuiteOptions {
  adapter: VenueAdapter;
  markets: readonly MarketType[];
  startSimulator(market: MarketType, options: ChaosSimulatorOptions): Promise<VenueSimulator>;
}

/** Real ms a run may take: the short form takes seconds, the long one minutes. */
const SHORT_TIMEOUT_MS = 180_000;
const LONG_TIMEOUT_MS = 3_600_000;

export function summaryLine(report: ChaosReport): string {
  const faults = Object.entries(report.faults)
    .map(([kind, count]) => `${kind} ${count}`)
    .join(', ');
  return (
    `chaos ${report.venue} seed ${report.seed}: ${report.candlesChecked} closed candles over ` +
    `${report.virtualMinutes} virtual min (${Math.round(report.realMs / 1000)} s real); lost ${report.lost}, ` +
    `duplicated ${report.duplicated}, out of order ${report.outOfOrder}, wrong values ${report.wrongValues}, ` +
    `missed stalls ${report.missedStalls}, missed recoveries ${report.missedRecoveries}, stream failures ` +
    `${report.failures}; max recovery ${Math.round(report.maxRecoveryMs / 1000)} s; faults: ${faults}`
  );
}

function describeFault(event: FaultEvent): string {
  const details = [
    event.durationMs > 0 ? `${Math.round(event.durationMs / 1000)} s` : '',
    event.count > 0 ? `×${event.count}` : '',
    event.connection === undefined ? '' : `connection #${event.connection}`,
    event.stream ? `${event.stream.symbol} ${event.stream.interval}` : '',
    event.code === undefined ? '' : String(event.code),
    event.delayMs === undefined ? '' : `${event.delayMs} ms real`,
  ].filter((part) => part.length > 0);
  return `  ${new Date(event.at).toISOString()} ${event.kind} ${details.join(' ')}`;
}

export function runChaosSuite(options: ChaosSuiteOptions): void {
  const settings = chaosSettings();
  for (const market of options.markets) {
    const venue = `${options.adapter.id}:${market}`;
    if (settings.venue !== undefined && settings.venue !== venue) continue;
    const seed = settings.seedGiven ? settings.seed : hashString(`${settings.seed}|${venue}`) % 1_000_000;
    describe(`${venue} chaos`, () => {
      it(
        `keeps every closed candle once, in order, with the venue's values, under seed ${seed} (${settings.candles} candles, ${settings.kinds.length} fault kinds)`,
        async () => {
          const report = await runChaos({
            adapter: options.adapter,
            market,
            startSimulator: options.startSimulator,
            seed,
            candles: settings.candles,
            kinds: settings.kinds,
            coarse: settings.long,
          });
          console.log(summaryLine(report));
          if (settings.reportFile) {
            const { schedule: _schedule, fastPathDisagreements: _frames, ...figures } = report;
            appendFileSync(settings.reportFile, `${JSON.stringify(figures)}\n`);
          }
          const problems = [
            ...report.streams.flatMap((findings) => describeFindings(findings)),
            ...report.fastPathDisagreements.map((problem) => `fast path disagrees with parse: ${problem}`),
          ];
          const replay = replayCommand(settings, venue, seed);
          if (problems.length > 0)
            console.error(
              `chaos ${venue} seed ${seed} FAILED — replay: ${replay}\n${problems.join('\n')}\nschedule:\n${report.schedule.map(describeFault).join('\n')}`,
            );
          expect(problems, `chaos ${venue} seed ${seed} — replay: ${replay}`).toEqual([]);
          expect(report.candlesChecked, 'closed candles checked').toBeGreaterThanOrEqual(
            Math.floor(settings.candles * 0.9),
          );
        },
        settings.long ? LONG_TIMEOUT_MS : SHORT_TIMEOUT_MS,
      );
    });
  }
}
