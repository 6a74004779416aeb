// The events of the programmatic API (api.ts): text, bytes or a stream of known length,
// checked against the size limit and, for an API that signs the body (FC 3.0), hashed before
// the headers leave.
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { UsageError } from '../errors.js';
import { formatBytes, sha256Hex } from '../io/event-source.js';

/** A stream of known length: re-opened for each attempt (`open`), or sent once (`stream`). */
export type LibraryStreamEvent = { size: number; open: () => Readable; sha256?: (() => Promise<string>) | undefined } | { size: number; stream: Readable };

/** Text (sent as UTF-8), bytes, or a stream of known length. */
export type LibraryEvent = string | Uint8Array | LibraryStreamEvent;

/** An event ready to send: its size, a body for each attempt, and whether there can be more than one. */
export interface PreparedEvent {
  size: number;
  open: () => Readable | Buffer | null;
  reopenable: boolean;
  /** Lower-case hex SHA-256 of the bytes, for an API that signs the body; undefined otherwise and for an empty body. */
  sha256?: string | undefined;
}

/** Checks the event and its size against `limit`; a UsageError (EventTooLarge, InvalidEvent) otherwise. */
export function prepareEvent(event: LibraryEvent | undefined, limit: number): PreparedEvent {
  let prepared: PreparedEvent;
  if (event === undefined) prepared = { size: 0, open: () => null, reopenable: true };
  else if (typeof event === 'string' || event instanceof Uint8Array) {
    const bytes = typeof event === 'string' ? Buffer.from(event, 'utf8') : Buffer.from(event.buffer, event.byteOffset, event.byteLength);
    prepared = { size: bytes.length, open: () => (bytes.length === 0 ? null : bytes), reopenable: true };
  } else if ('open' in event && typeof event.open === 'function') {
    prepared = { size: event.size, open: () => (event.size === 0 ? null : event.open()), reopenable: true };
  } else if ('stream' in event) {
    prepared = { size: event.size, open: () => event.stream, reopenable: false };
  } else {
    throw new UsageError('invalid event: give a string, bytes, or {size, open} / {size, stream}', { code: 'InvalidEvent' });
  }
  if (typeof prepared.size !== 'number' || !Number.isSafeInteger(prepared.size) || prepared.size < 0) {
    throw new UsageError(`invalid event size ${String(prepared.size)}: expected a whole number of bytes`, { code: 'InvalidOption' });
  }
  if (prepared.size > limit) {
    throw new UsageError(`the event is ${formatBytes(prepared.size)}, over the ${formatBytes(limit)} limit: shrink it, or raise maxEventSize if your account's quota was raised`, {
      code: 'EventTooLarge',
    });
  }
  return prepared;
}

function sizeMismatch(read: number, size: number): UsageError {
  return new UsageError(`the event's stream gave ${read} bytes, but its size says ${size}: give the size of exactly the bytes it gives`, { code: 'EventSizeMismatch' });
}

/** Every chunk of `stream`, hashed (and kept when `keep`), checked against `size`. */
async function readAll(stream: Readable, size: number, keep: boolean): Promise<{ sha256: string; chunks: Buffer[] }> {
  const hash = createHash('sha256');
  const chunks: Buffer[] = [];
  let read = 0;
  for await (const chunk of stream as AsyncIterable<Buffer | string>) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    read += bytes.length;
    if (read > size) {
      stream.destroy();
      throw sizeMismatch(read, size);
    }
    hash.update(bytes);
    if (keep) chunks.push(bytes);
  }
  if (read !== size) throw sizeMismatch(read, size);
  return { sha256: hash.digest('hex'), chunks };
}

/**
 * The event with the SHA-256 an API that signs the body needs before the headers leave:
 * of the bytes themselves; the stream's own `sha256()` when it has one; else a first pass
 * over a fresh `open()` (each attempt then opens it again). A one-shot `stream` is read
 * into memory to be hashed, and is then sent (and may be retried) from there.
 */
export async function hashedEvent(event: LibraryEvent | undefined, prepared: PreparedEvent): Promise<PreparedEvent> {
  if (prepared.size === 0 || event === undefined) return prepared;
  if (typeof event === 'string' || event instanceof Uint8Array) {
    const body = prepared.open();
    return { ...prepared, sha256: sha256Hex(Buffer.isBuffer(body) ? body : Buffer.alloc(0)) };
  }
  if ('open' in event) {
    const sha256 = event.sha256 ? await event.sha256() : (await readAll(event.open(), prepared.size, false)).sha256;
    return { ...prepared, sha256 };
  }
  const { sha256, chunks } = await readAll(event.stream, prepared.size, true);
  const body = Buffer.concat(chunks);
  return { size: body.length, open: () => body, reopenable: true, sha256 };
}
