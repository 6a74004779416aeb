// The process boundary: reads argv, env and stdio, installs signal handlers, runs the
// program, and turns every failure into one line on stderr and the contract's exit code.
import { homedir } from 'node:os';
import { CommanderError } from 'commander';
import type { CommandContext } from './commands/context.js';
import { ExitCode, FcInvokeError, InterruptedError } from './errors.js';
import { scrubSecrets } from './fc/redact.js';
import { runCleanup } from './io/cleanup.js';
import { buildProgram } from './program.js';
import { VERSION } from './version.js';

function secretsInEnv(env: NodeJS.ProcessEnv): string[] {
  return [env.ALIBABA_CLOUD_ACCESS_KEY_SECRET, env.ALIBABA_CLOUD_SECURITY_TOKEN].filter((s): s is string => Boolean(s));
}

function writeError(message: string): void {
  const red = process.stderr.isTTY && process.env.NO_COLOR === undefined && process.env.FORCE_COLOR !== '0';
  const line = message.replace(/\s*\n\s*/g, ' ').trim();
  const safe = scrubSecrets(line, secretsInEnv(process.env));
  process.stderr.write(`${red ? '\u001b[31mfcinvoke:\u001b[39m' : 'fcinvoke:'} ${safe}\n`);
}

function installSignalHandlers(controller: AbortController): void {
  let interrupted = false;
  const onSignal = (signal: 'SIGINT' | 'SIGTERM') => {
    const code = signal === 'SIGINT' ? ExitCode.sigint : ExitCode.sigterm;
    if (interrupted) {
      // A second signal: the user means it. Leave now, still removing temp files synchronously-ish.
      void runCleanup().finally(() => process.exit(code));
      return;
    }
    interrupted = true;
    controller.abort(new InterruptedError(signal));
  };
  process.on('SIGINT', () => onSignal('SIGINT'));
  process.on('SIGTERM', () => onSignal('SIGTERM'));
}

function exitCodeOf(error: unknown): { code: number; message: string | null } {
  if (error instanceof CommanderError) {
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') {
      return { code: ExitCode.ok, message: null };
    }
    // commander already printed its message through configureOutput.
    return { code: ExitCode.usage, message: null };
  }
  if (error instanceof FcInvokeError) return { code: error.exitCode, message: error.message };
  const detail = error instanceof Error ? error.message : String(error);
  return { code: 1, message: `unexpected failure: ${detail} (please report this with the command you ran)` };
}

/** Runs fcinvoke with the process's argv, env and stdio; sets process.exitCode. */
export async function main(argv: readonly string[] = process.argv): Promise<void> {
  const controller = new AbortController();
  installSignalHandlers(controller);
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    // A reader that went away (e.g. `| head`) ends output quietly.
    if (error.code === 'EPIPE') return;
    throw error;
  });
  const ctx: CommandContext = {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
    home: homedir(),
    signal: controller.signal,
    now: () => new Date(),
    version: VERSION,
  };
  let exitCode: number = ExitCode.ok;
  const output = {
    writeOut: (text: string) => void process.stdout.write(text),
    writeErr: (text: string) => void process.stderr.write(text),
    writeError,
  };
  const program = buildProgram(ctx, output, (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync(argv as string[]);
  } catch (error) {
    const { code, message } = exitCodeOf(error);
    if (message) writeError(message);
    exitCode = code;
  } finally {
    await runCleanup();
  }
  if (controller.signal.aborted && controller.signal.reason instanceof InterruptedError) {
    exitCode = controller.signal.reason.exitCode;
  }
  process.exitCode = exitCode;
}

await main();
