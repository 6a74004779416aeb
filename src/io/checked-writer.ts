// Pouring a result into a destination with every write checked: a failure of the
// destination becomes an OutputWriteError (told apart from a failure of the source, which
// passes through unchanged), and a reader that went away ends the output quietly.
import { Writable, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { OutputWriteError } from '../errors.js';

/** Where bytes go: one chunk at a time, each resolved only once the destination took it. */
export interface ChunkDestination {
  /** The file written, or null for standard output (for messages). */
  path: string | null;
  /** Writes one chunk whole; rejects with the system error when it cannot. */
  write(chunk: Buffer): Promise<void>;
  /** The stream behind the destination, if any: tells a later write on a stream EPIPE destroyed. */
  stream?: Writable;
}

export interface PourResult {
  /** Bytes the destination took. */
  bytes: number;
  /** The last byte written, or null when nothing was. */
  lastByte: number | null;
  /** True when the reader went away before the end (EPIPE). */
  readerGone: boolean;
}

/** True when `error` says the reader went away (EPIPE), also on a stream that EPIPE already destroyed. */
export function isReaderGone(stream: Writable | null | undefined, error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EPIPE') return true;
  return code === 'ERR_STREAM_DESTROYED' && (stream?.errored as NodeJS.ErrnoException | null | undefined)?.code === 'EPIPE';
}

/** Thrown inside the pipe to stop reading once the reader is gone; never leaves this module. */
class ReaderGoneSignal extends Error {}

/**
 * Writes `body` (a stream or a buffer) to `destination`. Resolves with what was written;
 * rejects with an OutputWriteError when the destination failed, or with the source's own
 * error (e.g. a transport failure while the result streams in).
 */
export async function pour(body: Readable | Buffer, destination: ChunkDestination): Promise<PourResult> {
  const result: PourResult = { bytes: 0, lastByte: null, readerGone: false };
  const writeChecked = async (chunk: Buffer): Promise<void> => {
    if (chunk.length === 0) return;
    try {
      await destination.write(chunk);
    } catch (error) {
      if (isReaderGone(destination.stream, error)) throw new ReaderGoneSignal();
      throw new OutputWriteError({ path: destination.path, cause: error });
    }
    result.bytes += chunk.length;
    result.lastByte = chunk[chunk.length - 1] ?? null;
  };
  try {
    if (Buffer.isBuffer(body)) await writeChecked(body);
    else {
      const sink = new Writable({
        write(chunk: Buffer, _encoding, callback) {
          writeChecked(chunk).then(() => callback(), callback);
        },
      });
      await pipeline(body, sink);
    }
  } catch (error) {
    if (!(error instanceof ReaderGoneSignal)) throw error;
    result.readerGone = true;
  }
  return result;
}

/** A destination writing to a Node stream, e.g. process.stdout, waiting for each write's callback. */
export function streamDestination(stream: Writable): ChunkDestination {
  return {
    path: null,
    stream,
    write: (chunk) =>
      new Promise((resolve, reject) => {
        try {
          stream.write(chunk, (error) => (error ? reject(error) : resolve()));
        } catch (error) {
          reject(error);
        }
      }),
  };
}
