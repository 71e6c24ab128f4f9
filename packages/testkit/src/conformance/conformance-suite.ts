import { describe } from 'vitest';
import { runChaosSuite } from './chaos-suite';
import { suiteContext } from './conformance-harness';
import type { ConformanceOptions } from './conformance-options';
import { describeQuietCloseTests } from './quiet-close-suite';
import { describeRejectionTests } from './rejection-suite';
import { describeRestTests } from './rest-suite';
import { describeStreamTests } from './stream-suite';

/**
 * The adapter conformance suite: runs the same behavioural tests through the real engine against the
 * venue's simulator, for every market — live streams (stream-suite.ts), refused streams
 * (rejection-suite.ts), REST history, instruments and 429s (rest-suite.ts), quiet candles on rollover
 * venues (quiet-close-suite.ts) — then the chaos suite (seeded random faults of every kind; its
 * settings in chaos-config.ts). Call it from a test file of the venue package.
 */
export function runConformanceSuite(options: ConformanceOptions): void {
  for (const market of options.markets) {
    describe(`${options.adapter.id} ${market} conformance`, () => {
      const context = suiteContext(options, market);
      describeStreamTests(context);
      describeRejectionTests(context);
      describeRestTests(context);
      describeQuietCloseTests(context);
    });
  }
  runChaosSuite(options);
}
