/** What both sides of the scale bench measure the same way (run with --expose-gc). */

/** Heap and RSS after two forced GCs. */
export function settledMemory() {
  const gc = globalThis.gc;
  if (gc === undefined) throw new Error('run with --expose-gc');
  gc();
  gc();
  const usage = process.memoryUsage();
  return { heap: usage.heapUsed, rss: usage.rss };
}

/** Starts the clock once the warm-up stream is held; `finish` prints the JSON line of a scale sample. */
export function startMeasuring(count) {
  const before = settledMemory();
  const started = process.hrtime.bigint();
  const cpuStarted = process.cpuUsage();
  return {
    /** `extra`: more fields for the sample (the bare client's answer lags). */
    finish(connections, extra = {}) {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const cpu = process.cpuUsage(cpuStarted);
      const after = settledMemory();
      const sample = {
        count,
        seconds,
        cpuSeconds: (cpu.user + cpu.system) / 1e6,
        heapPerStream: (after.heap - before.heap) / (count - 1),
        rssPerStream: (after.rss - before.rss) / (count - 1),
        rss: after.rss,
        connections,
        ...extra,
      };
      process.stdout.write(`${JSON.stringify(sample)}\n`);
    },
  };
}
