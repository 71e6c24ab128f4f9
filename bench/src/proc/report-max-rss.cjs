// Preloaded (`node --require`) into a measured process: prints its peak RSS (kB) on stderr at exit.
process.on('exit', () => {
  process.stderr.write(`\nOHLCV_BENCH_MAX_RSS_KB=${process.resourceUsage().maxRSS}\n`);
});
