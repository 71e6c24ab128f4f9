import os from 'node:os';

/** One line describing the machine a benchmark ran on. */
export function describeMachine(): string {
  const cpus = os.cpus();
  const model = cpus[0]?.model.trim() ?? 'unknown CPU';
  const memoryGiB = (os.totalmem() / 2 ** 30).toFixed(0);
  return `${model}, ${cpus.length} cores, ${memoryGiB} GiB RAM, ${os.type()} ${os.release()} (${os.arch()}), Node ${process.version}`;
}

/** The 1-minute load average, sampled during a run (on 2 cores, above 2 means processes waited for a CPU). */
export class LoadSampler {
  readonly #samples: number[] = [];
  readonly #timer = setInterval(() => this.#samples.push(os.loadavg()[0] as number), 10_000);

  constructor() {
    this.#timer.unref();
    this.#samples.push(os.loadavg()[0] as number);
  }

  /** `min–max (median m)` of the samples so far. */
  describe(): string {
    clearInterval(this.#timer);
    const sorted = [...this.#samples].sort((a, b) => a - b);
    const median = sorted[sorted.length >> 1] as number;
    return `${(sorted[0] as number).toFixed(1)}–${(sorted[sorted.length - 1] as number).toFixed(1)} (median ${median.toFixed(1)})`;
  }
}
