// `fcinvoke emulator`: start the emulator, print how to use it, log requests on stderr,
// stop when the signal aborts.
import { resolve } from 'node:path';
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
  });
  try {
    const [services, fc3Functions] = await Promise.all([listServices(functionsDir), listFc3Functions(functionsDir)]);
    io.stdout.write(renderBanner({ url: emulator.url, accountId, keys: EMULATOR_KEYS, services, fc3Functions, functionsDir }));
    await untilAborted(io.signal);
  } finally {
    await emulator.close();
  }
}
