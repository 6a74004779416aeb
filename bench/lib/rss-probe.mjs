// Loaded with `node --import` when GNU time is missing: writes the process's peak RSS (KiB)
// to $FCINVOKE_BENCH_RSS_FILE as it exits.
import { writeFileSync } from 'node:fs';

const file = process.env.FCINVOKE_BENCH_RSS_FILE;
if (file) {
  delete process.env.FCINVOKE_BENCH_RSS_FILE;
  process.on('exit', () => writeFileSync(file, `${process.resourceUsage().maxRSS}\n`));
}
