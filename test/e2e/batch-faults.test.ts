// A batch under hostile input and faults: endless lines, output that cannot be written or
// closes, signals with lines in flight, and a machine out of file descriptors. Each ends
// with the contract's code, the finished results flushed and a line to resume from.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { BIN, baseEnv, runCli, type CliOptions, type CliResult } from '../helpers/cli.js';
import { emulatorEnv, startTestEmulator, type TestEmulator } from '../helpers/emulator.js';

let emulator: TestEmulator;
const dir = mkdtempSync(join(tmpdir(), 'fcinvoke-batch-faults-'));
beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(async () => {
  await emulator?.close();
  rmSync(dir, { recursive: true, force: true });
});

const cli = (args: string[], options: CliOptions = {}): Promise<CliResult> => runCli(args, { env: emulatorEnv(emulator), ...options });

let files = 0;
function file(content: string): string {
  const path = join(dir, `events-${++files}.ndjson`);
  writeFileSync(path, content);
  return path;
}

interface Line {
  line: number;
  ok: boolean;
  error: { code: string; message: string } | null;
}

function lines(r: CliResult): Line[] {
  return r.out
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Line);
}

describe('endless input (D09)', () => {
  it('--batch /dev/zero: the line is reported over the limit at once, and the first Ctrl-C ends the reading', async () => {
    const started = Date.now();
    let signalled = 0;
    const r = await cli(['run', 'demo', 'echo', '--batch', '/dev/zero'], {
      onSpawn: (child) =>
        setTimeout(() => {
          signalled = Date.now();
          child.kill('SIGINT');
        }, 1500),
      timeoutMs: 15_000,
    });
    expect(r.code).toBe(130);
    expect(Date.now() - signalled).toBeLessThan(4000);
    expect(Date.now() - started).toBeLessThan(8000);
    expect(lines(r).map((l) => [l.line, l.error?.code])).toEqual([[1, 'EventTooLarge']]);
    expect(lines(r)[0]!.error!.message).toMatch(/^line 1 is more than 32 MiB \(33,554,432 bytes\), over the 32 MiB/);
    expect(r.stderr.match(/interrupted: resume with --start-line 2/g)).toHaveLength(1);
  });

  it('--batch - fed a stream without newlines: the same, standard input is not read on after Ctrl-C', async () => {
    let writer: NodeJS.Timeout | undefined;
    const r = await cli(['run', 'demo', 'echo', '--batch', '-', '--max-event-size', '1000'], {
      holdStdin: true,
      onSpawn: (child) => {
        const chunk = Buffer.alloc(64 * 1024, 0x61);
        writer = setInterval(() => child.stdin?.write(chunk, () => {}), 5);
        setTimeout(() => child.kill('SIGINT'), 1200);
      },
      timeoutMs: 15_000,
    });
    clearInterval(writer);
    expect(r.code).toBe(130);
    expect(lines(r).map((l) => [l.line, l.error?.code])).toEqual([[1, 'EventTooLarge']]);
    expect(lines(r)[0]!.error!.message).toBe('line 1 is more than 1000 bytes, over the 1000 bytes limit set by --max-event-size: shrink it');
  });

  it('a line over a lowered limit names the flag that set it and does not advise raising it (D28)', async () => {
    const r = await cli(['run', 'demo', 'echo', '--batch', file('abcdefghijk\nok\n'), '--max-event-size', '10', '--no-logs']);
    expect(r.code).toBe(2);
    const out = lines(r);
    expect(out.map((l) => [l.line, l.ok])).toEqual([
      [1, false],
      [2, true],
    ]);
    expect(out[0]!.error!.message).toBe('line 1 is 11 bytes, over the 10 bytes limit set by --max-event-size: shrink it');
  });
});

describe.runIf(process.platform === 'linux')('a machine out of file descriptors (D15)', () => {
  it('EMFILE at connect under -c 300 with ulimit -n 256: nothing sent twice, the batch slows down, says so, and every event succeeds', async () => {
    const events = file(`${Array.from({ length: 1000 }, () => '30').join('\n')}\n`);
    const before = emulator.logs.length;
    // The emulator runs in this process; only the CLI gets the low limit.
    const child = spawn('bash', ['-c', 'ulimit -n 256 && exec "$0" "$@"', process.execPath, BIN, 'run', 'demo', 'sleep', '--batch', events, '-c', '300', '--no-logs'], {
      env: baseEnv(emulatorEnv(emulator)),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const stdout: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code, stderr).toBe(0);
    const out = Buffer.concat(stdout).toString().trim().split('\n').map((l) => JSON.parse(l) as Line);
    expect(out).toHaveLength(1000);
    expect(out.every((l) => l.ok)).toBe(true);
    const sent = emulator.logs.slice(before).filter((line) => line.includes('/functions/sleep/invocations'));
    expect(sent).toHaveLength(1000);
    expect(stderr.match(/warning: too many open files in this process \(EMFILE\) to open a connection .*: nothing was sent; fewer connections at once/g)).toHaveLength(1);
    expect(stderr).not.toContain('may have run');
  }, 120_000);
});
