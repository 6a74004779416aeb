// The process boundary: reads argv, env and stdio, installs signal handlers, runs the
// program, and turns every failure into one line on stderr and the contract's exit code.
import { getEventListeners } from 'node:events';
import { homedir } from 'node:os';
import type { CommandContext } from './commands/context.js';
import { suggestTarget } from './commands/target-typos.js';
import { ExitCode, InterruptedError, OutputWriteError, type HandledSignal } from './errors.js';
import { describeFailure, oneSafeLine } from './failure.js';
import { Secrets } from './fc/redact.js';
import { runCleanup } from './io/cleanup.js';
import { statStream } from './ui/stream-facts.js';
import { decideTerminal, type Terminal } from './ui/terminal.js';
import { VERSION } from './version.js';

/** The error line, and its details (already made safe by describeFailure) indented below it. */
function writeError(terminal: Terminal, message: string, secrets: Secrets, details: readonly string[] = []): void {
  const below = details.map((line) => `  ${line}\n`).join('');
  const label = terminal.stderr.color ? '\u001b[31mfcinvoke:\u001b[39m' : 'fcinvoke:';
  process.stderr.write(`${label} ${oneSafeLine(message, secrets)}\n${below}`);
}

/** Who is watching, decided once for the whole run from the three standard streams and the environment. */
function watchTerminal(): Terminal {
  return decideTerminal({
    stdin: statStream(0),
    stdout: statStream(1),
    stderr: statStream(2),
    env: process.env,
    columns: { stdout: () => process.stdout.columns ?? 0, stderr: () => process.stderr.columns ?? 0 },
  });
}

/** After a second signal, what is done gets this long to be written out before the process leaves anyway. */
const URGENT_EXIT_MS = 2_000;

/**
 * The first signal aborts `controller` (the command stops sending and winds down). The
 * second leaves at once, unless the command listens on `urgent` (a batch): then it cuts
 * what is in flight and writes out only what is already done (finished results, the
 * summary, the resume line), and the process leaves after URGENT_EXIT_MS whatever is
 * left. A third leaves at once.
 */
function installSignalHandlers(controller: AbortController, urgent: AbortController): void {
  let count = 0;
  const leave = (signal: HandledSignal) => void runCleanup().finally(() => process.exit(new InterruptedError(signal).exitCode));
  const onSignal = (signal: HandledSignal) => {
    count++;
    if (count === 1) controller.abort(new InterruptedError(signal));
    else if (count === 2 && getEventListeners(urgent.signal, 'abort').length > 0) {
      urgent.abort(new InterruptedError(signal));
      setTimeout(() => leave(signal), URGENT_EXIT_MS).unref();
    } else leave(signal);
  };
  // SIGHUP: the terminal closed or the ssh session dropped; the same clean exit as SIGTERM.
  for (const signal of ['SIGHUP', 'SIGINT', 'SIGTERM'] as const) process.on(signal, () => onSignal(signal));
}

/**
 * Watches the standard streams. A write error must never crash the process: the writer's
 * callback gets it (io/ and writeText turn it into exit 6), and stdout's first failure
 * other than a reader that went away is kept, so that nothing ends with 0 after losing
 * output. stderr failures (a closed terminal after SIGHUP, 2>/dev/full) are ignored:
 * there is nowhere left to report them.
 */
function watchStdio(): { stdoutFailure: () => NodeJS.ErrnoException | null } {
  let failure: NodeJS.ErrnoException | null = null;
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') failure ??= error;
  });
  process.stderr.on('error', () => {});
  // `errored` is set at once; the 'error' event may come a tick after the command ended.
  const errored = () => process.stdout.errored as NodeJS.ErrnoException | null;
  return { stdoutFailure: () => failure ?? (errored()?.code === 'EPIPE' ? null : errored()) };
}

/** Runs fcinvoke with the process's argv, env and stdio; sets process.exitCode. */
export async function main(argv: readonly string[] = process.argv): Promise<void> {
  // This run's secrets: those in the environment now, the rest as commands come to use them.
  const secrets = new Secrets();
  secrets.add(process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET);
  secrets.add(process.env.ALIBABA_CLOUD_SECURITY_TOKEN);
  const controller = new AbortController();
  const urgent = new AbortController();
  installSignalHandlers(controller, urgent);
  const stdio = watchStdio();
  const terminal = watchTerminal();
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
    urgent: urgent.signal,
    now: () => new Date(),
    pid: process.pid,
    version: VERSION,
    secrets,
    terminal,
    self: { execPath: process.execPath, script: argv[1] ?? '' },
  };
  let exitCode: number = ExitCode.ok;
  // A usage error about a target typed as `demo/hello` or `hello.prod` ends with the command meant.
  const suggestion = suggestTarget(argv.slice(2), process.env.FCINVOKE_API_VERSION);
  const usageHint = () => (suggestion ? [oneSafeLine(suggestion, secrets)] : []);
  const output = {
    writeOut: (text: string) => void process.stdout.write(text),
    writeErr: (text: string) => void process.stderr.write(text),
    writeError: (message: string) => writeError(terminal, message, secrets, usageHint()),
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
    const { code, message, details = [] } = describeFailure(error, secrets);
    if (message) writeError(terminal, message, secrets, code === ExitCode.usage ? [...details, ...usageHint()] : details);
    exitCode = code;
  } finally {
    await runCleanup();
  }
  if (controller.signal.aborted && controller.signal.reason instanceof InterruptedError) {
    exitCode = controller.signal.reason.exitCode;
  }
  const lost = stdio.stdoutFailure();
  if (lost && exitCode === ExitCode.ok) {
    // Output no command reported lost (e.g. --help into a full disk): still never 0.
    const error = new OutputWriteError({ path: null, cause: lost });
    writeError(terminal, error.message, secrets);
    exitCode = error.exitCode;
  }
  process.exitCode = exitCode;
}

// main() turns every failure into an exit code; nothing is left to reject.
void main();
