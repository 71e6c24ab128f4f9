/** Runs `body` `rounds` times after a warm-up and returns the median ops/second for `operations` per round. */
export function medianRate(operations: number, rounds: number, body: () => void): number {
  body(); // warm-up (JIT)
  const rates: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    const started = process.hrtime.bigint();
    body();
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    rates.push(operations / seconds);
  }
  rates.sort((a, b) => a - b);
  return rates[Math.floor(rates.length / 2)] as number;
}

export function formatRate(rate: number): string {
  if (rate >= 1e6) return `${(rate / 1e6).toFixed(2)} M/s`;
  if (rate >= 1e3) return `${(rate / 1e3).toFixed(1)} k/s`;
  return `${rate.toFixed(0)} /s`;
}

/**
 * Interleaved contenders: each round times every body once, in a rotating order, after one warm-up
 * pass each; returns every contender's median ops/second (load on a shared machine hits all alike).
 */
export function interleavedRates(
  operations: number,
  rounds: number,
  bodies: ReadonlyArray<() => void>,
): number[] {
  for (const body of bodies) body(); // warm-up (JIT)
  const rates: number[][] = bodies.map(() => []);
  for (let round = 0; round < rounds; round += 1) {
    for (let turn = 0; turn < bodies.length; turn += 1) {
      const index = (turn + round) % bodies.length;
      const started = process.hrtime.bigint();
      (bodies[index] as () => void)();
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      (rates[index] as number[]).push(operations / seconds);
    }
  }
  return rates.map((list) => {
    list.sort((a, b) => a - b);
    return list[Math.floor(list.length / 2)] as number;
  });
}
