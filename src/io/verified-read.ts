// Reading a file as the snapshot taken when it was opened, and nothing else: each stream
// checks at its start and end that the file is still the same (device, inode, size,
// modification time), that it gave exactly the snapshot's byte count, and that its
// SHA-256 matches the first complete read. It holds its last chunk back until all of that
// holds, so a short or altered event never reaches the service complete.
import { createHash } from 'node:crypto';
import { close, fstat, open, read, type BigIntStats } from 'node:fs';
import { Readable } from 'node:stream';
import { UsageError } from '../errors.js';
import { groupDigits } from './event-size.js';
import { streamed } from './flat-memory.js';

/** What a file was when the event was opened. */
export interface FileSnapshot {
  path: string;
  /** For messages: the path, or `standard input` for a spooled copy. */
  label: string;
  dev: bigint;
  ino: bigint;
  size: number;
  mtimeNs: bigint;
  /** SHA-256 (hex) of the bytes, once a complete read or the spooling established it. */
  sha256: string | null;
}

/** The snapshot of `path` from its (bigint) stat. */
export function takeSnapshot(path: string, label: string, info: BigIntStats, sha256: string | null = null): FileSnapshot {
  return { path, label, dev: info.dev, ino: info.ino, size: Number(info.size), mtimeNs: info.mtimeNs, sha256 };
}

/** The usage error (exit 2) for a file that is no longer its snapshot. */
export function eventFileChanged(label: string, why: string): UsageError {
  return new UsageError(
    `the event file ${label} changed while it was read (${why}); nothing complete was sent: leave it unchanged until fcinvoke ends, or send a copy`,
    { code: 'EventFileChanged' },
  );
}

function difference(snapshot: FileSnapshot, now: BigIntStats): string | null {
  if (now.dev !== snapshot.dev || now.ino !== snapshot.ino) return 'it was replaced by another file';
  if (Number(now.size) !== snapshot.size) return `it was ${groupDigits(snapshot.size)} bytes, now ${groupDigits(Number(now.size))}`;
  if (now.mtimeNs !== snapshot.mtimeNs) return 'it was written to';
  return null;
}

const CHUNK = 64 * 1024;

/** A fresh verified read of the snapshot; a complete one records the snapshot's SHA-256. */
export function openVerifiedRead(snapshot: FileSnapshot): Readable {
  return new VerifiedRead(snapshot);
}

/**
 * Reads the whole snapshot once, verified, for its SHA-256 (hex). Its chunks are counted as
 * streamed like the send pass's, or a 32 MiB file's dead chunks pile up before the send.
 */
export async function hashSnapshot(snapshot: FileSnapshot): Promise<string> {
  if (snapshot.sha256 === null) {
    // Iteration rejects on any outcome but a complete verified read, which records the digest.
    for await (const chunk of openVerifiedRead(snapshot) as AsyncIterable<Buffer>) streamed(chunk.length);
  }
  return String(snapshot.sha256);
}

class VerifiedRead extends Readable {
  private fd: number | null = null;
  private position = 0;
  private held: Buffer | null = null;
  private readonly hash = createHash('sha256');
  /** File system calls in flight on `fd`: closing it under them could hit a reused descriptor. */
  private busy = 0;
  private afterBusy: (() => void) | null = null;

  constructor(private readonly snapshot: FileSnapshot) {
    super({ highWaterMark: CHUNK });
  }

  override _construct(callback: (error?: Error | null) => void): void {
    open(this.snapshot.path, 'r', (error, fd) => {
      if (error) {
        const why = error.code === 'ENOENT' ? 'it was removed' : `it cannot be opened again: ${error.code ?? error.message}`;
        return callback(eventFileChanged(this.snapshot.label, why));
      }
      this.fd = fd;
      this.check((failure) => callback(failure));
    });
  }

  override _read(): void {
    this.readNext();
  }

  /** Reads the next chunk and sends the one before it; the first is only held. */
  private readNext(): void {
    // A reader that stopped early (the service answered before the body was sent) destroyed it.
    if (this.destroyed || this.fd === null) return;
    const fd = this.fd;
    const remaining = this.snapshot.size - this.position;
    if (remaining === 0) return this.finish();
    const buffer = Buffer.allocUnsafe(Math.min(CHUNK, remaining));
    this.busy++;
    read(fd, buffer, 0, buffer.length, this.position, (error, bytes) => {
      this.settle();
      if (this.destroyed) return;
      if (error) return this.destroy(new UsageError(`cannot read the event file ${this.snapshot.label}: ${error.code ?? error.message}`, { code: 'EventFileUnreadable' }));
      if (bytes === 0) return this.destroy(eventFileChanged(this.snapshot.label, `it ended after ${groupDigits(this.position)} of ${groupDigits(this.snapshot.size)} bytes`));
      const chunk = buffer.subarray(0, bytes);
      this.position += bytes;
      this.hash.update(chunk);
      const previous = this.held;
      this.held = chunk;
      if (previous === null) this.readNext();
      else this.push(previous);
    });
  }

  /** At the end: same file, same hash as before; only then the last chunk goes out. */
  private finish(): void {
    this.check((failure) => {
      if (this.destroyed) return;
      if (failure) return this.destroy(failure);
      const digest = this.hash.digest('hex');
      if (this.snapshot.sha256 !== null && digest !== this.snapshot.sha256) {
        return this.destroy(eventFileChanged(this.snapshot.label, 'its content is not what was read before'));
      }
      this.snapshot.sha256 = digest;
      if (this.held) this.push(this.held);
      this.held = null;
      this.push(null);
    });
  }

  private check(done: (failure: Error | null) => void): void {
    this.busy++;
    fstat(this.fd as number, { bigint: true }, (error, now) => {
      this.settle();
      if (error) return done(error);
      const why = difference(this.snapshot, now);
      done(why ? eventFileChanged(this.snapshot.label, why) : null);
    });
  }

  private settle(): void {
    this.busy--;
    if (this.busy === 0 && this.afterBusy) {
      const then = this.afterBusy;
      this.afterBusy = null;
      then();
    }
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.held = null;
    const fd = this.fd;
    if (fd === null) return callback(error);
    this.fd = null;
    const closeFd = () => close(fd, () => callback(error));
    if (this.busy > 0) this.afterBusy = closeFd;
    else closeFd();
  }
}
