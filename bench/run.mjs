#!/usr/bin/env node
// `npm run bench` (after the build): start-up ratios, one emulator invocation next to curl,
// memory for large events and results, and batch throughput; prints a summary and rewrites
// docs/benchmarks.md.
// Never part of the test suite. FCINVOKE_BENCH_RUNS sets the start-up runs (default 30).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem, type } from 'node:os';
import { delimiter, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { measureBatch, measureStubVersions, renderBatchReport, renderStubVersions } from './batch.mjs';
import { measureEcho } from './lib/echo.mjs';
import { measureMemory } from './lib/memory.mjs';
import { hasGnuTime, hyperfineVersion } from './lib/processes.mjs';
import { renderReport } from './lib/report.mjs';
import { hyperfineCheck, measureStartup } from './lib/startup.mjs';
import { MAJORS, measureVersions, nodeBinaries, profileVersions, renderProfiles, renderVersions } from './lib/versions.mjs';
import { mib, ratio } from './lib/stats.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = fileURLToPath(new URL('../bin/fcinvoke.cjs', import.meta.url));
const reportFile = fileURLToPath(new URL('../docs/benchmarks.md', import.meta.url));

const settings = {
  runs: Number(process.env.FCINVOKE_BENCH_RUNS) || 30,
  warmup: 3,
  echoRuns: 20,
  rssRuns: 5,
  memoryRuns: 3,
  memoryLimitMiB: 16,
  profileRuns: 5,
};

if (!existsSync(new URL('../dist/cli.cjs', import.meta.url))) {
  process.stderr.write('bench: dist/cli.cjs is missing: run `npm run bench` (it builds first) or `npm run build`\n');
  process.exit(1);
}

// The launcher's `#!/usr/bin/env node` must find the node running this bench.
const path = [dirname(process.execPath), process.env.PATH ?? '/usr/bin:/bin'].join(delimiter);
/** Variables that change how fast any Node.js process starts. */
const STARTUP_VARS = ['NODE_OPTIONS', 'NODE_EXTRA_CA_CERTS', 'NODE_COMPILE_CACHE', 'NODE_V8_COVERAGE', 'UV_THREADPOOL_SIZE'];
// This machine's environment, as every command run here gets it, minus fcinvoke's own
// settings (the bench gives its own) ...
const machineEnv = Object.fromEntries(
  Object.entries({ ...process.env, PATH: path }).filter(([key]) => !/^(ALIBABA_CLOUD_|FCINVOKE_|npm_)/.test(key)),
);
// ... and a clean one: PATH and a locale only.
const cleanEnv = { PATH: path, LANG: 'C.UTF-8' };
const startupVars = STARTUP_VARS.filter((name) => process.env[name] !== undefined);

/** `curl 7.88.1` from the first line of `curl --version`. */
function version(command, args) {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.split('\n')[0].trim().split(/\s+/).slice(0, 2).join(' ') : 'not installed';
}

function machine() {
  const cpu = cpus();
  return {
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    node: process.version,
    rows: [
      ['CPU', `${cpu[0]?.model.trim() ?? 'unknown'}, ${cpu.length} logical CPUs`],
      ['memory', `${(totalmem() / 2 ** 30).toFixed(1)} GiB`],
      ['OS', `${type()} ${release()}`],
      ['Node.js', process.version],
      ['load average at start (1, 5, 15 min)', loadavg().map((l) => l.toFixed(2)).join(', ')],
      ['curl', version('curl', ['--version'])],
      ['hyperfine', hyperfineVersion() ?? 'not installed'],
      ['variables that affect Node.js start-up', startupVars.length > 0 ? startupVars.map((name) => `\`${name}=${process.env[name]}\``).join(', ') : 'none set'],
      ['peak RSS measured with', hasGnuTime() ? 'GNU time (`/usr/bin/time -f %M`)' : 'a Node probe and /proc polling (GNU time not installed)'],
    ],
  };
}

const log = (text) => process.stderr.write(`${text}\n`);
const started = Date.now();
const info = machine();
process.chdir(root);

const showStartup = (startup) => {
  for (const r of startup.results) log(`  ${r.name.padEnd(32)} ${r.stats.median.toFixed(1).padStart(6)} ms  ${ratio(r.ratio)}`);
};
log(`start-up in this machine's environment: ${settings.runs} interleaved runs each…`);
const startup = measureStartup({ bin, runs: settings.runs, warmup: settings.warmup, env: machineEnv });
showStartup(startup);
let cleanStartup = null;
if (startupVars.length > 0) {
  log(`start-up in a clean environment (without ${startupVars.join(', ')})…`);
  cleanStartup = measureStartup({ bin, runs: settings.runs, warmup: settings.warmup, env: cleanEnv, others: false });
  showStartup(cleanStartup);
}
log('start-up, hyperfine cross-check…');
const hyperfine = hyperfineCheck({ bin, runs: settings.runs, warmup: settings.warmup, env: startup.env });
for (const r of hyperfine?.results ?? []) log(`  ${r.name.padEnd(32)} ${r.stats.median.toFixed(1).padStart(6)} ms  ${ratio(r.ratio)}`);
if (!hyperfine) log('  hyperfine not installed: skipped');

log(`every supported Node.js (${MAJORS.join(', ')}), side by side: start-up and one invocation…`);
const versions = await measureVersions({ bin, runs: settings.runs, warmup: settings.warmup, log }).catch((error) => ({ error: error.message.split('\n')[0] }));
if (versions.error) log(`  not measured: ${versions.error}`);
log('every supported Node.js: CPU profiles of one invocation…');
const profiles = await profileVersions({ bin, runs: settings.profileRuns, log }).catch((error) => ({ error: error.message.split('\n')[0] }));
if (profiles.error) log(`  not measured: ${profiles.error}`);

log('one invocation through the emulator, fcinvoke and curl…');
const echo = await measureEcho({ bin, runs: settings.echoRuns, rssRuns: settings.rssRuns, warmup: settings.warmup, env: machineEnv }).catch((error) => ({ error: error.message.split('\n')[0] }));
if (echo.error) log(`  not measured: ${echo.error}`);
for (const r of echo.results ?? []) log(`  ${r.name.padEnd(40)} ${r.wall.median.toFixed(1).padStart(6)} ms  ${mib(r.rss.median)}`);

log('memory: 32 MiB events (FC 2.0 and FC 3.0) and 500 MiB results…');
const memory = await measureMemory({ bin, runs: settings.memoryRuns, env: machineEnv }).catch((error) => ({ error: error.message.split('\n')[0] }));
if (memory.error) log(`  not measured: ${memory.error}`);
for (const r of memory.results ?? []) log(`  ${r.name.padEnd(40)} peak ${mib(r.peak.median)}, growth ${mib(r.growthKiB)}`);

let batch = null;
let stubVersions = null;
if (process.env.FCINVOKE_BENCH_BATCH !== '0') {
  log('batches: --batch -c 32 against a bare undici loop and the SDK, FC 2.0 and FC 3.0; RSS for 20 k and 1 M lines…');
  batch = await measureBatch({ env: machineEnv, lines: 20_000, rounds: 5, big: 1_000_000, log }).catch((error) => ({ error: error.message.split('\n')[0] }));
  if (batch.error) log(`  not measured: ${batch.error}`);
  log(`batches on every supported Node.js (${MAJORS.join(', ')}): fcinvoke and the bare loop against the stub, clean environment…`);
  stubVersions = await measureStubVersions({ env: cleanEnv, binaries: nodeBinaries(log), lines: 20_000, rounds: 3, log }).catch((error) => ({ error: error.message.split('\n')[0] }));
  if (stubVersions.error) log(`  not measured: ${stubVersions.error}`);
}

const durationS = Math.round((Date.now() - started) / 1000);
/** The batch targets with this run's figures: [text, met] each. */
const batchChecks = (result) => {
  const [ours, bare, sdk] = result.emulatorRates;
  const [ours3, bare3] = result.emulatorRates3;
  const vsBare = ours.rate / bare.rate;
  const vsBare3 = ours3.rate / bare3.rate;
  const vsSdk = ours.rate / sdk.rate;
  const [stubOurs, stubBare] = result.stubRates;
  const [stubOurs3, stubBare3] = result.stubRates3;
  const vsStub = stubOurs.rate / stubBare.rate;
  const vsStub3 = stubOurs3.rate / stubBare3.rate;
  const [small, large] = [result.rss[0], result.rss.at(-1)];
  const rssDiff = (large.peakKiB - small.peakKiB) / 1024;
  return [
    [`${vsBare.toFixed(2)}× the bare loop (target ≥ 0.85×)`, vsBare >= 0.85],
    [`FC 3.0: ${vsBare3.toFixed(2)}× the bare loop (target ≥ 0.85×)`, vsBare3 >= 0.85],
    [`${vsSdk.toFixed(2)}× the SDK (target ≥ 2.5×)`, vsSdk >= 2.5],
    [`against the stub, ${vsStub.toFixed(2)}× the bare loop (target ≥ 0.9×)`, vsStub >= 0.9],
    [`FC 3.0 against the stub, ${vsStub3.toFixed(2)}× the bare loop (target ≥ 0.9×)`, vsStub3 >= 0.9],
    [`peak RSS ${rssDiff >= 0 ? '+' : ''}${rssDiff.toFixed(1)} MiB from ${small.count} to ${large.count} lines (target within ±10 MiB)`, Math.abs(rssDiff) <= 10],
  ];
};
const batchTargets = (result) =>
  `Targets: ${batchChecks(result)
    .map(([text, met]) => `${text}, ${met ? 'met' : '**missed**'}`)
    .join('; ')}.`;
const batchMisses = [
  ...(batch && !batch.error ? batchChecks(batch).filter(([, met]) => !met).map(([text]) => `batch: ${text}`) : []),
  ...(stubVersions?.rows ?? []).flatMap((r) =>
    r.error ? [] : [['FC 2.0', r.fc2], ['FC 3.0', r.fc3]].filter(([, ratio]) => ratio < 0.9).map(([api, ratio]) => `batch on ${r.version}: ${api} against the stub at ${ratio.toFixed(2)}× the bare loop (target ≥ 0.9×)`),
  ),
];
const stubVersionsText = stubVersions === null ? '' : stubVersions.error ? `\n\nPer Node.js version: not measured: ${stubVersions.error}` : `\n\n${renderStubVersions(stubVersions)}`;
const batchSection = batch === null
  ? ''
  : `\n## Batches (\`run --batch\`)\n\n${batch.error ? `Not measured: ${batch.error}` : `${renderBatchReport(batch)}\n\n${batchTargets(batch)}`}${stubVersionsText}\n\nMethod and targets: [batch.md](batch.md#performance). \`FCINVOKE_BENCH_BATCH=0 npm run bench\` skips this part (about 10 minutes).\n`;
// Comparisons with earlier commits (bench/versus.mjs), kept as they were recorded.
const recorded = `\n${readFileSync(new URL('./recorded.md', import.meta.url), 'utf8')}`;
const versionMisses = Array.isArray(versions)
  ? versions.flatMap((v) => (v.results ?? []).filter((r) => r.target !== null && r.ratio > r.target).map((r) => `${v.version}: \`${r.name}\` at ${r.ratio.toFixed(2)}× (target ≤ ${r.target}×)`))
  : [];
const versionsSection = `\n${versions.error ? `## Every supported Node.js\n\nNot measured: ${versions.error}\n` : renderVersions(versions, settings.runs)}\n${profiles.error ? `Profiles not measured: ${profiles.error}\n` : renderProfiles(profiles, settings.profileRuns)}`;
writeFileSync(
  reportFile,
  renderReport({ machine: info, startup, cleanStartup, startupVars, hyperfine, echo, memory, settings, durationS, otherMisses: [...versionMisses, ...batchMisses] }) + versionsSection + batchSection + recorded,
);
log(`wrote docs/benchmarks.md (${durationS} s)`);
