// What every command gets from the process boundary (cli.ts), so commands never reach
// for `process` themselves and tests can run them in-process.
import type { Readable, Writable } from 'node:stream';
import type { Secrets } from '../fc/redact.js';

export interface CommandContext {
  stdin: Readable & { isTTY?: boolean };
  stdout: Writable & { isTTY?: boolean };
  stderr: Writable & { isTTY?: boolean };
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  home: string;
  /** Aborted on SIGINT / SIGTERM. */
  signal: AbortSignal;
  now: () => Date;
  version: string;
  /** The secrets of this run (credentials, signatures sent), scrubbed from whatever is printed last. */
  secrets: Secrets;
  /** How to start this fcinvoke again (`emulator --background`): the Node.js binary and the script it ran. */
  self?: { execPath: string; script: string };
}

/** Writes to a stream and waits for it to be flushed (ignoring a reader that went away). */
export function writeText(stream: Writable, text: string): Promise<void> {
  return new Promise((resolve) => {
    if (text === '') return resolve();
    stream.write(text, () => resolve());
  });
}
