// Checking `emulator` options, purely: flags in, a plan (foreground, background or stop) out.
import { UsageError } from '../errors.js';

/** The emulator's flags as commander gives them. */
export interface RawEmulatorOptions {
  port?: string;
  functions?: string;
  accountId?: string;
  background?: boolean;
  stop?: boolean;
  log?: string;
}

/** What `fcinvoke emulator` is asked to do. */
export type EmulatorPlan =
  | { mode: 'foreground' | 'background'; port: number; functionsDir?: string | undefined; accountId?: string | undefined; logFile?: string | undefined }
  | { mode: 'stop' };

/** The port a foreground emulator listens on unless told; a background one takes a free port, which its exports name. */
export const FOREGROUND_PORT = 9000;

/** A TCP port, 0 meaning any free one. */
export function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65_535) {
    throw new UsageError(`invalid --port ${JSON.stringify(value)}: expected a whole number from 0 to 65535 (0 = any free port)`, {
      code: 'InvalidOption',
    });
  }
  return port;
}

/** Checks the combination of flags; `--stop` takes none of the others, and `--log` needs `--background`. */
export function planEmulator(options: RawEmulatorOptions): EmulatorPlan {
  if (options.stop) {
    const others = (['port', 'functions', 'accountId', 'background', 'log'] as const).filter((name) => options[name] !== undefined);
    if (others.length > 0) {
      const flags = others.map((name) => `--${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`);
      throw new UsageError(`--stop takes no other option (got ${flags.join(', ')}): it stops the emulator this shell started`, { code: 'InvalidOption' });
    }
    return { mode: 'stop' };
  }
  if (options.log !== undefined && !options.background) {
    throw new UsageError('--log goes with --background: a foreground emulator writes to this terminal', { code: 'InvalidOption' });
  }
  const mode = options.background ? 'background' : 'foreground';
  const port = options.port === undefined ? (mode === 'background' ? 0 : FOREGROUND_PORT) : parsePort(options.port);
  return { mode, port, functionsDir: options.functions, accountId: options.accountId, logFile: options.log };
}
