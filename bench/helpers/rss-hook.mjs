// Loaded with `node --import` when GNU time is missing: reports the process's peak memory on exit.
process.on('exit', () => {
  process.stderr.write(`respmatrix-bench-maxrss-kb=${process.resourceUsage().maxRSS}\n`);
});
