// A batch under hostile input and faults: endless lines, output that cannot be written or
// closes, signals with lines in flight, and a machine out of file descriptors. Each ends
// with the contract's code, the finished results flushed and a line to resume from.
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

describe('standard output that fails or closes (D10, D12)', () => {
  it.runIf(existsSync('/dev/full'))('stdout on /dev/full: exit 6 with one line naming the error and the resume line, no stack trace', async () => {
    const fd = openSync('/dev/full', 'w');
    const summaryFile = join(dir, 'full-summary.json');
    try {
      const events = file(`${Array.from({ length: 200 }, (_, i) => `{"i":${i}}`).join('\n')}\n`);
      const r = await cli(['run', 'demo', 'echo', '--batch', events, '--no-logs', '--summary-json', summaryFile], { stdoutFd: fd });
      expect(r.code).toBe(6);
      const errors = r.stderr.split('\n').filter((l) => l.startsWith('fcinvoke:'));
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatch(
        /^fcinvoke: cannot write to standard output: no space left on device \(ENOSPC\); the remaining events were not sent; resume with --start-line 1 \(the \d+ lines that finished from there on ran, but their results were lost: they would run again\)$/,
      );
      expect(r.stderr).not.toMatch(/at .*\.js:\d+|Node\.js v/);
      expect(JSON.parse(readFileSync(summaryFile, 'utf8'))).toMatchObject({ interrupted: true, resumeLine: 1, outputLost: true, exitCode: 6 });
    } finally {
      closeSync(fd);
    }
  });

  it('a reader that goes away (| head): exit 6, never 0, with the line to resume from, and most events never sent', async () => {
    const events = file(`${Array.from({ length: 20_000 }, (_, i) => `{"i":${i}}`).join('\n')}\n`);
    const summaryFile = join(dir, 'head-summary.json');
    const before = emulator.logs.length;
    const r = await cli(['run', 'demo', 'echo', '--batch', events, '--no-logs', '--summary-json', summaryFile], {
      onSpawn: (child) => child.stdout?.once('data', () => child.stdout?.destroy()),
    });
    expect(r.code).toBe(6);
    const match = /^fcinvoke: standard output was closed: the remaining events were not sent; resume with --start-line (\d+)/m.exec(r.stderr);
    expect(match, r.stderr).not.toBeNull();
    const resume = Number(match![1]);
    expect(resume).toBeGreaterThan(1);
    const summary = JSON.parse(readFileSync(summaryFile, 'utf8')) as { interrupted: boolean; resumeLine: number; exitCode: number };
    expect(summary).toMatchObject({ interrupted: true, resumeLine: resume, exitCode: 6 });
    expect(emulator.logs.length - before).toBeLessThan(20_000);
  });
});

describe('signals with lines in flight (D11, D29)', () => {
  const slow = (ms: number) => file(`${Array.from({ length: 40 }, (_, i) => ((i + 1) % 3 === 0 ? String(ms) : '300')).join('\n')}\n`);

  it('a second Ctrl-C cuts what is in flight but still writes the finished results, the summary, --summary-json and the resume line', async () => {
    const summaryFile = join(dir, 'second-sigint.json');
    let second = 0;
    const r = await cli(['run', 'demo', 'sleep', '--batch', slow(4000), '-c', '4', '--no-logs', '--summary-json', summaryFile], {
      onSpawn: (child) => {
        setTimeout(() => child.kill('SIGINT'), 1500);
        setTimeout(() => {
          second = Date.now();
          child.kill('SIGINT');
        }, 1800);
      },
    });
    expect(r.code).toBe(130);
    expect(Date.now() - second).toBeLessThan(2500);
    const done = lines(r).map((l) => l.line);
    // Lines 1 and 2 were written in order; those that finished behind line 3 are flushed too.
    expect(done.slice(0, 2)).toEqual([1, 2]);
    expect(done).toContain(4);
    expect(done).not.toContain(3);
    const summary = JSON.parse(readFileSync(summaryFile, 'utf8')) as { interrupted: boolean; resumeLine: number; cutOffLines: number[]; finishedAfterResumeLine: number; exitCode: number };
    expect(summary).toMatchObject({ interrupted: true, resumeLine: 3, exitCode: 130 });
    expect(summary.cutOffLines[0]).toBe(3);
    expect(summary.finishedAfterResumeLine).toBe(done.filter((line) => line > 3).length);
    expect(r.stderr).toMatch(/interrupted: resume with --start-line 3 \(lines? 3(, \d+)* (was|were) sent and cut off: (it|they) may have run or still be running; \d+ later lines had finished and are in the output/);
  });

  it('lines cut off after the 5 s grace are named in the resume hint: they were sent and may still run', async () => {
    const r = await cli(['run', 'demo', 'sleep', '--batch', slow(9000), '-c', '4', '--no-logs'], {
      onSpawn: (child) => setTimeout(() => child.kill('SIGINT'), 1500),
    });
    expect(r.code).toBe(130);
    const done = lines(r).map((l) => l.line);
    expect(done).not.toContain(3);
    expect(done.slice(0, 2)).toEqual([1, 2]);
    expect(r.stderr).toMatch(/interrupted: resume with --start-line 3 \(lines 3, 6, 9(, \d+)? were sent and cut off: they may have run or still be running/);
  }, 20_000);
});
