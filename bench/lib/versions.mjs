// Start-up and one real invocation on every supported Node.js major (20, 22, 24), side by
// side in one run, in a clean environment (PATH with that Node first, and a locale): for each
// version, interleaved run by run, `node -e 0`, `fcinvoke --version`, `run svc fn --dry-run`,
// and `run demo echo -e x` (FC 2.0) and `run echo -e x` (FC 3.0) against the emulator, each
// as a ratio to that version's `node -e 0`. Versions the machine lacks come from the npm
// registry through scripts/ci-node.mjs (cached in .ci/node/, as CI does). Beside them, the
// floors (bench/lib/floor.cjs): the smallest Node.js program given the same FC 2.0 request,
// pre-signed outside the timed process, signing and printing it (under --dry-run), or
// sending it over node:net and through node:http (under an invocation).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmulator } from './echo.mjs';
import { loadPresign, signDemoEcho } from './presign.mjs';
import { timedRun } from './processes.mjs';
import { summarize } from './stats.mjs';

const CI_NODE = fileURLToPath(new URL('../../scripts/ci-node.mjs', import.meta.url));
const FLOOR = fileURLToPath(new URL('./floor.cjs', import.meta.url));
export const MAJORS = [20, 22, 24];

/** The node binary of each major and its `node -v`: this process's own for its major, else fetched; `error` when it cannot be had. */
export function nodeBinaries(log) {
  const own = Number(process.versions.node.split('.')[0]);
  return MAJORS.map((major) => {
    if (major === own) return { major, node: process.execPath, version: process.version };
    const result = spawnSync(process.execPath, [CI_NODE, String(major)], { encoding: 'utf8' });
    const node = result.stdout.trim();
    if (result.status !== 0 || node === '') {
      const error = result.stderr.trim().split('\n').at(-1) || `scripts/ci-node.mjs ${major} exited ${result.status}`;
      log(`  Node ${major}: not measured: ${error}`);
      return { major, error };
    }
    return { major, node, version: spawnSync(node, ['-v'], { encoding: 'utf8' }).stdout.trim() };
  });
}

/**
 * Every command of one version, as [name, command, args, target]; the floor's arguments are
 * made before each run by `floorArgs(mode)`, which signs the request anew.
 */
function commandsFor(node, bin, floorArgs) {
  return [
    ['node -e 0', node, ['-e', '0'], null],
    ['fcinvoke --version', bin, ['--version'], 1.1],
    ['fcinvoke run svc fn --dry-run', bin, ['run', 'svc', 'fn', '--dry-run'], 1.2],
    ['fcinvoke run demo echo -e x (FC 2.0)', bin, ['run', 'demo', 'echo', '-e', 'x'], 1.4],
    ['fcinvoke run echo -e x (FC 3.0)', bin, ['run', 'echo', '-e', 'x'], 1.4],
    ['floor: sign and print the FC 2.0 request', node, () => floorArgs('sign'), null],
    ['floor: the FC 2.0 request over node:net', node, () => floorArgs('net'), null],
    ['floor: the FC 2.0 request over node:http', node, () => floorArgs('http'), null],
  ];
}

/** Per version: the median of each command and its ratio to `node -e 0`; errors kept per version. */
export async function measureVersions({ bin, runs, warmup, log }) {
  const binaries = nodeBinaries(log);
  const home = mkdtempSync(join(tmpdir(), 'fcinvoke-bench-versions-'));
  const presign = await loadPresign();
  const emulator = await startEmulator(bin, { PATH: process.env.PATH, HOME: home });
  // The FC 2.0 request of `run demo echo -e x`, signed now, as files for bench/lib/floor.cjs.
  const requestFile = join(home, 'floor-request.json');
  const eventFile = join(home, 'floor-event');
  writeFileSync(eventFile, 'x');
  const floorArgs = (mode) => {
    const { url, method, headers } = signDemoEcho(presign, emulator.vars, { contentLength: 1, userAgent: 'floor (fcinvoke bench)' });
    writeFileSync(requestFile, JSON.stringify({ url, method, headers }));
    return [FLOOR, mode, requestFile, eventFile];
  };
  try {
    const versions = [];
    for (const { major, node, version, error } of binaries) {
      if (error) {
        versions.push({ major, error });
        continue;
      }
      // The launcher's `#!/usr/bin/env node` finds this version first.
      const env = { PATH: `${dirname(node)}:/usr/bin:/bin`, LANG: 'C.UTF-8', HOME: home, ...emulator.vars, ALIBABA_CLOUD_REGION_ID: 'cn-hangzhou' };
      const commands = commandsFor(node, bin, floorArgs);
      const samples = commands.map(() => []);
      for (let round = -warmup; round < runs; round++) {
        for (let k = 0; k < commands.length; k++) {
          const index = (k + Math.max(round, 0)) % commands.length;
          const [name, command, args] = commands[index];
          const result = timedRun(command, typeof args === 'function' ? args() : args, { env, cwd: home });
          if (result.code !== 0) throw new Error(`${version}: ${name} exited ${result.code}: ${result.stderr.trim()}`);
          if (round >= 0) samples[index].push(result.wallMs);
        }
      }
      const base = summarize(samples[0]).median;
      const results = commands.map(([name, , , target], i) => {
        const stats = summarize(samples[i]);
        return { name, target, median: stats.median, ratio: stats.median / base };
      });
      log(`  ${version}: ${results.map((r) => `${r.name.replace(/^fcinvoke /, '')} ${r.ratio.toFixed(2)}×`).join(', ')}`);
      versions.push({ major, version, results });
    }
    return versions;
  } finally {
    await emulator.stop();
    rmSync(home, { recursive: true, force: true });
  }
}

/** The Markdown section: one row per version, one column per command. */
export function renderVersions(versions, runs) {
  const measured = versions.find((v) => v.results);
  if (!measured) return `## Every supported Node.js\n\nNot measured: ${versions.map((v) => `Node ${v.major}: ${v.error}`).join('; ')}\n`;
  const names = measured.results.map((r) => r.name);
  const cell = (r) => `${r.ratio.toFixed(2)}×${r.target === null ? '' : r.ratio <= r.target ? ' ✅' : ' ❌'}`;
  const rows = versions.map((v) =>
    v.results ? `| ${v.version} | ${v.results[0].median.toFixed(1)} ms | ${v.results.slice(1).map(cell).join(' | ')} |` : `| Node ${v.major} | not measured: ${v.error} |`,
  );
  const targets = measured.results.slice(1).filter((r) => r.target !== null).map((r) => `${r.name.replace(/^fcinvoke /, '')} ≤ ${r.target}×`).join(', ');
  return [
    '## Every supported Node.js',
    '',
    `Each version's commands interleaved run by run, ${runs} runs each after 3 warm-up runs, in a clean environment (PATH with that Node.js first, so the launcher's \`#!/usr/bin/env node\` finds it, and a locale); the invocations against \`fcinvoke emulator\`. Each figure is the command's median over that version's \`node -e 0\`. Targets: ${targets}.`,
    '',
    "The floor columns are what the smallest Node.js program pays for the same job, whatever it is built on, from one CommonJS file ([bench/lib/floor.cjs](../bench/lib/floor.cjs)) given the FC 2.0 request of `run demo echo -e x`, signed by fcinvoke's signer just before each run and outside the timed process. *Sign and print* signs it with `node:crypto` (HMAC-SHA256) and writes it to stdout: the floor of `--dry-run`. *Over node:net* and *over node:http* send it and read the whole answer, over a bare socket or through Node.js's HTTP client: the floor of one invocation. None parses arguments, reads settings or credentials, decodes the answer or handles an error. undici loads `node:http` itself, so that floor is under every fcinvoke invocation.",
    '',
    `| Node.js | \`node -e 0\` | ${names.slice(1).map((n) => `\`${n}\``).join(' | ')} |`,
    `| --- | --- | ${names.slice(1).map(() => '---').join(' | ')} |`,
    ...rows,
    '',
  ].join('\n');
}

/** Where a CPU profile's samples fall, by what ran: the categories of the breakdown. */
const CATEGORIES = [
  ['fcinvoke (bundle and launcher)', (url) => url.includes('/dist/cli.cjs') || url.includes('/bin/fcinvoke.cjs')],
  ['undici', (url) => url.includes('/dist/vendor/undici')],
  ['other bundled packages', (url) => url.includes('/dist/vendor/')],
  ['HTTP parser (llhttp, WebAssembly)', (url) => url.startsWith('wasm')],
  ['Node.js built-ins (loader, streams, net, crypto)', (url) => url.startsWith('node:')],
];
const SPECIAL = { '(garbage collector)': 'garbage collection', '(idle)': 'waiting (the round trip, the emulator)', '(program)': 'V8 and native (compiling, bootstrap)' };

function categoryOf(frame) {
  if (SPECIAL[frame.functionName] && frame.url === '') return SPECIAL[frame.functionName];
  for (const [name, test] of CATEGORIES) if (test(frame.url)) return name;
  return 'V8 and native (compiling, bootstrap)';
}

/** Milliseconds of one CPU profile per category. */
function breakdown(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const out = {};
  for (let i = 0; i < profile.samples.length; i++) {
    const name = categoryOf(byId.get(profile.samples[i]).callFrame);
    out[name] = (out[name] ?? 0) + profile.timeDeltas[i] / 1000;
  }
  return out;
}

/** The median breakdown of `runs` profiled FC 2.0 invocations on each version (one warm-up run each). */
export async function profileVersions({ bin, runs, log }) {
  const { readdirSync, readFileSync } = await import('node:fs');
  const binaries = nodeBinaries(() => {});
  const home = mkdtempSync(join(tmpdir(), 'fcinvoke-bench-profile-'));
  const emulator = await startEmulator(bin, { PATH: process.env.PATH, HOME: home });
  try {
    const rows = [];
    for (const { major, node, version, error } of binaries) {
      if (error) continue;
      const env = { PATH: `${dirname(node)}:/usr/bin:/bin`, LANG: 'C.UTF-8', HOME: home, ...emulator.vars };
      const samples = [];
      // One folder for every run: node's flags are part of the compile cache's key, so a
      // folder per run would leave every profiled call without a cache.
      const dir = join(home, `profile-${major}`);
      for (let k = -1; k < runs; k++) {
        mkdirSync(dir, { recursive: true });
        const result = timedRun(node, ['--cpu-prof', '--cpu-prof-dir', dir, bin, 'run', 'demo', 'echo', '-e', 'x'], { env, cwd: home });
        if (result.code !== 0) throw new Error(`${version}: the profiled invocation exited ${result.code}: ${result.stderr.trim()}`);
        const file = readdirSync(dir).find((name) => name.endsWith('.cpuprofile'));
        if (k >= 0 && file) samples.push({ wallMs: result.wallMs, parts: breakdown(JSON.parse(readFileSync(join(dir, file), 'utf8'))) });
        rmSync(dir, { recursive: true, force: true });
      }
      const names = [...new Set(samples.flatMap((s) => Object.keys(s.parts)))];
      const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];
      const parts = Object.fromEntries(names.map((name) => [name, median(samples.map((s) => s.parts[name] ?? 0))]));
      rows.push({ major, version, parts, profiled: median(samples.map((s) => Object.values(s.parts).reduce((a, b) => a + b, 0))) });
      log(`  ${version}: ${Object.entries(parts).sort((a, b) => b[1] - a[1]).map(([name, ms]) => `${name} ${ms.toFixed(1)} ms`).join(', ')}`);
    }
    return rows;
  } finally {
    await emulator.stop();
    rmSync(home, { recursive: true, force: true });
  }
}

/** The breakdown as a table: one column per version. */
export function renderProfiles(rows, runs) {
  if (rows.length === 0) return '';
  const names = [...new Set(rows.flatMap((r) => Object.keys(r.parts)))].sort((a, b) => (rows[0].parts[b] ?? 0) - (rows[0].parts[a] ?? 0));
  return [
    '### Where one invocation\'s time goes',
    '',
    `CPU profiles (\`node --cpu-prof\`) of \`fcinvoke run demo echo -e x\` against the emulator, median of ${runs} runs per version after one warm-up run (which writes the compile cache for the profiler's flags), from the first line of the launcher to the exit: each sample counted by what ran. Node.js's own start before that is the \`node -e 0\` column above. The profiler slows each call a little; the shares are what matters.`,
    '',
    `| part | ${rows.map((r) => r.version).join(' | ')} |`,
    `| --- | ${rows.map(() => '---').join(' | ')} |`,
    ...names.map((name) => `| ${name} | ${rows.map((r) => `${(r.parts[name] ?? 0).toFixed(1)} ms`).join(' | ')} |`),
    `| all profiled | ${rows.map((r) => `${r.profiled.toFixed(1)} ms`).join(' | ')} |`,
    '',
  ].join('\n');
}
