// The two ways to write an `-o` path: atomically (a private temp file beside the target,
// checked to hold every byte before it is renamed into place) for regular files, and
// straight into the node for devices, FIFOs and open descriptors, which cannot be renamed over.
// fs.promises loads on first use; importing node:fs/promises would load it on every start.
import { randomBytes } from 'node:crypto';
import { constants, promises as fsp, type promises } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { OutputWriteError, UsageError } from '../errors.js';
import { pour, type ChunkDestination } from './checked-writer.js';
import { onCleanup } from './cleanup.js';
import type { OutputSink } from './sink.js';
import type { OutputTargetKind } from './output-target.js';

type FileHandle = promises.FileHandle;

export interface FileSinkOptions {
  /** Ends the wait for a FIFO's reader (e.g. on Ctrl-C); rejects with the signal's reason. */
  signal?: AbortSignal | undefined;
  /**
   * The caller's process ID, named in the temp file beside the target so that one left
   * behind says whose it was; without it, a random tag takes its place.
   */
  pid?: number | undefined;
}

function openFailure(target: string, error: unknown): UsageError {
  const code = (error as NodeJS.ErrnoException).code;
  const why =
    code === 'ENOENT' ? 'its folder does not exist' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'ENXIO' ? 'nothing can be written there' : (error as Error).message;
  return new UsageError(`cannot write the output file ${target}: ${why}`, { code: 'OutputUnwritable' });
}

function fileDestination(handle: FileHandle, path: string): ChunkDestination {
  return {
    path,
    async write(chunk) {
      for (let offset = 0; offset < chunk.length; ) {
        const { bytesWritten } = await handle.write(chunk, offset, chunk.length - offset);
        offset += bytesWritten;
      }
    },
  };
}

/** A regular or missing file: temp file, size check, rename. */
export async function atomicSink(target: string, options: Pick<FileSinkOptions, 'pid'> = {}): Promise<OutputSink> {
  const owner = options.pid ?? randomBytes(4).toString('hex');
  const temp = join(dirname(target), `.${basename(target)}.fcinvoke-${owner}-${Date.now().toString(36)}.tmp`);
  let handle: FileHandle;
  try {
    handle = await fsp.open(temp, 'wx', 0o644);
  } catch (error) {
    // procfs and sysfs refuse new files with ENOENT though the folder is there.
    const folderExists = (error as NodeJS.ErrnoException).code === 'ENOENT' && (await fsp.stat(dirname(target)).then((d) => d.isDirectory(), () => false));
    if (folderExists) throw new UsageError(`cannot write the output file ${target}: its folder takes no new files`, { code: 'OutputUnwritable' });
    throw openFailure(target, error);
  }
  const unregister = onCleanup(async () => {
    await handle.close().catch(() => {});
    await fsp.rm(temp, { force: true });
  });
  let written = 0;
  let failure: unknown = null;
  let committed = false;
  return {
    path: target,
    lastByte: () => null,
    async write(body) {
      if (failure) throw failure;
      try {
        written += (await pour(body, fileDestination(handle, target))).bytes;
      } catch (error) {
        failure = error;
        throw error;
      }
    },
    async commit() {
      if (failure) throw failure;
      try {
        await handle.close();
        const { size } = await fsp.stat(temp);
        if (size !== written) throw new Error(`only ${size} of ${written} bytes reached the file`);
        await fsp.rename(temp, target);
      } catch (error) {
        failure = error instanceof OutputWriteError ? error : new OutputWriteError({ path: target, cause: error });
        throw failure;
      }
      committed = true;
      unregister();
    },
    async abort() {
      if (committed) return;
      await handle.close().catch(() => {});
      await fsp.rm(temp, { force: true });
      unregister();
    },
  };
}

/**
 * A device, FIFO or open descriptor: opened for appending (no create, no truncate), so a
 * `/dev/stdout` that the shell opened keeps what was already written to it. A FIFO is
 * opened only when the result is ready, once a reader is there.
 */
export async function directSink(target: string, kind: Exclude<OutputTargetKind, 'atomic'>, options: FileSinkOptions): Promise<OutputSink> {
  const flags = constants.O_WRONLY | constants.O_APPEND;
  let handle: FileHandle | null = null;
  try {
    if (kind === 'fifo') await fsp.access(target, constants.W_OK);
    else handle = await fsp.open(target, flags);
  } catch (error) {
    throw openFailure(target, error);
  }
  let last: number | null = null;
  const close = async () => {
    const open = handle;
    handle = null;
    await open?.close();
  };
  return {
    path: target,
    lastByte: () => last,
    async write(body: Readable | Buffer) {
      try {
        handle ??= await openFifo(target, flags, options.signal);
      } catch (error) {
        if (options.signal?.aborted) throw error;
        throw new OutputWriteError({ path: target, cause: error });
      }
      const result = await pour(body, fileDestination(handle, target));
      last = result.lastByte ?? last;
    },
    async commit() {
      try {
        await close();
      } catch (error) {
        throw new OutputWriteError({ path: target, cause: error });
      }
    },
    async abort() {
      await close().catch(() => {});
    },
  };
}

const READER_POLL_MS = 50;

/**
 * Opens a FIFO for writing once it has a reader. A blocking open would wait inside libuv's
 * thread pool where no signal can reach it, so the reader is looked for without blocking
 * (ENXIO: none yet); once one is there the FIFO is opened for real, blocking (which then
 * returns at once), before the probe is closed: a reader never sees all writers leave.
 */
async function openFifo(target: string, flags: number, signal: AbortSignal | undefined): Promise<FileHandle> {
  for (;;) {
    signal?.throwIfAborted();
    let probe: FileHandle;
    try {
      probe = await fsp.open(target, flags | constants.O_NONBLOCK);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENXIO') throw error;
      await new Promise((resolve) => setTimeout(resolve, READER_POLL_MS));
      continue;
    }
    try {
      return await fsp.open(target, flags);
    } finally {
      await probe.close();
    }
  }
}
