// Runs shell scripts the way a user types them, with `fcinvoke` on the PATH as the built
// CLI (what `npm link` or a global install gives): for tests of documented command lines.
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { BIN, baseEnv } from './cli.js';

let binDir: string | undefined;
afterAll(() => {
  if (binDir !== undefined) rmSync(binDir, { recursive: true, force: true });
});

/** A folder holding an executable `fcinvoke` that runs the built CLI; made once per test file. */
export function fcinvokeBinDir(): string {
  if (binDir === undefined) {
    binDir = mkdtempSync(join(tmpdir(), 'fcinvoke-path-'));
    const script = join(binDir, 'fcinvoke');
    writeFileSync(script, `#!/bin/sh\nexec '${process.execPath}' '${BIN}' "$@"\n`);
    chmodSync(script, 0o755);
  }
  return binDir;
}

export interface ShellResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `script` with bash in `cwd`; the environment is baseEnv() plus `env`, with `fcinvoke` first on the PATH. */
export function runShell(script: string, options: { cwd: string; env?: Record<string, string | undefined>; timeoutMs?: number }): Promise<ShellResult> {
  const env = baseEnv(options.env);
  env.PATH = `${fcinvokeBinDir()}:${env.PATH}`;
  return new Promise((resolve) => {
    const child = spawn('bash', ['-c', script], { cwd: options.cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 30_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
