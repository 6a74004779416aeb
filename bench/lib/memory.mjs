// Memory: peak RSS of `fcinvoke run` with a 32 MiB event (from a file and from a pipe on
// stdin; FC 2.0, and FC 3.0, which hashes the event before sending it) and a 500 MiB result
// (to a pipe on stdout and to -o), each against the same command with 1 KiB, served by
// bench/lib/stream-server.mjs.
import { spawn } from 'node:child_process';
import { createReadStream, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { measureRss } from './processes.mjs';
import { summarize } from './stats.mjs';

const SERVER = fileURLToPath(new URL('./stream-server.mjs', import.meta.url));
export const EVENT_BYTES = 32 * 1024 * 1024;
export const RESULT_BYTES = 500 * 1024 * 1024;
export const SMALL_BYTES = 1024;

function startServer() {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [SERVER], { stdio: ['ignore', 'pipe', 'inherit'] });
    child.on('error', reject);
    child.stdout.once('data', (chunk) =>
      resolve({
        url: chunk.toString().trim(),
        stop: () => new Promise((done) => (child.once('exit', done), child.kill('SIGTERM'))),
      }),
    );
  });
}

/** The cases: each a large run and its 1 KiB baseline, built from the same argv. */
function cases(dir) {
  const file = (bytes) => join(dir, `event-${bytes}.bin`);
  const fromStdin = (bytes) => (stdin) => createReadStream(file(bytes)).pipe(stdin);
  return [
    { name: '32 MiB event from a file (-d FILE)', bytes: EVENT_BYTES, argv: (b) => ['run', 'bench', 'sink', '-d', file(b)], expect: (b) => ({ stdout: `${b}` }) },
    { name: '32 MiB event from stdin (-d -, piped)', bytes: EVENT_BYTES, argv: () => ['run', 'bench', 'sink', '-d', '-'], stdin: fromStdin, expect: (b) => ({ stdout: `${b}` }) },
    { name: 'FC 3.0: 32 MiB event from a file (-d FILE)', bytes: EVENT_BYTES, argv: (b) => ['run', 'sink', '-d', file(b)], expect: (b) => ({ stdout: `${b}` }) },
    { name: 'FC 3.0: 32 MiB event from stdin (-d -, piped)', bytes: EVENT_BYTES, argv: () => ['run', 'sink', '-d', '-'], stdin: fromStdin, expect: (b) => ({ stdout: `${b}` }) },
    { name: '500 MiB result to stdout (piped)', bytes: RESULT_BYTES, argv: (b) => ['run', 'bench', 'stream', '-e', `${b}`], expect: (b) => ({ stdoutBytes: b }) },
    { name: '500 MiB result to a file (-o)', bytes: RESULT_BYTES, argv: (b) => ['run', 'bench', 'stream', '-e', `${b}`, '-o', join(dir, 'result.bin')], expect: (b) => ({ file: join(dir, 'result.bin'), fileBytes: b }) },
  ].map((c) => ({ ...c, file }));
}

async function runOnce(bin, c, bytes, env, dir) {
  let text = '';
  const result = await measureRss(bin, c.argv(bytes), {
    env,
    cwd: dir,
    node: true,
    stdin: c.stdin?.(bytes),
    onStdout: (chunk) => {
      if (text.length < 64) text += chunk.toString('latin1');
    },
  });
  const expected = c.expect(bytes);
  const problem =
    result.code !== 0
      ? `exit ${result.code}: ${result.stderr.trim()}`
      : expected.stdout !== undefined && text !== expected.stdout
        ? `stdout ${JSON.stringify(text)} instead of ${expected.stdout}`
        : expected.stdoutBytes !== undefined && result.stdoutBytes !== expected.stdoutBytes
          ? `${result.stdoutBytes} bytes on stdout instead of ${expected.stdoutBytes}`
          : expected.file !== undefined && statSync(expected.file).size !== expected.fileBytes
            ? `the output file has ${statSync(expected.file).size} bytes`
            : null;
  if (problem) throw new Error(`${c.name} (${bytes} bytes): ${problem}`);
  if (expected.file) rmSync(expected.file, { force: true });
  return result;
}

/** Runs every case and its baseline `runs` times, alternating; growth = median peak − median baseline peak. */
export async function measureMemory({ bin, runs, env }) {
  const dir = mkdtempSync(join(tmpdir(), 'fcinvoke-bench-memory-'));
  const server = await startServer();
  try {
    writeFileSync(join(dir, `event-${SMALL_BYTES}.bin`), Buffer.alloc(SMALL_BYTES, 'e'));
    writeFileSync(join(dir, `event-${EVENT_BYTES}.bin`), Buffer.alloc(EVENT_BYTES, 'e'));
    const cliEnv = {
      ...env,
      HOME: dir,
      ALIBABA_CLOUD_ACCESS_KEY_ID: 'bench-fake-key-id',
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'bench-fake-secret',
      ALIBABA_CLOUD_ACCOUNT_ID: '1234567890',
      FCINVOKE_ENDPOINT: server.url,
    };
    const results = [];
    let method = '';
    for (const c of cases(dir)) {
      const large = [];
      const small = [];
      const wall = [];
      for (let round = 0; round < runs; round++) {
        small.push((await runOnce(bin, c, SMALL_BYTES, cliEnv, dir)).peakKiB);
        const run = await runOnce(bin, c, c.bytes, cliEnv, dir);
        large.push(run.peakKiB);
        wall.push(run.wallMs);
        method = run.method;
      }
      const peak = summarize(large);
      const baseline = summarize(small);
      results.push({ name: c.name, bytes: c.bytes, peak, baseline, growthKiB: peak.median - baseline.median, wall: summarize(wall) });
    }
    return { method, results };
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
