// `fcinvoke emulator --background`: an emulator that outlives the command, started so that
// `eval "$(fcinvoke emulator --background)"` points the same shell at it in one step.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, openSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { UsageError } from '../errors.js';
import { writeText, type CommandContext } from './context.js';
import { PID_VARIABLE } from './emulator-stop.js';

export interface BackgroundPlan {
  port: number;
  functionsDir?: string | undefined;
  accountId?: string | undefined;
  /** Where the emulator's banner and log go; default a new file in the temp folder. */
  logFile?: string | undefined;
}

/** How to start this same fcinvoke again: the Node.js binary and the script it ran. */
export interface SelfCommand {
  execPath: string;
  script: string;
}

const START_TIMEOUT_MS = 15_000;
const POLL_MS = 50;

/** Pure: the banner's `export` lines, once the last of them (the endpoint) has been written. */
export function exportLinesOf(banner: string): string[] | undefined {
  const lines = banner.split('\n').filter((line) => line.startsWith('export '));
  return lines.some((line) => line.startsWith('export FCINVOKE_ENDPOINT=')) ? lines : undefined;
}

/** Pure: the last `fcinvoke: …` line of a failed start, without its prefix. */
export function startFailureOf(log: string): string | undefined {
  const lines = log.split('\n').filter((line) => line.startsWith('fcinvoke: '));
  return lines.at(-1)?.slice('fcinvoke: '.length);
}

function emulatorArgs(plan: BackgroundPlan, cwd: string): string[] {
  const args = ['emulator', '--port', String(plan.port)];
  if (plan.functionsDir !== undefined) args.push('--functions', resolve(cwd, plan.functionsDir));
  if (plan.accountId !== undefined) args.push('--account-id', plan.accountId);
  return args;
}

function openLog(plan: BackgroundPlan, cwd: string): { path: string; fd: number } {
  const path = plan.logFile === undefined ? join(tmpdir(), `fcinvoke-emulator-${randomBytes(4).toString('hex')}.log`) : resolve(cwd, plan.logFile);
  try {
    return { path, fd: openSync(path, plan.logFile === undefined ? 'wx' : 'w', 0o600) };
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new UsageError(`cannot write the emulator's log ${path} (${reason}): choose another file with --log`, { code: 'LogNotWritable', cause: error });
  }
}

/**
 * Starts `fcinvoke emulator` detached, its output going to a log file, and waits until it
 * listens. Then prints its exports and `export FCINVOKE_EMULATOR_PID=…` on stdout (shell
 * code for eval) and, for people, where it runs, its log and how to stop it on stderr.
 */
export async function startBackgroundEmulator(plan: BackgroundPlan, ctx: CommandContext, self: SelfCommand): Promise<number> {
  const log = openLog(plan, ctx.cwd);
  const child = spawn(self.execPath, [self.script, ...emulatorArgs(plan, ctx.cwd)], {
    cwd: ctx.cwd,
    env: ctx.env,
    detached: true,
    stdio: ['ignore', log.fd, log.fd],
  });
  closeSync(log.fd);
  let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  child.once('exit', (code, signal) => (exit = { code, signal }));
  child.once('error', () => (exit = { code: null, signal: null }));
  const deadline = Date.now() + START_TIMEOUT_MS;
  let exports: string[] | undefined;
  while (!exports) {
    await new Promise((done) => setTimeout(done, POLL_MS));
    const text = await readFile(log.path, 'utf8').catch(() => '');
    exports = exportLinesOf(text);
    if (exports) break;
    if (exit) {
      const failure = startFailureOf(text);
      // The reason is in the message; a log the user did not ask for would only be litter.
      if (failure !== undefined && plan.logFile === undefined) await rm(log.path, { force: true });
      throw new UsageError(failure ?? `it exited (${exit.signal ?? `code ${exit.code}`}) before listening; see ${log.path}`, { code: 'EmulatorNotStarted' });
    }
    if (Date.now() > deadline || ctx.signal.aborted) {
      child.kill('SIGTERM');
      throw new UsageError(`the background emulator did not start within ${START_TIMEOUT_MS / 1000} s; see its log: ${log.path}`, { code: 'EmulatorNotStarted' });
    }
  }
  child.unref();
  await writeText(ctx.stdout, [...exports, `export ${PID_VARIABLE}=${child.pid}`, ''].join('\n'));
  const url = exports.find((line) => line.startsWith('export FCINVOKE_ENDPOINT='))?.split('=')[1] ?? '';
  const notes = [
    `FC emulator running in the background on ${url} (pid ${child.pid})`,
    `  its log (requests and what the functions log): ${log.path}`,
    `  stop it: eval "$(fcinvoke emulator --stop)"`,
  ];
  if (ctx.stdout.isTTY) notes.push('  paste the export lines above into this shell (eval "$(fcinvoke emulator --background)" does that as it starts)');
  await writeText(ctx.stderr, `${notes.join('\n')}\n`);
  return 0;
}
