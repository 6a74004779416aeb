// Start-up: `fcinvoke --version` and `fcinvoke run svc fn --dry-run` against a bare
// `node -e 0`, interleaved run by run so that load on the machine hits every command alike.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hyperfineVersion, timedRun } from './processes.mjs';
import { summarize } from './stats.mjs';

/** Other CLIs measured when installed, for the comparison the issue makes. */
const OTHERS = [
  { name: 's --version', command: 's', args: ['--version'], note: 'Serverless Devs' },
  { name: 'aws --version', command: 'aws', args: ['--version'], note: 'AWS CLI' },
  { name: 'fun --version', command: 'fun', args: ['--version'], note: 'funcraft' },
];

function installed(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' }).status === 0;
}

/**
 * Measures every command `runs` times after `warmup` runs, in rotating order
 * (A B C, B C A, C A B, ...). Returns one summary per command, baseline first.
 */
export function measureStartup({ bin, runs, warmup, env, others = true }) {
  const home = mkdtempSync(join(tmpdir(), 'fcinvoke-bench-home-'));
  const fakeEnv = {
    ...env,
    HOME: home,
    ALIBABA_CLOUD_ACCESS_KEY_ID: 'bench-fake-key-id',
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'bench-fake-secret',
    ALIBABA_CLOUD_ACCOUNT_ID: '1234567890',
    ALIBABA_CLOUD_REGION_ID: 'cn-hangzhou',
  };
  const commands = [
    { name: 'node -e 0', command: process.execPath, args: ['-e', '0'], baseline: true },
    { name: 'fcinvoke --version', command: bin, args: ['--version'], target: 1.3 },
    { name: 'fcinvoke run svc fn --dry-run', command: bin, args: ['run', 'svc', 'fn', '--dry-run'], target: 1.3 },
    {
      name: 'fcinvoke run svc fn --dry-run',
      note: 'first call: no compile cache',
      command: bin,
      args: ['run', 'svc', 'fn', '--dry-run'],
      env: { NODE_DISABLE_COMPILE_CACHE: '1' },
    },
    ...(others ? OTHERS.filter((other) => installed(other.command)) : []),
  ];
  const samples = commands.map(() => []);
  for (let round = -warmup; round < runs; round++) {
    for (let k = 0; k < commands.length; k++) {
      const index = (k + Math.max(round, 0)) % commands.length;
      const { command, args, name, env: extra } = commands[index];
      const result = timedRun(command, args, { env: { ...fakeEnv, ...extra }, cwd: home });
      if (result.code !== 0) throw new Error(`${name} exited ${result.code}: ${result.stderr.trim()}`);
      if (round >= 0) samples[index].push(result.wallMs);
    }
  }
  rmSync(home, { recursive: true, force: true });
  const base = summarize(samples[0]);
  return {
    missing: others ? OTHERS.filter((other) => !commands.includes(other)).map((other) => other.name) : [],
    results: commands.map((c, i) => {
      const stats = summarize(samples[i]);
      return { ...c, stats, ratio: stats.median / base.median, ratioMin: stats.min / base.median, ratioMax: stats.max / base.median };
    }),
    env: fakeEnv,
  };
}

/** The same three commands through hyperfine (not interleaved), as a cross-check; null without hyperfine. */
export function hyperfineCheck({ bin, runs, warmup, env }) {
  const version = hyperfineVersion();
  if (!version) return null;
  const dir = mkdtempSync(join(tmpdir(), 'fcinvoke-bench-hyperfine-'));
  const json = join(dir, 'hyperfine.json');
  const quote = (word) => `'${word.replace(/'/g, `'\\''`)}'`;
  const args = ['-N', '--warmup', String(warmup), '--runs', String(runs), '--export-json', json, '--style', 'none'];
  args.push('-n', 'node -e 0', `${quote(process.execPath)} -e 0`);
  args.push('-n', 'fcinvoke --version', `${quote(bin)} --version`);
  args.push('-n', 'fcinvoke run svc fn --dry-run', `${quote(bin)} run svc fn --dry-run`);
  const result = spawnSync('hyperfine', args, { env: { ...env, HOME: dir }, cwd: dir, encoding: 'utf8' });
  if (result.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    return { version, error: (result.stderr || result.stdout).trim().split('\n').at(-1) };
  }
  const { results } = JSON.parse(readFileSync(json, 'utf8'));
  rmSync(dir, { recursive: true, force: true });
  const baseMedian = results[0].median;
  return {
    version,
    results: results.map((r) => ({
      name: r.command,
      stats: { median: r.median * 1000, min: r.min * 1000, max: r.max * 1000, n: r.times.length },
      ratio: r.median / baseMedian,
    })),
  };
}
