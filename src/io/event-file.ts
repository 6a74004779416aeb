// `-d FILE`: a regular file is snapshotted when opened and streamed from disk, each attempt
// verified against the snapshot; anything whose size the file system cannot vouch for
// (FIFOs, devices, procfs and sysfs files) is read to its end first, like standard input.
// fs.promises loads on first use; importing node:fs/promises would load it on every start.
import { createReadStream, promises as fsp, type BigIntStats, type Stats } from 'node:fs';
import { UsageError } from '../errors.js';
import type { EventSource } from './event-buffer.js';
import { toSizeLimit, tooLargeError, type SizeLimit } from './event-size.js';
import { spoolEventSource, type SpoolOptions } from './event-spool.js';
import { hashSnapshot, openVerifiedRead, takeSnapshot } from './verified-read.js';

/**
 * The stat of an input path given on the command line (`-d`, `--batch`), or a UsageError
 * naming the problem: missing, unreadable, or a directory.
 */
export async function statInputPath(path: string, noun: 'event' | 'batch'): Promise<Stats>;
export async function statInputPath(path: string, noun: 'event' | 'batch', options: { bigint: true }): Promise<BigIntStats>;
export async function statInputPath(path: string, noun: 'event' | 'batch', options?: { bigint: true }): Promise<Stats | BigIntStats> {
  let info: Stats | BigIntStats;
  try {
    info = options ? await fsp.stat(path, options) : await fsp.stat(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UsageError(`${noun} file not found: ${path}${noun === 'event' ? inlineHint(path) : ''}`, { code: 'EventFileNotFound' });
    if (code === 'EACCES') throw new UsageError(`${noun} file not readable (permission denied): ${path}`, { code: 'EventFileUnreadable' });
    throw new UsageError(`cannot read ${noun} file ${path}: ${(error as Error).message}`, { code: 'EventFileUnreadable' });
  }
  if (info.isDirectory()) throw new UsageError(`${noun} path is a directory, not a file: ${path}`, { code: 'EventFileUnreadable' });
  return info;
}

/** curl's and gcloud's -d take data: a missing "file" that reads as inline data was meant for -e. */
function inlineHint(path: string): string {
  const text = path.trim();
  const looksInline = /^[[{"]/.test(text) || /^-?\d+(\.\d+)?$/.test(text) || text === 'true' || text === 'false' || text === 'null' || /\s/.test(text);
  return looksInline ? `; -d takes a file: to send this text as the event, use -e ${quoteArg(path)}` : '';
}

/** The argument as a shell would need it typed again, in single quotes where it must be. */
function quoteArg(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

/**
 * True when a regular file's stat size can be trusted as its byte count: it has data on
 * disk. procfs reports 0 and sysfs 4096 whatever the content, and neither has blocks.
 */
function sizeIsTrustworthy(info: BigIntStats): boolean {
  return info.size > 0n && info.blocks > 0n;
}

/** The event of `-d PATH`, checked and sized before any connection is opened. */
export async function fileEventSource(path: string, limit: number | SizeLimit, options: SpoolOptions = {}): Promise<EventSource> {
  const info = await statInputPath(path, 'event', { bigint: true });
  // A FIFO or device has no size, and opening a FIFO here would wait for its writer.
  if (!info.isFile()) return spoolEventSource(createReadStream(path), path, limit, options);
  const trusted = sizeIsTrustworthy(info);
  if (trusted && Number(info.size) > toSizeLimit(limit).bytes) throw tooLargeError(`event file ${path}`, Number(info.size), limit);
  // Fail now, not mid-request, when the file cannot be opened.
  try {
    await (await fsp.open(path, 'r')).close();
  } catch (error) {
    throw new UsageError(`event file not readable: ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'})`, {
      code: 'EventFileUnreadable',
    });
  }
  if (!trusted) return spoolEventSource(createReadStream(path), path, limit, options);
  const snapshot = takeSnapshot(path, path, info);
  return {
    size: snapshot.size,
    open: () => openVerifiedRead(snapshot),
    sha256: () => hashSnapshot(snapshot),
    dispose: async () => {},
    label: path,
  };
}
