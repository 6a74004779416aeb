// An event of unknown length (standard input, a FIFO, a procfs file) read to its end first,
// since the service needs Content-Length: in memory while small, beyond that in a private
// temp file, so memory stays flat. Hashed while it is read, for FC 3.0's signed body hash.
// fs.promises loads on first use; importing node:fs/promises would load it on every start.
import { createHash } from 'node:crypto';
import { promises as fsp, type promises } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { UsageError } from '../errors.js';
import { onCleanup } from './cleanup.js';
import { bufferEventSource, type EventSource } from './event-buffer.js';
import { toSizeLimit, tooLargeError, type SizeLimit } from './event-size.js';
import { streamed } from './flat-memory.js';
import { openVerifiedRead, takeSnapshot } from './verified-read.js';

/** Up to this much stays in memory; beyond it the event spills to a private temp file. */
const IN_MEMORY_LIMIT = 1024 * 1024;

export interface SpoolOptions {
  /** Stops reading (e.g. on Ctrl-C or SIGHUP): the copy is removed, the signal's reason thrown. */
  signal?: AbortSignal | undefined;
}

interface Spill {
  dir: string;
  file: string;
  handle: promises.FileHandle;
}

async function startSpill(): Promise<Spill> {
  const dir = await fsp.mkdtemp(join(tmpdir(), 'fcinvoke-event-'));
  const file = join(dir, 'event');
  return { dir, file, handle: await fsp.open(file, 'wx', 0o600) };
}

function spillFailure(label: string, error: unknown): UsageError {
  const code = (error as NodeJS.ErrnoException).code;
  return new UsageError(`cannot keep a copy of the event from ${label} in ${tmpdir()} (${code ?? (error as Error).message}): free space there or set TMPDIR`, {
    code: 'EventSpoolFailed',
    cause: error,
  });
}

/** Reads `input` to its end within the limit; the result re-opens without reading `input` again. */
export async function spoolEventSource(input: Readable, label: string, limit: number | SizeLimit, options: SpoolOptions = {}): Promise<EventSource> {
  const { signal } = options;
  const max = toSizeLimit(limit).bytes;
  const hash = createHash('sha256');
  const chunks: Buffer[] = [];
  let size = 0;
  let spill: Spill | undefined;
  let unregister: () => void = () => {};
  const removeSpill = async () => {
    if (!spill) return;
    await spill.handle.close().catch(() => {});
    await fsp.rm(spill.dir, { recursive: true, force: true });
  };
  const stop = () => input.destroy(signal?.reason as Error);
  signal?.addEventListener('abort', stop, { once: true });
  try {
    signal?.throwIfAborted();
    for await (const chunk of input as AsyncIterable<Buffer>) {
      streamed(chunk.length);
      size += chunk.length;
      if (size > max) throw tooLargeError(label, null, limit);
      hash.update(chunk);
      if (!spill && size > IN_MEMORY_LIMIT) {
        const started = await startSpill().catch((error: unknown) => Promise.reject(spillFailure(label, error)));
        spill = started;
        unregister = onCleanup(removeSpill);
        for (const held of chunks.splice(0)) await writeWhole(started.handle, held, label);
      }
      if (spill) await writeWhole(spill.handle, chunk, label);
      else chunks.push(chunk);
    }
    await spill?.handle.close().catch((error: unknown) => Promise.reject(spillFailure(label, error)));
  } catch (error) {
    input.destroy();
    await removeSpill();
    unregister();
    if (signal?.aborted) throw signal.reason;
    if (error instanceof UsageError) throw error;
    throw new UsageError(`cannot read the event from ${label}: ${(error as Error).message}`, { code: 'EventUnreadable', cause: error });
  } finally {
    signal?.removeEventListener('abort', stop);
  }
  const digest = hash.digest('hex');
  if (!spill) return bufferEventSource(Buffer.concat(chunks), label, limit, digest);
  const snapshot = takeSnapshot(spill.file, label, await fsp.stat(spill.file, { bigint: true }), digest);
  return {
    size,
    open: () => openVerifiedRead(snapshot),
    sha256: async () => digest,
    dispose: async () => {
      unregister();
      await removeSpill();
    },
    label,
  };
}

async function writeWhole(handle: promises.FileHandle, chunk: Buffer, label: string): Promise<void> {
  try {
    for (let offset = 0; offset < chunk.length; ) offset += (await handle.write(chunk, offset, chunk.length - offset)).bytesWritten;
  } catch (error) {
    throw spillFailure(label, error);
  }
}
