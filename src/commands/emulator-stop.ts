// `fcinvoke emulator --stop`: stop the emulator `--background` started in this shell and
// print the `unset` that takes its exports back out of the shell.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { writeText, type CommandContext } from './context.js';

/** The variable `--background` exports with the emulator's process ID. */
export const PID_VARIABLE = 'FCINVOKE_EMULATOR_PID';

/** What `--background` exports (the banner's four and the process ID), and `--stop` unsets. */
export const EMULATOR_VARIABLES = [
  'ALIBABA_CLOUD_ACCESS_KEY_ID',
  'ALIBABA_CLOUD_ACCESS_KEY_SECRET',
  'ALIBABA_CLOUD_ACCOUNT_ID',
  'FCINVOKE_ENDPOINT',
  PID_VARIABLE,
] as const;

const STOP_TIMEOUT_MS = 5_000;

/** Pure: whether a process's arguments are those of `fcinvoke emulator`. */
export function isEmulatorCommandLine(args: readonly string[]): boolean {
  return args.some((arg) => /fcinvoke(\.c?js)?$/.test(arg)) && args.includes('emulator');
}

/** The process's arguments: from /proc on Linux, else from ps; undefined when neither can tell. */
async function commandLineOf(pid: number): Promise<string[] | undefined> {
  const fromProc = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => undefined);
  if (fromProc !== undefined) return fromProc.split('\0').filter(Boolean);
  return new Promise((done) => {
    execFile('ps', ['-o', 'command=', '-p', String(pid)], (error, stdout) => done(error ? undefined : stdout.trim().split(/\s+/)));
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function stopProcess(pid: number): Promise<string> {
  try {
    process.kill(pid, 'SIGTERM');
  } catch (error) {
    return `not allowed to stop pid ${pid} (${(error as NodeJS.ErrnoException).code ?? 'error'}): it is another user's`;
  }
  const deadline = Date.now() + STOP_TIMEOUT_MS;
  while (isAlive(pid) && Date.now() < deadline) await new Promise((done) => setTimeout(done, 50));
  if (!isAlive(pid)) return `stopped the FC emulator (pid ${pid})`;
  process.kill(pid, 'SIGKILL');
  return `the FC emulator (pid ${pid}) did not stop within ${STOP_TIMEOUT_MS / 1000} s of SIGTERM and was killed`;
}

/** What to do about the process FCINVOKE_EMULATOR_PID names; the note for stderr. */
async function stopNamed(value: string | undefined): Promise<string> {
  if (value === undefined || value === '') return `no background emulator to stop: ${PID_VARIABLE} is not set in this shell`;
  const pid = Number(value);
  if (!/^\d+$/.test(value) || pid < 2) return `${PID_VARIABLE}=${JSON.stringify(value)} is not a process ID: nothing stopped`;
  if (!isAlive(pid)) return `the background emulator (pid ${pid}) had already stopped`;
  const args = await commandLineOf(pid);
  if (args === undefined) return `cannot tell whether pid ${pid} is an fcinvoke emulator, so it was left running: stop it with kill ${pid}`;
  if (!isEmulatorCommandLine(args)) return `pid ${pid} is no longer an fcinvoke emulator (the process ID was reused): left running`;
  return stopProcess(pid);
}

/**
 * Stops the emulator named by FCINVOKE_EMULATOR_PID, after checking that the process is an
 * fcinvoke emulator, and prints `unset …` for eval on stdout in every case, so that the
 * shell is left pointing at no emulator. Exit 0: nothing is left to do either way.
 */
export async function stopBackgroundEmulator(ctx: CommandContext): Promise<number> {
  const note = await stopNamed(ctx.env[PID_VARIABLE]);
  await writeText(ctx.stdout, `unset ${EMULATOR_VARIABLES.join(' ')}\n`);
  await writeText(ctx.stderr, `${note}\n`);
  return 0;
}
