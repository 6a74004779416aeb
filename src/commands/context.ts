// What every command gets from the process boundary (cli.ts), so commands never reach
// for `process` themselves and tests can run them in-process.
import type { Readable, Writable } from 'node:stream';
import type { Secrets } from '../fc/redact.js';
import type { Terminal } from '../ui/terminal.js';
import { OutputWriteError } from '../errors.js';
import { isReaderGone } from '../io/checked-writer.js';

export interface CommandContext {
  stdin: Readable & { isTTY?: boolean };
  stdout: Writable & { isTTY?: boolean };
  stderr: Writable & { isTTY?: boolean };
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  home: string;
  /** Aborted on SIGINT / SIGTERM / SIGHUP. */
  signal: AbortSignal;
  /**
   * Aborted on a second signal: cut what is still in flight and write out only what is
   * done; the process leaves soon after (cli.ts). Absent where nothing can send a second one.
   */
  urgent?: AbortSignal | undefined;
  now: () => Date;
  /** This process's ID, for what io/ names after it (a temp file beside an `-o` target). */
  pid: number;
  version: string;
  /** The secrets of this run (credentials, signatures sent), scrubbed from whatever is printed last. */
  secrets: Secrets;
  /** Who is watching: colour per stream, spinner, live progress, line breaks (decided once, in cli.ts). */
  terminal: Terminal;
  /** How to start this fcinvoke again (`emulator --background`): the Node.js binary and the script it ran. */
  self?: { execPath: string; script: string };
}

/**
 * Writes to a stream and resolves once it took the text; rejects with an OutputWriteError
 * (exit 6) when the write failed. A reader that went away (EPIPE, `| head`) is no failure,
 * and neither is a failing stderr: notes for people have nowhere else to go.
 */
export function writeText(stream: Writable, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    if (text === '') return resolve();
    stream.write(text, (error) => {
      if (!error || isReaderGone(stream, error) || isStderr(stream)) resolve();
      else reject(new OutputWriteError({ path: null, cause: error }));
    });
  });
}

/** Node's process.stderr carries its descriptor number. */
function isStderr(stream: Writable): boolean {
  return (stream as Writable & { fd?: number }).fd === 2;
}

