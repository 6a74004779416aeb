#!/usr/bin/env node
// The batch benchmark (never a timed test): in one run against the emulator's demo/echo,
// `fcinvoke run --batch -c 32` next to a bare undici Pool loop sending the same signed
// requests 32 at a time and next to the official @alicloud/fc2 SDK at the same
// concurrency, each a whole process, interleaved round by round; the same for FC 3.0
// against the emulator's function echo, fcinvoke next to the bare loop sending the same
// ACS3-signed requests (each body hashed, a fresh nonce each); then fcinvoke's peak RSS
// for 20 thousand and for a million lines (against a minimal stub endpoint, so that a
// million invocations take minutes). `npm run bench` also runs measureStubVersions: fcinvoke
// and the bare loop against the stub on every supported Node.js. Prints a Markdown section
// for docs/batch.md.
// Usage: npm run build && node bench/batch.mjs
//   FCINVOKE_BENCH_BATCH_LINES  events per throughput run (default 20000)
//   FCINVOKE_BENCH_BATCH_ROUNDS rounds of the three clients (default 3)
//   FCINVOKE_BENCH_BATCH_BIG    lines of the large memory run (default 1000000)
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmulator } from './lib/echo.mjs';
import { loadPresign } from './lib/presign.mjs';
import { measureRss } from './lib/processes.mjs';
import { median, table } from './lib/stats.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = fileURLToPath(new URL('../bin/fcinvoke.cjs', import.meta.url));
const signHelper = fileURLToPath(new URL('./.out/sign-helper.mjs', import.meta.url));
const CONCURRENCY = 32;

/** Writes `count` NDJSON events of about 60 bytes. */
function writeEvents(path, count) {
  return new Promise((resolve, reject) => {
    const out = createWriteStream(path);
    out.on('error', reject);
    let i = 0;
    const more = () => {
      while (i < count) {
        const block = [];
        for (let k = 0; k < 10_000 && i < count; k++) block.push(`{"id":${++i},"payload":"fcinvoke batch bench"}`);
        if (!out.write(`${block.join('\n')}\n`)) return out.once('drain', more);
      }
      out.end(resolve);
    };
    more();
  });
}

/** Runs a command to its end; resolves with its wall time and stdout. */
function run(command, args, env) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(command, args, { env, cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let lines = 0;
    let tail = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      const text = tail + chunk.toString('utf8');
      const parts = text.split('\n');
      tail = parts.pop();
      lines += parts.length;
      if (lines <= 2) stdoutHead.push(...parts);
    });
    const stdoutHead = [];
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, wallMs: Number(process.hrtime.bigint() - started) / 1e6, lines, head: stdoutHead, stderr }));
  });
}

/** One client's run over the events file; checks that every event succeeded. */
async function runClient(client, file, count, env, node = process.execPath) {
  const result = await run(node, client.args(file), env);
  if (result.code !== 0) throw new Error(`${client.name} exited ${result.code}: ${result.stderr.trim().split('\n').slice(-3).join(' ')}`);
  if (client.name.startsWith('fcinvoke')) {
    if (result.lines !== count) throw new Error(`${client.name} wrote ${result.lines} lines for ${count} events`);
  } else {
    const report = JSON.parse(result.head[0] ?? '{}');
    if (report.ok !== count) throw new Error(`${client.name}: ${JSON.stringify(report)}`);
  }
  return count / (result.wallMs / 1000);
}

/** The clients of one API: FC 2.0 (fcinvoke, the bare loop, the SDK; demo/echo) or FC 3.0 (fcinvoke, the bare loop; echo). */
function clientsFor(api, logs) {
  const logArgs = logs ? [] : ['--no-logs'];
  const bare = (f) => [join(root, 'bench/batch-bare.mjs'), f, String(CONCURRENCY), signHelper, logs ? 'logs' : 'none', api];
  if (api === 'fc3') {
    return [
      { name: `fcinvoke run echo --batch -c ${CONCURRENCY} (FC 3.0)`, args: (f) => [bin, 'run', 'echo', '--batch', f, '-c', String(CONCURRENCY), '--quiet', ...logArgs] },
      { name: `bare undici Pool loop, FC 3.0, ${CONCURRENCY} in flight`, args: bare },
    ];
  }
  return [
    { name: `fcinvoke run --batch -c ${CONCURRENCY}`, args: (f) => [bin, 'run', 'demo', 'echo', '--batch', f, '-c', String(CONCURRENCY), '--quiet', ...logArgs] },
    { name: `bare undici Pool loop, ${CONCURRENCY} in flight`, args: bare },
    { name: `@alicloud/fc2 SDK, ${CONCURRENCY} in flight`, args: (f) => [join(root, 'bench/batch-sdk.mjs'), f, String(CONCURRENCY), logs ? 'logs' : 'none'] },
  ];
}

/** Throughput of one API's clients (or the given ones), interleaved, against one endpoint. */
async function throughput({ env, file, count, rounds, logs, api = 'fc2', clients = clientsFor(api, logs), node = process.execPath }) {
  const samples = clients.map(() => []);
  // One uncounted run first, so that no client meets cold emulator instances.
  await runClient(clients[1], file, count, env, node);
  for (let round = 0; round < rounds; round++) {
    for (let k = 0; k < clients.length; k++) {
      const index = (k + round) % clients.length;
      const rate = await runClient(clients[index], file, count, env, node);
      samples[index].push(rate);
      process.stderr.write(`  round ${round + 1}: ${clients[index].name.padEnd(36)} ${rate.toFixed(0)} events/s\n`);
    }
  }
  const medians = samples.map(median);
  return clients.map((c, i) => ({ name: c.name, rate: medians[i], min: Math.min(...samples[i]), max: Math.max(...samples[i]) }));
}

function startStub(env) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(root, 'bench/batch-stub.mjs')], { env, stdio: ['ignore', 'pipe', 'inherit'] });
    child.on('error', reject);
    child.stdout.once('data', (chunk) =>
      resolve({ url: `http://127.0.0.1:${chunk.toString().trim()}`, stop: () => new Promise((done) => (child.once('exit', done), child.kill('SIGTERM'))) }),
    );
  });
}

/**
 * fcinvoke's peak RSS for a small, a middle-sized and a large batch against the stub
 * endpoint: the median of three runs for the small one (a second's run lands at different
 * points of V8's heap growth), one run each for the others (the large one takes a minute or
 * more). The middle one shows where the heap stops growing.
 */
async function memory({ env, dir, small, big }) {
  const stub = await startStub(env);
  try {
    const rows = [];
    for (const [count, runs] of [
      [small, 3],
      ...(big > small * 10 ? [[small * 10, 1]] : []),
      [big, 1],
    ]) {
      const file = join(dir, `memory-${count}.ndjson`);
      await writeEvents(file, count);
      const samples = [];
      for (let k = 0; k < runs; k++) {
        const started = Date.now();
        const result = await measureRss(bin, ['run', 'demo', 'echo', '--batch', file, '-c', String(CONCURRENCY), '--quiet'], {
          env: { ...env, FCINVOKE_ENDPOINT: stub.url },
          cwd: root,
          node: true,
        });
        if (result.code !== 0) throw new Error(`fcinvoke --batch (${count} lines) exited ${result.code}: ${result.stderr.trim()}`);
        samples.push({ peakKiB: result.peakKiB, seconds: (Date.now() - started) / 1000, method: result.method });
        process.stderr.write(`  ${count} lines: peak RSS ${(result.peakKiB / 1024).toFixed(1)} MiB in ${samples.at(-1).seconds.toFixed(0)} s\n`);
      }
      const peaks = samples.map((s) => s.peakKiB);
      rows.push({
        count,
        runs,
        peakKiB: median(peaks),
        minKiB: Math.min(...peaks),
        maxKiB: Math.max(...peaks),
        seconds: median(samples.map((s) => s.seconds)),
        method: samples[0].method,
      });
      rmSync(file, { force: true });
    }
    return rows;
  } finally {
    await stub.stop();
  }
}

/** Everything the batch section of the report needs. */
export async function measureBatch({ env, lines = 20_000, rounds = 3, big = 1_000_000, log = (t) => process.stderr.write(`${t}\n`) }) {
  const dir = mkdtempSync(join(tmpdir(), 'fcinvoke-bench-batch-'));
  await loadPresign(); // builds bench/.out/sign-helper.mjs for the bare loop
  const emulator = await startEmulator(bin, { ...env, HOME: dir });
  try {
    const benchEnv = { ...env, HOME: dir, ...emulator.vars };
    const file = join(dir, 'events.ndjson');
    await writeEvents(file, lines);
    log(`batch throughput against the emulator's demo/echo, ${lines} events, ${rounds} interleaved rounds…`);
    const emulatorRates = await throughput({ env: benchEnv, file, count: lines, rounds, logs: true });
    log(`FC 3.0: the same against the emulator's function echo, fcinvoke and the bare loop…`);
    const emulatorRates3 = await throughput({ env: benchEnv, file, count: lines, rounds, logs: true, api: 'fc3' });
    await emulator.stop();
    emulator.stop = async () => {};
    log(`the same against a stub endpoint (no function behind it: the clients' own cost)…`);
    const stub = await startStub(benchEnv);
    let stubRates;
    let stubRates3;
    try {
      const stubEnv = { ...benchEnv, FCINVOKE_ENDPOINT: stub.url };
      stubRates = await throughput({ env: stubEnv, file, count: lines, rounds, logs: false });
      stubRates3 = await throughput({ env: stubEnv, file, count: lines, rounds, logs: false, api: 'fc3' });
    } finally {
      await stub.stop();
    }
    log(`peak RSS of fcinvoke --batch for ${lines} to ${big} lines…`);
    const rss = await memory({ env: benchEnv, dir, small: lines, big });
    return { lines, rounds, emulatorRates, emulatorRates3, stubRates, stubRates3, rss };
  } finally {
    await emulator.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The clients' own cost on every supported Node.js: fcinvoke and the bare loop (FC 2.0 and
 * FC 3.0) against the stub, both run by the same node binary, interleaved round by round.
 * `binaries` as bench/lib/versions.mjs's nodeBinaries gives them.
 */
export async function measureStubVersions({ env, binaries, lines = 20_000, rounds = 3, log = (t) => process.stderr.write(`${t}\n`) }) {
  const dir = mkdtempSync(join(tmpdir(), 'fcinvoke-bench-batch-versions-'));
  await loadPresign();
  const stub = await startStub({ ...env, HOME: dir });
  try {
    const file = join(dir, 'events.ndjson');
    await writeEvents(file, lines);
    const stubEnv = { ...env, HOME: dir, FCINVOKE_ENDPOINT: stub.url, ALIBABA_CLOUD_ACCESS_KEY_ID: 'bench-fake-key-id', ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'bench-fake-secret', ALIBABA_CLOUD_ACCOUNT_ID: '1234567890' };
    const rows = [];
    for (const { major, node, version, error } of binaries) {
      if (error) {
        rows.push({ major, error });
        continue;
      }
      const fc2 = await throughput({ env: stubEnv, file, count: lines, rounds, logs: false, clients: clientsFor('fc2', false).slice(0, 2), node });
      const fc3 = await throughput({ env: stubEnv, file, count: lines, rounds, logs: false, api: 'fc3', node });
      const row = { major, version, fc2: fc2[0].rate / fc2[1].rate, fc3: fc3[0].rate / fc3[1].rate, rates: { fc2, fc3 } };
      log(`  ${version}: FC 2.0 ${row.fc2.toFixed(2)}× the bare loop, FC 3.0 ${row.fc3.toFixed(2)}×`);
      rows.push(row);
    }
    return { lines, rounds, rows };
  } finally {
    await stub.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The per-version stub section: one row per Node.js. */
export function renderStubVersions(result) {
  const cell = (ratio) => `${ratio.toFixed(2)}× ${ratio >= 0.9 ? '✅' : '❌'}`;
  const rate = (r) => `${r[0].rate.toFixed(0)} / ${r[1].rate.toFixed(0)} ev/s`;
  return [
    `Against the stub on every supported Node.js (${result.lines} events, \`--no-logs\`, one warm-up run, then ${result.rounds} interleaved rounds; fcinvoke and the bare loop run by the same node): fcinvoke's rate over the bare loop's. Target ≥ 0.9× on each.`,
    '',
    table(
      ['Node.js', 'FC 2.0', 'FC 2.0 fcinvoke / bare', 'FC 3.0', 'FC 3.0 fcinvoke / bare'],
      result.rows.map((r) => (r.error ? [`Node ${r.major}`, `not measured: ${r.error}`, '', '', ''] : [r.version, cell(r.fc2), rate(r.rates.fc2), cell(r.fc3), rate(r.rates.fc3)])),
    ),
  ].join('\n');
}

/**
 * FC 2.0 batches of this checkout next to another built checkout of fcinvoke (an earlier
 * commit) and the bare loop, interleaved, against the emulator and against the stub.
 */
export async function measureVersus({ env, otherRoot, otherName, lines = 20_000, rounds = 5 }) {
  const dir = mkdtempSync(join(tmpdir(), 'fcinvoke-bench-versus-'));
  await loadPresign();
  const emulator = await startEmulator(bin, { ...env, HOME: dir });
  try {
    const benchEnv = { ...env, HOME: dir, ...emulator.vars };
    const file = join(dir, 'events.ndjson');
    await writeEvents(file, lines);
    const clients = (logs) => {
      const logArgs = logs ? [] : ['--no-logs'];
      const batchArgs = (launcher) => (f) => [launcher, 'run', 'demo', 'echo', '--batch', f, '-c', String(CONCURRENCY), '--quiet', ...logArgs];
      const [ours, bare] = clientsFor('fc2', logs);
      return [
        { ...ours, name: `fcinvoke run --batch -c ${CONCURRENCY} (this checkout)` },
        { name: `fcinvoke run --batch -c ${CONCURRENCY} (${otherName})`, args: batchArgs(join(otherRoot, 'bin/fcinvoke.cjs')) },
        bare,
      ];
    };
    const emulatorRates = await throughput({ env: benchEnv, file, count: lines, rounds, clients: clients(true) });
    await emulator.stop();
    emulator.stop = async () => {};
    const stub = await startStub(benchEnv);
    try {
      const stubRates = await throughput({ env: { ...benchEnv, FCINVOKE_ENDPOINT: stub.url }, file, count: lines, rounds, clients: clients(false) });
      return { lines, rounds, emulatorRates, stubRates };
    } finally {
      await stub.stop();
    }
  } finally {
    await emulator.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** This machine's environment with this Node.js first on PATH, minus fcinvoke's own settings (each run gives its own). */
export function benchmarkEnv() {
  const path = [dirname(process.execPath), process.env.PATH ?? '/usr/bin:/bin'].join(delimiter);
  return Object.fromEntries(Object.entries({ ...process.env, PATH: path }).filter(([key]) => !/^(ALIBABA_CLOUD_|FCINVOKE_|npm_)/.test(key)));
}

const fixed = (n, d = 2) => n.toFixed(d);

/** Events/s of each client, and the first one's rate over each other's. */
export const rateTable = (rates) =>
  table(
    ['client', 'events/s (median)', 'range', 'fcinvoke ÷ client'],
    rates.map((r) => [r.name, r.rate.toFixed(0), `${r.min.toFixed(0)}–${r.max.toFixed(0)}`, r === rates[0] ? '—' : `${fixed(rates[0].rate / r.rate)}×`]),
  );

/** The Markdown section for docs/batch.md. */
export function renderBatchReport(result) {
  const [small, large] = [result.rss[0], result.rss.at(-1)];
  return [
    `Against the emulator's \`demo/echo\` (${result.lines} events of ~45 bytes, log tail asked for, one warm-up run, then ${result.rounds} interleaved rounds of whole processes):`,
    '',
    rateTable(result.emulatorRates),
    '',
    `FC 3.0 (API 2023-03-30), the same events against the emulator's function \`echo\`, in the same run: each request signed with ACS3-HMAC-SHA256 over the body's SHA-256 and a fresh nonce, by both clients:`,
    '',
    rateTable(result.emulatorRates3),
    '',
    `Against a stub endpoint that answers at once (\`bench/batch-stub.mjs\`, \`--no-logs\`), which shows the clients' own cost:`,
    '',
    rateTable(result.stubRates),
    '',
    'The same for FC 3.0 against the stub:',
    '',
    rateTable(result.stubRates3),
    '',
    `Peak RSS of \`fcinvoke run --batch -c ${CONCURRENCY}\` (against the stub; ${small.method}; median of ${small.runs} runs for ${small.count} lines, one run for each larger count):`,
    '',
    table(
      ['lines', 'peak RSS', 'range', 'time'],
      result.rss.map((r) => [
        String(r.count),
        `${(r.peakKiB / 1024).toFixed(1)} MiB`,
        r.runs > 1 ? `${(r.minKiB / 1024).toFixed(1)}–${(r.maxKiB / 1024).toFixed(1)} MiB` : '—',
        `${r.seconds.toFixed(0)} s`,
      ]),
    ),
    '',
    `Difference: ${((large.peakKiB - small.peakKiB) / 1024).toFixed(1)} MiB.`,
  ].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (!existsSync(join(root, 'dist/cli.cjs'))) {
    process.stderr.write('bench: dist/cli.cjs is missing: run `npm run build` first\n');
    process.exit(1);
  }
  const result = await measureBatch({
    env: benchmarkEnv(),
    lines: Number(process.env.FCINVOKE_BENCH_BATCH_LINES) || 20_000,
    rounds: Number(process.env.FCINVOKE_BENCH_BATCH_ROUNDS) || 3,
    big: Number(process.env.FCINVOKE_BENCH_BATCH_BIG) || 1_000_000,
  });
  process.stdout.write(`${renderBatchReport(result)}\n`);
}
