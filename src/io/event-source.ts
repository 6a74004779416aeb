// Where the event comes from: a file (streamed from disk), standard input (spooled so that
// its size is known before sending, since the service needs Content-Length), inline text,
// or nothing. Every source can be opened again for a retry.
// fs.promises loads on first use; importing node:fs/promises would load it on every start.
import { createReadStream, createWriteStream, promises as fsp, type Stats } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { UsageError } from '../errors.js';
import { onCleanup } from './cleanup.js';
import { streamed } from './flat-memory.js';

export interface EventSource {
  /** Byte length, known before anything is sent. */
  size: number;
  /** A fresh stream (or buffer) of the whole event; callable again for a retry. */
  open(): Readable | Buffer;
  /** Removes any temporary file. */
  dispose(): Promise<void>;
  /** For messages: `event.json`, `standard input`, `inline event`, `empty event`. */
  label: string;
}

/** Formats a byte count for messages: `33554432 bytes (32 MiB)`. */
export function formatBytes(bytes: number): string {
  const mib = bytes / 1024 / 1024;
  const human = mib >= 1 ? `${Number(mib.toFixed(1))} MiB` : `${Number((bytes / 1024).toFixed(1))} KiB`;
  return `${bytes} bytes (${human})`;
}

function tooLarge(label: string, size: number | string, limit: number): UsageError {
  return new UsageError(
    `${label} is ${typeof size === 'number' ? formatBytes(size) : size}, over the ${formatBytes(limit)} limit: shrink it, or raise --max-event-size if your account's quota was raised`,
    { code: 'EventTooLarge' },
  );
}

/** An empty event or inline text. */
export function bufferEventSource(data: Buffer, label: string, limit: number): EventSource {
  if (data.length > limit) throw tooLarge(label, data.length, limit);
  return { size: data.length, open: () => data, dispose: async () => {}, label };
}

/**
 * The stat of an input path given on the command line (`-d`, `--batch`), or a UsageError
 * naming the problem: missing, unreadable, or a directory.
 */
export async function statInputPath(path: string, noun: 'event' | 'batch'): Promise<Stats> {
  let info: Stats;
  try {
    info = await fsp.stat(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UsageError(`${noun} file not found: ${path}`, { code: 'EventFileNotFound' });
    if (code === 'EACCES') throw new UsageError(`${noun} file not readable (permission denied): ${path}`, { code: 'EventFileUnreadable' });
    throw new UsageError(`cannot read ${noun} file ${path}: ${(error as Error).message}`, { code: 'EventFileUnreadable' });
  }
  if (info.isDirectory()) throw new UsageError(`${noun} path is a directory, not a file: ${path}`, { code: 'EventFileUnreadable' });
  return info;
}

/** A regular file, checked and sized before any connection is opened; streamed on send. */
export async function fileEventSource(path: string, limit: number): Promise<EventSource> {
  const info = await statInputPath(path, 'event');
  if (!info.isFile()) {
    // A FIFO or device has no size: read it like standard input.
    return spoolEventSource(createReadStream(path), path, limit);
  }
  if (info.size > limit) throw tooLarge(`event file ${path}`, info.size, limit);
  // Fail now, not mid-request, when the file cannot be opened.
  try {
    await (await fsp.open(path, 'r')).close();
  } catch (error) {
    throw new UsageError(`event file not readable: ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'})`, {
      code: 'EventFileUnreadable',
    });
  }
  const size = info.size;
  return {
    size,
    // `end` pins the length: a file that grows while being sent cannot break Content-Length.
    open: () => (size === 0 ? Buffer.alloc(0) : createReadStream(path, { start: 0, end: size - 1 })),
    dispose: async () => {},
    label: path,
  };
}

/** Up to this much stays in memory; beyond it the event spills to a private temp file. */
const IN_MEMORY_LIMIT = 1024 * 1024;

/**
 * Reads a stream of unknown length with the size cap, in memory while small and in a
 * private temp file beyond that, so memory stays flat for large events.
 */
export async function spoolEventSource(input: Readable, label: string, limit: number): Promise<EventSource> {
  const chunks: Buffer[] = [];
  let size = 0;
  let spill: { dir: string; file: string; out: NodeJS.WritableStream & { close?: () => void } } | undefined;
  let unregister: () => void = () => {};
  const removeSpill = async () => {
    if (spill) await fsp.rm(spill.dir, { recursive: true, force: true });
  };
  try {
    for await (const chunk of input as AsyncIterable<Buffer>) {
      streamed(chunk.length);
      size += chunk.length;
      if (size > limit) throw tooLarge(label, `more than ${formatBytes(limit)}`, limit);
      if (!spill && size > IN_MEMORY_LIMIT) {
        const dir = await fsp.mkdtemp(join(tmpdir(), 'fcinvoke-event-'));
        const file = join(dir, 'event');
        spill = { dir, file, out: createWriteStream(file, { mode: 0o600 }) };
        unregister = onCleanup(removeSpill);
        await pipeline(Readable.from(chunks), spill.out, { end: false });
        chunks.length = 0;
      }
      if (spill) {
        if (!spill.out.write(chunk)) await new Promise((resolve) => spill?.out.once('drain', resolve));
      } else {
        chunks.push(chunk);
      }
    }
    if (spill) {
      const out = spill.out;
      await new Promise<void>((resolve, reject) => {
        out.once('error', reject);
        out.end(() => resolve());
      });
    }
  } catch (error) {
    input.destroy();
    await removeSpill();
    unregister();
    if (error instanceof UsageError) throw error;
    throw new UsageError(`cannot read the event from ${label}: ${(error as Error).message}`, { code: 'EventUnreadable' });
  }
  if (!spill) return bufferEventSource(Buffer.concat(chunks), label, limit);
  const { file } = spill;
  const total = size;
  return {
    size: total,
    open: () => createReadStream(file, { start: 0, end: total - 1 }),
    dispose: async () => {
      unregister();
      await removeSpill();
    },
    label,
  };
}

export interface EventInput {
  data?: string | undefined;
  event?: string | undefined;
  /** Standard input, asked for only when the event comes from it (creating it costs start-up). */
  stdin: () => Readable & { isTTY?: boolean };
  limit: number;
}

/** Chooses the source from `-d`/`-e`; refuses an interactive terminal as stdin. */
export async function openEventSource(input: EventInput): Promise<EventSource> {
  if (input.data !== undefined && input.event !== undefined) {
    throw new UsageError('give the event once: -d/--data or -e/--event, not both', { code: 'ConflictingFlags' });
  }
  if (input.event !== undefined) return bufferEventSource(Buffer.from(input.event, 'utf8'), 'inline event', input.limit);
  if (input.data === undefined) return bufferEventSource(Buffer.alloc(0), 'empty event', input.limit);
  if (input.data === '') throw new UsageError('-d/--data needs a file path, or - for standard input', { code: 'MissingArgument' });
  if (input.data === '-') {
    const stdin = input.stdin();
    if (stdin.isTTY) {
      throw new UsageError('-d - reads the event from standard input, which is a terminal: pipe or redirect the event in (e.g. -d - < event.json), or use -d FILE', {
        code: 'StdinIsTerminal',
      });
    }
    return spoolEventSource(stdin, 'standard input', input.limit);
  }
  return fileEventSource(input.data, input.limit);
}
