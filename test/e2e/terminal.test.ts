// Output that knows who is watching: colour and a spinner only on a terminal (run under
// `script`, which gives the CLI a pseudo-terminal), none with NO_COLOR, CI or pipes.
/* eslint-disable no-control-regex -- the assertions look for terminal escape sequences */
import { execFile } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, baseEnv, runCli } from '../helpers/cli.js';
import { emulatorEnv, startTestEmulator, type TestEmulator } from '../helpers/emulator.js';

let emulator: TestEmulator;
let env: Record<string, string>;
beforeAll(async () => {
  emulator = await startTestEmulator();
  env = {
    ...emulatorEnv(emulator),
    TERM: 'xterm-256color',
  };
});
afterAll(() => emulator.close());

/** Runs the CLI with stdin, stdout and stderr on one pseudo-terminal; returns what it showed. */
function onTerminal(args: string[], extra: Record<string, string | undefined> = {}, size = 'cols 100 rows 30'): Promise<string> {
  const command = [process.execPath, BIN, ...args].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(' ');
  return new Promise((resolve) => {
    execFile('script', ['-qec', `stty ${size}; ${command}`, '/dev/null'], { env: baseEnv({ ...env, ...extra }), timeout: 15_000 }, (_error, stdout) =>
      resolve(stdout),
    );
  });
}

const ESC = '\u001b[';

describe('on a terminal', () => {
  it('uses colour, shows a spinner while waiting, and ends the result with a line break', async () => {
    const screen = await onTerminal(['run', 'demo', 'sleep', '-e', '400']);
    expect(screen).toContain('slept 400 ms');
    expect(screen).toContain(`${ESC}2m`); // dim labels
    expect(screen).toMatch(/invoking demo\/sleep/); // ora's spinner text
    expect(screen).toMatch(/slept 400 ms\r?\n/);
  });

  it('has no colour and no spinner with NO_COLOR', async () => {
    const screen = await onTerminal(['run', 'demo', 'sleep', '-e', '300'], { NO_COLOR: '1' });
    expect(screen).toContain('slept 300 ms');
    expect(screen).not.toMatch(/\u001b\[\d*m/);
    expect(screen).not.toContain('invoking demo/sleep');
  });

  it('has no spinner on a terminal that reports no width', async () => {
    const screen = await onTerminal(['run', 'demo', 'sleep', '-e', '300'], {}, 'cols 0 rows 0');
    expect(screen).toContain('slept 300 ms');
    expect(screen).not.toContain('invoking demo/sleep');
  });

  it('draws a live batch progress line, redrawn in place, and clears it before the summary', async () => {
    const screen = await onTerminal(['run', 'demo', 'sleep', '-e', '150', '--repeat', '6', '-c', '2']);
    // Three waves of 150 ms, redrawn every 100 ms: done/total, rate, errors, in flight, ETA.
    const drawn = [...screen.matchAll(/\r\u001b\[2K(\d)\/6 · \d+\.\d\/s · 0 errors · (\d) in flight(?: · ETA \d+ s)?/g)];
    expect(drawn.length).toBeGreaterThanOrEqual(2);
    expect(drawn.some((m) => m[0].includes('ETA'))).toBe(true);
    expect(Math.max(...drawn.map((m) => Number(m[1])))).toBeLessThan(6);
    // Erased before each burst of results (stdout is the same terminal) and before the summary.
    expect(screen).not.toMatch(/in flight[^\r\n]*\{"line"/);
    expect(screen).toMatch(/\r\u001b\[2K\{"line":\d/);
    expect(screen).toMatch(/(\n|\u001b\[2K)(\u001b\[1m)?batch:(\u001b\[22m)? 6 events in/);
    expect(screen).not.toMatch(/in flight[^\r\n]*batch:/);
  });

  it('has no spinner in CI', async () => {
    const screen = await onTerminal(['run', 'demo', 'sleep', '-e', '300'], { CI: 'true' });
    expect(screen).not.toContain('invoking demo/sleep');
  });
});

describe('through pipes', () => {
  it('has no escape sequences at all', async () => {
    const r = await runCli(['run', 'demo', 'hello'], { env: { ...env, FORCE_COLOR: undefined } });
    expect(r.code).toBe(0);
    expect(r.stderr).not.toContain('\u001b');
    expect(r.out).toBe('hello world');
  });
});
