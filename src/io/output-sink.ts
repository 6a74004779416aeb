// Where the result goes: standard output, streamed byte-exact, or a file written
// atomically (a temp file in the same folder, renamed into place only when complete).
// fs.promises loads on first use; importing node:fs/promises would load it on every start.
import { createWriteStream, promises as fsp } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { UsageError } from '../errors.js';
import { onCleanup } from './cleanup.js';

export interface OutputSink {
  /** Streams the whole body in. */
  write(body: Readable | Buffer): Promise<void>;
  /** Makes the result visible (rename for files). */
  commit(): Promise<void>;
  /** Removes anything half-written. */
  abort(): Promise<void>;
  /** The file written, or null for stdout. */
  path: string | null;
  /** The last byte written, or null when nothing was (lets a terminal get a tidy line break). */
  lastByte(): number | null;
}

/** Ignores EPIPE: a reader that stopped early (e.g. `| head`) is not a failure. */
function isClosedPipe(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'EPIPE';
}

export function stdoutSink(stdout: Writable): OutputSink {
  let last: number | null = null;
  const remember = (chunk: Buffer) => {
    if (chunk.length > 0) last = chunk[chunk.length - 1] ?? null;
  };
  return {
    path: null,
    lastByte: () => last,
    async write(body) {
      try {
        if (Buffer.isBuffer(body)) {
          remember(body);
          if (body.length > 0) await new Promise<void>((resolve, reject) => stdout.write(body, (e) => (e ? reject(e) : resolve())));
        } else {
          body.on('data', remember);
          await pipeline(body, stdout, { end: false });
        }
      } catch (error) {
        if (!isClosedPipe(error)) throw error;
      }
    },
    async commit() {},
    async abort() {},
  };
}

/**
 * Opens the temp file before anything is sent, so that an unwritable folder is a usage
 * error (exit 2) and not a lost result after the function already ran.
 */
export async function atomicFileSink(target: string): Promise<OutputSink> {
  const dir = dirname(target);
  try {
    if ((await fsp.stat(target)).isDirectory()) {
      throw new UsageError(`output path is a directory: ${target}; give a file name`, { code: 'OutputUnwritable' });
    }
  } catch (error) {
    if (error instanceof UsageError) throw error;
  }
  const temp = join(dir, `.${basename(target)}.fcinvoke-${process.pid}-${Date.now().toString(36)}.tmp`);
  try {
    await (await fsp.open(temp, 'wx', 0o644)).close();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'its folder does not exist' : code === 'EACCES' ? 'permission denied' : (error as Error).message;
    throw new UsageError(`cannot write the output file ${target}: ${why}`, { code: 'OutputUnwritable' });
  }
  const unregister = onCleanup(() => fsp.rm(temp, { force: true }));
  let done = false;
  return {
    path: target,
    lastByte: () => null,
    async write(body) {
      const out = createWriteStream(temp);
      if (Buffer.isBuffer(body)) {
        await new Promise<void>((resolve, reject) => {
          out.once('error', reject);
          out.end(body, () => resolve());
        });
      } else {
        await pipeline(body, out);
      }
    },
    async commit() {
      await fsp.rename(temp, target);
      done = true;
      unregister();
    },
    async abort() {
      if (!done) await fsp.rm(temp, { force: true });
      unregister();
    },
  };
}
