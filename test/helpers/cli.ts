// Spawns the built CLI as a user would: never rejects; captures stdout (as bytes),
// stderr, the exit code and the signal; kills leftovers when a test ends.
import { spawn, type ChildProcess } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';

export const BIN = fileURLToPath(new URL('../../bin/fcinvoke.cjs', import.meta.url));

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: Buffer;
  stderr: string;
  /** stdout as UTF-8 text. */
  out: string;
}

export interface CliOptions {
  env?: Record<string, string | undefined>;
  input?: Buffer | string;
  cwd?: string;
  /** Called once the process is started (e.g. to send it a signal later). */
  onSpawn?: (child: ChildProcess) => void;
  timeoutMs?: number;
  /** A descriptor to give the CLI as its stdin (e.g. an open file) instead of a pipe. */
  stdinFd?: number;
  /** A descriptor to give the CLI as its stdout (e.g. /dev/full) instead of a pipe. */
  stdoutFd?: number;
  /** Leave stdin open for the test to write to (through onSpawn's child.stdin). */
  holdStdin?: boolean;
}

const running = new Set<ChildProcess>();
afterAll(() => {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
});

/**
 * A clean environment: no proxies, no colour, a HOME with no credential stores. Unless the test
 * sets HOME or XDG_CACHE_HOME itself, the launcher's code cache is the run's own folder
 * (test/helpers/code-cache.ts).
 */
export function baseEnv(extra: Record<string, string | undefined> = {}): Record<string, string> {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.FCINVOKE_TEST_HOME ?? '/nonexistent-home',
    LANG: 'C.UTF-8',
  };
  const cache = process.env.FCINVOKE_TEST_CACHE_HOME;
  if (cache && !('HOME' in extra) && !('XDG_CACHE_HOME' in extra)) env.XDG_CACHE_HOME = cache;
  for (const [key, value] of Object.entries(extra)) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  return env;
}

export function runCli(args: readonly string[], options: CliOptions = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    const child: ChildProcess = spawn(process.execPath, [BIN, ...args], {
      env: baseEnv(options.env),
      cwd: options.cwd,
      stdio: [options.stdinFd ?? 'pipe', options.stdoutFd ?? 'pipe', 'pipe'],
    });
    const { stdin, stderr } = child as ChildProcess & { stdin: Writable | null; stderr: Readable };
    running.add(child);
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout?.on('data', (chunk: Buffer) => out.push(chunk));
    stderr.on('data', (chunk: Buffer) => err.push(chunk));
    stdin?.on('error', () => {});
    if (options.input !== undefined) stdin?.end(options.input);
    else if (!options.holdStdin) stdin?.end();
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 20_000);
    options.onSpawn?.(child);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      running.delete(child);
      const stdout = Buffer.concat(out);
      resolve({ code, signal, stdout, stderr: Buffer.concat(err).toString('utf8'), out: stdout.toString('utf8') });
    });
  });
}
