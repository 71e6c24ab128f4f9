import os from 'node:os';

/** One line describing the machine a benchmark ran on. */
export function describeMachine(): string {
  const cpus = os.cpus();
  const model = cpus[0]?.model.trim() ?? 'unknown CPU';
  const memoryGiB = (os.totalmem() / 2 ** 30).toFixed(0);
  return `${model}, ${cpus.length} cores, ${memoryGiB} GiB RAM, ${os.type()} ${os.release()} (${os.arch()}), Node ${process.version}`;
}
