// The process boundary: reads argv, env and stdio, installs signal handlers, runs the
// program, and turns every failure into one line on stderr and the contract's exit code.
import { homedir } from 'node:os';
import type { CommandContext } from './commands/context.js';
import { ExitCode, InterruptedError } from './errors.js';
import { describeFailure, oneSafeLine } from './failure.js';
import { Secrets } from './fc/redact.js';
import { runCleanup } from './io/cleanup.js';
import { VERSION } from './version.js';

/** The error line, and its details (already made safe by describeFailure) indented below it. */
function writeError(message: string, secrets: Secrets, details: readonly string[] = []): void {
  const red = process.stderr.isTTY && process.env.NO_COLOR === undefined && process.env.FORCE_COLOR !== '0';
  const below = details.map((line) => `  ${line}\n`).join('');
  process.stderr.write(`${red ? '\u001b[31mfcinvoke:\u001b[39m' : 'fcinvoke:'} ${oneSafeLine(message, secrets)}\n${below}`);
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

/** Runs fcinvoke with the process's argv, env and stdio; sets process.exitCode. */
export async function main(argv: readonly string[] = process.argv): Promise<void> {
  // This run's secrets: those in the environment now, the rest as commands come to use them.
  const secrets = new Secrets();
  secrets.add(process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET);
  secrets.add(process.env.ALIBABA_CLOUD_SECURITY_TOKEN);
  const controller = new AbortController();
  installSignalHandlers(controller);
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    // A reader that went away (e.g. `| head`) ends output quietly.
    if (error.code === 'EPIPE') return;
    throw error;
  });
  const ctx: CommandContext = {
    // A getter: creating process.stdin loads stream machinery that most calls never use.
    get stdin() {
      return process.stdin;
    },
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
    home: homedir(),
    signal: controller.signal,
    now: () => new Date(),
    version: VERSION,
    secrets,
    self: { execPath: process.execPath, script: argv[1] ?? '' },
  };
  let exitCode: number = ExitCode.ok;
  const output = {
    writeOut: (text: string) => void process.stdout.write(text),
    writeErr: (text: string) => void process.stderr.write(text),
    writeError: (message: string) => writeError(message, secrets),
  };
  const { buildProgram } = await import('./program.js');
  const program = buildProgram(
    ctx,
    output,
    (code) => {
      exitCode = code;
    },
    argv.slice(2),
  );
  try {
    await program.parseAsync(argv as string[]);
  } catch (error) {
    const { code, message, details } = describeFailure(error, secrets);
    if (message) writeError(message, secrets, details);
    exitCode = code;
  } finally {
    await runCleanup();
  }
  if (controller.signal.aborted && controller.signal.reason instanceof InterruptedError) {
    exitCode = controller.signal.reason.exitCode;
  }
  process.exitCode = exitCode;
}

// main() turns every failure into an exit code; nothing is left to reject.
void main();
