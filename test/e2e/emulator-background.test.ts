// `eval "$(fcinvoke emulator --background)"` and `eval "$(fcinvoke emulator --stop)"` in a
// real shell: one step to point the shell at a running emulator, one to stop it and unset.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { emulatorEnv, startTestEmulator } from '../helpers/emulator.js';
import { runShell } from '../helpers/shell.js';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('emulator --background and --stop', () => {
  it('starts it, points this shell at it, and stops it with the matching unset', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fcinvoke-background-'));
    const r = await runShell(
      `set -e
       eval "$(fcinvoke emulator --background --log emulator.log)"
       echo "pid=$FCINVOKE_EMULATOR_PID endpoint=$FCINVOKE_ENDPOINT"
       fcinvoke run demo hello --no-logs
       echo
       eval "$(fcinvoke emulator --stop)"
       echo "after=[$FCINVOKE_ENDPOINT][$FCINVOKE_EMULATOR_PID][$ALIBABA_CLOUD_ACCESS_KEY_ID][$ALIBABA_CLOUD_ACCOUNT_ID]"`,
      { cwd: dir },
    );
    expect(r.stderr).toMatch(/^FC emulator running in the background on http:\/\/127\.0\.0\.1:\d+ \(pid \d+\)\n {2}its log .*emulator\.log\n {2}stop it: eval "\$\(fcinvoke emulator --stop\)"\n/);
    expect(r.code).toBe(0);
    const pid = Number(/pid=(\d+)/.exec(r.stdout)?.[1]);
    expect(r.stdout).toMatch(/endpoint=http:\/\/127\.0\.0\.1:\d+\n/);
    expect(r.stdout).toContain('hello world\n');
    expect(r.stdout).toContain('after=[][][][]');
    expect(r.stderr).toContain(`stopped the FC emulator (pid ${pid})`);
    expect(isAlive(pid)).toBe(false);
    const log = readFileSync(join(dir, 'emulator.log'), 'utf8');
    expect(log).toMatch(/export FCINVOKE_ENDPOINT=/);
    expect(log).toMatch(/ \[INFO\] hello from demo\/hello\n/);
    expect(log).toMatch(/\/invocations 200 OK/);
    expect(log).toMatch(/stopped: SIGTERM\n$/);
    rmSync(dir, { recursive: true, force: true });
  });

  it('says why it could not start, prints nothing for eval, and exits 2', async () => {
    const taken = await startTestEmulator();
    try {
      const r = await runCli(['emulator', '--background', '--port', String(taken.port)]);
      expect(r.code).toBe(2);
      expect(r.out).toBe('');
      expect(r.stderr).toMatch(/^fcinvoke: the FC emulator cannot start: port \d+ on 127\.0\.0\.1 is already in use/);
    } finally {
      await taken.close();
    }
  });

  it('--stop with nothing to stop still unsets, and leaves a process that is not an emulator alone', async () => {
    const none = await runCli(['emulator', '--stop']);
    expect(none.code).toBe(0);
    expect(none.out).toBe('unset ALIBABA_CLOUD_ACCESS_KEY_ID ALIBABA_CLOUD_ACCESS_KEY_SECRET ALIBABA_CLOUD_ACCOUNT_ID FCINVOKE_ENDPOINT FCINVOKE_EMULATOR_PID\n');
    expect(none.stderr).toBe('no background emulator to stop: FCINVOKE_EMULATOR_PID is not set in this shell\n');
    // This test's own process is alive and is not `fcinvoke emulator`.
    const other = await runCli(['emulator', '--stop'], { env: { FCINVOKE_EMULATOR_PID: String(process.pid) } });
    expect(other.code).toBe(0);
    expect(other.stderr).toMatch(new RegExp(`^pid ${process.pid} is no longer an fcinvoke emulator`));
    expect(isAlive(process.pid)).toBe(true);
  });

  it('is what the "no credentials" message offers', async () => {
    const r = await runCli(['run', 'demo', 'hello'], { env: { ...emulatorEnv({ url: 'http://127.0.0.1:9' }), ALIBABA_CLOUD_ACCESS_KEY_ID: undefined, ALIBABA_CLOUD_ACCESS_KEY_SECRET: undefined } });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('  to try fcinvoke offline instead: eval "$(fcinvoke emulator --background)", then fcinvoke run demo hello\n');
  });
});
