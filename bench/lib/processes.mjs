// Running the commands under test: wall time of a whole process, and its peak RSS measured
// with GNU time's %M when installed, otherwise with a probe (Node) or /proc polling (others).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const GNU_TIME = '/usr/bin/time';
const PROBE = fileURLToPath(new URL('./rss-probe.mjs', import.meta.url));
const POLLING = '`VmHWM` from /proc polled every 2 ms';

/** Whether GNU time is usable (`FCINVOKE_BENCH_NO_GNU_TIME=1` pretends it is not, to test the fallback). */
let gnuTime;
export function hasGnuTime() {
  if (process.env.FCINVOKE_BENCH_NO_GNU_TIME) return false;
  gnuTime ??= existsSync(GNU_TIME) && spawnSync(GNU_TIME, ['-f', '%M', 'true'], { encoding: 'utf8' }).status === 0;
  return gnuTime;
}

/** hyperfine's version, or null when it is not installed (`FCINVOKE_BENCH_NO_HYPERFINE=1` pretends so). */
export function hyperfineVersion() {
  if (process.env.FCINVOKE_BENCH_NO_HYPERFINE) return null;
  const result = spawnSync('hyperfine', ['--version'], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim().replace(/^hyperfine\s+/, '') : null;
}

/** Runs a command to completion; resolves with its wall time, exit code and output. */
export function timedRun(command, args, options = {}) {
  const started = process.hrtime.bigint();
  const result = spawnSync(command, args, {
    env: options.env,
    cwd: options.cwd,
    input: options.input,
    stdio: [options.input === undefined ? 'ignore' : 'pipe', options.capture ? 'pipe' : 'ignore', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  return { wallMs, code: result.status, signal: result.signal, stdout: result.stdout ?? null, stderr: result.stderr?.toString('utf8') ?? '' };
}

function pollVmHwm(pid) {
  let peak = 0;
  const timer = setInterval(() => {
    try {
      const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (match) peak = Math.max(peak, Number(match[1]));
    } catch {
      // the process is gone
    }
  }, 2);
  return () => {
    clearInterval(timer);
    return peak;
  };
}

/**
 * Runs a command and measures its peak RSS in KiB. `stdin` is a function that receives the
 * child's stdin stream (e.g. to pipe a file in); `onStdout` receives each stdout chunk.
 * `node` says the command is Node.js or a Node script, so the fallback can use the exact probe.
 */
export function measureRss(command, args, { env, cwd, stdin, onStdout, node = false } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'fcinvoke-bench-rss-'));
  const out = join(dir, 'rss');
  let spawnCommand = command;
  let spawnArgs = args;
  let spawnEnv = env;
  let method;
  if (hasGnuTime()) {
    method = 'GNU time `%M`';
    spawnCommand = GNU_TIME;
    spawnArgs = ['-f', '%M', '-o', out, command, ...args];
  } else if (node) {
    method = 'a `process.resourceUsage().maxRSS` probe at exit';
    spawnCommand = process.execPath;
    spawnArgs = ['--import', PROBE, ...(command === process.execPath ? [] : [command]), ...args];
    spawnEnv = { ...env, FCINVOKE_BENCH_RSS_FILE: out };
  } else {
    method = POLLING;
  }
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(spawnCommand, spawnArgs, { env: spawnEnv, cwd, stdio: [stdin ? 'pipe' : 'ignore', 'pipe', 'pipe'] });
    const stopPolling = method === POLLING ? pollVmHwm(child.pid) : null;
    let stdoutBytes = 0;
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdoutBytes += chunk.length;
      onStdout?.(chunk);
    });
    child.stderr.on('data', (chunk) => (stderr += chunk));
    if (stdin) stdin(child.stdin);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
      let peakKiB = stopPolling ? stopPolling() : NaN;
      if (!stopPolling) {
        const text = existsSync(out) ? readFileSync(out, 'utf8') : '';
        // GNU time writes "Command exited with non-zero status N" before the value.
        peakKiB = Number(text.trim().split('\n').at(-1));
      }
      rmSync(dir, { recursive: true, force: true });
      resolve({ peakKiB, wallMs, code, signal, stdoutBytes, stderr, method });
    });
  });
}
