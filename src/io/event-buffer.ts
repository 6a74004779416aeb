// What every event source offers (size up front, fresh streams for retries, the SHA-256
// for FC 3.0's signed body hash), and the simplest one: bytes already in memory.
import { hash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { tooLargeError, type SizeLimit, toSizeLimit } from './event-size.js';

export interface EventSource {
  /** Byte length, known before anything is sent. */
  size: number;
  /**
   * A fresh stream (or buffer) of the whole event; callable again for a retry. Each one
   * sends exactly the bytes of the first: a file that changed fails the stream with a
   * UsageError `EventFileChanged` before its last chunk.
   */
  open(): Readable | Buffer;
  /** SHA-256 of the event's bytes, lower-case hex (FC 3.0 signs it); the same for every open(). */
  sha256(): Promise<string>;
  /** Removes any temporary file. */
  dispose(): Promise<void>;
  /** For messages: `event.json`, `standard input`, `inline event`, `empty event`. */
  label: string;
}

/** SHA-256 of `data`, lower-case hex. */
export function sha256Hex(data: Buffer): string {
  return hash('sha256', data, 'hex');
}

/** An empty event, inline text, or a small spooled input. */
export function bufferEventSource(data: Buffer, label: string, limit: number | SizeLimit, sha256?: string): EventSource {
  if (data.length > toSizeLimit(limit).bytes) throw tooLargeError(label, data.length, limit);
  let digest = sha256;
  return { size: data.length, open: () => data, sha256: async () => (digest ??= sha256Hex(data)), dispose: async () => {}, label };
}
