#!/usr/bin/env node
// FC 2.0 batch throughput of this checkout next to another built checkout (an earlier commit),
// with the bare undici loop, interleaved round by round against the emulator and the stub
// (bench/batch.mjs). Never part of the test suite. To compare with commit REF:
//   git worktree add ../fcinvoke-before REF && ln -s "$PWD/node_modules" ../fcinvoke-before/
//   (cd ../fcinvoke-before && node scripts/build.mjs) && npm run build
//   node bench/versus.mjs ../fcinvoke-before "REF"
//   FCINVOKE_BENCH_BATCH_LINES (default 20000) and FCINVOKE_BENCH_BATCH_ROUNDS (default 5)
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { benchmarkEnv, measureVersus, rateTable } from './batch.mjs';

const [otherArg, otherName = otherArg] = process.argv.slice(2);
const otherRoot = otherArg && resolve(otherArg);
if (!otherRoot || !existsSync(resolve(otherRoot, 'dist/cli.cjs'))) {
  process.stderr.write('usage: node bench/versus.mjs <other built checkout> [its name]: the other checkout needs dist/cli.cjs (node scripts/build.mjs there)\n');
  process.exit(2);
}
const result = await measureVersus({
  env: benchmarkEnv(),
  otherRoot,
  otherName,
  lines: Number(process.env.FCINVOKE_BENCH_BATCH_LINES) || 20_000,
  rounds: Number(process.env.FCINVOKE_BENCH_BATCH_ROUNDS) || 5,
});
process.stdout.write(
  [
    `Against the emulator's \`demo/echo\` (${result.lines} events, log tail asked for, ${result.rounds} interleaved rounds):`,
    '',
    rateTable(result.emulatorRates),
    '',
    'Against the stub that answers at once (`--no-logs`):',
    '',
    rateTable(result.stubRates),
    '',
  ].join('\n'),
);
