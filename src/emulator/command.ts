// `fcinvoke emulator`: start the emulator, print how to use it, log requests and what the
// functions log on stderr, and say when and why it stops.
import { resolve } from 'node:path';
import { InterruptedError, UsageError } from '../errors.js';
import { escapeControlCharacters } from '../escape.js';
import { renderBanner } from './banner.js';
import { EMULATOR_ACCOUNT_ID, EMULATOR_KEYS } from './defaults.js';
import { listFc3Functions } from './fc3-functions.js';
import { listServices } from './functions-dir.js';
import { startEmulator } from './server.js';

export interface EmulatorCommandOptions {
  port: number;
  functionsDir?: string | undefined;
  accountId?: string | undefined;
}

export interface EmulatorCommandIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** Aborting stops the emulator; the command then resolves. */
  signal: AbortSignal;
}

function untilAborted(signal: AbortSignal): Promise<void> {
  return new Promise((done) => {
    if (signal.aborted) done();
    else signal.addEventListener('abort', () => done(), { once: true });
  });
}

/** A function's log record for the terminal: control characters escaped, one line per line, ending with a newline. */
export function renderFunctionLog(record: string): string {
  const text = escapeControlCharacters(record.replace(/\r?\n$/, ''), true);
  return `${text}\n`;
}

/** Why the emulator stopped, in the words of the key or signal that stopped it. */
export function describeStop(reason: unknown): string {
  if (reason instanceof InterruptedError) {
    if (reason.exitCode === 130) return 'Ctrl-C (SIGINT)';
    if (reason.exitCode === 143) return 'SIGTERM';
    return reason.message.replace(/^interrupted by /, '');
  }
  return reason instanceof Error ? reason.message : 'stopped';
}

/** Runs until `io.signal` aborts; rejects (UsageError) when the port or directory is unusable. */
export async function runEmulatorCommand(opts: EmulatorCommandOptions, io: EmulatorCommandIo): Promise<void> {
  const functionsDir = opts.functionsDir === undefined ? undefined : resolve(opts.functionsDir);
  const accountId = opts.accountId ?? EMULATOR_ACCOUNT_ID;
  const emulator = await startEmulator({
    port: opts.port,
    functionsDir,
    accountId,
    keys: EMULATOR_KEYS,
    log: (line) => io.stderr.write(`${line}\n`),
    functionLog: (record) => io.stderr.write(renderFunctionLog(record)),
  }).catch((error: unknown) => {
    if (!(error instanceof UsageError)) throw error;
    throw new UsageError(`the FC emulator cannot start: ${error.message}`, { code: error.code, cause: error });
  });
  try {
    const [services, fc3Functions] = await Promise.all([listServices(functionsDir), listFc3Functions(functionsDir)]);
    io.stdout.write(renderBanner({ url: emulator.url, accountId, keys: EMULATOR_KEYS, services, fc3Functions, functionsDir }));
    await untilAborted(io.signal);
  } finally {
    await emulator.close();
  }
  io.stderr.write(`FC emulator on ${emulator.url} stopped: ${describeStop(io.signal.reason)}\n`);
}
